"""Spin: machine-spun copies detected with their evidence, and their likely original
wording (from an aligned original, or from the spin lexicon without one)."""

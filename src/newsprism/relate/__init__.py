"""Who copied whom: passage alignment between related articles."""

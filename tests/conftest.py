"""Shared fixtures: where the read-only shared material and the sample corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLE_CORPUS = REPO / "examples" / "corpus"
CHECK_DOSSIER = SHARED / "tools" / "check_dossier.py"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the real sample articles are not at {SEEDS} (../shared is absent)")
    return SEEDS


@pytest.fixture
def check_dossier_tool() -> Path:
    if not CHECK_DOSSIER.is_file():
        pytest.skip(f"the dossier checker is not at {CHECK_DOSSIER} (../shared is absent)")
    return CHECK_DOSSIER

"""The house plan (docs/architecture.md), checked on the code's own imports: arrows run one
way, the analysis packages never import each other, no private name crosses a file, and no
source file grows past the size a reader can hold."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsprism"

# Floors from the top down: a module may import its own room and anything on a lower floor,
# never a higher one. Rooms on the analysis floor never import each other.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("__main__", "cli", "web", "eval", "__init__"),
    ("api",),
    ("ingest",),
    ("pipeline",),
    ("stages",),
    (
        "clean",
        "relate",
        "spin",
        "quotes",
        "entities",
        "claims",
        "brief",
        "store",
        "dossier",
        "readers",
    ),
    ("text", "sources", "config"),
    ("model", "errors", "about", "unionfind"),
)
ANALYSIS_FLOOR = 5
MAX_LINES = 800


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _floor(room: str) -> int:
    for number, rooms in enumerate(FLOORS):
        if room in rooms:
            return number
    raise AssertionError(f"room {room!r} is on no floor of the plan: add it to FLOORS")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1] if len(parts) > 2 else [*parts[:-1], "__init__"]
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every ``newsprism`` import, at any depth (lazy ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "newsprism" or node.module.startswith("newsprism."):
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("newsprism"):
                    found.append((alias.name, [], node.lineno))
    return found


def test_arrows_run_one_way_and_analysis_packages_never_import_each_other() -> None:
    wrong = []
    for module, path in sorted(_modules().items()):
        room = _room(module)
        for target, names, line in _imports(path):
            targets = [target]
            if target == "newsprism":  # "from newsprism import api": the room is the name
                targets = [f"newsprism.{n}" for n in names]
            for imported in targets:
                other = _room(imported)
                if other == room:
                    continue
                here, there = _floor(room), _floor(other)
                if there < here or (there == here == ANALYSIS_FLOOR):
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} {room} -> {other}")
    assert not wrong, "arrows against the plan:\n" + "\n".join(wrong)


def test_no_private_name_is_imported_from_another_file() -> None:
    private = []
    for _module, path in sorted(_modules().items()):
        for target, names, line in _imports(path):
            for name in names:
                if name.startswith("_") and not name.startswith("__"):
                    private.append(f"{path.relative_to(PACKAGE)}:{line} {target}.{name}")
    assert not private, "private names imported across files:\n" + "\n".join(private)


def test_no_source_file_is_longer_than_a_reader_can_hold() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"files over {MAX_LINES} lines (split them by topic): {long}"

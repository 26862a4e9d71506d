"""newsprism: read every version of a news story at once."""

from __future__ import annotations

from newsprism.about import __version__

__all__ = ["__version__", "analyze"]


def __getattr__(name: str) -> object:
    # Lazy so that `import newsprism` stays cheap for the CLI's --help.
    if name == "analyze":
        from newsprism.api import analyze

        return analyze
    raise AttributeError(name)

"""newsprism: read every version of a news story at once."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyze"]


def __getattr__(name: str) -> object:
    # Lazy so that `import newsprism` stays cheap for the CLI's --help.
    if name == "analyze":
        from newsprism.api import analyze

        return analyze
    raise AttributeError(name)

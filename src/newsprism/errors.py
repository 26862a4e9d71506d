"""Errors with stable codes. E1xx input, E2xx store, E3xx configuration, E4xx evaluation.

A code never changes meaning; messages name the file (and line) and say what to do.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "E100": "input file not found",
    "E101": "input is empty",
    "E102": "input is binary, not text",
    "E103": "input is larger than the size limit",
    "E104": "input could not be decoded as text",
    "E105": "invalid JSON line",
    "E106": "JSON line has neither 'text' nor 'html'",
    "E107": "HTML could not be parsed or held no text",
    "E108": "WARC file is malformed or truncated",
    "E109": "input could not be read",
    "E110": "article has no body text after cleaning",
    "E111": "JSON line has a field of the wrong type",
    "E112": "article took longer than the per-article time budget",
    "E199": "unexpected failure while processing one input",
    "E200": "store URL is not supported",
    "E201": "store could not be opened",
    "E202": "store schema is newer than this newsprism",
    "E203": "store write failed",
    "E204": "not in the store",
    "E205": "store schema is older than this newsprism (reading never migrates)",
    "E300": "invalid configuration",
    "E400": "unknown evaluation set",
    "E401": "evaluation data not found",
}


class NewsprismError(Exception):
    """An error a user can act on. ``code`` is stable; ``str()`` gives code and message."""

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

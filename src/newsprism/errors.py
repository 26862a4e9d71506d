"""Errors with stable codes. E1xx input, E2xx store, E3xx configuration, E4xx evaluation.

``ErrorCode`` is the closed vocabulary of codes (mypy rejects a misspelt code passed to
``NewsprismError``) and ``ERRORS`` the one table of what each code means, what it does to
a run and what the user should do; ``docs/errors.md`` is its page for users.
A code never changes meaning; messages name the file (and line) and say what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ErrorCode = Literal[
    "E100",
    "E101",
    "E102",
    "E103",
    "E104",
    "E105",
    "E106",
    "E107",
    "E108",
    "E109",
    "E110",
    "E111",
    "E112",
    "E199",
    "E200",
    "E201",
    "E202",
    "E203",
    "E204",
    "E205",
    "E300",
    "E301",
    "E302",
    "E400",
    "E401",
]

# The command-line exit statuses these errors end a command with (cli.py lists them all).
EXIT_USAGE = 2
EXIT_STORE = 4


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """What one error code means and does.

    ``rejects_input``: the code is reported as an input error (a record in the dossier's
    ``errors``) and the run goes on with the other inputs; the command then exits 1, or 3
    when no article could be read. ``exit_code``: the status the command stops with when
    the code is raised instead (None: the code never stops a command).
    """

    meaning: str
    rejects_input: bool
    exit_code: int | None
    action: str

    @property
    def stops_command(self) -> bool:
        return self.exit_code is not None


ERRORS: dict[ErrorCode, ErrorInfo] = {
    "E100": ErrorInfo(
        "input file not found",
        rejects_input=True,
        exit_code=EXIT_USAGE,  # `ingest` checks every path before it starts
        action="Check the path; `analyze` reads the other inputs, `ingest` reads nothing.",
    ),
    "E101": ErrorInfo(
        "input is empty",
        rejects_input=True,
        exit_code=None,
        action="Remove the empty file or feed line, or give it the article.",
    ),
    "E102": ErrorInfo(
        "input is binary, not text",
        rejects_input=True,
        exit_code=None,
        action="Pass text, Markdown, HTML, JSON Lines or WARC files only.",
    ),
    "E103": ErrorInfo(
        "input is larger than the size limit",
        rejects_input=True,
        exit_code=None,
        action="If it is a real article, raise the limit the message names (max_article_bytes, "
        "max_page_bytes, max_file_bytes or max_jsonl_line_bytes; NEWSPRISM_MAX_ARTICLE_BYTES, "
        "...); otherwise remove it.",
    ),
    "E104": ErrorInfo(
        "input could not be decoded as text",
        rejects_input=True,
        exit_code=None,
        action="Convert the file to UTF-8 and retry.",
    ),
    "E105": ErrorInfo(
        "invalid JSON line",
        rejects_input=True,
        exit_code=None,
        action="Fix or remove the line: each line of a feed is one JSON object.",
    ),
    "E106": ErrorInfo(
        "JSON line has neither 'text' nor 'html'",
        rejects_input=True,
        exit_code=None,
        action="Give the line a 'text' or an 'html' field holding the article.",
    ),
    "E107": ErrorInfo(
        "HTML could not be parsed or held no text",
        rejects_input=True,
        exit_code=None,
        action="Check that the page is an article; save it after it has loaded, or pass "
        "its text instead.",
    ),
    "E108": ErrorInfo(
        "WARC file is malformed or truncated",
        rejects_input=True,
        exit_code=None,
        action="Fetch or write the WARC file again; the records before the damage were read.",
    ),
    "E109": ErrorInfo(
        "input could not be read",
        rejects_input=True,
        exit_code=None,
        action="Check the file's permissions, and that a .gz file is gzip and complete.",
    ),
    "E110": ErrorInfo(
        "article has no body text after cleaning",
        rejects_input=True,
        exit_code=None,
        action="Check that the input is an article and not a page of links or menus.",
    ),
    "E111": ErrorInfo(
        "JSON line has a field of the wrong type",
        rejects_input=True,
        exit_code=None,
        action="Make the field the message names a JSON string.",
    ),
    "E112": ErrorInfo(
        "article took longer than the per-article time budget",
        rejects_input=True,
        exit_code=None,
        action="Report the article (no input should be this slow). The budget has two "
        "limits and the message names the one hit: max_article_seconds of the article's "
        "own CPU time (waiting for a core does not count), and max_article_wall_seconds on "
        "the clock for an article blocked without using CPU (0, the default: 10 times "
        "max_article_seconds). To read the article meanwhile raise that limit; "
        "max_article_seconds 0 lifts both.",
    ),
    "E199": ErrorInfo(
        "unexpected failure while processing one input",
        rejects_input=True,
        exit_code=None,
        action="Report it with the input the message names; the other inputs were read.",
    ),
    "E200": ErrorInfo(
        "store URL is not supported",
        rejects_input=False,
        exit_code=EXIT_STORE,
        action="Use sqlite:///PATH.db, a path ending in .db, or postgresql://USER@HOST/DB.",
    ),
    "E201": ErrorInfo(
        "store could not be opened",
        rejects_input=False,
        exit_code=EXIT_STORE,
        action="Check the URL and that the database is there and reachable; reading "
        "commands never create a store (`analyze` or `ingest` does).",
    ),
    "E202": ErrorInfo(
        "store schema is newer than this newsprism",
        rejects_input=False,
        exit_code=EXIT_STORE,
        action="Upgrade newsprism to the version that wrote the store.",
    ),
    "E203": ErrorInfo(
        "store write failed",
        rejects_input=False,
        exit_code=EXIT_STORE,
        action="Free disk space or fix the database server, then re-run: earlier batches are kept.",
    ),
    "E204": ErrorInfo(
        "not in the store",
        rejects_input=False,
        exit_code=EXIT_STORE,
        action="Check the id (`newsprism db stories`, the dossier) and the store URL.",
    ),
    "E205": ErrorInfo(
        "store schema is older than this newsprism (reading never migrates)",
        rejects_input=False,
        exit_code=EXIT_STORE,
        action="Run `newsprism db upgrade --db URL` (or any ingest into the store) first.",
    ),
    "E300": ErrorInfo(
        "invalid configuration",
        rejects_input=False,
        exit_code=EXIT_USAGE,
        action="Fix the setting, option or config file the message names.",
    ),
    "E301": ErrorInfo(
        "output folder cannot be written",
        rejects_input=False,
        exit_code=EXIT_USAGE,
        action="Give --out a folder you can write (not a file, not on read-only media).",
    ),
    "E302": ErrorInfo(
        "address to serve on cannot be used",
        rejects_input=False,
        exit_code=EXIT_USAGE,
        action="Stop what already listens on the port, or pass another --port / --host.",
    ),
    "E400": ErrorInfo(
        "unknown evaluation set",
        rejects_input=False,
        exit_code=EXIT_USAGE,
        action="Use one of the evaluation sets the message lists.",
    ),
    "E401": ErrorInfo(
        "evaluation data not found",
        rejects_input=False,
        exit_code=EXIT_USAGE,
        action="Pass --data DIR holding the set's files (default ../shared/datasets/NAME).",
    ),
}


class NewsprismError(Exception):
    """An error a user can act on. ``code`` is stable; ``str()`` gives code and message."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        if code not in ERRORS:
            raise ValueError(f"unknown error code {code}")
        super().__init__(f"{code}: {message}")
        self.code: ErrorCode = code
        self.message = message

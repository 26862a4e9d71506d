"""Settings, layered: defaults < config file (TOML) < environment (NEWSPRISM_*) < arguments.

Each setting is declared once with its type and a check, so a bad value from any layer is
reported with where it came from (error E300).

Stage options: each stage file declares ``Options``, a frozen dataclass whose fields are
made with :func:`option` (default, check, help). A config file sets them in a
``[stages.NAME]`` table, the environment as ``NEWSPRISM_STAGES__NAME__KEY``; they are read
here as :class:`OptionValue` records that remember where they came from, and checked by
:func:`build_options` against the stage's ``Options`` when the pipeline is built (this
floor does not know the stages: ``pipeline.stage_options`` hands each stage's class in).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from newsprism.errors import NewsprismError

ENV_PREFIX = "NEWSPRISM_"
STAGES_ENV_PREFIX = ENV_PREFIX + "STAGES__"  # NEWSPRISM_STAGES__RELATE__MIN_SIMILARITY
OptionsT = TypeVar("OptionsT")


@dataclass(frozen=True, slots=True)
class Check:
    """The values a stage option accepts: a number (a whole one for ``integer``) within
    inclusive bounds, or, with ``boolean``, true or false."""

    integer: bool
    low: float | None = None
    high: float | None = None
    boolean: bool = False

    def describe(self) -> str:
        if self.boolean:
            return "true or false"
        kind = "an integer" if self.integer else "a number"
        if self.low is not None and self.high is not None:
            return f"{kind} between {self.low:g} and {self.high:g}"
        if self.low is not None:
            return f"{kind} of at least {self.low:g}"
        if self.high is not None:
            return f"{kind} of at most {self.high:g}"
        return kind

    def accept(self, value: Any, from_text: bool) -> int | float | None:
        """The value as the option's type, or None when it is not acceptable. Text (an
        environment variable) is parsed; a config file's values must have the type."""
        if self.boolean:
            if from_text and isinstance(value, str):
                value = _TRUTH.get(value.strip().lower())
            return value if isinstance(value, bool) else None
        if from_text and isinstance(value, str):
            try:
                value = int(value) if self.integer else float(value)
            except ValueError:
                return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if self.integer and not isinstance(value, int):
            return None
        number: int | float = value if self.integer else float(value)
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            return None
        return number


_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def boolean() -> Check:
    return Check(False, boolean=True)


def integer(low: float | None = None, high: float | None = None) -> Check:
    return Check(True, low, high)


def number(low: float | None = None, high: float | None = None) -> Check:
    return Check(False, low, high)


def option(default: Any, check: Check, help: str) -> Any:
    """A field of a stage's ``Options``: its default (today's constant), its check and a
    line of help for the docs."""
    return field(default=default, metadata={"check": check, "help": help})


@dataclass(frozen=True, slots=True)
class OptionValue:
    """One stage option as a layer set it, and where: a file name, an environment
    variable or "arguments"."""

    stage: str
    key: str
    value: Any
    origin: str

    @property
    def from_text(self) -> bool:
        return self.origin.startswith(STAGES_ENV_PREFIX)


def stage_values(tables: Mapping[str, Any], origin: str = "arguments") -> tuple[OptionValue, ...]:
    """``{stage: {key: value}}`` (a config file's ``[stages]`` table, or a caller's own) as
    option values from ``origin``."""
    if not isinstance(tables, Mapping):
        raise NewsprismError("E300", f"{origin}: [stages] must be a table of stage tables")
    found: list[OptionValue] = []
    for stage, table in tables.items():
        if not isinstance(table, Mapping):
            raise NewsprismError(
                "E300", f"{origin}: [stages.{stage}] must be a table of options, got {table!r}"
            )
        found.extend(OptionValue(stage, key, value, origin) for key, value in table.items())
    return tuple(found)


def _env_stage_values(env: Mapping[str, str]) -> tuple[OptionValue, ...]:
    found = []
    for name in sorted(env):
        if not name.startswith(STAGES_ENV_PREFIX):
            continue
        stage, _, key = name[len(STAGES_ENV_PREFIX) :].partition("__")
        if not stage or not key:
            raise NewsprismError(
                "E300", f"{name}: stage options are named {STAGES_ENV_PREFIX}STAGE__KEY"
            )
        found.append(OptionValue(stage.lower(), key.lower(), env[name], name))
    return tuple(found)


def build_options(options_type: type[OptionsT], values: Sequence[OptionValue]) -> OptionsT:
    """A stage's ``Options`` with ``values`` (later ones win) checked against the
    declaration of each field: an unknown key or a bad value is error E300 naming where it
    was set and the key."""
    declared = {f.name: f for f in fields(options_type)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for item in values:
        where = f"{item.origin}: [stages.{item.stage}]"
        if item.key not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise NewsprismError(
                "E300", f"{where} unknown option {item.key!r}; options of this stage: {known}"
            )
        check: Check = declared[item.key].metadata["check"]
        accepted = check.accept(item.value, item.from_text)
        if accepted is None:
            raise NewsprismError(
                "E300", f"{where} {item.key} must be {check.describe()}, got {item.value!r}"
            )
        changes[item.key] = accepted
    return replace(options_type(), **changes)  # type: ignore[type-var]


def _positive(value: int) -> bool:
    return value > 0


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and thresholds of a run; see README "Limits" for what each one protects."""

    max_file_bytes: int = 64 * 1024**2
    # One article's text and one HTML page (readers/documents.py says why these sizes).
    max_article_bytes: int = 1_000_000
    max_jsonl_line_bytes: int = 16 * 1024**2
    max_page_bytes: int = 8 * 1024**2
    recurring_line_min_articles: int = 3
    # CPU seconds one per-article stage may spend on one article (0: no limit); an article
    # over it is a recorded error (E112) and the batch goes on. CPU time, so that waiting
    # for a core on a busy machine does not count against the article.
    max_article_seconds: int = 10
    # The wall-clock safety net for an article blocked without using CPU (0: ten times
    # max_article_seconds).
    max_article_wall_seconds: int = 0
    # Stage options from every layer, in order (checked when the pipeline is built).
    stage_options: tuple[OptionValue, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _LIMIT_NAMES}
        if self.stage_options:  # recorded with the run; absent when nothing was set
            data["stages"] = {}
            for item in self.stage_options:
                data["stages"].setdefault(item.stage, {})[item.key] = item.value
        return data


_LIMIT_NAMES = tuple(f.name for f in fields(Settings) if f.name != "stage_options")
_CHECKS: dict[str, Callable[[int], bool]] = {
    "max_file_bytes": _positive,
    "max_article_bytes": _positive,
    "max_jsonl_line_bytes": _positive,
    "max_page_bytes": _positive,
    "recurring_line_min_articles": lambda v: v >= 2,
    "max_article_seconds": lambda v: v >= 0,
    "max_article_wall_seconds": lambda v: v >= 0,
}


def _coerce(name: str, value: Any, origin: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NewsprismError(
            "E300", f"{origin}: {name} must be an integer, got {value!r}"
        ) from None
    if isinstance(value, bool) or not _CHECKS[name](number):
        raise NewsprismError("E300", f"{origin}: {name} has an invalid value {value!r}")
    return number


def _apply(settings: Settings, values: Mapping[str, Any], origin: str) -> Settings:
    known = set(_LIMIT_NAMES)
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key not in known:
            raise NewsprismError(
                "E300", f"{origin}: unknown setting {key!r}; known: {', '.join(sorted(known))}"
            )
        changes[key] = _coerce(key, value, origin)
    return replace(settings, **changes)


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve the layers in order. A config file holds a ``[newsprism]`` table and
    ``[stages.NAME]`` tables of stage options."""
    settings = Settings()
    options: list[OptionValue] = []
    if config_file is not None:
        try:
            data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise NewsprismError("E300", f"{config_file}: cannot read config: {exc}") from None
        settings = _apply(settings, data.get("newsprism", {}), str(config_file))
        options.extend(stage_values(data.get("stages", {}), str(config_file)))
    env = os.environ if environ is None else environ
    from_env = {
        name: env[ENV_PREFIX + name.upper()]
        for name in _LIMIT_NAMES
        if ENV_PREFIX + name.upper() in env
    }
    settings = _apply(settings, from_env, "environment")
    options.extend(_env_stage_values(env))
    settings = _apply(settings, overrides or {}, "command line")
    return replace(settings, stage_options=(*settings.stage_options, *options))

"""Settings, layered: defaults < config file (TOML) < environment (NEWSPRISM_*) < arguments.

Each setting is declared once with its type and a check, so a bad value from any layer is
reported with where it came from (error E300).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError

ENV_PREFIX = "NEWSPRISM_"


def _positive(value: int) -> bool:
    return value > 0


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and thresholds of a run; see README "Limits" for what each one protects."""

    max_file_bytes: int = 64 * 1024**2
    max_article_bytes: int = 8 * 1024**2
    max_jsonl_line_bytes: int = 16 * 1024**2
    recurring_line_min_articles: int = 3
    # Seconds one per-article stage may spend on one article (0: no limit); an article
    # over it is a recorded error (E112) and the batch goes on.
    max_article_seconds: int = 10

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_CHECKS: dict[str, Callable[[int], bool]] = {
    "max_file_bytes": _positive,
    "max_article_bytes": _positive,
    "max_jsonl_line_bytes": _positive,
    "recurring_line_min_articles": lambda v: v >= 2,
    "max_article_seconds": lambda v: v >= 0,
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
    known = {f.name for f in fields(Settings)}
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
    """Resolve the layers in order. A config file holds a ``[newsprism]`` table."""
    settings = Settings()
    if config_file is not None:
        try:
            data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise NewsprismError("E300", f"{config_file}: cannot read config: {exc}") from None
        settings = _apply(settings, data.get("newsprism", {}), str(config_file))
    env = os.environ if environ is None else environ
    from_env = {
        f.name: env[ENV_PREFIX + f.name.upper()]
        for f in fields(Settings)
        if ENV_PREFIX + f.name.upper() in env
    }
    settings = _apply(settings, from_env, "environment")
    return _apply(settings, overrides or {}, "command line")

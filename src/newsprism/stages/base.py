"""The stage contract: named, versioned steps over an iterator of records.

Modelled on datatrove's pipeline steps and spaCy's registered components: a stage declares
what it requires and produces, takes records and yields records, and counts every removal
or drop under a reason in the run context.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from newsprism.model import Article, InputError

Record = Any  # RawDocument | ExtractedDocument | Article | InputError


@dataclass
class RunContext:
    """Shared, mutable state of one run: limits, counters and corpus statistics."""

    config: dict[str, Any] = field(default_factory=dict)
    drops: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)
    # Findings that look across a batch (stories, relations), keyed by the stage that made them.
    results: dict[str, Any] = field(default_factory=dict)
    # Line statistics from earlier runs: (outlet, fingerprint) -> content hashes seen with it.
    line_stats: Callable[[str, str], frozenset[str]] | None = None
    # The store of earlier runs, for stages that relate a batch to it (read-only here).
    store: Any = None

    def count_drop(self, reason: str) -> None:
        self.drops[reason] += 1


class Stage(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    produces: ClassVar[frozenset[str]]
    # The stage file's ``Options``: the thresholds a user may tune (config.py checks them).
    options_type: ClassVar[type[Any]]
    options: Any

    def __init__(self, options: Any = None) -> None: ...

    def model_used(self) -> str | None: ...

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]: ...


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a stage with nothing a user tunes."""


class StageBase:
    """Holds a stage's options: an instance of its ``options_type`` (the defaults when
    none are given). Options are frozen dataclasses, so a stage built in a worker process
    from pickled options behaves as the one built here."""

    options_type: ClassVar[type[Any]] = NoOptions

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.options_type()

    def model_used(self) -> str | None:
        """The model this stage uses where what is installed decides (None: no such)."""
        return None


_REGISTRY: dict[str, type[Stage]] = {}


def register(cls: type[Stage]) -> type[Stage]:
    """Class decorator: make a stage available to the pipeline by its name."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"stage {cls.name!r} registered twice")
    _REGISTRY[cls.name] = cls
    return cls


def registered() -> dict[str, type[Stage]]:
    return dict(_REGISTRY)


class ArticleOverTime(BaseException):
    """Raised by the time budget's alarm inside a stage. A BaseException, so that no
    stage's own ``except Exception`` takes it for a failure of its own. ``stuck`` tells
    the wall-clock safety net from the CPU budget."""

    def __init__(self, stuck: bool = False) -> None:
        super().__init__(stuck)
        self.stuck = stuck


# The wall-clock safety net when none is set: this many times the CPU budget. Waiting for
# a core on a loaded machine never comes near it; an article blocked on something does.
WALL_CLOCK_FACTOR = 10


@contextlib.contextmanager
def time_budget(cpu_seconds: float, wall_seconds: float = 0) -> Iterator[None]:
    """Raise ``ArticleOverTime`` in this thread when the block has used ``cpu_seconds`` of
    this thread's CPU time (0: no budget), or has run ``wall_seconds`` on the clock (0:
    ``WALL_CLOCK_FACTOR`` times the CPU budget). CPU time is the article's own work: the
    time the block waits for a core on a busy machine does not count.

    The process CPU timer (``ITIMER_PROF``) goes off when the whole process has used the
    budget, which is never before this thread has; the handler then reads this thread's
    own CPU time and sets the timer again for what is left. A timer signal interrupts
    pure-Python loops and CPython's regular expressions alike (checked: a catastrophic
    backtrack stops on time). Signals reach the main thread only, so elsewhere (a library
    caller's thread) there is no budget."""
    if cpu_seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    wall_seconds = wall_seconds or cpu_seconds * WALL_CLOCK_FACTOR
    cpu_at_start = time.thread_time()

    def on_cpu_timer(_signum: int, _frame: Any) -> None:
        left = cpu_seconds - (time.thread_time() - cpu_at_start)
        if left <= 0:
            raise ArticleOverTime(stuck=False)
        signal.setitimer(signal.ITIMER_PROF, max(left, 0.001))

    def on_wall_timer(_signum: int, _frame: Any) -> None:
        raise ArticleOverTime(stuck=True)

    previous_cpu = signal.signal(signal.SIGPROF, on_cpu_timer)
    previous_wall = signal.signal(signal.SIGALRM, on_wall_timer)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    signal.setitimer(signal.ITIMER_REAL, wall_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous_cpu)
        signal.signal(signal.SIGALRM, previous_wall)


@dataclass(frozen=True, slots=True)
class Budget:
    """The per-article time budget: CPU seconds, and the wall-clock safety net."""

    cpu_seconds: float
    wall_seconds: float

    @classmethod
    def of(cls, config: dict[str, Any]) -> Budget:
        cpu = float(config.get("max_article_seconds", 0) or 0)
        wall = float(config.get("max_article_wall_seconds", 0) or 0)
        return cls(cpu, wall or cpu * WALL_CLOCK_FACTOR)

    def exceeded(self, over: ArticleOverTime) -> str:
        if over.stuck:
            return (
                f"was still running after {self.wall_seconds:g} s on the clock (the "
                "per-article time budget's wall-clock safety net: setting "
                f"max_article_wall_seconds, {WALL_CLOCK_FACTOR} times max_article_seconds "
                "when unset)"
            )
        return (
            f"used more than {self.cpu_seconds:g} s of CPU time on this article (the "
            "per-article time budget, setting max_article_seconds)"
        )


# The stages that have had an article run over their CPU budget in this process. The
# first article that needs a model (py3langid's, trafilatura's parsers) pays for loading
# it, which is not that article's work: the first article of a stage over budget is run
# once more, with everything loaded, before it is judged.
_RETRIED: set[str] = set()


def _timed(transform: Callable[[Any], Record], record: Any, doing: str, budget: Budget) -> Any:
    try:
        with time_budget(budget.cpu_seconds, budget.wall_seconds):
            return transform(record)
    except ArticleOverTime as over:
        if over.stuck or doing in _RETRIED:
            raise
        _RETRIED.add(doing)
    with time_budget(budget.cpu_seconds, budget.wall_seconds):
        return transform(record)


def map_records(
    records: Iterable[Record],
    ctx: RunContext,
    accepts: type | tuple[type, ...],
    transform: Callable[[Any], Record],
    doing: str,
) -> Iterator[Record]:
    """Apply ``transform`` to each record of type ``accepts``; pass the others through.

    A failure on one record becomes an ``InputError`` for that record (its NewsprismError
    code, or E199 for anything unexpected) and the batch goes on; so does a record whose
    own work takes longer than the per-article time budget (``max_article_seconds`` of
    CPU time, or ``max_article_wall_seconds`` on the clock; E112).
    """
    from newsprism.errors import NewsprismError

    budget = Budget.of(ctx.config)
    for record in records:
        if not isinstance(record, accepts):
            yield record
            continue
        line = getattr(record, "line", None)
        source = getattr(record, "source", "<unknown>")
        where = f"{source}:{line}" if line is not None else source
        try:
            result = _timed(transform, record, doing, budget)
        except ArticleOverTime as over:
            ctx.count_drop("rejected-E112")
            yield InputError(
                source, line, "E112", f"{where}: {doing} {budget.exceeded(over)}; skipped"
            )
            continue
        except NewsprismError as exc:
            ctx.count_drop(f"rejected-{exc.code}")
            yield InputError(source, line, exc.code, exc.message)
            continue
        except Exception as exc:  # one bad input must not end the batch
            ctx.count_drop("rejected-E199")
            yield InputError(
                source,
                line,
                "E199",
                f"{where}: unexpected failure while {doing} ({type(exc).__name__}: {exc}); "
                "please report it with this input",
            )
            continue
        yield result


def ahead_in_groups(
    records: Iterable[Record],
    accepts: type | tuple[type, ...],
    size: int,
    before: Callable[[list[Any]], None],
) -> Iterator[Record]:
    """``records`` unchanged and in order, ``before`` called on each group of up to
    ``size`` records of type ``accepts`` before any of them is passed on: work a group
    shares done ahead (one parse for its sentences). ``before`` only warms caches, so a
    failure in it is ignored: each record's own work meets it again and reports it."""
    held: list[Record] = []
    group: list[Any] = []
    for record in records:
        held.append(record)
        if isinstance(record, accepts):
            group.append(record)
            if len(group) >= size:
                _warm(before, group)
                yield from held
                held, group = [], []
    if group:
        _warm(before, group)
    yield from held


def _warm(before: Callable[[list[Any]], None], group: list[Any]) -> None:
    with contextlib.suppress(Exception):  # the records' own work meets it again
        before(group)


def batch_result(ctx: RunContext, stage: str, compute: Callable[[], Any], empty: Any) -> Any:
    """Run a batch-wide computation; a failure is recorded as a run error (E199) and the
    stage's result is ``empty``, so one bad article never costs the whole dossier."""
    try:
        return compute()
    except Exception as exc:  # the batch's articles are still written and reported
        ctx.count_drop(f"stage-failed-{stage}")
        ctx.errors.append(
            InputError(
                "<batch>",
                None,
                "E199",
                f"stage {stage!r} failed on this batch ({type(exc).__name__}: {exc}); its "
                "sections are empty; please report it with the inputs",
            )
        )
        return empty


class BatchStage(StageBase):
    """A stage that looks across the whole batch (relations, entities, claims).

    It holds the batch's records until its input ends, computes its findings once through
    ``compute`` (guarded by :func:`batch_result`), stores them in ``ctx.results[name]``
    and passes the records on unchanged.
    """

    name: ClassVar[str]

    def empty(self) -> Any:
        return {}

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        raise NotImplementedError

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        held = list(records)
        articles = list({r.content_hash: r for r in held if isinstance(r, Article)}.values())
        ctx.results[self.name] = batch_result(
            ctx, self.name, lambda: self.compute(articles, ctx), self.empty()
        )
        yield from held

"""Where the per-article work runs: this process, local processes, or a Ray cluster.

One thin interface (``map`` in order, with a bounded number of jobs in flight so memory
stays flat — ``ahead`` asks for at least that many, so workers keep busy while the caller
is busy with results — and ``close``); every executor gives the same results in the same
order, so the same input gives the same stored result whichever runs it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from newsprism.errors import NewsprismError

Job = TypeVar("Job")
Result = TypeVar("Result")
IN_FLIGHT_PER_WORKER = 4


class Executor(Protocol):
    name: str
    workers: int

    def map(
        self, function: Callable[[Any], Any], jobs: Iterable[Any], ahead: int = 0
    ) -> Iterator[Any]: ...
    def close(self) -> None: ...


class InlineExecutor:
    """This process only: no start-up cost, for small inputs and tests."""

    name = "inline"
    workers = 1

    def map(
        self, function: Callable[[Any], Any], jobs: Iterable[Any], ahead: int = 0
    ) -> Iterator[Any]:
        return map(function, jobs)

    def close(self) -> None:
        pass


class LocalExecutor:
    """A pool of local processes (one per core by default), results in input order."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = multiprocessing.get_context(method).Pool(self.workers)

    def map(
        self, function: Callable[[Any], Any], jobs: Iterable[Any], ahead: int = 0
    ) -> Iterator[Any]:
        # imap reads jobs ahead without bound; a window keeps memory flat on huge inputs.
        pending: deque[Any] = deque()
        window = max(self.workers * IN_FLIGHT_PER_WORKER, ahead)
        for job in jobs:
            pending.append(self._pool.apply_async(function, (job,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


class RayExecutor:
    """Tasks on a Ray cluster (``address="auto"`` joins a running one; None starts a
    local one), results in input order, a bounded window of tasks in flight."""

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        try:
            import ray
        except ImportError as exc:
            raise NewsprismError(
                "E300", "the ray executor needs Ray: pip install 'newsprism[ray]'"
            ) from exc
        self._ray = ray
        if not ray.is_initialized():
            ray.init(
                address=address,
                num_cpus=workers if address is None else None,
                include_dashboard=False,
                log_to_driver=False,
                ignore_reinit_error=True,
            )
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._remote: dict[Callable[[Any], Any], Any] = {}

    def map(
        self, function: Callable[[Any], Any], jobs: Iterable[Any], ahead: int = 0
    ) -> Iterator[Any]:
        remote = self._remote.setdefault(function, self._ray.remote(function))
        pending: deque[Any] = deque()
        window = max(self.workers * IN_FLIGHT_PER_WORKER, ahead)
        for job in jobs:
            pending.append(remote.remote(job))
            if len(pending) >= window:
                yield self._ray.get(pending.popleft())
        while pending:
            yield self._ray.get(pending.popleft())

    def close(self) -> None:
        self._ray.shutdown()


def make_executor(name: str, workers: int | None = None, address: str | None = None) -> Executor:
    if name == "local":
        if workers == 1:
            return InlineExecutor()
        return LocalExecutor(workers)
    if name == "inline":
        return InlineExecutor()
    if name == "ray":
        return RayExecutor(workers, address)
    raise NewsprismError("E300", f"unknown executor {name!r}; use local, inline or ray")

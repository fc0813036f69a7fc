"""Who runs the per-document stage: an `--executor` name -> a concurrent.futures.Executor.

The per-document stage (read, extract, map, serialise, validate) needs nothing but a file path, so any
Executor whose `map` keeps the order of its inputs runs the same build: worker processes on this machine
(`process`, the default), or a Dask distributed cluster (`dask://HOST:PORT`, the scheduler's address;
its workers must see the input files at the same paths and have kgbuild installed).
"""
from __future__ import annotations

from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator

PROCESS = "process"


class ExecutorError(ValueError):
    """An --executor that names no executor, or a cluster that cannot be reached."""


def _process_pool(address: str, workers: int) -> Executor | None:
    # one worker: the documents run in this process, which has everything loaded already
    return ProcessPoolExecutor(max_workers=workers) if workers > 1 else None


def _dask(address: str, workers: int) -> Executor:
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError("--executor dask://... needs Dask: pip install 'kgbuild[dask]'") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    return _ClosingExecutor(client.get_executor(), client.close)


class _ClosingExecutor(Executor):
    """An executor that also closes what it runs on (a Dask client) when it is shut down."""

    def __init__(self, executor: Executor, close: Callable[[], None]):
        self._executor, self._close = executor, close

    def submit(self, fn, /, *args, **kwargs):
        return self._executor.submit(fn, *args, **kwargs)

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        return self._executor.map(fn, *iterables, timeout=timeout)

    def shutdown(self, wait=True, *, cancel_futures=False):
        try:
            self._executor.shutdown(wait=wait)
        finally:
            self._close()


# scheme -> (factory(address, workers), what the address is); `process` has no address
EXECUTORS: dict[str, tuple[Callable[[str, int], Executor | None], str]] = {
    PROCESS: (_process_pool, ""),
    "dask": (_dask, "tcp://HOST:PORT of a Dask scheduler"),
}


def parse_executor(spec: str) -> tuple[str, str]:
    """(scheme, address) of an --executor value: `process`, or `dask://HOST:PORT` (also `dask+tcp://...`,
    `dask+tls://...` for a scheduler that wants that protocol)."""
    scheme, sep, rest = spec.partition("://")
    if not sep:
        if spec in EXECUTORS and not EXECUTORS[spec][1]:
            return spec, ""
        raise ExecutorError(f"unknown executor {spec!r} (choose from {', '.join(names())})")
    base, _plus, protocol = scheme.partition("+")
    if base not in EXECUTORS or not EXECUTORS[base][1] or not rest:
        raise ExecutorError(f"unknown executor {spec!r} (choose from {', '.join(names())})")
    return base, f"{protocol or 'tcp'}://{rest}"


def names() -> list[str]:
    return [name if not address else f"{name}://HOST:PORT" for name, (_f, address) in EXECUTORS.items()]


@contextmanager
def executor_for(spec: str, workers: int) -> Iterator[Executor | None]:
    """The executor an --executor value names, shut down on leaving (None: run in this process)."""
    scheme, address = parse_executor(spec)
    executor = EXECUTORS[scheme][0](address, workers)
    try:
        yield executor
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)

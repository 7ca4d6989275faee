"""The local engine: a pool of worker processes on this machine (or, with ``workers=0``, this
process itself), yielding each task's :class:`~callcoach.batch.worker.Outcome` as it finishes.

Workers are started with ``spawn`` (no inherited threads or locks), each set up once by
:func:`~callcoach.batch.worker.init_worker`. At most ``workers`` tasks are in flight, so when a
worker process dies (a native crash, the OOM killer) the suspects are known: they are retried
one at a time, and the one that kills its worker again is recorded as failed while the rest of
the batch goes on. Closing the generator (Ctrl-C, ``fail_fast``) terminates the workers; their
unfinished calls are simply analysed again by the next run.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from callcoach.batch.worker import Backend, Outcome, Task, crash_outcome, init_worker, run_task
from callcoach.errors import CallcoachError


def run_inline(tasks: list[Task], options: Any, backend: Backend) -> Iterator[Outcome]:
    """Analyse in this process, one task after another (tests, debugging, ``--workers 0``)."""
    from callcoach.batch import worker

    saved = dict(worker._worker)
    try:
        init_worker(backend, threads=0, ignore_sigint=False)
        for task in tasks:
            yield run_task(task, options)
    finally:
        worker._worker.clear()
        worker._worker.update(saved)


def run_pool(tasks: list[Task], options: Any, backend: Backend, workers: int, threads: int) -> Iterator[Outcome]:
    """Analyse in ``workers`` processes; outcomes in completion order."""
    ctx = multiprocessing.get_context("spawn")
    pending: deque[Task] = deque(tasks)
    suspects: deque[Task] = deque()  # in flight when a worker died: retried one at a time
    inflight: dict[Future[Outcome], tuple[Task, bool]] = {}
    pool: ProcessPoolExecutor | None = None
    try:
        while pending or suspects or inflight:
            if pool is None:
                pool = _start(ctx, workers, backend, threads)
            try:
                if suspects:
                    if not inflight:
                        fut = pool.submit(run_task, suspects[0], options)
                        inflight[fut] = (suspects.popleft(), True)
                else:
                    while pending and len(inflight) < workers:
                        fut = pool.submit(run_task, pending[0], options)
                        inflight[fut] = (pending.popleft(), False)
            except BrokenProcessPool:
                # a worker died while we were handing out work (the task not submitted stays
                # queued): what it was running shows up below as a broken future
                if not inflight:
                    _stop(pool)
                    pool = None
                    continue
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in sorted(done, key=lambda f: inflight[f][0].key):
                task, alone = inflight.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    broken = True
                    if alone:
                        yield crash_outcome(task)
                    else:
                        suspects.append(task)
            if broken:
                # Every other task in flight died with the pool: retry each alone.
                for _fut, (task, _alone) in sorted(inflight.items(), key=lambda kv: kv[1][0].key):
                    suspects.append(task)
                inflight.clear()
                _stop(pool)
                pool = None
        if pool is not None:
            pool.shutdown(wait=True)  # all done: let the idle workers exit on their own
            pool = None
    finally:
        if pool is not None:  # interrupted, or stopped early: do not wait for unfinished calls
            _stop(pool)


def _ping() -> bool:
    return True


def _start(ctx: Any, workers: int, backend: Backend, threads: int) -> ProcessPoolExecutor:
    """A pool whose workers are known to start: a worker that dies before running anything is
    a broken set-up (not a bad file), and retrying file after file would only hide it."""
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker, initargs=(backend, threads))
    try:
        pool.submit(_ping).result()
    except BrokenProcessPool:
        _stop(pool)
        raise CallcoachError(
            "worker processes could not start (see the messages above); a script that calls run_batch "
            "must do so under `if __name__ == '__main__':`, or use workers=0 to analyse in-process"
        ) from None
    return pool


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: pending tasks cancelled, workers terminated (outputs are written
    atomically, so a call cut short leaves nothing half-written)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        with contextlib.suppress(Exception):  # already stopped
            terminate()
    else:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            if proc.is_alive():
                proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)

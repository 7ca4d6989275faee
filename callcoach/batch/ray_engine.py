"""The Ray engine: the same tasks on Ray actors, on this machine or on a cluster.

Each actor is a worker that holds its models (set up once by
:func:`~callcoach.batch.worker.init_worker`) and runs
:func:`~callcoach.batch.worker.run_task`, i.e. :func:`~callcoach.batch.worker.analyze_one`, for
one call at a time; the driver keeps one call in flight per actor and records results, failures
and state exactly as the local engine does. On a cluster the input and output folders must be on
storage that every node sees under the same path (as for any Ray job over files). An actor that
dies is recorded as a failure of the call it held and replaced.

Ray is optional (``pip install 'callcoach[ray]'``) and imported only here, only when used.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

from callcoach.batch.worker import Backend, Outcome, Task, crash_outcome, init_worker, run_task
from callcoach.errors import CallcoachError

RAY_MISSING = "--engine ray needs `pip install 'callcoach[ray]'` (Ray is not installed)"


def import_ray() -> Any:
    """Ray, or a clear error naming the extra to install."""
    try:
        import ray
    except ImportError:
        raise CallcoachError(RAY_MISSING) from None
    return ray


class Worker:
    """A Ray actor (wrapped with ``ray.remote`` when used) that analyses calls with models it
    loads once."""

    def __init__(self, backend: Backend, threads: int) -> None:
        init_worker(backend, threads, ignore_sigint=False)

    def run(self, task: Task, options: Any) -> Outcome:
        return run_task(task, options)


def _connect(ray: Any, address: str | None, num_cpus: int | None) -> Any:
    if ray.is_initialized():
        return ray
    # Workers must import what the driver imports (callcoach, and a backend's module).
    env = {"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    kwargs: dict[str, Any] = {"log_to_driver": False, "runtime_env": {"env_vars": env}}
    if address is None:
        kwargs.update(num_cpus=num_cpus, include_dashboard=False)
    else:
        kwargs["address"] = address
    try:
        ray.init(**kwargs)
    except ConnectionError as exc:
        raise CallcoachError(f"cannot reach the Ray cluster at {address!r} ({exc}); check --ray-address") from None
    return ray


def run_ray(
    tasks: list[Task], options: Any, backend: Backend, workers: int | None, threads: int, address: str | None = None
) -> Iterator[Outcome]:
    """Analyse on ``workers`` Ray actors (None on a cluster: one per CPU it has, at most one per
    task); outcomes in completion order."""
    ray = import_ray()
    started_here = not ray.is_initialized()
    if workers is None and address is None:
        raise ValueError("a local Ray instance needs a number of workers")
    _connect(ray, address, (workers or 1) * threads if address is None else None)
    if workers is None:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote = ray.remote(num_cpus=threads if address is None else 1)(Worker)
    actors: list[Any] = []
    inflight: dict[Any, tuple[Task, Any]] = {}
    pending = list(reversed(tasks))
    try:
        actors = [remote.remote(backend, threads) for _ in range(max(1, min(workers, len(tasks))))]
        idle = list(actors)
        while pending or inflight:
            while pending and idle:
                actor = idle.pop()
                task = pending.pop()
                inflight[actor.run.remote(task, options)] = (task, actor)
            ready, _ = ray.wait(list(inflight), num_returns=1)
            for ref in ready:
                task, actor = inflight.pop(ref)
                try:
                    outcome = ray.get(ref)
                except ray.exceptions.RayActorError as exc:
                    outcome = crash_outcome(task, type(exc).__name__)
                    ray.kill(actor, no_restart=True)
                    actors.remove(actor)
                    actor = remote.remote(backend, threads)
                    actors.append(actor)
                except ray.exceptions.RayError as exc:
                    outcome = Outcome(task.key, "error", error=f"internal error: {type(exc).__name__}: {exc}")
                idle.append(actor)
                yield outcome
    finally:
        for actor in actors:
            with contextlib.suppress(Exception):  # already gone
                ray.kill(actor, no_restart=True)
        if started_here:
            ray.shutdown()

"""Build many groups in at most one long-lived worker process per core, reporting outcomes in a stable order."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from . import engine
from .pipeline import FAILED, Job, Outcome, Reuse, Run, build_job, plan
from .project import display_path


def cores() -> int:
    """How many cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _preload() -> None:
    """Import the engine before forking so the workers start with it loaded, and keep the collector off the
    loaded modules, so that collections in the workers neither walk them nor copy the pages they share."""
    engine.preload()
    gc.freeze()


def _context():
    # Imported here, since a build of one group needs no pool (and saves their import, a few ms).
    import multiprocessing

    # fork is the cheapest start on Linux (the workers inherit the loaded modules); elsewhere the default.
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _work(run: Run, conn) -> None:
    """A worker process: builds each group it is handed, one at a time, keeping its environments (Reuse) from
    one group to the next, and sends back each outcome; stops when handed None."""
    try:
        reuse = Reuse.start(run.project)
        while True:
            job = conn.recv()
            if job is None:
                return
            conn.send(build_job(run, job, reuse))
    except (EOFError, KeyboardInterrupt):
        return  # the command stopped (Ctrl+C reaches every process): it says so itself


class _Pool:
    """`count` worker processes (_work), each handed one group at a time, so the cores stay busy; a worker
    that dies fails only the group it was building, and another takes its place."""

    def __init__(self, run: Run, count: int) -> None:
        self.run = run
        self.context = _context()
        self.workers: dict[object, tuple] = {}  # connection -> (process, job index or None)
        for _ in range(count):
            self._start()

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_work, args=(self.run, child), daemon=True)
        process.start()
        child.close()
        self.workers[parent] = (process, None)

    def results(self, jobs: list[Job]) -> Iterator[tuple[int, Outcome]]:
        """(index, outcome) for every job, as each finishes."""
        from multiprocessing.connection import wait

        todo = list(enumerate(jobs))[::-1]
        while todo or any(index is not None for _, index in self.workers.values()):
            for conn, (process, index) in list(self.workers.items()):
                if index is None and todo:
                    index, job = todo.pop()
                    self.workers[conn] = (process, index)
                    try:
                        conn.send(job)
                    except OSError:
                        pass  # the process has died: wait() below finds out
            for conn in wait(list(self.workers)):
                process, index = self.workers[conn]
                try:
                    outcome = conn.recv()
                except (EOFError, OSError):
                    # The process died (killed, out of memory): its group failed, a new worker goes on.
                    process.join()
                    del self.workers[conn]
                    conn.close()
                    if todo or not self.workers:
                        self._start()
                    if index is not None:
                        yield index, self._lost(jobs[index], process.exitcode)
                    continue
                self.workers[conn] = (process, None)
                yield index, outcome

    def _lost(self, job: Job, code: int | None) -> Outcome:
        message = f"arbejdsprocessen, der byggede gruppen, stoppede uventet (slutkode {code})"
        return Outcome(display_path(job.path, self.run.project), FAILED, messages=(message,), internal=True)

    def close(self) -> None:
        for conn in self.workers:
            try:
                conn.send(None)
            except OSError:
                pass
        for conn, (process, _) in self.workers.items():
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
            conn.close()


def build_many(run: Run, groups: dict[str, Path], force: bool = False, workers: int | None = None) -> Iterator[Outcome]:
    """Each group's outcome in the order given: up-to-date sites are skipped (pipeline.plan), the rest are built in
    parallel."""
    pending = plan(run, groups, force)
    jobs = [item for item in pending if isinstance(item, Job)]
    count = min(len(jobs), workers or cores())
    if count <= 1:
        reuse = Reuse.start(run.project) if jobs else None
        for item in pending:
            yield build_job(run, item, reuse) if isinstance(item, Job) else item
        return
    _preload()
    pool = _Pool(run, count)
    try:
        done: dict[int, Outcome] = {}
        results = pool.results(jobs)
        index = 0
        for item in pending:
            if isinstance(item, Outcome):
                yield item
                continue
            while index not in done:
                finished, outcome = next(results)
                done[finished] = outcome
            yield done.pop(index)
            index += 1
    finally:
        pool.close()

"""Build many groups in at most one long-lived worker process per core, reporting outcomes in a stable order."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import GroupError
from ..site.overview import Listing
from ..site.shared import SharedUrls
from .assets import SharedAssets
from .cache import shared_fingerprint
from .history import read_history
from .inputs import Inputs, load_blobs, read_inputs
from .pipeline import Reuse, allowed_scripts, build_group, built_stamp, share, site_fingerprint
from .project import Project, display_path

BUILT, UNCHANGED, FAILED = "bygget", "uændret", "fejl"


@dataclass(frozen=True)
class Outcome:
    """What happened to one group; plain data so it can cross from a worker process."""

    file: str
    status: str  # BUILT, UNCHANGED or FAILED
    target: str = ""
    pages: int = 0
    messages: tuple[str, ...] = ()  # warnings, or the problems that stopped the build
    internal: bool = False  # the failure was a bug (a traceback), not a problem in the file
    listing: Listing | None = None  # the group's line on the list of groups (BUILT and UNCHANGED)


@dataclass(frozen=True)
class Job:
    """A group to build, with what it has read already (None when its files could not be read: the build says why)."""

    slug: str
    path: Path
    shared: str
    inputs: Inputs | None


@dataclass(frozen=True)
class Run:
    """What every group's build in one run shares: read once, before the workers start."""

    project: Project
    out: Path
    today: dt.date
    scripts: tuple  # the inline scripts a page may hold (pipeline.allowed_scripts)
    assets: SharedUrls  # where the pages find the shared files (out/_tema/)


def cores() -> int:
    """How many cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def build_one(run: Run, job: Job, reuse: Reuse | None = None) -> Outcome:
    """Build one group; every failure becomes an Outcome, so one group can never stop the others."""
    project = run.project
    file = display_path(job.path, project)
    try:
        built = build_group(project, job.path, job.slug, run.out, run.today, job.shared, run.scripts, job.inputs, run.assets, reuse)
    except GroupError as exc:
        return Outcome(file, FAILED, messages=tuple(str(p) for p in exc.problems))
    except Exception:  # noqa: BLE001 - a bug in one group's build must not stop the others
        return Outcome(file, FAILED, messages=(traceback.format_exc().rstrip(),), internal=True)
    return Outcome(file, BUILT, display_path(built.target, project), built.pages, tuple(str(w) for w in built.warnings), listing=built.listing)


def _preload() -> None:
    """Import MkDocs before forking so the workers start with it loaded, and keep the collector off the
    loaded modules, so that collections in the workers neither walk them nor copy the pages they share."""
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

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
            conn.send(build_one(run, job, reuse))
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


def build_many(
    project: Project,
    groups: dict[str, Path],
    out: Path,
    today: dt.date,
    force: bool = False,
    workers: int | None = None,
    assets: SharedAssets | None = None,
) -> Iterator[Outcome]:
    """Each group's outcome in the order given: up-to-date sites are skipped, the rest are built in parallel.

    Each group's files are read once, here: the same bytes give its fingerprint and, when it is built, its site;
    the git history is read once for all groups, and the past versions of those to build in one more git call.
    `assets`: the shared files, already in out/_tema/ (pipeline.share; put there here when not given)."""
    assets = share(project, out) if assets is None else assets
    shared = shared_fingerprint(assets.made_from, assets.urls)
    history = read_history(project.root)  # every group's history, in one pass
    pending: list[Outcome | Job] = []
    for slug, path in groups.items():
        try:
            inputs = read_inputs(project, path, history=history)
        except GroupError:
            inputs = None  # the build reports it
        stamp = None if force or inputs is None else built_stamp(project, out, slug)  # --force: no need to look
        fresh = stamp is not None and stamp.fingerprint == site_fingerprint(project, inputs, slug, out, today, shared)
        if fresh:
            target = display_path(out / slug, project)
            pending.append(Outcome(inputs.file, UNCHANGED, target, stamp.pages, stamp.warnings, listing=stamp.listing))
        else:
            pending.append(Job(slug, path, shared, inputs))
    # The past versions of the groups to build, in one git call for all of them.
    loaded = iter(load_blobs(project, [item.inputs for item in pending if isinstance(item, Job) and item.inputs is not None]))
    pending = [replace(item, inputs=next(loaded)) if isinstance(item, Job) and item.inputs is not None else item for item in pending]
    jobs = [item for item in pending if isinstance(item, Job)]
    if not jobs:
        yield from pending  # type: ignore[misc]
        return
    run = Run(project, out, today, allowed_scripts(project), assets.urls)  # the theme's templates are read once, not per group
    count = min(len(jobs), workers or cores())
    if count <= 1:
        reuse = Reuse.start(project)
        for item in pending:
            yield build_one(run, item, reuse) if isinstance(item, Job) else item
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

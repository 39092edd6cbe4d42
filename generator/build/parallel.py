"""Build many groups in at most one long-lived worker process per core, reporting outcomes in a stable order."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GroupError
from ..site.overview import Listing
from .cache import shared_fingerprint
from .inputs import Inputs, read_inputs
from .pipeline import allowed_scripts, build_group, built_stamp, site_fingerprint
from .project import Project, display_path

if TYPE_CHECKING:
    from concurrent.futures import Future

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


def cores() -> int:
    """How many cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def build_one(project: Project, job: Job, out: Path, today: dt.date, scripts: tuple) -> Outcome:
    """Build one group; every failure becomes an Outcome, so one group can never stop the others."""
    file = display_path(job.path, project)
    try:
        built = build_group(project, job.path, job.slug, out, today, job.shared, scripts, job.inputs)
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

    # fork is the cheapest start on Linux (the workers inherit the loaded modules); elsewhere use the default.
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def build_many(
    project: Project, groups: dict[str, Path], out: Path, today: dt.date, force: bool = False, workers: int | None = None
) -> Iterator[Outcome]:
    """Each group's outcome in the order given: up-to-date sites are skipped, the rest are built in parallel.

    Each group's files are read once, here: the same bytes give its fingerprint and, when it is built, its site."""
    shared = shared_fingerprint(project)
    pending: list[Outcome | Job] = []
    for slug, path in groups.items():
        try:
            inputs = read_inputs(project, path)
        except GroupError:
            inputs = None  # the build reports it
        stamp = built_stamp(project, out, slug)
        fresh = inputs is not None and stamp is not None and stamp.fingerprint == site_fingerprint(project, inputs, slug, out, today, shared)
        if not force and fresh:
            target = display_path(out / slug, project)
            pending.append(Outcome(inputs.file, UNCHANGED, target, stamp.pages, stamp.warnings, listing=stamp.listing))
        else:
            pending.append(Job(slug, path, shared, inputs))
    jobs = [item for item in pending if isinstance(item, Job)]
    scripts = allowed_scripts(project) if jobs else ()  # read the theme's templates once, not per group
    count = min(len(jobs), workers or cores())
    if count <= 1:
        for item in pending:
            yield build_one(project, item, out, today, scripts) if isinstance(item, Job) else item
        return
    from concurrent.futures import ProcessPoolExecutor

    _preload()
    # A pool of `count` processes, each building group after group in-process (MkDocs is loaded once per
    # process); groups are handed out one at a time so the cores stay busy and outcomes stream in order.
    with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as pool:
        futures = {job.slug: pool.submit(build_one, project, job, out, today, scripts) for job in jobs}
        for item in pending:
            yield _result(futures[item.slug], item, project) if isinstance(item, Job) else item


def _result(future: Future, job: Job, project: Project) -> Outcome:
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - a crashed worker fails its groups, not the whole run
        return Outcome(display_path(job.path, project), FAILED, messages=(traceback.format_exc().rstrip(),), internal=True)

"""The build's stages, used alike by `netvaerk build` (through parallel.py) and `netvaerk serve`:

    start        the output folder claimed, the shared theme files in out/_tema/, what every page may hold
    plan         each group's files read once; the unchanged ones skipped, the rest made into jobs
    build_group  generate -> write site_src/<slug>/ -> the engine builds -> finish -> guard -> publish -> stamp
    end          the list of groups, and the shared files no page links any more deleted
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from ..errors import GroupError, Problem
from ..facts.written import where_written
from ..files import walk
from ..guard.leaks import leak_problems
from ..guard.scripts import Allowed, check_site, script_patterns
from ..site.overview import SCRIPT as OVERVIEW_SCRIPT
from ..site.overview import Listing, listing, not_found_html, overview_files, overview_html
from ..site.printing import CSS as PRINT_CSS
from ..site.printing import print_css
from ..site.render import environment
from ..site.shared import SharedUrls
from ..site.unlock import SOURCE as UNLOCK_SOURCE
from . import engine, shared_cache
from .engine import Engine, Kept, SharedAssets, slim_page
from .engine.theme_files import OUR_SCRIPT
from .fingerprint import Stamp, group_fingerprint, inputs_digest, shared_fingerprint
from .finish import finish_site, html_pages
from .generate import Generated, Past, PastVersion, Secret, generate
from .history import BROKEN, read_history
from .inputs import Inputs, Legacy, load_blobs, read_inputs
from .keep import write_private, write_sources
from .project import Project, display_path
from .publish import prepare_output, prune_shared, publish, publish_shared, site_folders, write_changed, write_overview
from .records import identity, notes
from .secret import ci_host
from .template_cache import template_cache

BUILT, UNCHANGED, FAILED = "bygget", "uændret", "fejl"


@dataclass(frozen=True)
class Run:
    """What every group's build in one run shares, made once by `start` before any group is built (and handed to
    worker processes as it is)."""

    project: Project
    out: Path
    today: dt.date
    engine: Engine
    assets: SharedAssets  # the shared files, in out/_tema/
    scripts: tuple  # the inline scripts a page may hold (the theme's and the overrides' templates)
    fingerprint: str  # what every group's fingerprint starts from (fingerprint.shared_fingerprint)


@dataclass(frozen=True)
class Job:
    """A group to build, with what it has read already (None when its files could not be read: the build says why)."""

    slug: str
    path: Path
    inputs: Inputs | None


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


@dataclass
class Reuse:
    """What one worker process keeps from a group's build for the next: our templates' environment and the
    engine's (engine.Kept). Never made by `netvaerk serve`, which must see a template edited while it runs."""

    env: jinja2.Environment
    kept: Kept

    @classmethod
    def start(cls, project: Project) -> Reuse:
        return cls(environment(bytecode_cache=template_cache(project.template_cache)), Kept())


def start(project: Project, out: Path, today: dt.date, chosen: Engine) -> Run:
    """Claim the output folder and put the shared files in out/_tema/ (taken from the cache an earlier run with the
    same inputs kept: shared_cache.py), before any page that links them is published."""
    prepare_output(out, project)
    made_from = inputs_digest(project, chosen.name)
    kept = shared_cache.entry(project, made_from)
    assets = shared_cache.load(kept, made_from)
    if assets is None:
        assets = shared_files(project, chosen, made_from)
        shared_cache.save(kept, assets)
    publish_shared(out, assets.files)
    scripts = script_patterns(engine.theme_templates(project.overrides))
    return Run(project, out, today, chosen, assets, scripts, shared_fingerprint(made_from, assets.urls))


def shared_files(project: Project, chosen: Engine, made_from: str) -> SharedAssets:
    """The files every group's pages load: the engine's (the theme's and overrides/assets/), the printables'
    stylesheet and the list of groups' files; `made_from`: the digest of the inputs they are made from."""
    own = {PRINT_CSS: engine.fold_css(print_css(environment())).encode(), **overview_files()}
    return replace(engine.theme_files(chosen, project.overrides, project.base_config, own), made_from=made_from)


def plan(run: Run, groups: dict[str, Path], force: bool = False) -> list[Outcome | Job]:
    """For each group in order: UNCHANGED when its site is up to date (not looked for with `force`), else a Job.
    Each group's files are read once, here: the same bytes give its fingerprint and its site; the git history is
    read once for all groups, and the past versions of those to build in one more git call."""
    project = run.project
    history = read_history(project.root)
    pending: list[Outcome | Job] = []
    for slug, path in groups.items():
        try:
            inputs = read_inputs(project, path, history=history)
        except GroupError:
            inputs = None  # the build reports it
        stamp = None if force or inputs is None else built_stamp(project, run.out, slug)
        if stamp is not None and stamp.fingerprint == group_fingerprint(run.fingerprint, slug, inputs, run.today):
            target = display_path(run.out / slug, project)
            pending.append(Outcome(inputs.file, UNCHANGED, target, stamp.pages, stamp.warnings, listing=stamp.listing))
        else:
            pending.append(Job(slug, path, inputs))
    loaded = iter(load_blobs(project, [item.inputs for item in pending if isinstance(item, Job) and item.inputs is not None]))
    return [replace(item, inputs=next(loaded)) if isinstance(item, Job) and item.inputs is not None else item for item in pending]


def generate_group(
    project: Project, inputs: Inputs, slug: str, today: dt.date, shared: SharedUrls, env: jinja2.Environment | None = None
) -> Generated:
    """One group's sources, generated from its inputs (their past versions loaded: inputs.load_blobs); nothing is
    written. `shared`: where the pages find the files in out/_tema/."""
    folder = project.sources / slug
    return generate(
        inputs.data,
        inputs.file,
        slug,
        today,
        env or environment(bytecode_cache=template_cache(project.template_cache)),
        base_config=os.path.relpath(project.base_config, folder),
        overrides_dir=os.path.relpath(project.overrides, folder),
        past=past_of(inputs),
        secret=Secret(inputs.passphrase, legacy_bytes(inputs, inputs.lock), inputs.sources, os.urandom(16), ci_host(os.environ)),
        unlock_source=UNLOCK_SOURCE.read_text(encoding="utf-8"),
        shared=shared,
    )


def legacy_bytes(inputs: Inputs, legacy: Legacy) -> bytes | None:
    """An old build's state file: in the working tree, else its newest committed version."""
    if legacy.data is not None:
        return legacy.data
    return inputs.blob(legacy.revision.blob) if legacy.revision and legacy.revision.blob else None


def past_of(inputs: Inputs) -> Past:
    """The group file's committed versions (their bytes loaded: inputs.load_blobs) and the old calendar state file
    placed among them, for the calendar's memory. A version git could not give makes the history unreadable (the
    build refuses, rather than forget a change subscribers were told about)."""
    history = inputs.history
    missing = [r for r in history.revisions if r.blob and inputs.blob(r.blob) is None]
    if missing:
        reason = f"udgaven fra commit {missing[0].commit[:7]} mangler"
        return Past(kind=BROKEN, reason=reason, legacy_file=inputs.calendar.file)
    versions = tuple(PastVersion(r.when, inputs.blob(r.blob) if r.blob else None, r.commit) for r in history.revisions)
    calendar = inputs.calendar
    after, when = None, None
    if calendar.data is None and calendar.revision is not None:
        after = sum(1 for r in history.revisions if r.index <= calendar.revision.index)
        when = calendar.revision.when
    return Past(
        versions, history.kind, history.truncated, history.reason,
        legacy_bytes(inputs, calendar), calendar.file, after, when,
    )


def _guard(run: Run, generated: Generated, inputs: Inputs, files: dict[str, bytes]) -> list[Problem]:
    """Every problem the guard finds in the site as published (`files`), each members-only fragment read with the
    page it is sealed on (what the lock hides cannot be checked once it is sealed); and every members-only value
    in plain view, also the members' feed's private name."""
    pages = html_pages(files)
    for page, html in generated.sealed:
        pages[page] = pages.get(page, "") + html
    lock_script = tuple(p for p in generated.docs if p.startswith("assets/javascripts/laas."))
    # Material's script is not among them: no page loads it; our script does, when the search is opened.
    allowed = Allowed(scripts=(run.assets.urls.url(OUR_SCRIPT), *lock_script), worker=run.assets.urls.worker)
    index = files.get("search/search_index.json")
    problems = check_site(pages, None if index is None else index.decode("utf-8", errors="replace"), run.scripts, inputs.file, allowed)
    token = (generated.private_feed.removeprefix("kalender-").removesuffix(".ics"),) if generated.private_feed else ()
    if generated.private_values or token:
        unlisted = {generated.private_feed, generated.private_feed_qr} - {None}
        where = where_written(inputs.data, inputs.file, generated.group)
        shown = {rel: data for rel, data in files.items() if rel not in unlisted}
        problems += leak_problems(shown, generated.private_values + token, inputs.file, where)
    return problems


def build_group(run: Run, job: Job, reuse: Reuse | None = None) -> Outcome:
    """Generate, write site_src/<slug>/ and swap in a freshly built out/<slug>/, then note its stamp; a GroupError
    when the group cannot be built. `reuse` keeps environments for the process's next build."""
    project, inputs, slug = run.project, job.inputs, job.slug
    if inputs is None:
        inputs = read_inputs(project, job.path)  # raises the GroupError that says why it could not be read
    generated = generate_group(project, inputs, slug, run.today, run.assets.urls, reuse.env if reuse else None)
    pages = sum(1 for p in generated.docs if p.endswith(".md"))
    config_path = write_sources(project.sources / slug, generated.docs, generated.config)
    # Each group's own 404.html would never be shown (a host serves the one at the top of the folder), and a
    # group that does not want to be found gets no sitemap.
    leave_out = ("404.html",) + (() if generated.group.soegemaskiner else ("sitemap.xml",))

    def build_into(tmp: Path) -> None:
        engine.build_pages(
            run.engine, generated.config, config_path, tmp, run.assets.urls, project.template_cache, leave_out,
            reuse.kept if reuse else None,
        )
        built = {p.relative_to(tmp).as_posix(): p.read_bytes() for p in walk(tmp)}
        files = finish_site(run.engine, built, run.assets.files, inputs.file)
        problems = _guard(run, generated, inputs, files)
        if problems:
            raise GroupError(problems)
        write_changed(tmp, built, files)

    noted = notes(project, run.out)
    folder = publish(run.out, slug, noted, build_into)
    write_private(project.private, generated.private)
    warnings, listed = tuple(str(w) for w in generated.warnings), listing(generated.group, run.today)
    noted.write_stamp(slug, folder, Stamp(group_fingerprint(run.fingerprint, slug, inputs, run.today), pages, warnings, listed))
    return Outcome(inputs.file, BUILT, display_path(run.out / slug, project), pages, warnings, listing=listed)


def build_job(run: Run, job: Job, reuse: Reuse | None = None) -> Outcome:
    """Build one group; every failure becomes an Outcome, so one group can never stop the others."""
    file = display_path(job.path, run.project)
    try:
        return build_group(run, job, reuse)
    except GroupError as exc:
        return Outcome(file, FAILED, messages=tuple(str(p) for p in exc.problems))
    except Exception:  # noqa: BLE001 - a bug in one group's build must not stop the others
        return Outcome(file, FAILED, messages=(traceback.format_exc().rstrip(),), internal=True)


def built_stamp(project: Project, out: Path, slug: str) -> Stamp | None:
    """The stamp of the site netvaerk last swapped into out/<slug>/, if that very folder is still there."""
    noted, target = notes(project, out), out / slug
    if target.is_symlink() or not target.is_dir():
        return None
    folder = identity(target)
    return noted.stamp(slug, folder) if folder in noted.site_folders(slug) else None


def end(run: Run, up: dict[str, Listing | None], overview: bool) -> None:
    """After every group's outcome: with `overview`, the list of groups whose sites are up (`up`); then the shared
    files no page links any more deleted, once every group's folder in the output is one of `up`."""
    if overview:
        publish_overview(run.out, up, run.assets)
    if site_folders(run.out) <= set(up):
        prune_shared(run.out, run.assets.files)


def publish_overview(out: Path, listings: dict[str, Listing | None], assets: SharedAssets) -> Path:
    """site/index.html listing the groups whose sites are up (those with 'i oversigt: nej' left out), from
    what each site's build noted, so no group file is read again; it goes through the guard like every page. And
    site/404.html, which holds nothing from any group file (its own inline stylesheet, which the guard would refuse,
    since it is shown at any address and cannot link one)."""
    env = environment()
    html = slim_page(overview_html(env, listings, assets.urls))
    not_found = slim_page(not_found_html(env))
    shown = str(out / "index.html")
    problems = check_site({"index.html": html}, None, (), shown, Allowed(scripts=(assets.urls.from_root(OVERVIEW_SCRIPT),)))
    if problems:
        raise GroupError(problems)
    return write_overview(out, html, not_found)

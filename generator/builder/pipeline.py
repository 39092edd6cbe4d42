"""Build one group: read its inputs once, generate, write its sources, run MkDocs, check and publish the site."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from ..errors import GroupError, Problem
from ..facts.written import where_written
from ..guard.leaks import leak_problems
from ..guard.scripts import Allowed, check_site, script_patterns
from ..site.overview import SCRIPT as OVERVIEW_SCRIPT
from ..site.overview import Listing, listing, not_found_html, overview_files, overview_html
from ..site.printing import CSS as PRINT_CSS
from ..site.printing import print_css
from ..site.render import environment
from ..site.shared import NOT_SHARED, SharedUrls
from ..site.unlock import SOURCE as UNLOCK_SOURCE
from . import shared_cache
from .assets import OUR_SCRIPT, SharedAssets, read_sources, shared_assets
from .cache import Stamp, group_fingerprint, inputs_digest
from .generate import Generated, Past, PastVersion, Secret, generate
from .history import BROKEN
from .inputs import Inputs, Legacy, load_blobs, read_inputs
from .mkdocs_config import ConfigFiles
from .mkdocs_run import mkdocs_build
from .postprocess import finisher, slim_printables, write_worker
from .project import Project
from .publish import prepare_output, prune_shared, publish, publish_shared, site_folders, write_overview
from .readback import read_published, read_site, read_theme_templates
from .records import identity, notes
from .secret import ci_host
from .slim import fold_css, slim_page
from .template_cache import template_cache
from .theme_env import ThemeEnvs
from .unpublished import write_private, write_sources


@dataclass(frozen=True)
class Built:
    slug: str
    file: str
    target: Path
    pages: int
    warnings: tuple[Problem, ...]
    listing: Listing | None


def site_dir(project: Project, out: Path, slug: str) -> str:
    """Where the group's site goes, as its generated mkdocs.yml in site_src/<slug>/ names it."""
    return os.path.relpath(out / slug, project.sources / slug)


@dataclass
class Reuse:
    """What one process keeps from a group's build for the next: our templates' environment and the theme's
    (theme_env.ThemeEnvs), so each template is loaded once per process. Made by each worker for its own
    groups; never by `netvaerk serve`, which must see a template edited while it runs."""

    env: jinja2.Environment
    themes: ThemeEnvs
    configs: ConfigFiles  # the parsed config files the groups' configs inherit (mkdocs_config.py)

    @classmethod
    def start(cls, project: Project) -> Reuse:
        return cls(environment(bytecode_cache=template_cache(project.template_cache)), ThemeEnvs(), ConfigFiles())


def generate_group(
    project: Project,
    path: Path,
    slug: str,
    out: Path,
    today: dt.date,
    inputs: Inputs | None = None,
    shared: SharedUrls = NOT_SHARED,
    env: jinja2.Environment | None = None,
) -> Generated:
    """Generate one group's sources from its inputs (read here when not given); nothing is written. `shared`:
    where its pages find the files shared by the groups in `out`."""
    inputs = read_inputs(project, path) if inputs is None else inputs
    if inputs.blobs is None:
        inputs = load_blobs(project, [inputs])[0]
    folder = project.sources / slug
    rel = lambda target: os.path.relpath(target, folder)  # noqa: E731
    return generate(
        inputs.data,
        inputs.file,
        slug,
        today,
        env or environment(bytecode_cache=template_cache(project.template_cache)),
        base_config=rel(project.base_config),
        overrides_dir=rel(project.overrides),
        site_dir=site_dir(project, out, slug),
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


def site_fingerprint(project: Project, inputs: Inputs, slug: str, out: Path, today: dt.date, shared: str) -> str:
    """The fingerprint of one group's build from these inputs (shared: cache.shared_fingerprint)."""
    return group_fingerprint(shared, slug, inputs, today, site_dir(project, out, slug))


def collect_shared(project: Project, made_from: str | None = None) -> SharedAssets:
    """The files every group's pages load (assets.py), read from the theme, overrides/ and our own files;
    `made_from`: the project's cache.inputs_digest, when the caller has it already."""
    from mkdocs.utils import get_theme_dir

    own = {PRINT_CSS: fold_css(print_css(environment())).encode(), **overview_files()}
    assets = shared_assets(read_sources(Path(get_theme_dir("material")), project.overrides, own, project.base_config))
    return replace(assets, made_from=made_from or inputs_digest(project))


def share(project: Project, out: Path) -> SharedAssets:
    """Collect the shared files (or take them from the cache kept by an earlier run with the same inputs:
    shared_cache.py) and put them in out/_tema/, before any page that links them is published."""
    made_from = inputs_digest(project)
    kept = shared_cache.entry(project, made_from)
    assets = shared_cache.load(kept, made_from)
    if assets is None:
        assets = collect_shared(project, made_from)
        shared_cache.save(kept, assets)
    publish_shared(out, assets.files)
    return assets


def allowed_scripts(project: Project) -> tuple:
    """The inline scripts a built page may hold: those in the theme's and the project's templates."""
    return script_patterns(read_theme_templates(project.overrides))


def build_group(
    project: Project,
    path: Path,
    slug: str,
    out: Path,
    today: dt.date,
    shared: str | None = None,
    scripts: tuple | None = None,
    inputs: Inputs | None = None,
    assets: SharedUrls | None = None,
    reuse: Reuse | None = None,
) -> Built:
    """Generate, write site_src/<slug>/ and swap in a freshly built out/<slug>/, then note its stamp.

    `shared` (cache.shared_fingerprint) makes the stamp's fingerprint; without it the stamp matches no
    later build. `scripts` (allowed_scripts), `inputs` (read_inputs) and `assets` (share: the files in
    out/_tema/) may be passed in when they have been read or written already, so nothing is done twice.
    `reuse` keeps environments for the process's next build."""
    inputs = read_inputs(project, path) if inputs is None else inputs
    assets = share(project, out).urls if assets is None else assets
    generated = generate_group(project, path, slug, out, today, inputs, assets, reuse.env if reuse else None)
    scripts = allowed_scripts(project) if scripts is None else scripts
    # What the lock hides cannot be checked once it is sealed: check each fragment's HTML first.
    sealed = check_site(dict(generated.sealed), None, scripts, inputs.file)
    if sealed:
        raise GroupError(sealed)
    pages = sum(1 for p in generated.docs if p.endswith(".md"))
    listed = listing(generated.group, today)
    config_path = write_sources(project.sources / slug, slim_printables(generated.docs), generated.config)
    # Each group's own 404.html would never be shown (a host serves the one at the top of the folder), and a
    # group that does not want to be found gets no sitemap.
    leave_out = ("404.html",) + (() if generated.group.soegemaskiner else ("sitemap.xml",))
    lock_script = tuple(p for p in generated.docs if p.startswith("assets/javascripts/laas."))
    # Material's script is not among them: no page loads it; our script does, when the search is opened.
    sources = Allowed(scripts=(assets.url(OUR_SCRIPT), *lock_script), worker=assets.worker)

    def build_into(tmp: Path) -> None:
        mkdocs_build(
            config_path, tmp, project.template_cache, assets, reuse.themes if reuse else None, leave_out, finisher(inputs.file),
            reuse.configs if reuse else None,
        )
        html, index = read_site(tmp)
        write_worker(tmp, html, inputs.file)
        problems = check_site(html, index, scripts, inputs.file, sources)
        # The members' feed is published under a name only members are shown: that name is private too.
        token = (generated.private_feed.removeprefix("kalender-").removesuffix(".ics"),) if generated.private_feed else ()
        if generated.private_values or token:
            unlisted = {generated.private_feed, generated.private_feed_qr} - {None}
            where = where_written(inputs.data, inputs.file, generated.group)
            problems += leak_problems(read_published(tmp, skip=unlisted), generated.private_values + token, inputs.file, where)
        if problems:
            raise GroupError(problems)

    noted = notes(project, out)
    folder = publish(out, slug, noted, build_into)
    write_private(project.private, generated.private)
    fingerprint = site_fingerprint(project, inputs, slug, out, today, shared) if shared is not None else ""
    noted.write_stamp(slug, folder, Stamp(fingerprint, pages, tuple(str(w) for w in generated.warnings), listed))
    return Built(slug, inputs.file, out / slug, pages, generated.warnings, listed)


def built_stamp(project: Project, out: Path, slug: str) -> Stamp | None:
    """The stamp of the site netvaerk last swapped into out/<slug>/, if that very folder is still there."""
    noted, target = notes(project, out), out / slug
    if target.is_symlink() or not target.is_dir():
        return None
    folder = identity(target)
    return noted.stamp(slug, folder) if folder in noted.site_folders(slug) else None


def prepare(out: Path, project: Project) -> None:
    prepare_output(out, project)


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


def tidy_shared(out: Path, assets: SharedAssets, up: set[str]) -> None:
    """Delete the shared files no page links any more, once every group's folder in `out` is one of `up`
    (built or found unchanged in this run, so linking these very files)."""
    if site_folders(out) <= up:
        prune_shared(out, assets.files)

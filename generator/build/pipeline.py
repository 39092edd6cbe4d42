"""Build one group: read its inputs once, generate, write its sources, run MkDocs, check and publish the site."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import GroupError, Problem
from ..safety.guard import check_site, script_patterns
from ..safety.leaks import leak_problems
from ..safety.lock import SALT_BYTES
from ..site.overview import Listing, listing, not_found_html, overview_html
from ..site.render import environment
from ..site.unlock import SOURCE as UNLOCK_SOURCE
from .cache import Stamp, group_fingerprint
from .generate import Generated, Secret, generate
from .inputs import Inputs, read_inputs
from .mkdocs_run import mkdocs_build
from .postprocess import finish_pages, remove_sitemap, write_worker
from .project import Project
from .publish import prepare_output, publish, write_overview
from .readback import read_published, read_site, read_theme_templates
from .records import identity, notes
from .template_cache import template_cache
from .unpublished import write_calendar_state, write_lock_state, write_private, write_sources


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


def generate_group(project: Project, path: Path, slug: str, out: Path, today: dt.date, inputs: Inputs | None = None) -> Generated:
    """Generate one group's sources from its inputs (read here when not given); nothing is written."""
    inputs = read_inputs(project, path) if inputs is None else inputs
    folder = project.sources / slug
    rel = lambda target: os.path.relpath(target, folder)  # noqa: E731
    return generate(
        inputs.data,
        inputs.file,
        slug,
        today,
        environment(bytecode_cache=template_cache(project.template_cache)),
        base_config=rel(project.base_config),
        overrides_dir=rel(project.overrides),
        site_dir=site_dir(project, out, slug),
        calendar_state=inputs.state,
        state_file=inputs.state_file,
        # A new salt is drawn every time; it is used only when the passphrase has changed (safety/lock.keys_for).
        secret=Secret(inputs.passphrase, inputs.lock_state, os.urandom(SALT_BYTES), inputs.public_sources),
        unlock_source=UNLOCK_SOURCE.read_text(encoding="utf-8"),
    )


def site_fingerprint(project: Project, inputs: Inputs, slug: str, out: Path, today: dt.date, shared: str) -> str:
    """The fingerprint of one group's build from these inputs (shared: cache.shared_fingerprint)."""
    return group_fingerprint(shared, slug, inputs, today, site_dir(project, out, slug))


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
) -> Built:
    """Generate, write site_src/<slug>/ and swap in a freshly built out/<slug>/, then note its stamp.

    `shared` (cache.shared_fingerprint) makes the stamp's fingerprint; without it the stamp matches no
    later build. `scripts` (allowed_scripts) and `inputs` (read_inputs) may be passed in when they have
    been read already, so nothing is read twice."""
    inputs = read_inputs(project, path) if inputs is None else inputs
    generated = generate_group(project, path, slug, out, today, inputs)
    scripts = allowed_scripts(project) if scripts is None else scripts
    # What the lock hides cannot be checked once it is sealed: check each fragment's HTML first.
    sealed = check_site(dict(generated.sealed), None, scripts, inputs.file)
    if sealed:
        raise GroupError(sealed)
    pages = sum(1 for p in generated.docs if p.endswith(".md"))
    listed = listing(generated.group, today)
    config_path = write_sources(project.sources / slug, generated.docs, generated.config)

    def build_into(tmp: Path) -> None:
        mkdocs_build(config_path, tmp, project.template_cache)
        pages = finish_pages(tmp, inputs.file, stylesheets=("assets/netvaerk.css",), scripts=("assets/netvaerk.js",))
        if not generated.group.soegemaskiner:
            remove_sitemap(tmp)
        write_worker(tmp, pages, inputs.file)
        problems = check_site(*read_site(tmp), scripts, inputs.file)
        if generated.private_values:
            unlisted = {generated.private_feed, generated.private_feed_qr} - {None}
            problems += leak_problems(read_published(tmp, skip=unlisted), generated.private_values, inputs.file)
        if problems:
            raise GroupError(problems)

    noted = notes(project, out)
    folder = publish(out, slug, noted, build_into)
    write_calendar_state(inputs, generated.calendar_state)
    write_lock_state(inputs, generated.lock_state)
    write_private(project.private, generated.private)
    # The stamp describes the inputs as they are now: with the calendar and lock states this build wrote,
    # which is what the next build reads (rebuilding from them gives the same site).
    written = replace(inputs, state=generated.calendar_state, lock_state=generated.lock_state or inputs.lock_state)
    fingerprint = site_fingerprint(project, written, slug, out, today, shared) if shared is not None else ""
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


def publish_overview(out: Path, listings: dict[str, Listing | None]) -> Path:
    """site/index.html listing the groups whose sites are up (those with 'i oversigt: nej' left out), from
    what each site's build noted, so no group file is read again; and site/404.html."""
    env = environment()
    return write_overview(out, overview_html(env, listings), not_found_html(env))

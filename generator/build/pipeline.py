"""Build one or many groups: read each file, generate, write and publish its site."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from ..model.slug import slug_for
from .generate import Generated, generate
from ..calendar.state import SUFFIX as STATE_SUFFIX
from .cache import Stamp, digest, group_fingerprint, marker_text, parse_marker, versions
from ..errors import GroupError, Problem
from ..site.overview import Listing, listing, overview_html
from ..site.render import environment
from ..safety.guard import check_site, script_patterns
from .template_cache import template_cache
from .writer import (
    MARKER,
    mkdocs_build,
    prepare_output,
    publish,
    read_site,
    read_theme_templates,
    remove_sitemap,
    slim_pages,
    write_calendar_state,
    write_overview,
    write_private,
    write_sources,
)


@dataclass(frozen=True)
class Project:
    """Where a project's inputs and outputs live."""

    root: Path

    @property
    def groups(self) -> Path:
        return self.root / "groups"

    @property
    def sources(self) -> Path:
        return self.root / "site_src"

    @property
    def template_cache(self) -> Path:
        """Compiled theme templates, shared by every group's build (slugs cannot start with a dot)."""
        return self.sources / ".cache" / "templates"

    @property
    def base_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def private(self) -> Path:
        """Files for the members only (the contact list): outside the published folder, git-ignored."""
        return self.root / "private"


@dataclass(frozen=True)
class Built:
    slug: str
    file: str
    target: Path
    pages: int
    warnings: tuple[Problem, ...]
    listing: Listing | None


def display_path(path: Path, project: Project) -> str:
    """The path as the organiser would write it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(project.root.resolve()))
    except ValueError:
        return str(path)


def group_files(project: Project) -> list[Path]:
    return sorted(p for p in project.groups.glob("*.yaml") if p.is_file())


def slugs(paths: list[Path], project: Project) -> dict[str, Path]:
    """Each file's slug; two files with the same slug are an error naming both."""
    found: dict[str, Path] = {}
    problems = []
    for path in paths:
        slug = slug_for(path.stem)
        if slug in found and found[slug].resolve() != path.resolve():
            problems.append(
                Problem(display_path(path, project), 1, 1, "", f"giver samme adresse ('{slug}') som {display_path(found[slug], project)}; omdøb den ene fil")
            )
        found.setdefault(slug, path)
    if problems:
        raise GroupError(problems)
    return found


def _read(path: Path, file: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GroupError([Problem(file, 1, 1, "", "filen findes ikke")]) from None
    except OSError as exc:
        raise GroupError([Problem(file, 1, 1, "", f"filen kan ikke læses ({exc.strerror})")]) from None


def state_path(path: Path) -> Path:
    """The calendar feed's committed state beside its group file: groups/x.yaml -> groups/x.kalender.json."""
    return path.with_name(path.stem + STATE_SUFFIX)


def _read_state(path: Path, project: Project) -> tuple[bytes | None, str]:
    state = state_path(path)
    file = display_path(state, project)
    return (_read(state, file) if state.exists() else None), file


def generate_group(project: Project, path: Path, slug: str, out: Path, today: dt.date) -> Generated:
    """Read and generate one group's sources (nothing written yet)."""
    file = display_path(path, project)
    calendar_state, state_file = _read_state(path, project)
    folder = project.sources / slug
    rel = lambda target: os.path.relpath(target, folder)  # noqa: E731
    return generate(
        _read(path, file),
        file,
        slug,
        today,
        environment(bytecode_cache=template_cache(project.template_cache)),
        base_config=rel(project.base_config),
        overrides_dir=rel(project.overrides),
        site_dir=rel(out / slug),
        calendar_state=calendar_state,
        state_file=state_file,
    )


def allowed_scripts(project: Project) -> tuple:
    """The inline scripts a built page may hold: those in the theme's and the project's templates."""
    return script_patterns(read_theme_templates(project.overrides))


def build_group(
    project: Project, path: Path, slug: str, out: Path, today: dt.date, fingerprint: str = "", scripts: tuple | None = None
) -> Built:
    """Generate, write site_src/<slug>/ and swap in a freshly built out/<slug>/ stamped with `fingerprint`.

    `scripts` (from allowed_scripts) may be passed in when many groups are built, so it is read once."""
    generated = generate_group(project, path, slug, out, today)
    pages = sum(1 for p in generated.docs if p.endswith(".md"))
    listed = listing(generated.group, today)
    marker = marker_text(Stamp(fingerprint, pages, tuple(str(w) for w in generated.warnings), listed))
    config_path = write_sources(project.sources / slug, generated.docs, generated.config)

    scripts = allowed_scripts(project) if scripts is None else scripts

    def build_into(tmp: Path) -> None:
        mkdocs_build(config_path, tmp, project.template_cache)
        slim_pages(tmp, stylesheets=("assets/netvaerk.css",))
        if not generated.group.soegemaskiner:
            remove_sitemap(tmp)
        problems = check_site(*read_site(tmp), scripts, display_path(path, project))
        if problems:
            raise GroupError(problems)

    target = publish(out, slug, build_into, marker)
    write_calendar_state(state_path(path), generated.calendar_state)
    write_private(project.private, generated.private)
    return Built(slug, display_path(path, project), target, pages, generated.warnings, listed)


def prepare(out: Path, project: Project) -> None:
    prepare_output(out, project.root.resolve())


def publish_overview(out: Path, listings: dict[str, Listing | None]) -> Path:
    """site/index.html listing the groups whose sites are up (those with 'i oversigt: nej' left out), from
    what each site's build recorded, so no group file is read again."""
    return write_overview(out, overview_html(environment(), listings))


def _tree(folder: Path, label: str) -> list[tuple[str, bytes]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [(f"{label}/{p.relative_to(folder).as_posix()}", p.read_bytes()) for p in files]


def _bytes_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def shared_fingerprint(project: Project) -> str:
    """Digest of the inputs every group's build reads: the generator's code and templates, package
    versions, the base mkdocs.yml and the overrides folder."""
    return digest(
        [
            *versions(),
            *_tree(Path(__file__).resolve().parent, "generator"),
            ("base_config", _bytes_or_empty(project.base_config)),
            *(_tree(project.overrides, "overrides") if project.overrides.is_dir() else []),
        ]
    )


def site_fingerprint(project: Project, path: Path, slug: str, out: Path, today: dt.date, shared: str) -> str | None:
    """The fingerprint of one group's inputs, or None when its file cannot be read (then the build reports it)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return group_fingerprint(shared, slug, display_path(path, project), data, today, os.path.relpath(out / slug, project.sources / slug))


def built_stamp(out: Path, slug: str) -> Stamp | None:
    """The stamp of the site last swapped into out/<slug>/, if any."""
    marker = out / slug / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    return parse_marker(_bytes_or_empty(marker).decode("utf-8", "replace"))

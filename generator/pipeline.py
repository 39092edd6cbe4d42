"""Build one or many groups: read each file, generate, write and publish its site."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .build import Generated, generate, slug_for
from .errors import GroupError, Problem
from .render import environment
from .guard import check_site, script_patterns
from .writer import mkdocs_build, prepare_output, publish, read_site, read_theme_templates, remove_sitemap, write_sources


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
    def base_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"


@dataclass(frozen=True)
class Built:
    slug: str
    file: str
    target: Path
    pages: int
    warnings: tuple[Problem, ...]


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


def generate_group(project: Project, path: Path, slug: str, out: Path, today: dt.date) -> Generated:
    """Read and generate one group's sources (nothing written yet)."""
    file = display_path(path, project)
    folder = project.sources / slug
    rel = lambda target: os.path.relpath(target, folder)  # noqa: E731
    return generate(
        _read(path, file),
        file,
        slug,
        today,
        environment(),
        base_config=rel(project.base_config),
        overrides_dir=rel(project.overrides),
        site_dir=rel(out / slug),
    )


def build_group(project: Project, path: Path, slug: str, out: Path, today: dt.date) -> Built:
    """Generate, write site_src/<slug>/ and swap in a freshly built out/<slug>/."""
    generated = generate_group(project, path, slug, out, today)
    config_path = write_sources(project.sources / slug, generated.docs, generated.config)

    scripts = script_patterns(read_theme_templates(project.overrides))

    def build_into(tmp: Path) -> None:
        mkdocs_build(config_path, tmp)
        if not generated.group.soegemaskiner:
            remove_sitemap(tmp)
        problems = check_site(*read_site(tmp), scripts, display_path(path, project))
        if problems:
            raise GroupError(problems)

    target = publish(out, slug, build_into)
    pages = sum(1 for p in generated.docs if p.endswith(".md"))
    return Built(slug, display_path(path, project), target, pages, generated.warnings)


def prepare(out: Path, project: Project) -> None:
    prepare_output(out, project.root.resolve())

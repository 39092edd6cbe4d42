"""Where a project's inputs and outputs live, and how its files are named to the organiser."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import GroupError, Problem
from ..model.slug import slug_for

# The engine's files every build uses: the base mkdocs.yml and the theme's overrides/. They ship inside the
# package (pyproject.toml: package-data), so a folder with only groups/ is enough to build, and a group's
# repository that installs a newer netvaerk gets them with it.
THEME_FILES = Path(__file__).resolve().parent.parent / "theme"


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
    def shared_cache(self) -> Path:
        """The files every group shares, as the last run collected them (builder/shared_cache.py)."""
        return self.sources / ".cache" / "tema"

    @property
    def notes(self) -> Path:
        """netvaerk's notes about the output folders it made (see records.py): never published."""
        return self.sources / ".netvaerk"

    def notes_for(self, out: Path) -> Path:
        """The notes about one output folder, in a folder named by a digest of its resolved path."""
        key = hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return self.notes / key

    @property
    def base_config(self) -> Path:
        """The mkdocs.yml every group's generated config INHERITs (shipped in the package, not the project's)."""
        return THEME_FILES / "mkdocs.yml"

    @property
    def overrides(self) -> Path:
        """The theme's overrides (custom_dir), shipped in the package."""
        return THEME_FILES / "overrides"

    @property
    def private(self) -> Path:
        """Files for the members only (the contact list): outside the published folder, git-ignored."""
        return self.root / "private"


def display_path(path: Path, project: Project) -> str:
    """The path as the organiser would write it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(project.root.resolve()))
    except ValueError:
        return str(path)


def group_files(project: Project) -> list[Path]:
    return sorted(p for p in project.groups.glob("*.yaml") if p.is_file())


def slugs(paths: list[Path], project: Project) -> dict[str, Path]:
    """Each file's slug; a folder given as a file, and two files with the same slug, are errors naming them."""
    found: dict[str, Path] = {}
    problems = []
    for path in paths:
        if path.is_dir() or not path.name:
            message = "er en mappe, ikke en gruppefil; skriv fx groups/gruppe.yaml, eller skriv ingen fil for at bygge alle i groups/"
            problems.append(Problem(str(path), 1, 1, "", message))
            continue
        slug = slug_for(path.stem)
        if slug in found and found[slug].resolve() != path.resolve():
            problems.append(
                Problem(
                    display_path(path, project), 1, 1, "",
                    f"giver samme adresse ('{slug}') som {display_path(found[slug], project)}; omdøb den ene fil",
                )
            )
        found.setdefault(slug, path)
    if problems:
        raise GroupError(problems)
    return found

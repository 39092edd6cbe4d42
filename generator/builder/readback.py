"""Read a built site and the theme's templates back, for the guard over the output (safety/guard.py)."""

from __future__ import annotations

import os
from pathlib import Path


def read_site(site: Path) -> tuple[dict[str, str], str | None]:
    """Every HTML page of a built site by its path inside it, and the search index (None if there is none)."""
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*.html")) if p.is_file()}
    index = site / "search" / "search_index.json"
    return pages, (index.read_text(encoding="utf-8") if index.is_file() else None)


def _html_files(folder: Path) -> list[Path]:
    """The .html files under `folder`, not looking inside `.icons` (Material's ~14,000 SVG icons and nothing
    else; walking them took most of the read). A template missed here could only make the guard refuse a
    script it should allow, never the other way round."""
    found = []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".icons"]
        found += [Path(parent, f) for f in files if f.endswith(".html")]
    return sorted(found)


def read_templates(*folders: Path) -> list[str]:
    """The text of every HTML template in the folders (the theme's and the project's overrides)."""
    return [p.read_text(encoding="utf-8") for folder in folders if folder.is_dir() for p in _html_files(folder)]


def read_theme_templates(overrides: Path) -> list[str]:
    """The templates of mkdocs-material and of the project's overrides: they decide which scripts a page may hold."""
    from mkdocs.utils import get_theme_dir

    return read_templates(Path(get_theme_dir("material")), overrides)


def read_published(site: Path, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Every file of a built site by its path inside it, for the check that nothing private shows
    (safety/leaks.py), except `skip` (the members' own unlisted files). The theme's files are not in it: they
    are shared by the groups (out/_tema/) and hold nothing from a group file."""
    found = {}
    for parent, _, files in os.walk(site):
        for name in files:
            path = Path(parent, name)
            rel = path.relative_to(site).as_posix()
            if rel not in skip:
                found[rel] = path.read_bytes()
    return found

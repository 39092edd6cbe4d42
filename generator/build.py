"""From one group file's bytes to everything its site needs, without touching the disk."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jinja2

from .errors import GroupError, Problem
from .hints import warnings
from .loader import load
from .manifest import NAME as MANIFEST, manifest_text
from .models import Group
from .pages import site_pages
from .render import render_pages
from .site_config import config_text
from .suggest import fold
from .validate import validate

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Generated:
    """One group's generated sources: Markdown pages and other files by path below its docs folder."""

    slug: str
    group: Group
    warnings: tuple[Problem, ...]
    docs: dict[str, str | bytes]
    config: str


def slug_for(stem: str) -> str:
    """'Nordsjælland' -> 'nordsjaelland': lowercase letters, digits and hyphens."""
    folded = fold(stem).replace(" ", "-")
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", folded)).strip("-")


def check(data: bytes, file: str) -> tuple[Group, list[Problem]]:
    """Validate a group file: the Group and its warnings, or a GroupError."""
    group, positions = validate(load(data, file), file)
    return group, warnings(group, positions, file)


def generate(
    data: bytes,
    file: str,
    slug: str,
    today: dt.date,
    env: jinja2.Environment,
    base_config: str,
    overrides_dir: str,
    site_dir: str,
) -> Generated:
    """Everything for one group, or a GroupError listing the file's problems."""
    if not SLUG_RE.match(slug):
        raise GroupError([Problem(file, 1, 1, "", f"filnavnet giver ikke en brugbar adresse ('{slug}'); brug små bogstaver, tal og bindestreger")])
    group, found = check(data, file)
    pages = site_pages(group, today)
    return Generated(
        slug=slug,
        group=group,
        warnings=tuple(found),
        docs={**render_pages(env, pages), MANIFEST: manifest_text(group)},
        config=config_text(group, pages, base_config, overrides_dir, site_dir),
    )

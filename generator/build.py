"""From one group file's bytes to everything its site needs, without touching the disk."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import jinja2

from .calendar_links import QR_FILE, feed_links
from .calendar_state import dump as dump_state, empty as empty_state, parse as parse_state
from .errors import GroupError, Problem
from .feed import build_feed, gone_warnings
from .hints import planning_warnings, warnings
from .loader import load
from .manifest import NAME as MANIFEST, manifest_text
from .models import Group
from .pages import site_pages
from .printing import print_files, private_files
from .qr import qr_svg
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
    calendar_state: bytes  # the feed's new state, to be written beside the group file
    private: dict[str, str] = field(default_factory=dict)  # for the members only: never published


def slug_for(stem: str) -> str:
    """'Nordsjælland' -> 'nordsjaelland': lowercase letters, digits and hyphens."""
    folded = fold(stem).replace(" ", "-")
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", folded)).strip("-")


def check(data: bytes, file: str) -> tuple[Group, list[Problem]]:
    """Validate a group file: the Group and its warnings, or a GroupError."""
    group, positions = validate(load(data, file), file)
    return group, warnings(group, positions, file)


def check_on(data: bytes, file: str, today: dt.date) -> tuple[Group, list[Problem]]:
    """Like `check`, plus the guide's planning advice, which depends on today."""
    group, positions = validate(load(data, file), file)
    return group, warnings(group, positions, file) + planning_warnings(group, positions, file, today)


def generate(
    data: bytes,
    file: str,
    slug: str,
    today: dt.date,
    env: jinja2.Environment,
    base_config: str,
    overrides_dir: str,
    site_dir: str,
    *,
    calendar_state: bytes | None = None,  # the committed state file's bytes; None when there is none yet
    state_file: str = "",  # its path as shown in messages
) -> Generated:
    """Everything for one group, or a GroupError listing the file's problems."""
    if not SLUG_RE.match(slug):
        raise GroupError([Problem(file, 1, 1, "", f"filnavnet giver ikke en brugbar adresse ('{slug}'); brug små bogstaver, tal og bindestreger")])
    group, found = check(data, file)
    state = parse_state(calendar_state, state_file) if calendar_state is not None else empty_state()
    pages = site_pages(group, today)
    feed = build_feed(group, slug, state, today)
    docs: dict[str, str | bytes] = {**render_pages(env, pages), **feed.files}
    links = feed_links(group)
    if links.page:
        docs[QR_FILE] = qr_svg(links.page, f"QR-kode til kalenderen for {group.navn}")
    return Generated(
        slug=slug,
        group=group,
        warnings=tuple(found) + tuple(gone_warnings(feed.gone, file)),
        docs={**docs, **print_files(env, group, today), MANIFEST: manifest_text(group)},
        config=config_text(group, pages, base_config, overrides_dir, site_dir),
        calendar_state=dump_state(feed.state),
        private=private_files(env, group, slug, today),
    )

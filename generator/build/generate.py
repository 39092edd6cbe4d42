"""From one group file's bytes to everything its site needs, without touching the disk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jinja2

from ..calendar.feed import build_feed, gone_warnings
from ..calendar.state import dump as dump_state
from ..calendar.state import empty as empty_state
from ..calendar.state import parse as parse_state
from ..errors import GroupError, Problem
from ..facts.links import QR_FILE, feed_links
from ..facts.qr import qr_file
from ..guide.check import check
from ..model.models import Group
from ..model.slug import SLUG_RE
from ..site.config import config_text
from ..site.manifest import NAME as MANIFEST
from ..site.manifest import manifest_text
from ..site.pages import site_facts, site_pages
from ..site.printing import print_files, private_files
from ..site.render import render_all


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
    site = site_facts(group, today)
    pages = site_pages(site)
    feed = build_feed(group, slug, site.meetings, state, today)
    docs: dict[str, str | bytes] = {**render_all(env, pages), **feed.files}
    links = feed_links(group)
    if links.page:
        docs[QR_FILE] = qr_file(links.page, f"QR-kode til kalenderen for {group.navn}")
    return Generated(
        slug=slug,
        group=group,
        warnings=tuple(found) + tuple(gone_warnings(feed.gone, file)),
        docs={**docs, **print_files(env, site), MANIFEST: manifest_text(group)},
        config=config_text(group, pages, base_config, overrides_dir, site_dir),
        calendar_state=dump_state(feed.state),
        private=private_files(env, site, slug),
    )

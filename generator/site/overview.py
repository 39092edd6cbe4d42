"""The small page at the top of the published folder that lists the groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..danish import sort_key
from ..escape import Md
from ..facts.meeting import group_meetings
from ..model.models import Group
from .shared import SharedUrls

TEMPLATE = "oversigt.html.j2"
ASSETS = Path(__file__).parent / "assets"
CSS = "oversigt.css"
SCRIPT = "oversigt.js"
NOT_FOUND_TEMPLATE = "ikke-fundet.html.j2"


@dataclass(frozen=True)
class Listing:
    """What the list of groups shows for one published site. It is worked out when the site is built and
    kept in its stamp (builder/records.py), so the list always describes the sites that are up, and an
    unchanged group is not read again to list it."""

    name: str
    city: str  # "" when the group gives none
    next: str  # the next meeting as Danish text, "" when none is planned
    searchable: bool


def listing(group: Group, today: dt.date) -> Listing | None:
    """The group's line on the list, or None when it asked to stay off it ('i oversigt: nej')."""
    if not group.i_oversigt:
        return None
    upcoming = group_meetings(group, today).next
    return Listing(
        name=str(group.navn),
        city=str(group.by or ""),
        next=f"{upcoming.weekday_date} kl. {upcoming.start}" if upcoming else "",
        searchable=group.soegemaskiner,
    )


def _order(slug: str, entry: Listing) -> tuple:
    """By town, then name, in Danish alphabetical order; groups that give no town last."""
    return (entry.city == "", sort_key(entry.city), sort_key(entry.name), slug)


def rows(listings: dict[str, Listing | None]) -> list[dict[str, object]]:
    """The listed groups by town, then name; each link is built from the validated slug, never from the stamp's text."""
    listed = sorted(((slug, entry) for slug, entry in listings.items() if entry is not None), key=lambda item: _order(*item))
    return [
        {"href": Md(f"{slug}/index.html"), "name": entry.name, "city": entry.city, "next": entry.next, "searchable": entry.searchable}
        for slug, entry in listed
    ]


def overview_files() -> dict[str, bytes]:
    """The list's stylesheet and the script of its search field, by the names the page links them with (both
    go into the shared folder, out/_tema/)."""
    return {CSS: (ASSETS / CSS).read_bytes(), SCRIPT: (ASSETS / SCRIPT).read_bytes()}


def overview_html(env: jinja2.Environment, listings: dict[str, Listing | None], shared: SharedUrls) -> str:
    """site/index.html: a link to each group's site (groups with 'i oversigt: nej' left out), and a field that
    narrows the list as you type; `shared` says where its stylesheet and script are."""
    shown = rows(listings)
    return env.get_template(TEMPLATE).render(
        groups=shown,
        searchable=bool(shown) and all(r["searchable"] for r in shown),
        css=Md(shared.from_root(CSS)),
        script=Md(shared.from_root(SCRIPT)),
    )


def not_found_html(env: jinja2.Environment) -> str:
    """site/404.html: the Danish page GitHub Pages shows for any address in the published folder that has no file
    (it never shows a group's own 404.html). It cannot know where it is shown, so it links nowhere."""
    return env.get_template(NOT_FOUND_TEMPLATE).render()

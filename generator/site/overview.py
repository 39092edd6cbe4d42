"""The small page at the top of the published folder that lists the groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jinja2

from ..facts.meeting import group_meetings
from ..model.models import Group
from ..safety.escape import Md

TEMPLATE = "oversigt.html.j2"
NOT_FOUND_TEMPLATE = "ikke-fundet.html.j2"


@dataclass(frozen=True)
class Listing:
    """What the list of groups shows for one published site. It is worked out when the site is built and
    kept in its stamp (build/records.py), so the list always describes the sites that are up, and an
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


def rows(listings: dict[str, Listing | None]) -> list[dict[str, object]]:
    """The listed groups by name; each link is built from the validated slug, never from the stamp's text."""
    found = [
        {"href": Md(f"{slug}/index.html"), "name": entry.name, "city": entry.city, "next": entry.next, "searchable": entry.searchable}
        for slug, entry in listings.items()
        if entry is not None
    ]
    return sorted(found, key=lambda row: (str(row["name"]).casefold(), str(row["href"])))


def overview_html(env: jinja2.Environment, listings: dict[str, Listing | None]) -> str:
    """site/index.html: a link to each group's site (groups with 'i oversigt: nej' left out)."""
    shown = rows(listings)
    return env.get_template(TEMPLATE).render(groups=shown, searchable=bool(shown) and all(r["searchable"] for r in shown))


def not_found_html(env: jinja2.Environment) -> str:
    """site/404.html: the Danish page GitHub Pages shows for any address in the published folder that has no file
    (it never shows a group's own 404.html). It cannot know where it is shown, so it links nowhere."""
    return env.get_template(NOT_FOUND_TEMPLATE).render()

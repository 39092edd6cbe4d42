"""The small page at the top of the published folder that lists the groups."""

from __future__ import annotations

import datetime as dt

import jinja2

from . import danish
from .escape import Md
from .models import Group
from .pages import next_meeting

TEMPLATE = "oversigt.html.j2"


def listed(groups: dict[str, Group], today: dt.date) -> list[dict[str, object]]:
    """The groups that want to be on the list, by name, each with its next meeting."""
    rows = []
    for slug, group in groups.items():
        if not group.i_oversigt:
            continue
        upcoming = next_meeting(group, today)
        rows.append(
            {
                "href": Md(f"{slug}/index.html"),
                "name": group.navn,
                "city": group.by,
                "next": f"{danish.long_date(upcoming.dato)} kl. {danish.clock(upcoming.start)}" if upcoming else None,
                "searchable": group.soegemaskiner,
            }
        )
    return sorted(rows, key=lambda row: (str(row["name"]).casefold(), str(row["href"])))


def overview_html(env: jinja2.Environment, groups: dict[str, Group], today: dt.date) -> str:
    """site/index.html: a link to each group's site (groups with 'i oversigt: nej' left out)."""
    rows = listed(groups, today)
    return env.get_template(TEMPLATE).render(groups=rows, searchable=bool(rows) and all(r["searchable"] for r in rows))

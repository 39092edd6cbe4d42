"""What the meeting needs on paper: the invitation (print and e-mail text), agenda posters, the contact list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import jinja2
import segno

from . import danish
from .agenda import meeting_agenda
from .escape import Md, mailto_href, tel_href
from .models import Group, Meeting
from .pages import first_meeting, invitation_lines, ordered

FOLDER = "udskrift"
CSS = f"{FOLDER}/udskrift.css"
INVITATION_HTML = f"{FOLDER}/invitation.html"
INVITATION_TXT = f"{FOLDER}/invitation.txt"
BOM = "\ufeff"  # lets a browser see that the .txt file is UTF-8 on any web host


def poster_path(meeting: Meeting) -> str:
    return f"{FOLDER}/dagsorden-{meeting.dato.isoformat()}.html"


def contact_list_name(slug: str) -> str:
    return f"{slug}-kontaktliste.html"


@dataclass(frozen=True)
class PrintPage:
    path: str
    template: str
    context: dict[str, Any]


def qr_svg(url: str) -> Md:
    """A QR code for the URL as inline SVG (segno; the URL is validated https)."""
    code = segno.make(url, error="m", micro=False)
    return Md(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="nv-qr", lineclass=None))


def letter_blocks(lines: list[str]) -> list[dict[str, Any]]:
    """The letter's lines as paragraphs and bullet lists, split at blank lines."""
    blocks: list[dict[str, Any]] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
            continue
        if current:
            bullets = all(c.startswith("- ") for c in current)
            blocks.append({"list": bullets, "lines": [c.removeprefix("- ") for c in current] if bullets else current})
        current = []
    return blocks


def speaker(meeting: Meeting, who: str) -> str:
    """Who has the floor, by name where the meeting names them."""
    if who == "ordstyrer":
        return f"{meeting.ordstyrer} (ordstyrer)" if meeting.ordstyrer else "Ordstyreren"
    if who == "temaansvarlige":
        return ", ".join(meeting.temaansvarlige) or "De temaansvarlige"
    if who == "alle":
        return "Alle"
    return who


def agenda_rows(meeting: Meeting) -> list[dict[str, Any]]:
    return [
        {
            "time": danish.clock(t.start) if t.start == t.end else f"{danish.clock(t.start)}–{danish.clock(t.end)}",
            "title": t.item.title,
            "who": speaker(meeting, t.item.speaker),
            "pause": not t.item.speaker and t.item.title.casefold() == "pause",
        }
        for t in meeting_agenda(meeting).items
    ]


def _organiser_contact(group: Group) -> list[str]:
    person = group.arrangoer
    return [x for x in (person.navn, person.telefon and f"Telefon {person.telefon}", person.email and f"E-mail {person.email}") if x]


def _common(group: Group) -> dict[str, Any]:
    # The printables follow the group's choice about search engines, like its other pages.
    return {"group_name": group.navn, "css": Md("udskrift.css"), "icon": Md("../assets/icon.svg"), "searchable": group.soegemaskiner}


def invitation_page(group: Group, today: dt.date) -> PrintPage:
    first = first_meeting(group)
    agenda = meeting_agenda(first) if first else None
    return PrintPage(
        INVITATION_HTML,
        "udskrift/invitation.html.j2",
        {
            **_common(group),
            "when": f"{danish.long_date(first.dato).capitalize()} kl. {danish.clock(agenda.start)}–{danish.clock(agenda.end)}" if first else None,
            "place": first.sted if first else None,
            "deadline": danish.long_date(first.tilmeldingsfrist) if first and first.tilmeldingsfrist else None,
            "organiser": _organiser_contact(group),
            "qr": qr_svg(group.adresse) if group.adresse else None,
            "url": group.adresse,
            "blocks": letter_blocks(invitation_lines(group, today)),
            "agenda": agenda_rows(first) if first else [],
            "agenda_title": f"Dagsorden for {danish.long_date(first.dato)}" if first else None,
        },
    )


def invitation_text(group: Group, today: dt.date) -> str:
    """The letter as plain text to paste into an e-mail, with the agenda it promises below it."""
    lines = invitation_lines(group, today)
    first = first_meeting(group)
    if first:
        lines += ["", "", f"DAGSORDEN {danish.long_date(first.dato).upper()}", first.sted, ""]
        lines += [f"{row['time']}  {row['title']}" + (f" ({row['who']})" if row["who"] else "") for row in agenda_rows(first)]
    if group.adresse:
        lines += ["", f"Læs mere om gruppen: {group.adresse}"]
    return BOM + "\n".join(lines) + "\n"


def poster_pages(group: Group) -> list[PrintPage]:
    """One agenda poster per meeting that is not cancelled."""
    pages = []
    for meeting in ordered(group):
        if meeting.cancelled:
            continue
        rows = agenda_rows(meeting)
        roles = [
            f"{label}: {name}"
            for label, name in (("Ordstyrer", meeting.ordstyrer), ("Referent", meeting.referent), ("Vært", meeting.vaert))
            if name
        ]
        pages.append(
            PrintPage(
                poster_path(meeting),
                "udskrift/plakat.html.j2",
                {
                    **_common(group),
                    "date": danish.long_date(meeting.dato).capitalize(),
                    "place": meeting.sted,
                    "theme": meeting.tema,
                    "evaluation": meeting.evaluering,
                    "roles": roles,
                    "rows": rows,
                    # Long agendas get smaller type, so the poster stays on one A4 page.
                    "size": Md("nv-stor" if len(rows) <= 7 else ("nv-mellem" if len(rows) <= 11 else "nv-lille")),
                },
            )
        )
    return pages


def contact_list_page(group: Group, slug: str, today: dt.date) -> PrintPage:
    people = list(group.medlemmer)
    rows = [
        {
            "name": m.navn,
            "phone": m.telefon,
            "phone_href": tel_href(m.telefon) if m.telefon else None,
            "email": m.email,
            "email_href": mailto_href(m.email) if m.email else None,
        }
        for m in people
    ]
    if group.arrangoer.navn not in group.member_names():
        person = group.arrangoer
        rows.insert(
            0,
            {
                "name": f"{person.navn} (arrangør)",
                "phone": person.telefon,
                "phone_href": tel_href(person.telefon) if person.telefon else None,
                "email": person.email,
                "email_href": mailto_href(person.email) if person.email else None,
            },
        )
    return PrintPage(
        contact_list_name(slug),
        "udskrift/kontaktliste.html.j2",
        {"group_name": group.navn, "rows": rows, "date": danish.short_date(today)},
    )


def _render(env: jinja2.Environment, page: PrintPage) -> str:
    return env.get_template(page.template).render(page.context)


def print_files(env: jinja2.Environment, group: Group, today: dt.date) -> dict[str, str]:
    """The printable files published with the site, by path below its docs folder."""
    files = {CSS: env.get_template("udskrift/udskrift.css.j2").render()}
    files[INVITATION_HTML] = _render(env, invitation_page(group, today))
    files[INVITATION_TXT] = invitation_text(group, today)
    for page in poster_pages(group):
        files[page.path] = _render(env, page)
    return files


def private_files(env: jinja2.Environment, group: Group, slug: str, today: dt.date) -> dict[str, str]:
    """Files for the members only, never published: the contact list, by file name."""
    page = contact_list_page(group, slug, today)
    return {page.path: _render(env, page)}

"""What the meeting needs on paper: the invitation (print and e-mail text), agenda posters, the contact list."""

from __future__ import annotations

from typing import Any

import jinja2

from .. import danish
from ..escape import Md
from ..facts import people
from ..facts.audience import Fact, sentence
from ..facts.meeting import POSTER_FOLDER, AgendaFacts, MeetingKind
from ..facts.qr import qr_inline
from ..lock.seal import unlock_link
from .fragments import Fragments, Lock, Reader
from .pages import Site, invitation_lines
from .render import Page, render
from .shared import NOT_SHARED, SharedUrls

CSS = f"{POSTER_FOLDER}/udskrift.css"
INVITATION_HTML = f"{POSTER_FOLDER}/invitation.html"
INVITATION_TXT = f"{POSTER_FOLDER}/invitation.txt"
BOM = "\ufeff"  # lets a browser see that the .txt file is UTF-8 on any web host


def contact_list_name(slug: str) -> str:
    return f"{slug}-kontaktliste.html"


def members_invitation_name(slug: str) -> str:
    return f"{slug}-invitation.html"


def letter_blocks(lines: list[str | Fact]) -> list[dict[str, Any]]:
    """The letter's lines as paragraphs and bullet lists, split at blank lines."""
    blocks: list[dict[str, Any]] = []
    current: list[str | Fact] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
            continue
        if current:
            bullets = all(isinstance(c, str) and c.startswith("- ") for c in current)
            blocks.append({"list": bullets, "lines": [str(c).removeprefix("- ") for c in current] if bullets else current})
        current = []
    return blocks


def _common(site: Site, shared: SharedUrls) -> dict[str, Any]:
    # The printables follow the group's choice about search engines, like its other pages. They are one folder
    # down (udskrift/); their stylesheet and the icon may be shared by the groups (site/shared.py).
    return {
        "group_name": site.group.navn,
        "css": Md(shared.url(CSS, depth=1) if CSS in shared else CSS.removeprefix(f"{POSTER_FOLDER}/")),
        "icon": Md(shared.url("assets/icon.svg", depth=1)),
        "searchable": site.group.soegemaskiner,
    }


def invitation_page(site: Site, shared: SharedUrls = NOT_SHARED) -> Page:
    first, group = site.meetings.first, site.group
    return Page(
        INVITATION_HTML,
        "udskrift/invitation.html.j2",
        {
            **_common(site, shared),
            "when": f"{first.weekday_date.capitalize()} kl. {first.start}–{first.end}" if first else None,
            "place": first.place if first else None,
            "deadline": first.deadline.capitalize() if first and first.deadline else None,  # it starts its line
            "organiser": people.organiser(group, site.audiences).parts(),
            "qr": qr_inline(group.adresse) if group.adresse else None,
            "url": group.adresse,
            "blocks": letter_blocks(invitation_lines(site)),
            "agenda": first.agenda.rows if first else [],
            "agenda_title": f"Dagsorden for {first.weekday_date}" if first else None,
        },
    )


def _agenda_lines(agenda: AgendaFacts) -> list[str]:
    """The agenda as plain lines, as everyone may see it (the e-mail text is public): time, item and who has the
    floor, as the printed agenda's three columns ('18.00–18.15  Velkommen – Anne Jensen (ordstyrer)')."""
    return [f"{row.clock}  {row.title}" + (f" – {row.by_name.shown(False)}" if row.by_name else "") for row in agenda.rows]


def invitation_text(site: Site) -> str:
    """The letter as plain text to paste into an e-mail, with the agenda it promises below it."""
    lines = [line.shown(False) if isinstance(line, Fact) else line for line in invitation_lines(site)]
    first = site.meetings.first
    if first:
        lines += ["", "", f"DAGSORDEN {first.weekday_date.upper()}", first.place.shown(False), "", *_agenda_lines(first.agenda)]
    if site.group.adresse:
        lines += ["", f"Læs mere om gruppen: {site.group.adresse}"]
    return BOM + "\n".join(lines) + "\n"


def poster_pages(site: Site, shared: SharedUrls = NOT_SHARED) -> list[Page]:
    """One agenda poster per meeting that is not cancelled."""
    pages = []
    for m in site.meetings.all:
        if m.poster is None:
            continue
        rows = m.agenda.rows
        roles = [
            sentence(f"{label}: {name}", f"{label}: {name.public}", name)
            for label, name in (("Ordstyrer", m.ordstyrer), ("Referent", m.referent), ("Vært", m.host))
            if name
        ]
        pages.append(
            Page(
                m.poster,
                "udskrift/plakat.html.j2",
                {
                    **_common(site, shared),
                    "date": m.weekday_date.capitalize(),
                    "place": m.place,
                    "theme": m.theme,
                    "evaluation": m.kind is MeetingKind.EVALUATION,
                    "roles": roles,
                    "rows": rows,
                    # Long agendas get smaller type, so the poster stays on one A4 page.
                    "size": Md("nv-stor" if len(rows) <= 7 else ("nv-mellem" if len(rows) <= 11 else "nv-lille")),
                },
            )
        )
    return pages


def contact_list_page(site: Site, slug: str) -> Page:
    return Page(
        contact_list_name(slug),
        "udskrift/kontaktliste.html.j2",
        {"group_name": site.group.navn, "rows": people.contact_list(site.group, site.audiences), "date": danish.short_date(site.today)},
    )


def print_css(env: jinja2.Environment) -> str:
    """The printables' stylesheet (the same for every group)."""
    return env.get_template("udskrift/udskrift.css.j2").render()


def print_files(env: jinja2.Environment, site: Site, shared: SharedUrls = NOT_SHARED) -> dict[str, str]:
    """The printable files published with the site, by path below its docs folder (the stylesheet only when
    the groups do not share it)."""
    files = {} if CSS in shared else {CSS: print_css(env)}
    files[INVITATION_HTML] = render(env, invitation_page(site, shared))
    files[INVITATION_TXT] = invitation_text(site)
    for page in poster_pages(site, shared):
        files[page.path] = render(env, page)
    return files


def members_invitation_page(site: Site, slug: str, lock: Lock) -> Page:
    """The paper that lets a member in: a QR code and a link that carry the key, so the phone unlocks on opening."""
    link = unlock_link(lock.keys, site.group.adresse) if site.group.adresse else None
    return Page(
        members_invitation_name(slug),
        "udskrift/medlemsinvitation.html.j2",
        {"group_name": site.group.navn, "link": link, "qr": qr_inline(link) if link else None, "date": danish.short_date(site.today)},
    )


def private_files(env: jinja2.Environment, site: Site, slug: str, lock: Lock | None = None) -> dict[str, str]:
    """Files for the members only, never published, by file name: the contact list, and for a group with a
    members' area the invitation to it."""
    members = Fragments(Reader.MEMBERS)
    pages = [contact_list_page(site, slug)] + ([members_invitation_page(site, slug, lock)] if lock else [])
    return {page.path: render(env, page, members) for page in pages}

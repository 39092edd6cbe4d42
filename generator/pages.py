"""What each page of a group's site shows, as plain data computed from the Group and "today"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import danish, guide
from .agenda import TimedAgenda, meeting_agenda, timed
from .calendar_links import QR_FILE, feed_links, meeting_ics
from .escape import Md, mailto_href, tel_href
from .models import Group, Meeting
from .timebar import Bar, TimeBar, time_bar

NETWORK_KIND_LABELS = {
    "støtte": "støtte i hverdagen",
    "studiegruppe": "studiegruppe med vægt på teori",
    "faglig vejledning": "faglig vejledning om arbejdet med børn i eget hjem",
    "supervision": "supervision",
}
MEETING_FORM_LABELS = {
    "fysisk": "Vi mødes fysisk.",
    "mail": "Vi holder kontakten over mail.",
    "begge": "Vi mødes fysisk og holder også kontakten over mail.",
}


@dataclass(frozen=True)
class Page:
    path: str  # Markdown file, relative to the group's docs folder
    title: str  # navigation title (written by the code, never taken from YAML)
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AgendaRow:
    number: int
    start: str
    end: str
    clock: str  # "18.00–18.20", or just "20.50" for an item without minutes
    title: str
    minutes: int | None  # None for an item without minutes (e.g. Eventuelt)
    speaker: str
    how: str
    bar: Bar


@dataclass(frozen=True)
class AgendaView:
    rows: tuple[AgendaRow, ...]
    start: str
    end: str
    total: str
    total_minutes: int
    scale: TimeBar


@dataclass(frozen=True)
class MeetingView:
    iso: str
    href: Md  # Markdown link from the site root
    page_html: Md  # HTML link from the site root
    file_html: Md  # HTML link from the moeder/ folder
    nav_title: str
    heading: str
    date: str
    weekday_date: str
    start: str
    end: str
    place: str
    kind: str
    theme: str | None
    theme_description: str | None
    theme_owners: str | None
    ordstyrer: str | None
    referent: str | None
    host: str | None
    deadline: str | None
    cancelled: str | None  # the reason; "" when none was given
    is_cancelled: bool
    held: bool
    is_first: bool
    is_evaluation: bool
    agenda: AgendaView
    ics_html: Md  # the meeting's own .ics, from the site root
    ics_file: Md  # the same, from the moeder/ folder


def speaker_label(speaker: str) -> str:
    return f"v. {speaker}" if speaker else ""


def agenda_view(agenda: TimedAgenda) -> AgendaView:
    scale = time_bar(agenda)
    rows = tuple(
        AgendaRow(
            number=t.number,
            start=danish.clock(t.start),
            end=danish.clock(t.end),
            clock=f"{danish.clock(t.start)}–{danish.clock(t.end)}" if t.item.minutes else danish.clock(t.start),
            title=t.item.title,
            minutes=t.item.minutes or None,
            speaker=speaker_label(t.item.speaker),
            how=t.item.how,
            bar=bar,
        )
        for t, bar in zip(agenda.items, scale.bars, strict=True)
    )
    return AgendaView(rows, danish.clock(agenda.start), danish.clock(agenda.end), danish.duration(agenda.minutes), agenda.minutes, scale)


def meeting_href(meeting: Meeting) -> Md:
    return Md(f"moeder/{meeting.dato.isoformat()}.md")


def theme_description(group: Group, name: str) -> str | None:
    for own in group.temaer:
        if own.navn.casefold() == name.casefold():
            return own.beskrivelse
    found = guide.find_theme(name)
    return found.description if found else None


def _kind(meeting: Meeting) -> str:
    if meeting.dagsorden == "første møde":
        return "Første møde"
    if meeting.dagsorden == "andet møde":
        return "Andet møde"
    if meeting.evaluering:
        return "Evalueringsmøde"
    return "Temamøde" if meeting.tema else "Netværksmøde"


def meeting_view(group: Group, meeting: Meeting, today: dt.date) -> MeetingView:
    agenda = meeting_agenda(meeting)
    return MeetingView(
        iso=meeting.dato.isoformat(),
        href=meeting_href(meeting),
        page_html=Md(f"moeder/{meeting.dato.isoformat()}.html"),
        file_html=Md(f"{meeting.dato.isoformat()}.html"),
        nav_title=danish.short_date(meeting.dato),
        heading=f"{_kind(meeting)} {danish.long_date(meeting.dato)}",
        date=danish.short_date(meeting.dato),
        weekday_date=danish.long_date(meeting.dato),
        start=danish.clock(agenda.start),
        end=danish.clock(agenda.end),
        place=meeting.sted,
        kind=_kind(meeting),
        theme=meeting.tema,
        theme_description=theme_description(group, meeting.tema) if meeting.tema else None,
        theme_owners=", ".join(meeting.temaansvarlige) or None,
        ordstyrer=meeting.ordstyrer,
        referent=meeting.referent,
        host=meeting.vaert,
        deadline=danish.long_date(meeting.tilmeldingsfrist) if meeting.tilmeldingsfrist else None,
        cancelled=meeting.aflyst,
        is_cancelled=meeting.cancelled,
        held=meeting.dato < today and not meeting.cancelled,
        is_first=meeting.dagsorden == "første møde",
        is_evaluation=meeting.evaluering,
        agenda=agenda_view(agenda),
        ics_html=Md(meeting_ics(meeting.dato)),
        ics_file=Md(f"{meeting.dato.isoformat()}.ics"),
    )


def ordered(group: Group) -> tuple[Meeting, ...]:
    return tuple(sorted(group.moeder, key=lambda m: m.dato))


def next_meeting(group: Group, today: dt.date) -> Meeting | None:
    """The first meeting on or after today that is not cancelled."""
    return next((m for m in ordered(group) if m.dato >= today and not m.cancelled), None)


def _organiser(group: Group) -> dict[str, Any]:
    person = group.arrangoer
    return {
        "name": person.navn,
        "phone": person.telefon,
        "phone_href": tel_href(person.telefon) if person.telefon else None,
        "email": person.email,
        "email_href": mailto_href(person.email) if person.email else None,
    }


def _public_members(group: Group) -> list[dict[str, Any]]:
    return [
        {
            "name": m.navn,
            "phone": m.telefon,
            "phone_href": tel_href(m.telefon) if m.telefon else None,
            "email": m.email,
            "email_href": mailto_href(m.email) if m.email else None,
        }
        for m in group.medlemmer
        if m.vis_kontakt and (m.telefon or m.email)
    ]


def _common(group: Group) -> dict[str, Any]:
    return {"group_name": group.navn, "credit": guide.credit()}


def home_page(group: Group, today: dt.date) -> Page:
    upcoming = next_meeting(group, today)
    return Page(
        "index.md",
        "Forside",
        "index.md.j2",
        {
            **_common(group),
            "city": group.by,
            "purpose": group.formaal,
            "kinds": [NETWORK_KIND_LABELS[k] for k in group.netvaerkstype],
            "form": MEETING_FORM_LABELS[group.moedeform],
            "next": meeting_view(group, upcoming, today) if upcoming else None,
            "organiser": _organiser(group),
            "members": f"{len(group.medlemmer)} medlem" if len(group.medlemmer) == 1 else f"{len(group.medlemmer)} medlemmer",
        },
    )


def plan_page(group: Group, today: dt.date) -> Page:
    views = [meeting_view(group, m, today) for m in ordered(group)]
    upcoming = [v for v in views if v.iso >= today.isoformat()]
    past = [v for v in views if v.iso < today.isoformat()]
    return Page(
        "moeder/index.md",
        "Mødeplan",
        "moedeplan.md.j2",
        {**_common(group), "upcoming": upcoming, "past": list(reversed(past))},
    )


def meeting_pages(group: Group, today: dt.date) -> list[Page]:
    afbud = group.aftaler.afbud
    return [
        Page(
            f"moeder/{m.dato.isoformat()}.md",
            danish.short_date(m.dato),
            "moede.md.j2",
            {
                **_common(group),
                "m": meeting_view(group, m, today),
                "afbud": afbud,
                "questions": guide.preparation_questions() if m.dagsorden == "første møde" else (),
                "poster_href": None if m.cancelled else Md(f"../udskrift/dagsorden-{m.dato.isoformat()}.html"),
            },
        )
        for m in ordered(group)
    ]


def agendas_page(group: Group) -> Page:
    day = dt.date(2000, 1, 1)
    views = [
        {"title": a.title, "intro": a.intro, "agenda": agenda_view(timed(day, dt.time(18, 0), a.items, a.key))}
        for a in guide.agendas()
    ]
    return Page("dagsordener.md", "Dagsordener", "dagsordener.md.j2", {**_common(group), "agendas": views})


def rules_page(group: Group) -> Page:
    own, advice = [], []
    for rule in guide.rules():
        field_name = {"nye medlemmer": "nye_medlemmer", "mødepligt": "moedepligt", "grænsevogter": "graensevogter"}.get(rule.key, rule.key)
        value = getattr(group.aftaler, field_name)
        if rule.key == "grænsevogter" and value:
            value = f"{value} er gruppens grænsevogter."
        entry = {"title": rule.title, "advice": rule.advice, "own": value}
        (own if value else advice).append(entry)
    return Page("spilleregler.md", "Spilleregler", "spilleregler.md.j2", {**_common(group), "own": own, "advice": advice})


def themes_page(group: Group, today: dt.date) -> Page:
    uses: dict[str, list[dict[str, Any]]] = {}
    own_names: list[str] = [t.navn for t in group.temaer]
    for meeting in ordered(group):
        if not meeting.tema:
            continue
        found = guide.find_theme(meeting.tema)
        key = found.name if found else meeting.tema.casefold()
        if not found and all(n.casefold() != meeting.tema.casefold() for n in own_names):
            own_names.append(meeting.tema)
        uses.setdefault(key if found else meeting.tema.casefold(), []).append(
            {
                "date": danish.short_date(meeting.dato),
                "href": Md(f"{meeting.dato.isoformat()}.md"),
                "owners": ", ".join(meeting.temaansvarlige) or None,
                "cancelled": meeting.cancelled,
            }
        )

    def entry(name: str, description: str | None, key: str) -> dict[str, Any]:
        return {"name": name, "description": description, "uses": uses.get(key, [])}

    categories = [
        {
            "title": title,
            "themes": [entry(t.name, t.description, t.name) for t in guide.themes() if t.category == category],
        }
        for category, title in (("arbejde", "Arbejdsrelaterede emner"), ("dynamik", "Gruppens dynamik og læring"))
    ]
    own = [entry(n, theme_description(group, n), n.casefold()) for n in own_names if guide.find_theme(n) is None]
    return Page(
        "temaer.md",
        "Temaer",
        "temaer.md.j2",
        {
            **_common(group),
            "categories": categories,
            "own": own,
            "advice": guide.theme_advice(),
            "websites": [{"label": label, "href": Md(url)} for label, url in guide.theme_websites()],
        },
    )


def roles_page(group: Group) -> Page:
    rows = [
        {
            "date": danish.short_date(m.dato),
            "href": Md(f"moeder/{m.dato.isoformat()}.md"),
            "page_html": Md(f"moeder/{m.dato.isoformat()}.html"),
            "ordstyrer": m.ordstyrer,
            "referent": m.referent,
            "host": m.vaert,
            "owners": ", ".join(m.temaansvarlige) or None,
            "cancelled": m.cancelled,
        }
        for m in ordered(group)
    ]
    return Page(
        "roller.md",
        "Roller",
        "roller.md.j2",
        {
            **_common(group),
            "roles": guide.roles(),
            "rows": rows,
            "organiser": group.arrangoer.navn,
            "boundary_keeper": group.aftaler.graensevogter,
            "public_members": _public_members(group),
        },
    )


def first_meeting(group: Group) -> Meeting | None:
    meetings = ordered(group)
    return next((m for m in meetings if m.dagsorden == "første møde"), meetings[0] if meetings else None)


def invitation_lines(group: Group, today: dt.date) -> list[str]:
    """The guide's invitation letter, filled in from the group file, as lines of plain text."""
    first = first_meeting(group)
    organiser = group.arrangoer
    opening = (
        f"{danish.long_date(first.dato).capitalize()} kl. {danish.clock(first.start)} holder vi opstartsmøde i "
        f"{group.navn} på {first.sted}."
        if first
        else f"Vi holder snart opstartsmøde i {group.navn}."
    )
    contact = " eller ".join(x for x in (organiser.telefon and f"telefon {organiser.telefon}", organiser.email and f"e-mail {organiser.email}") if x)
    lines = [
        f"{group.by + ', ' if group.by else ''}{danish.short_date(today)}",
        "",
        "Kære familieplejer",
        "",
        "Har du lyst til at være med i en netværksgruppe for familieplejere?",
        "",
        f"{opening} Jeg håber, at du har lyst og mulighed for at komme.",
        "",
        "Vi har endnu ikke lagt fast, hvad gruppen skal handle om, eller hvordan den skal fungere. "
        "Det finder vi ud af sammen på de første møder.",
        "",
        "På det første møde fortæller vi hver især, hvad vi gerne vil have ud af et netværk. "
        "Tænk gerne over disse spørgsmål inden mødet:",
        "",
        *[f"- {q}" for q in guide.preparation_questions()],
        "",
        f"Jeg har inviteret {len(group.medlemmer)} familieplejere. "
        + (
            f"Giv mig besked senest {danish.long_date(first.tilmeldingsfrist)}, om du kan komme"
            if first and first.tilmeldingsfrist
            else "Giv mig besked, om du kan komme"
        )
        + (f", på {contact}." if contact else "."),
        "",
        (f"{first.ordstyrer} er ordstyrer på mødet, og" if first and first.ordstyrer else "Der er en ordstyrer på mødet, og")
        + " der er lidt at spise og drikke undervejs.",
        "",
        "Jeg glæder mig til at se dig.",
        "",
        "Med venlig hilsen",
        organiser.navn,
        "",
        "PS: Dagsordenen for mødet står herunder, så du kan se, hvad der skal ske. "
        "Har du spørgsmål, er du meget velkommen til at kontakte mig.",
    ]
    return lines


def start_page(group: Group, today: dt.date) -> Page:
    return Page(
        "kom-godt-i-gang.md",
        "Kom godt i gang",
        "kom-godt-i-gang.md.j2",
        {
            **_common(group),
            "advice": guide.first_meeting_advice(),
            "experiences": guide.experiences(),
            "questions": guide.preparation_questions(),
        },
    )


def invitation_page(group: Group, today: dt.date) -> Page:
    """The invitation letter and the first meeting's agenda: a page of its own, to send or print."""
    first = first_meeting(group)
    return Page(
        "invitation.md",
        "Invitation",
        "invitation.md.j2",
        {
            **_common(group),
            "letter": invitation_lines(group, today),
            "first": meeting_view(group, first, today) if first else None,
        },
    )


def calendar_page(group: Group) -> Page:
    """How to get the meetings into a phone's calendar: subscribe, Google, Outlook, QR code."""
    links = feed_links(group)
    return Page(
        "kalender.md",
        "Kalender",
        "kalender.md.j2",
        {
            **_common(group),
            "links": links,
            "address": str(links.https) if links.https else None,
            "page_address": str(links.page) if links.page else None,
            "qr": Md(QR_FILE) if links.page else None,
            "reminder": group.paamindelse,
        },
    )


def site_pages(group: Group, today: dt.date) -> list[Page]:
    """Every page of the group's site, in navigation order."""
    return [
        home_page(group, today),
        plan_page(group, today),
        *meeting_pages(group, today),
        calendar_page(group),
        agendas_page(group),
        rules_page(group),
        themes_page(group, today),
        roles_page(group),
        start_page(group, today),
        invitation_page(group, today),
    ]

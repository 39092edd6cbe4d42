"""What each page of a group's site shows, as plain data taken from the meeting views and the guide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .. import danish
from ..escape import Md
from ..facts import people
from ..facts.audience import Audiences, Fact, Kind, audiences_for, sentence
from ..facts.links import QR_FILE, feed_links
from ..facts.meeting import AgendaFacts, AgendaRow, GroupMeetings, MeetingKind, MeetingView, agenda_facts, group_meetings, theme_description
from ..guide import content as guide
from ..guide.agenda import timed
from ..model.models import Group
from .render import Page
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
class AgendaTable:
    """An agenda as the site's table shows it: each row beside its stretch of the meeting's time bar."""

    rows: tuple[tuple[AgendaRow, Bar], ...]
    start: str
    end: str
    total: str
    scale: TimeBar


def agenda_table(agenda: AgendaFacts) -> AgendaTable:
    scale = time_bar(agenda.timed)
    return AgendaTable(tuple(zip(agenda.rows, scale.bars, strict=True)), agenda.start, agenda.end, agenda.total, scale)


# The home page's card holds every meeting that can become "next", so the phone can show the right one on the day
# it is read (assets/netvaerk.js). The first few come with place and roles; later ones, which only show on a site
# not rebuilt for months, with date, time and links: in a members' area each place and name is sealed on its own,
# and ciphertext does not compress.
FULL_CARDS = 3


@dataclass(frozen=True)
class NextCard:
    """One candidate for the home page's "Næste møde" card."""

    m: MeetingView
    shown: bool  # the one "today" (the build's date) picks: what shows without JavaScript
    full: bool  # with place and roles; later candidates only with date, time and links


def next_cards(meetings: GroupMeetings, today: dt.date) -> list[NextCard]:
    """Every meeting that can be "next" from `today` on, the first one shown."""
    return [NextCard(m, i == 0, i < FULL_CARDS) for i, m in enumerate(meetings.coming(today))]


@dataclass(frozen=True)
class Site:
    """What every page draws on: the group, its meetings as views, "today" and who may see what."""

    group: Group
    meetings: GroupMeetings
    today: dt.date
    audiences: Audiences
    private_feed: str | None = None  # the members' own feed, by file name (groups with a members' area)


def site_facts(group: Group, today: dt.date, private_feed: str | None = None) -> Site:
    audiences = audiences_for(group)
    return Site(group, group_meetings(group, today, audiences), today, audiences, private_feed)


def _common(site: Site) -> dict[str, Any]:
    return {"group_name": site.group.navn, "credit": guide.credit()}


def _members(count: int) -> str:
    return f"{count} medlem" if count == 1 else f"{count} medlemmer"


def home_page(site: Site) -> Page:
    group = site.group
    return Page(
        "index.md",
        "index.md.j2",
        {
            **_common(site),
            "city": group.by,
            "purpose": group.formaal,
            "kinds": [NETWORK_KIND_LABELS[k] for k in group.netvaerkstype],
            "form": MEETING_FORM_LABELS[group.moedeform],
            "next": next_cards(site.meetings, site.today),
            "organiser": people.organiser(group, site.audiences),
            "members": _members(len(group.medlemmer)),
        },
        "Forside",
    )


def plan_page(site: Site) -> Page:
    return Page(
        "moeder/index.md",
        "moedeplan.md.j2",
        {**_common(site), "upcoming": site.meetings.upcoming(site.today), "past": list(reversed(site.meetings.past(site.today)))},
        "Mødeplan",
    )


def meeting_pages(site: Site) -> list[Page]:
    """A page for each meeting, none of them in the navigation: the plan lists every meeting (date, kind, time,
    place) and each meeting's page links back to it, while in the menu each meeting's page would carry every
    meeting's date, a list that grows with the plan. The menu shows Mødeplan as where a meeting's page is
    (builder/engine/run.py), and MkDocs takes the page's title from its heading ("Andet møde tirsdag den …")."""
    return [
        Page(
            m.page,
            "moede.md.j2",
            {
                **_common(site),
                "m": m,
                "agenda": agenda_table(m.agenda),
                "afbud": site.group.aftaler.afbud,
                "signup": people.signup(site.group, m.day) if m.deadline and not m.cancelled else None,
                "questions": guide.preparation_questions() if m.kind is MeetingKind.FIRST else (),
            },
        )
        for m in site.meetings.all
    ]


def _lead(row: AgendaRow) -> str:
    """'3. Pause.' before the guide's advice on an item: one full stop, also after a title that ends in one ('m.m.')."""
    return f"{row.number}. {row.title}" + ("" if row.title.endswith(".") else ".")


def agendas_page(site: Site) -> Page:
    day = dt.date(2000, 1, 1)
    views = []
    for a in guide.agendas():
        facts = agenda_facts(timed(day, dt.time(18, 0), a.items, a.key), site.audiences)
        points = [{"lead": _lead(row), "how": row.how} for row in facts.rows if row.how]
        views.append({"title": a.title, "intro": a.intro, "agenda": agenda_table(facts), "points": points})
    return Page("dagsordener.md", "dagsordener.md.j2", {**_common(site), "agendas": views}, "Dagsordener")


def rules_page(site: Site) -> Page:
    own, advice = [], []
    for rule in guide.rules():
        field_name = {"nye medlemmer": "nye_medlemmer", "mødepligt": "moedepligt", "grænsevogter": "graensevogter"}.get(rule.key, rule.key)
        value = getattr(site.group.aftaler, field_name)
        if rule.key == "grænsevogter" and value:
            value = site.audiences.fact(
                Kind.MEMBER_NAME,
                f"{value} er gruppens grænsevogter.",
                about=value,
                public="Gruppen har valgt en grænsevogter; navnet ser du, når du har låst op.",
            )
        entry = {"title": rule.title, "advice": rule.advice, "own": value, "beside": rule.advice if rule.beside_own else None}
        (own if value else advice).append(entry)
    return Page("spilleregler.md", "spilleregler.md.j2", {**_common(site), "own": own, "advice": advice}, "Spilleregler")


def themes_page(site: Site) -> Page:
    group = site.group
    uses: dict[str, list[dict[str, Any]]] = {}
    own_names: list[str] = [t.navn for t in group.temaer]
    for m in site.meetings.all:
        if not m.theme:
            continue
        found = guide.find_theme(m.theme)
        if not found and all(n.casefold() != m.theme.casefold() for n in own_names):
            own_names.append(m.theme)
        uses.setdefault(found.name if found else m.theme.casefold(), []).append(
            {
                "date": m.date,
                "href": Md(f"{m.iso}.md"),
                "owners": m.theme_owners,
                "owners_label": m.theme_owners_label.lower(),
                "cancelled": m.cancelled,
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
        "temaer.md.j2",
        {
            **_common(site),
            "categories": categories,
            "own": own,
            "advice": guide.theme_advice(),
            "websites": [{"label": label, "href": Md(url)} for label, url in guide.theme_websites()],
        },
        "Temaer",
    )


ROLE_ROWS = 12  # the roles table's coming meetings: a sealed name costs its full length (lock/seal.py), so it stays light


def roles_page(site: Site) -> Page:
    group = site.group
    coming = site.meetings.upcoming(site.today)
    return Page(
        "roller.md",
        "roller.md.j2",
        {
            **_common(site),
            "roles": guide.roles(),
            "meetings": coming[:ROLE_ROWS],
            "earlier": len(coming) < len(site.meetings.all),
            "later": len(coming) > ROLE_ROWS,
            "organiser": group.arrangoer.navn,
            "boundary_keeper": site.audiences.optional(Kind.MEMBER_NAME, group.aftaler.graensevogter),
            "public_members": people.shown_members(group, site.audiences),
        },
        "Roller",
    )


def _invited(group: Group) -> str:
    """'Jeg har inviteret 6 familieplejere til det første møde.': the members, not counting the organiser who writes."""
    count = sum(1 for m in group.medlemmer if m.navn != group.arrangoer.navn)
    if count == 0:
        return ""
    return f"Jeg har inviteret {count} {'familieplejer' if count == 1 else 'familieplejere'} til det første møde. "


def _reach(contact: people.Contact) -> str:
    """' Du kan ringe til mig på … eller skrive til mig på ….': how to answer the letter; empty without either."""
    ways = [x for x in (contact.phone and f"ringe til mig på {contact.phone}", contact.email and f"skrive til mig på {contact.email}") if x]
    return f" Du kan {' eller '.join(ways)}." if ways else ""


def invitation_lines(site: Site) -> list[str | Fact]:
    """The guide's invitation letter, filled in from the group file, as lines of plain text. The organiser signs
    it and writes in the first person: "jeg" is the organiser, "vi" the group to be."""
    group, first = site.group, site.meetings.first
    hope = "Jeg håber, at du har lyst og mulighed for at komme."
    opening: str | Fact = f"Vi holder snart opstartsmøde i {group.navn}. {hope}"
    if first:
        when = f"{first.day_line} kl. {first.start} holder vi opstartsmøde i {group.navn}"
        town = f" i {group.by}" if group.by else ""
        opening = sentence(
            f"{when} på {first.place}. {hope}", f"{when}{town}; du får adressen, når du har meldt dig. {hope}", first.place
        )
    answer = f"Giv mig besked senest {first.deadline}, om du kan komme." if first and first.deadline else "Giv mig besked, om du kan komme."
    food = "der er lidt at spise og drikke undervejs."
    if first and first.ordstyrer and first.ordstyrer.text == group.arrangoer.navn:
        chair: str | Fact = f"Jeg er selv ordstyrer på mødet, og {food}"
    elif first and first.ordstyrer:
        chair = sentence(f"{first.ordstyrer} er ordstyrer på mødet, og {food}", f"Der er en ordstyrer på mødet, og {food}", first.ordstyrer)
    else:
        chair = f"Der er en ordstyrer på mødet, og {food}"
    return [
        f"{group.by + ', ' if group.by else ''}{danish.short_date(site.today)}",
        "",
        "Kære familieplejer",
        "",
        "Har du lyst til at være med i en netværksgruppe for familieplejere?",
        "",
        opening,
        "",
        "Vi har endnu ikke aftalt, hvad gruppen skal handle om, eller hvordan den skal fungere. "
        "Det finder vi ud af sammen på de første møder.",
        "",
        "På det første møde fortæller vi hver især, hvad vi gerne vil have ud af et netværk. "
        "Tænk gerne over disse spørgsmål inden mødet:",
        "",
        *[f"- {q}" for q in guide.preparation_questions()],
        "",
        _invited(group) + answer + _reach(people.organiser(group, site.audiences)),
        "",
        chair,
        "",
        "Jeg glæder mig til at se dig.",
        "",
        "Med venlig hilsen",
        group.arrangoer.navn,
        "",
        "PS: Dagsordenen for mødet står herunder, så du kan se, hvad der skal ske. "
        "Har du spørgsmål, er du meget velkommen til at kontakte mig.",
    ]


def start_page(site: Site) -> Page:
    return Page(
        "kom-godt-i-gang.md",
        "kom-godt-i-gang.md.j2",
        {
            **_common(site),
            "advice": guide.first_meeting_advice(),
            "experiences": guide.experiences(),
            "questions": guide.preparation_questions(),
        },
        "Kom godt i gang",
    )


def invitation_page(site: Site) -> Page:
    """The invitation letter and the first meeting's agenda: a page of its own, to send or print."""
    first = site.meetings.first
    return Page(
        "invitation.md",
        "invitation.md.j2",
        {
            **_common(site),
            "letter": invitation_lines(site),
            "first": first,
            "agenda": agenda_table(first.agenda) if first else None,
        },
        "Invitation",
    )


def calendar_page(site: Site) -> Page:
    """How to get the meetings into a phone's calendar: subscribe, Google, Outlook, QR code."""
    links = feed_links(site.group)
    private = feed_links(site.group, site.private_feed) if site.private_feed else None
    return Page(
        "kalender.md",
        "kalender.md.j2",
        {
            **_common(site),
            "links": links,
            "members": private,
            "members_feed": Fact(str(private.https or private.relative), site.audiences.of(Kind.MEMBERS_FEED)) if private else None,
            "members_qr": Md(site.private_feed.removesuffix(".ics") + "-qr.svg") if private and private.page else None,
            "address": str(links.https) if links.https else None,
            "page_address": str(links.page) if links.page else None,
            "qr": Md(QR_FILE) if links.page else None,
            "reminder": site.group.paamindelse,
        },
        "Kalender",
    )


def site_pages(site: Site) -> list[Page]:
    """Every page of the group's site, in navigation order."""
    return [
        home_page(site),
        plan_page(site),
        *meeting_pages(site),
        calendar_page(site),
        agendas_page(site),
        rules_page(site),
        themes_page(site),
        roles_page(site),
        start_page(site),
        invitation_page(site),
    ]

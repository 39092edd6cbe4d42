"""One view of each meeting: every fact the pages, the print pages and the feed show about it, computed once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .. import danish
from ..escape import Md
from ..guide import content as guide
from ..guide.agenda import TimedAgenda, meeting_agenda
from ..model.models import Group, Meeting
from .audience import Audiences, Fact, Kind, audiences_for
from .links import meeting_ics, meeting_page_url
from .people import Afbud
from .people import afbud as afbud_for

POSTER_FOLDER = "udskrift"
# What a cancellation says when the organiser wrote no reason, only that it is off ('aflyst: ja').
_JUST_YES = {"ja", "j", "yes", "true", "sand"}


class MeetingKind(Enum):
    """What kind of meeting it is. The agenda decides first (the guide's first and second meetings have
    fixed purposes), then an evaluation, then a theme."""

    FIRST = "Første møde"
    SECOND = "Andet møde"
    EVALUATION = "Evalueringsmøde"
    THEME = "Temamøde"
    PLAIN = "Netværksmøde"


def meeting_kind(meeting: Meeting) -> MeetingKind:
    if meeting.dagsorden == "første møde":
        return MeetingKind.FIRST
    if meeting.dagsorden == "andet møde":
        return MeetingKind.SECOND
    if meeting.evaluering:
        return MeetingKind.EVALUATION
    return MeetingKind.THEME if meeting.tema else MeetingKind.PLAIN


def meeting_title(meeting: Meeting) -> str:
    """The meeting in one line, as a calendar shows it: 'Netværksmøde: Forholdet til kommunen'."""
    detail = {
        MeetingKind.FIRST: "Første møde",
        MeetingKind.SECOND: "Andet møde",
        MeetingKind.EVALUATION: "Evaluering",
        MeetingKind.THEME: meeting.tema,
        MeetingKind.PLAIN: None,
    }[meeting_kind(meeting)]
    return f"Netværksmøde: {detail}" if detail else "Netværksmøde"


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item with its clock times and who has the floor."""

    number: int
    start: str
    end: str
    clock: str  # "18.00–18.20", or just "20.50" for an item without minutes (e.g. Eventuelt)
    title: str
    minutes: int | None  # None for an item without minutes
    by_role: Fact  # "v. ordstyrer", as the agenda names who speaks; "" when nobody in particular (a pause)
    by_name: Fact  # "Bo Hansen (ordstyrer)", by name where the meeting names them; "" for a pause
    how: str  # the guide's advice on running the item
    pause: bool


@dataclass(frozen=True)
class AgendaFacts:
    rows: tuple[AgendaRow, ...]
    start: str
    end: str
    total: str  # "2 timer og 40 minutter"
    timed: TimedAgenda  # the clock times themselves (for the time bars and the feed)


def _by_name(speaker: str, meeting: Meeting | None, audiences: Audiences) -> Fact:
    """Who has the floor, by name where the meeting names them."""
    if speaker == "ordstyrer":
        if meeting is not None and meeting.ordstyrer:
            return audiences.fact(Kind.MEMBER_NAME, f"{meeting.ordstyrer} (ordstyrer)", about=meeting.ordstyrer, public="Ordstyreren")
        return Fact("Ordstyreren")
    if speaker == "temaansvarlige":
        if meeting is not None and meeting.temaansvarlige:
            return audiences.fact(Kind.MEMBER_NAME, ", ".join(meeting.temaansvarlige), about=meeting.temaansvarlige, public="De temaansvarlige")
        return Fact("De temaansvarlige")
    if speaker == "alle":
        return Fact("Alle")
    if speaker in audiences.member_names:  # a member's name written under 'ved:'
        return audiences.fact(Kind.MEMBER_NAME, speaker, public="Et medlem")
    return Fact(speaker)


def _by_role(speaker: str, audiences: Audiences) -> Fact:
    """'v. ordstyrer' as the agenda writes it; a member's name written under 'ved:' is a member's name."""
    if not speaker:
        return Fact("")
    if speaker in audiences.member_names:
        return audiences.fact(Kind.MEMBER_NAME, f"v. {speaker}", about=speaker, public="v. et medlem")
    return Fact(f"v. {speaker}")


def agenda_facts(agenda: TimedAgenda, audiences: Audiences, meeting: Meeting | None = None) -> AgendaFacts:
    """The agenda's rows; names come from `meeting`, or the roles stand alone (the guide's own agendas)."""
    rows = tuple(
        AgendaRow(
            number=t.number,
            start=danish.clock(t.start),
            end=danish.clock(t.end),
            clock=f"{danish.clock(t.start)}–{danish.clock(t.end)}" if t.item.minutes else danish.clock(t.start),
            title=t.item.title,
            minutes=t.item.minutes or None,
            by_role=_by_role(t.item.speaker, audiences),
            by_name=_by_name(t.item.speaker, meeting, audiences),
            how=t.item.how,
            pause=not t.item.speaker and t.item.title.casefold() == "pause",
        )
        for t in agenda.items
    )
    return AgendaFacts(rows, danish.clock(agenda.start), danish.clock(agenda.end), danish.duration(agenda.minutes), agenda)


def theme_description(group: Group, name: str) -> str | None:
    """The group's own description of a theme, else the guide's."""
    for own in group.temaer:
        if own.navn.casefold() == name.casefold():
            return own.beskrivelse
    found = guide.find_theme(name)
    return found.description if found else None


def cancel_reason(meeting: Meeting) -> str | None:
    """Why the meeting is off: None when it is not, "" when the file only says that it is ('aflyst: ja')."""
    if meeting.aflyst is None:
        return None
    return "" if meeting.aflyst.casefold() in _JUST_YES else meeting.aflyst


@dataclass(frozen=True)
class MeetingView:
    """Everything shown about one meeting. Paths are from the site's root."""

    day: dt.date
    iso: Md  # "2027-01-12": written as it is into links and data attributes
    kind: MeetingKind
    title: str  # the one-line title a calendar shows
    date: str  # "12. januar 2027"
    weekday_date: str  # "tirsdag den 12. januar 2027"
    day_line: str  # "Tirsdag den 12. januar 2027": the date where it starts a line
    start: str  # "18.00"
    end: str
    place: Fact
    theme: str | None
    theme_description: str | None
    theme_owners: Fact | None
    theme_owners_label: str  # "Temaansvarlig" for one, "Temaansvarlige" for more
    ordstyrer: Fact | None
    referent: Fact | None
    host: Fact | None
    deadline: str | None  # "tirsdag den 5. januar 2027"
    deadline_day: dt.date | None
    cancelled: bool
    reason: str | None  # see cancel_reason
    held: bool  # in the past and not cancelled
    agenda: AgendaFacts
    page: Md  # "moeder/2027-01-12.md"
    page_html: Md  # "moeder/2027-01-12.html"
    file_html: Md  # "2027-01-12.html": the same page, linked from its own folder
    page_url: str | None  # the page's public address, when the site's address is known
    ics: Md  # "moeder/2027-01-12.ics": just this meeting, for "Tilføj til kalender"
    file_ics: Md  # "2027-01-12.ics", from its own folder
    poster: Md | None  # "udskrift/dagsorden-2027-01-12.html"; a cancelled meeting has none
    afbud: Afbud | None  # one-tap afbud (groups with a members' area; not for cancelled or past meetings)


def meeting_view(group: Group, meeting: Meeting, today: dt.date, audiences: Audiences) -> MeetingView:
    agenda = meeting_agenda(meeting)
    names = lambda name: audiences.optional(Kind.MEMBER_NAME, name)  # noqa: E731
    iso = Md(meeting.dato.isoformat())
    return MeetingView(
        day=meeting.dato,
        iso=iso,
        kind=meeting_kind(meeting),
        title=meeting_title(meeting),
        date=danish.short_date(meeting.dato),
        weekday_date=danish.long_date(meeting.dato),
        day_line=danish.long_date(meeting.dato).capitalize(),
        start=danish.clock(agenda.start),
        end=danish.clock(agenda.end),
        place=audiences.fact(Kind.PLACE, meeting.sted),
        theme=meeting.tema,
        theme_description=theme_description(group, meeting.tema) if meeting.tema else None,
        theme_owners=(
            audiences.fact(Kind.MEMBER_NAME, ", ".join(meeting.temaansvarlige), about=meeting.temaansvarlige) if meeting.temaansvarlige else None
        ),
        theme_owners_label="Temaansvarlig" if len(meeting.temaansvarlige) == 1 else "Temaansvarlige",
        ordstyrer=names(meeting.ordstyrer),
        referent=names(meeting.referent),
        host=audiences.optional(Kind.HOST, meeting.vaert),
        deadline=danish.long_date(meeting.tilmeldingsfrist) if meeting.tilmeldingsfrist else None,
        deadline_day=meeting.tilmeldingsfrist,
        cancelled=meeting.cancelled,
        reason=cancel_reason(meeting),
        held=meeting.dato < today and not meeting.cancelled,
        agenda=agenda_facts(agenda, audiences, meeting),
        page=Md(f"moeder/{iso}.md"),
        page_html=Md(f"moeder/{iso}.html"),
        file_html=Md(f"{iso}.html"),
        page_url=meeting_page_url(group, meeting.dato),
        ics=Md(meeting_ics(meeting.dato)),
        file_ics=Md(f"{iso}.ics"),
        poster=None if meeting.cancelled else Md(f"{POSTER_FOLDER}/dagsorden-{iso}.html"),
        afbud=None if meeting.cancelled or meeting.dato < today else afbud_for(group, meeting.dato, meeting.ordstyrer, audiences),
    )


@dataclass(frozen=True)
class GroupMeetings:
    """The group's meetings in date order, as views, and the ones the site points out."""

    all: tuple[MeetingView, ...]
    next: MeetingView | None  # the first on or after today that is not cancelled
    first: MeetingView | None  # the one with the first meeting's agenda, else the earliest

    def upcoming(self, today: dt.date) -> list[MeetingView]:
        return [v for v in self.all if v.day >= today]

    def past(self, today: dt.date) -> list[MeetingView]:
        return [v for v in self.all if v.day < today]

    def coming(self, today: dt.date) -> list[MeetingView]:
        """The meetings that can be "next" from `today` on, in date order: not cancelled, not before `today`."""
        return [v for v in self.all if v.day >= today and not v.cancelled]


def group_meetings(group: Group, today: dt.date, audiences: Audiences | None = None) -> GroupMeetings:
    audiences = audiences_for(group) if audiences is None else audiences
    ordered = sorted(group.moeder, key=lambda m: m.dato)
    views = tuple(meeting_view(group, m, today, audiences) for m in ordered)
    upcoming = next((v for v in views if v.day >= today and not v.cancelled), None)
    first = next((v for v in views if v.kind is MeetingKind.FIRST), views[0] if views else None)
    return GroupMeetings(views, upcoming, first)


def afbud(group: Group) -> str:
    """How to send afbud: the group's own agreement, else to the organiser."""
    return group.aftaler.afbud or f"Giv besked til arrangøren, {group.arrangoer.navn}."

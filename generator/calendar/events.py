"""What the calendar holds: one plain event per meeting and per registration deadline, in date order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..facts.audience import Fact
from ..facts.meeting import GroupMeetings, MeetingView, afbud
from ..model.models import Group

CANCELLED_PREFIX = "AFLYST: "
WITHDRAWN = "Mødet er slettet fra mødeplanen."


@dataclass(frozen=True)
class CalEvent:
    """One VEVENT as plain data. Times are Danish wall-clock times (naive); all-day events use dates."""

    uid: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None  # None when the meeting's agenda has no length
    summary: str
    location: str | None
    description: str
    url: str | None
    cancelled: bool
    alarm: str | None  # text of the reminder the day before; None for no reminder
    busy: bool  # False for deadlines: they do not block the day

    def significant(self) -> dict[str, str]:
        """What a calendar must re-read the event for (RFC 5545 SEQUENCE): time, place and status."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end is not None else "",
            "location": self.location or "",
            "status": "CANCELLED" if self.cancelled else "CONFIRMED",
        }


def withdrawn(event: CalEvent) -> CalEvent:
    """A meeting (or its deadline) deleted from the group file, as the feed goes on showing it: cancelled, with its
    time, its title and the group's name only, so nothing the file no longer holds is published again."""
    name = event.description.split("\n", 1)[0]
    summary = event.summary if event.cancelled else CANCELLED_PREFIX + event.summary
    return CalEvent(
        uid=event.uid,
        start=event.start,
        end=event.end,
        summary=summary,
        location=None,
        description=f"{name}\n\n{CANCELLED_PREFIX}{WITHDRAWN}",
        url=None,
        cancelled=True,
        alarm=None,
        busy=event.busy,
    )


def uid(kind: str, slug: str, day: dt.date) -> str:
    """Stable for the same meeting: only the group's slug and the meeting's date go in."""
    return f"{kind}-{day.isoformat()}@{slug}.netvaerk"


def _cancelled(title: str, m: MeetingView) -> str:
    return CANCELLED_PREFIX + title if m.cancelled else title


def _cancel_line(m: MeetingView) -> str:
    """'AFLYST: <why>' for the description; without a reason, just that the meeting is off."""
    return CANCELLED_PREFIX + (m.reason or "Mødet er aflyst.")


def meeting_description(group: Group, m: MeetingView, members: bool) -> str:
    """The agenda with clock times, the roles, how to send afbud and the meeting page's address. Names are
    in it only for `members` (or when the group has no members' area)."""

    def shown(fact: Fact) -> str:
        return fact.shown(members)

    lines = [group.navn]
    if m.cancelled:
        lines += ["", _cancel_line(m)]
    if m.theme:
        lines += ["", f"Tema: {m.theme}"]
        if m.theme_owners:
            lines.append(f"{m.theme_owners_label}: {shown(m.theme_owners)}")
    lines += ["", "Dagsorden:"]
    lines += [f"{row.clock} {row.title}" + (f" ({shown(row.by_role)})" if row.by_role else "") for row in m.agenda.rows]
    lines += [
        f"I alt {m.agenda.total}.",
        "",
        f"Ordstyrer: {shown(m.ordstyrer) if m.ordstyrer else 'ikke valgt endnu'}",
        f"Referent: {shown(m.referent) if m.referent else 'ikke valgt endnu'}",
    ]
    if m.host:
        lines.append(f"Vært: {shown(m.host)}")
    if m.deadline:
        lines.append(f"Tilmelding senest {m.deadline}.")
    lines.append(f"Afbud: {afbud(group)}")
    if m.page_url:
        lines.append(f"Mødets side: {m.page_url}")
    return "\n".join(lines)


def _location(group: Group, m: MeetingView, members: bool) -> str:
    """The place; for everyone else a members-only place is just the group's town."""
    return str(m.place) if members or not m.place.private else (group.by or "")


def meeting_event(group: Group, slug: str, m: MeetingView, members: bool = False) -> CalEvent:
    timed = m.agenda.timed
    place = _location(group, m, members)
    return CalEvent(
        uid=uid("moede", slug, m.day),
        start=timed.start,
        end=timed.end if timed.end > timed.start else None,
        summary=_cancelled(m.title, m),
        location=place or None,
        description=meeting_description(group, m, members),
        url=m.page_url,
        cancelled=m.cancelled,
        alarm=(f"I morgen kl. {m.start}: {m.title}" + (f", {place}" if place else "")) if group.paamindelse and not m.cancelled else None,
        busy=True,
    )


def deadline_event(group: Group, slug: str, m: MeetingView, members: bool = False) -> CalEvent:
    """The registration deadline as an all-day event, keyed by its meeting's date."""
    assert m.deadline_day is not None
    title = f"Sidste frist for tilmelding til netværksmødet {m.date}"
    lines = [group.navn]
    if m.cancelled:
        lines += ["", _cancel_line(m)]
    place = _location(group, m, members)
    lines += ["", f"Meld dig til mødet {m.weekday_date} kl. {m.start}" + (f", {place}." if place else ".")]
    if m.page_url:
        lines.append(f"Mødets side: {m.page_url}")
    return CalEvent(
        uid=uid("tilmelding", slug, m.day),
        start=m.deadline_day,
        end=m.deadline_day + dt.timedelta(days=1),
        summary=_cancelled(title, m),
        location=None,
        description="\n".join(lines),
        url=m.page_url,
        cancelled=m.cancelled,
        alarm=None,
        busy=False,
    )


def sort_key(event: CalEvent) -> tuple[dt.datetime, str]:
    start = event.start if isinstance(event.start, dt.datetime) else dt.datetime.combine(event.start, dt.time())
    return start, event.uid


def group_events(group: Group, slug: str, meetings: GroupMeetings, members: bool = False) -> tuple[CalEvent, ...]:
    """Every meeting, past and future, and every registration deadline, in date order."""
    events = [meeting_event(group, slug, m, members) for m in meetings.all]
    events += [deadline_event(group, slug, m, members) for m in meetings.all if m.deadline_day]
    return tuple(sorted(events, key=sort_key))


def meeting_events(group: Group, slug: str, meetings: GroupMeetings) -> dict[dt.date, CalEvent]:
    """Each meeting's own event as everyone may see it, by date (for the 'add just this one' files)."""
    return {m.day: meeting_event(group, slug, m) for m in meetings.all}

"""What the calendar holds: one plain event per meeting and per registration deadline, in date order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import danish
from .agenda import meeting_agenda
from .calendar_links import meeting_page_url
from .models import Group, Meeting

CANCELLED_PREFIX = "AFLYST: "


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


def uid(kind: str, slug: str, day: dt.date) -> str:
    """Stable for the same meeting: only the group's slug and the meeting's date go in."""
    return f"{kind}-{day.isoformat()}@{slug}.netvaerk"


def meeting_title(meeting: Meeting) -> str:
    """'Netværksmøde: Forholdet til kommunen'."""
    if meeting.tema:
        detail = meeting.tema
    elif meeting.dagsorden == "første møde":
        detail = "Første møde"
    elif meeting.dagsorden == "andet møde":
        detail = "Andet møde"
    elif meeting.evaluering:
        detail = "Evaluering"
    else:
        return "Netværksmøde"
    return f"Netværksmøde: {detail}"


def _cancelled(title: str, meeting: Meeting) -> str:
    return CANCELLED_PREFIX + title if meeting.cancelled else title


def cancel_reason(meeting: Meeting) -> str:
    """'AFLYST: <why>' for the description; a bare 'ja' says no more than that the meeting is off."""
    reason = meeting.aflyst or ""
    if reason.casefold() in {"ja", "j", "yes", "true", "sand"}:
        reason = "Mødet er aflyst."
    return CANCELLED_PREFIX + reason


def _afbud(group: Group) -> str:
    return group.aftaler.afbud or f"Giv besked til arrangøren, {group.arrangoer.navn}."


def meeting_description(group: Group, meeting: Meeting) -> str:
    """The agenda with clock times, the roles, how to send afbud and the meeting page's address."""
    agenda = meeting_agenda(meeting)
    lines = [group.navn]
    if meeting.cancelled:
        lines += ["", cancel_reason(meeting)]
    if meeting.tema:
        lines += ["", f"Tema: {meeting.tema}"]
        if meeting.temaansvarlige:
            lines.append(f"Temaansvarlige: {', '.join(meeting.temaansvarlige)}")
    lines += ["", "Dagsorden:"]
    for timed in agenda.items:
        speaker = f" (v. {timed.item.speaker})" if timed.item.speaker else ""
        clock = danish.clock(timed.start) + (f"–{danish.clock(timed.end)}" if timed.end > timed.start else "")
        lines.append(f"{clock} {timed.item.title}{speaker}")
    lines += [
        f"I alt {danish.duration(agenda.minutes)}.",
        "",
        f"Ordstyrer: {meeting.ordstyrer or 'ikke valgt endnu'}",
        f"Referent: {meeting.referent or 'ikke valgt endnu'}",
    ]
    if meeting.vaert:
        lines.append(f"Vært: {meeting.vaert}")
    if meeting.tilmeldingsfrist:
        lines.append(f"Tilmelding senest {danish.long_date(meeting.tilmeldingsfrist)}.")
    lines.append(f"Afbud: {_afbud(group)}")
    page = meeting_page_url(group, meeting.dato)
    if page:
        lines.append(f"Mødets side: {page}")
    return "\n".join(lines)


def meeting_event(group: Group, slug: str, meeting: Meeting) -> CalEvent:
    agenda = meeting_agenda(meeting)
    title = meeting_title(meeting)
    return CalEvent(
        uid=uid("moede", slug, meeting.dato),
        start=agenda.start,
        end=agenda.end if agenda.end > agenda.start else None,
        summary=_cancelled(title, meeting),
        location=meeting.sted,
        description=meeting_description(group, meeting),
        url=meeting_page_url(group, meeting.dato),
        cancelled=meeting.cancelled,
        alarm=(
            f"I morgen kl. {danish.clock(agenda.start)}: {title}, {meeting.sted}"
            if group.paamindelse and not meeting.cancelled
            else None
        ),
        busy=True,
    )


def deadline_event(group: Group, slug: str, meeting: Meeting) -> CalEvent:
    """The registration deadline as an all-day event, keyed by its meeting's date."""
    assert meeting.tilmeldingsfrist is not None
    title = f"Sidste frist for tilmelding til netværksmødet {danish.short_date(meeting.dato)}"
    lines = [group.navn]
    if meeting.cancelled:
        lines += ["", cancel_reason(meeting)]
    lines += [
        "",
        f"Meld dig til mødet {danish.long_date(meeting.dato)} kl. {danish.clock(meeting.start)}, {meeting.sted}.",
    ]
    page = meeting_page_url(group, meeting.dato)
    if page:
        lines.append(f"Mødets side: {page}")
    return CalEvent(
        uid=uid("tilmelding", slug, meeting.dato),
        start=meeting.tilmeldingsfrist,
        end=meeting.tilmeldingsfrist + dt.timedelta(days=1),
        summary=_cancelled(title, meeting),
        location=None,
        description="\n".join(lines),
        url=page,
        cancelled=meeting.cancelled,
        alarm=None,
        busy=False,
    )


def _sort_key(event: CalEvent) -> tuple[dt.datetime, str]:
    start = event.start if isinstance(event.start, dt.datetime) else dt.datetime.combine(event.start, dt.time())
    return start, event.uid


def group_events(group: Group, slug: str) -> tuple[CalEvent, ...]:
    """Every meeting, past and future, and every registration deadline, in date order."""
    events = [meeting_event(group, slug, m) for m in group.moeder]
    events += [deadline_event(group, slug, m) for m in group.moeder if m.tilmeldingsfrist]
    return tuple(sorted(events, key=_sort_key))


def meeting_events(group: Group, slug: str) -> dict[dt.date, CalEvent]:
    """Each meeting's own event, by date (for the 'add just this one' files)."""
    return {m.dato: meeting_event(group, slug, m) for m in group.moeder}

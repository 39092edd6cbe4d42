"""A meeting's agenda with clock times computed from its start and each item's minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.models import Meeting
from . import content as guide


@dataclass(frozen=True)
class TimedItem:
    number: int
    start: dt.datetime
    end: dt.datetime
    item: guide.AgendaItem


@dataclass(frozen=True)
class TimedAgenda:
    key: str | None  # the guide's agenda, or None for the group's own items
    start: dt.datetime
    end: dt.datetime
    items: tuple[TimedItem, ...]

    @property
    def minutes(self) -> int:
        return sum(t.item.minutes for t in self.items)


def agenda_key(meeting: Meeting) -> str | None:
    """Which guide agenda a meeting follows; None when it lists its own items."""
    if isinstance(meeting.dagsorden, str):
        return meeting.dagsorden
    if meeting.dagsorden is None:
        return "kommende møder"
    return None


def items_of(meeting: Meeting) -> tuple[guide.AgendaItem, ...]:
    key = agenda_key(meeting)
    if key is not None:
        return guide.agenda(key).items
    return tuple(guide.AgendaItem(title=i.punkt, minutes=i.minutter, speaker=i.ved or "", how="") for i in meeting.dagsorden)


def timed(day: dt.date, start: dt.time, items: tuple[guide.AgendaItem, ...], key: str | None = None) -> TimedAgenda:
    """Each item's start and end, one after the other from `start`."""
    begin = clock = dt.datetime.combine(day, start)
    out = []
    for number, item in enumerate(items, start=1):
        end = clock + dt.timedelta(minutes=item.minutes)
        out.append(TimedItem(number, clock, end, item))
        clock = end
    return TimedAgenda(key, begin, clock, tuple(out))


def meeting_agenda(meeting: Meeting) -> TimedAgenda:
    return timed(meeting.dato, meeting.start, items_of(meeting), agenda_key(meeting))

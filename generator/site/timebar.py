"""Where each agenda item sits on its meeting's time line: positions for the SVG bars drawn beside the items."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide.agenda import TimedAgenda


@dataclass(frozen=True)
class Bar:
    """One item's stretch of the meeting, in minutes from the start (the SVG's own units)."""

    x: int
    width: int


@dataclass(frozen=True)
class TimeBar:
    """The whole meeting as an SVG coordinate system one unit per minute wide, with every full hour marked."""

    width: int
    bars: tuple[Bar, ...]
    hours: tuple[int, ...]  # x of each full hour strictly inside the meeting


def time_bar(agenda: TimedAgenda) -> TimeBar:
    start = agenda.start
    bars = tuple(Bar(int((t.start - start).total_seconds() // 60), t.item.minutes) for t in agenda.items)
    width = max(agenda.minutes, 1)
    first_hour = (60 - start.minute) % 60 or 60
    hours = tuple(range(first_hour, width, 60))
    return TimeBar(width, bars, hours)

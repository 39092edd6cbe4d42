"""Plan a group's next meetings: dates, start time, place, themes, rotating roles and the evaluation."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from itertools import permutations

from .. import danish
from ..errors import PlanError
from ..guide import content as guide
from ..guide.holidays import closed_reason
from ..guide.planning import EVALUATION_MONTHS, add_months
from ..model.models import Group, Meeting

MAX_MEETINGS = 52
# An evaluation may come this many days before the half year is full, so a
# monthly group does not slip a whole month for a couple of days.
EVALUATION_SLACK_DAYS = 14
_ORDINALS = {"1": 1, "2": 2, "3": 3, "4": 4, "første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "sidste": -1}
_ORDINAL_WORDS = {1: "1.", 2: "2.", 3: "3.", 4: "4.", -1: "sidste"}

# The evaluation meeting's agenda: as long as the guide's agenda for later
# meetings, so the group still starts and ends at the usual times.
EVALUATION_AGENDA: tuple[guide.AgendaItem, ...] = (
    guide.AgendaItem("Siden sidst", 20, "alle", ""),
    guide.AgendaItem("Evaluering af indhold, form, stemning og trivsel", 70, "alle", ""),
    guide.AgendaItem("Pause", 20, "", ""),
    guide.AgendaItem("Det justerer vi", 40, "alle", ""),
    guide.AgendaItem("Det næste halve år – møder, temaer og roller", 20, "alle", ""),
)

FORMS = (
    "'tirsdag' (hver uge), '2. uge' (hver anden uge på samme ugedag som --fra), "
    "'2. tirsdag' (den anden tirsdag i hver måned) eller 'sidste torsdag'"
)


@dataclass(frozen=True)
class Recurrence:
    """How often the group meets: every `weeks` weeks, or the `nth` weekday of each month."""

    weekday: int | None  # 0 = Monday; None: the weekday of the first date
    weeks: int = 0
    nth: int = 0  # 1-4, or -1 for the last one in the month

    def describe(self, first: dt.date) -> str:
        day = danish.WEEKDAYS[first.weekday() if self.weekday is None else self.weekday]
        if self.nth:
            return f"den {_ORDINAL_WORDS[self.nth]} {day} i hver måned"
        if self.weeks == 1:
            return f"hver {day}"
        return f"hver {self.weeks}. uge om {day}en"


@dataclass(frozen=True)
class PlannedMeeting:
    dato: dt.date
    start: dt.time
    sted: str
    tema: str | None
    ordstyrer: str
    referent: str
    evaluering: bool


@dataclass(frozen=True)
class Skipped:
    dato: dt.date
    reason: str


@dataclass(frozen=True)
class Plan:
    meetings: tuple[PlannedMeeting, ...]
    skipped: tuple[Skipped, ...]
    recurrence: str


def parse_recurrence(text: str) -> Recurrence:
    """'tirsdag', '2. uge', '2. tirsdag', 'sidste torsdag' (an optional leading 'hver' is allowed)."""
    words = " ".join(text.lower().split()).removeprefix("hver ").strip()
    match = re.fullmatch(r"(?:(\d+)\.? ?)?(uge|[a-zæøå]+dag)", words)
    nth_match = re.fullmatch(r"(\d\.?|første|anden|andet|tredje|fjerde|sidste) ([a-zæøå]+dag)", words)
    if nth_match and nth_match[2] in danish.WEEKDAYS:
        nth = _ORDINALS[nth_match[1].rstrip(".")] if nth_match[1].rstrip(".") in _ORDINALS else 0
        if nth:
            return Recurrence(weekday=danish.WEEKDAYS.index(nth_match[2]), nth=nth)
    if match and match[2] == "uge":
        weeks = int(match[1] or 1)
        if 1 <= weeks <= 12:
            return Recurrence(weekday=None, weeks=weeks)
    elif match and match[2] in danish.WEEKDAYS and match[1] is None:
        return Recurrence(weekday=danish.WEEKDAYS.index(match[2]), weeks=1)
    raise ValueError(f"'{text}' forstår jeg ikke; skriv fx {FORMS}")


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    return dt.date(year, month, days[nth - 1] if nth > 0 else days[-1])


def candidate_dates(first: dt.date, rule: Recurrence):
    """Every date the rule gives, from `first` on (endless)."""
    if rule.nth:
        year, month = first.year, first.month
        while True:
            day = _nth_weekday(year, month, rule.weekday, rule.nth)
            if day >= first:
                yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = first if rule.weekday is None else first + dt.timedelta(days=(rule.weekday - first.weekday()) % 7)
    while True:
        yield day
        day += dt.timedelta(weeks=rule.weeks)


def meeting_dates(first: dt.date, rule: Recurrence, count: int) -> tuple[tuple[dt.date, ...], tuple[Skipped, ...]]:
    """`count` dates from the rule, skipping holidays and the summer holiday (and saying why)."""
    dates: list[dt.date] = []
    skipped: list[Skipped] = []
    for day in candidate_dates(first, rule):
        reason = closed_reason(day)
        if reason:
            skipped.append(Skipped(day, reason))
            continue
        dates.append(day)
        if len(dates) == count:
            return tuple(dates), tuple(skipped)
    raise AssertionError("unreachable: the date rule is endless")


def _usual(values: list) -> object | None:
    """The most common value; between equally common ones, the latest."""
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in reversed(values) if counts[v] == best)


def usual_start(group: Group) -> dt.time | None:
    return _usual([m.start for m in _held_or_planned(group)])


def usual_place(group: Group) -> str | None:
    """Where the group usually meets when no member hosts it (a home is for that one meeting)."""
    meetings = _held_or_planned(group)
    return _usual([m.sted for m in meetings if m.vaert is None]) or _usual([m.sted for m in meetings])


def _held_or_planned(group: Group) -> list[Meeting]:
    return sorted((m for m in group.moeder if not m.cancelled), key=lambda m: (m.dato, m.start))


def _theme_key(name: str) -> str:
    found = guide.find_theme(name)
    return found.name if found else " ".join(name.casefold().split())


def free_themes(group: Group) -> list[str]:
    """Themes no meeting has taken yet, in the catalogue's order: the guide's, then the group's own."""
    taken = {_theme_key(m.tema) for m in _held_or_planned(group) if m.tema}
    catalogue = [t.name for t in guide.themes()] + [t.navn for t in group.temaer]
    free: list[str] = []
    for name in catalogue:
        if _theme_key(name) not in taken and _theme_key(name) not in {_theme_key(f) for f in free}:
            free.append(name)
    return free


def rotate_roles(members: tuple[str, ...], count: int, history: list[Meeting]) -> list[tuple[str, str]]:
    """(ordstyrer, referent) for each of `count` meetings.

    Nobody holds both roles at one meeting, nobody holds the same role twice in a
    row, and, when the group has four or more members, nobody has a role at two
    meetings in a row. Each role's count differs by at most one between members
    over the planned meetings; ties go to whoever has had fewest roles, then to
    whoever had one longest ago, then to the order of the member list.
    """
    if len(members) < 2:
        raise PlanError(("medlemmer",), "gruppen skal have mindst to medlemmer, før ordstyrer og referent kan gå på skift")
    past_roles = Counter(name for m in history for name in (m.ordstyrer, m.referent) if name)
    last_seen = {name: i for i, m in enumerate(history) for name in (m.ordstyrer, m.referent) if name}
    previous = history[-1] if history else None
    prev_chair, prev_scribe = (previous.ordstyrer, previous.referent) if previous else (None, None)
    chairs: Counter = Counter()
    scribes: Counter = Counter()
    planned: list[tuple[str, str]] = []
    for _ in range(count):
        low_chair = min(chairs[m] for m in members)
        low_scribe = min(scribes[m] for m in members)

        def cost(pair: tuple[str, str]) -> tuple:
            # Reads this round's prev_*/low_* (ruff's B023): min() below calls it before they change.
            chair, scribe = pair
            return (
                (chair == prev_chair) + (scribe == prev_scribe),  # noqa: B023
                (chairs[chair] > low_chair) + (scribes[scribe] > low_scribe),  # noqa: B023
                (chair in (prev_chair, prev_scribe)) + (scribe in (prev_chair, prev_scribe)),  # noqa: B023
                chairs[chair] + scribes[chair] + chairs[scribe] + scribes[scribe],
                past_roles[chair] + past_roles[scribe],
                last_seen.get(chair, -1) + last_seen.get(scribe, -1),
                members.index(chair),
                members.index(scribe),
            )

        chair, scribe = min(permutations(members, 2), key=cost)
        planned.append((chair, scribe))
        chairs[chair] += 1
        scribes[scribe] += 1
        prev_chair, prev_scribe = chair, scribe
    return planned


def evaluation_dates(group: Group, dates: tuple[dt.date, ...]) -> set[dt.date]:
    """Which planned dates are evaluation meetings: the first from (two weeks before) each half year.

    The half years count from the group's first meeting, and from its latest
    meeting marked `evaluering: ja` when it has one.
    """
    held = _held_or_planned(group)
    start = held[0].dato if held else (dates[0] if dates else None)
    if start is None:
        return set()
    evaluations = [m.dato for m in held if m.evaluering]
    due = add_months(evaluations[-1] if evaluations else start, EVALUATION_MONTHS)
    chosen = set()
    for day in dates:
        if day >= due - dt.timedelta(days=EVALUATION_SLACK_DAYS):
            chosen.add(day)
            due = add_months(day, EVALUATION_MONTHS)
    return chosen


def plan(
    group: Group,
    first: dt.date,
    rule: Recurrence,
    count: int,
    start: dt.time | None = None,
    place: str | None = None,
) -> Plan:
    """The next `count` meetings from `first`, after every meeting already in the file."""
    if group.moeder:
        last = max(m.dato for m in group.moeder)
        if first <= last:
            raise PlanError(("--fra",), f"skal ligge efter det sidste møde i filen ({last.isoformat()}); plan tilføjer nye møder efter dem, der er")
    start = start or usual_start(group)
    if start is None:
        raise PlanError(("--start",), "gruppen har ingen møder endnu, så skriv starttidspunktet, fx --start 18:00")
    place = place or usual_place(group)
    if place is None:
        raise PlanError(("--sted",), "gruppen har ingen møder endnu, så skriv mødestedet, fx --sted \"Biblioteket, Torvet 1\"")
    dates, skipped = meeting_dates(first, rule, count)
    evaluations = evaluation_dates(group, dates)
    roles = rotate_roles(group.member_names(), count, _held_or_planned(group))
    themes = iter(free_themes(group))
    meetings = tuple(
        PlannedMeeting(
            dato=day,
            start=start,
            sted=place,
            tema=None if day in evaluations else next(themes, None),
            ordstyrer=chair,
            referent=scribe,
            evaluering=day in evaluations,
        )
        for day, (chair, scribe) in zip(dates, roles, strict=True)
    )
    return Plan(meetings, skipped, rule.describe(first))

"""Days a group should not meet: Danish public holidays and the school summer holiday, computed."""

from __future__ import annotations

import datetime as dt

# The rule the planner follows, as the organiser reads it.
RULE = (
    "Helligdage springes over: nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, "
    "Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag og 2. juledag (regnet ud fra påsken) "
    "samt grundlovsdag, juleaftensdag og nytårsaftensdag og dagene mellem jul og nytår. Skolernes sommerferie springes også over: "
    "fra den sidste lørdag i juni til og med søndagen seks uger senere, sådan som de fleste kommuner lægger den."
)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def public_holidays(year: int) -> dict[dt.date, str]:
    """The year's public holidays and customary days off, by date."""
    easter = easter_sunday(year)
    moving = {
        -3: "skærtorsdag",
        -2: "langfredag",
        0: "påskedag",
        1: "2. påskedag",
        39: "Kristi himmelfartsdag",
        49: "pinsedag",
        50: "2. pinsedag",
    }
    if year <= 2023:
        moving[26] = "store bededag"  # abolished as a public holiday from 2024
    days = {easter + dt.timedelta(days=offset): name for offset, name in moving.items()}
    days.update(
        {
            dt.date(year, 1, 1): "nytårsdag",
            dt.date(year, 6, 5): "grundlovsdag",
            dt.date(year, 12, 24): "juleaftensdag",
            dt.date(year, 12, 25): "juledag",
            dt.date(year, 12, 26): "2. juledag",
            dt.date(year, 12, 31): "nytårsaftensdag",
        }
    )
    return dict(sorted(days.items()))


def summer_holiday(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of the school summer holiday: the last Saturday of June to the Sunday six weeks later."""
    june_30 = dt.date(year, 6, 30)
    first = june_30 - dt.timedelta(days=(june_30.weekday() - 5) % 7)
    return first, first + dt.timedelta(days=43)


def closed_reason(day: dt.date) -> str | None:
    """Why the group should not meet on `day`, or None when the day is fine."""
    holiday = public_holidays(day.year).get(day)
    if holiday:
        return holiday
    if day.month == 12 and 27 <= day.day <= 30:
        return "mellem jul og nytår"
    first, last = summer_holiday(day.year)
    if first <= day <= last:
        return "skolernes sommerferie"
    return None

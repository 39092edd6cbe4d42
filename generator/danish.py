"""Dates, times and durations written the Danish way."""

from __future__ import annotations

import datetime as dt
import unicodedata

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")


def long_date(day: dt.date) -> str:
    """'tirsdag den 12. januar 2027'."""
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """'12. januar 2027'."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def clock(moment: dt.time | dt.datetime) -> str:
    """'18.00' (Danish clock times use a full stop)."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def duration(minutes: int) -> str:
    """'2 timer og 40 minutter', '1 time', '45 minutter'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} time" if hours == 1 else f"{hours} timer")
    if rest or not hours:
        parts.append(f"{rest} minut" if rest == 1 else f"{rest} minutter")
    return " og ".join(parts)


# Danish alphabetical order: æ, ø and å come after z, and "aa" is å (Aabenraa after Østerbro). Other letters
# with accents sort as their base letter (é as e), ä, ö and ü as æ, ø and y. The three letters are mapped to
# the characters after "z" in Unicode, so plain string comparison gives the order.
_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|", "ü": "y"})


def sort_key(text: str) -> str:
    """A key that puts Danish words in Danish alphabetical order, ignoring case."""
    folded = unicodedata.normalize("NFC", text.casefold()).replace("aa", "å")
    plain = "".join(c for c in unicodedata.normalize("NFD", folded.translate(_ORDER)) if not unicodedata.combining(c))
    return " ".join(plain.split())

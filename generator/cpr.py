"""Spot text that looks like a Danish CPR number (DDMMYY-XXXX, or ten digits forming a date)."""

from __future__ import annotations

import datetime as dt
import re

_CANDIDATE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})(-?)(\d{4})(?![\d])")


def _is_date(day: int, month: int, year: int) -> bool:
    # Any century: 29 February counts if it exists in some century (e.g. 2000).
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def find_cpr(text: str) -> str | None:
    """The first CPR-like number in `text`, or None."""
    compact = re.sub(r"(?<=\d) (?=\d{4}\b)", "", text)  # "120385 1234" is still a CPR number
    for match in _CANDIDATE.finditer(compact):
        if _is_date(int(match[1]), int(match[2]), int(match[3])):
            return match[0]
    return None

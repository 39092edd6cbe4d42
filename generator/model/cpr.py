"""Spot text that looks like a Danish CPR number (DDMMYY-XXXX, or ten digits forming a date)."""

from __future__ import annotations

import datetime as dt
import re

# Six digits forming a date, then an optional separator, then four digits; never part of a longer
# number. The separator is a hyphen or a typographic dash (as word processors and phones write it),
# with or without spaces or line breaks around it: the site joins a text's lines and spaces into
# single spaces, so "010190" at the end of one line and "1234" on the next would be published as
# "010190 1234".
_CANDIDATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})\s*[\-\u2010-\u2015]?\s*(\d{4})(?!\d)")


def _is_date(day: int, month: int, year: int) -> bool:
    # Any century: 29 February counts if it exists in some century (e.g. 2000).
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def cpr_spans(text: str) -> list[tuple[int, str]]:
    """Where each CPR-like number in `text` starts, and the number as written."""
    return [
        (match.start(), match[0])
        for match in _CANDIDATE.finditer(text)
        if _is_date(int(match[1]), int(match[2]), int(match[3]))
    ]


def find_cpr(text: str) -> str | None:
    """The first CPR-like number in `text`, or None."""
    spans = cpr_spans(text)
    return spans[0][1] if spans else None

"""The last check for the members' lock: no members-only value may show in plain text in anything published.

Each published file is read the ways a browser, a search index, a calendar or a link would read it: as it
is, with HTML character references decoded, with JSON \\u escapes decoded, with %-escapes decoded, and as
iCalendar with folded lines joined and its escapes removed. Case and runs of whitespace do not matter.
Names and streets are found as whole words, phone numbers with any spacing and with or without +45.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote, unquote_plus

from ..errors import Problem

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_ICAL_FOLD = re.compile(r"\r?\n[ \t]")


def _json_unescape(text: str) -> str:
    return _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _ical_unescape(text: str) -> str:
    return _ICAL_FOLD.sub("", text).replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def readings(data: bytes) -> list[str]:
    """The file's text as each kind of reader would see it, flattened for comparison."""
    text = data.decode("utf-8", "replace")
    seen = [text, html.unescape(text), _json_unescape(text), unquote(text), unquote_plus(text), _ical_unescape(text)]
    seen += [html.unescape(_json_unescape(text)), html.unescape(unquote(text)), unquote(html.unescape(text))]
    return list(dict.fromkeys(_flat(s) for s in seen))


class Kind(Enum):
    TEXT = "tekst"  # anywhere, as written: a whole meeting place, an e-mail address, the members' feed's name
    WORDS = "ord"  # as whole words: a name, a first name, a surname, a street without its number
    PHONE = "telefon"  # the digits, with any spacing, with or without +45 or 0045 in front


@dataclass(frozen=True)
class Private:
    """A value that must not show in plain text in anything published, and how to look for it."""

    value: str
    kind: Kind = Kind.TEXT

    def pattern(self) -> re.Pattern[str]:
        if self.kind is Kind.PHONE:
            digits = [c for c in self.value if c.isdigit()]
            return re.compile(r"(?<!\d)(?:(?:\+|00)[\s.-]*45[\s.-]*)?" + r"[\s.-]*".join(digits) + r"(?!\d)")
        needle = re.escape(_flat(self.value))
        return re.compile(rf"(?<!\w){needle}(?!\w)" if self.kind is Kind.WORDS else needle)


def find_leaks(files: dict[str, bytes], values: tuple[Private | str, ...]) -> dict[str, list[str]]:
    """Each private value found, with the files it shows in."""
    needles = {v.value: v.pattern() for v in (Private(v) if isinstance(v, str) else v for v in values) if v.value.strip()}
    found: dict[str, list[str]] = {}
    for path, data in sorted(files.items()):
        texts = readings(data)
        for value, needle in needles.items():
            if any(needle.search(text) for text in texts):
                found.setdefault(value, []).append(path)
    return found


Where = Callable[[re.Pattern[str]], tuple[int, int, str] | None]  # how to find a value -> (line, column, field) of a text holding it


def _listed(values: list[str]) -> str:
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " og " + quoted[-1]


def leak_problems(files: dict[str, bytes], values: tuple[Private | str, ...], file: str, where: Where = lambda _: None) -> list[Problem]:
    """The site must not be published: one problem per field of the group file whose public text holds
    members-only values (`where` finds it), naming the field, its line and the words, so the organiser can fix it
    from the message alone; one problem per value that shows for any other reason. A part found inside a whole
    value found in the same place ('Hansen' in 'Bo Hansen') is not named again."""
    leaks = find_leaks(files, values)
    patterns = {v.value: v.pattern() for v in (Private(v) if isinstance(v, str) else v for v in values)}
    by_place: dict[tuple[int, int, str] | None, list[str]] = {}
    for value in leaks:
        by_place.setdefault(where(patterns[value]), []).append(value)
    problems = []
    for place, found in by_place.items():
        found = sorted(v for v in found if not any(v != w and _flat(v) in _flat(w) for w in found))
        if place is not None:
            line, col, field = place
            message = (
                f"{_listed(found)} er kun for medlemmerne, men står her, hvor alle kan læse det; skriv teksten om uden "
                f"{'det' if len(found) == 1 else 'dem'}. Siden er ikke lagt ud"
            )
            problems.append(Problem(file, line, col, field, message))
            continue
        for value in found:
            paths = leaks[value]
            shown = ", ".join(paths[:3]) + (f" og {len(paths) - 3} andre" if len(paths) > 3 else "")
            problems.append(
                Problem(
                    file, 1, 1, "",
                    f"'{value}' skal kun kunne ses af medlemmerne, men står som almindelig tekst i {shown}; "
                    "siden er ikke lagt ud. Står værdien i en tekst, som alle kan se (fx under aftaler eller formål), så skriv den om",
                )
            )
    return sorted(problems, key=lambda p: (p.line, p.col))

"""The last check for the members' lock: no members-only value may show in plain text in anything published.

Each published file is read the ways a browser, a search index, a calendar or a link would read it: as it
is, with HTML character references decoded, with JSON \\u escapes decoded, with %-escapes decoded, and as
iCalendar with folded lines joined and its escapes removed. Case and runs of whitespace do not matter.
"""

from __future__ import annotations

import html
import re
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


def find_leaks(files: dict[str, bytes], values: tuple[str, ...]) -> dict[str, list[str]]:
    """Each private value found, with the files it shows in."""
    needles = {value: _flat(value) for value in values if value.strip()}
    found: dict[str, list[str]] = {}
    for path, data in sorted(files.items()):
        texts = readings(data)
        for value, needle in needles.items():
            if any(needle in text for text in texts):
                found.setdefault(value, []).append(path)
    return found


def leak_problems(files: dict[str, bytes], values: tuple[str, ...], file: str) -> list[Problem]:
    """One problem per value that shows: the site must not be published."""
    problems = []
    for value, paths in find_leaks(files, values).items():
        where = ", ".join(paths[:3]) + (f" og {len(paths) - 3} andre" if len(paths) > 3 else "")
        problems.append(
            Problem(
                file, 1, 1, "",
                f"'{value}' skal kun kunne ses af medlemmerne, men står som almindelig tekst i {where}; "
                "siden er ikke lagt ud. Står værdien i en tekst, som alle kan se (fx under aftaler eller formål), så skriv den om",
            )
        )
    return problems

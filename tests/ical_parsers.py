"""Independent iCalendar readers for the tests: Mozilla's ical.js (node), the `ics` package and icalendar."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from unittest import mock

from conftest import node_modules

DUMP = Path(__file__).parent / "js" / "ical_dump.mjs"


def icaljs(feeds: dict[str, bytes], tmp: Path) -> dict[str, dict]:
    """Each feed as ical.js reads it (one node process for all of them)."""
    modules = node_modules()
    paths = []
    for name, data in feeds.items():
        path = tmp / name.replace("/", "_")
        path.write_bytes(data)
        paths.append(path)
    result = subprocess.run(
        ["node", str(DUMP), str(modules), *map(str, paths)],
        capture_output=True,
        check=False,
        timeout=60,
        # A time without a usable zone would be read in the machine's zone; make that never Copenhagen.
        env={**os.environ, "TZ": "UTC"},
    )
    assert result.returncode == 0, result.stderr.decode()
    return dict(zip(feeds, json.loads(result.stdout), strict=True))


def ics_calendar(data: bytes):
    """The feed as the `ics` package (0.7) reads it; it maps TZID to the system's tz database."""
    import ics

    # ics parses every line with TatSu, which calls colorama.init() each time; every call wraps
    # sys.stdout once more, until a long feed overflows the stack. Colour is of no use here.
    with mock.patch("tatsu.color.init", lambda: None):
        return ics.Calendar(data.decode("utf-8"))


def ics_events(data: bytes) -> dict[str, object]:
    return {event.uid: event for event in ics_calendar(data).events}


def unfold(data: bytes) -> str:
    """The logical lines of an iCalendar file (RFC 5545 3.1)."""
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def unescape_text(value: str) -> str:
    """RFC 5545 TEXT unescaping, for X- properties that ical.js leaves raw."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def icalendar_events(data: bytes) -> dict[str, dict]:
    """Each VEVENT as the icalendar package reads it, by UID: its stamps, status, place and start."""
    from icalendar import Calendar

    out = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        out[str(event["UID"])] = {
            "sequence": int(event["SEQUENCE"]),
            "last_modified": event["LAST-MODIFIED"].dt,
            "dtstamp": event["DTSTAMP"].dt,
            "created": event["CREATED"].dt,
            "status": str(event["STATUS"]),
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "summary": str(event["SUMMARY"]),
            "start": event["DTSTART"].dt,
        }
    return out

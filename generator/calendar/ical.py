"""Write iCalendar bytes with the icalendar library: Copenhagen times, typed properties, safe text."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vText, vUri

from .events import CalEvent
from .memory import Stamps

TZID = "Europe/Copenhagen"
PRODID = "-//netvaerk//netvaerk kalender 1//DA"
REFRESH = dt.timedelta(hours=4)


class Text(vText):
    """RFC 5545 TEXT escaping and nothing else.

    icalendar's vText also turns a literal backslash-N in the value into a line break;
    text from a group file must come back exactly as written, so only the RFC's
    escapes are applied here: backslash, semicolon, comma and line breaks.
    """

    def to_ical(self) -> bytes:
        escaped = (
            str(self)
            .replace("\\", "\\\\")
            .replace(";", "\\;")
            .replace(",", "\\,")
            .replace("\r\n", "\n")
            .replace("\r", "\n")
            .replace("\n", "\\n")
        )
        return escaped.encode("utf-8")


@dataclass(frozen=True)
class Header:
    """The subscribed calendar's own properties (not used for the one-meeting files)."""

    name: str
    description: str
    url: str | None  # the site
    source: str | None  # the feed itself


def vtimezone() -> Timezone:
    """Europe/Copenhagen by the EU rule in force since 1996, as Google and Thunderbird publish it.

    Clients that know the TZID use their own rules; those that only read the VTIMEZONE
    (Mozilla's ical.js) need it, or they shift the times by an hour or two.
    """
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", Text(TZID))
    for part, name, offset_from, offset_to, start, month in (
        (TimezoneDaylight(), "CEST", 1, 2, dt.datetime(1970, 3, 29, 2, 0), 3),
        (TimezoneStandard(), "CET", 2, 1, dt.datetime(1970, 10, 25, 3, 0), 10),
    ):
        part.add("tzname", Text(name))
        part.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        part.add("tzoffsetto", dt.timedelta(hours=offset_to))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _when(value: dt.datetime | dt.date, zone: ZoneInfo) -> dt.datetime | dt.date:
    return value.replace(tzinfo=zone) if isinstance(value, dt.datetime) else value


def vevent(event: CalEvent, stamps: Stamps | None) -> Event:
    """The VEVENT; without stamps it lacks DTSTAMP, CREATED, LAST-MODIFIED and SEQUENCE."""
    zone = ZoneInfo(TZID)
    out = Event()
    out.add("uid", Text(event.uid))
    if stamps is not None:
        out.add("dtstamp", stamps.modified)
        out.add("created", stamps.created)
        out.add("last-modified", stamps.modified)
        out.add("sequence", stamps.sequence)
    out.add("dtstart", _when(event.start, zone))
    if event.end is not None:
        out.add("dtend", _when(event.end, zone))
    out.add("summary", Text(event.summary))
    if event.location:
        out.add("location", Text(event.location))
    out.add("description", Text(event.description))
    if event.url:
        out.add("url", vUri(event.url))
    out.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    out.add("transp", "OPAQUE" if event.busy else "TRANSPARENT")
    if event.alarm:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", Text(event.alarm))
        alarm.add("trigger", -dt.timedelta(days=1))
        out.add_component(alarm)
    return out


def legacy_digest(event: CalEvent) -> str:
    """The digest an old build's state file kept of everything an event said, stamps left out."""
    return hashlib.sha256(vevent(event, None).to_ical()).hexdigest()[:16]


def event_bytes(event: CalEvent, stamps: Stamps) -> bytes:
    """One VEVENT as it stands in a calendar file (every file that carries the event has these very bytes)."""
    return vevent(event, stamps).to_ical()


def timezone_bytes() -> bytes:
    """The VTIMEZONE as it stands in every calendar file."""
    return vtimezone().to_ical()


def calendar_bytes(header: Header | None, events: list[tuple[CalEvent, Stamps]]) -> bytes:
    """A whole VCALENDAR: UTF-8, CRLF after every line, folded at 75 octets by icalendar."""
    return assemble(header, timezone_bytes(), [event_bytes(event, state) for event, state in events])


def assemble(header: Header | None, timezone: bytes, events: list[bytes]) -> bytes:
    """A whole VCALENDAR from its already written parts (timezone_bytes, event_bytes): the calendar's own
    properties, then the VTIMEZONE and the VEVENTs, as icalendar writes a calendar holding them. Each part is
    written once however many files carry it."""
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if header is not None:
        cal.add("name", Text(header.name))
        cal.add("x-wr-calname", Text(header.name))
        cal.add("description", Text(header.description))
        cal.add("x-wr-caldesc", Text(header.description))
        cal.add("x-wr-timezone", Text(TZID))
        cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH))
        if header.url:
            cal.add("url", vUri(header.url))
        if header.source:
            cal.add("source", vUri(header.source), parameters={"VALUE": "URI"})
    own = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert own.endswith(end)
    return b"".join([own[: -len(end)], timezone, *events, end])

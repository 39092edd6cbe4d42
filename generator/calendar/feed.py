"""The group's calendar: events and the last build's state in, .ics files and the new state out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import danish
from ..errors import Problem
from ..facts.links import FEED_FILE, feed_links, meeting_ics
from ..facts.meeting import GroupMeetings
from ..model.models import Group
from .events import CalEvent, group_events, meeting_events
from .ical import Header, assemble, content_digest, digest_of_written, event_bytes, timezone_bytes
from .state import CalendarState, EventState, Seen, advance


@dataclass(frozen=True)
class Feed:
    files: dict[str, bytes]  # .ics files by path below the group's docs folder
    state: CalendarState  # to be written back beside the group file
    gone: tuple[str, ...]  # UIDs that were in the last build but are no longer in the group file


def header(group: Group, feed: str = FEED_FILE, members: bool = False) -> Header:
    place = f" i {group.by}" if group.by else ""
    links = feed_links(group, feed)
    whose = "Medlemmernes kalender med steder og navne. Giv ikke adressen videre. " if members else ""
    return Header(
        name=group.navn,
        description=(
            f"{whose}Møder i netværksgruppen {group.navn}{place}. "
            "Kalenderen følger gruppens mødeplan og viser også flyttede og aflyste møder."
        ),
        url=group.adresse,
        source=links.https,
    )


def build_feed(
    group: Group, slug: str, meetings: GroupMeetings, state: CalendarState, today: dt.date, private_feed: str | None = None
) -> Feed:
    """kalender.ics with every event, one .ics per meeting, and the state that numbers their changes; with a
    members' area also `private_feed`, the members' own feed with places and names.

    The state follows what members are told (the private events, when there are any), so SEQUENCE rises when a
    home address changes too; the public feed carries the same numbers."""
    public = group_events(group, slug, meetings)
    private = group_events(group, slug, meetings, members=True) if private_feed else public
    # An event the last build wrote is written with its stamps then, and its digest read from those bytes; when
    # advance keeps that very state (the event did not change), the bytes are the ones the files carry.
    drafts: dict[CalEvent, tuple[EventState, bytes]] = {}

    def digest(event: CalEvent) -> str:
        before = state.events.get(event.uid)
        if before is None:
            return content_digest(event)
        drafts[event] = (before, event_bytes(event, before))
        return digest_of_written(drafts[event][1])

    seen = [Seen(e.uid, e.significant(), digest(e)) for e in private]
    new_state, gone = advance(state, seen, today)
    timezone = timezone_bytes()
    written: dict[CalEvent, bytes] = {}  # each event written once, however many files carry it

    def parts(events) -> list[bytes]:
        for e in events:
            if e not in written:
                now = new_state.events[e.uid]
                draft = drafts.get(e)
                written[e] = draft[1] if draft is not None and draft[0] is now else event_bytes(e, now)
        return [written[e] for e in events]

    files = {FEED_FILE: assemble(header(group), timezone, parts(public))}
    if private_feed:
        files[private_feed] = assemble(header(group, private_feed, members=True), timezone, parts(private))
    for day, event in sorted(meeting_events(group, slug, meetings).items()):
        files[meeting_ics(day)] = assemble(None, timezone, parts([event]))
    return Feed(files, new_state, gone)


def gone_warnings(gone: tuple[str, ...], file: str) -> list[Problem]:
    """Tell the organiser once that a deleted meeting also disappears from members' calendars."""
    out = []
    for uid in gone:
        kind, _, rest = uid.partition("-")
        if kind != "moede":
            continue
        day = dt.date.fromisoformat(rest.split("@", 1)[0])
        out.append(
            Problem(
                file,
                1,
                1,
                "møder",
                f"mødet {danish.short_date(day)} er slettet fra filen og forsvinder derfor fra medlemmernes kalendere; "
                "skal det aflyses eller flyttes, så lad det stå med 'aflyst: …' og skriv det nye møde ind for sig",
                warning=True,
            )
        )
    return out

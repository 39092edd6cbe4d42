"""The group's calendar: its events, stamped from the feeds' memory, written as .ics files."""

from __future__ import annotations

from dataclasses import dataclass

from ..facts.links import FEED_FILE, feed_links, meeting_ics
from ..facts.meeting import GroupMeetings
from ..model.models import Group
from .events import CalEvent, meeting_events, sort_key
from .ical import Header, assemble, event_bytes, timezone_bytes
from .memory import Memory, Stamps


@dataclass(frozen=True)
class Feed:
    files: dict[str, bytes]  # .ics files by path below the group's docs folder


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


def _shown(memory: Memory) -> list[tuple[CalEvent, Stamps]]:
    """Every event the memory holds (deleted meetings cancelled), in date order."""
    return sorted(((track.shown, track.stamps) for track in memory.values()), key=lambda pair: sort_key(pair[0]))


def build_feed(group: Group, slug: str, meetings: GroupMeetings, public: Memory, members: Memory | None, private_feed: str | None = None) -> Feed:
    """kalender.ics with every event, one .ics per meeting and, with a members' area, `private_feed`, the members'
    own feed with places and names. `public` and `members` (timeline.remember) stamp each feed's events: each
    follows only what that feed shows."""
    timezone = timezone_bytes()
    written: dict[tuple[str, CalEvent], bytes] = {}  # each event written once, however many files carry it

    def parts(feed: str, events: list[tuple[CalEvent, Stamps]]) -> list[bytes]:
        for event, stamps in events:
            if (feed, event) not in written:
                written[feed, event] = event_bytes(event, stamps)
        return [written[feed, event] for event, _ in events]

    files = {FEED_FILE: assemble(header(group), timezone, parts("public", _shown(public)))}
    if private_feed and members is not None:
        files[private_feed] = assemble(header(group, private_feed, members=True), timezone, parts("members", _shown(members)))
    for day, event in sorted(meeting_events(group, slug, meetings).items()):
        files[meeting_ics(day)] = assemble(None, timezone, parts("public", [(event, public[event.uid].stamps)]))
    return Feed(files)

"""The group file's versions in the order they were published, each as the events its feeds showed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import GroupError
from ..facts.audience import audiences_for
from ..facts.meeting import group_meetings
from ..model.loader import load
from ..model.validate import validate
from .events import CalEvent, group_events
from .ical import legacy_digest
from .memory import ALL, TIMES, LegacyEvent, Memory, adopt, step


@dataclass(frozen=True)
class Version:
    """One version of the group file: when it was committed (UTC) and what each feed showed from it."""

    when: dt.datetime
    public: tuple[CalEvent, ...]
    members: tuple[CalEvent, ...]


@dataclass(frozen=True)
class Legacy:
    """An old build's state file: it describes the feeds after the first `after` versions, taken in at `when`."""

    events: Mapping[str, LegacyEvent]
    after: int
    when: dt.datetime


def version_events(data: bytes, file: str, slug: str, today: dt.date) -> tuple[tuple[CalEvent, ...], tuple[CalEvent, ...]] | None:
    """The public and the members' events of one version of the group file, or None when it does not validate
    with this version of netvaerk (the caller says so). The events do not depend on `today`."""
    try:
        group, _ = validate(load(data, file), file)
    except GroupError:
        return None
    meetings = group_meetings(group, today, audiences_for(group))
    return group_events(group, slug, meetings), group_events(group, slug, meetings, members=True)


def _remember(versions: list[Version], legacy: Legacy | None, members: bool, compare: tuple[str, ...]) -> Memory:
    # The old state file followed the events of the feed that compares everything: their text is compared too.
    content = legacy_digest if compare == ALL else None
    memory: Memory = {}
    floors: dict = {}
    for index, version in enumerate(versions):
        if legacy is not None and legacy.after == index:
            memory, floors = adopt(memory, legacy.events, legacy.when, compare, content)
        memory = step(memory, version.members if members else version.public, version.when, floors)
        floors = {uid: stamps for uid, stamps in floors.items() if uid not in memory}
    if legacy is not None and legacy.after >= len(versions):
        memory, _ = adopt(memory, legacy.events, legacy.when, compare, content)
    return memory


def remember(versions: list[Version], legacy: Legacy | None, members_feed: bool) -> tuple[Memory, Memory | None]:
    """The public feed's memory (it follows only what the public feed shows) and, with a members' area, the members'
    feed's (it follows everything that feed shows). The last version is the one being built."""
    public = _remember(versions, legacy, False, TIMES if members_feed else ALL)
    return public, _remember(versions, legacy, True, ALL) if members_feed else None

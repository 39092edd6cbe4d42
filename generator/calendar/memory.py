"""The feed's memory: each event's SEQUENCE and change times, worked out from the group file's past versions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .events import CalEvent, withdrawn

# SEQUENCE after a change of time, place or status is the minutes from this moment to the change (and always at
# least one more than before): it only rises, and it is far above the small counters the old state files kept.
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)
# What the members' feed (and a feed without a members' area) compares to decide that SEQUENCE must rise.
ALL = ("start", "end", "location", "status")
# What the public feed of a group with a members' area compares with a legacy state file: that file followed the
# members' events, whose place is the home where the public feed shows the town.
TIMES = ("start", "end", "status")


@dataclass(frozen=True)
class Stamps:
    """What a VEVENT says about its own history (ical.vevent writes them)."""

    sequence: int
    created: dt.datetime  # UTC
    modified: dt.datetime  # UTC; also the event's DTSTAMP


@dataclass(frozen=True)
class Track:
    """One UID as the feed has shown it so far."""

    last: CalEvent  # the event as the group file last had it (a deleted meeting keeps its last version here)
    shown: CalEvent  # what the feed shows: `last`, or its cancellation once the meeting is deleted from the file
    significant: Mapping[str, str]  # shown's time, place and status: a change raises SEQUENCE
    stamps: Stamps  # any other change to `shown` moves LAST-MODIFIED


Memory = Mapping[str, Track]


@dataclass(frozen=True)
class LegacyEvent:
    """One event as an old build's state file (groups/<slug>.kalender.json) recorded it."""

    sequence: int
    created: dt.datetime
    modified: dt.datetime
    significant: Mapping[str, str]
    content: str  # a digest of everything else the event said (ical.legacy_digest)
    removed: bool


def minutes(moment: dt.datetime) -> int:
    return int((moment - EPOCH).total_seconds() // 60)


def _bumped(before: Stamps, when: dt.datetime, significant: bool) -> Stamps:
    """The stamps after a change at `when`: LAST-MODIFIED strictly later than before, SEQUENCE up when `significant`."""
    modified = max(when, before.modified + SECOND)
    sequence = max(before.sequence + 1, minutes(modified)) if significant else before.sequence
    return Stamps(sequence, before.created, modified)


def _seen(before: Track | None, last: CalEvent, shown: CalEvent, when: dt.datetime) -> Track:
    if before is None:
        return Track(last, shown, shown.significant(), Stamps(0, when, when))
    if before.shown == shown:  # every field the same: what the feed says has not changed
        return before if before.last == last else Track(last, shown, before.significant, before.stamps)
    significant = shown.significant()
    return Track(last, shown, significant, _bumped(before.stamps, when, dict(before.significant) != significant))


def step(memory: Memory, events: Sequence[CalEvent], when: dt.datetime, floors: Mapping[str, Stamps] | None = None) -> dict[str, Track]:
    """The memory after one version of the group file (committed at `when`, UTC) with these events. A UID the
    memory had and this version lacks is shown cancelled (withdrawn): subscribers must be told. `floors`: stamps a
    legacy state file gave UIDs this memory has not seen; such a UID's first appearance counts as a change."""
    out: dict[str, Track] = {}
    for event in events:
        before = memory.get(event.uid)
        if before is None and floors and event.uid in floors:
            floor = floors[event.uid]
            out[event.uid] = Track(event, event, event.significant(), _bumped(floor, when, True))
        else:
            out[event.uid] = _seen(before, event, event, when)
    for uid, before in memory.items():
        if uid not in out:
            out[uid] = _seen(before, before.last, withdrawn(before.last), when)
    return dict(sorted(out.items()))


def adopt(
    memory: Memory,
    legacy: Mapping[str, LegacyEvent],
    when: dt.datetime,
    compare: tuple[str, ...],
    content: Callable[[CalEvent], str] | None = None,
) -> tuple[dict[str, Track], dict[str, Stamps]]:
    """The memory once a legacy state file is taken in at `when`: that file says what subscribers had then. An event
    the file describes as the memory shows it keeps the file's stamps, so its bytes stay as the old build wrote
    them; one whose time, place or status (`compare`) differs is a change made then (SEQUENCE above the file's), and
    one whose text differs (by `content`, when the file followed this feed's events) moves LAST-MODIFIED. Returns the
    memory and the floors for the UIDs only the file knows (step takes them)."""
    out = dict(memory)
    floors: dict[str, Stamps] = {}
    for uid, old in legacy.items():
        stamps = Stamps(old.sequence, old.created, old.modified)
        track = memory.get(uid)
        if track is None:
            floors[uid] = stamps
            continue
        # The old build dropped a deleted meeting from the feed; showing it cancelled now is a change.
        same = not old.removed and all(old.significant.get(key, "") == track.significant[key] for key in compare)
        text = content is None or content(track.shown) == old.content
        kept = stamps if same and text else _bumped(stamps, when, not same)
        out[uid] = Track(track.last, track.shown, track.significant, kept)
    return dict(sorted(out.items())), floors


# The legacy state file, written by builds before the memory came from git (read, never written).

LEGACY_SUFFIX = ".kalender.json"  # beside the group file: groups/nordsjaelland.yaml -> groups/nordsjaelland.kalender.json
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


def _stamp(value: Any) -> dt.datetime:
    return dt.datetime.strptime(value, _STAMP).replace(tzinfo=dt.UTC)


def _legacy_event(raw: Any) -> LegacyEvent:
    significant = raw["time_place_status"]
    if not isinstance(significant, dict) or not all(isinstance(v, str) for v in significant.values()):
        raise ValueError("time_place_status")
    sequence, content, removed = raw["sequence"], raw["content"], raw.get("removed", False)
    if type(sequence) is not int or sequence < 0 or not isinstance(content, str) or type(removed) is not bool:
        raise ValueError("sequence")
    return LegacyEvent(sequence, _stamp(raw["created"]), _stamp(raw["modified"]), dict(significant), content, removed)


class Unreadable(Exception):
    """An old state file that cannot be read: where, and why (in Danish)."""

    def __init__(self, line: int, col: int, what: str) -> None:
        super().__init__(what)
        self.line, self.col, self.what = line, col, what


def parse_legacy(data: bytes) -> dict[str, LegacyEvent]:
    """The events of an old state file, or Unreadable."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Unreadable(1, 1, "ikke UTF-8") from None
    except json.JSONDecodeError as exc:
        raise Unreadable(exc.lineno, exc.colno, exc.msg) from None
    if not isinstance(document, dict) or document.get("format") != 1 or not isinstance(document.get("events"), dict):
        raise Unreadable(1, 1, "ukendt indhold")
    events = {}
    for uid, raw in sorted(document["events"].items()):
        try:
            events[str(uid)] = _legacy_event(raw)
        except (KeyError, TypeError, ValueError):
            raise Unreadable(1, 1, f"begivenheden '{uid}' er ufuldstændig") from None
    return events

"""The feed's memory between builds: each event's SEQUENCE and change times, kept in a committed JSON file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from ..errors import GroupError, Problem

FORMAT = 1
SUFFIX = ".kalender.json"  # beside the group file: groups/nordsjaelland.yaml -> groups/nordsjaelland.kalender.json
NOTE = (
    "Skrevet af netvaerk, når siden bygges. Ret ikke i filen, men læg den i git sammen med gruppefilen: "
    "den sørger for, at medlemmernes kalendere retter flyttede og aflyste møder."
)
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class EventState:
    """What the last build published for one event (by UID)."""

    sequence: int
    created: dt.datetime  # UTC
    modified: dt.datetime  # UTC; also the event's DTSTAMP
    significant: Mapping[str, str]  # time, place and status: a change raises SEQUENCE
    content: str  # digest of everything else the event says: a change moves LAST-MODIFIED
    removed: bool = False  # the meeting is no longer in the group file


@dataclass(frozen=True)
class CalendarState:
    events: Mapping[str, EventState]


@dataclass(frozen=True)
class Seen:
    """One event as this build would publish it, before stamping."""

    uid: str
    significant: Mapping[str, str]
    content: str


def empty() -> CalendarState:
    return CalendarState(MappingProxyType({}))


def midnight_utc(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)


def _changed(old: EventState, seen: Seen, today: dt.date) -> EventState:
    significant = old.removed or dict(old.significant) != dict(seen.significant)
    return EventState(
        sequence=old.sequence + (1 if significant else 0),
        created=old.created,
        # Strictly later than the previous stamp, even for two changes on the same day.
        modified=max(midnight_utc(today), old.modified + dt.timedelta(seconds=1)),
        significant=MappingProxyType(dict(seen.significant)),
        content=seen.content,
    )


def advance(old: CalendarState, seen: list[Seen], today: dt.date) -> tuple[CalendarState, tuple[str, ...]]:
    """The new state for this build's events, and the UIDs that have just disappeared from the group file.

    SEQUENCE rises only when time, place or status change; LAST-MODIFIED (and DTSTAMP) move whenever
    anything in the event changes, to `today` at midnight UTC. Nothing changes when nothing changed,
    so rebuilding the same file gives the same feed on any day. Removed events are kept (marked) so
    their SEQUENCE keeps rising if they come back.
    """
    events: dict[str, EventState] = {}
    for item in seen:
        before = old.events.get(item.uid)
        if before is None:
            stamp = midnight_utc(today)
            events[item.uid] = EventState(0, stamp, stamp, MappingProxyType(dict(item.significant)), item.content)
        elif before.removed or dict(before.significant) != dict(item.significant) or before.content != item.content:
            events[item.uid] = _changed(before, item, today)
        else:
            events[item.uid] = before
    gone = tuple(sorted(u for u, s in old.events.items() if u not in events and not s.removed))
    for uid_, state in old.events.items():
        if uid_ not in events:
            events[uid_] = state if state.removed else replace(state, removed=True)
    return CalendarState(MappingProxyType(dict(sorted(events.items())))), gone


def dump(state: CalendarState) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, a final newline."""
    events = {
        uid_: {
            "sequence": s.sequence,
            "created": s.created.strftime(_STAMP),
            "modified": s.modified.strftime(_STAMP),
            "time_place_status": dict(s.significant),
            "content": s.content,
            **({"removed": True} if s.removed else {}),
        }
        for uid_, s in state.events.items()
    }
    document = {"format": FORMAT, "note": NOTE, "events": events}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _broken(file: str, line: int, col: int, what: str) -> GroupError:
    return GroupError(
        [
            Problem(
                file,
                line,
                col,
                "",
                f"kalenderstatus kan ikke læses ({what}); hent den seneste udgave fra git, "
                "eller slet filen, så kalenderen starter forfra",
            )
        ]
    )


def _stamp(value: Any) -> dt.datetime:
    return dt.datetime.strptime(value, _STAMP).replace(tzinfo=dt.UTC)


def _event(uid_: str, raw: Any) -> EventState:
    significant = raw["time_place_status"]
    if not isinstance(significant, dict) or not all(isinstance(v, str) for v in significant.values()):
        raise ValueError(uid_)
    sequence, content, removed = raw["sequence"], raw["content"], raw.get("removed", False)
    if type(sequence) is not int or sequence < 0 or not isinstance(content, str) or type(removed) is not bool:
        raise ValueError(uid_)
    return EventState(sequence, _stamp(raw["created"]), _stamp(raw["modified"]), MappingProxyType(significant), content, removed)


def parse(data: bytes, file: str) -> CalendarState:
    """The state from the committed file, or a GroupError saying how to recover."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _broken(file, 1, 1, "ikke UTF-8") from None
    except json.JSONDecodeError as exc:
        raise _broken(file, exc.lineno, exc.colno, exc.msg) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("events"), dict):
        raise _broken(file, 1, 1, "ukendt indhold")
    events = {}
    for uid_, raw in document["events"].items():
        try:
            events[uid_] = _event(uid_, raw)
        except (KeyError, TypeError, ValueError):
            raise _broken(file, 1, 1, f"begivenheden '{uid_}' er ufuldstændig") from None
    return CalendarState(MappingProxyType(dict(sorted(events.items()))))

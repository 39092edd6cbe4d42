"""Plan a group file: validate it, plan the next meetings, add them to its text and prove the result."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from ..errors import GroupError, PlanError, Problem
from ..model.loader import decode, parse
from ..model.models import Group
from ..model.validate import Positions, field_path, to_data, validate
from .planner import EVALUATION_AGENDA, Plan, PlannedMeeting, Recurrence, plan
from .yamledit import add_meetings


@dataclass(frozen=True)
class PlanRequest:
    first: dt.date
    rule: Recurrence
    count: int
    start: dt.time | None = None
    place: str | None = None


@dataclass(frozen=True)
class PlannedFile:
    old: str
    new: str
    plan: Plan
    diff: str
    bom: bool = False

    @property
    def data(self) -> bytes:
        """The new file's bytes (keeping a byte order mark the old file had)."""
        return ("\ufeff" if self.bom else "").encode("utf-8") + self.new.encode("utf-8")


def meeting_item(meeting: PlannedMeeting) -> dict[str, Any]:
    """One planned meeting as the group file writes it, keys in the file's usual order."""
    item: dict[str, Any] = {"dato": meeting.dato, "start": f"{meeting.start:%H:%M}", "sted": meeting.sted}
    if meeting.tema:
        item["tema"] = meeting.tema
    item["ordstyrer"] = meeting.ordstyrer
    item["referent"] = meeting.referent
    if meeting.evaluering:
        item["evaluering"] = "ja"
        item["dagsorden"] = [
            {"punkt": i.title, "minutter": i.minutes, **({"ved": i.speaker} if i.speaker else {})} for i in EVALUATION_AGENDA
        ]
    return item


def _as_text(value: Any) -> Any:
    """What the loader reads back for a value the dumper wrote: text everywhere."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _problem(exc: PlanError, group: Group, positions: Positions, file: str) -> Problem:
    """Where to point: the field named, or for an option the latest meeting (or the file's start)."""
    if str(exc.field[0]).startswith("--"):
        latest = max(range(len(group.moeder)), key=lambda i: group.moeder[i].dato, default=None)
        pos = positions.value(("møder", latest, "dato")) if latest is not None else positions.value(())
        return Problem(file, pos.line, pos.col, str(exc.field[0]), exc.message)
    pos = positions.key(exc.field)
    return Problem(file, pos.line, pos.col, field_path(exc.field), exc.message)


def _prove(old: str, new: str, items: list[dict[str, Any]], file: str) -> None:
    """The new text must hold exactly the old data plus the new meetings, and be a valid group file."""
    before, _ = to_data(parse(old, file))
    after, _ = to_data(parse(new, file))
    expected = {**before, "møder": [*(before.get("møder") or []), *_as_text(items)]}
    if after != expected:
        raise AssertionError("plan changed more than the meetings it added")
    validate(parse(new, file), file)


def plan_file(data: bytes, file: str, request: PlanRequest) -> PlannedFile:
    """The file's text with the planned meetings added, or a GroupError saying what to fix."""
    old = decode(data, file)
    group, positions = validate(parse(old, file), file)
    try:
        made = plan(group, request.first, request.rule, request.count, request.start, request.place)
        items = [meeting_item(m) for m in made.meetings]
        new = add_meetings(old, items)
    except PlanError as exc:
        raise GroupError([_problem(exc, group, positions, file)]) from None
    _prove(old, new, items, file)
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), file, file))
    return PlannedFile(old, new, made, diff, data.startswith("\ufeff".encode("utf-8")))

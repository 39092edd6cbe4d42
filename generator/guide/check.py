"""Check a group file: load and validate it, then add the guide's warnings."""

from __future__ import annotations

import datetime as dt

from ..errors import Problem
from ..model.loader import load
from ..model.models import Group
from ..model.validate import validate
from .hints import planning_warnings, warnings


def check(data: bytes, file: str) -> tuple[Group, list[Problem]]:
    """Validate a group file: the Group and its warnings, or a GroupError."""
    group, positions = validate(load(data, file), file)
    return group, warnings(group, positions, file)


def check_on(data: bytes, file: str, today: dt.date) -> tuple[Group, list[Problem]]:
    """Like `check`, plus the guide's planning advice, which depends on today."""
    group, positions = validate(load(data, file), file)
    return group, warnings(group, positions, file) + planning_warnings(group, positions, file, today)

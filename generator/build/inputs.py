"""Read one group's input files once: the same bytes feed its fingerprint and its generation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..calendar.state import SUFFIX as STATE_SUFFIX
from ..files import read_bytes, read_optional
from .project import Project, display_path


@dataclass(frozen=True)
class Inputs:
    """Everything a group's build reads from groups/: its file and the calendar feed's committed state."""

    path: Path
    file: str  # the group file as the organiser writes it, for messages
    data: bytes
    state_path: Path
    state_file: str
    state: bytes | None  # None: there is no state file (yet)


def state_path(path: Path) -> Path:
    """The calendar feed's committed state beside its group file: groups/x.yaml -> groups/x.kalender.json."""
    return path.with_name(path.stem + STATE_SUFFIX)


def read_inputs(project: Project, path: Path) -> Inputs:
    """Read the group file and its state file, once each; a GroupError when either cannot be read."""
    file = display_path(path, project)
    state = state_path(path)
    state_file = display_path(state, project)
    data = read_bytes(path, file)
    return Inputs(path, file, data, state, state_file, read_optional(state, state_file))

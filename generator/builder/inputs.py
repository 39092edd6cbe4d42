"""Read one group's input files once: the same bytes feed its fingerprint and its generation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..calendar.state import SUFFIX as STATE_SUFFIX
from ..files import read_bytes, read_optional
from ..model.slug import slug_for
from .project import Project, display_path
from .secret import passphrase_file, passphrase_variable
from .visibility import Visibility, visibility

LOCK_SUFFIX = ".laas.json"  # the members' lock's salt and verifier: groups/x.yaml -> groups/x.laas.json


@dataclass(frozen=True)
class Inputs:
    """Everything a group's build reads from groups/: its file and the calendar feed's committed state."""

    path: Path
    file: str  # the group file as the organiser writes it, for messages
    data: bytes
    state_path: Path
    state_file: str
    state: bytes | None  # None: there is no state file (yet)
    lock_path: Path | None = None
    lock_file: str = ""
    lock_state: bytes | None = None  # None: the members' lock has no state yet
    passphrase: str | None = None  # the members' area's passphrase, when it can be found
    sources: Visibility = Visibility.PRIVATE  # who can read the group file (a public repository: anyone)


def state_path(path: Path) -> Path:
    """The calendar feed's committed state beside its group file: groups/x.yaml -> groups/x.kalender.json."""
    return path.with_name(path.stem + STATE_SUFFIX)


def read_passphrase(project: Project, slug: str, environ: Mapping[str, str]) -> str | None:
    """The members' area's passphrase: from the environment (NETVAERK_ADGANGSKODE_<SLUG>, as CI passes a
    secret), else from private/<slug>.adgangskode (git-ignored, written by `netvaerk adgangskode`)."""
    value = environ.get(passphrase_variable(slug), "").strip()
    if value:
        return value
    data = read_optional(project.root / passphrase_file(slug), passphrase_file(slug))
    text = data.decode("utf-8", "replace").strip() if data is not None else ""
    return text or None


def read_inputs(project: Project, path: Path, environ: Mapping[str, str] | None = None) -> Inputs:
    """Read the group file, its state files and the passphrase, once each; a GroupError when one cannot be read."""
    file = display_path(path, project)
    state = state_path(path)
    state_file = display_path(state, project)
    lock = path.with_name(path.stem + LOCK_SUFFIX)
    lock_file = display_path(lock, project)
    data = read_bytes(path, file)
    environ = os.environ if environ is None else environ
    return Inputs(
        path, file, data, state, state_file, read_optional(state, state_file),
        lock, lock_file, read_optional(lock, lock_file),
        read_passphrase(project, slug_for(path.stem), environ),
        visibility(environ),
    )

"""Read one group's input files once: the same bytes feed its fingerprint and its generation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..calendar.memory import LEGACY_SUFFIX as CALENDAR_SUFFIX
from ..files import read_bytes, read_optional
from ..model.slug import slug_for
from .history import NO_GIT, RepoHistory, Revision, blob_id, read_blobs, read_history
from .project import Project, display_path
from .secret import passphrase_file, passphrase_variable
from .visibility import Visibility, visibility

LOCK_SUFFIX = ".laas.json"  # an old build's lock salt and verifier: groups/x.yaml -> groups/x.laas.json


@dataclass(frozen=True)
class Legacy:
    """A state file an old build wrote beside the group file (read, never written): its bytes in the working tree,
    else its newest committed version (`revision`, whose bytes Inputs.blobs holds once loaded)."""

    file: str  # as shown in messages
    data: bytes | None = None  # in the working tree
    revision: Revision | None = None  # when not in the working tree: its newest committed version

    def key(self) -> bytes:
        """What goes into the fingerprint."""
        if self.data is not None:
            return b"file:" + self.data
        return b"git:" + self.revision.commit.encode() + b":" + self.revision.blob.encode() if self.revision else b"absent"


@dataclass(frozen=True)
class History:
    """The group file's committed versions (builder/history.py), and how complete the history is."""

    kind: str = NO_GIT
    revisions: tuple[Revision, ...] = ()
    truncated: bool = False  # a shallow clone cut the file's history
    reason: str = ""  # git's words when it failed

    def key(self) -> bytes:
        lines = [self.kind, str(self.truncated), self.reason] + [f"{r.index} {r.commit} {r.when.timestamp()} {r.blob}" for r in self.revisions]
        return "\n".join(lines).encode()


@dataclass(frozen=True)
class Inputs:
    """Everything a group's build reads: its file, its history, the old builds' state files and its passphrase."""

    path: Path
    file: str  # the group file as the organiser writes it, for messages
    data: bytes
    history: History = History()
    calendar: Legacy = Legacy("")  # an old build's groups/x.kalender.json
    lock: Legacy = Legacy("")  # an old build's groups/x.laas.json
    passphrase: str | None = None  # the members' area's passphrase, when it can be found
    sources: Visibility = Visibility.PRIVATE  # who can read the group file (a public repository: anyone)
    blobs: Mapping[str, bytes] | None = None  # the committed versions' bytes by blob id, once loaded (load_blobs)

    def wanted(self) -> set[str]:
        """The blobs a build of this group reads (the working tree's own version is not read again)."""
        own = blob_id(self.data, self.history.revisions[-1].blob) if self.history.revisions and self.history.revisions[-1].blob else ""
        ids = {r.blob for r in self.history.revisions if r.blob and r.blob != own}
        ids |= {legacy.revision.blob for legacy in (self.calendar, self.lock) if legacy.data is None and legacy.revision and legacy.revision.blob}
        return ids

    def blob(self, blob: str) -> bytes | None:
        if self.history.revisions and self.history.revisions[-1].blob == blob and blob_id(self.data, blob) == blob:
            return self.data
        return (self.blobs or {}).get(blob)


def read_passphrase(project: Project, slug: str, environ: Mapping[str, str]) -> str | None:
    """The members' area's passphrase: from the environment (NETVAERK_ADGANGSKODE_<SLUG>, as CI passes a
    secret), else from private/<slug>.adgangskode (git-ignored, written by `netvaerk adgangskode`)."""
    value = environ.get(passphrase_variable(slug), "").strip()
    if value:
        return value
    data = read_optional(project.root / passphrase_file(slug), passphrase_file(slug))
    text = data.decode("utf-8", "replace").strip() if data is not None else ""
    return text or None


def _legacy(project: Project, history: RepoHistory, path: Path) -> Legacy:
    shown = display_path(path, project)
    data = read_optional(path, shown)
    if data is not None:
        return Legacy(shown, data)
    kept = [r for r in history.of(_below(project, path)) if r.blob]
    return Legacy(shown, None, kept[-1] if kept else None)


def _below(project: Project, path: Path) -> str:
    """The path as git names it below the project (always with /)."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_inputs(project: Project, path: Path, environ: Mapping[str, str] | None = None, history: RepoHistory | None = None) -> Inputs:
    """Read the group file, its history (`history`: read_history's, read here when not given), the old builds' state
    files and the passphrase, once each; a GroupError when one cannot be read."""
    history = read_history(project.root) if history is None else history
    file = display_path(path, project)
    data = read_bytes(path, file)
    environ = os.environ if environ is None else environ
    rel = _below(project, path)
    return Inputs(
        path, file, data,
        History(history.kind, history.of(rel), history.truncated(rel), history.reason),
        _legacy(project, history, path.with_name(path.stem + CALENDAR_SUFFIX)),
        _legacy(project, history, path.with_name(path.stem + LOCK_SUFFIX)),
        read_passphrase(project, slug_for(path.stem), environ),
        visibility(environ),
    )


def load_blobs(project: Project, groups: list[Inputs]) -> list[Inputs]:
    """The same inputs with the committed versions their builds read, in one git call for all of them."""
    wanted = set().union(*(inputs.wanted() for inputs in groups)) if groups else set()
    blobs = read_blobs(project.root, wanted)
    return [replace(inputs, blobs={b: blobs[b] for b in sorted(inputs.wanted()) if b in blobs}) for inputs in groups]

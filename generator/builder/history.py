"""Read the groups' history from git once for all groups: which commits changed which file, and the old versions."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

COMPLETE = "fuld"  # a git repository with the whole history (a file not committed yet simply has none)
SHALLOW = "shallow"  # a shallow clone: commits before the cut are missing
NO_GIT = "ingen"  # no git repository (a downloaded zip), or no git program
BROKEN = "fejl"  # git is there but could not read the history


@dataclass(frozen=True)
class Revision:
    """One commit that changed a file, on the first-parent line (what the default branch was, one commit after
    the other)."""

    index: int  # position in that line, oldest first, shared by all files
    commit: str
    when: dt.datetime  # the commit's time (committer date), UTC
    blob: str | None  # the file's contents after the commit; None when the commit deleted it


@dataclass(frozen=True)
class RepoHistory:
    kind: str
    files: Mapping[str, tuple[Revision, ...]] = field(default_factory=dict)  # by path below the project, oldest first
    cut: frozenset[str] = frozenset()  # a shallow clone's cut commits: what came before them is missing
    reason: str = ""  # BROKEN: git's own words

    def of(self, rel: str) -> tuple[Revision, ...]:
        return self.files.get(rel, ())

    def truncated(self, rel: str) -> bool:
        """The file's history starts at a shallow clone's cut, so its earlier versions are missing."""
        revisions = self.of(rel)
        return bool(revisions) and revisions[0].commit in self.cut


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes] | None:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(
            ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", *args],
            cwd=root, input=stdin, capture_output=True, env=env, check=False,
        )
    except OSError:
        return None  # no git program


def _revisions(log: bytes) -> tuple[dict[str, tuple[Revision, ...]], frozenset[str]]:
    """Parse `git log --raw -z --format=%x01%H %ct %D` (oldest first): a commit's header (with "grafted" for a
    shallow clone's cut commit), then a NUL-separated ":modes ids status" and path for each file it changed."""
    files: dict[str, list[Revision]] = {}
    cut = set()
    for index, chunk in enumerate(log.split(b"\x01")[1:]):
        header, _, rest = chunk.partition(b"\0")
        commit, stamp, *decorations = header.decode("utf-8", "replace").split(maxsplit=2)
        if decorations and "grafted" in decorations[0].split(", "):
            cut.add(commit)
        when = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
        fields = rest.lstrip(b"\n").split(b"\0")
        for meta, raw in zip(fields[0::2], fields[1::2], strict=False):
            if not meta.startswith(b":"):
                continue
            parts = meta.decode("ascii").split()
            blob = None if parts[4] == "D" else parts[3]
            files.setdefault(raw.decode("utf-8", "surrogateescape"), []).append(Revision(index, commit, when, blob))
    return {path: tuple(revisions) for path, revisions in sorted(files.items())}, frozenset(cut)


def read_history(root: Path, folder: str = "groups") -> RepoHistory:
    """Every commit that changed a file in `folder` (below the project `root`), in one git call. A shallow clone's
    cut commits are marked "grafted" among the decorations, which name no refs here."""
    log = _git(
        root,
        [
            "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw", "-z", "--no-abbrev", "--root",
            "--reverse", "--no-color", "--relative", "--decorate-refs=refs/netvaerk/ingen", "--format=%x01%H %ct %D",
            "--", f"{folder}/",
        ],
    )
    if log is None:
        return RepoHistory(NO_GIT)
    if log.returncode != 0:
        said = log.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in said:
            return RepoHistory(NO_GIT)
        if "does not have any commits" in said:
            return RepoHistory(COMPLETE)  # a new repository: nothing is committed yet
        return RepoHistory(BROKEN, reason=said.splitlines()[0] if said else f"git log stoppede med kode {log.returncode}")
    files, cut = _revisions(log.stdout)
    return RepoHistory(SHALLOW if cut else COMPLETE, files, cut)


def read_blobs(root: Path, ids: Iterable[str]) -> dict[str, bytes]:
    """The contents of these blobs, in one `git cat-file --batch`; a missing one is left out."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    done = _git(root, ["cat-file", "--batch"], ("\n".join(wanted) + "\n").encode("ascii"))
    if done is None or done.returncode != 0:
        return {}
    out, data, at = {}, done.stdout, 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].decode("ascii").split()
        at = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        out[header[0]] = data[at : at + size]
        at += size + 1
    return out


def blob_id(data: bytes, like: str) -> str:
    """git's id for a blob with these bytes, in the repository's hash (`like`: any id from it)."""
    hasher = hashlib.sha256 if len(like) == 64 else hashlib.sha1
    return hasher(b"blob %d\0" % len(data) + data).hexdigest()

"""netvaerk's notes about an output folder, kept in site_src/.netvaerk/ so that nothing of them is published.

One folder of notes per output folder (Project.notes_for: named by a digest of its resolved path):

    ud.json             {"path": the output folder, "folder": its identity}: netvaerk made it, or took it over empty
    <slug>.json         {"folders": identities of the out/<slug>/ folders netvaerk put there}
    <slug>.stamp.json   {"folder": the out/<slug>/ it describes, "stamp": that finished build's stamp (fingerprint.py)}

A folder's identity is its inode number (os.stat), which a rename keeps: the site built in a temporary
folder keeps it when swapped into out/<slug>/, and a folder someone else made in its place has another.
A note that cannot be read counts as none: without the folder note, out/<slug>/ is not netvaerk's; without
a stamp that names the folder in place, the site is built again.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import GroupError
from ..files import make_folder, read_optional, refuse_links, write_file
from .fingerprint import Stamp, parse_stamp, stamp_json
from .project import Project

FORMAT = "netvaerk-noter-1"
OUTPUT = "ud.json"


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def identity(folder: Path) -> int:
    """Which folder this is (not where): its inode number, kept when the folder is renamed."""
    return folder.stat(follow_symlinks=False).st_ino


@dataclass(frozen=True)
class Notes:
    """The notes about one output folder."""

    folder: Path  # site_src/.netvaerk/<digest>
    out: Path  # the output folder

    def _read(self, name: str) -> dict | None:
        try:
            body = json.loads(read_optional(self.folder / name) or b"null")
        except (GroupError, ValueError):
            return None
        return body if isinstance(body, dict) and body.get("format") == FORMAT else None

    def _write(self, name: str, body: dict) -> None:
        refuse_links(self.folder.parent.parent, self.folder.parent, self.folder)
        make_folder(self.folder)
        text = json.dumps({"format": FORMAT, **body}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_file(self.folder / name, text)

    def output(self) -> int | None:
        """The identity of the output folder netvaerk made, if it made the one at this path."""
        body = self._read(OUTPUT)
        if body is None or body.get("path") != str(self.out.resolve()) or not _is_id(body.get("folder")):
            return None
        return body["folder"]

    def claim_output(self) -> None:
        """Note that the (existing, empty or netvaerk's own) output folder is netvaerk's."""
        self._write(OUTPUT, {"path": str(self.out.resolve()), "folder": identity(self.out)})

    def site_folders(self, slug: str) -> tuple[int, ...]:
        """The out/<slug>/ folders netvaerk may have left in place (two while a swap is under way)."""
        folders = (self._read(f"{slug}.json") or {}).get("folders")
        if not isinstance(folders, list) or not all(_is_id(f) for f in folders):
            return ()
        return tuple(folders)

    def write_site_folders(self, slug: str, folders: tuple[int, ...]) -> None:
        self._write(f"{slug}.json", {"folders": list(folders)})

    def stamp(self, slug: str, folder: int) -> Stamp | None:
        """The stamp of the build that made the folder `folder`, if it is the one noted."""
        body = self._read(f"{slug}.stamp.json") or {}
        return parse_stamp(body.get("stamp")) if body.get("folder") == folder and _is_id(folder) else None

    def write_stamp(self, slug: str, folder: int, stamp: Stamp) -> None:
        self._write(f"{slug}.stamp.json", {"folder": folder, "stamp": stamp_json(stamp)})

    def remove(self) -> None:
        """Forget this output folder (after `netvaerk serve`'s temporary one is deleted)."""
        if self.folder.is_dir() and not self.folder.is_symlink():
            shutil.rmtree(self.folder)
        try:
            self.folder.parent.rmdir()  # site_src/.netvaerk/, when no other output folder has notes
        except OSError:
            pass


def notes(project: Project, out: Path) -> Notes:
    """The notes about the output folder `out` of this project."""
    return Notes(project.notes_for(out), out)

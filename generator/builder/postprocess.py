"""Finish a freshly built site before it is checked and published: each page as MkDocs writes it (finisher:
the theme's markup mended, mend.py; Material's settings and the whitespace and harmless character references
slimmed, slim.py), the printables slimmed, and the offline worker written
(offline.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import GroupError, Problem
from ..files import write_file
from ..site.unlock import script as fold_script
from .mend import mend
from .offline import SOURCE as WORKER_SOURCE
from .offline import WORKER, keep_list, version, worker
from .slim import slim_config, slim_page


def finisher(file: str) -> Callable[[str, str], str]:
    """What every page of a group's site goes through as MkDocs writes it (page HTML, its path -> HTML);
    `file` is the group file a problem is reported against."""

    def finish(html: str, page: str) -> str:
        return slim_page(slim_config(mend(html, page, file)))

    return finish


def slim_printables(docs: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The generated files with the HTML ones (the printables, which MkDocs copies as they are) slimmed."""
    return {rel: slim_page(text) if rel.endswith(".html") and isinstance(text, str) else text for rel, text in docs.items()}


def _files(folder: Path) -> list[Path]:
    found = []
    for parent, _, names in os.walk(folder):
        found += [Path(parent, name) for name in names]
    return sorted(found)


def write_worker(folder: Path, pages: dict[str, str], file: str) -> None:
    """sw.js in the site's folder: the offline pages and what they load, and a version made from every built file
    and every kept file above the folder (the shared files in ../_tema/, published before any group is built), so
    a new build replaces the phone's copy."""
    keep = keep_list(pages)
    built = [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in _files(folder) if p != folder / WORKER]
    outside = []
    for rel in keep:
        if rel.startswith("../"):
            path = folder / rel
            if not path.is_file():
                message = f"en side, telefonen skal kunne læse uden net, henter {rel}, som ikke findes. Intet er lagt ud"
                raise GroupError([Problem(file, 1, 1, "", message)])
            outside.append((rel, path.read_bytes()))
    text = worker(WORKER_SOURCE.read_text(encoding="utf-8"), keep, version(built + outside))
    write_file(folder / WORKER, fold_script(text))

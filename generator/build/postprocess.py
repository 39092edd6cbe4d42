"""Finish a freshly built site before it is checked and published: mend and slim its pages and search index
(mend.py, slim.py), fold our own stylesheet and script, write the offline worker (offline.py), drop an unwanted
sitemap."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import GroupError, Problem
from ..files import write_file
from ..site.unlock import script as fold_script
from .mend import mend
from .offline import SOURCE as WORKER_SOURCE
from .offline import WORKER, keep_list, version, worker
from .slim import fold_css, fold_whitespace, slim_config, slim_search_index, unescape_punctuation

SEARCH_INDEX = "search/search_index.json"


def finish_pages(folder: Path, file: str, stylesheets: tuple[str, ...] = (), scripts: tuple[str, ...] = ()) -> dict[str, str]:
    """Mend and slim every built HTML page and the search index, and fold the given stylesheets and scripts;
    returns the pages by path."""
    pages = {}
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        pages[rel] = fold_whitespace(unescape_punctuation(slim_config(mend(page.read_text(encoding="utf-8"), rel, file))))
        write_file(page, pages[rel])
    index = folder / SEARCH_INDEX
    if index.is_file():
        write_file(index, slim_search_index(index.read_text(encoding="utf-8")))
    for rel in stylesheets:
        sheet = folder / rel
        if sheet.is_file():
            write_file(sheet, fold_css(sheet.read_text(encoding="utf-8")))
    for rel in scripts:
        code = folder / rel
        if code.is_file():
            write_file(code, fold_script(code.read_text(encoding="utf-8")))
    return pages


def _files(folder: Path) -> list[Path]:
    found = []
    for parent, _, names in os.walk(folder):
        found += [Path(parent, name) for name in names]
    return sorted(found)


def write_worker(folder: Path, pages: dict[str, str], file: str) -> None:
    """sw.js in the site's folder: the offline pages and what they load, and a version made from every built file
    and every kept file above the folder (shared files), so a new build replaces the phone's copy."""
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


def remove_sitemap(site: Path) -> None:
    """Delete the sitemap MkDocs writes, for a group that does not want to be found."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)

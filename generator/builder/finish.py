"""Finish a freshly built group, in one place: every HTML page as it is published (engine.finish_page: the theme's
markup mended and, with the shortcuts, slimmed) and the offline worker (offline.py), made from the finished files
and the shared ones it keeps (out/_tema/). Pure: the built files in, the published files out."""

from __future__ import annotations

from ..errors import GroupError, Problem
from ..site.shared import FOLDER
from ..site.unlock import script as fold_script
from .engine import Engine, finish_page
from .offline import SOURCE as WORKER_SOURCE
from .offline import WORKER, keep_list, version, worker


def html_pages(files: dict[str, bytes]) -> dict[str, str]:
    """The HTML files among `files`, as text."""
    return {rel: data.decode("utf-8", errors="replace") for rel, data in files.items() if rel.endswith(".html")}


def finish_site(engine: Engine, built: dict[str, bytes], shared: dict[str, bytes], file: str) -> dict[str, bytes]:
    """The site's files as published, from those the engine built (`built`, by path in the group's folder) and the
    files in out/_tema/ (`shared`): sw.js added, with the offline pages and what they load, and a version made from
    every file it serves, so a new build replaces the phone's copy. `file`: the group file a problem is reported
    against."""
    pages = {rel: finish_page(engine, html, rel, file) for rel, html in html_pages(built).items()}
    files = built | {rel: html.encode("utf-8") for rel, html in pages.items()}
    keep = keep_list(pages)
    outside = []
    for rel in keep:
        if rel.startswith("../"):
            name = rel.removeprefix(f"../{FOLDER}/")
            if name == rel or name not in shared:
                message = f"en side, telefonen skal kunne læse uden net, henter {rel}, som ikke findes. Intet er lagt ud"
                raise GroupError([Problem(file, 1, 1, "", message)])
            outside.append((rel, shared[name]))
    text = worker(WORKER_SOURCE.read_text(encoding="utf-8"), keep, version([*files.items(), *outside]))
    return files | {WORKER: fold_script(text)}

"""Finish a freshly built site before it is published: mend the theme's markup (mend.py), fold whitespace
(slim.py), drop an unwanted sitemap."""

from __future__ import annotations

from pathlib import Path

from ..files import write_file
from .mend import mend
from .slim import fold_css, fold_whitespace


def slim_pages(folder: Path, file: str, stylesheets: tuple[str, ...] = ()) -> None:
    """Mend and fold the whitespace of every built HTML page, and fold the given stylesheets."""
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        write_file(page, fold_whitespace(mend(page.read_text(encoding="utf-8"), rel, file)))
    for rel in stylesheets:
        sheet = folder / rel
        if sheet.is_file():
            write_file(sheet, fold_css(sheet.read_text(encoding="utf-8")))


def remove_sitemap(site: Path) -> None:
    """Delete the sitemap MkDocs writes, for a group that does not want to be found."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)

"""Finish a freshly built site before it is checked and published: mend and slim its pages and search index
(mend.py, slim.py), fold our own stylesheet and script, drop an unwanted sitemap."""

from __future__ import annotations

from pathlib import Path

from ..files import write_file
from ..site.unlock import script as fold_script
from .mend import mend
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


def remove_sitemap(site: Path) -> None:
    """Delete the sitemap MkDocs writes, for a group that does not want to be found."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)

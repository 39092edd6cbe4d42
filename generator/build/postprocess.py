"""Lighten a freshly built site before it is published (slim.py): fold the pages' whitespace and write their
harmless character references plainly, and compact the search index."""

from __future__ import annotations

from pathlib import Path

from ..files import write_file
from .slim import compact_json, slim_page

SEARCH_INDEX = "search/search_index.json"


def slim_pages(folder: Path) -> None:
    """Slim every built HTML page and the search index."""
    for page in sorted(folder.rglob("*.html")):
        write_file(page, slim_page(page.read_text(encoding="utf-8")))
    index = folder / SEARCH_INDEX
    if index.is_file():
        write_file(index, compact_json(index.read_text(encoding="utf-8")))

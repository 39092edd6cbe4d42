"""Lighten a freshly built site before it is published (slim.py): fold the pages' whitespace and write their
harmless character references plainly (each page as MkDocs writes it: slim_page), and compact the search index."""

from __future__ import annotations

from pathlib import Path

from ..files import write_file
from .slim import compact_json, slim_page

SEARCH_INDEX = "search/search_index.json"


def compact_index(folder: Path) -> None:
    """The search index without \\u escapes (slim.compact_json)."""
    index = folder / SEARCH_INDEX
    if index.is_file():
        write_file(index, compact_json(index.read_text(encoding="utf-8")))


def slim_printables(docs: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The generated files with the HTML ones (the printables, which MkDocs copies as they are) slimmed."""
    return {rel: slim_page(text) if rel.endswith(".html") and isinstance(text, str) else text for rel, text in docs.items()}

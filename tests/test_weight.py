"""Light pages: the contract site's transfer sizes, computed from the built files, stay within budget."""

from __future__ import annotations

import gzip

from weight import GZIP_LEVEL, foreign, gzipped, loads, weight

FIRST_VISIT_BUDGET = 90_000  # bytes, gzipped: the home page and everything it loads
PAGE_BUDGET = 6_000  # bytes, gzipped: each further page (its assets are cached by then)


def test_first_visit_is_within_budget(built_site):
    assert weight(built_site).first_visit <= FIRST_VISIT_BUDGET


def test_each_further_page_is_within_budget(built_site):
    pages = weight(built_site).pages
    assert len(pages) >= 14
    over = {page: size for page, size in pages.items() if size >= PAGE_BUDGET}
    assert not over


def test_first_visit_counts_theme_search_and_our_files(built_site):
    first = loads(built_site, "index.html")
    assert first[0] == "index.html"
    names = " ".join(first)
    for part in ("main.", "bundle.", "workers/search.", "search_index.json", "lunr.da.min.js", "netvaerk.", "manifest.webmanifest"):
        assert part in names
    # Everything but the page, the manifest and the search index is shared by the groups, beside the group's folder.
    assert [name for name in first if not name.startswith("../_tema/")] == ["index.html", "manifest.webmanifest", "search/search_index.json"]
    assert not any("palette." in name for name in first)  # left out by overrides/main.html


def test_no_page_loads_anything_from_another_host(built_site):
    pages = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")]
    assert pages
    assert {page: foreign(built_site, page) for page in pages if foreign(built_site, page)} == {}


def test_sizes_are_gzip_at_the_stated_level():
    data = ("Familieplejernes netværk " * 200).encode()
    assert gzipped(data) == len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)) < len(data) // 10

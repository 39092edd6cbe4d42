"""What a visitor downloads from a built site, gzipped: the first visit to the home page, each further page, and
what opening the search adds.

What counts as a page's load: the page, every stylesheet, icon, manifest, script and image it links, and the offline
worker (sw.js in the group's folder), which our script (../_tema/netvaerk.*.js) registers once the page has loaded.
Not counted there: what the worker then copies in the background for reading offline (make bench prints it), and the
search. Material's script is loaded by ours only when the visitor opens the search; it then starts the search worker,
which fetches the search index and lunr's files for the index's languages: `searching` lists those, and
Weight.search is their size. Paths are relative to the group's folder; the files the groups share are in ../_tema/
beside it."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# zlib's default level, which web servers (nginx, GitHub Pages' CDN) commonly use for text.
GZIP_LEVEL = 6
# What a page loads by itself: stylesheets, icons, the manifest, scripts and images.
_LINK_RELS = {"stylesheet", "icon", "manifest"}


@dataclass(frozen=True)
class Weight:
    first_visit: int  # bytes, gzipped: the home page and everything it loads (the offline worker too)
    pages: dict[str, int]  # each further page: its HTML plus anything the first visit did not load
    search: int  # what opening the search on the home page adds: Material's script, the search worker, index and lunr


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "link" and _LINK_RELS & set((a.get("rel") or "").split()) and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _local(page: str, url: str) -> str | None:
    """The site-relative path of a URL used on `page`, or None for another host."""
    if "://" in url or url.startswith("//") or url.startswith("data:"):
        return None
    url = url.split("#", 1)[0].split("?", 1)[0]
    base = "" if url.startswith("/") else posixpath.dirname(page)
    return posixpath.normpath(posixpath.join(base, url.lstrip("/")))


def _search_files(site: Path, worker: str) -> list[str]:
    """Material's search worker fetches the index, then lunr's stemmers for the index's languages (from
    '../lunr/min/' relative to itself)."""
    files = [worker, "search/search_index.json"]
    index = site / "search" / "search_index.json"
    lunr = posixpath.normpath(posixpath.join(posixpath.dirname(worker), "../lunr/min"))
    langs = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"] if index.is_file() else ["en"]
    others = [lang for lang in langs if lang != "en"]
    if others:
        files.append(f"{lunr}/lunr.stemmer.support.min.js")
        files += [f"{lunr}/lunr.{lang}.min.js" for lang in others]
    if len(langs) > 1:
        files.append(f"{lunr}/lunr.multi.min.js")
    return files


OUR_SCRIPT = re.compile(r"(^|/)netvaerk\.[0-9a-f]+\.js$")
BUNDLE = re.compile(r"bundle\.[0-9a-f]+\.min\.js")
WORKER = "sw.js"


def loads(site: Path, page: str) -> list[str]:
    """The page itself and every file it makes the browser fetch as it loads, as site-relative paths: what it
    links, and the offline worker our script registers."""
    parser = _Loads()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found = [page]
    for url in parser.urls:
        local = _local(page, url)
        if local is not None:
            found.append(local)
    if any(OUR_SCRIPT.search(rel) for rel in found) and (site / WORKER).is_file():
        found.append(WORKER)
    return list(dict.fromkeys(found))


def searching(site: Path, page: str) -> list[str]:
    """What opening the search on `page` makes the browser fetch: Material's script (named in ours, beside it), the
    search worker named in Material's settings in the page, the search index and lunr's files."""
    parser = _Loads()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found = []
    for rel in loads(site, page):
        if OUR_SCRIPT.search(rel):
            bundle = BUNDLE.search((site / rel).read_text(encoding="utf-8"))
            if bundle:
                found.append(posixpath.normpath(posixpath.join(posixpath.dirname(rel), bundle[0])))
    if parser.config:
        worker = json.loads(parser.config).get("search")
        if worker:
            found += _search_files(site, _local(page, worker))
    return list(dict.fromkeys(found))


def foreign(site: Path, page: str) -> list[str]:
    """URLs on other hosts that the page would load (it must load none)."""
    parser = _Loads()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return [url for url in parser.urls if _local(page, url) is None]


def weight(site: Path, home: str = "index.html") -> Weight:
    """Gzipped bytes of a first visit to `home`, of a visit to each other page afterwards, and of opening the search."""
    sizes: dict[str, int] = {}

    def size(rel: str) -> int:
        if rel not in sizes:
            sizes[rel] = gzipped((site / rel).read_bytes())
        return sizes[rel]

    first = loads(site, home)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    further = {page: sum(size(rel) for rel in loads(site, page) if rel not in first or rel == page) for page in pages if page != home}
    search = sum(size(rel) for rel in searching(site, home) if rel not in first)
    return Weight(sum(size(rel) for rel in first), further, search)

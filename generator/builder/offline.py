"""The offline copy: the group's service worker (sw.js), with the pages it keeps and its version, from the built site."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from .fingerprint import digest

WORKER = "sw.js"
SOURCE = Path(__file__).resolve().parent.parent / "site" / "assets" / WORKER
# After one visit to any page, these open without a connection: the home page, the meeting plan, every
# meeting, Kalender and Spilleregler (other pages are kept once they have been read).
OFFLINE_PAGES = ("index.html", "moeder/index.html", "kalender.html", "spilleregler.html")
_MEETING_PAGE = re.compile(r"moeder/\d{4}-\d{2}-\d{2}\.html")
# What a page loads by itself as it is shown: stylesheets, icons, the manifest, scripts and images.
_LINK_RELS = frozenset({"stylesheet", "icon", "manifest"})
_LOADING_TAGS = re.compile(r"<(?:link|script|img)\b[^>]*>", re.I)


def offline_pages(pages: Iterable[str]) -> list[str]:
    """Which of the built pages (paths in the site's folder) the worker keeps from the first visit on."""
    found = set(pages)
    return [p for p in OFFLINE_PAGES if p in found] + sorted(p for p in found if _MEETING_PAGE.fullmatch(p))


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "link" and _LINK_RELS & set(a.get("rel", "").lower().split()) and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def loads(page: str, html: str) -> list[str]:
    """What the page makes the browser fetch as it shows it, as paths from the site's folder: '../' where a file
    lies above it (shared files), '/' where the page names it from the host's root. Other hosts are left out."""
    parser = _Loads()
    # Only these start tags can load anything here; the parser reads each as a browser would (parsing the whole
    # page was a tenth of a group's build). Every '>' in a value we write is escaped, so a tag ends at its '>'.
    # A script's element is closed at once, so the parser does not read the tags after it as the script's text.
    parser.feed("".join(tag + "</script>" if tag[1:7].lower() == "script" else tag for tag in _LOADING_TAGS.findall(html)))
    parser.close()
    found = []
    for url in parser.urls:
        url = url.split("#", 1)[0].split("?", 1)[0]
        if not url or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", url):
            continue
        found.append(url if url.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(page), url)))
    return list(dict.fromkeys(found))


def keep_list(pages: dict[str, str]) -> list[str]:
    """The offline pages and every file they load, each once, pages first."""
    kept = offline_pages(pages)
    return list(dict.fromkeys([*kept, *(url for page in kept for url in loads(page, pages[page]))]))


def version(files: Iterable[tuple[str, bytes]]) -> str:
    """A digest of the built files: a new build whose files differ gets a new cache."""
    return digest(sorted(files))[:16]


def worker(source: str, keep: list[str], built: str) -> str:
    """sw.js with what it keeps and its version filled in."""
    for placeholder in ('"@KEEP@"', '"@VERSION@"'):
        if source.count(placeholder) != 1:
            raise ValueError(f"{WORKER}: {placeholder} must appear once")
    return source.replace('"@KEEP@"', json.dumps(keep)).replace('"@VERSION@"', json.dumps(built))

"""Material's search index for netvaerk's own build, made by a parser that gives the same sections in less time.

Material's search plugin (material/plugins/search/plugin.py) cuts each page into sections with an HTMLParser
subclass whose every event compares the open elements one by one in Python (its Element compares by tag name,
`skip.intersection(context)`, `"pre" in context`): half of a page's indexing. SectionParser keeps the same
rules with the open elements also counted by name, so each of those questions is one look-up, and hands
Material's own SearchIndex the same Section objects; the plugin still writes the index. tests/test_searchindex.py
indexes pages both ways and compares the entries.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from html.parser import HTMLParser

from material.plugins.search.plugin import Element, SearchIndex, Section, void

from ...guard.markup import feed_plain

_HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_NEVER_LEFT = ("script", "style", "object")
# An inline SVG drawing of shapes only, with no text anywhere in it (the agenda's time bars, the icons): Material's
# parser opens and closes each of its elements and takes nothing from them, so SectionParser steps over it whole,
# once the page has a section (the first element of a page starts one). Only self-closed shapes inside, so nothing
# stays open after it; attribute values quoted and free of < and >, so the tag ends where html.parser ends it.
_ATTRS = r"""(?:[^<>"']|"[^"<>]*"|'[^'<>]*')*"""
_SHAPES = "path|rect|circle|ellipse|line|polyline|polygon"
_SILENT_SVG = re.compile(rf"<svg\b{_ATTRS}(?<!/)>(?:<(?:{_SHAPES})\b{_ATTRS}/>)*</svg>")
# ...unless some element of those names is left out of the search by an attribute: Material's parser then treats every
# element of that name alike (its elements compare by name), and the drawing's elements would count.
_MARKED_SHAPE = re.compile(rf"<(?:svg|{_SHAPES})\b[^<>]*(?:data-search-exclude|linenodiv)", re.I)


class SectionParser(HTMLParser):
    """Material's Parser, rule for rule; its sets of elements compare by tag name, so here they are sets of names."""

    def __init__(self, step_over_drawings: bool = False) -> None:
        super().__init__()
        self.step_over_drawings = step_over_drawings
        self.skip = {"object", "script", "style"}  # names of the elements whose content is left out
        self.context: list[Element] = []  # the open elements
        self.open = Counter()  # how many of each name are open
        self.section: Section | None = None
        self.data: list[Section] = []

    def parse_starttag(self, i):
        if self.step_over_drawings and self.section is not None:
            drawing = _SILENT_SVG.match(self.rawdata, i)
            if drawing:
                return drawing.end()
        return super().parse_starttag(i)

    def _skipping(self) -> bool:
        return any(self.open[name] for name in self.skip)

    def _in_title(self) -> bool:
        return self.open[self.section.el.tag] > 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        el = Element(tag, attrs)
        if tag in void:
            return
        self.context.append(el)
        self.open[tag] += 1
        if tag in _HEADINGS:
            depth = len(self.context)
            if "id" in attrs:
                if tag != "h1" and not self.data:
                    self.section = Section(Element("hx"), depth)
                    self.data.append(self.section)
                self.section = Section(el, depth)
                if self.data:
                    self.section.id = attrs["id"]
                self.data.append(self.section)
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                return
        if tag in _KEEP and not self._skipping():
            (self.section.title if self._in_title() else self.section.text).append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.context or self.context[-1].tag != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        el = self.context.pop()
        self.open[el.tag] -= 1
        if el.tag in self.skip:
            if el.tag not in _NEVER_LEFT:
                self.skip.remove(el.tag)
            return
        if tag in _KEEP and not self._skipping():
            data = self.section.title if self._in_title() else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        if self._skipping():
            return
        if not self.open["pre"]:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        if self._in_title():
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not self.section.text or not self.section.text[-1].isspace() or self.open["pre"]:
                self.section.text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))


def sections(html: str) -> list[Section]:
    """The sections Material's parser cuts `html` into, made by SectionParser, stepping over silent drawings."""
    parser = SectionParser(step_over_drawings=not _MARKED_SHAPE.search(html))
    if not feed_plain(parser, html, text=True):  # plain markup: the same events, read faster (guard/markup.py)
        parser.feed(html)
        parser.close()
    return parser.data


class FastSearchIndex(SearchIndex):
    """Material's SearchIndex with its pages cut into sections by `sections`."""

    def add_entry_from_context(self, page):
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in sections(page.content):
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)

    def generate_search_index(self, prev):
        """The index as Material writes it, in compact UTF-8 JSON ("netværk", not "netv\\u00e6rk"): 6 bytes where
        a \\u escape took 2, written once instead of read back and written again."""
        if prev is not None:  # MkDocs' dirty reload, which netvaerk never runs: Material's own merging, then compact
            return json.dumps(json.loads(super().generate_search_index(prev)), ensure_ascii=False, separators=(",", ":"))
        config = {key: self.config[key] for key in ["lang", "separator", "pipeline", "fields"]}
        return json.dumps({"config": config, "docs": self.entries}, separators=(",", ":"), default=str, ensure_ascii=False)


def faster_search(search_plugin) -> None:
    """After the search plugin's on_config: its index, with the same settings, made by FastSearchIndex."""
    search_plugin.search_index = FastSearchIndex(**search_plugin.search_index.config)

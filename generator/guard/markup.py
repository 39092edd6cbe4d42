"""Read a page made only of plain markup in one pass, giving the tags html.parser would give; or decline.

The guard (scripts.py) reads every built page with html.parser, and html.parser's own loop was most of the guard's
time. Our pages are plain: a doctype, text, start tags whose attributes are bare names or double-quoted values,
end tags, and scripts with no '<' in them. For such a page `feed_plain` calls the handler's handle_starttag,
handle_startendtag and handle_endtag with exactly what html.parser would pass (names in lower case, values with
their character references decoded, None for a bare name), and handle_data with each script's text; other text
only when asked (`text=True`, for the search index: builder/engine/searchindex.py), decoded as html.parser decodes it.

On anything else it declines, having called nothing, and the caller reads the page with html.parser: a comment, a
single-quoted or unquoted value, a '<' that starts no tag, a <style>, a self-closed <script/>, markup inside
<title> or <textarea>. The subset is one that every HTML parser reads the same way, so what passes here does not
depend on the Python version's html.parser. tests/test_plainmarkup.py compares both readings.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Protocol

# One token at a position: text up to the next '<', a start tag, an end tag or the doctype. Whitespace is the five
# characters HTML and html.parser agree on; names are ASCII.
_TOKEN = re.compile(
    r"[^<]+"
    r"|<([a-zA-Z][a-zA-Z0-9-]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>]*\")?)*)[ \t\n\r\f]*(/?)>"
    r"|</([a-zA-Z][a-zA-Z0-9-]*)>"
    r"|<![dD][oO][cC][tT][yY][pP][eE] [hH][tT][mM][lL]>"
)
_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:(=)\"([^\"]*)\")?")
# Elements whose text some html.parser (newer Pythons) or a browser reads as raw text, not markup: their text must
# hold no '<'. <noscript> may hold markup: html.parser reads it as such, and a browser running scripts reads it as
# text up to the first '</noscript' (here always its end tag: no value or text holds a '<'), which runs nothing.
_TEXT_ONLY = frozenset({"title", "textarea", "xmp", "iframe", "noembed", "noframes"})
# Of those, the ones newer html.parsers pass on undecoded: with text asked for, their text must hold no '&'.
_RAW_TEXT = frozenset({"xmp", "iframe", "noembed", "noframes"})
# Elements never read here: style is raw text to every parser, plaintext runs to the page's end.
_DECLINED = frozenset({"style", "plaintext"})


class Handler(Protocol):
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...
    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...
    def handle_endtag(self, tag: str) -> None: ...
    def handle_data(self, data: str) -> None: ...


def _attributes(text: str) -> list[tuple[str, str | None]]:
    return [(name.lower(), (unescape(value) if "&" in value else value) if equals else None) for name, equals, value in _ATTRIBUTE.findall(text)]


def plain_events(html: str, text: bool = False) -> list[tuple] | None:
    """The page's tags and scripts' text (with `text`, all its text) as ("start" | "startend", tag, attrs),
    ("end", tag) and ("data", text), in order; None when the page is not plain markup."""
    events: list[tuple] = []
    append = events.append
    pos = 0
    raw = None  # a script or text-only element just opened: only text, then its end tag, may follow
    for m in _TOKEN.finditer(html):
        if m.start() != pos:
            return None  # a '<' that starts no plain token
        pos = m.end()
        start, attributes, closed, ending = m.groups()
        if raw is not None:
            if start is not None or (ending is None and m[0][0] == "<"):
                return None  # markup where html.parser or a browser reads text
            if ending is None:
                if raw == "script":
                    append(("data", m[0]))
                elif text:
                    if raw in _RAW_TEXT and "&" in m[0]:
                        return None
                    append(("data", unescape(m[0])))
            elif ending.lower() == raw:
                append(("end", raw))
                raw = None
            else:
                return None
        elif start is not None:
            tag = start.lower()
            if tag in _DECLINED:
                return None
            attrs = _attributes(attributes) if attributes else []
            if closed:
                if tag == "script":
                    return None  # html.parser reads <script/> as closed; a browser does not
                append(("startend", tag, attrs))
            else:
                append(("start", tag, attrs))
                if tag == "script" or tag in _TEXT_ONLY:
                    raw = tag
        elif ending is not None:
            append(("end", ending.lower()))
        elif text and m[0][0] != "<":
            append(("data", unescape(m[0]) if "&" in m[0] else m[0]))
    return events if pos == len(html) and raw is None else None


def feed_plain(handler: Handler, html: str, text: bool = False) -> bool:
    """Hand a plain page's tags and scripts' text (with `text`, all its text) to `handler` as html.parser would;
    False (nothing handed) when the page is not plain markup."""
    events = plain_events(html, text)
    if events is None:
        return False
    starttag, startendtag, endtag, data = handler.handle_starttag, handler.handle_startendtag, handler.handle_endtag, handler.handle_data
    for event in events:
        kind = event[0]
        if kind == "start":
            starttag(event[1], event[2])
        elif kind == "end":
            endtag(event[1])
        elif kind == "startend":
            startendtag(event[1], event[2])
        else:
            data(event[1])
    return True

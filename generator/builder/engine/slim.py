"""Make built pages and the project's stylesheet lighter without changing what they show."""

from __future__ import annotations

import json
import re

from jinja2.utils import htmlsafe_json_dumps

# Whitespace is kept as written inside these elements (and the letter's <pre> shows it).
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# A run of whitespace with a line break in it: the spaces, tabs, carriage returns and form feeds before the break, and
# all whitespace after it. In two steps (_fold_breaks): a pattern that starts with a space ("[ \t\r\f]*\n") is tried
# at every space of the page, most of them between words; one that starts with the line break only at the thousand
# or so breaks (a tenth of the time; tests/test_slim.py checks the two steps against the one pattern).
_BREAK = re.compile(r"\n\s*")


def _fold_breaks(text: str) -> str:
    """Every whitespace run that matches [ \\t\\r\\f]*\\n\\s* as one line break."""
    if "\n" not in text:
        return text
    *lines, last = text.split("\n")
    return _BREAK.sub("\n", "\n".join([*(line.rstrip(" \t\r\f") for line in lines), last]))


# The character references escape.text writes for ASCII punctuation that means nothing to HTML: everything but
# " & ' < > (which stay references). Outside <script> and <style> a browser reads "&#44;" and "," alike, also
# in attribute values; writing the character saves four bytes each time (a page has a few hundred).
_PLAIN_REFERENCE = re.compile(r"&#(33|3[5-7]|4[0-7]|5[89]|61|6[34]|9[1-6]|12[3-6]);")
_RAW_TEXT = re.compile(r"<(script|style)\b", re.I)


def _plain(match: re.Match[str]) -> str:
    return chr(int(match[1]))


# Material's frame around a page's text (head, header, menu, table of contents, settings) has every tag on a line
# of its own. There, a line break between two tags or between a tag and the text beside it shows as nothing: the
# frame's elements are flex items, blocks or positioned, and its texts sit alone in theirs (tests/test_slim.py; the
# pages look the same, checked with screenshots). Within the page's text, a line break can be the space between
# two words, so it stays.
_ARTICLE = '<article class="md-content__inner'
_ARTICLE_END = "</article>"
# Material writes the text of each entry in the menu and the table of contents in <span class="md-ellipsis">; there,
# where entries wrap, its one effect is to cut a word too long for the menu with "…". The entry is written as its
# text (about 30 bytes an entry, a dozen entries a page), and assets/netvaerk.css breaks such a word instead.
_NAV_TEXT = re.compile(r'(<(?:a|label) [^>]*class="md-nav__link[ "][^>]*>)<span class="md-ellipsis">([^<]*)</span>')
# Material's two logo links (the header's and the menu's) carry the site's name twice: as aria-label, their accessible
# name, and as title, a tooltip beside the same name written out. The title goes. So does the empty place for an
# announcement bar, which the site never has (Material's script mounts one only where it finds it).
_LOGO_TITLE = re.compile(r'(<a href="[^"]*") title="[^"]*"( class="md-(?:header|nav)__button md-logo")')
_NO_ANNOUNCEMENT = '<div data-md-component="announce"></div>'
# The header's two icons, Material's material/menu and material/magnify (theme/mkdocs.yml names them), in fewer
# bytes: no xmlns, which an <svg> in an HTML page does not need, and the magnifier's circles as arcs (at 24 px a few
# edge pixels differ by at most a fifth of their shade). Written here, so that both engines accept the config.
_HEADER_ICONS = {
    "drawer": '<svg viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg>',
    "search": (
        '<svg viewBox="0 0 24 24"><path d="M9.5 3a6.5 6.5 0 0 1 4.94 10.73l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.5 '
        '6.5 0 1 1 9.5 3m0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9"/></svg>'
    ),
}
_HEADER_ICON = re.compile(r'(<label class="md-header__button md-icon" for="__(drawer|search)">)<svg\b[^>]*>.*?</svg>', re.S)


def _header_icon(match: re.Match[str]) -> str:
    return match[1] + _HEADER_ICONS[match[2]]


def _slim(html: str, frame: bool) -> str:
    parts = _VERBATIM.split(html)
    out = []
    for i in range(0, len(parts), 3):
        text = _fold_breaks(parts[i])
        if frame:
            # Each run of whitespace with a line break is one "\n" by now; a piece of the frame starts and ends at a
            # tag (the document's edges, the article, a <script>). str.replace is ten times as fast as a regex here.
            text = _NAV_TEXT.sub(r"\1\2", text.replace(">\n", ">").replace("\n<", "<").strip("\n"))
            text = _LOGO_TITLE.sub(r"\1\2", text).replace(_NO_ANNOUNCEMENT, "")
            text = _HEADER_ICON.sub(_header_icon, text)
        out.append(_PLAIN_REFERENCE.sub(_plain, text))
        if i + 1 < len(parts):
            verbatim = parts[i + 1]
            out.append(verbatim if _RAW_TEXT.match(verbatim) else _PLAIN_REFERENCE.sub(_plain, verbatim))
    return "".join(out)


def slim_page(html: str) -> str:
    """Every run of whitespace that contains a line break as one line break, outside <pre>, <textarea>, <script> and
    <style> (a browser shows any run of whitespace as one space, and Material's templates indent deeply: ~15 % of a
    page), and the harmless punctuation's character references written as the characters
    (not inside <script> or <style>, where a browser does not read references); in the theme's frame around the
    page's <article>, no line break next to a tag at all, the menu's entries without Material's <span>, the logo
    links without their title, no empty announcement bar and the header's icons in fewer bytes."""
    start, end = html.find(_ARTICLE), html.rfind(_ARTICLE_END)
    if start < 0 or end < start:
        return _slim(html, frame=False)  # not in the theme's layout (the print pages, the list of groups)
    end += len(_ARTICLE_END)
    return _slim(html[:start], frame=True) + _slim(html[start:end], frame=False) + _slim(html[end:], frame=True)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_PUNCT = re.compile(r"\s*([{};,>])\s*")


def fold_css(css: str) -> str:
    """The stylesheet without comments and spare whitespace (the readable source stays in overrides/).

    Only for the project's own CSS, which has no "/*" or braces inside strings.
    """
    flat = _CSS_SPACE.sub(" ", _CSS_COMMENT.sub("", css))
    return _CSS_PUNCT.sub(r"\1", flat).replace(";}", "}").strip() + "\n"


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def slim_config(html: str, keep: tuple[str, ...] = ()) -> str:
    """Material's settings for its bundle in compact UTF-8 JSON, without its translations: those of features the
    site does not use (copying code, choosing a version) are never needed, and the search's are written in by
    assets/netvaerk.js when it loads the bundle (builder/engine/searchbox.py). Only those whose keys start with `keep` stay.
    The settings that are null (annotations, tags, versions: features the site does not use) are left out: the
    bundle reads a missing one as null (`x == null`, `x && …`)."""
    def slim(m: re.Match) -> str:
        config = {k: v for k, v in json.loads(m[2]).items() if v is not None}
        translations = {k: v for k, v in config.pop("translations", {}).items() if k.startswith(keep)}
        if translations:
            config["translations"] = translations
        return m[1] + str(htmlsafe_json_dumps(config, ensure_ascii=False, separators=(",", ":"))) + m[3]

    return _CONFIG.sub(slim, html, count=1)

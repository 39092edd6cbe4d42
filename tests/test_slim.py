"""Folding the built pages' whitespace and the stylesheet's comments keeps what they show."""

from __future__ import annotations

import html
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from generator.builder.slim import _fold_breaks, fold_css, fold_whitespace


def test_indentation_becomes_one_line_break():
    html = "<ul>\n      <li>\n        <a href=x>En</a>\n      </li>\n   </ul>  \n\n"
    assert fold_whitespace(html) == "<ul>\n<li>\n<a href=x>En</a>\n</li>\n</ul>\n"


@given(st.text(alphabet=" \t\r\f\n\v\xa0\u2028\x1c\x85a<", max_size=40))
def test_line_breaks_fold_in_two_steps_as_in_one_pattern(text):
    # _fold_breaks is the one pattern below, in two cheaper steps; whitespace other than " \t\r\f" before a break stays.
    assert _fold_breaks(text) == re.sub(r"[ \t\r\f]*\n\s*", "\n", text)


def test_spaces_within_a_line_stay():
    assert fold_whitespace("<p>To  ord og <b>fed</b> tekst</p>") == "<p>To  ord og <b>fed</b> tekst</p>"


def test_pre_textarea_script_and_style_keep_their_whitespace():
    kept = [
        '<pre class="nv-letter">\nKære familieplejer\n\n    Med venlig hilsen\n</pre>',
        "<textarea>\n  a\n\n  b\n</textarea>",
        "<script>\n  var a = 1\n\n  var b = 2\n</script>",
        "<STYLE>\n  p {\n    color: red }\n</STYLE>",
    ]
    for block in kept:
        assert fold_whitespace("<div>\n    " + block + "\n    </div>") == "<div>\n" + block + "\n</div>"


def test_the_themes_frame_loses_its_line_breaks_next_to_tags_but_the_pages_text_keeps_them():
    from generator.builder.slim import slim_page

    page = (
        '\n<!doctype html>\n<html>\n  <head>\n    <title>Mødeplan</title>\n  </head>\n  <body>\n'
        '    <a class="md-nav__link">\n      <span class="md-ellipsis">\n        Mødeplan &#40;alle&#41;\n      </span>\n    </a>\n'
        '    <article class="md-content__inner md-typeset">\n<p>To\nord <b>og</b>\n<i>et</i> &#40;tredje&#41;</p>\n'
        '<pre>\n  a\n</pre>\n</article>\n  <script id="__config" type="application/json">{"a":\n 1}</script>\n</body>\n</html>\n'
    )
    assert slim_page(page) == (
        '<!doctype html><html><head><title>Mødeplan</title></head><body>'
        '<a class="md-nav__link">Mødeplan (alle)</a>'
        '<article class="md-content__inner md-typeset">\n<p>To\nord <b>og</b>\n<i>et</i> (tredje)</p>\n'
        '<pre>\n  a\n</pre>\n</article><script id="__config" type="application/json">{"a":\n 1}</script></body></html>'
    )
    # An entry of the menu or the table of contents is its text; the header's title keeps Material's <span>, whose
    # "…" it needs (it does not wrap), and so does an entry whose text is more than text.
    menu = (
        '<header><span class="md-ellipsis">\nNetværk\n</span></header><ul>'
        '<li class="md-nav__item"><a href="../kalender.html" class="md-nav__link">\n<span class="md-ellipsis">\nKalender\n</span>\n</a></li>'
        '<li class="md-nav__item md-nav__item--active"><label class="md-nav__link md-nav__link--active" for="__toc">'
        '<span class="md-ellipsis">Forside</span><span class="md-nav__icon md-icon"></span></label>'
        '<a href="#x" class="md-nav__link"><span class="md-ellipsis"><span class="md-typeset">X</span></span></a></li></ul>'
    )
    assert slim_page(menu + '<article class="md-content__inner"><span class="md-ellipsis">a</span></article>') == (
        '<header><span class="md-ellipsis">Netværk</span></header><ul>'
        '<li class="md-nav__item"><a href="../kalender.html" class="md-nav__link">Kalender</a></li>'
        '<li class="md-nav__item md-nav__item--active"><label class="md-nav__link md-nav__link--active" for="__toc">'
        'Forside<span class="md-nav__icon md-icon"></span></label>'
        '<a href="#x" class="md-nav__link"><span class="md-ellipsis"><span class="md-typeset">X</span></span></a></li></ul>'
        '<article class="md-content__inner"><span class="md-ellipsis">a</span></article>'
    )
    # The logo links keep their accessible name, not the tooltip that repeats it; no empty announcement bar.
    logo = (
        '<div data-md-component="announce">\n</div><a href="index.html" title="Netværk &#34;Nord&#34;" class="md-header__button md-logo" '
        'aria-label="Netværk &#34;Nord&#34;" data-md-component="logo"><img src="logo.svg" alt="logo"></a>'
    )
    assert slim_page(logo + '<article class="md-content__inner"><a href="x" title="y" class="md-logo">z</a></article>') == (
        '<a href="index.html" class="md-header__button md-logo" aria-label="Netværk &#34;Nord&#34;" data-md-component="logo">'
        '<img src="logo.svg" alt="logo"></a><article class="md-content__inner"><a href="x" title="y" class="md-logo">z</a></article>'
    )
    # A space within a line of the frame stays; a page without the theme's article is folded as before.
    assert slim_page("<div><span>a</span> <span>b</span>\n</div>") == "<div><span>a</span> <span>b</span>\n</div>"


def test_the_head_loses_what_no_visitor_needs_and_the_header_icons_are_written_shorter():
    from generator.builder.slim import slim_page

    # As Material 9.8.2 writes them (material/menu and material/magnify are its own icons, with xmlns).
    menu = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg>'
    magnify = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5Z"/></svg>'
    page = (
        '<head>\n  <meta charset="utf-8">\n  <link rel="canonical" href="https://a.example/x.html">\n'
        '  <link rel="prev" href="index.html">\n  <link rel="next" href="kalender.html">\n'
        '  <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">\n'
        '  <link rel="stylesheet" href="../_tema/main.6beca6ab46.min.css">\n'
        '  <link rel="stylesheet" href="../assets/stylesheets/palette.fb2fffe2.min.css">\n</head>\n'
        f'<label class="md-header__button md-icon" for="__drawer">\n  {menu}\n</label>\n'
        f'<label class="md-header__button md-icon" for="__search">\n  {magnify}\n</label>\n'
        '<article class="md-content__inner"><link rel="next" href="x"><label class="md-header__button md-icon" for="__drawer">'
        f'{menu}</label></article>'
    )
    assert slim_page(page) == (
        '<head><meta charset="utf-8"><link rel="canonical" href="https://a.example/x.html">'
        '<link rel="stylesheet" href="../_tema/main.6beca6ab46.min.css"></head>'
        '<label class="md-header__button md-icon" for="__drawer">'
        '<svg viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg></label>'
        '<label class="md-header__button md-icon" for="__search"><svg viewBox="0 0 24 24"><path d="M9.5 3a6.5 6.5 0 0 1 4.94 '
        '10.73l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.5 6.5 0 1 1 9.5 3m0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9"/></svg></label>'
        # The page's own text is not the theme's frame: left as it is.
        '<article class="md-content__inner"><link rel="next" href="x"><label class="md-header__button md-icon" for="__drawer">'
        f'{menu}</label></article>'
    )


def test_css_loses_comments_and_spare_space_but_not_strings():
    css = "/* a comment */\n.a  >  .b ,\n.c {\n  color: red;\n  content: attr(x) \": \";\n}\n"
    css += "@media screen and (max-width: 10em) { .d { margin: 0 } }\n"
    assert fold_css(css) == '.a>.b,.c{color: red;content: attr(x) ": "}@media screen and (max-width: 10em){.d{margin: 0}}\n'


def test_punctuation_from_group_text_is_written_as_itself_but_not_markup():
    from generator.builder.slim import unescape_punctuation
    from generator.escape import text

    value = 'Hos Bo (2. sal), kl. 18-20: "kaffe" & <kage>? 50% \'ja\''
    page = f'<p title="{text(value)}">{text(value)}</p><script>var a="&#46;"</script>'
    slim = unescape_punctuation(page)
    assert slim == (
        '<p title="Hos Bo (2. sal), kl. 18-20: &#34;kaffe&#34; &#38; &#60;kage&#62;? 50% &#39;ja&#39;">'
        'Hos Bo (2. sal), kl. 18-20: &#34;kaffe&#34; &#38; &#60;kage&#62;? 50% &#39;ja&#39;</p><script>var a="&#46;"</script>'
    )
    assert html.unescape(re.sub(r"<[^>]+>", "", slim.split("<script>")[0])) == value


def test_materials_settings_lose_their_translations_and_are_compact_utf8():
    from generator.builder.slim import slim_config

    settings = {"base": ".", "translations": {"clipboard.copy": "Kopiér", "search.result.none": "Ingen resultater", "select.version": "Vælg"},
                "search": "assets/javascripts/workers/search.js", "version": None}
    page = '<script id="__config" type="application/json">' + json.dumps(settings) + "</script>"
    # The search's translations are written in by assets/netvaerk.js when the search is opened (builder/searchbox.py).
    # What is null (here the version selector's settings) is left out: the bundle reads a missing one as null.
    assert json.loads(_body(slim_config(page))) == {"base": ".", "search": "assets/javascripts/workers/search.js"}
    body = _body(slim_config(page, keep=("search.",)))
    assert json.loads(body) == {
        "base": ".", "search": "assets/javascripts/workers/search.js", "translations": {"search.result.none": "Ingen resultater"}
    }
    assert "Ingen resultater" in body and " " not in body.replace("Ingen resultater", "")
    # Material writes its settings with '<' as \u003c (Jinja's tojson); written again, they stay that way.
    hostile = page.replace("Ingen resultater", "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)")
    kept = slim_config(hostile, keep=("search.",))
    assert "<script>alert" not in kept and "\\u003c/script\\u003e" in kept


def _body(page: str) -> str:
    return page.removeprefix('<script id="__config" type="application/json">').removesuffix("</script>")


def test_the_search_index_is_the_same_data_in_fewer_bytes():
    from generator.builder.slim import slim_search_index

    index = json.dumps({"config": {"lang": ["da"]}, "docs": [{"location": "index.html", "title": "Mødeplan", "text": "<p>Næste møde</p>"}]})
    slim = slim_search_index(index)
    assert json.loads(slim) == json.loads(index) and len(slim.encode()) < len(index.encode()) and "Mødeplan" in slim

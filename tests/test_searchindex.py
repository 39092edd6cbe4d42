"""The build's search index parser (generator/builder/engine/searchindex.py) cuts every page into the same sections as
Material's own: the contract's pages, a members' site's, and random markup, parsed both ways."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from generator.builder.engine.searchindex import _SILENT_SVG
from generator.builder.engine.searchindex import sections as our_sections
from generator.builder.generate import Secret
from test_rawblocks import convert, pages

ROOT = Path(__file__).resolve().parent.parent


def materials(html: str) -> list:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def sections(cut, html: str) -> list[tuple] | str:
    try:
        found = cut(html)
    except ValueError as exc:  # Material's parser fails on some broken markup (a <p> closed twice): so must ours
        return f"ValueError: {exc}"
    return [(s.el.tag, dict(s.el.attrs), s.id, s.depth, list(s.title), list(s.text), s.is_excluded()) for s in found]


def same_sections(html: str) -> list[tuple] | str:
    ours = sections(our_sections, html)
    assert ours == sections(materials, html)
    return ours


def test_the_contracts_and_a_members_sites_pages_give_the_same_sections():
    contract = pages((ROOT / "groups" / "nordsjaelland.yaml").read_bytes(), "nordsjaelland")
    secret = Secret("pavillon tun middag gryde fjerbold lime")
    members = pages((ROOT / "tests" / "members" / "lukket.yaml").read_bytes(), "lukket", secret)
    found = [same_sections(convert(source, stash=True)[0]) for source in [*contract.values(), *members.values()]]
    # Not vacuous: the agenda's time bars are drawings the parser steps over; pages with several sections, titles and text.
    assert _SILENT_SVG.search(convert(contract["dagsordener.md"], stash=True)[0])
    assert sum(len(f) for f in found) > 50
    assert any(s[2] and s[4] and s[5] for f in found for s in f)


TAGS = ["p", "div", "span", "pre", "code", "li", "ul", "ol", "sub", "a", "h1", "h2", "h3", "script", "style", "object", "br", "img", "hx",
        "svg", "svg", "path", "rect", "g"]
ATTRS = ['', ' id="x"', ' id="y"', " data-search-exclude", ' class="headerlink"', ' class="linenodiv"', ' class="a"']
TEXT = ["tekst", " ", "\n", "  \n ", "a\nb", "&amp;", "&lt;b&gt;", "<", "æø"]


DRAWINGS = ['<svg viewBox="0 0 9 1" aria-hidden="true"><path d="M6 0v1"/><rect x="0" width="1" height="1"/></svg>', "<svg><path/></svg>",
            "<svg></svg>", "<svg/><path/></svg>", "<svg><g><path/></g></svg>", "<svg data-search-exclude><path/></svg>", '<a title="<svg></svg>">',
            "<!-- <svg><path/></svg> -->", "<svg><path d='a>b'/></svg>", '<svg a="x><path/></svg>">', "<SVG><PATH/></SVG>",
            "<svg><path/>tekst</svg>", "<svg>\n<path/></svg>"]


@st.composite
def markup(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(f"<{tag}{draw(st.sampled_from(ATTRS))}/>")
        elif kind == 3:
            parts.append(draw(st.sampled_from(TEXT)))
        else:
            parts.append(draw(st.sampled_from(DRAWINGS)))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(markup())
def test_random_markup_gives_the_same_sections(html):
    same_sections(html)


def test_hand_made_cases():
    for html in [
        "",
        "text before any heading<h2 id='a'>A</h2><p>x</p>",
        "<h1 id='t'>T</h1><div data-search-exclude><h2 id='in'>Inde</h2><p>skjult</p></div><p>synlig</p>",
        "<div data-search-exclude><div>a</div>b</div>c",  # a second div closing lets the first one's text back in
        "<h2 id='a'>A <a class='headerlink' href='#a'>¶</a></h2><pre>  to\n  linjer </pre><p> </p><p>x</p>",
        "<section><h2 id='a'>A</h2><p>x</p></section><p>efter</p>",
        "<script>if (a < b) {}</script><style>p{}</style><p>x</p>",
        "<ul><li>a<li>b</ul></p></div><p>x",
    ]:
        same_sections(html)

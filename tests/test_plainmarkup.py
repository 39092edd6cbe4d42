"""The guard's fast reading of plain pages (generator/guard/markup.py) gives exactly the tags and script text
html.parser gives, and declines every page outside its subset: built pages, a members' site's, hand-made cases
and random markup, read both ways."""

from __future__ import annotations

import random
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.guard.scripts as guard
from conftest import read_site
from generator.builder.generate import Secret
from generator.guard.markup import plain_events
from test_rawblocks import convert, pages

ROOT = Path(__file__).resolve().parent.parent


class Recorder(HTMLParser):
    """What html.parser reports that the guard reads: every tag, and the text of scripts (raw, as html.parser
    passes it while inside one); with `text`, every piece of text as html.parser passes it (the search index)."""

    def __init__(self, text: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("startend", tag, attrs))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if self.text:
            self.events.append(("data", data))
        elif self.cdata_elem == "script":
            if self.events and self.events[-1][0] == "data":
                self.events[-1] = ("data", self.events[-1][1] + data)
            else:
                self.events.append(("data", data))


def html_parsers(html: str, text: bool = False) -> list[tuple]:
    recorder = Recorder(text)
    recorder.feed(html)
    recorder.close()
    return recorder.events


def same_or_declined(html: str) -> bool:
    """True when the page was read the fast way (and so compared, for the guard and with its text for the
    search index); False when declined."""
    ours = plain_events(html)
    if ours is not None:
        assert ours == html_parsers(html), html
    with_text = plain_events(html, text=True)
    assert (with_text is None) == (ours is None) or any(name in html for name in ("<xmp", "<iframe", "<noembed", "<noframes"))
    if with_text is not None:
        assert with_text == html_parsers(html, text=True), html
    return ours is not None


def slow_findings(html: str, monkeypatch) -> list[str]:
    with monkeypatch.context() as m:
        m.setattr(guard, "feed_plain", lambda handler, page: False)
        return guard.scan_page(html, ())


def test_built_pages_are_read_the_fast_way_with_the_same_tags(built_site):
    built, _ = read_site(built_site)
    assert len(built) == 23
    assert all(same_or_declined(html) for html in built.values())  # every built page is plain
    assert sum(html.count("<script") for html in built.values()) > 20  # with scripts to read


def test_a_members_sites_pages_are_read_the_same_way():
    secret = Secret("pavillon tun middag gryde fjerbold lime")
    members = pages((ROOT / "tests" / "members" / "lukket.yaml").read_bytes(), "lukket", secret)
    read = [same_or_declined(convert(source, stash=True)[0]) for source in members.values()]
    assert all(read)  # the lock's <noscript> holds markup, which is read too


DECLINED = [
    "<!-- a comment -->", "<p class='single'>", "<p class=bare>", "<p class = \"x\">", '<p class="x"y>', "<script/>",
    '<script src="a.js"/>', "<style>p{}</style>", "<title><b>x</b></title>", "<textarea><img src=x></textarea>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<script>a<b</script>",
    "<script><!--</script>", "<script>x</div></script>", "<script>x", "<title>x", '<div\vclass="x">', '<div\u00a0class="x">',
    "a < b", "<", "x<", "<?php ?>", "<![CDATA[x]]>", "<!DOCTYPE  html>", "<!doctype html5>", "</ p>", "</p >", "<svg:rect/>",
    '<p class="<">', '<p class=">">', "<plaintext>", "<a href=\"x\"\n/ >",
]


@pytest.mark.parametrize("html", DECLINED)
def test_markup_outside_the_subset_is_declined(html):
    assert plain_events(html) is None


ACCEPTED = [
    "", "tekst", "<!doctype html><html lang=\"da\"><head><title>Møde &amp; mad</title></head><body></body></html>",
    '<a href="javascript&#58;alert(1)" onclick="x">', "<input disabled checked>", '<input disabled type="checkbox"/>',
    '<P CLASS="X" Data-Md-Color="a">', '<a title="">', "<br/>", "<br />", '<a\thref="x"\n>', "<script>var a = 1 && b > 2;</script>",
    '<script id="__config" type="application/json">{"base": "."}</script>', "<SCRIPT>x</SCRIPT>", "<script></script>",
    '<svg viewBox="0 0 9 1"><path d="M6 0v1"/><rect x="0" width="1" height="1"/></svg>', '<a xlink:href="#x" data-a.b="1">',
    "</div></p>", '<img src="x&#x3A;y" alt="a&quot;b">', "<textarea>plain text</textarea>", "<title></title>",
    '<noscript><p class="x">Slå JavaScript til</p></noscript>',
]


@pytest.mark.parametrize("html", ACCEPTED)
def test_plain_markup_is_read_as_html_parser_reads_it(html):
    assert same_or_declined(html)


NAMES = ["div", "p", "a", "A", "script", "SCRIPT", "title", "textarea", "style", "svg", "rect", "br", "img", "noscript", "x-y", "iframe"]
ATTRIBUTES = [
    "", ' href="x"', ' onclick="alert(1)"', " disabled", ' class=""', ' src="&#106;avascript:x"', " HREF=\"J&amp;S\"", ' a="1" b="2"',
    " xlink:href=\"#a\"", "\thref=\"x\"\n", ' title="a>b"', " title='x'", " title=x", ' a = "x"', '\u00a0a="x"', ' data-x="&lt;b&gt;"',
]
TEXTS = ["tekst", " ", "\n", "&amp;", "a && b", "<", "<!-- c -->", "<!doctype html>", "æøå", "</", "x > y", "&#60;script&#62;"]


def soup(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 12)):
        kind = rng.random()
        name = rng.choice(NAMES)
        if kind < 0.45:
            parts.append(f"<{name}{rng.choice(ATTRIBUTES)}{rng.choice(['', '/', ' /', ' '])}>")
        elif kind < 0.7:
            parts.append(f"</{name}{rng.choice(['', '', ' '])}>")
        else:
            parts.append(rng.choice(TEXTS))
    return "".join(parts)


def test_random_markup_is_read_the_same_way_or_declined(monkeypatch):
    rng = random.Random(20261201)
    read = 0
    for _ in range(4000):
        html = soup(rng)
        if same_or_declined(html):
            read += 1
            # And the guard finds the same either way.
            assert guard.scan_page(html, ()) == slow_findings(html, monkeypatch)
    assert 400 < read < 3600  # not vacuous either way (809 of 4000 are read)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([f"<{n}{a}>" for n in NAMES for a in ATTRIBUTES[:8]]), st.sampled_from(TEXTS),
                          st.sampled_from([f"</{n}>" for n in NAMES]), st.text(max_size=8)), max_size=20).map("".join))
def test_hypothesis_markup_is_read_the_same_way_or_declined(html):
    same_or_declined(html)


def test_hostile_pages_give_the_same_findings_either_way(monkeypatch):
    hostile = [
        '<a href="javascript:alert(1)">x</a>', '<img src="https://evil.example/x.png">', '<div onmouseover="x">', "<iframe></iframe>",
        '<meta http-equiv="refresh" content="0;url=https://evil.example">', "<script>alert(1)</script>", '<script src="evil.js"></script>',
        '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', '<rect fill="url(https://evil.example/#f)"/>',
        '<a href="java&#x09;script:alert(1)">', '<form action="https://evil.example"></form>', '<link rel="stylesheet" href="//evil.example/a.css">',
    ]
    for html in hostile:
        assert same_or_declined(html)
        findings = guard.scan_page(html, ())
        assert findings and findings == slow_findings(html, monkeypatch)

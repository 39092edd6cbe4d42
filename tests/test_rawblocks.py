"""The build's shortcut past Markdown's HTML parser (generator/builder/engine/rawblocks.py) changes no byte of any page:
every page is converted with and without it and the two must be identical, for the contract's pages, a members'
site, group text full of markup, and hand-made cases of every construct the shortcut must leave to Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.builder.engine.rawblocks import StashBlocks
from generator.builder.generate import Secret, generate
from generator.builder.project import THEME_FILES
from test_escaping import SNIPPETS, block_yaml, group_with, shared_environment

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = yaml.safe_load((THEME_FILES / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
NAMES = [e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS]
CONFIGS = {k: v for e in EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
TODAY = dt.date(2026, 11, 26)


def convert(source: str, stash: bool) -> tuple[str, list]:
    md = markdown.Markdown(extensions=NAMES + ([StashBlocks()] if stash else []), extension_configs=CONFIGS)
    return md.convert(source), md.toc_tokens


def same_either_way(source: str) -> None:
    assert convert(source, stash=True) == convert(source, stash=False)


def left_for_markdown(source: str) -> str:
    """The text Markdown's own HTML parser still reads once the shortcut has run."""
    md = markdown.Markdown(extensions=NAMES + [StashBlocks()], extension_configs=CONFIGS)
    lines = source.split("\n")
    for processor in md.preprocessors:
        if processor is md.preprocessors["html_block"]:
            break
        lines = processor.run(lines)
    return "\n".join(lines)


def pages(data: bytes, slug: str = "x", secret: Secret | None = None) -> dict[str, str]:
    generated = generate(
        data, f"groups/{slug}.yaml", slug, TODAY, shared_environment(), "../../mkdocs.yml", "../../overrides",
        secret=secret, unlock_source=(ROOT / "generator" / "site" / "assets" / "laas.js").read_text(encoding="utf-8"),
    )
    return {rel: text for rel, text in generated.docs.items() if rel.endswith(".md")}


def test_the_contracts_pages_are_the_same_and_their_tables_skip_the_parser():
    contract = pages((ROOT / "groups" / "nordsjaelland.yaml").read_bytes(), "nordsjaelland")
    for source in contract.values():
        same_either_way(source)
    # Not vacuous: the agenda tables, the plan's lists and the cards are stashed before Markdown's parser runs.
    for rel in ("dagsordener.md", "moeder/index.md", "moeder/2027-01-12.md"):
        assert '<table class="nv-agenda">' not in left_for_markdown(contract[rel]) or rel == "moeder/index.md", rel
        assert '<ul class="nv-plan"' not in left_for_markdown(contract[rel]), rel
        assert '<section class="nv-card"' not in left_for_markdown(contract[rel]), rel


def test_a_members_sites_pages_are_the_same():
    data = (ROOT / "tests" / "members" / "lukket.yaml").read_bytes()
    secret = Secret("pavillon tun middag gryde fjerbold lime")
    for source in pages(data, "lukket", secret).values():
        same_either_way(source)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=6).map("".join))
def test_group_text_full_of_markup_gives_the_same_pages(value):
    value = value.replace("\t", " ")
    try:
        generated = pages(block_yaml(group_with(value)).encode())
    except Exception:  # noqa: BLE001 - a value the group file refuses makes no pages to compare
        return
    for source in generated.values():
        same_either_way(source)


CASES = {
    "stashed": "Tekst.\n\n<table class=\"t\">\n<tr><td>a</td></tr>\n</table>\n\nMere.\n",
    "no blank line before": "Tekst.\n<div>\nx\n</div>\n\nMere.\n",
    "no blank line after": "<ul>\n<li>a</li>\n</ul>\n<p>b</p>\n\ntekst\n",
    "text on the next line": "<div>\nx\n</div>\ntekst lige efter\n",
    "two blocks on one line": "<p>a</p><p>b</p>\n\nc\n",
    "text after the end tag": "<div>x</div> og mere\n\nc\n",
    "nested same tag": "<div>\n<div>\ny\n</div>\nz\n</div>\n\nslut\n",
    "unclosed inner element": "<div>\n<p>x\n</div>\n\n<table>\n<tr><td>y</td></tr>\n</table>\n",
    "stray end tag first": "</div>\n\n<div>\nx\n</div>\n\n<table><tr><td>y</td></tr></table>\n",
    "block inside an open block": "<div>\n\n<table><tr><td>y</td></tr></table>\n\n</div>\n",
    "comment hides a block": "<!--\n\n<table><tr><td>y</td></tr></table>\n\n-->\n\ntekst\n",
    "comment inside a block": "<div>\n<!-- x -->\n</div>\n\n<p>y</p>\n",
    "script holds a block": "<script>\n\n<div>x</div>\n\n</script>\n\n<p>y</p>\n",
    "pre block": "<pre>\n<div>  x  </div>\n</pre>\n\n<p>y</p>\n",
    "code span": "`<div>`\n\n<div>x</div>\n",
    "tag over two lines": "<div\nclass=\"a\">\nx\n</div>\n\n<p>y</p>\n",
    "void and hr": "<hr>\n<br>\n\n<div>x<br>y</div>\n\n<hr/>\n",
    "indented": "- punkt\n\n    <div>x</div>\n\n<div>y</div>\n",
    "inside a list item": "- punkt\n<div>x</div>\n\ntekst\n",
    "admonition": "!!! note \"Note\"\n    <p>x</p>\n\n<p>y</p>\n",
    "heading after": "<div>x</div>\n# Overskrift\n\n<p>z</p>\n",
    "upper case": "<DIV>\nx\n</DIV>\n\n<Table><tr><td>y</td></tr></TABLE>\n",
    "end of document": "tekst\n\n<div>x</div>",
    "inline element first": "<span>x</span>\n\n<div>y</div>\n",
    "entities": "<p>a &amp; b &#46; &lt;c&gt; &nbsp;</p>\n\nd &#44; e\n",
    "placeholder-like text": "<p>\x02wzxhzdk:0\x03</p>\n\nx\n",
    "angle bracket in attribute": "<div title=\"a>b\">\nx\n</div>\n\n<p>y</p>\n",
    "document is one block": "<section>\n<p>x</p>\n</section>",
}


@pytest.mark.parametrize("name", CASES)
def test_each_construct_gives_the_same_html(name):
    same_either_way(CASES[name])


def test_what_is_stashed_and_what_is_left():
    assert "<table" not in left_for_markdown(CASES["stashed"])
    assert "<ul>" not in left_for_markdown(CASES["no blank line after"])
    # A block holding a blank line is one block, as Markdown reads it: the table inside is not a block of its own.
    assert left_for_markdown(CASES["block inside an open block"]).count("\x02") == 1
    for name in ("comment hides a block", "script holds a block", "stray end tag first", "tag over two lines"):
        assert "<table" in left_for_markdown(CASES[name]) or "<div" in left_for_markdown(CASES[name]), name

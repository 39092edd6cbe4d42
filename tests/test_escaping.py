"""Text from YAML never becomes markup: generated input through escape.text, the templates and Markdown.

Markdown is converted with the extensions mkdocs.yml turns on, the way MkDocs does, so the checks see
what the built page holds without paying for a full MkDocs build per example.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.builder.generate import generate
from generator.builder.project import THEME_FILES
from generator.escape import text
from generator.model.cpr import find_cpr
from generator.site import render
from generator.site.config import config_text
from generator.site.render import environment

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = yaml.safe_load((THEME_FILES / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
TODAY = dt.date(2026, 11, 26)

# Bits of every syntax the text passes through: HTML, Markdown and its extensions, Jinja, YAML-ish.
SNIPPETS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</p><div onmouseover=alert(1)>", "javascript:alert(1)",
    "[x](javascript:alert(1))", "[x]", "(y)", "{onclick=alert(1)}", "{: .x #id onclick=y }", "{#id .klasse}", ":smile:",
    ":fontawesome-brands-github:", "&lt;", "&#60;", "&#x3C;", "&amp;", "&", ";", "\n\n<div>", "\n\n    kode", "\n\n", "\n",
    "{{ 7*7 }}", "{% raw %}", "{#", "#}", "<!--", "-->", "]]>", "---", "***", "___", "# ", "## ", "> ", "1. ", "- ", "* ",
    "+ ", "| a | b |", "|---|", "![i](https://evil.example/x.png)", "<https://evil.example>", "https://evil.example",
    "www.evil.example", "`kode`", "```", "~~~", "**", "__", "*", "_", "\\", "\\*", "[^1]", "[x]: https://evil.example",
    "!!! note", "???", "==mark==", "^^ins^^", "~~del~~", "++ctrl++", "$$x$$", "</title>", "<pre>", "</pre>", "\u00a0",
    "æøå ÆØÅ", "“citat”", "'", '"', "=", "<", ">", "  ", "\t", "@", "!", "|", "~", "^", "%", "$",
]


def values(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(alphabet=alphabet, max_size=12)), min_size=1, max_size=8).map("".join)


# Control characters never get this far (the loader refuses them); line breaks and tabs come from SNIPPETS.
ANY_TEXT = values(st.characters(exclude_categories=("Cs", "Cc")))
# What can pass validation: no control or format characters (the loader rejects them).
FILE_TEXT = values(st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn")))


def fold(value: str) -> str:
    return " ".join(value.split())


class Skeleton(HTMLParser):
    """The page's elements and attribute names, and its text with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        # Heading ids and '#…' links follow the heading's text; everything else must not move.
        self.shape.append(("start", tag, tuple((k, None if k == "id" or (v or "").startswith("#") else v) for k, v in attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.shape.append(("end", tag))

    def handle_data(self, data):
        self.text.append(data)


def skeleton(html: str) -> Skeleton:
    parser = Skeleton()
    parser.feed(html)
    parser.close()
    return parser


@functools.lru_cache(maxsize=1)
def converter() -> markdown.Markdown:
    names = [e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS]
    configs = {k: v for e in EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def to_html(source: str) -> tuple[str, list]:
    md = converter()
    md.reset()
    return md.convert(source), md.toc_tokens


# Where a value lands in the templates: (Markdown around it, what the clean version must look like).
CONTEXTS = {
    "paragraph": "Før {}.\n",
    "line start": "{}\n\nNæste afsnit.\n",
    "after a number": "3{}\n\nNæste afsnit.\n",
    "heading": "## Tema: {}\n",
    "list item": "- Ordstyrer: {}\n- Referent: x\n",
    "table cell": "| Kl. | Punkt |\n|---|---|\n| 18.00 | {} |\n",
    "admonition": '!!! warning "Mødet er aflyst"\n    {}\n',
    "raw html block": '<p class="nv-line nv-place">{}</p>\n',
    "html list": "<ul>\n<li>Tema: {}</li>\n</ul>\n",
    "pre block": '<pre class="nv-letter">\n{}\nMed venlig hilsen\n</pre>\n',
    "emphasis": "Meld dig til senest **{}**.\n",
    "link label": "- [Møde {}](moeder/x.md)\n",
    "after html link": '- Telefon: <a href="tel:1">{}</a>\n',
}


@functools.cache
def clean_shape(context: str) -> list[tuple]:
    return skeleton(to_html(CONTEXTS[context].format("x"))[0]).shape


def test_the_markdown_extensions_are_those_of_mkdocs_yml():
    assert EXTENSIONS == ["tables", "admonition", {"toc": {"permalink": False}}]


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=ANY_TEXT, context=st.sampled_from(sorted(CONTEXTS)))
def test_escaped_text_shows_as_written_and_adds_no_markup(value, context):
    escaped = text(value)
    assume(escaped)
    template = CONTEXTS[context]
    html, toc = to_html(template.format(escaped))
    page = skeleton(html)
    assert page.shape == clean_shape(context)
    assert fold(value) in "".join(page.text)
    # Material writes table-of-contents names into the navigation unescaped.
    assert len(toc) == (1 if context == "heading" else 0)
    for token in toc:
        assert skeleton(token["name"]).shape == [] and fold(value) in "".join(skeleton(token["name"]).text)


@settings(max_examples=300, deadline=None)
@given(value=ANY_TEXT)
def test_escaped_text_has_no_markdown_or_html_character_left(value):
    escaped = text(value)
    assert not any(c.isascii() and not c.isalnum() and c not in " &#;,." for c in escaped)
    # A full stop stays only where it cannot end a list number: not first, not after a digit.
    assert not escaped.startswith(".") and re.search(r"\d\.", escaped) is None
    assert "\n" not in escaped and "  " not in escaped
    # Every '&' starts one of our numeric references.
    assert escaped.replace("&#", "").count("&") == 0


def group_with(value: str) -> dict:
    name = fold(value.replace("<", "").replace(">", ""))[:100].strip()
    return {
        "navn": name, "by": value, "formål": value,
        "arrangør": {"navn": name, "email": "anne@example.dk", "telefon": "20 30 40 50"},
        "medlemmer": [{"navn": name}, {"navn": "Bo Hansen", "telefon": "31 41 59 26", "vis kontakt": "ja"}],
        "aftaler": {"afbud": value, "etik": value, "grænsevogter": name, "tavshedspligt": value},
        "temaer": [{"navn": name + " eget", "beskrivelse": value}],
        "møder": [
            {"dato": "2027-01-12", "start": "18:00", "sted": value, "dagsorden": "første møde", "ordstyrer": name, "referent": "Bo Hansen",
             "tilmeldingsfrist": "2027-01-05"},
            {"dato": "2027-02-09", "start": "18:00", "sted": value, "tema": name, "temaansvarlige": [name], "vært": name, "aflyst": value,
             "dagsorden": [{"punkt": value, "minutter": "20", "ved": value}]},
        ],
    }


def block_yaml(data, indent: str = "") -> str:
    """Block-style YAML with every scalar a double-quoted (JSON) string: no value can become syntax."""
    out = ""
    for key, value in data.items():
        if isinstance(value, dict):
            out += f"{indent}{key}:\n" + block_yaml(value, indent + "  ")
        elif isinstance(value, list):
            out += f"{indent}{key}:\n"
            for item in value:
                if isinstance(item, dict):
                    out += block_yaml(item, indent + "    ").replace(indent + "    ", indent + "  - ", 1)
                else:
                    out += f"{indent}  - {json.dumps(item, ensure_ascii=False)}\n"
        else:
            out += f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}\n"
    return out


def generated(value: str):
    # Tabs and line breaks arrive as escapes here; the loader refuses tabs, so they become spaces.
    data = block_yaml(group_with(value.replace("\t", " "))).encode()
    return generate(data, "groups/x.yaml", "x", TODAY, shared_environment(), "../../mkdocs.yml", "../../overrides")


@functools.lru_cache(maxsize=1)
def shared_environment():
    """One Jinja2 environment for all examples, so templates are compiled once."""
    return environment()


BASELINE = {rel: skeleton(to_html(md)[0]).shape for rel, md in generated("Plain tekst").docs.items() if rel.endswith(".md")}


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=FILE_TEXT)
def test_group_text_through_every_template_adds_no_markup(value):
    value = value.replace("\t", " ")
    name = fold(value.replace("<", "").replace(">", ""))[:100].strip()
    assume(fold(value) and name and len(name) <= 100 and find_cpr(value) is None)
    assume(fold(value) != fold(name + " eget"))
    # 'aflyst: ja' (or true, sand …) cancels the meeting without a reason, so its line in the list is shorter.
    assume(fold(value).casefold() not in {"ja", "j", "yes", "true", "sand"})
    result = generated(value)
    pages = {rel: md for rel, md in result.docs.items() if rel.endswith(".md")}
    assert pages.keys() == BASELINE.keys()
    seen_on = []
    for rel, md in pages.items():
        html, toc = to_html(md)
        page = skeleton(html)
        assert page.shape == BASELINE[rel], rel
        if fold(value) in "".join(page.text):
            seen_on.append(rel)
        for token in toc:
            assert skeleton(token["name"]).shape == [], rel
    assert {"index.md", "spilleregler.md", "moeder/2027-02-09.md", "temaer.md"} <= set(seen_on)
    # The site name: mkdocs-material writes it into the page as is and into <title> through striptags.
    # What reaches MkDocs is the config as data; the mkdocs.yml written beside the sources reads back the same.
    config = result.config
    assert yaml.safe_load(config_text(config)) == config
    assert skeleton(config["site_name"]).shape == []
    assert "".join(skeleton(config["site_name"]).text) == name
    assert "<" not in Markup(config["site_name"]).striptags()


def test_nothing_from_yaml_is_rendered_as_a_template():
    # Templates come from files in generator/site/templates only; no string is ever compiled as a template.
    for path in sorted((ROOT / "generator").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for call in ("from_string(", "jinja2.Template(", "Template(", "compile_expression(", "eval(", "exec("):
            assert call not in source, f"{call} in {path.name}"
    env = environment()
    assert env.loader.searchpath == [str(ROOT / "generator" / "site" / "templates")]
    # Every {{ value }} goes through the one finalize: escape.text, or a members-only fact as its reader may see it.
    assert env.finalize is render._finalize
    assert env.from_string("{{ v }}").render(v="<b>*x*</b>") == text("<b>*x*</b>")

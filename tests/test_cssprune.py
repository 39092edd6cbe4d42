"""Material's stylesheet, pruned once for every group (builder/engine/cssprune.py against builder/engine/reference.py): what it drops,
what it keeps, that the same input gives the same bytes, that every page's classes are in the reference, and that
the pages look exactly the same with Material's whole stylesheet."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from generator.builder.engine import Engine
from generator.builder.engine.cssprune import may_match, prune
from generator.builder.engine.reference import python_strings, vocabulary
from generator.builder.engine.searchbox import dialog
from generator.builder.engine.theme_files import THEME
from generator.builder.pipeline import Project, shared_files
from generator.builder.project import THEME_FILES

WORDS = vocabulary(
    ['<div class="md-nav md-nav__link--active" id="__drawer"><table><tr><td>', "kind = 'md-tag--' + x", "direction: ltr"],
    ['e.classList.add("md-dialog--active");document.querySelector(".tabbed-set, #__tabs");x.dataset.mdScore=1'],
    "ltr",
)


@pytest.mark.parametrize(
    ("selector", "kept"),
    [
        (".md-nav", True),
        (".md-nav .md-nav__link--active:hover", True),
        ("#__drawer:checked~.md-nav", True),
        (".md-dialog--active", True),  # a script puts it on an element
        (".tabbed-set", False),  # a script only looks for it
        ("#__tabs", False),
        (".md-tag--warning", True),  # code completes the prefix
        (".md-nav kbd", False),  # no page has that element
        ("table td", True),
        (".md-nav:not(.tabbed-set)", True),  # what :not() names need not exist
        (":is(.tabbed-set,.md-nav)>a", True),
        (":is(.tabbed-set,.md-banner)", False),
        ("[dir=rtl] .md-nav", False),  # every page reads left to right
        ("[dir=ltr] .md-nav", True),
        ("[data-md-score]", True),  # dataset.mdScore
        ("[data-md-unknown]", False),
        ("::-webkit-scrollbar", True),
    ],
)
def test_a_selector_is_dropped_only_when_it_needs_what_no_page_has(selector, kept):
    assert may_match(selector, WORDS) is kept


def test_rules_keyframes_custom_properties_and_empty_blocks():
    css = (
        ":root{--md-a:1px;--md-b:var(--md-c);--md-c:red;--md-unused:0}"
        ".md-nav{margin:var(--md-a);animation:spin 1s}.tabbed-set,.md-nav__link--active{color:var(--md-b)}"
        "@keyframes spin{to{transform:rotate(1turn)}}@keyframes gone{to{opacity:0}}"
        "@media screen{.tabbed-set{display:none}}@media print{.md-nav{display:none}}"
    )
    out = prune(css, WORDS, readers="")
    assert out == (
        ":root{--md-a:1px;--md-b:var(--md-c);--md-c:red}.md-nav{margin:var(--md-a);animation:spin 1s}"
        ".md-nav__link--active{color:var(--md-b)}@keyframes spin{to{transform:rotate(1turn)}}"
        "@media print{.md-nav{display:none}}\n"
    )
    # Our stylesheets and scripts may read a custom property too.
    assert "--md-unused:0" in prune(css, WORDS, readers="x{y:var(--md-unused)}")


def test_python_counts_only_its_strings():
    code = '"""A note about .success."""\n# quote\nCLASS = "admonition-title"\ndef f():\n    """Docstring."""\n    return f"md-{x}"\n'
    words = vocabulary([python_strings(code)], [])
    assert {"admonition-title", "md-"} <= words.names
    assert not {"note", "success", "quote", "Docstring", "CLASS"} & words.names


@pytest.fixture(scope="module")
def shared():
    return shared_files(Project(ROOT), Engine(), "")


def _theme_stylesheet() -> bytes:
    from mkdocs.utils import get_theme_dir

    return next(Path(get_theme_dir("material")).glob(THEME["stylesheet"])).read_bytes()


def test_the_stylesheet_is_pruned_the_same_way_every_time(shared):
    name = shared.urls.names[next(p for p in shared.urls.names if p.startswith("assets/stylesheets/main."))]
    again = shared_files(Project(ROOT), Engine(), "")
    assert again.files == shared.files
    full, pruned = _theme_stylesheet(), shared.files[name]
    assert len(gzip.compress(pruned)) < 0.8 * len(gzip.compress(full))
    text = pruned.decode()
    # What no page can have is gone: content tabs, right-to-left, highlighted code, footnotes, keys.
    for gone in (".tabbed-set", "[dir=rtl]", ".highlight", ".footnote", ".md-typeset kbd"):
        assert gone not in text, gone
    # What every page has is kept: the drawer, the search (written in by our script), tables, admonitions used.
    for kept in ("[data-md-toggle=drawer]:checked", ".md-search-result__item", ".md-typeset table:not([class])", ".admonition.warning"):
        assert kept in text, kept


class _Names(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.found.add(("element", tag))
        for name, value in attrs:
            self.found.add(("attribute", name))
            if name == "class":
                self.found |= {("class", c) for c in (value or "").split()}
            if name == "id" and value:
                self.found.add(("id", value))


def _reference():
    """The vocabulary the build prunes with (assets.page_vocabulary), and the sources."""
    from mkdocs.utils import get_theme_dir

    from generator.builder.engine.theme_files import OUR_SCRIPT, _filled, hashed, page_scripts, page_vocabulary, read_sources

    sources = read_sources(Path(get_theme_dir("material")), THEME_FILES / "overrides", {}, THEME_FILES / "mkdocs.yml")
    bundle = next(path for path in sources.theme if path.endswith(".js") and "bundle." in path)
    own = {**sources.own, OUR_SCRIPT: _filled(sources.own[OUR_SCRIPT], hashed(bundle, sources.theme[bundle]), sources.search)}
    return page_vocabulary(sources, page_scripts(sources, own)), sources


def test_every_class_and_element_on_the_built_pages_is_in_the_reference(built_site, tmp_path):
    """The reference is meant to hold everything any page can have; the contract site's pages and the search
    dialog our script writes in (classes and ids the build computes, such as headings' ids, are left out: no
    Material rule names them)."""
    words, sources = _reference()
    parser = _Names()
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'data-md-toggle="search"' in html:
            parser.feed(html)
    parser.feed(dialog(*sources.search))
    missing = set()
    for kind, name in parser.found:
        if kind == "class" and not words.has(name) and not name.startswith("nv-"):
            missing.add(name)
        elif kind == "element" and not words.has_element(name):
            missing.add(f"<{name}>")
        elif kind == "attribute" and not words.has_attribute(name):
            missing.add(f"[{name}]")
    assert not missing


# ---------------------------------------------------------------- the same look


LOOKS = [
    ("index.html", None),
    ("moeder/2027-01-12.html", None),
    ("moeder/index.html", None),
    ("dagsordener.html", None),
    ("roller.html", None),
    ("kalender.html", None),
    ("index.html", "drawer"),
    ("index.html", "search"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_look_the_same_with_materials_whole_stylesheet(browser, site_server, scheme):
    """Each page (and the menu and the search open) is screenshot twice, with the pruned stylesheet and with
    Material's own served in its place: the pixels are the same. (Chromium now and then draws a few edge pixels of
    a box differently from one load of the very same page to the next, so a pair that differs is taken again.)"""
    full = _theme_stylesheet()
    differ = []
    for rel, state in LOOKS:
        if _shots(browser, site_server, rel, state, scheme, full) and _shots(browser, site_server, rel, state, scheme, full):
            differ.append(f"{rel} {state or ''}")
    assert not differ


def _shots(browser, site_server: str, rel: str, state: str | None, scheme: str, full: bytes) -> bool:
    """Whether the page looks different with the pruned stylesheet and with Material's whole one."""
    shots = []
    for whole in (False, True):
        context = browser.new_context(viewport={"width": 360, "height": 640}, color_scheme=scheme, service_workers="block", reduced_motion="reduce")
        if whole:
            context.route(re.compile(r".*/_tema/main\.[0-9a-f]+\.min\.css$"), lambda route: route.fulfill(body=full, content_type="text/css"))
        page = context.new_page()
        page.goto(site_server + rel, wait_until="load")
        if state == "drawer":
            page.click("label.md-header__button[for=__drawer]")
        elif state == "search":
            page.click("label.md-header__button[for=__search]")
            page.locator("[data-md-component=search-query]").press_sequentially("møde")
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
        page.wait_for_timeout(600)
        shots.append(page.screenshot(full_page=state is None))
        context.close()
    return shots[0] != shots[1]


def test_the_reference_follows_the_sites_language_and_markdown_extensions():
    import yaml
    from mkdocs.config.defaults import MkDocsConfig

    from generator.builder.engine.reference import MKDOCS_EXTENSIONS, THEME_LANGUAGE

    config = yaml.safe_load((THEME_FILES / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["language"] == THEME_LANGUAGE
    assert MkDocsConfig.markdown_extensions.builtins == list(MKDOCS_EXTENSIONS)

"""In a real browser: the site loads nothing from other hosts, and hostile text runs no script and shows as written."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import TODAY, build_one, copy_project
from generator.builder.project import Project
from generator.builder.publish import prepare_output

HOSTILE = Path(__file__).parent / "hostile"
EVERY_ELEMENT_WITH_A_HANDLER = "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory):
    """The two valid hostile group files, built and served: the base URL."""
    root = copy_project(tmp_path_factory.mktemp("hostile"), {})
    for name in ("markup-in-text.yaml", "entity-title.yaml"):
        shutil.copy(HOSTILE / name, root / "groups" / name)
    project, out = Project(root), root / "site"
    prepare_output(out, project)
    for slug in ("markup-in-text", "entity-title"):
        build_one(project, root / "groups" / f"{slug}.yaml", slug, out, TODAY)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class Visit:
    """A browser tab that records every request, stops those to other hosts, and records dialogs."""

    def __init__(self, browser, base: str):
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        self.context = browser.new_context()
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        # Matched inside the browser driver, so requests to the site itself never wait for Python.
        self.context.route(re.compile(rf"^(?!{re.escape(self.origin)}/|data:|blob:)"), self._outside)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _outside(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="networkidle")

    def visit_all(self, urls: list[str]):
        """Each URL in turn in the tab, once it has loaded.

        'load' waits for every stylesheet, script, image and font the page asks for; what the theme
        fetches later (the search worker and its index) is the same on every page and is checked
        on one page with 'networkidle'.
        """
        for url in urls:
            self.page.goto(url, wait_until="load")
            yield url

    def search(self, query: str) -> None:
        # The search is opened with its button on a phone (assets/netvaerk.js then writes in the field and loads the
        # theme's script), or in its field in the header on a wide screen.
        button = self.page.locator('label.md-header__button[for="__search"]')
        if button.is_visible():
            button.click()
        self.page.locator('input[data-md-component="search-query"]').click()
        self.page.keyboard.type(query)
        self.page.wait_for_selector(".md-search-result__item", timeout=10_000)
        self.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        self.context.close()


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_contract_site_loads_nothing_from_other_hosts(browser, site_server, built_site):
    visit = Visit(browser, site_server)
    try:
        pages = pages_of(built_site)
        assert len(pages) == 23  # 16 pages and 7 printables; no 404.html of its own
        for url in visit.visit_all([site_server + rel for rel in pages]):
            assert visit.page.title(), url
        visit.open(site_server + "index.html")
        visit.search("kommunen")
        assert visit.outside == []
        loaded = {urlsplit(u).path for u in visit.requests}
        # The test saw the page's whole load and the search's: styles, our script, the theme's script (which ours
        # loads when the search is opened), the search worker and index (the theme's files and ours from the folder
        # the groups share).
        assert {"/nordsjaelland/index.html", "/nordsjaelland/search/search_index.json"} <= loaded
        for shared in ("/_tema/netvaerk.", "/_tema/bundle.", "/_tema/main.", "/workers/search.min.js", "/lunr/min/lunr.da.min.js"):
            assert any(p.startswith(shared) or shared in p for p in loaded), shared
        assert visit.dialogs == []
        # The check can fail: a page that does load from another host is caught.
        with visit.page.expect_event("requestfailed"):
            visit.page.evaluate("() => { const i = document.createElement('img'); i.src = 'https://fonts.example/x.png'; document.body.append(i); }")
        assert visit.outside == ["https://fonts.example/x.png"]
    finally:
        visit.close()


# What the organiser wrote, as the visitor reads it: (page, text) for each site.
SHOWN = {
    "markup-in-text": [
        ("index.html", "<script>alert(4)</script> [klik](javascript:alert(5)) ![](https://evil.example/p.png) "
                       '<div onmouseover="alert(6)">blank linje før</div> {{ config }} {% raw %} {: .x onclick="alert(7)" } '
                       ":heart: <https://evil.example>"),
        ("index.html", "Gruppen holder til i <img src=x onerror=alert(3)> og har 2 medlemmer."),
        ("moeder/2027-01-12.html", "</p><iframe src=https://evil.example></iframe>"),
        ("moeder/2027-01-12.html", "Tema: Tema {#id .klasse onclick=alert(9)}"),
        ("moeder/2027-01-12.html", "| a | b | |---|---|"),
    ],
    "entity-title": [
        ("index.html", "&#x3C;script&#x3E;alert(2)&#x3C;/script&#x3E;"),
        ("moeder/2027-01-12.html", "Tema: &lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"),
    ],
}
TITLES = {
    "markup-in-text": "Gruppe [x](javascript:alert(1)) {onclick=alert(2)} :smile: *fed* & co",
    "entity-title": "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt; &#60;/title&#62;",
}


@pytest.mark.parametrize("slug", sorted(TITLES))
def test_hostile_text_runs_nothing_and_shows_as_written(browser, hostile_sites, slug):
    out, base = hostile_sites
    visit = Visit(browser, base)
    try:
        pages = pages_of(out / slug)
        assert len(pages) == 12  # 11 pages and the printed invitation
        shown = {}
        for url in visit.visit_all([f"{base}{slug}/{rel}" for rel in pages]):
            assert visit.page.evaluate(EVERY_ELEMENT_WITH_A_HANDLER) == 0, url
            main = "article" if visit.page.locator("article").count() else "body"  # the printables have no article
            # The only images the project itself puts there: agenda time bars and the QR code.
            found = visit.page.locator(f"{main} iframe, {main} img, {main} script, {main} svg").count()
            ours = visit.page.locator(f"{main} table.nv-agenda svg[aria-hidden=true], {main} .nv-qr").count()
            assert found == ours, url
            shown[url.removeprefix(f"{base}{slug}/")] = " ".join(visit.page.locator(main).inner_text().split())
        for rel, text in SHOWN[slug]:
            assert text in shown[rel], (rel, text)
        visit.open(f"{base}{slug}/index.html")
        assert visit.page.title() == TITLES[slug]
        assert visit.page.locator("article h1").inner_text() == TITLES[slug]
        assert visit.dialogs == []
        assert visit.outside == []
    finally:
        visit.close()


def test_search_results_show_hostile_text_as_text(browser, hostile_sites):
    out, base = hostile_sites
    visit = Visit(browser, base)
    try:
        visit.open(f"{base}markup-in-text/index.html")
        visit.search("onload")
        results = visit.page.locator(".md-search-result__list")
        assert "<svg onload=alert(10)>" in results.inner_text()
        assert visit.page.locator(".md-search-result svg[onload], .md-search-result img, .md-search-result script").count() == 0
        assert visit.page.evaluate(EVERY_ELEMENT_WITH_A_HANDLER) == 0
        assert visit.dialogs == [] and visit.outside == []
    finally:
        visit.close()


RAW_TEXT_ESCAPES = [
    '<noscript><p title="</noscript><img src=x onerror=window.__ran=1>">x</p></noscript>',
    '<textarea><p title="</textarea><img src=x onerror=window.__ran=1>"></p></textarea>',
]


@pytest.mark.parametrize("snippet", RAW_TEXT_ESCAPES)
def test_an_end_tag_hidden_in_a_value_runs_in_chromium_and_the_guard_finds_it(browser, snippet):
    """html.parser reads one harmless <p>; Chromium ends the raw text inside the value and runs the handler."""
    from generator.guard.scripts import scan_page

    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(f"<!doctype html><html><body>{snippet}</body></html>")
        page.wait_for_function("window.__ran === 1", timeout=5000)
    finally:
        context.close()
    assert scan_page(snippet, ()) == ["et sluttag som </noscript> eller </textarea>, som er skrevet, så det er svært at få øje på"]

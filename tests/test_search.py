"""The search on a phone, with Material's script loaded only when it is opened (assets/netvaerk.js): nothing of
the search is fetched before, and the first opening finds what is typed. The menu and the table of contents work
without that script (checkboxes and CSS)."""

from __future__ import annotations

import re

import pytest

from weight import searching

BUNDLE = re.compile(r"/_tema/bundle\.[0-9a-f]+\.min\.js$")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: page.problems.append(f"failed: {r.url} ({r.status})") if r.status >= 400 else None)
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


def _results(page) -> list[str]:
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent.trim())")


def test_the_search_is_not_loaded_with_the_page(phone, site_server):
    phone.goto(site_server + "index.html", wait_until="load")
    phone.wait_for_timeout(300)
    assert not [url for url in phone.requests if BUNDLE.search(url) or "search_index" in url or "/workers/" in url]
    # The search button shows (Material's stylesheet hides it from pages without JavaScript).
    assert phone.is_visible("label.md-header__button[for=__search]")
    assert not phone.problems


def test_the_first_opening_finds_what_is_typed(phone, site_server, built_site):
    phone.goto(site_server + "index.html", wait_until="load")
    phone.click("label.md-header__button[for=__search]")
    field = phone.locator("[data-md-component=search-query]")
    field.wait_for(state="visible")
    # Typed at once, before Material's script and the index have arrived: the search takes it up when ready.
    field.press_sequentially("spilleregler")
    results = _results(phone)
    assert any("Spilleregler" in r for r in results), results
    assert field.evaluate("e => e === document.activeElement")
    fetched = {url.split(site_server.rsplit("/", 2)[0] + "/", 1)[-1] for url in phone.requests}
    assert any(BUNDLE.search("/" + url) for url in fetched)
    # What the weight counts for opening the search is what the browser fetched for it.
    expected = {f"nordsjaelland/{rel}" if not rel.startswith("../") else rel[3:] for rel in searching(built_site, "index.html")}
    assert expected <= fetched, expected - fetched
    # Following a result opens its page.
    phone.click(".md-search-result__item a")
    phone.wait_for_url(re.compile(r"spilleregler\.html"))
    assert not phone.problems


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_key_opens_the_search(phone, site_server, key):
    phone.goto(site_server + "moeder/index.html", wait_until="load")
    phone.keyboard.press(key)
    field = phone.locator("[data-md-component=search-query]")
    field.wait_for(state="visible")
    phone.keyboard.type("ordstyrer")
    assert _results(phone)
    assert field.input_value() == "ordstyrer"
    assert not phone.problems


def test_the_menu_and_the_table_of_contents_work_without_materials_script(phone, site_server):
    phone.goto(site_server + "index.html", wait_until="load")
    sidebar = phone.locator(".md-sidebar--primary")
    left = lambda: sidebar.bounding_box()["x"]  # noqa: E731
    assert left() < 0  # the menu is off the screen
    phone.click("label.md-header__button[for=__drawer]")
    phone.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().x >= 0")
    # The page's table of contents is in the menu: a heading in it takes the reader there and closes the menu.
    phone.click(".md-nav--secondary a[href='#kontakt']")
    phone.wait_for_function("() => !document.getElementById('__drawer').checked")
    phone.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 0")
    assert phone.evaluate("() => location.hash") == "#kontakt"
    assert phone.evaluate("() => document.getElementById('kontakt').getBoundingClientRect().top") < 640
    # And the menu's links to other pages work.
    phone.click("label.md-header__button[for=__drawer]")
    phone.click(".md-nav--primary a[href='moeder/index.html']")
    phone.wait_for_url(re.compile(r"moeder/index\.html"))
    assert not [url for url in phone.requests if BUNDLE.search(url)]
    assert not phone.problems

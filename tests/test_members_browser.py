"""The members' lock in headless Chromium at 360×640: locked, wrong and right passphrase, remembered,
forgotten, opened by the invitation's link, refusing tampered and moved fragments, and accessible."""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import threading
import urllib.parse
from pathlib import Path

import pytest

from clirun import run
from conftest import copy_project, node_modules

MEMBERS = Path(__file__).parent / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
PRIVATE = ("Slotsgade 4", "Søndervang 12", "Kongevejen 3", "Bo Hansen", "Carla Nielsen", "Gitte Poulsen", "31 41 59 26", "bo.hansen@example.dk")
PAGES = ("index.html", "moeder/2027-02-09.html", "moeder/index.html", "roller.html", "kalender.html", "spilleregler.html")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def members_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("lukket"), {"lukket.yaml": MEMBERS.read_bytes()})
    os.environ["NETVAERK_ADGANGSKODE_LUKKET"] = PASSPHRASE
    try:
        ran = run(["build", "--today", "2026-11-26"], root)
    finally:
        del os.environ["NETVAERK_ADGANGSKODE_LUKKET"]
    assert ran.code == 0, ran.err
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/lukket/"
    server.shutdown()


@pytest.fixture
def phone(browser):
    # No service worker (the offline copy): page.route, which the tampering test uses, cannot see what one fetches.
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def _shown(page) -> str:
    return html.unescape(page.content())


def _locked(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".nv-laas__spoerg", state="visible")


def _unlock(page, passphrase: str) -> None:
    page.click(".nv-laas__spoerg summary")
    page.fill("#nv-kode", passphrase)
    page.click(".nv-laas__spoerg button[type=submit]")


def _axe(page) -> list[str]:
    page.add_script_tag(path=str(node_modules() / "axe-core" / "axe.min.js"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_locked_pages_hold_no_private_value_and_pass_axe(members_site, phone):
    _, base = members_site
    for rel in PAGES:
        _locked(phone, base + rel)
        shown = _shown(phone)
        assert [v for v in PRIVATE if v in shown] == [], rel
        assert _axe(phone) == [], rel
    assert phone.errors == []


def test_a_wrong_passphrase_reveals_nothing(members_site, phone):
    _, base = members_site
    _locked(phone, base + "moeder/2027-02-09.html")
    _unlock(phone, "pavillon tun middag gryde fjerbold limen")
    phone.wait_for_function("document.querySelector('.nv-laas__besked').textContent !== 'Låser op …'", timeout=30000)
    assert phone.inner_text(".nv-laas__besked") == "Forkert adgangskode. Prøv igen."
    assert [v for v in PRIVATE if v in _shown(phone)] == []
    assert phone.locator("[data-nv-lock]").count() > 0


def test_the_right_passphrase_shows_names_and_places_and_is_remembered_until_forgotten(members_site, phone):
    _, base = members_site
    _locked(phone, base + "moeder/2027-02-09.html")
    _unlock(phone, "Pavillon tun middag gryde fjerbold lime ")  # as a phone types it
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
    text = phone.inner_text("article")
    assert "Hos Bo, Slotsgade 4, 3400 Hillerød" in text and "Ordstyrer: Bo Hansen" in text and "Referent: Carla Nielsen" in text
    assert phone.locator("[data-nv-lock]").count() == 0
    assert phone.locator('a[href^="sms:31415926?&body="]').count() == 1  # one-tap afbud to Bo, who shows his contact
    assert _axe(phone) == []
    phone.reload()
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)  # remembered
    expected_on = {"roller.html": "Gitte Poulsen", "index.html": "Anne Jensen", "spilleregler.html": "Carla Nielsen er gruppens grænsevogter."}
    for rel, expected in expected_on.items():
        phone.goto(base + rel)
        phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
        assert expected in phone.inner_text("article"), rel
    phone.goto(base + "kalender.html")
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
    assert re.search(r"kalender-[0-9a-f]{32}\.ics", phone.inner_text("article"))
    assert _axe(phone) == []
    phone.click(".nv-laas__aaben button")  # Glem adgangskoden på denne telefon
    phone.wait_for_selector(".nv-laas__spoerg", state="visible", timeout=30000)
    assert not re.search(r"kalender-[0-9a-f]{32}", _shown(phone))
    assert phone.errors == []


def test_the_invitations_link_unlocks_and_leaves_the_address_bar(members_site, phone):
    root, base = members_site
    invitation = html.unescape((root / "private" / "lukket-invitation.html").read_text(encoding="utf-8"))
    link = re.search(r"https://lukket\.example\.dk/#nv=[\w-]{43}", invitation)[0]
    phone.goto(base + "index.html" + link[link.index("#"):])
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
    assert "#" not in phone.url
    assert "Bo Hansen" in phone.inner_text("article")
    phone.goto(base + "roller.html")  # and the key is remembered
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
    assert phone.errors == []


def _tampered(route, change) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=change(response.text()))


def test_a_changed_byte_or_moved_fragments_stay_locked(members_site, phone):
    root, base = members_site
    roles = (root / "site" / "lukket" / "roller.html").read_text(encoding="utf-8")
    foreign = re.search(r'<div id="nv-laast" hidden data-nv-lock="[^"]+">', roles)[0]

    def flip(text: str) -> str:  # change one character of the page's sealed fragments
        return re.sub(r'(data-nv-lock=")(.)', lambda m: m[1] + ("B" if m[2] == "A" else "A"), text, count=1)

    def move(text: str) -> str:  # the roles page's sealed fragments, pasted over the meeting page's
        return re.sub(r'<div id="nv-laast" hidden data-nv-lock="[^"]+">', foreign, text, count=1)

    for change, page in ((flip, "moeder/2027-02-09.html"), (move, "moeder/2027-02-09.html")):
        phone.context.clear_cookies()
        phone.route(base + page, functools.partial(_tampered, change=change))
        phone.goto(base + page)
        phone.evaluate("() => new Promise(r => { const q = indexedDB.deleteDatabase('netvaerk-laas'); q.onsuccess = q.onerror = () => r(); })")
        _locked(phone, base + page)
        _unlock(phone, PASSPHRASE)
        phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
        assert phone.inner_text(".nv-laas__besked") == (
            "Noget af indholdet kunne ikke åbnes. Luk siden, og åbn den igen. Hjælper det ikke, så sig det til arrangøren."
        )
        assert phone.locator("[data-nv-lock]").count() == 1  # the fragments that were changed or moved
        assert phone.locator("[data-nv-id]").count() == 5  # each still shows its stand-in
        assert [v for v in PRIVATE if v in _shown(phone)] == []
        phone.unroute(base + page)


def _served_from(site: Path, seen: list[str]):
    """A route handler that serves the built site for any host, as a web server would, and notes every request."""

    def serve(route):
        url = route.request.url
        seen.append(url)
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
        file = site / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, body="")

    return serve


def _carries(texts: list[str], secret: str) -> list[str]:
    words = secret.split()
    return [t for t in texts if any(w in urllib.parse.unquote_plus(t) for w in words)]


def test_over_plain_http_no_field_is_drawn_and_the_passphrase_goes_nowhere(members_site, browser):
    """A custom domain without TLS: plain http on a host that is not localhost, so the browser gives no WebCrypto.
    The lock then draws no field; whatever a visitor can type into inside the lock, typing the passphrase and
    pressing Enter sends it nowhere: no request, no address, no history entry carries it."""
    root, _ = members_site
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    seen: list[str] = []
    context.route("http://nv-gruppe.test/**", _served_from(root / "site", seen))
    page = context.new_page()
    page.goto("http://nv-gruppe.test/lukket/moeder/2027-02-09.html")
    entries = page.evaluate("() => history.length")
    assert page.evaluate("() => window.isSecureContext") is False
    page.click(".nv-laas__spoerg summary")
    fields = page.locator(".nv-laas input")
    assert fields.count() == 0
    assert "Denne browser kan ikke låse op for navne og adresser." in page.inner_text(".nv-laas")
    for field in page.locator("input:visible:not([type=checkbox])").all():  # any field a visitor could type into
        field.fill(PASSPHRASE)
        field.press("Enter")
    page.wait_for_timeout(500)
    history = page.evaluate("() => [history.length, location.href]")
    assert history[0] == entries
    assert _carries(seen + [history[1], page.url], PASSPHRASE) == []
    context.close()


def test_with_webcrypto_enter_unlocks_and_sends_nothing(members_site, phone):
    _, base = members_site
    seen: list[str] = []
    phone.on("request", lambda r: seen.append(r.url + " " + (r.post_data or "")))
    _locked(phone, base + "moeder/2027-02-09.html")
    entries = phone.evaluate("() => history.length")
    phone.click(".nv-laas__spoerg summary")
    assert phone.get_attribute("#nv-kode", "name") is None
    assert phone.get_attribute("#nv-kode", "type") == "password"
    phone.check(".nv-laas__vis input")  # Vis adgangskoden: six words typed on a phone need to be seen
    assert phone.get_attribute("#nv-kode", "type") == "text"
    assert "Adgangskoden får du af gruppens arrangør" in phone.inner_text(".nv-laas")
    phone.fill("#nv-kode", PASSPHRASE)
    phone.press("#nv-kode", "Enter")
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
    assert "Bo Hansen" in phone.inner_text("article")
    assert _carries(seen + [phone.url], PASSPHRASE) == []
    assert phone.evaluate("() => history.length") == entries
    # "Glem adgangskoden" comes after the page's content, not above the next meeting.
    assert phone.evaluate(
        "() => !!(document.querySelector('.nv-laas__aaben').compareDocumentPosition(document.querySelector('article h2:last-of-type'))"
        " & Node.DOCUMENT_POSITION_PRECEDING)"
    )
    assert phone.errors == []


HOSTILE = [
    '<img src="x" onerror="window.__pwned = 1">',
    '<a href="javascript:window.__pwned = 2">link</a>',
    '<a href=" JaVaScRiPt:window.__pwned = 3">link</a>',
    '<svg onload="window.__pwned = 4"><circle r="1"></circle></svg>',
    '<iframe src="javascript:parent.__pwned = 5"></iframe>',
    '<p onclick="window.__pwned = 6" style="position:fixed;inset:0">tryk</p>',
    '<form action="https://evil.example/"><input name="q"></form>',
    '<a href="http://evil.example/">http</a><a href="//evil.example/">protocol-relative</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>"><details open ontoggle="window.__pwned = 7"></details>',
    '<a class="md-button" href="https://ok.example/">Godt link</a> <a href="tel:31415926">Ring</a> '
    '<a href="sms:31415926?&amp;body=Afbud">Sms</a> <a href="mailto:bo@example.dk">Mail</a> '
    '<a href="webcal://lukket.example.dk/kalender.ics">Abonnér</a> <a href="../roller.html">Roller</a> '
    '<strong>Hos Bo, Slotsgade 4</strong>',
]


def test_an_opened_block_holds_only_what_the_build_seals(members_site, phone):
    """Blocks sealed with the right key but holding hostile HTML (someone with the key and write access): no
    handler runs, no element or attribute the build never seals survives, and only https:, sms:, mailto:, tel:,
    webcal: and relative links stay."""
    from generator.lock import seal

    root, base = members_site
    rel = "moeder/2027-02-09.html"
    built = (root / "site" / "lukket" / rel).read_text(encoding="utf-8")
    box = re.search(r'data-nv-salt="([\w-]+)" data-nv-iter="(\d+)"', built)
    keys = seal.derive(PASSPHRASE, seal.unb64u(box[1]), int(box[2]))
    count = len(re.findall(r'data-nv-id="f\d+"', built))
    fragments = (HOSTILE * count)[: max(count, len(HOSTILE))]
    placeholders = "".join(f'<span class="nv-laast" data-nv-id="f{n}">låst</span>' for n in range(count + 1, len(fragments) + 1))
    token = seal.seal_html(keys, "lukket", rel, "page", json.dumps(fragments))
    hostile = re.sub(r'(<div id="nv-laast" hidden data-nv-lock=")[^"]+', lambda m: placeholders + m[1] + token, built, count=1)
    phone.route(base + rel, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=hostile))
    _locked(phone, base + rel)
    _unlock(phone, PASSPHRASE)
    phone.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
    phone.wait_for_timeout(300)
    for element in phone.locator("article [onclick], article [onerror], article [onload], article [ontoggle], article [style]").all():
        raise AssertionError(element.evaluate("e => e.outerHTML"))
    assert phone.locator("article iframe, article svg circle, article form input[name=q], article details[ontoggle]").count() == 0
    links = phone.eval_on_selector_all("article a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert not [h for h in links if "javascript" in h.lower() or "evil.example" in h]
    for kept in ("https://ok.example/", "tel:31415926", "sms:31415926?&body=Afbud", "mailto:bo@example.dk",
                 "webcal://lukket.example.dk/kalender.ics", "../roller.html"):
        assert kept in links, kept
    assert "Hos Bo, Slotsgade 4" in phone.inner_text("article")
    phone.click("article >> text=tryk")
    assert phone.evaluate("() => window.__pwned") is None
    assert [e for e in phone.errors if "404" not in e] == []  # <img src="x"> is a relative link: it may load, and fail

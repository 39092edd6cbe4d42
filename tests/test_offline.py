"""Readable offline: after one visit to any page, the home page, the meeting plan, every meeting, Kalender and
Spilleregler open with no network (the service worker sw.js in the group's folder); a new build replaces the
copy, and a rebuilt page shows as soon as there is a connection.

The output folder is served as a whole, so the group's site sits in /<slug>/ below the host's root, as on
GitHub Pages.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from clirun import run
from conftest import TODAY, copy_project

KEPT = ["index.html", "moeder/index.html", "kalender.html", "spilleregler.html"]
MEMBERS = Path(__file__).parent / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
TEAL = "rgb(0, 105, 92)"  # the header's colour: the theme's and our stylesheets came from the phone's copy


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def _serving(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def served(built_site):
    with _serving(built_site.parent) as base:
        yield base + built_site.name + "/"


def _meetings(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "moeder").glob("????-??-??.html"))


def _phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="allow")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


def _kept(page) -> None:
    """Wait until the worker has kept its copy and controls the page."""
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10000)


def _caches(page) -> list[str]:
    return page.evaluate("() => caches.keys()")


def _shows(page, url: str) -> dict:
    response = page.goto(url)
    header = "() => { const h = document.querySelector('.md-header'); return h && getComputedStyle(h).backgroundColor; }"
    return {"status": response.status if response else None, "h1": page.inner_text("h1"), "header": page.evaluate(header)}


def test_after_one_visit_the_pages_open_offline(browser, served, built_site):
    context, page = _phone(browser)
    try:
        page.goto(served + "temaer.html")  # any page: one not kept in advance
        _kept(page)
        assert len([k for k in _caches(page) if k.startswith("netvaerk ")]) == 1
        context.set_offline(True)
        expected = {
            "index.html": "Familieplejernes netværk Nordsjælland",
            "moeder/index.html": "Mødeplan",
            "kalender.html": "Kalender",
            "spilleregler.html": "Spilleregler",
            "moeder/2027-01-12.html": "Første møde tirsdag den 12. januar 2027",
            "temaer.html": "Temaer",  # read before, so kept too
            "": "Familieplejernes netværk Nordsjælland",  # the folder's own address, as the QR code and links give it
        }
        for rel in _meetings(built_site):
            expected.setdefault(rel, re.compile(r"^.*møde \w+dag den \d+\. \w+ 2027$"))
        assert set(KEPT) | set(_meetings(built_site)) <= set(expected)
        for rel, title in expected.items():
            shown = _shows(page, served + rel)
            assert shown["status"] == 200, rel
            assert (title.match(shown["h1"]) if isinstance(title, re.Pattern) else shown["h1"] == title), (rel, shown)
            assert shown["header"] == TEAL, rel
        # The meeting plan's script ran from the copy too: its lists are there and sorted.
        page.goto(served + "moeder/index.html")
        assert page.eval_on_selector_all("[data-nv-plan=kommende] > li", "l => l.length") == 7
        # The search is not kept (nor the theme's script, which only the search loads): opening it says so.
        page.click("label.md-header__button[for=__search]")
        page.wait_for_function("() => /kun, når telefonen har forbindelse/.test(document.querySelector('.md-search-result__meta').textContent)")
        # A page never read: a Danish note that says so, with the way home.
        never = page.goto(served + "roller.html")
        assert never.status == 503 and page.inner_text("h1") == "Ingen forbindelse"
        page.click("text=Gå til gruppens forside")
        assert page.inner_text("h1") == "Familieplejernes netværk Nordsjælland"
        assert page.errors == []
    finally:
        context.close()


def test_the_worker_keeps_only_the_groups_pages_and_what_they_load(built_site):
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    kept = re.search(r"const KEEP = (\[.*?\]);", worker)[1]
    for rel in [*KEPT, *_meetings(built_site), "manifest.webmanifest", "kalender-qr.svg"]:
        assert f'"{rel}"' in kept
    # Our stylesheet and script, shared by the groups in the output folder (../_tema/, named by their content).
    assert re.search(r'"\.\./_tema/netvaerk\.[0-9a-f]{10}\.css"', kept) and re.search(r'"\.\./_tema/netvaerk\.[0-9a-f]{10}\.js"', kept)
    # The theme's script comes only with the search, which is not kept.
    assert "main." in kept and "bundle." not in kept and "workers/" not in kept
    assert "search_index" not in kept and "temaer.html" not in kept and "http" not in kept


def _build(root: Path, env: dict[str, str] | None = None) -> None:
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    try:
        ran = run(["build", "--today", TODAY.isoformat()], root)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert ran.code == 0, ran.err


def test_a_new_build_replaces_the_copy_and_shows_at_once(browser, tmp_path):
    root = copy_project(tmp_path)
    _build(root)
    with _serving(root / "site") as base:
        context, page = _phone(browser)
        try:
            page.goto(base + "nordsjaelland/index.html")
            _kept(page)
            (old,) = _caches(page)
            assert "Kl. 18.00–20.40" in page.inner_text(".nv-next")
            group = root / "groups" / "nordsjaelland.yaml"
            group.write_text(group.read_text(encoding="utf-8").replace("start: 18:00", "start: 19:00", 1), encoding="utf-8")
            # The test server answers a revalidation by Last-Modified, in whole seconds: a rebuild (a quarter of a
            # second) in the same second as the first build would get "304 Not Modified" and the old page. A host
            # compares ETags; here the rebuild waits for the next second.
            time.sleep(1.05 - time.time() % 1)
            _build(root)
            page.goto(base + "nordsjaelland/index.html")  # the network first: the new build shows at once
            assert "Kl. 19.00–21.40" in page.inner_text(".nv-next")
            page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
            for _ in range(100):  # the new build's worker takes over and deletes the old copy
                if len(keys := _caches(page)) == 1 and keys != [old]:
                    break
                page.wait_for_timeout(100)
            assert len(keys) == 1 and keys != [old]
            context.set_offline(True)
            page.goto(base + "nordsjaelland/moeder/2027-01-12.html")
            assert "Kl. 19.00–21.40" in page.inner_text(".nv-card")
        finally:
            context.close()


def test_a_members_page_opens_offline_and_unlocks(browser, tmp_path):
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    _build(root, {"NETVAERK_ADGANGSKODE_LUKKET": PASSPHRASE})
    with _serving(root / "site") as base:
        context, page = _phone(browser)
        try:
            page.goto(base + "lukket/index.html")
            _kept(page)
            context.set_offline(True)
            page.goto(base + "lukket/moeder/2027-02-09.html")
            page.click(".nv-laas__spoerg summary")
            page.fill("#nv-kode", PASSPHRASE)
            page.click(".nv-laas__spoerg button[type=submit]")
            page.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
            assert "Hos Bo, Slotsgade 4, 3400 Hillerød" in page.inner_text("article")
        finally:
            context.close()


def test_the_kept_files_follow_what_the_pages_load_wherever_it_lies():
    from generator.builder.offline import keep_list, version, worker

    pages = {
        "index.html": '<link rel="stylesheet" href="../_tema/main.1a2b3c4d.css"><script src="../_tema/netvaerk.5e6f7a8b.js"></script>'
        '<link rel="canonical" href="https://x.example.dk/index.html"><img src="https://other.example/p.png">',
        "moeder/index.html": '<link rel="stylesheet" href="../../_tema/main.1a2b3c4d.css"><link rel="manifest" href="../manifest.webmanifest">',
        "moeder/2027-01-12.html": '<img src="../kalender-qr.svg?v=1#x"><script src="/abs/x.js"></script>',
        "temaer.html": '<script src="../_tema/only-here.js"></script>',
        "404.html": "",
    }
    assert keep_list(pages) == [
        "index.html", "moeder/index.html", "moeder/2027-01-12.html",
        "../_tema/main.1a2b3c4d.css", "../_tema/netvaerk.5e6f7a8b.js", "manifest.webmanifest", "kalender-qr.svg", "/abs/x.js",
    ]
    assert version([("a", b"1"), ("b", b"2")]) == version([("b", b"2"), ("a", b"1")]) != version([("a", b"1"), ("b", b"3")])
    filled = worker('const KEEP = "@KEEP@";\nconst VERSION = "@VERSION@";\n', ["index.html"], "abc")
    assert filled == 'const KEEP = ["index.html"];\nconst VERSION = "abc";\n'


def test_a_kept_file_above_the_folder_that_is_missing_stops_the_build():
    from generator.builder.engine import Engine
    from generator.builder.finish import finish_site
    from generator.errors import GroupError

    page = b'<link rel="stylesheet" href="../_tema/main.css">'
    first = finish_site(Engine(), {"index.html": page}, {"main.css": b"p{}"}, "groups/gruppe.yaml")["sw.js"]
    assert b'"../_tema/main.css"' in first
    again = finish_site(Engine(), {"index.html": page}, {"main.css": b"p{color:red}"}, "groups/gruppe.yaml")["sw.js"]
    assert again != first  # a changed shared file is a new version
    with pytest.raises(GroupError, match="henter ../_tema/mangler.css, som ikke findes"):
        finish_site(Engine(), {"index.html": b'<script src="../_tema/mangler.css"></script>'}, {}, "groups/gruppe.yaml")

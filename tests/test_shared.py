"""The theme's files and ours go once into the output folder (_tema/), named by their content, and every group's
pages load them from there: two groups in one folder, a group built alone, and what is kept or pruned."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import posixpath
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from clirun import run
from conftest import CONTRACT, copy_project, own_theme
from generator.builder.project import THEME_FILES
from weight import loads, searching

TODAY = "2026-11-26"
OTHER = CONTRACT.read_bytes().replace("navn: Familieplejernes netværk Nordsjælland".encode(), "navn: Netværket i Syd".encode())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def two_groups(tmp_path_factory) -> Path:
    """Two groups built in one call into site/."""
    root = copy_project(tmp_path_factory.mktemp("to"), {"nord.yaml": CONTRACT.read_bytes(), "syd.yaml": OTHER})
    ran = run(["build", "--today", TODAY], root)
    assert ran.code == 0, ran.err
    return root / "site"


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> Path:
    """One group built by itself into a folder of its own: `netvaerk build groups/x.yaml --out DIR`."""
    root = copy_project(tmp_path_factory.mktemp("alene"), {"nord.yaml": CONTRACT.read_bytes(), "syd.yaml": OTHER})
    ran = run(["build", "groups/syd.yaml", "--out", "ud", "--today", TODAY], root)
    assert ran.code == 0, ran.err
    return root / "ud"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_theme_is_in_the_shared_folder_once_and_not_in_any_group(two_groups):
    shared = _files(two_groups / "_tema")
    names = sorted(shared)
    for group in ("nord", "syd"):
        assert not (two_groups / group / "assets").exists()
        # The offline worker stays in the group's folder: its scope cannot reach above the folder it is in.
        assert [p for p in _files(two_groups / group) if p.endswith((".css", ".js", ".png", ".svg"))] == ["kalender-qr.svg", "sw.js"]
    # Danish search only, no source maps, no other language's lunr file, nothing hidden.
    assert not [n for n in names if n.endswith(".map") or "wordcut" in n or "tinyseg" in n or "/." in f"/{n}"]
    lunr = sorted(n.rsplit("/", 1)[-1] for n in names if "/lunr/" in n)
    assert lunr == ["lunr.da.min.js", "lunr.stemmer.support.min.js"]
    # Each name carries its content's digest.
    for name, data in shared.items():
        if "/" not in name:
            digest = re.fullmatch(r"[a-z0-9-]+\.([0-9a-f]{10})\..+", name)[1]
            assert digest == hashlib.sha256(data).hexdigest()[:10], name
    assert sum(len(data) for data in shared.values()) < 400_000


def test_every_file_a_page_loads_is_there(two_groups, alone):
    """What each page links (stylesheets, scripts, icons, the manifest, the search worker, lunr) exists in the
    output folder; a group built alone has everything it needs too."""
    for out, groups in ((two_groups, ("nord", "syd")), (alone, ("syd",))):
        for group in groups:
            site = out / group
            for page in _pages(site):
                for rel in loads(site, page) + searching(site, page):
                    assert (site / rel).is_file(), f"{group}/{page} loads {rel}"
    assert sorted(p.name for p in alone.iterdir()) == ["_tema", "syd"]


def test_both_groups_link_the_very_same_files(two_groups):
    nord = set(loads(two_groups / "nord", "moeder/2027-01-12.html")) | set(searching(two_groups / "nord", "moeder/2027-01-12.html"))
    syd = set(loads(two_groups / "syd", "moeder/2027-01-12.html")) | set(searching(two_groups / "syd", "moeder/2027-01-12.html"))
    shared = {rel for rel in nord if rel.startswith("../_tema/")}
    assert len(shared) >= 6 and shared <= syd


def test_a_group_built_alone_is_the_same_site(two_groups, alone):
    """The same group file gives the same site whether built with others or alone, into another folder."""
    assert _files(alone / "syd") == _files(two_groups / "syd")
    assert _files(alone / "_tema").keys() <= _files(two_groups / "_tema").keys()


def test_the_manifest_and_printables_use_the_shared_icon_and_stylesheets(two_groups):
    manifest = (two_groups / "nord" / "manifest.webmanifest").read_text(encoding="utf-8")
    assert '"src": "../_tema/icon.' in manifest
    poster = (two_groups / "nord" / "udskrift" / "invitation.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="stylesheet" href="\.\./\.\./_tema/udskrift\.[0-9a-f]{10}\.css">', poster)
    assert re.search(r'<link rel="icon" href="\.\./\.\./_tema/icon\.[0-9a-f]{10}\.svg">', poster)


def test_shared_files_are_kept_while_a_site_links_them_and_pruned_after(tmp_path, monkeypatch):
    root = copy_project(tmp_path, {"nord.yaml": CONTRACT.read_bytes(), "syd.yaml": OTHER})
    assert run(["build", "--today", TODAY], root).code == 0
    out, css = root / "site", own_theme(monkeypatch, root) / "overrides" / "assets" / "netvaerk.css"
    before = {p.name for p in (out / "_tema").iterdir()}
    css.write_text(css.read_text(encoding="utf-8") + "\n.nv-ny { color: red; }\n", encoding="utf-8")
    # One group rebuilt: the other still links the old stylesheet, so both versions stay.
    assert run(["build", "groups/nord.yaml", "--today", TODAY], root).code == 0
    after_one = {p.name for p in (out / "_tema").iterdir()}
    assert before < after_one
    [new] = [n for n in after_one - before]
    assert new.startswith("netvaerk.") and new in (out / "nord" / "index.html").read_text(encoding="utf-8")
    # The other group rebuilt too (the stylesheet is an input of every group): now no page links the old one.
    ran = run(["build", "--today", TODAY], root)
    assert ran.code == 0 and "syd.yaml: 16 sider bygget" in ran.out and "nord.yaml: uændret" in ran.out
    assert {p.name for p in (out / "_tema").iterdir()} == (before - {n for n in before if n.startswith("netvaerk.") and n.endswith(".css")}) | {new}


def test_a_deleted_shared_file_comes_back_on_an_unchanged_build(tmp_path):
    root = copy_project(tmp_path)
    assert run(["build", "--today", TODAY], root).code == 0
    shared = root / "site" / "_tema"
    files = _files(shared)
    victim = next(shared.glob("bundle.*.js"))
    victim.unlink()
    ran = run(["build", "--today", TODAY], root)
    assert ran.code == 0 and "uændret" in ran.out
    assert _files(shared) == files


def _serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _visit_all(browser, base: str, groups: tuple[str, ...], out: Path) -> list[str]:
    """Every page of each group in one tab (as one visitor), then a search on each group's home page: what failed."""
    context = browser.new_context()
    failed: list[str] = []
    fetched: list[str] = []
    # Leaving a page stops what it was still fetching (net::ERR_ABORTED); anything else that fails counts.
    context.on("requestfailed", lambda r: failed.append(f"{r.failure}: {r.url}") if "ERR_ABORTED" not in (r.failure or "") else None)
    context.on("response", lambda response: failed.append(f"{response.status}: {response.url}") if response.status >= 400 else None)
    context.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page = context.new_page()
    page.on("pageerror", lambda error: failed.append(f"error: {error}"))
    try:
        for group in groups:
            for rel in _pages(out / group):
                page.goto(f"{base}{group}/{rel}", wait_until="load")
        for group in groups:
            page.goto(f"{base}{group}/index.html", wait_until="networkidle")
            page.locator('input[data-md-component="search-query"]').click()
            page.keyboard.type("kommunen")
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            results = page.locator(".md-search-result__item a").first.get_attribute("href")
            # Each group's search finds its own pages.
            assert posixpath.normpath(posixpath.join(f"/{group}/", urlsplit(results).path)).startswith(f"/{group}/"), results
            page.keyboard.press("Escape")
    finally:
        context.close()
    # The shared files were fetched from the one shared folder (the browser's cache serves them to the second group).
    assert any(path.startswith("/_tema/search.") and path.endswith("/lunr/min/lunr.da.min.js") for path in fetched)
    return failed


def test_two_groups_in_one_folder_load_in_chromium_with_no_failed_request(browser, two_groups):
    server, base = _serve(two_groups)
    try:
        assert _visit_all(browser, base, ("nord", "syd"), two_groups) == []
    finally:
        server.shutdown()


def test_a_group_built_alone_loads_in_chromium_with_no_failed_request(browser, alone):
    server, base = _serve(alone)
    try:
        assert _visit_all(browser, base, ("syd",), alone) == []
    finally:
        server.shutdown()


def test_the_lunr_files_shipped_are_those_of_the_language_the_site_searches_in(two_groups):
    """assets.SEARCH_LANGS must follow mkdocs.yml: the search worker fetches lunr.<lang>.min.js for each."""
    from generator.builder.engine.theme_files import SEARCH_LANGS

    config = yaml.safe_load((THEME_FILES / "mkdocs.yml").read_text(encoding="utf-8"))
    (search,) = [plugin["search"] for plugin in config["plugins"] if isinstance(plugin, dict) and "search" in plugin]
    langs = [search["lang"]] if isinstance(search["lang"], str) else search["lang"]
    assert tuple(langs) == SEARCH_LANGS
    index = json.loads((two_groups / "nord" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == list(SEARCH_LANGS)


def test_the_shared_files_are_kept_between_runs_and_a_damaged_copy_is_made_again(tmp_path, monkeypatch):
    """Collecting the shared files (reading the theme, pruning its stylesheet) happens once for the same inputs:
    the next run takes them from site_src/.cache/tema/ and builds the same site; a damaged copy is never used."""
    from generator.builder import pipeline

    root = copy_project(tmp_path, {"nord.yaml": CONTRACT.read_bytes()})
    assert run(["build", "--today", TODAY], root).code == 0
    first = _files(root / "site")
    [kept] = list((root / "site_src" / ".cache" / "tema").iterdir())
    collected = []
    real = pipeline.shared_files
    monkeypatch.setattr(pipeline, "shared_files", lambda *a, **k: collected.append(1) or real(*a, **k))
    assert run(["build", "--force", "--today", TODAY], root).code == 0
    assert collected == [] and _files(root / "site") == first
    # A kept file that no longer matches its digest: collected again, and the site is the same.
    css = next((kept / "files").glob("main.*.min.css"))
    css.write_bytes(css.read_bytes().replace(b"}", b"} body{display:none}", 1))
    assert run(["build", "--force", "--today", TODAY], root).code == 0
    assert collected == [1] and _files(root / "site") == first
    # Changed overrides make a new key; the old entry goes.
    sheet = own_theme(monkeypatch, root) / "overrides" / "assets" / "netvaerk.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n.nv-ny { color: red; }\n", encoding="utf-8")
    assert run(["build", "--today", TODAY], root).code == 0
    assert collected == [1, 1] and [p.name for p in (root / "site_src" / ".cache" / "tema").iterdir()] != [kept.name]
    assert len(list((root / "site_src" / ".cache" / "tema").iterdir())) == 1

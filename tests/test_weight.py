"""Light pages: the transfer sizes of the contract site and of a members' area site, computed from the built files
(weight.py says what counts), stay within budget."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest

from clirun import run
from conftest import TODAY, copy_project
from weight import GZIP_LEVEL, foreign, gzipped, loads, searching, weight

FIRST_VISIT_BUDGET = 50_000  # bytes, gzipped: the home page and everything it loads, the offline worker too
PAGE_BUDGET = 5_000  # bytes, gzipped: each further page (its assets are cached by then)
SEARCH_BUDGET = 65_000  # bytes, gzipped: what opening the search adds (Material's script, the search worker, index, lunr)


def test_first_visit_is_within_budget(built_site):
    assert weight(built_site).first_visit <= FIRST_VISIT_BUDGET


def test_opening_the_search_is_within_budget(built_site):
    assert 0 < weight(built_site).search <= SEARCH_BUDGET


def test_each_further_page_is_within_budget(built_site):
    pages = weight(built_site).pages
    assert len(pages) >= 14
    over = {page: size for page, size in pages.items() if size >= PAGE_BUDGET}
    assert not over


def test_first_visit_counts_the_theme_our_files_and_the_offline_worker(built_site):
    first = loads(built_site, "index.html")
    assert first[0] == "index.html"
    names = " ".join(first)
    for part in ("main.", "netvaerk.", "manifest.webmanifest", "sw.js"):
        assert part in names
    # Everything but the page, the manifest and the offline worker is shared by the groups, beside the group's folder.
    assert [name for name in first if not name.startswith("../_tema/")] == ["index.html", "manifest.webmanifest", "sw.js"]
    assert not any("palette." in name for name in first)  # left out by overrides/main.html
    # Material's script and the search come only when the search is opened.
    assert not any(part in names for part in ("bundle.", "workers/search.", "search_index.json", "lunr."))


def test_opening_the_search_counts_materials_script_the_worker_the_index_and_lunr(built_site):
    found = searching(built_site, "index.html")
    names = " ".join(found)
    for part in ("../_tema/bundle.", "workers/search.", "search/search_index.json", "lunr.da.min.js", "lunr.stemmer.support"):
        assert part in names
    assert all((built_site / rel).is_file() for rel in found)


def test_no_page_loads_anything_from_another_host(built_site):
    pages = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")]
    assert pages
    assert {page: foreign(built_site, page) for page in pages if foreign(built_site, page)} == {}


def test_sizes_are_gzip_at_the_stated_level():
    data = ("Familieplejernes netværk " * 200).encode()
    assert gzipped(data) == len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)) < len(data) // 10


# A members' area site (tests/members/lukket.yaml): the same budgets, with the lock's script in the first visit. What
# the lock seals is ciphertext, which gzip cannot shrink; the build packs it first (generator/lock/pack.py).
MEMBERS = Path(__file__).parent / "members" / "lukket.yaml"
_SEALED = re.compile(rb'data-nv-lock="[^"]*"')


@pytest.fixture(scope="module")
def members_site(tmp_path_factory, monkeypatch_module) -> Path:
    root = copy_project(tmp_path_factory.mktemp("lukket"), {"lukket.yaml": MEMBERS.read_bytes()})
    monkeypatch_module.setenv("NETVAERK_ADGANGSKODE_LUKKET", "pavillon tun middag gryde fjerbold lime")
    ran = run(["build", "--today", TODAY.isoformat()], root)
    assert ran.code == 0, ran.err
    return root / "site" / "lukket"


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_a_members_sites_first_visit_is_within_budget_and_counts_the_lock(members_site):
    first = loads(members_site, "index.html")
    assert any(name.startswith("assets/javascripts/laas.") for name in first)
    assert weight(members_site).first_visit <= FIRST_VISIT_BUDGET


def test_a_members_sites_pages_are_within_budget_sealed_fragments_and_all(members_site):
    pages = weight(members_site).pages
    assert len(pages) >= 14
    assert {page: size for page, size in pages.items() if size >= PAGE_BUDGET} == {}
    # The pages that carry the most sealed bytes are among those weighed: the roles table, the members' calendar.
    sealed = {page for page in pages if _SEALED.search((members_site / page).read_bytes())}
    assert {"roller.html", "kalender.html", "moeder/2027-02-09.html"} <= sealed


def _planned_on(text: str, count: int) -> str:
    """The members' group file with `count` more meetings, every third at a member's home, each with its roles."""
    names = ["Anne Jensen", "Bo Hansen", "Carla Nielsen", "Dorte Madsen", "Erik Larsen", "Fatima Ali", "Gitte Poulsen"]
    homes = [("Hos Bo, Slotsgade 4, 3400 Hillerød", "Bo Hansen"), ("Hos Gitte, Søndervang 12, 3400 Hillerød", "Gitte Poulsen")]
    themes = ["Sorg og tab", "Samarbejde med forældre", "Søskende", "Skolen", "Ferie"]
    day = dt.date(2027, 8, 10)
    for i in range(count):
        place, host = homes[i % 2]
        text += (
            f"\n  - dato: {day + dt.timedelta(weeks=3 * i)}\n    start: 18:00\n    sted: {place}\n    vært: {host}\n"
            f"    tema: {themes[i % len(themes)]}\n    temaansvarlige: [{names[(i + 2) % 7]}]\n"
            f"    ordstyrer: {names[i % 7]}\n    referent: {names[(i + 1) % 7]}\n"
        )
    return text


def test_a_members_site_with_24_meetings_keeps_every_page_within_budget(tmp_path, monkeypatch):
    """The plan grows with every meeting (past meetings stay in the file), and so do the pages that list them with
    their sealed names and places: Mødeplan, Temaer, Roller."""
    text = _planned_on(MEMBERS.read_text(encoding="utf-8").rstrip() + "\n", 17)
    root = copy_project(tmp_path, {"lukket.yaml": text.encode("utf-8")})
    monkeypatch.setenv("NETVAERK_ADGANGSKODE_LUKKET", "pavillon tun middag gryde fjerbold lime")
    ran = run(["build", "--today", TODAY.isoformat()], root)
    assert ran.code == 0, ran.err
    site = root / "site" / "lukket"
    assert len(list((site / "moeder").glob("????-??-??.html"))) == 24
    pages = weight(site).pages
    assert {page: size for page, size in pages.items() if size >= PAGE_BUDGET} == {}
    assert weight(site).first_visit <= FIRST_VISIT_BUDGET

"""site/index.html: the list of groups written by `netvaerk build`."""

from __future__ import annotations

import html
import json
import re

import pytest

from clirun import run
from conftest import CONTRACT, TODAY, copy_project
from generator.builder.engine import Engine
from generator.builder.pipeline import publish_overview, start
from generator.builder.project import Project
from generator.danish import sort_key
from generator.site.overview import Listing, rows
from weight import gzipped

SMALL = """\
navn: {name}
by: {city}
formål: Vi mødes.
arrangør:
  navn: Anne
medlemmer:
  - navn: Anne
  - navn: Bo
møder:
  - dato: 2027-02-02
    start: 19:00
    sted: Biblioteket
    ordstyrer: Anne
    referent: Bo
{extra}"""


def _project(tmp_path):
    return copy_project(
        tmp_path,
        {
            "nordsjaelland.yaml": CONTRACT.read_bytes(),
            "aarhus-vest.yaml": SMALL.format(name="Aarhus Vest & omegn", city="Aarhus", extra="").encode(),
            "hemmelig.yaml": SMALL.format(name="Den lukkede gruppe", city="Skjern", extra="i oversigt: nej\n").encode(),
        },
    )


def test_build_lists_the_groups_on_an_index_page(tmp_path):
    root = _project(tmp_path)
    ran = run(["build", "--today", "2026-11-26"], root)
    assert ran.code == 0, ran.err
    assert ran.out == (
        "groups/aarhus-vest.yaml: 10 sider bygget i site/aarhus-vest/\n"
        "groups/hemmelig.yaml: 10 sider bygget i site/hemmelig/\n"
        "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n"
    )
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"><span class="nv-name">([^<]+)</span>(.*?)</a>', page)
    # By town in Danish order: Hillerød before Aarhus ("aa" is å, after z).
    assert [(href, html.unescape(name)) for href, name, _ in links] == [
        ("nordsjaelland/index.html", "Familieplejernes netværk Nordsjælland"),
        ("aarhus-vest/index.html", "Aarhus Vest & omegn"),
    ]
    assert html.unescape(links[0][2]) == (
        '<span class="nv-meta nv-by">Hillerød</span><span class="nv-meta">Næste møde: tirsdag den 12. januar 2027 kl. 18.00</span>'
    )
    for href, _, _ in links:
        assert (root / "site" / href).is_file()
    assert "lukkede" not in page and "hemmelig" not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert (root / "site" / "hemmelig" / "index.html").is_file()  # opting out of the list does not unpublish


def test_building_chosen_files_leaves_the_index_alone(tmp_path):
    root = _project(tmp_path)
    ran = run(["build", "groups/aarhus-vest.yaml", "--today", "2026-11-26"], root)
    assert ran.code == 0
    assert not (root / "site" / "index.html").exists()


def test_index_page_works_on_a_phone(tmp_path, browser):
    root = _project(tmp_path)
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    page = browser.new_page(viewport={"width": 375, "height": 667})
    try:
        page.goto((root / "site" / "index.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        link = page.get_by_role("link", name=re.compile("Aarhus Vest & omegn"))
        box = link.bounding_box()
        assert box and box["height"] >= 44
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith("/aarhus-vest/index.html")
        assert "Aarhus Vest & omegn" in page.title()
    finally:
        page.close()


def _names(root):
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    return [html.unescape(name) for name in re.findall(r'<span class="nv-name">([^<]*)</span>', page)]


def test_an_unchanged_rebuild_writes_the_same_list(tmp_path):
    root = _project(tmp_path)
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    first = (root / "site" / "index.html").read_bytes()
    ran = run(["build", "--today", "2026-11-26"], root)
    assert ran.code == 0 and ran.out.count("uændret siden sidst") == 3
    assert (root / "site" / "index.html").read_bytes() == first


def test_the_list_shows_what_is_published_not_a_file_that_failed(tmp_path):
    root = _project(tmp_path)
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    edited = root / "groups" / "aarhus-vest.yaml"
    edited.write_text(SMALL.format(name="Nyt navn", city="Aarhus", extra="").replace("referent: Bo", "referent: Ukendt"), encoding="utf-8")
    assert run(["build", "--today", "2026-11-26"], root).code == 1
    # The failed group's previous site stays up, and so does the list that names it.
    assert _names(root) == ["Familieplejernes netværk Nordsjælland", "Aarhus Vest & omegn"]
    edited.write_text(SMALL.format(name="Nyt navn", city="Aarhus", extra=""), encoding="utf-8")
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    assert _names(root) == ["Familieplejernes netværk Nordsjælland", "Nyt navn"]


def test_a_tampered_stamp_shows_as_text_or_is_rebuilt(tmp_path):
    root = _project(tmp_path)
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    marker = Project(root).notes_for(root / "site") / "aarhus-vest.stamp.json"
    note = json.loads(marker.read_text(encoding="utf-8"))
    body = note["stamp"]
    body["listing"]["name"] = "<script>alert(1)</script>"
    marker.write_text(json.dumps(note), encoding="utf-8")
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    assert "<script>" not in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert _names(root)[1] == "<script>alert(1)</script>"  # escaped: shown as text, never run
    body["listing"] = {"name": 3}
    marker.write_text(json.dumps(note), encoding="utf-8")
    ran = run(["build", "--today", "2026-11-26"], root)
    assert "groups/aarhus-vest.yaml: 10 sider bygget i site/aarhus-vest/" in ran.out  # unreadable stamp: build again
    assert _names(root) == ["Familieplejernes netværk Nordsjælland", "Aarhus Vest & omegn"]
    marker.write_text("{ikke json", encoding="utf-8")
    ran = run(["build", "--today", "2026-11-26"], root)
    assert (ran.code, ran.out.count(" sider bygget i "), ran.out.count("uændret")) == (0, 1, 2)  # unreadable note: that group again
    marker.unlink()
    ran = run(["build", "--today", "2026-11-26"], root)
    assert (ran.code, ran.out.count(" sider bygget i "), ran.out.count("uændret")) == (0, 1, 2)  # no stamp: that group again


# Many groups: order, the field that narrows the list, and weight

TOWNS = ("Aarhus", "Aabenraa", "Ærø", "Odense", "Ølstykke", "Hillerød", "Åbyhøj", "")


def _listings(count: int) -> dict[str, Listing]:
    """`count` groups spread over the towns (every eighth without one), numbered out of order."""
    found = {}
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        name = f"Gruppe {(i * 7) % count + 1:04d}" + (" Vest" if i % 3 == 0 else "")
        found[f"gruppe-{i + 1:04d}"] = Listing(name, town, "tirsdag den 12. januar 2027 kl. 18.00", False)
    return found


def test_the_list_is_ordered_by_town_then_name_in_danish_order():
    listings = _listings(40)
    shown = rows(listings)
    towns = [str(row["city"]) for row in shown]
    # Æ, Ø and Å come after Z, and "Aa" is Å; groups that give no town come last.
    assert list(dict.fromkeys(towns)) == ["Hillerød", "Odense", "Ærø", "Ølstykke", "Aabenraa", "Åbyhøj", "Aarhus", ""]
    for town in set(towns):
        names = [str(row["name"]) for row in shown if row["city"] == town]
        assert names == sorted(names)
    assert sort_key("Aalborg") == sort_key("Ålborg") > sort_key("Østerbro") > sort_key("Ærø") > sort_key("Zealand")


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    """The list of 1,000 groups, published as `netvaerk build` publishes it, with the shared files beside it."""
    root = copy_project(tmp_path_factory.mktemp("tusind"), {})
    out = root / "site"
    assets = start(Project(root), out, TODAY, Engine()).assets
    publish_overview(out, _listings(1000), assets)
    return out


def test_the_list_of_1000_groups_stays_light(thousand):
    page = (thousand / "index.html").read_bytes()
    css, script = re.findall(rb'(?:href|src)="(_tema/[^"]+)"', page)
    transferred = sum(gzipped((thousand / rel.decode()).read_bytes()) for rel in (b"index.html", css, script))
    assert page.count(b"<li>") == 1000
    assert transferred < 25_000  # bytes, gzipped: the page, its stylesheet and its script


def _visible(page) -> list[str]:
    return page.locator("#nv-grupper > li:visible .nv-name").all_inner_texts()


def test_the_field_narrows_the_list_as_you_type(browser, thousand):
    page = browser.new_page(viewport={"width": 360, "height": 640})
    try:
        page.goto((thousand / "index.html").as_uri())
        field = page.get_by_label("Find en gruppe: skriv gruppens navn eller by")
        assert field.is_visible()
        assert len(_visible(page)) == 1000
        field.press_sequentially("ølst")
        assert page.locator("#nv-grupper > li:visible .nv-by").all_inner_texts() == ["Ølstykke"] * 125
        assert page.locator("#nv-antal").inner_text() == "125 grupper passer."
        # Every word must match, by name or town, whatever the case; "aa" and "å" are the same letter.
        field.fill("")
        field.press_sequentially("VEST århus")
        aarhus = [str(row["name"]) for row in rows(_listings(1000)) if row["city"] == "Aarhus" and "Vest" in str(row["name"])]
        assert _visible(page) == aarhus and len(aarhus) > 10
        field.fill("")
        field.press_sequentially("gruppe 0007 ")
        assert _visible(page) == ["Gruppe 0007 Vest"]
        field.press_sequentially("xyz")
        assert _visible(page) == [] and page.locator("#nv-antal").inner_text() == "Ingen grupper passer."
        field.fill("")
        field.dispatch_event("input")
        assert len(_visible(page)) == 1000 and page.locator("#nv-antal").inner_text() == ""
        field.press_sequentially("0007")
        link = page.get_by_role("link", name=re.compile("Gruppe 0007"))
        assert re.fullmatch(r"gruppe-\d{4}/index\.html", link.get_attribute("href"))
    finally:
        page.close()


def test_without_javascript_the_whole_list_shows_and_no_field(browser, thousand):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((thousand / "index.html").as_uri())
        assert not page.locator("#nv-soeg").is_visible()
        assert len(_visible(page)) == 1000
    finally:
        context.close()

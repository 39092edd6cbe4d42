"""site/index.html: the list of groups written by `netvaerk build`."""

from __future__ import annotations

import html
import json
import re

from clirun import run
from conftest import CONTRACT, copy_project
from generator.build.project import Project

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

"""Correct pages: valid HTML by the Nu HTML checker, a Danish 404 page, and a description for search engines."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clirun import run
from conftest import CONTRACT, IN_CI, NODE_MODULES, TODAY, copy_project
from generator.builder.engine.mend import mend
from generator.errors import GroupError
from generator.site.config import DESCRIPTION_CHARS, description

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
MEMBERS = Path(__file__).parent / "members" / "lukket.yaml"
PURPOSE = (
    "Vi er familieplejere i Nordsjælland, som mødes for at støtte hinanden i hverdagen og blive klogere på arbejdet "
    "med børn i eget hjem."
)


def _vnu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors (not warnings) in the files; skipped outside CI without Java or vnu-jar."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        if IN_CI:
            pytest.fail("java or tests/js/node_modules/vnu-jar is missing; .ci/run installs them")
        pytest.skip("the Nu HTML checker needs java and `npm ci` in tests/js")
    ran = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)], capture_output=True, text=True, check=False
    )
    messages = json.loads(ran.stderr)["messages"]
    return [f"{m.get('url', '').rsplit('/', 2)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


@pytest.mark.slow
def test_the_contract_site_has_no_html_errors(built_site):
    files = _html_files(built_site)
    assert len(files) == 23  # 16 pages and 7 printables (the 404 page is the output folder's: next test)
    assert _vnu_errors(files) == []


@pytest.mark.slow
def test_a_members_area_site_and_the_output_folders_pages_have_no_html_errors(tmp_path):
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes(), "nordsjaelland.yaml": CONTRACT.read_bytes()})
    os.environ["NETVAERK_ADGANGSKODE_LUKKET"] = "pavillon tun middag gryde fjerbold lime"
    try:
        ran = run(["build", "--today", TODAY.isoformat()], root)
    finally:
        del os.environ["NETVAERK_ADGANGSKODE_LUKKET"]
    assert ran.code == 0, ran.err
    files = _html_files(root / "site" / "lukket") + [root / "site" / "index.html", root / "site" / "404.html"]
    assert _vnu_errors(files) == []


def test_the_theme_toggles_lose_only_their_autocomplete(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in page
    assert '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">' in page
    assert 'type="checkbox" id="__drawer" autocomplete' not in page


def test_a_changed_theme_stops_the_build_instead_of_passing_unnoticed():
    written = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    search = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
    assert mend("<p>Et udskriftsark</p>", "udskrift/x.html", "groups/x.yaml") == "<p>Et udskriftsark</p>"
    with pytest.raises(GroupError) as caught:
        mend(written + search.replace('type="checkbox" ', ""), "index.html", "groups/x.yaml")
    assert "temaet skriver ikke sine vippeknapper som ventet på index.html" in str(caught.value)
    # The plain path (which another mkdocs-material version takes) mends what it knows and leaves the rest be.
    changed = written + search.replace('type="checkbox" ', "")
    mended = mend(changed, "index.html", "groups/x.yaml", strict=False)
    assert mended == written.replace(' autocomplete="off"', "") + search.replace('type="checkbox" ', "")


def test_a_group_has_no_404_page_of_its_own(built_site):
    # A host shows the output folder's 404.html for any missing address (GitHub Pages no other), so a group's own
    # would never be seen: the next test checks the one that is.
    assert not (built_site / "404.html").exists()


def test_the_output_folder_has_a_danish_404_page(tmp_path):
    root = copy_project(tmp_path)
    assert run(["build", "--today", TODAY.isoformat()], root).code == 0
    page = (root / "site" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in page and "<h1>Siden findes ikke</h1>" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "<script" not in page and "href=" not in page  # it cannot know where it is shown


def test_every_page_describes_the_group_by_its_purpose(built_site):
    for page in ("index.html", "moeder/2027-01-12.html", "kalender.html"):
        text = (built_site / page).read_text(encoding="utf-8")
        assert f'<meta name="description" content="{PURPOSE}">' in text, page


def test_a_long_purpose_is_cut_at_a_word_and_a_short_one_kept():
    assert description("  Vi mødes\n  hver måned. ") == "Vi mødes hver måned."
    long = "Vi er familieplejere, " + "som mødes for at støtte hinanden, " * 10
    cut = description(long)
    assert len(cut) <= DESCRIPTION_CHARS and cut.endswith("hinanden…") and long.startswith(cut[:-1])


def test_the_description_is_escaped_for_its_attribute(tmp_path):
    hostile = 'Vi "citerer" <b>fed</b> & \'enkelt\' javascript:alert(1)'
    source = CONTRACT.read_text(encoding="utf-8")
    group = re.sub(r"formål: >-\n(  .*\n)+", f"formål: {json.dumps(hostile, ensure_ascii=False)}\n", source)
    root = copy_project(tmp_path, {"nordsjaelland.yaml": group.encode("utf-8")})
    ran = run(["build", "--today", TODAY.isoformat()], root)
    assert ran.code == 0, ran.err
    page = (root / "site" / "nordsjaelland" / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta name="description" content="([^"]*)">', page)
    assert meta and html.unescape(meta[1]) == hostile
    assert "<b>" not in meta[0]

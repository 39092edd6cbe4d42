"""Printables: the invitation (A4 and e-mail text), agenda posters and the private contact list."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from conftest import CONTRACT, ROOT, TODAY, build_one, copy_project
from generator.builder.project import Project
from generator.builder.publish import prepare_output
from generator.guide import content as guide

GOLDEN_TXT = ROOT / "tests" / "golden" / "udskrift" / "nordsjaelland-invitation.txt"

STRESS = """\
navn: Plejefamilier <i> "Vest" & co
formål: Vi mødes.
arrangør:
  navn: Ole Udenfor
  telefon: +45 11 22 33 44
  email: ole.udenfor@example.dk
medlemmer:
{members}
møder:
  - dato: 2027-03-02
    start: 17:30
    sted: <script>alert(1)</script> & "Kirkevej" 2
    ordstyrer: Medlem Nummer 1
    referent: Medlem Nummer 2
    dagsorden:
{items}
"""


def _stress_text() -> str:
    members = "\n".join(
        f"  - navn: Medlem Nummer {i}\n    telefon: 20 30 40 {i:02d}\n    email: et.meget.langt.navn.nummer.{i}@eksempel-kommune.example.dk"
        for i in range(1, 13)
    )
    items = "\n".join(
        f"      - punkt: Et ret langt dagsordenspunkt nummer {i} om noget vigtigt\n        minutter: 10\n        ved: ordstyrer"
        for i in range(1, 16)
    )
    return STRESS.format(members=members, items=items).replace("<i> ", "")


@pytest.fixture(scope="module")
def stress_site(tmp_path_factory) -> Path:
    """A group with 12 members with long e-mails and a 15-item agenda, built once."""
    root = copy_project(tmp_path_factory.mktemp("stress"), {"vest.yaml": _stress_text().encode()})
    project = Project(root)
    prepare_output(root / "site", project)
    build_one(project, root / "groups" / "vest.yaml", "vest", root / "site", TODAY)
    return root


def test_invitation_text_for_e_mail(built_site, update_golden):
    text = (built_site / "udskrift" / "invitation.txt").read_text(encoding="utf-8")
    if update_golden:
        GOLDEN_TXT.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_TXT.write_text(text, encoding="utf-8")
    assert text == GOLDEN_TXT.read_text(encoding="utf-8")
    assert text.startswith("\ufeffHillerød, 26. november 2026\n")
    assert "18.00–18.15  Velkommen – Anne Jensen (ordstyrer)\n18.15–19.00  Præsentationsrunde – Alle\n" in text
    assert text.endswith("Læs mere om gruppen: https://nordsjaelland.example.dk/\n")


def _visible(html: str) -> str:
    """The text a reader sees: tags dropped, character references decoded, spaces folded."""
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_invitation_page_has_what_the_guide_asks_for(built_site):
    html = (built_site / "udskrift" / "invitation.html").read_text(encoding="utf-8")
    seen = _visible(html)
    for expected in (
        "Familieplejernes netværk Nordsjælland",
        "Hvornår Tirsdag den 12. januar 2027 kl. 18.00–20.40",
        "Hvor Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød",
        "Svar senest Tirsdag den 5. januar 2027",
        "Svar til Anne Jensen Telefon 20 30 40 50 E-mail anne.jensen@example.dk",
        "Gruppens side: https://nordsjaelland.example.dk/",
        "Dagsorden for tirsdag den 12. januar 2027",
    ):
        assert expected in seen
    for question in guide.preparation_questions():
        assert " ".join(question.split()) in seen
    svg = re.search(r'<svg viewBox="0 0 (\d+) \1" class="nv-qr">.*?</svg>', html, re.S)
    assert svg and "<path" in svg[0]
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_invitation_without_an_address_has_no_qr_code(tmp_path):
    text = CONTRACT.read_text(encoding="utf-8").replace("adresse: https://nordsjaelland.example.dk/\n", "")
    root = copy_project(tmp_path, {"nordsjaelland.yaml": text.encode()})
    project = Project(root)
    prepare_output(root / "site", project)
    build_one(project, root / "groups" / "nordsjaelland.yaml", "nordsjaelland", root / "site", TODAY)
    html = (root / "site" / "nordsjaelland" / "udskrift" / "invitation.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "Gruppens side" not in html


def test_one_poster_per_meeting_that_is_not_cancelled(built_site):
    posters = sorted(p.name for p in (built_site / "udskrift").glob("dagsorden-*.html"))
    assert posters == [f"dagsorden-{d}.html" for d in ("2027-01-12", "2027-02-09", "2027-03-09", "2027-04-20", "2027-05-11", "2027-06-08")]
    seen = _visible((built_site / "udskrift" / "dagsorden-2027-03-09.html").read_text(encoding="utf-8"))
    assert "Dagsorden Tirsdag den 9. marts 2027" in seen
    assert "Tema: Forholdet til kommunen" in seen
    assert "18.20–20.00 Temaoplæg m.m. Dorte Madsen, Erik Larsen" in seen
    assert "20.50 Eventuelt Alle" in seen
    assert "Ordstyrer: Carla Nielsen · Referent: Dorte Madsen" in seen


def test_site_links_to_the_printables(built_site):
    meeting = (built_site / "moeder" / "2027-02-09.html").read_text(encoding="utf-8")
    assert '<a class="md-button" href="../udskrift/dagsorden-2027-02-09.html">Udskriv dagsordenen som plakat til væggen</a>' in meeting
    assert "udskrift/" not in (built_site / "moeder" / "2027-04-13.html").read_text(encoding="utf-8")
    invitation = (built_site / "invitation.html").read_text(encoding="utf-8")
    assert '<a href="udskrift/invitation.html">' in invitation and '<a href="udskrift/invitation.txt">' in invitation


def test_contact_list_is_private_and_complete(stress_site):
    site = stress_site / "site"
    private = stress_site / "private" / "vest-kontaktliste.html"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    seen = _visible(private.read_text(encoding="utf-8"))
    assert "Kun til gruppens medlemmer." in seen
    assert "Ole Udenfor (arrangør) +45 11 22 33 44 ole.udenfor@example.dk" in seen
    for i in range(1, 13):
        assert f"Medlem Nummer {i} 20 30 40 {i:02d} et.meget.langt.navn.nummer.{i}@eksempel-kommune.example.dk" in seen
    assert not [p for p in site.rglob("*kontaktliste*")]
    published = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"20 30 40 01" not in published and b"eksempel-kommune" not in published


def test_hostile_text_stays_text(stress_site):
    poster = (stress_site / "site" / "vest" / "udskrift" / "dagsorden-2027-03-02.html").read_text(encoding="utf-8")
    assert "<script" not in poster
    assert '<script>alert(1)</script> & "Kirkevej" 2' in _visible(poster)


def _pages(browser, path: Path) -> int:
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    counts = re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf, re.S) or re.findall(rb"/Count\s+(\d+)", pdf)
    assert counts, "no page count in the PDF"
    return int(counts[0])


def test_print_layout_page_counts(browser, built_site, stress_site):
    assert _pages(browser, built_site / "udskrift" / "invitation.html") <= 2
    for poster in sorted((built_site / "udskrift").glob("dagsorden-*.html")):
        assert _pages(browser, poster) == 1, poster.name
    assert _pages(browser, built_site.parent.parent / "private" / "nordsjaelland-kontaktliste.html") == 1
    # A long agenda and a full member list still fit.
    assert _pages(browser, stress_site / "site" / "vest" / "udskrift" / "dagsorden-2027-03-02.html") == 1
    assert _pages(browser, stress_site / "site" / "vest" / "udskrift" / "invitation.html") <= 2
    assert _pages(browser, stress_site / "private" / "vest-kontaktliste.html") == 1

"""The Kalender page and the "Tilføj til kalender" buttons as a member sees them on a phone."""

from __future__ import annotations

import datetime as dt
import html.parser
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import CONTRACT, ROOT, TODAY, commit_groups, copy_project, node_modules
from generator.facts.qr import qr_file
from ical_parsers import icalendar_events

PHONE = {"width": 390, "height": 844}
FEED = "https://nordsjaelland.example.dk/kalender.ics"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def buttons(page) -> list[dict]:
    """The buttons a member sees in the page's article (those hidden for another day left out)."""
    return page.eval_on_selector_all(
        "article a.md-button",
        """els => els.filter(a => a.checkVisibility()).map(a => {
            const r = a.getBoundingClientRect();
            return {text: a.textContent.trim(), href: a.getAttribute("href"), width: r.width, height: r.height};
        })""",
    )


def assert_fits_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for button in buttons(page):
        assert button["height"] >= 44 and button["width"] >= 44, button


def test_calendar_page_on_a_phone(phone, site_server):
    phone.goto(site_server + "kalender.html")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "kalender-390x844.png"), full_page=False)
    phone.screenshot(path=str(ARTIFACTS / "kalender-390x844-full.png"), full_page=True)
    assert phone.inner_text("article h1") == "Kalender"
    found = buttons(phone)
    assert [(b["text"], b["href"]) for b in found] == [
        ("Abonnér på kalenderen", "webcal://nordsjaelland.example.dk/kalender.ics"),
        ("Tilføj i Google Kalender", "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fnordsjaelland.example.dk%2Fkalender.ics"),
    ]
    google = urlsplit(found[1]["href"])
    assert (google.scheme, google.netloc, parse_qs(google.query)) == (
        "https",
        "calendar.google.com",
        {"cid": ["webcal://nordsjaelland.example.dk/kalender.ics"]},
    )
    assert_fits_phone(phone)
    assert phone.inner_text(".nv-feed-address code") == FEED
    text = phone.inner_text("article")
    for needle in ("iPhone og iPad", "Android med Google Kalender", "Outlook", "Abonnerer du", "Tilføj til kalender"):
        assert needle in text
    # Both buttons are visible without scrolling on a 390×844 screen.
    assert all(b["height"] < 80 for b in found)
    first_button_bottom = phone.eval_on_selector("article a.md-button", "a => a.getBoundingClientRect().bottom")
    assert first_button_bottom < PHONE["height"]


def test_qr_code_is_the_calendar_page_address_and_fits(phone, site_server):
    phone.goto(site_server + "kalender.html")
    image = phone.eval_on_selector(
        "img.nv-qr",
        "img => ({src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0, width: img.getBoundingClientRect().width})",
    )
    assert image["src"] == "kalender-qr.svg" and image["loaded"]
    assert 150 <= image["width"] <= PHONE["width"]
    served = phone.request.get(site_server + "kalender-qr.svg").body()
    expected = qr_file("https://nordsjaelland.example.dk/kalender.html", "QR-kode til kalenderen for Familieplejernes netværk Nordsjælland")
    assert served == expected


def test_calendar_comes_after_the_meeting_plan_in_the_navigation(phone, site_server):
    phone.goto(site_server + "index.html")
    titles = phone.eval_on_selector_all(
        "nav.md-nav--primary > ul > li > :is(a, label, div) ",
        "els => els.map(e => e.textContent.trim().split('\\n')[0].trim())",
    )
    titles = [t for t in titles if t]
    assert titles.index("Kalender") == titles.index("Mødeplan") + 1, titles


def test_add_to_calendar_on_the_next_meeting_card(phone, site_server, built_site):
    phone.goto(site_server + "index.html")
    found = [b for b in buttons(phone) if b["text"] == "Tilføj til kalender"]
    assert [b["href"] for b in found] == ["moeder/2027-01-12.ics"]
    assert_fits_phone(phone)
    response = phone.request.get(site_server + "moeder/2027-01-12.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.body() == (built_site / "moeder" / "2027-01-12.ics").read_bytes()


def test_add_to_calendar_on_meeting_pages(phone, site_server):
    phone.goto(site_server + "moeder/2027-03-09.html")
    assert [(b["text"], b["href"]) for b in buttons(phone)] == [
        ("Tilføj til kalender", "2027-03-09.ics"),
        ("Abonnér på alle møder", "../kalender.html"),
        ("Udskriv dagsordenen som plakat til væggen", "../udskrift/dagsorden-2027-03-09.html"),
        # Afbud with one tap, to the organiser, whose number and e-mail the public site shows anyway.
        ("Send afbud på sms", "sms:20304050?&body=Jeg%20melder%20afbud%20til%20netv%C3%A6rksm%C3%B8det%20tirsdag%20den%209.%20marts%202027."),
        (
            "Send afbud på e-mail",
            "mailto:anne.jensen@example.dk?subject=Afbud%20til%20netv%C3%A6rksm%C3%B8det%209.%20marts%202027"
            "&body=Jeg%20melder%20afbud%20til%20netv%C3%A6rksm%C3%B8det%20tirsdag%20den%209.%20marts%202027.",
        ),
    ]
    assert_fits_phone(phone)
    phone.goto(site_server + "moeder/2027-04-13.html")  # cancelled: nothing to add
    assert buttons(phone) == []


def test_calendar_page_has_no_accessibility_violations(phone, site_server):
    axe = node_modules() / "axe-core" / "axe.min.js"
    phone.goto(site_server + "kalender.html")
    phone.add_script_tag(path=str(axe))
    result = phone.evaluate(
        """axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})
           .then(r => r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))]))"""
    )
    assert result == []


def test_site_serves_the_feed_exactly_as_generated(built_site):
    golden = ROOT / "tests" / "golden" / "kalender"
    assert (built_site / "kalender.ics").read_bytes() == (golden / "nordsjaelland.ics").read_bytes()
    assert (built_site / "moeder" / "2027-04-20.ics").read_bytes() == (golden / "nordsjaelland-2027-04-20.ics").read_bytes()


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "md-button" in (attributes.get("class") or ""):
            self.links.append((attributes["class"], attributes["href"]))
        if tag == "img":
            self.images.append(attributes["src"])


def test_without_address_the_page_offers_the_file_and_the_build_tells_the_organiser(tmp_path):
    from conftest import build_one
    from generator.builder.project import Project
    from generator.builder.publish import prepare_output

    data = CONTRACT.read_bytes().replace(b"adresse: https://nordsjaelland.example.dk/\n", b"")
    assert b"adresse:" not in data
    root = copy_project(tmp_path, {"nordsjaelland.yaml": data})
    project = Project(root)
    prepare_output(root / "site", project)
    built = build_one(project, root / "groups" / "nordsjaelland.yaml", "nordsjaelland", root / "site", TODAY)
    page = (root / built.target / "kalender.html").read_text(encoding="utf-8")
    # What to write in the group file is for the organiser, in the build's warnings; members only get the file.
    assert "arrangøren" not in page and "mingruppe" not in page and "adresse:" not in page
    assert "Hent kalenderfilen, og læg møderne i din kalender." in page
    assert [w for w in built.messages if ": adresse: " in w] == [
        "groups/nordsjaelland.yaml:4:1: adresse: advarsel: sidens link mangler, så medlemmerne ikke kan abonnere på kalenderen, "
        "og siden får ingen QR-kode; skriv linket, når siden er lagt ud, fx 'adresse: https://mingruppe.github.io/', og byg siden igen"
    ]
    parser = _Links()
    parser.feed(page)
    assert parser.links == [("md-button md-button--primary", "kalender.ics")]
    assert "kalender-qr.svg" not in parser.images and "webcal:" not in page
    assert not (root / built.target / "kalender-qr.svg").exists()


def test_rebuilding_writes_nothing_beside_the_group_file_and_a_committed_edit_raises_sequence(tmp_path):
    from conftest import build_one
    from generator.builder.project import Project
    from generator.builder.publish import prepare_output

    root = copy_project(tmp_path)
    project = Project(root)
    out = root / "site"
    prepare_output(out, project)
    path = root / "groups" / "nordsjaelland.yaml"
    build_one(project, path, "nordsjaelland", out, TODAY)
    feed = (out / "nordsjaelland" / "kalender.ics").read_bytes()
    assert {e["sequence"] for e in icalendar_events(feed).values()} == {0}

    build_one(project, path, "nordsjaelland", out, dt.date(2027, 2, 1))  # another day, same file
    assert (out / "nordsjaelland" / "kalender.ics").read_bytes() == feed
    assert sorted(p.name for p in (root / "groups").iterdir()) == ["nordsjaelland.yaml"]

    path.write_bytes(path.read_bytes().replace(b"Hos Gitte, S\xc3\xb8ndervang 12", b"Hos Gitte, Torvet 1"))
    commit_groups(root, "Nyt sted", when="2027-01-31T09:30:00+00:00")
    build_one(project, path, "nordsjaelland", out, dt.date(2027, 2, 1))
    events = icalendar_events((out / "nordsjaelland" / "kalender.ics").read_bytes())
    # The minutes from 2020-01-01 to the commit that moved it: above anything it had.
    assert {uid: e["sequence"] for uid, e in events.items() if e["sequence"]} == {"moede-2027-04-20@nordsjaelland.netvaerk": 3725850}
    assert events["moede-2027-04-20@nordsjaelland.netvaerk"]["last_modified"] == dt.datetime(2027, 1, 31, 9, 30, tzinfo=dt.UTC)
    single = icalendar_events((out / "nordsjaelland" / "moeder" / "2027-04-20.ics").read_bytes())
    assert single["moede-2027-04-20@nordsjaelland.netvaerk"]["location"] == "Hos Gitte, Torvet 1, 3400 Hillerød"
    assert sorted(p.name for p in (root / "groups").iterdir()) == ["nordsjaelland.yaml"]


"""Right on the day it is read: the contract site, built on conftest.TODAY (2026-11-26), read months later.

Playwright's clock sets the phone's date; the next meeting, the plan's coming and past meetings, "Afholdt",
"Mødet er afholdt" and "Tilføj til kalender" follow it, in Danish time. Without JavaScript the page shows
what it showed the day it was built.
"""

from __future__ import annotations

import pytest

# (the phone's clock in UTC, the next meeting's date on the card, or None for "no more meetings")
DAYS = [
    ("2026-12-01T10:00:00Z", "Tirsdag den 12. januar 2027"),
    ("2027-01-12T22:59:00Z", "Tirsdag den 12. januar 2027"),  # 23.59 in Denmark: the meeting's own day
    ("2027-01-12T23:01:00Z", "Tirsdag den 9. februar 2027"),  # 00.01 the next day in Denmark, 23.01 in London
    ("2027-03-09T22:30:00Z", "Tirsdag den 9. marts 2027"),
    ("2027-03-09T23:30:00Z", "Tirsdag den 20. april 2027"),  # 13 April is cancelled: skipped
    ("2027-05-20T09:00:00Z", "Tirsdag den 8. juni 2027"),  # a later candidate: date and time, no place
    ("2027-07-01T09:00:00Z", None),
]
NO_MORE = "Der er ikke planlagt flere møder endnu. Arrangøren skriver dem ind, når datoerne er på plads."


@pytest.fixture
def phone_at(browser):
    contexts = []

    def open_at(when: str | None, javascript: bool = True):
        context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=javascript, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        if when is not None:
            page.clock.set_fixed_time(when)
        return page

    yield open_at
    for context in contexts:
        context.close()


def card(page) -> str:
    return " ".join(page.inner_text(".nv-next").split())


def plan(page) -> tuple[list[str], list[str]]:
    """The dates (with a visible badge) in 'Kommende møder' and in 'Tidligere møder', in the order shown."""
    rows = """list => [...list.children].map(li => li.querySelector('strong').textContent
        + [...li.querySelectorAll('.nv-badge')].filter(b => b.checkVisibility()).map(b => ' ' + b.textContent).join(''))"""
    return page.eval_on_selector("[data-nv-plan=kommende]", rows), page.eval_on_selector("[data-nv-plan=tidligere]", rows)


@pytest.mark.parametrize(("when", "expected"), DAYS)
def test_the_home_page_shows_the_next_meeting_on_the_day(phone_at, site_server, when, expected):
    page = phone_at(when)
    page.goto(site_server + "index.html")
    shown = card(page)
    if expected is None:
        assert shown == f"Næste møde {NO_MORE}"
    else:
        assert shown.startswith(f"Næste møde {expected} Kl. 18.00–")
        assert shown.endswith("Se mødet og dagsordenen Tilføj til kalender")
        links = page.eval_on_selector_all(".nv-next a", "as => as.filter(a => a.checkVisibility()).map(a => a.getAttribute('href'))")
        assert len(links) == 2 and all(link.startswith("moeder/") for link in links)
    assert page.errors == []


def test_a_later_candidate_shows_date_time_and_links(phone_at, site_server):
    page = phone_at("2027-05-20T09:00:00Z")
    page.goto(site_server + "index.html")
    assert card(page) == "Næste møde Tirsdag den 8. juni 2027 Kl. 18.00–21.00 Se mødet og dagsordenen Tilføj til kalender"
    first = phone_at("2027-02-01T09:00:00Z")
    first.goto(site_server + "index.html")
    assert "Hos Bo, Slotsgade 4, 3400 Hillerød Ordstyrer: Bo Hansen Referent: Carla Nielsen" in card(first)


def test_the_plan_moves_past_meetings_down_and_marks_them_held(phone_at, site_server):
    page = phone_at("2027-03-09T23:30:00Z")
    page.goto(site_server + "moeder/index.html")
    coming, past = plan(page)
    assert coming == ["13. april 2027 Aflyst", "20. april 2027", "11. maj 2027", "8. juni 2027"]
    assert past == ["9. marts 2027 Afholdt", "9. februar 2027 Afholdt", "12. januar 2027 Afholdt"]
    assert not page.is_visible("text=Gruppen har ikke holdt nogen møder endnu.")
    assert not page.is_visible("text=Der er ikke planlagt flere møder endnu.")


def test_the_plan_after_the_last_meeting(phone_at, site_server):
    page = phone_at("2027-07-01T09:00:00Z")
    page.goto(site_server + "moeder/index.html")
    coming, past = plan(page)
    assert coming == []
    assert past[0] == "8. juni 2027 Afholdt" and past[-1] == "12. januar 2027 Afholdt" and "13. april 2027 Aflyst" in past
    assert page.is_visible("text=Der er ikke planlagt flere møder endnu.")


def test_the_plan_on_the_day_it_was_built(phone_at, site_server):
    page = phone_at("2026-11-26T12:00:00Z")
    page.goto(site_server + "moeder/index.html")
    coming, past = plan(page)
    assert coming[0] == "12. januar 2027" and len(coming) == 7 and past == []
    assert page.is_visible("text=Gruppen har ikke holdt nogen møder endnu.")


def test_a_meeting_page_after_its_day(phone_at, site_server):
    before, after = phone_at("2027-02-09T12:00:00Z"), phone_at("2027-02-10T12:00:00Z")
    for page in (before, after):
        page.goto(site_server + "moeder/2027-02-09.html")
    assert not before.is_visible("text=Mødet er afholdt") and before.is_visible("text=Tilføj til kalender")
    assert after.is_visible("text=Mødet er afholdt") and not after.is_visible("text=Tilføj til kalender")
    assert after.is_visible("text=Abonnér på alle møder") is False


def test_without_javascript_the_page_shows_the_day_it_was_built(phone_at, site_server):
    page = phone_at(None, javascript=False)
    page.goto(site_server + "index.html")
    assert card(page).startswith("Næste møde Tirsdag den 12. januar 2027 Kl. 18.00–20.40 Hillerød Bibliotek")
    page.goto(site_server + "moeder/index.html")
    assert page.is_visible("text=Gruppen har ikke holdt nogen møder endnu.")
    assert not page.is_visible("text=Afholdt")
    page.goto(site_server + "moeder/2027-02-09.html")
    assert not page.is_visible("text=Mødet er afholdt") and page.is_visible("text=Tilføj til kalender")

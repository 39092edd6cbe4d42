"""The built contract site, page by page, as a member would read it."""

from __future__ import annotations

import html
import re

import pytest

from generator.guide import content as guide

PAGES = [
    "index.html",
    "moeder/index.html",
    "moeder/2027-01-12.html",
    "moeder/2027-02-09.html",
    "moeder/2027-03-09.html",
    "moeder/2027-04-13.html",
    "moeder/2027-04-20.html",
    "moeder/2027-05-11.html",
    "moeder/2027-06-08.html",
    "dagsordener.html",
    "spilleregler.html",
    "temaer.html",
    "roller.html",
    "kom-godt-i-gang.html",
    "invitation.html",
    "kalender.html",
]


_VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b[^>]*>", re.I)


def _without_hidden(fragment: str) -> str:
    """The fragment without the elements a browser hides by their `hidden` attribute (and all inside them): what
    shows without JavaScript. Our pages never nest an element in one of the same name that is hidden."""
    tag = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
    out, skip, pos = [], None, 0
    for m in tag.finditer(fragment):
        if skip is None:
            if not m[1] and re.search(r"(?:^|\s)hidden(?:[\s=]|$)", m[3]) and not _VOID.fullmatch(m[0]):
                out.append(fragment[pos : m.start()])
                skip = [m[2].lower(), 1]
        elif m[2].lower() == skip[0]:
            skip[1] += -1 if m[1] else 1
            if skip[1] == 0:
                skip, pos = None, m.end()
    out.append(fragment[pos:] if skip is None else "")
    return "".join(out)


def _visible(fragment: str) -> str:
    inline_free = re.sub(r"</?(a|strong|em|span|small|code)\b[^>]*>", "", _without_hidden(fragment))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_free)).split())


def main_text(built_site, page: str) -> str:
    """The visible text of the page's article (inline tags dropped, block tags become spaces)."""
    raw = (built_site / page).read_text(encoding="utf-8")
    return _visible(re.search(r'(?s)<article class="md-content__inner md-typeset">(.*?)</article>', raw)[1])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_danish_and_credits_bfa(built_site, page):
    raw = (built_site / page).read_text(encoding="utf-8")
    assert '<html lang="da"' in raw
    assert "Familieplejernes netværk Nordsjælland" in raw
    assert "BrancheFællesskabet for Arbejdsmiljø for Velfærd og Offentlig administration (BFA)" in main_text(built_site, page)
    assert "fonts.googleapis" not in raw


def test_home_page_shows_the_next_meeting_card(built_site):
    text = main_text(built_site, "index.html")
    assert "Næste møde Tirsdag den 12. januar 2027 Kl. 18.00–20.40 Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød" in text
    assert "Ordstyrer: Anne Jensen Referent: Bo Hansen" in text
    assert "Vi er familieplejere i Nordsjælland, som mødes for at støtte hinanden i hverdagen" in text
    assert "Vi er et netværk for støtte i hverdagen og faglig vejledning om arbejdet med børn i eget hjem." in text
    assert "Telefon: 20 30 40 50" in text and "E-mail: anne.jensen@example.dk" in text
    raw = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="moeder/2027-01-12.html"' in raw
    assert 'href="moeder/index.html"' in raw
    assert 'href="tel:20304050"' in raw and 'href="mailto:anne.jensen@example.dk"' in raw


def test_plan_lists_upcoming_meetings_and_marks_the_cancelled_one(built_site):
    text = main_text(built_site, "moeder/index.html")
    assert text.index("12. januar 2027") < text.index("9. februar 2027") < text.index("8. juni 2027")
    assert "13. april 2027 Aflyst Temamøde: Feedback" in text
    assert "Aflyst: Flyttet til 20. april på grund af påskeferien" in text
    assert "Afholdt" not in text


def test_past_meetings_are_marked_as_held(tmp_path):
    import datetime as dt

    from conftest import build_one, copy_project
    from generator.builder.project import Project
    from generator.builder.publish import prepare_output

    project = Project(copy_project(tmp_path))
    prepare_output(tmp_path / "site", project)
    build_one(project, tmp_path / "groups" / "nordsjaelland.yaml", "nordsjaelland", tmp_path / "site", dt.date(2027, 4, 14))
    site = tmp_path / "site" / "nordsjaelland"
    text = main_text(site, "moeder/index.html")
    upcoming, past = text.split("Tidligere møder")
    assert "20. april 2027" in upcoming and "12. januar 2027" not in upcoming
    assert "13. april 2027 Aflyst" in past
    assert "9. marts 2027 Afholdt" in past
    assert "Næste møde Tirsdag den 20. april 2027" in main_text(site, "index.html")
    assert "Mødet er afholdt" in main_text(site, "moeder/2027-03-09.html")


def test_first_meeting_page(built_site):
    text = main_text(built_site, "moeder/2027-01-12.html")
    assert text.startswith("Første møde tirsdag den 12. januar 2027")
    for row in (
        "18.00–18.15 1. Velkommen v. ordstyrer 15",
        "18.15–19.00 2. Præsentationsrunde v. alle 45",
        "19.00–19.20 3. Pause 20",
        "19.20–20.00 4. Netværksønsker v. alle 40",
        "20.00–20.20 5. Beslutning om netværk v. alle 20",
        "20.20–20.40 6. Fremtidige møder v. alle 20",
        "I alt 2 timer og 40 minutter (kl. 18.00–20.40)",
        "Meld dig til hos arrangøren, Anne Jensen, senest tirsdag den 5. januar 2027.",
        "Send en sms til ordstyreren senest dagen før",
        "Beskeden går til Anne Jensen (arrangør) på telefon 20 30 40 50.",
    ):
        assert row in text
    for question in guide.preparation_questions():
        assert question in text


def test_theme_meeting_page_uses_the_later_meetings_agenda(built_site):
    text = main_text(built_site, "moeder/2027-03-09.html")
    assert "Tema: Forholdet til kommunen" in text
    assert guide.find_theme("Forholdet til kommunen").description in text
    assert "Temaansvarlige: Dorte Madsen, Erik Larsen." in text
    assert "18.20–20.00 2. Temaoplæg m.m. v. temaansvarlige 100" in text
    assert "20.50 6. Eventuelt v. alle I alt" in text
    assert "I alt 2 timer og 50 minutter (kl. 18.00–20.50)" in text
    assert "Forbered dig" not in text


def test_cancelled_meeting_page_says_why(built_site):
    text = main_text(built_site, "moeder/2027-04-13.html")
    assert "Mødet er aflyst Flyttet til 20. april på grund af påskeferien" in text
    assert "Afbud" not in text


def test_own_agenda_and_host(built_site):
    text = main_text(built_site, "moeder/2027-06-08.html")
    assert "Evaluering af det første halve år" in text
    assert "Vært: Anne Jensen" in text
    for row in (
        "18.00–18.20 1. Siden sidst 20",
        "18.20–19.20 2. Evaluering af indhold, form, stemning og trivsel 60",
        "19.20–20.50 3. Fællesspisning 90",
        "20.50–21.00 4. Næste møde – ordstyrer og referent 10",
        "I alt 3 timer (kl. 18.00–21.00)",
    ):
        assert row in text


def test_agendas_page_has_every_guide_item_with_computed_totals(built_site):
    text = main_text(built_site, "dagsordener.html")
    for agenda in guide.agendas():
        assert agenda.title in text
        for item in agenda.items:
            assert item.title in text
            assert item.how in text
    assert text.count("I alt 2 timer og 40 minutter") == 2
    assert "I alt 2 timer og 50 minutter" in text  # the guide prints 2 t 30 min; the items add up to 2 t 50
    assert "2 timer og 30 minutter" not in text


def test_rules_page_puts_the_groups_agreements_first(built_site):
    text = main_text(built_site, "spilleregler.html")
    own, advice = text.split("Mødepakkens råd", 1)
    assert "Vi prioriterer møderne højt og er til stede, også mentalt." in own
    assert "Carla Nielsen er gruppens grænsevogter." in own
    assert "Det, vi taler om på møderne, bliver i gruppen." in own
    rules = {r.key: r for r in guide.rules()}
    for key in ("medlemskab", "nye medlemmer", "rammer", "gruppedynamik"):
        assert rules[key].title in advice and rules[key].advice in advice
    # Under each rule the group wrote itself, the guide's advice on it, marked as the guide's; where the guide only
    # says "agree on it" (afbud, forplejning) or the Roller page says it (grænsevogter), the group's own rule stands alone.
    for key, own_rule, next_title in (
        ("mødepligt", "Vi prioriterer møderne højt og er til stede, også mentalt.", "Afbud"),
        ("etik", "Alle må sige til og fra. Vi fortæller aldrig om børnene, så de kan genkendes.", "Grænsevogter"),
        ("tavshedspligt", "Det, vi taler om på møderne, bliver i gruppen.", "Forplejning"),
    ):
        assert f"{own_rule} Mødepakken fra BFA råder: {rules[key].advice} {next_title}" in own
    assert "Den generelle tavshedspligt, som gælder for kommunalt ansatte" in own
    assert "Skal noget bringes videre, aftales det med hele gruppen." in own
    assert "Retningslinjerne bør handle om plejebørnene, deres pårørende, jeres egne personlige og faglige grænser" in own
    for key in ("afbud", "grænsevogter", "forplejning"):
        assert rules[key].advice not in text


def test_themes_page_has_every_theme_and_its_meetings(built_site):
    text = main_text(built_site, "temaer.html")
    for theme in guide.themes():
        assert theme.name in text and theme.description in text
    assert "Arbejdsrelaterede emner" in text and "Gruppens dynamik og læring" in text
    assert "Møde 9. marts 2027, temaansvarlige: Dorte Madsen, Erik Larsen" in text
    assert "Møde 13. april 2027, temaansvarlig: Fatima Ali (aflyst)" in text
    assert "Gruppens egne temaer Evaluering af det første halve år" in text
    raw = (built_site / "temaer.html").read_text(encoding="utf-8")
    assert 'href="https://etsundtarbejdsliv.dk"' in raw and 'href="https://arbejdsmiljoweb.dk"' in raw


def test_roles_page_has_every_role_and_the_table(built_site):
    text = main_text(built_site, "roller.html")
    for role in guide.roles():
        assert role.title in text and role.duties in text
    assert "20. april 2027 Dorte Madsen Erik Larsen Gitte Poulsen Fatima Ali" in text
    assert "13. april 2027 (aflyst)" in text
    assert "Hos os: Carla Nielsen." in text


def test_getting_started_page_has_the_advice_and_the_filled_in_letter(built_site):
    text = main_text(built_site, "kom-godt-i-gang.html")
    for advice in guide.first_meeting_advice():
        assert advice.title in text and advice.text in text
    for experience in guide.experiences():
        assert experience in text
    assert 'href="invitation.html"' in (built_site / "kom-godt-i-gang.html").read_text(encoding="utf-8")
    text = main_text(built_site, "invitation.html")
    assert "Hillerød, 26. november 2026" in text
    assert "Tirsdag den 12. januar 2027 kl. 18.00 holder vi opstartsmøde i Familieplejernes netværk Nordsjælland" in text
    # The organiser writes the letter and is not among the six invited; she is also the first meeting's ordstyrer.
    assert (
        "Jeg har inviteret 6 familieplejere til det første møde. Giv mig besked senest tirsdag den 5. januar 2027, om du kan komme. "
        "Du kan ringe til mig på 20 30 40 50 eller skrive til mig på anne.jensen@example.dk."
    ) in text
    assert "Jeg er selv ordstyrer på mødet, og der er lidt at spise og drikke undervejs." in text
    assert "Anne Jensen er ordstyrer" not in text
    assert "(indsæt" not in text.lower()


def test_navigation_has_what_a_member_needs(built_site):
    raw = (built_site / "index.html").read_text(encoding="utf-8")
    nav_text = _visible(raw[raw.index("md-nav--primary") : raw.index('class="md-content"')])
    for title in ("Forside", "Mødeplan", "Kalender", "Dagsordener", "Spilleregler", "Temaer", "Roller", "Kom godt i gang", "Invitation"):
        assert title in nav_text


def test_a_meetings_page_is_reached_from_the_plan_which_the_menu_marks(built_site):
    """The menu holds no meeting's own page (the plan lists them all, so each meeting's page would carry every
    date): on a meeting's page it marks Mødeplan as where the reader is, and the page links back to the plan."""
    for rel in PAGES:
        raw = (built_site / rel).read_text(encoding="utf-8")
        menu = raw[raw.index("md-nav--primary") : raw.index('class="md-content"')]
        assert "2027-" not in menu and "januar" not in menu, rel
        marked = re.findall(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]+)"', menu)
        if rel.startswith("moeder/2"):
            assert marked == ["index.html"], rel
            assert '<a href="index.html">Tilbage til mødeplanen</a>' in raw

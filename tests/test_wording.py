"""The wording a native Danish reader found wrong (issue 22), as the pages say it now: the letter in the organiser's
first person, no double full stops, date lines that start a line with a capital, how to sign up and send afbud on a
public site, and the Kalender page of a group with a members' area."""

from __future__ import annotations

import html
import os
import re

import pytest

from conftest import CONTRACT, ROOT, TODAY, generate_one
from generator.builder.pipeline import Project
from generator.facts.audience import Fact
from generator.guide.check import check
from generator.site.pages import invitation_lines, site_facts
from test_site import PAGES, main_text

MEMBERS = ROOT / "tests" / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"


def letter(text: str, members: bool = False) -> str:
    """The invitation letter for a group file's text, as everyone (or a member) reads it."""
    group, _ = check(text.encode("utf-8"), "groups/x.yaml")
    return "\n".join(line.shown(members) if isinstance(line, Fact) else line for line in invitation_lines(site_facts(group, TODAY)))


CONTRACT_TEXT = CONTRACT.read_text(encoding="utf-8")


def test_the_letter_counts_the_invited_without_the_organiser_who_writes_it():
    assert "Jeg har inviteret 6 familieplejere til det første møde." in letter(CONTRACT_TEXT)
    # An organiser who is not a member of the group invites all seven.
    outside = CONTRACT_TEXT.replace("arrangør:\n  navn: Anne Jensen", "arrangør:\n  navn: Hanne Holm")
    assert "Jeg har inviteret 7 familieplejere til det første møde." in letter(outside)
    # One other member: singular.
    two = re.sub(r"(?s)medlemmer:\n.*?\n\n", "medlemmer:\n  - navn: Anne Jensen\n  - navn: Bo Hansen\n\n", CONTRACT_TEXT)
    two = re.sub(r"(?m)^\s+(?:referent|ordstyrer|vært): (?!Anne Jensen|Bo Hansen).*\n|^\s+temaansvarlige: .*\n|^  grænsevogter: .*\n", "", two)
    assert "Jeg har inviteret 1 familieplejer til det første møde." in letter(two)


def test_the_organiser_writes_in_the_first_person():
    text = letter(CONTRACT_TEXT)
    assert "Jeg er selv ordstyrer på mødet, og der er lidt at spise og drikke undervejs." in text
    assert "Anne Jensen er ordstyrer" not in text and "lagt fast" not in text
    assert "Vi har endnu ikke aftalt, hvad gruppen skal handle om" in text
    assert (
        "Giv mig besked senest tirsdag den 5. januar 2027, om du kan komme. "
        "Du kan ringe til mig på 20 30 40 50 eller skrive til mig på anne.jensen@example.dk."
    ) in text
    assert "at medlemmerne bor tæt på hinanden?" in text and "at I bor" not in text
    assert text.endswith("Med venlig hilsen\nAnne Jensen\n\nPS: Dagsordenen for mødet står herunder, så du kan se, hvad der skal ske. "
                         "Har du spørgsmål, er du meget velkommen til at kontakte mig.")


def test_another_ordstyrer_is_named_and_hidden_from_the_public_in_a_members_area():
    other = CONTRACT_TEXT.replace("    dagsorden: første møde\n    ordstyrer: Anne Jensen", "    dagsorden: første møde\n    ordstyrer: Bo Hansen")
    assert "Bo Hansen er ordstyrer på mødet, og der er lidt at spise og drikke undervejs." in letter(other)
    locked = other.replace("mødeform: fysisk\n", "mødeform: fysisk\nmedlemsområde: ja\n")
    assert "Der er en ordstyrer på mødet, og der er lidt at spise og drikke undervejs." in letter(locked)
    assert "Bo Hansen er ordstyrer på mødet" in letter(locked, members=True)


def test_without_phone_only_the_e_mail_and_without_deadline_no_date():
    text = CONTRACT_TEXT.replace("  telefon: 20 30 40 50\n", "").replace("    tilmeldingsfrist: 2027-01-05\n", "")
    assert "Giv mig besked, om du kan komme. Du kan skrive til mig på anne.jensen@example.dk." in letter(text)


@pytest.mark.parametrize("page", PAGES)
def test_no_page_has_a_double_full_stop_or_a_date_line_in_lower_case(built_site, page):
    text = main_text(built_site, page)
    assert not re.search(r"(?<!\.)\.\.(?!\.)", text), page
    raw = (built_site / page).read_text(encoding="utf-8")
    for line in re.findall(r'<p class="nv-line nv-date">([^<]*)</p>', raw):
        assert html.unescape(line)[0].isupper(), (page, line)


def test_the_guides_agendas_read_as_the_guide_and_not_as_our_arithmetic(built_site):
    text = main_text(built_site, "dagsordener.html")
    assert "2. Temaoplæg m.m. De temaansvarlige står for dagens tema" in text
    assert "5. Næste møde – valg af ordstyrer, referent osv. Bekræft tid og sted" in text
    assert "4. Afrunding af mødet." in text and "Afrunding af dagen" not in text
    assert "lagt sammen" not in text and "løsne lidt op" not in text


def test_single_theme_owner_is_singular(built_site):
    assert "Temaansvarlig: Gitte Poulsen." in main_text(built_site, "moeder/2027-05-11.html")
    assert "Temaansvarlige: Dorte Madsen, Erik Larsen." in main_text(built_site, "moeder/2027-03-09.html")
    assert "Møde 11. maj 2027, temaansvarlig: Gitte Poulsen" in main_text(built_site, "temaer.html")


def test_the_guides_words_where_the_reader_noticed_ours(built_site):
    assert "helt tappet for energi" in main_text(built_site, "kom-godt-i-gang.html")
    assert "hjælpe jer med at komme i kontakt med andre familieplejere" in main_text(built_site, "kom-godt-i-gang.html")
    assert "Ingen skal presses til at være vært, heller ikke selvom de bor centralt" in main_text(built_site, "roller.html")
    assert "Gruppen holder til i Hillerød og har 7 medlemmer." in main_text(built_site, "index.html")
    assert "Tryk på et møde for at se dagsordenen" in main_text(built_site, "moeder/index.html")
    credit = "skrevet af psykolog Hanne Nørby og studerende i retorik Malene Krogh. Mødepakken kan hentes på arbejdsmiljoweb.dk."
    assert credit in main_text(built_site, "index.html")
    held = main_text(built_site, "moeder/2027-01-12.html")
    assert "Dette møde er holdt" not in held


def test_kalender_says_linket_for_a_web_address_and_promises_no_reminder_google_ignores(built_site):
    text = main_text(built_site, "kalender.html")
    assert "Linket til Outlook og andre kalendere" in text and "Kopiér linket ovenfor." in text
    assert "Adressen til" not in text and "Kopiér adressen" not in text
    assert "Kalenderen minder dig om" not in text
    assert "Google Kalender viser ikke påmindelser fra en kalender, du abonnerer på" in text
    assert "slå Fjern advarsler fra" not in text
    assert "kontakten ved Fjern advarsler skal være slukket" in text


def _buttons(raw: str) -> list[tuple[str, str, str]]:
    return [(c, html.unescape(h), html.unescape(t)) for c, h, t in re.findall(r'<a class="([^"]*md-button[^"]*)" href="([^"]*)">([^<]*)</a>', raw)]


def test_a_public_site_says_whom_to_sign_up_with_and_send_afbud_to(built_site):
    raw = (built_site / "moeder" / "2027-01-12.html").read_text(encoding="utf-8")
    text = main_text(built_site, "moeder/2027-01-12.html")
    assert "Tilmelding Meld dig til hos arrangøren, Anne Jensen, senest tirsdag den 5. januar 2027." in text
    afbud = (
        "Send en sms til ordstyreren senest dagen før. Send afbud på sms Send afbud på e-mail "
        "Beskeden går til Anne Jensen (arrangør) på telefon 20 30 40 50."
    )
    assert f"Afbud {afbud}" in text
    buttons = _buttons(raw)
    body = "Jeg%20vil%20gerne%20v%C3%A6re%20med%20til%20netv%C3%A6rksm%C3%B8det%20tirsdag%20den%2012.%20januar%202027."
    assert ("md-button md-button--primary", f"sms:20304050?&body={body}", "Meld dig til på sms") in buttons
    assert any(h.startswith("mailto:anne.jensen@example.dk?subject=Tilmelding") and t == "Meld dig til på e-mail" for _, h, t in buttons)
    assert any(h.startswith("sms:20304050?&body=Jeg%20melder%20afbud") and t == "Send afbud på sms" for _, h, t in buttons)


@pytest.fixture(scope="module")
def members_generated(tmp_path_factory):
    saved = os.environ.get("NETVAERK_ADGANGSKODE_LUKKET")
    os.environ["NETVAERK_ADGANGSKODE_LUKKET"] = PASSPHRASE
    try:
        return generate_one(Project(ROOT), MEMBERS, "lukket", TODAY)
    finally:
        if saved is None:
            os.environ.pop("NETVAERK_ADGANGSKODE_LUKKET", None)
        else:
            os.environ["NETVAERK_ADGANGSKODE_LUKKET"] = saved


def test_the_members_calendar_is_the_primary_button_and_the_steps_name_it(members_generated):
    page = members_generated.docs["kalender.md"]
    public = _buttons(page)
    # Without the lock opened, the public calendar is there, as a second choice: the members' is the one to take.
    assert ("md-button", "webcal://lukket.example.dk/kalender.ics", "Abonnér på kalenderen") in public
    assert not any("primary" in c for c, _, _ in public)
    opened = "".join(fragment for built, fragment in members_generated.sealed if built == "kalender.html")
    members = _buttons(opened)
    assert members[0][0] == "md-button md-button--primary" and members[0][2] == "Abonnér på medlemmernes kalender"
    assert "giv ikke linket videre" in page
    assert "1. Tryk på **Abonnér på medlemmernes kalender** ovenfor. Er du ikke medlem, så tryk på **Abonnér på kalenderen**." in page


def test_the_list_of_groups_says_how_it_is_ordered():
    from generator.site.overview import Listing, overview_html
    from generator.site.render import environment
    from generator.site.shared import SharedUrls

    shared = SharedUrls({"oversigt.css": "oversigt.1.css", "oversigt.js": "oversigt.1.js"})
    page = overview_html(environment(), {"a": Listing("Familieplejere i Aarhus", "Aarhus", "", False)}, shared)
    assert "Grupperne står i alfabetisk rækkefølge efter by." in page and "står efter by." not in page

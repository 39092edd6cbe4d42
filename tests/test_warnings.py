"""Guide-aware warnings: the build succeeds, and each warning says where and what the guide advises."""

from __future__ import annotations

from clirun import run
from conftest import CONTRACT, PUBLIC_WARNING, copy_project
from generator.guide.check import check

# With a members' area and the site's link, so the only warnings are the guide's advice (without one, every file is also told that
# its names and places are public: tests/test_members.py).
BASE = """navn: Testgruppen
formål: At støtte hinanden.
arrangør:
  navn: Anne Jensen
medlemmer:
{members}møder:
{meetings}medlemsområde: ja
adresse: https://test.example.dk/
"""


def meeting(date: str, start: str = "18:00", chair: str | None = "Anne Jensen", minutes: str | None = "Bo Hansen", agenda: str | None = None) -> str:
    lines = [f"  - dato: {date}", f"    start: {start}", "    sted: Biblioteket"]
    if agenda:
        lines.append(f"    dagsorden: {agenda}")
    if chair:
        lines.append(f"    ordstyrer: {chair}")
    if minutes:
        lines.append(f"    referent: {minutes}")
    return "\n".join(lines) + "\n"


def members(*names: str) -> str:
    return "".join(f"  - navn: {n}\n" for n in names)


def warnings_of(text: str) -> list[str]:
    _, found = check(text.encode("utf-8"), "groups/test.yaml")
    return [str(w) for w in found]


def test_the_contract_groups_only_warning_is_that_its_names_and_places_are_public():
    assert warnings_of(CONTRACT.read_text(encoding="utf-8")) == [
        PUBLIC_WARNING.replace("groups/nordsjaelland.yaml", "groups/test.yaml").rstrip("\n")
    ]


def test_more_than_ten_members():
    names = [f"Medlem {chr(65 + i)}" for i in range(11)]
    text = BASE.format(members=members(*names), meetings=meeting("2027-01-12", chair="Medlem A", minutes="Medlem B"))
    assert warnings_of(text) == [
        "groups/test.yaml:6:3: medlemmer: advarsel: gruppen har 11 medlemmer; mødepakken anbefaler omkring 10, og at I deler jer, hvis I er flere"
    ]


def test_first_meeting_ending_after_nine():
    text = BASE.format(members=members("Anne Jensen", "Bo Hansen"), meetings=meeting("2027-01-12", start="18:30", agenda="første møde"))
    assert warnings_of(text) == [
        "groups/test.yaml:10:12: møder[1].start: advarsel: det første møde slutter kl. 21.10; "
        "mødepakken råder til at slutte senest kl. 21.00, så alle kan nå hjem i ordentlig tid"
    ]


def test_meeting_without_chair_or_minute_taker():
    text = BASE.format(members=members("Anne Jensen", "Bo Hansen"), meetings=meeting("2027-01-12", chair=None, minutes=None))
    assert warnings_of(text) == [
        "groups/test.yaml:9:5: møder[1]: advarsel: mødet har ingen ordstyrer; mødepakken råder til, at hvert møde har en ordstyrer og en referent",
        "groups/test.yaml:9:5: møder[1]: advarsel: mødet har ingen referent; mødepakken råder til, at hvert møde har en ordstyrer og en referent",
    ]


def test_same_chair_at_every_meeting():
    meetings = "".join(meeting(d) for d in ("2027-01-12", "2027-02-09", "2027-03-09"))
    text = BASE.format(members=members("Anne Jensen", "Bo Hansen"), meetings=meetings)
    assert warnings_of(text) == [
        "groups/test.yaml:9:3: møder: advarsel: Anne Jensen er ordstyrer på alle møder; mødepakken råder til, at rollen går på skift"
    ]


def test_warnings_are_printed_and_the_build_succeeds(tmp_path, monkeypatch):
    monkeypatch.setenv("NETVAERK_ADGANGSKODE_TEST", "hest kage sky lampe skov bil")  # the file has a members' area
    text = BASE.format(members=members("Anne Jensen", "Bo Hansen"), meetings=meeting("2027-01-12", chair=None))
    copy_project(tmp_path, {"test.yaml": text.encode("utf-8")})
    result = run(["build", "--today", "2026-11-26"], tmp_path)
    assert result.code == 0, result.err
    assert "groups/test.yaml:9:5: møder[1]: advarsel: mødet har ingen ordstyrer" in result.err
    assert result.out.startswith("groups/test.yaml: ")
    assert (tmp_path / "site" / "test" / "index.html").exists()


def test_a_file_without_the_sites_link_is_told_where_to_write_it():
    """The Kalender page cannot offer a subscription without the site's link; the organiser, not the members, is told."""
    text = BASE.format(members=members("Anne Jensen", "Bo Hansen"), meetings=meeting("2027-01-12")).replace("adresse: https://test.example.dk/\n", "")
    assert warnings_of(text) == [
        "groups/test.yaml:1:1: adresse: advarsel: sidens link mangler, så medlemmerne ikke kan abonnere på kalenderen, og siden får "
        "ingen QR-kode; skriv linket, når siden er lagt ud, fx 'adresse: https://mingruppe.github.io/', og byg siden igen"
    ]


def test_netvaerk_check_prints_the_missing_link_as_a_warning(tmp_path):
    text = BASE.format(members=members("Anne Jensen", "Bo Hansen"), meetings=meeting("2027-06-08")).replace("adresse: https://test.example.dk/\n", "")
    copy_project(tmp_path, {"test.yaml": text.encode("utf-8")})
    ran = run(["check", "--today", "2027-01-01", "groups/test.yaml"], tmp_path)
    assert (ran.code, ran.out, ran.err) == (
        0,
        "groups/test.yaml: ingen fejl (1 advarsel)\n",
        "groups/test.yaml:1:1: adresse: advarsel: sidens link mangler, så medlemmerne ikke kan abonnere på kalenderen, og siden får "
        "ingen QR-kode; skriv linket, når siden er lagt ud, fx 'adresse: https://mingruppe.github.io/', og byg siden igen\n",
    )

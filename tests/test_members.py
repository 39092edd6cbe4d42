"""The members' area: what a locked site publishes, what it refuses, and the passphrase commands."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import stat
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from clirun import run
from conftest import CONTRACT, PUBLIC_WARNING, ROOT, copy_project
from generator.cli.options import command

MEMBERS = ROOT / "tests" / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
VARIABLE = "NETVAERK_ADGANGSKODE_LUKKET"
TODAY = "2026-11-26"

# Canary values, one in every members-only field: if any shows up in a published file, the lock leaks.
CANARY_FILE = """\
navn: Kanariefuglene
by: Fjernby
adresse: https://kanarie.example.dk/
medlemsområde: ja
offentlige steder:
  - Fjernby Bibliotek, sal 3
formål: Vi mødes.
arrangør:
  navn: Olga Offentlig
  telefon: 20 30 40 50
medlemmer:
  - navn: Olga Offentlig
  - navn: Kanarie Navnesen
    telefon: 61 72 83 94
    email: kanarie.post@example.dk
    vis kontakt: ja
  - navn: Skjult Fuglsang
    telefon: +45 52 63 74 85
    email: skjult.post@example.dk
aftaler:
  grænsevogter: Skjult Fuglsang
møder:
  - dato: 2027-01-12
    start: 18:00
    sted: Hos Kanarie, Kanarievej 99, 9999 Fjernby
    dagsorden: første møde
    ordstyrer: Kanarie Navnesen
    referent: Skjult Fuglsang
    vært: Kanarie Navnesen
    tilmeldingsfrist: 2027-01-05
  - dato: 2027-02-09
    start: 18:00
    sted: Fjernby Bibliotek, sal 3
    tema: Feedback
    temaansvarlige: [Skjult Fuglsang, Kanarie Navnesen]
    ordstyrer: Skjult Fuglsang
    referent: Kanarie Navnesen
    dagsorden:
      - punkt: Fællesspisning
        minutter: 60
        ved: Skjult Fuglsang
"""
CANARIES = (
    "Kanarie Navnesen", "Skjult Fuglsang", "Kanarievej 99", "Hos Kanarie", "61 72 83 94", "61728394", "52637485", "kanarie.post", "skjult.post",
)


def _encodings(value: str) -> set[str]:
    """Every way a value could be written into a published file."""
    ical = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    numeric = "".join(f"&#{ord(c)};" if c.isascii() and not c.isalnum() and c != " " else c for c in value)
    return {
        value, html.escape(value), numeric, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
        quote(value), quote_plus(value), quote(value, safe=""), ical,
    }


def _readable(path: Path) -> str:
    text = path.read_bytes().decode("utf-8", "replace")
    return re.sub(r"\r?\n[ \t]", "", text) if path.suffix == ".ics" else text  # unfold iCalendar lines


def _build(root: Path, *args: str, passphrase: str | None = PASSPHRASE, name: str = VARIABLE):
    saved = os.environ.pop(name, None)
    if passphrase is not None:
        os.environ[name] = passphrase
    try:
        return run(["build", "--today", TODAY, *args], root)
    finally:
        os.environ.pop(name, None)
        if saved is not None:
            os.environ[name] = saved


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("canary"), {"kanarie.yaml": CANARY_FILE.encode()})
    ran = _build(root, name="NETVAERK_ADGANGSKODE_KANARIE")
    assert ran.code == 0, ran.err
    return root


def test_no_canary_in_any_published_file_in_any_encoding(canary_site):
    site = canary_site / "site"
    private_feed = [p.name for p in (site / "kanarie").glob("kalender-*.ics")]
    assert len(private_feed) == 1
    leaks = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.name.startswith(private_feed[0].removesuffix(".ics")):
            continue  # the members' own feed and its QR code: unlisted, for members only
        text = _readable(path).casefold()
        token = private_feed[0].removeprefix("kalender-").removesuffix(".ics")  # the members' feed's name is private too
        leaks += [(str(path.relative_to(site)), c) for c in (*CANARIES, token) for e in _encodings(c) if e.casefold() in text]
    assert leaks == []
    # Nor in the notes netvaerk keeps beside the site (stamps, fingerprints).
    notes = sorted((canary_site / "site_src" / ".netvaerk").rglob("*.json"))
    assert notes
    for path in notes:
        assert not any(e.casefold() in _readable(path).casefold() for c in CANARIES for e in _encodings(c)), path


def test_the_canaries_are_there_for_members(canary_site):
    """The positive control: the values exist, in the members' feed and the private files."""
    site = canary_site / "site" / "kanarie"
    feed = _readable(next(site.glob("kalender-*.ics")))
    for canary in ("Kanarie Navnesen", "Skjult Fuglsang", "Kanarievej 99"):
        assert canary in feed.replace("\\,", ",")
    contacts = (canary_site / "private" / "kanarie-kontaktliste.html").read_text(encoding="utf-8")
    assert "skjult.post@example.dk" in html.unescape(contacts)
    sealed = (site / "moeder" / "2027-01-12.html").read_text(encoding="utf-8")
    assert sealed.count("data-nv-id=") >= 4  # place, ordstyrer, referent, vært sealed on the page
    assert sealed.count("data-nv-lock=") == 1  # all in one sealed block


def test_a_pages_fragments_open_together_in_their_places(canary_site):
    """What a member's phone does (laas.js), done by the build's own functions: the page's one sealed block opens
    with the group's key to the HTML of each placeholder, in order, and the canaries are in it."""
    from generator.lock import seal

    page = (canary_site / "site" / "kanarie" / "moeder" / "2027-01-12.html").read_text(encoding="utf-8")
    assert not (canary_site / "groups" / "kanarie.laas.json").exists()  # no state file: the salt follows the group
    keys = seal.derive(PASSPHRASE, seal.group_salt("kanarie"))
    token = re.search(r'<div id="nv-laast" hidden data-nv-lock="([\w-]+)"></div>', page)[1]
    fragments = json.loads(seal.open_html(keys.enc, "kanarie", "moeder/2027-01-12.html", "page", token))
    ids = re.findall(r'data-nv-id="(f\d+)"', page)
    assert ids == [f"f{n}" for n in range(1, len(fragments) + 1)]
    assert "Kanarievej 99" in html.unescape(" ".join(fragments))
    assert seal.open_html(keys.enc, "kanarie", "moeder/2027-02-09.html", "page", token) is None  # another page's


def test_a_public_venue_stays_public(canary_site):
    page = html.unescape((canary_site / "site" / "kanarie" / "moeder" / "2027-02-09.html").read_text(encoding="utf-8"))
    assert "Fjernby Bibliotek, sal 3" in page


def test_without_the_passphrase_nothing_is_published(tmp_path, monkeypatch):
    for name in ("CI", "GITLAB_CI", "GITHUB_ACTIONS"):  # on a computer (the message in CI: tests/test_group_repo.py)
        monkeypatch.delenv(name, raising=False)
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    ran = _build(root, passphrase=None)
    assert ran.code == 1
    assert ran.err == (
        "groups/lukket.yaml:1:1: medlemsområde: adgangskoden til medlemsområdet mangler; sæt miljøvariablen "
        f"NETVAERK_ADGANGSKODE_LUKKET, eller lav filen private/lukket.adgangskode med: {command(root)} adgangskode "
        "groups/lukket.yaml. Intet er lagt ud\n"
        "groups/lukket.yaml: ikke bygget (ret fejlene ovenfor)\n"
    )
    assert not (root / "site" / "lukket").exists()


def test_the_passphrase_file_works_too_and_a_rebuild_is_byte_identical(tmp_path):
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    (root / "private").mkdir()
    (root / "private" / "lukket.adgangskode").write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert _build(root, passphrase=None).code == 0
    first = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert _build(root, "--force", passphrase=None).code == 0
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == first
    assert sorted(p.name for p in (root / "groups").iterdir()) == ["lukket.yaml"]  # nothing written beside it


def test_a_new_passphrase_rebuilds_with_new_keys_and_a_new_feed_name(tmp_path):
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    assert _build(root).code == 0
    old = {p.name for p in (root / "site" / "lukket").glob("kalender-*.ics")}
    ran = _build(root, passphrase="helt ny adgangskode til gruppen nu")
    assert ran.out == "groups/lukket.yaml: 16 sider bygget i site/lukket/\n"  # not "uændret": the passphrase is an input
    new = {p.name for p in (root / "site" / "lukket").glob("kalender-*.ics")}
    assert new and new.isdisjoint(old)


def test_a_members_name_in_public_text_stops_the_build(tmp_path):
    leaky = MEMBERS.read_text(encoding="utf-8").replace(
        "afbud: Send en sms til ordstyreren senest dagen før.", "afbud: Ring til Bo Hansen på 31 41 59 26."
    )
    root = copy_project(tmp_path, {"lukket.yaml": leaky.encode()})
    ran = _build(root)
    assert ran.code == 1 and not (root / "site" / "lukket").exists()
    assert ran.err == (
        "groups/lukket.yaml:42:10: aftaler.afbud: '31 41 59 26' og 'Bo Hansen' er kun for medlemmerne, men står her, hvor "
        "alle kan læse det; skriv teksten om uden dem. Siden er ikke lagt ud\n"
        "groups/lukket.yaml: ikke bygget (ret fejlene ovenfor)\n"
    )


REVIEW_GROUP = """\
navn: Familieplejere i Haslev
by: Haslev
medlemsområde: ja
offentlige steder:
  - Haslev Bibliotek, Jernbanegade 1, 4690 Haslev
formål: Vi mødes hos Yrsa på Mosebuen og taler om livet som plejefamilie. Spørg familien Ødegaard.
arrangør:
  navn: Vilma Tranekær
  telefon: 20 30 40 50
  email: vilma@example.dk
medlemmer:
  - navn: Vilma Tranekær
  - navn: Yrsa Ødegaard
    telefon: 31 41 59 26
    email: Yrsa.Odegaard@example.dk
  - navn: Bo Have
møder:
  - dato: 2027-01-12
    start: 18:00
    sted: Hos Yrsa, Mosebuen 7, 4690 Haslev
    dagsorden: første møde
    ordstyrer: Yrsa Ødegaard
  - dato: 2027-02-09
    start: 18:00
    sted: Haslev Bibliotek, Jernbanegade 1, 4690 Haslev
    tema: Feedback
"""


def _review_build(tmp_path, purpose: str):
    text = REVIEW_GROUP.replace(
        "formål: Vi mødes hos Yrsa på Mosebuen og taler om livet som plejefamilie. Spørg familien Ødegaard.", f"formål: {purpose}"
    )
    root = copy_project(tmp_path, {"haslev.yaml": text.encode()})
    return root, _build(root, "--today", "2026-11-26", name="NETVAERK_ADGANGSKODE_HASLEV")


def test_the_reviews_sentence_is_found_part_by_part(tmp_path):
    """A first name, a street without its number and a surname, each private in the file, written into the public
    purpose: the guard found none of them before (it looked for whole values only)."""
    root, ran = _review_build(tmp_path, "Vi mødes hos Yrsa på Mosebuen og taler om livet som plejefamilie. Spørg familien Ødegaard.")
    assert ran.code == 1 and not (root / "site" / "haslev").exists()
    assert ran.err == (
        "groups/haslev.yaml:6:9: formål: 'Mosebuen', 'Yrsa' og 'Ødegaard' er kun for medlemmerne, men står her, hvor alle "
        "kan læse det; skriv teksten om uden dem. Siden er ikke lagt ud\n"
        "groups/haslev.yaml: ikke bygget (ret fejlene ovenfor)\n"
    )


@pytest.mark.parametrize(
    ("purpose", "named"),
    [
        ("Ring til Yrsa.", "'Yrsa'"),  # a first name
        ("Familien Ødegaard byder velkommen.", "'Ødegaard'"),  # a surname
        ("Yrsa  Ødegaard byder velkommen.", "'Yrsa Ødegaard'"),  # the whole name, with two spaces
        ("Vi ses på mosebuen.", "'Mosebuen'"),  # a street without its number, in lower case
        ("Ring på +45 31415926.", "'31 41 59 26'"),  # a phone number with +45 and no spaces
        ("Ring på 3141 5926.", "'31 41 59 26'"),  # in pairs of four
        ("Skriv til YRSA.ODEGAARD@EXAMPLE.DK.", "'Yrsa.Odegaard@example.dk'"),  # an e-mail in capitals
    ],
)
def test_each_kind_of_private_value_is_found(tmp_path, purpose, named):
    root, ran = _review_build(tmp_path, purpose)
    assert ran.code == 1, purpose
    assert ran.err.startswith(f"groups/haslev.yaml:6:9: formål: {named} er kun for medlemmerne"), ran.err


@pytest.mark.parametrize(
    "purpose",
    [
        "Vilma Tranekær inviterer familieplejere i Haslev.",  # the organiser and the town
        "Vi mødes også på Haslev Bibliotek, Jernbanegade 1.",  # a public venue
        "Vi vil gerne have det rart og tale om det, vi har brug for.",  # 'Have' is a member's surname, and the guide's word
        "Yrsaline og Mosebuenvej er andre ord.",  # not whole words
        "Telefontid 131415926 og 314159267.",  # other numbers
    ],
)
def test_public_words_do_not_stop_the_build(tmp_path, purpose):
    root, ran = _review_build(tmp_path, purpose)
    assert ran.code == 0, ran.err


def test_without_a_members_area_the_organiser_is_told_once(tmp_path):
    root = copy_project(tmp_path)
    ran = run(["check", "groups/nordsjaelland.yaml", "--today", TODAY], root)
    assert ran.code == 0
    assert ran.err == PUBLIC_WARNING
    # 'medlemsområde: nej' says the organiser knows: no more warning.
    (root / "groups" / "nordsjaelland.yaml").write_text(CONTRACT.read_text(encoding="utf-8") + "medlemsområde: nej\n", encoding="utf-8")
    assert run(["check", "groups/nordsjaelland.yaml", "--today", TODAY], root).err == ""


def test_adgangskode_makes_a_passphrase_only_the_owner_can_read(tmp_path):
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    ran = run(["adgangskode", "groups/lukket.yaml"], root)
    assert ran.code == 0, ran.err
    saved = root / "private" / "lukket.adgangskode"
    words = saved.read_text(encoding="utf-8").split()
    assert len(words) == 6 and f"  {' '.join(words)}\n" in ran.out
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600 and stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    shown = ("GitHub:  Settings › Secrets and variables › Actions", "GitLab:  Settings › CI/CD › Variables", "Netlify:", VARIABLE, ".".join(words))
    for where in shown:
        assert where in ran.out
    assert "omkring 63 bits" in ran.out
    again = run(["adgangskode", "groups/lukket.yaml"], root)
    assert (again.code, again.err) == (0, "") and saved.read_text(encoding="utf-8").split() == words
    netvaerk = command(root)
    assert again.out == (
        "private/lukket.adgangskode: adgangskoden findes allerede og bliver ikke skiftet ud.\n"
        f"Se den med:          {netvaerk} adgangskode groups/lukket.yaml --vis\n"
        f"Lav en ny (sjældent): {netvaerk} adgangskode groups/lukket.yaml --ny\n"
    )
    shown_again = run(["adgangskode", "groups/lukket.yaml", "--vis"], root)
    assert (shown_again.code, shown_again.err) == (0, "") and saved.read_text(encoding="utf-8").split() == words
    assert shown_again.out.startswith(f"private/lukket.adgangskode: adgangskoden til medlemsområdet er:\n\n  {' '.join(words)}\n\n")
    assert ".".join(words) in shown_again.out and VARIABLE in shown_again.out
    replaced = run(["adgangskode", "groups/lukket.yaml", "--ny"], root)
    assert replaced.code == 0 and saved.read_text(encoding="utf-8").split() != words
    assert "abonnere igen fra siden Kalender" in replaced.out


def test_new_group_has_a_members_area_and_a_passphrase(tmp_path):
    root = copy_project(tmp_path)
    ran = run(["new", "Familieplejere i Vejle", "--arrangør", "Ida Holm", "--today", TODAY], root)
    assert ran.code == 0, ran.err
    assert "medlemsområde: ja\n" in (root / "groups" / "familieplejere-i-vejle.yaml").read_text(encoding="utf-8")
    assert len((root / "private" / "familieplejere-i-vejle.adgangskode").read_text(encoding="utf-8").split()) == 6
    assert _build(root, "groups/familieplejere-i-vejle.yaml", passphrase=None).code == 0


def test_a_public_repository_may_not_publish_a_members_area(tmp_path, monkeypatch):
    """The GitHub Pages workflow sets NETVAERK_KILDER_OFFENTLIGE=ja for a public repository: its group files can be read by anyone."""
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes(), "nordsjaelland.yaml": CONTRACT.read_bytes()})
    monkeypatch.setenv("NETVAERK_KILDER_OFFENTLIGE", "ja")
    ran = _build(root)
    assert ran.code == 1
    assert ran.err.startswith(
        "groups/lukket.yaml:1:1: medlemsområde: gruppen har et medlemsområde, men den bygges fra et offentligt repository, hvor "
        "alle kan læse gruppefilen med navne og adresser; gør repositoryet privat, eller læg siden ud på en anden måde "
        "(se Privatliv i README). Intet er lagt ud\ngroups/lukket.yaml: ikke bygget (ret fejlene ovenfor)\n"
    )
    assert not (root / "site" / "lukket").exists() and (root / "site" / "nordsjaelland" / "index.html").exists()


def test_the_lock_script_is_small_and_our_own(canary_site):
    (script,) = (canary_site / "site" / "kanarie" / "assets" / "javascripts").glob("laas.*.js")
    data = script.read_bytes()
    assert len(gzip.compress(data, compresslevel=9, mtime=0)) <= 3000
    assert b"import " not in data and b"require(" not in data and b"://" not in data  # no third-party code, no address


def test_the_host_is_locked_even_when_the_organiser_is_the_host(tmp_path):
    """Anne Jensen organises lukket (her name and phone are public) and hosts the meeting of 8 June 2027 in her
    home: "Vært: Anne Jensen" with her public number would give away the hidden address. Nowhere public may the
    host be named: not on the meeting's page, the roles page, the poster or the public feed."""
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    assert _build(root, "--today", "2026-11-26").code == 0
    site = root / "site" / "lukket"
    published = {
        "moeder/2027-06-08.html": "Vært: kun for medlemmer",
        "udskrift/dagsorden-2027-06-08.html": "Vært: kun for medlemmer",
        "moeder/2027-06-08.ics": "Vært: kun for medlemmer",
        "kalender.ics": "Vært: kun for medlemmer",
    }
    for rel, stand_in in published.items():
        text = html.unescape(re.sub(r"<[^>]+>", "", (site / rel).read_bytes().decode("utf-8"))).replace("\r\n ", "")
        assert not re.search(r"Vært:?\s*Anne", text), rel
        assert stand_in in text, rel
    # Members still see her as the host, behind the lock.
    members_feed = next(site.glob("kalender-*.ics")).read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Vært: Anne Jensen" in members_feed


def test_a_hostile_fragment_is_found_before_sealing_also_when_it_is_not_the_pages_last(tmp_path, monkeypatch):
    """The guard reads every members-only fragment with the page it is sealed on, before sealing hides it. A
    compromised template stands in for any way markup could slip past escaping: here the first fragment of every
    page carries a handler. (Before, only a page's last fragment was read, so pages with more missed it.)"""
    from generator.site.fragments import Fragments

    real = Fragments._seal

    def hostile(self, html):
        return real(self, html + ('<img src="x" onerror="alert(1)">' if not self.sealed else ""))

    monkeypatch.setattr(Fragments, "_seal", hostile)
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    built = _build(root)
    assert built.code == 1
    (problem,) = [line for line in built.err.splitlines() if "hændelsesattribut" in line]
    assert problem.startswith("groups/lukket.yaml:1:1: den byggede side indeholder en hændelsesattribut (onerror) på <img>")
    # Every one of the 13 pages with sealed fragments is named, also those with several.
    assert "(index.html, kalender.html, moeder/2027-01-12.html og 10 andre)" in problem, problem
    assert not (root / "site" / "lukket").exists()

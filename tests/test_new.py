"""`netvaerk new`: a complete, commented, valid group file, and the whole way from new to a built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clirun import run
from conftest import ROOT, copy_project
from generator.cli.options import command
from generator.guide.check import check
from generator.model.models import AgendaItem, Agreements, Group, Meeting, Member, OwnTheme, Person
from generator.model.schema import SCHEMA_COMMENT, SCHEMA_PATH
from test_schema import editor_errors

GOLDEN = ROOT / "tests" / "golden" / "new" / "familieplejere-i-aarhus-vest.yaml"
NAME = "Familieplejere i Aarhus Vest"


def _new(root: Path, *args: str):
    return run(["new", *args, "--today", "2026-11-26"], root)


def test_new_writes_the_golden_file(tmp_path, update_golden):
    ran = _new(tmp_path, NAME)
    assert ran.code == 0 and ran.err == ""
    passphrase = (tmp_path / "private" / "familieplejere-i-aarhus-vest.adgangskode").read_text(encoding="utf-8").strip()
    variable = "NETVAERK_ADGANGSKODE_FAMILIEPLEJERE_I_AARHUS_VEST"
    netvaerk = command(tmp_path)
    assert ran.out == (
        f"Ny projektmappe: {tmp_path} (mappen var tom; gruppefilerne ligger i groups/).\n"
        "groups/familieplejere-i-aarhus-vest.yaml: oprettet med medlemsområde: navne, mødesteder og telefonnumre ser kun medlemmerne.\n"
        "private/familieplejere-i-aarhus-vest.adgangskode: adgangskoden til medlemsområdet er gemt (kun du kan læse filen):\n"
        "\n"
        f"  {passphrase}\n"
        "\n"
        "Den er 6 tilfældige ord ud af 1.527 ord, så der er omkring 63 bits i den: den kan ikke gættes, heller ikke af mange computere.\n"
        "Giv den kun til gruppens medlemmer, fx på et møde. Skriv den aldrig i gruppefilen, og læg den aldrig i git.\n"
        "\n"
        "Bygger I siden hos GitHub, GitLab eller Netlify, skal adgangskoden også ligge dér som en hemmelighed\n"
        f"med navnet {variable}:\n"
        f"  GitHub:  Settings › Secrets and variables › Actions › New repository secret. Name: {variable}, Secret: adgangskoden.\n"
        f"  GitLab:  Settings › CI/CD › Variables › Add variable. Key: {variable}, Value: {passphrase.replace(' ', '.')}\n"
        "           (med punktummer, for GitLab kan kun skjule værdier uden mellemrum), og sæt flueben ved »Masked«.\n"
        f"  Netlify: Site configuration › Environment variables › Add a variable. Key: {variable}, Value: adgangskoden.\n"
        "Ændringer i arbejdsgangen (workflow-filen) er ikke nødvendige.\n"
        "\n"
        "Næste skridt:\n"
        "  1. Ret filen: dit navn, medlemmerne og mødestedet (kommentarerne i filen forklarer hvert felt).\n"
        f"  2. Tjek den:      {netvaerk} check groups/familieplejere-i-aarhus-vest.yaml\n"
        f'  3. Planlæg møder: {netvaerk} plan groups/familieplejere-i-aarhus-vest.yaml --fra ÅÅÅÅ-MM-DD --hver "2. tirsdag" --antal 6\n'
        f"  4. Byg siden:     {netvaerk} build\n"
    )
    written = (tmp_path / "groups" / "familieplejere-i-aarhus-vest.yaml").read_text(encoding="utf-8")
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(written, encoding="utf-8")
    assert written == GOLDEN.read_text(encoding="utf-8")


def test_new_file_starts_with_the_schema_line_that_points_at_the_committed_schema():
    text = GOLDEN.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == SCHEMA_COMMENT == "# yaml-language-server: $schema=../schema/gruppefil.schema.json"
    assert (ROOT / "groups" / first.split("=", 1)[1]).resolve() == (ROOT / SCHEMA_PATH).resolve()
    assert editor_errors(text) == []


def test_new_file_explains_every_key():
    text = GOLDEN.read_text(encoding="utf-8")
    for model in (Group, Person, Member, Agreements, Meeting, AgendaItem, OwnTheme):
        for name, field in model.model_fields.items():
            key = field.alias or name
            lines = [line for line in text.splitlines() if re.match(rf"\s*(#\s*)?(- )?{re.escape(key)}:", line)]
            assert lines, f"{model.__name__}.{key} is not in the new file"
    # Comment lines outnumber the lines that hold data.
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    data = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(comments) > len(data)


def test_new_file_is_valid_and_says_what_to_fill_in():
    group, warnings = check(GOLDEN.read_bytes(), "groups/familieplejere-i-aarhus-vest.yaml")
    assert group.navn == NAME
    assert [m.dagsorden for m in group.moeder] == ["første møde", "andet møde"]
    assert [str(m.dato) for m in group.moeder] == ["2027-01-05", "2027-02-02"]
    assert str(group.moeder[0].tilmeldingsfrist) == "2026-12-29"
    assert group.aftaler.afbud == "Meld afbud til ordstyreren senest dagen før."
    assert [str(w) for w in warnings if "skabelonen" in w.message] == [
        "groups/familieplejere-i-aarhus-vest.yaml:46:9: arrangør.navn: advarsel: der står stadig 'Dit navn' fra skabelonen; skriv dit eget navn",
        "groups/familieplejere-i-aarhus-vest.yaml:54:11: medlemmer[1].navn: advarsel: der står stadig 'Dit navn' fra skabelonen; skriv dit eget navn",
        "groups/familieplejere-i-aarhus-vest.yaml:108:11: møder[1].sted: advarsel: "
        "der står stadig 'Skriv mødestedet her' fra skabelonen; skriv, hvor I mødes",
        "groups/familieplejere-i-aarhus-vest.yaml:116:11: møder[2].sted: advarsel: "
        "der står stadig 'Skriv mødestedet her' fra skabelonen; skriv, hvor I mødes",
    ]


def test_new_never_overwrites(tmp_path):
    assert _new(tmp_path, NAME).code == 0
    path = tmp_path / "groups" / "familieplejere-i-aarhus-vest.yaml"
    path.write_text("navn: mine rettelser\n", encoding="utf-8")
    ran = _new(tmp_path, NAME)
    assert (ran.code, ran.out) == (1, "")
    assert ran.err == "groups/familieplejere-i-aarhus-vest.yaml: findes allerede; ret den fil, der er, eller vælg et andet navn\n"
    assert path.read_text(encoding="utf-8") == "navn: mine rettelser\n"


def test_new_quotes_what_yaml_would_misread(tmp_path):
    name = 'Plejefamilier: "Vest" #1 & co'
    ran = _new(tmp_path, name, "--arrangør", "Anne: Jensen", "--by", "- Aarhus")
    assert ran.code == 0, ran.err
    path = tmp_path / "groups" / "plejefamilier-vest-1-co.yaml"
    group, warnings = check(path.read_bytes(), "x.yaml")
    assert (group.navn, group.arrangoer.navn, group.by, group.medlemmer[0].navn) == (name, "Anne: Jensen", "- Aarhus", "Anne: Jensen")
    assert not [w for w in warnings if "skabelonen" in w.message and "navn" in w.field]


@pytest.mark.parametrize(
    "args, message",
    [
        (["<script>"], "Fejl: ugyldig værdi for NAVN: må ikke indeholde < eller >\n"),
        (["!!!"], "Fejl: ugyldig værdi for NAVN: navnet giver ikke en brugbar filadresse; brug bogstaver og tal\n"),
        (["Vest", "--arrangør", " "], "Fejl: ugyldig værdi for --arrangør: må ikke være tom\n"),
    ],
)
def test_new_refuses_bad_names(tmp_path, args, message):
    ran = _new(tmp_path, *args)
    assert (ran.code, ran.out, ran.err) == (2, "", "Brug: netvaerk new [TILVALG] NAVN\n" + message)
    assert not (tmp_path / "groups").exists()


def test_from_new_to_a_planned_half_year_to_a_built_site(tmp_path):
    """The organiser's whole way, with only the commands and edits in the YAML."""
    root = copy_project(tmp_path, {})
    assert _new(root, NAME, "--arrangør", "Anne Jensen", "--by", "Aarhus").code == 0
    path = root / "groups" / "familieplejere-i-aarhus-vest.yaml"
    text = path.read_text(encoding="utf-8")
    # The organiser's edits: the place (a library, so it may be public), three more members, a referent.
    text = text.replace("Skriv mødestedet her", "Beder Bibliotek, Kirkevej 2, 8330 Beder")
    public = "offentlige steder:\n  - Beder Bibliotek, Kirkevej 2, 8330 Beder\n"
    text = text.replace("# offentlige steder:\n#   - Hovedbiblioteket, mødelokale 1\n", public)
    more = "  - navn: Bo Hansen\n    telefon: 20 30 40 51\n  - navn: Carla Nielsen\n  - navn: Dorte Madsen\n"
    text = text.replace("  - navn: Anne Jensen\n", "  - navn: Anne Jensen\n" + more)
    text = text.replace("    # referent: Navn Navnesen\n    tilmeldingsfrist", "    referent: Bo Hansen\n    tilmeldingsfrist")
    path.write_text(text, encoding="utf-8")
    planned = run(["plan", "groups/familieplejere-i-aarhus-vest.yaml", "--fra", "2027-03-01", "--hver", "2. tirsdag", "--antal", "6", "--ja"], root)
    assert planned.code == 0, planned.err
    assert "tirsdag den 10. august 2027 kl. 18.00, evalueringsmøde" in planned.out
    assert (
        "    dagsorden: andet møde\n    # ordstyrer: Navn Navnesen\n    # referent: Navn Navnesen\n    # vært: Navn Navnesen\n"
        "\n  - dato: 2027-03-09\n"
    ) in path.read_text(encoding="utf-8")
    checked = run(["check", "groups/familieplejere-i-aarhus-vest.yaml", "--today", "2026-11-26"], root)
    assert checked.code == 0 and "advarsel" in checked.err and "ingen møder planlagt" not in checked.err
    built = run(["build", "--today", "2026-11-26"], root)
    assert built.code == 0, built.err
    assert built.out.startswith("groups/familieplejere-i-aarhus-vest.yaml: ")
    site = root / "site" / "familieplejere-i-aarhus-vest"
    plan_page = (site / "moeder" / "index.html").read_text(encoding="utf-8")
    assert "Evalueringsmøde" in (site / "moeder" / "2027-08-10.html").read_text(encoding="utf-8")
    assert "10. august 2027" in plan_page and "11. januar 2028" not in plan_page
    assert "Beder Bibliotek" in plan_page
    first = (site / "moeder" / "2027-01-05.html").read_text(encoding="utf-8")
    assert "Bo Hansen" not in first and "data-nv-lock=" in first  # the referent's name is behind the lock

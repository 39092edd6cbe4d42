"""Personal data: what the site publishes about people, CPR numbers, search engines and free-form fields."""

from __future__ import annotations

import datetime as dt
import html
import re
import typing
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import CONTRACT, TODAY, build_one, copy_project
from generator.builder.generate import generate
from generator.builder.project import Project
from generator.builder.publish import prepare_output
from generator.errors import GroupError
from generator.guide.check import check
from generator.model.models import Group
from generator.site.config import config_text
from generator.site.render import environment

CONTACTS = """\
navn: Familieplejere i Kolding
formål: Vi støtter hinanden.
søgemaskiner: ja
adresse: https://kolding.example.dk/
arrangør:
  navn: Anne Jensen
  telefon: 20 30 40 50
  email: anne.jensen@example.dk
medlemmer:
  - navn: Anne Jensen
  - navn: Bo Hansen
    telefon: 31 41 59 26
    email: bo.hemmelig@example.dk
  - navn: Carla Nielsen
    telefon: +45 40 11 22 33
    email: carla.nielsen@example.dk
    vis kontakt: ja
  - navn: Dorte Madsen
    telefon: 27 18 28 18
    email: dorte.skjult@example.dk
    vis kontakt: nej
møder:
  - dato: 2027-01-12
    start: 18:00
    sted: Biblioteket
    dagsorden: første møde
    ordstyrer: Bo Hansen
    referent: Dorte Madsen
"""
# How a private phone number or e-mail could turn up: spaced, compact, entity-escaped, percent-encoded.
PRIVATE = {
    "Bo's phone": re.compile(r"31\D{0,12}41\D{0,12}59\D{0,12}26"),
    "Bo's e-mail": re.compile("hemmelig", re.I),
    "Dorte's phone": re.compile(r"27\D{0,12}18\D{0,12}28\D{0,12}18"),
    "Dorte's e-mail": re.compile("skjult", re.I),
}
TEXT_SUFFIXES = {".html", ".json", ".xml", ".ics", ".txt", ".md", ".yml", ".js", ".css", ".svg", ".webmanifest"}


def _readable(text: str) -> str:
    """The text as a reader or a program would see it: entities and %-escapes decoded."""
    return unquote(html.unescape(html.unescape(text)))


@pytest.fixture(scope="module")
def contacts_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("contacts"), {"kolding.yaml": CONTACTS.encode()})
    project, out = Project(root), root / "site"
    prepare_output(out, project)
    build_one(project, root / "groups" / "kolding.yaml", "kolding", out, TODAY)
    return out / "kolding"


def test_private_contacts_are_nowhere_in_the_built_site(contacts_site):
    files = [p for p in contacts_site.rglob("*") if p.is_file()]
    checked = 0
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".gz":
            import gzip

            data = gzip.decompress(data)
        elif path.suffix not in TEXT_SUFFIXES:
            continue
        text = _readable(data.decode("utf-8", errors="replace"))
        checked += 1
        for what, pattern in PRIVATE.items():
            assert not pattern.search(text), f"{what} in {path.relative_to(contacts_site)}"
    assert checked >= 15


def test_private_contacts_are_nowhere_in_the_generated_sources():
    env = environment()
    generated = generate(CONTACTS.encode(), "groups/kolding.yaml", "kolding", TODAY, env, "../../mkdocs.yml", "../../overrides")
    for rel, content in [*generated.docs.items(), ("mkdocs.yml", config_text(generated.config))]:
        text = _readable(content if isinstance(content, str) else content.decode("utf-8", errors="replace"))
        for what, pattern in PRIVATE.items():
            assert not pattern.search(text), f"{what} in {rel}"


def test_opted_in_member_and_organiser_are_published(contacts_site):
    roles = (contacts_site / "roller.html").read_text()
    assert "Disse medlemmer har sagt ja til, at deres kontaktoplysninger står her:" in roles
    assert '<a href="tel:+4540112233">+45 40 11 22 33</a>' in roles
    assert '<a href="mailto:carla.nielsen@example.dk">carla.nielsen@example.dk</a>' in roles
    home = (contacts_site / "index.html").read_text()
    assert '<a href="tel:20304050">20 30 40 50</a>' in home
    assert '<a href="mailto:anne.jensen@example.dk">anne.jensen@example.dk</a>' in home


def test_no_contact_section_when_nobody_opted_in(built_site):
    assert "kontaktoplysninger" not in (built_site / "roller.html").read_text()


def test_every_page_asks_search_engines_to_stay_away(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) == 23  # 16 pages and 7 printables; no 404.html of its own
    for page in pages:
        assert page.read_text().count('<meta name="robots" content="noindex, nofollow">') == 1, page.name
        assert 'rel="canonical"' not in page.read_text(), page.name  # only search engines read it
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "sitemap.xml.gz").exists()
    # Blocking in robots.txt would stop crawlers from ever reading the noindex.
    assert not (built_site / "robots.txt").exists()


def test_a_group_that_wants_to_be_found_gets_a_sitemap_and_no_noindex(contacts_site):
    assert (contacts_site / "sitemap.xml").exists()
    for page in contacts_site.rglob("*.html"):
        assert 'name="robots"' not in page.read_text(), page.name
    rel = "moeder/2027-01-12.html"
    assert f'<link rel="canonical" href="https://kolding.example.dk/{rel}">' in (contacts_site / rel).read_text()
    assert not (contacts_site / "robots.txt").exists()


# CPR numbers


CPR_SEPARATORS = ["-", "", " ", "\u2013", "\u2010"]


@st.composite
def cpr_numbers(draw) -> str:
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
    sep = draw(st.sampled_from(CPR_SEPARATORS))
    return f"{day:%d%m%y}{sep}{draw(st.integers(0, 9999)):04d}"


def _value_lines(text: str) -> list[int]:
    """Line numbers (from 1) of 'key: value' lines with a plain text value in the contract."""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = re.match(r"^\s*(- )?[a-zæøå ]+: ([A-ZÆØÅa-zæøå][^#\[]*)$", line)
        if match and not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d", line):
            out.append(number)
    return out


CONTRACT_TEXT = CONTRACT.read_text(encoding="utf-8")
VALUE_LINES = _value_lines(CONTRACT_TEXT)


def test_there_are_many_value_lines_to_try():
    assert len(VALUE_LINES) >= 40


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cpr=cpr_numbers(), line=st.sampled_from(VALUE_LINES), where=st.sampled_from(["start", "end"]))
def test_a_cpr_number_in_any_field_stops_the_build_at_its_line(cpr, line, where):
    lines = CONTRACT_TEXT.split("\n")
    key, _, value = lines[line - 1].partition(": ")
    lines[line - 1] = f"{key}: {cpr} {value}" if where == "start" else f"{key}: {value} {cpr}"
    with pytest.raises(GroupError) as caught:
        check("\n".join(lines).encode(), "groups/x.yaml")
    cpr_problems = [p for p in caught.value.problems if "CPR-nummer" in p.message]
    assert len(cpr_problems) == 1
    assert cpr_problems[0].line == line
    assert cpr_problems[0].message == "ligner et CPR-nummer; det må ikke offentliggøres uden samtykke, så slet det fra filen"


@pytest.mark.parametrize(
    "block",
    [
        "formål: |\n  Vi støtter hinanden. Barnets nummer er 010190\n  1234, men det skal ikke stå her.\n",
        "formål: >\n  Vi støtter hinanden. Barnets nummer er 010190\n  -1234, men det skal ikke stå her.\n",
        "formål: Vi støtter hinanden. Barnets nummer er 010190 - 1234\n",
        "formål: \"Vi støtter hinanden. Barnets nummer er 010190\\n1234\"\n",
    ],
)
def test_a_cpr_number_broken_over_two_lines_is_caught(block):
    """The site joins a text's lines with a space, so a number split at a line break would be published whole."""
    text = re.sub(r"^formål:.*\n(?:[ \t]+.*\n)*", block, CONTRACT_TEXT, count=1, flags=re.M)
    assert text != CONTRACT_TEXT
    with pytest.raises(GroupError) as caught:
        check(text.encode(), "groups/x.yaml")
    line = text[: text.index("formål:")].count("\n") + 1
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [
        (line, "formål", "ligner et CPR-nummer; det må ikke offentliggøres uden samtykke, så slet det fra filen")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2027-01-12", "20 30 40 50", "+45 20304050", "kl. 18.00-20.40", "010190-12345", "320185-1234", "12345678901", "010190 12345",
        "tlf. 201190\n12345",
    ],
)
def test_dates_phones_and_long_numbers_are_not_cpr_numbers(text):
    from generator.model.cpr import find_cpr

    assert find_cpr(text) is None


# No room for case notes


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def _fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for field in model.model_fields.values():
        name = prefix + (field.alias or "")
        out.append(name)
        for inner in _models_in(field.annotation):
            out += _fields(inner, name + ".")
    return out


def test_the_group_file_has_exactly_these_fields():
    # Adding a field is a deliberate decision: no free-form field may invite notes about children.
    assert _fields(Group) == [
        "navn", "by", "adresse", "formål", "netværkstype", "mødeform",
        "arrangør", "arrangør.navn", "arrangør.telefon", "arrangør.email",
        "medlemmer", "medlemmer.navn", "medlemmer.telefon", "medlemmer.email", "medlemmer.vis kontakt",
        "aftaler", "aftaler.medlemskab", "aftaler.nye medlemmer", "aftaler.rammer", "aftaler.mødepligt", "aftaler.afbud",
        "aftaler.etik", "aftaler.grænsevogter", "aftaler.gruppedynamik", "aftaler.tavshedspligt", "aftaler.forplejning",
        "temaer", "temaer.navn", "temaer.beskrivelse",
        "møder", "møder.dato", "møder.start", "møder.sted", "møder.dagsorden", "møder.dagsorden.punkt",
        "møder.dagsorden.minutter", "møder.dagsorden.ved", "møder.tema", "møder.temaansvarlige", "møder.ordstyrer",
        "møder.referent", "møder.vært", "møder.tilmeldingsfrist", "møder.aflyst", "møder.evaluering",
        "påmindelse", "søgemaskiner", "i oversigt", "medlemsområde", "offentlige steder",
    ]


@pytest.mark.parametrize(
    ("after", "indent", "field", "hint"),
    [
        ("by: Hillerød", "", "noter", ""),
        ("  email: anne.jensen@example.dk", "  ", "arrangør.noter", ""),
        ("  - navn: Bo Hansen", "    ", "medlemmer[2].noter", ""),
        ("  forplejning: Værten sørger for kaffe og te; vi skiftes til at tage kage med.", "  ", "aftaler.noter", ""),
        ("    tilmeldingsfrist: 2027-01-05", "    ", "møder[1].noter", ""),
        ("        minutter: 20", "        ", "møder[7].dagsorden[1].noter", " (mente du 'minutter'?)"),
    ],
)
def test_unknown_keys_are_errors_at_every_level(after, indent, field, hint):
    assert CONTRACT_TEXT.count(after + "\n") == 1
    text = CONTRACT_TEXT.replace(after + "\n", f"{after}\n{indent}noter: Plejebarnet har haft en svær uge\n")
    with pytest.raises(GroupError) as caught:
        check(text.encode(), "groups/x.yaml")
    line = text.split("\n").index(f"{indent}noter: Plejebarnet har haft en svær uge") + 1
    assert [str(p) for p in caught.value.problems] == [f"groups/x.yaml:{line}:{len(indent) + 1}: {field}: ukendt felt 'noter'{hint}"]


def test_the_readme_explains_privacy_in_danish():
    readme = (CONTRACT.parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# netvaerk\n\n```sh\nmake site   #")
    section = readme.split("## Privatliv\n", 1)[1].split("\n## ", 1)[0]
    needs = ("vis kontakt: ja", "CPR-nummer", "noindex, nofollow", "søgemaskiner: ja", "andre servere", "medlemsområde: ja",
             "Låsen beskytter ikke mod", "--ny", "AES-256-GCM", "PBKDF2-HMAC-SHA256", "600.000 runder", "sekunder at låse op")
    for needed in needs:
        assert needed in section, needed

"""Thousands of generated group files through the pure pipeline: a site's sources or our own error, never a traceback.

Three kinds of input: well-formed groups with generated content, valid files with random
mutations, and random bytes or YAML token soup. Run with `--hypothesis-show-statistics` to see
how the outcomes are spread (each example records its outcome as a hypothesis event).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.builder.generate import Generated, generate
from generator.errors import GroupError
from generator.model.cpr import find_cpr
from generator.site.render import environment

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = (ROOT / "groups" / "nordsjaelland.yaml").read_bytes()
SMALL = (ROOT / "tests" / "hostile" / "entity-title.yaml").read_bytes()
FILE = "groups/fuzz.yaml"
TODAY = dt.date(2026, 11, 26)
def fuzz(examples: int) -> settings:
    slow_is_fine = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    return settings(max_examples=examples, deadline=None, suppress_health_check=slow_is_fine)


@functools.lru_cache(maxsize=1)
def shared_environment():
    return environment()


def outcome(data: bytes) -> str:
    """Run the pure pipeline and check that what comes out is a site's sources or a well-formed GroupError."""
    try:
        result = generate(data, FILE, "fuzz", TODAY, shared_environment(), "../../mkdocs.yml", "../../overrides")
    except GroupError as exc:
        assert exc.problems
        try:
            lines = data.decode("utf-8").count("\n") + 2
        except UnicodeDecodeError:
            lines = data.count(b"\n") + 2
        for problem in exc.problems:
            assert problem.file == FILE
            assert 1 <= problem.line <= max(lines, 2), str(problem)
            assert problem.col >= 1, str(problem)
            assert problem.message and "Traceback" not in problem.message
            assert str(problem).startswith(f"{FILE}:{problem.line}:{problem.col}: ")
        for problem in exc.problems:
            # pydantic's and ruamel.yaml's own English must not reach the organiser
            assert "Input should" not in problem.message and "ugyldig værdi (" not in problem.message, str(problem)
        first = exc.problems[0].message
        if first.startswith("YAML-fejl: filen kan ikke læses her"):
            return "error: YAML-fejl (ruamel.yaml's own words)"
        return "error: " + re.sub(r"'[^']*'|\([^)]*\)", "…", first).split(";")[0][:60].strip()
    assert isinstance(result, Generated)
    assert "index.md" in result.docs and all(isinstance(v, (str, bytes)) and v for v in result.docs.values())
    assert result.config["site_name"] and result.config["nav"]
    return "built"


def run(data: bytes) -> None:
    """One example: its outcome is recorded for --hypothesis-show-statistics."""
    event(outcome(data))


# 1. Well-formed group files with generated content

def strategies(valid: bool):
    """The building blocks: always good ones for valid groups, else good four times in five."""

    def pick(good, *bad):
        return good if valid or not bad else st.one_of(good, good, good, good, *bad)

    # Printable text; control and invisible characters come in through the mutations and the token soup.
    printable = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=30)
    odd = st.sampled_from(["", "~", "null", "ja", "18:00", "2027-01-12", "<b>", "&amp;", "120385-1234", "første møde", "[a, b]", "{a: b}"])
    text = pick(printable.filter(lambda t: t.strip() and find_cpr(t) is None), odd)
    names = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), exclude_characters="<>"), min_size=1, max_size=20)
    names = pick(names.filter(lambda t: t.strip() and find_cpr(t) is None), text)
    dates = pick(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)).map(str), st.dates().map(str), text)
    times = pick(st.times().map(lambda t: f"{t.hour}:{t.minute:02d}"), text)
    name = pick(st.sampled_from(MEMBERS), text)
    phone = pick(st.sampled_from(["20 30 40 50", "+45 20304050", "+46 70 123 45 67"]), text)
    email = pick(st.sampled_from(["anne@example.dk", "a.b+c@sub.example.org"]), text)
    yes_no = pick(st.sampled_from(["ja", "nej"]), st.just("måske"))

    minutes = pick(st.integers(0, 120).map(str), st.integers(0, 400).map(str), text)
    agenda_item = st.fixed_dictionaries({"punkt": text, "minutter": minutes}, optional={"ved": text})
    meeting = st.fixed_dictionaries(
        {"dato": dates, "start": times, "sted": text},
        optional={
            "dagsorden": pick(
                st.one_of(st.sampled_from(["første møde", "andet møde", "kommende møder"]), st.lists(agenda_item, min_size=1, max_size=4)),
                st.just("tredje møde"), st.lists(agenda_item, max_size=4),
            ),
            "tema": names, "temaansvarlige": st.lists(name, max_size=3), "ordstyrer": name, "referent": name, "vært": name,
            "aflyst": text, "evaluering": yes_no, **({} if valid else {"tilmeldingsfrist": dates}),
        },
    )
    member = st.fixed_dictionaries({"navn": name}, optional={"telefon": phone, "email": email, "vis kontakt": yes_no})
    members = st.just([{"navn": n} for n in MEMBERS]) if valid else st.lists(member, max_size=5)
    group = st.fixed_dictionaries(
        {
            "navn": names, "formål": text, "medlemmer": members,
            "arrangør": st.fixed_dictionaries({"navn": name}, optional={"telefon": phone, "email": email}),
        },
        optional={
            "by": text,
            "adresse": pick(st.just("https://gruppe.example.dk/"), st.sampled_from(["http://x", "javascript:alert(1)", "https://a.b/c d"])),
            "netværkstype": pick(
                st.lists(st.sampled_from(["støtte", "studiegruppe", "faglig vejledning", "supervision"]), max_size=3, unique=True), st.just("x")
            ),
            "mødeform": pick(st.sampled_from(["fysisk", "mail", "begge"]), st.just("zoom")),
            "aftaler": st.dictionaries(pick(st.sampled_from(["afbud", "etik", "tavshedspligt", "forplejning"]), st.just("ukendt")), text, max_size=3),
            "temaer": st.lists(st.fixed_dictionaries({"navn": names}, optional={"beskrivelse": text}), max_size=3),
            "møder": st.lists(meeting, max_size=4, unique_by=lambda m: m["dato"]),
            "påmindelse": yes_no, "søgemaskiner": yes_no,
        },
    )
    unknown_fields = st.dictionaries(st.sampled_from(["noter", "børn", "cpr", "x"]), text, min_size=1, max_size=1)
    unknown = st.just({}) if valid else pick(st.just({}), unknown_fields)
    return st.tuples(group, unknown).map(lambda gu: {**gu[0], **gu[1]})


MEMBERS = ["Anne Jensen", "Bo Hansen", "Carla Nielsen"]


def to_yaml(data, indent: str = "", plain: bool = False) -> str:
    """Block YAML; scalars double-quoted, or written plain (which may well break the syntax)."""

    def scalar(value) -> str:
        return str(value) if plain else json.dumps(value, ensure_ascii=False)

    out = ""
    for key, value in data.items():
        if isinstance(value, dict):
            out += (f"{indent}{key}:\n" + to_yaml(value, indent + "  ", plain)) if value else f"{indent}{key}: {{}}\n"
        elif isinstance(value, list):
            out += f"{indent}{key}:\n" if value else f"{indent}{key}: []\n"
            for item in value:
                if isinstance(item, dict) and item:
                    out += to_yaml(item, indent + "    ", plain).replace(indent + "    ", indent + "  - ", 1)
                else:
                    out += f"{indent}  - {scalar(item)}\n"
        else:
            out += f"{indent}{key}: {scalar(value)}\n"
    return out


@pytest.mark.slow
@fuzz(500)
@given(group=st.one_of(strategies(valid=True), strategies(valid=False)), plain=st.sampled_from([False, False, False, True]))
def test_generated_groups(group, plain):
    run(to_yaml(group, plain=plain).encode())


# 2. Valid files with random mutations

TOKENS = [
    b":", b": ", b"- ", b"-", b"  ", b"\n", b"\n  ", b"\t", b"&a ", b"*a", b"!!str ", b"!!python/object/apply:os.system ",
    b"%YAML 1.1\n", b"%TAG ! x\n", b"---\n", b"...\n", b"[", b"]", b"{", b"}", b",", b'"', b"'", b"|", b">", b"? ", b"#",
    b"\x00", b"\x1b", "\u202e".encode(), "\u200b".encode(), b"\xff", b"\xc3", b"\r", b"\r\n", b"<script>", b"010190-1234",
    b"9999-12-31", b"0000-00-00", b"25:61", b"~", b"null", b"ja", b"nej", b"\\u202e", b"\\x00", b'"\\', "æøå".encode(),
    b"<<: ", b".inf", b"1e9999", b"[" * 50, b"- " * 20, b"\xef\xbb\xbf", b"&", b"*", b"@", b"`", b"%",
]


@st.composite
def mutated(draw, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["insert", "delete", "replace", "byte", "duplicate line", "delete line", "swap lines", "indent"]))
        at = draw(st.integers(0, len(data)))
        if operation == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif operation == "replace":
            data[at : at + draw(st.integers(1, 10))] = draw(st.sampled_from(TOKENS))
        elif operation == "byte":
            data[at:at] = bytes([draw(st.integers(0, 255))])
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if operation == "duplicate line":
                lines.insert(i, lines[i])
            elif operation == "delete line":
                del lines[i]
            elif operation == "swap lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = b" " * draw(st.integers(1, 6)) + lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@pytest.mark.slow
@fuzz(1200)
@given(data=mutated(SMALL))
def test_mutated_small_group_files(data):
    run(data)


@pytest.mark.slow
@fuzz(300)
@given(data=mutated(CONTRACT))
def test_mutated_contract(data):
    run(data)


# 3. Random bytes and YAML token soup


@fuzz(700)
@given(data=st.binary(max_size=600))
def test_random_bytes(data):
    run(data)


FIELD_NAMES = st.sampled_from(["navn", "formål", "medlemmer", "møder", "dato"]).map(str.encode)


@pytest.mark.slow
@fuzz(800)
@given(parts=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8).map(str.encode), FIELD_NAMES), max_size=60))
def test_yaml_token_soup(parts):
    run(b"".join(parts))


def test_the_contract_and_the_small_file_are_built():
    assert outcome(CONTRACT) == "built"
    assert outcome(SMALL) == "built"

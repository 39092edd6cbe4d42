"""The loader's messages for two slips a YAML reader does not see as slips: a field without the space after its
colon, and a ' #' that cuts a value short. Both paths of the loader (libyaml's and ruamel.yaml's) say the same."""

from __future__ import annotations

import pytest

from generator.errors import GroupError
from generator.guide.check import check
from generator.model.loader import _parse_exact, _parse_fast, parse

HEAD = "navn: Testgruppen\nformål: At mødes.\narrangør:\n  navn: Anne Jensen\n"
MEMBERS = "medlemmer:\n  - navn: Anne Jensen\n  - navn: Bo Hansen\n"
MEETING = "møder:\n  - dato: 2027-01-12\n    start: 18:00\n    sted: Biblioteket\n    ordstyrer: Anne Jensen\n    referent: Bo Hansen\n"
GOOD = HEAD + MEMBERS + MEETING


def glued(line: int, col: int, written: str, field: str = "") -> str:
    key, value = written.split(":", 1)
    where = f" {field}:" if field else ""
    return f"groups/x.yaml:{line}:{col}:{where} der mangler et mellemrum efter kolon i '{written}'; skriv '{key}: {value}'"


def problems(text: str) -> list[str]:
    try:
        check(text.encode(), "groups/x.yaml")
    except GroupError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The line itself, not the comment under it or the next field.
        (HEAD + "by:Odense\n# kommentar\n\n" + MEMBERS + MEETING, glued(5, 3, "by:Odense")),
        (GOOD + "by:Odense\n", glued(14, 3, "by:Odense")),
        (GOOD.replace("start: 18:00", "start:18:00"), glued(10, 10, "start:18:00")),
        (GOOD.replace("- dato: 2027", "- dato:2027"), glued(9, 9, "dato:2027-01-12")),
        (
            GOOD.replace("  - navn: Bo Hansen\n", "  - navn: Bo Hansen\n  - navn:Mette Kjær  # ny\n"),
            glued(8, 9, "navn:Mette Kjær", "medlemmer[3]"),
        ),
        (
            GOOD.replace("  navn: Anne Jensen\nmedlemmer", "  navn:Anne Jensen\nmedlemmer"),
            glued(4, 7, "navn:Anne Jensen", "arrangør"),
        ),
    ],
)
def test_a_field_without_a_space_after_its_colon_is_named_where_it_is(text, expected):
    assert problems(text) == [expected]
    # Both of the loader's paths: the fast one steps aside, the exact one says it (or both read the same tree).
    if _parse_fast(text, "groups/x.yaml") is not None:
        assert _parse_fast(text, "groups/x.yaml") == _parse_exact(text, "groups/x.yaml")


@pytest.mark.parametrize(
    ("line", "shown", "fixed"),
    [
        ("    sted: Hos Jørgen #2, Løvstræde 3", "#2, Løvstræde 3", 'sted: "Hos Jørgen #2, Løvstræde 3"'),
        ("    sted: Lokale #B", "#B", 'sted: "Lokale #B"'),
        ('    sted: Bo\'s "hule" #3', "#3", "sted: 'Bo''s \"hule\" #3'"),
    ],
)
def test_a_value_cut_short_by_a_comment_is_an_error(line, shown, fixed):
    text = GOOD.replace("    sted: Biblioteket", line)
    col = line.index(" #") + 2
    assert problems(text) == [
        f"groups/x.yaml:11:{col}: '{shown}' bliver læst som en kommentar, så teksten stopper før ' #'; sæt hele teksten i "
        f"anførselstegn: {fixed} (er det en kommentar, så skriv et mellemrum efter #)"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "    start: 18:00  # altid",
        "    start: 18:00 #",
        "    start: 18:00 ## gammel tid",
        '    sted: "Hos Jørgen #2, Løvstræde 3"',
        "    sted: Hos Jørgen#2",
        "# 2 kommentar på sin egen linje\n    sted: Biblioteket",
    ],
)
def test_ordinary_comments_and_quoted_hashes_are_left_alone(line):
    key = line.split(":")[0].strip()
    text = GOOD.replace(f"    {key}: " + ("18:00" if key == "start" else "Biblioteket"), line, 1)
    assert problems(text) == []
    parse(text, "groups/x.yaml")


def test_a_web_address_and_a_clock_time_are_no_missing_space():
    assert problems(GOOD + "adresse: https://example.org/gruppe/\n") == []
    assert problems(GOOD.replace("sted: Biblioteket", "sted: Biblioteket kl.18:00")) == []

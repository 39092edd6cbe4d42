"""The loader's fast path (libyaml's events, comments found in the text) gives exactly the tree of its exact path
(ruamel.yaml's own YAML 1.2 parser) or steps aside: for every group file in the tests and for generated ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import GroupError
from generator.model.loader import _check_characters, _parse_exact, _parse_fast, decode, parse

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted({*ROOT.glob("groups/*.yaml"), *ROOT.glob("tests/**/*.yaml")})


def exact(text: str):
    try:
        return _parse_exact(text, "groups/x.yaml")
    except GroupError as exc:
        return [str(p) for p in exc.problems]


def same_either_way(text: str):
    if _check_characters(text, "groups/x.yaml"):
        return None  # refused before either parser runs
    fast = _parse_fast(text, "groups/x.yaml")
    if fast is not None:
        assert fast == exact(text)
    return fast


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_group_file_of_the_tests_gives_the_same_tree(path):
    try:
        text = decode(path.read_bytes(), "groups/x.yaml")
    except GroupError:
        return
    same_either_way(text)


def test_the_contract_takes_the_fast_path_with_its_comments():
    tree = same_either_way((ROOT / "groups" / "nordsjaelland.yaml").read_text(encoding="utf-8"))
    assert tree is not None and len(tree.comments) == 6
    assert tree.comments[0].pos.line == 1 and tree.comments[0].text.startswith("# Netværksgruppe")


def test_a_comment_is_reported_on_its_own_line():
    text = "navn: x\narrangør:\n  navn: y\n# 010120-4321 her\nby: z  # og her\n"
    tree = parse(text, "groups/x.yaml")
    assert [(c.pos.line, c.pos.col, c.text) for c in tree.comments] == [(4, 1, "# 010120-4321 her"), (5, 8, "# og her")]


PLAIN = st.sampled_from(["Anne", "18:00", "2027-01-12", "ja", "Hos Bo, Slotsgade 4", "a#b", "x: y", "100 %", "~", "null", "æøå", "-1"])
ESCAPES = st.sampled_from(["\\n", "\\t", "\\\\", '\\"', "\\/", "\\x41", "\\u00e6", "\\N", "\\_", "\\L", "\\e", "\\0", "# ikke kommentar", "'"])
COMMENT = st.sampled_from(["", "  # note", " # 010120-4321", " #", "  # a # b", "#tæt på"])


@st.composite
def scalar(draw) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(PLAIN)
    if kind == 1:
        return json.dumps(draw(PLAIN), ensure_ascii=False).replace('"', "'")
    if kind == 2:
        return '"' + "".join(draw(st.lists(st.one_of(ESCAPES, PLAIN), max_size=4))) + '"'
    if kind == 3:
        body = "".join(f"    {draw(PLAIN)}\n" for _ in range(draw(st.integers(1, 3))))
        return draw(st.sampled_from(["|", ">", "|-", ">+"])) + "\n" + body.rstrip("\n")
    return "[" + ", ".join(draw(st.lists(PLAIN.filter(lambda v: ":" not in v and "," not in v and "#" not in v), max_size=3))) + "]"


@st.composite
def document(draw) -> str:
    lines = []
    for i in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["# kommentar", "# CPR 010120-4321", "", "   # indrykket", "#"])))
        value = draw(scalar())
        comment = draw(COMMENT) if "\n" not in value else ""
        if draw(st.booleans()):
            lines.append(f"felt{i}:\n  - navn: {value}{comment}\n  - {draw(scalar()).splitlines()[0]}")
        else:
            lines.append(f"felt{i}: {value}{comment}")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(document())
def test_generated_files_give_the_same_tree(text):
    same_either_way(text)

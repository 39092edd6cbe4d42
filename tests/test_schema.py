"""The committed JSON Schema for editors: up to date, valid, and agreeing with the validator."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft7Validator

from conftest import CONTRACT, ROOT
from generator.model.loader import Mapping, Scalar, Sequence, load
from generator.model.schema import SCHEMA_PATH, schema_text

SCHEMA_FILE = ROOT / SCHEMA_PATH
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def core_schema(node):
    """Plain data as an editor's YAML 1.2 core-schema parser sees it (dates and clock times stay text)."""
    if isinstance(node, Mapping):
        return {key.value: core_schema(value) for key, value in node.items}
    if isinstance(node, Sequence):
        return [core_schema(item) for item in node.items]
    assert isinstance(node, Scalar)
    if not node.plain:
        return node.value
    if node.is_null:
        return None
    if node.value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return node.value.lower() == "true"
    if _INT.fullmatch(node.value):
        return int(node.value, 0) if not node.value.startswith(("0o", "0x")) else int(node.value[2:], 8 if node.value[1] == "o" else 16)
    if _FLOAT.fullmatch(node.value):
        return float(node.value)
    return node.value


def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def editor_errors(text: str) -> list[str]:
    data = core_schema(load(text.encode(), "x.yaml"))
    return sorted(f"{'/'.join(str(p) for p in e.absolute_path)}: {e.validator}" for e in validator().iter_errors(data))


def test_committed_schema_is_up_to_date(update_golden):
    expected = schema_text()
    if update_golden:
        SCHEMA_FILE.parent.mkdir(exist_ok=True)
        SCHEMA_FILE.write_text(expected, encoding="utf-8", newline="\n")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, "schema is out of date: run pytest --update-golden"


def test_schema_is_danish_and_lists_the_allowed_values():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["title"] == "Gruppefil til netvaerk"
    meeting = schema["$defs"]["Meeting"]
    assert meeting["title"] == "Møde"
    assert meeting["properties"]["evaluering"] == {
        "default": "nej",
        "description": "ja: mødet er gruppens evalueringsmøde",
        "enum": ["ja", "nej"],
        "title": "evaluering",
        "type": "string",
    }
    assert schema["properties"]["mødeform"]["enum"] == ["fysisk", "mail", "begge"]
    assert schema["properties"]["netværkstype"]["anyOf"][0]["enum"] == ["støtte", "studiegruppe", "faglig vejledning", "supervision"]
    # No English docstring leaks into what the editor shows.
    descriptions = re.findall(r'"description": "([^"]*)"', SCHEMA_FILE.read_text(encoding="utf-8"))
    assert descriptions and not [d for d in descriptions if re.search(r"\b(the|and|of|stay|unless)\b", d)]


def test_contract_file_passes_the_schema():
    assert editor_errors(CONTRACT.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (("mødeform: fysisk", "mødeform: online"), "mødeform: enum"),
        (("by: Hillerød", "bye: Hillerød"), ": additionalProperties"),
        (
            ("    referent: Bo Hansen\n    tilmeldingsfrist", "    referent: Bo Hansen\n    evaluering: måske\n    tilmeldingsfrist"),
            "møder/0/evaluering: enum",
        ),
        (("  - navn: Bo Hansen", "  - navn: Bo Hansen\n    telefon: 20304050"), None),
        (("netværkstype: [støtte, faglig vejledning]", "netværkstype: støtte"), None),
        (("temaansvarlige: [Fatima Ali]", "temaansvarlige: Fatima Ali"), None),
        (("        minutter: 20", "        minutter: tyve"), "møder/6/dagsorden"),
    ],
)
def test_schema_agrees_with_the_validator(change, expected):
    text = CONTRACT.read_text(encoding="utf-8")
    old, new = change
    assert old in text
    errors = editor_errors(text.replace(old, new, 1))
    if expected is None:
        assert errors == []
    else:
        assert any(e.startswith(expected) for e in errors), errors

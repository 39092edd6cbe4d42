"""The group file's JSON Schema for editors, generated from the validation models."""

from __future__ import annotations

import copy
import json
from typing import Any

from .models import Group

# Where the committed schema lives, relative to the project root, and how a
# group file in groups/ points to it (the YAML language server resolves the
# path relative to the YAML file).
SCHEMA_PATH = "schema/gruppefil.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_PATH}"

# Danish title and description of each model, replacing the English docstrings.
_MODELS: dict[str, tuple[str, str]] = {
    "Group": (
        "Gruppefil til netvaerk",
        "Én netværksgruppe for familieplejere: navn, formål, medlemmer, aftaler og møder. "
        "Ud fra filen bygger netvaerk gruppens hjemmeside og kalender.",
    ),
    "Person": ("Arrangør", "Den, der samler gruppen. Navn, telefon og e-mail står på siden, så andre kan kontakte arrangøren."),
    "Member": (
        "Medlem",
        "Et medlem af gruppen. Telefon og e-mail kommer kun på den private kontaktliste, medmindre 'vis kontakt: ja'.",
    ),
    "Agreements": ("Aftaler", "Gruppens egne aftaler. Det, der ikke står her, hentes fra mødepakkens råd."),
    "AgendaItem": ("Dagsordenspunkt", "Et punkt på dagsordenen med antal minutter og hvem der har ordet."),
    "Meeting": ("Møde", "Et møde i gruppen: dato, starttid, sted, dagsorden, tema og roller."),
    "OwnTheme": ("Eget tema", "Et tema, gruppen selv har fundet på, ud over mødepakkens temakatalog."),
}
# Fields that take one value or a list of values.
_ONE_OR_MORE = ("netværkstype", "temaansvarlige")


def _danish_defaults(prop: dict[str, Any]) -> None:
    default = prop.get("default")
    if isinstance(default, bool):
        prop["default"] = "ja" if default else "nej"
    elif isinstance(default, dict):
        prop["default"] = {}


def _one_or_more(prop: dict[str, Any]) -> dict[str, Any]:
    """`x` or `[x, y]`: the item schema, or an array of it."""
    items = prop.pop("items")
    prop.pop("type")
    return {**prop, "anyOf": [items, {"type": "array", "items": items}]}


def _model(schema: dict[str, Any], name: str) -> None:
    title, description = _MODELS[name]
    schema["title"] = title
    schema["description"] = description
    for alias, prop in schema["properties"].items():
        prop["title"] = alias
        _danish_defaults(prop)
        if alias in _ONE_OR_MORE:
            schema["properties"][alias] = _one_or_more(prop)


def group_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a group file, with Danish titles and descriptions."""
    raw = copy.deepcopy(Group.model_json_schema(by_alias=True))
    defs = raw.pop("$defs")
    for name, schema in defs.items():
        _model(schema, name)
    _model(raw, "Group")
    head = {"$schema": "http://json-schema.org/draft-07/schema#", "title": raw.pop("title"), "description": raw.pop("description")}
    return {**head, **raw, "$defs": defs}


def schema_text() -> str:
    """The schema as the committed file's text."""
    return json.dumps(group_schema(), ensure_ascii=False, indent=2) + "\n"

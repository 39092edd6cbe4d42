"""Turn a parsed group file into a Group model, reporting every problem with its position."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import GroupError, Problem
from .cpr import cpr_spans, find_cpr
from .loader import Mapping, Node, Pos, Scalar, Sequence, glued_colon, glued_message
from .models import Group
from .suggest import closest, hint, person_hint

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Positions:
    """Where each value and each key stands in the file."""

    values: dict[Path, Pos]
    keys: dict[Path, Pos]

    def value(self, path: Path) -> Pos:
        while path not in self.values:
            path = path[:-1]
        return self.values[path]

    def key(self, path: Path) -> Pos:
        return self.keys.get(path) or self.value(path)


def field_path(path: Path) -> str:
    """`møder[3].start`: keys joined by dots, list entries counted from 1."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def to_data(node: Node, path: Path = (), values: dict | None = None, keys: dict | None = None) -> tuple[Any, Positions]:
    """Plain dicts, lists, strings and None, plus the positions of everything."""
    values = {} if values is None else values
    keys = {} if keys is None else keys
    values[path] = node.pos
    if isinstance(node, Scalar):
        return (None if node.is_null else node.value), Positions(values, keys)
    if isinstance(node, Sequence):
        return [to_data(item, (*path, i), values, keys)[0] for i, item in enumerate(node.items)], Positions(values, keys)
    data = {}
    for key, value in node.items:
        keys[(*path, key.value)] = key.pos
        data[key.value] = to_data(value, (*path, key.value), values, keys)[0]
    return data, Positions(values, keys)


def _resolve(data: Any, loc: tuple) -> Path:
    """The part of pydantic's error location that exists in the data (drops union tags and the like)."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` (to suggest its known keys)."""
    model: Any = Group
    for part in path:
        if isinstance(part, int):
            continue
        fields = {f.alias or n: f for n, f in model.model_fields.items()}
        if part not in fields:
            return None
        model = _find_model(fields[part].annotation)
        if model is None:
            return None
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def _problem(error: dict, data: Any, positions: Positions, file: str) -> Problem:
    kind = error["type"]
    path = _resolve(data, error["loc"])
    if kind == "missing":
        missing = error["loc"][-1]
        pos = positions.value(path)
        return Problem(file, pos.line, pos.col, field_path((*path, missing)), "mangler; feltet skal udfyldes")
    if kind == "extra_forbidden":
        pos = positions.key(path)
        model = _model_at(path[:-1])
        known = _aliases(model) if model else []
        return Problem(file, pos.line, pos.col, field_path(path), f"ukendt felt '{path[-1]}'{hint(str(path[-1]), known)}")
    pos = positions.value(path)
    if kind == "netvaerk":
        message = error["msg"]
    elif kind in ("model_type", "model_attributes_type", "dict_type") and isinstance(error["input"], str) and glued_colon(error["input"]):
        # `- navn:Mette Kjær`: a field without the space after its colon reads as one text.
        col, key, value = glued_colon(error["input"])
        return Problem(file, pos.line, pos.col + col - 1, field_path(path), glued_message(key, value))
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = "skal være en samling af felter, fx 'navn: …' på hver sin linje"
    elif kind in ("tuple_type", "list_type"):
        message = "skal være en liste (linjer, der starter med '- ')"
    elif kind == "too_short":
        message = "skal have mindst én"
    elif kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        given = error["input"]
        given_text = given if isinstance(given, str) else "denne værdi"
        message = f"'{given_text}' er ikke en mulighed; vælg mellem {', '.join(choices)}"
        if isinstance(given, str):
            message += hint(given, choices)
    else:
        message = f"ugyldig værdi ({error['msg']})"
    return Problem(file, pos.line, pos.col, field_path(path), message)


def _structure_problems(errors: list, data: Any, positions: Positions, file: str) -> list[Problem]:
    """Pydantic's errors as Problems; a missing key is left out when a misspelt key already suggests it."""
    suggested = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            path = _resolve(data, error["loc"])
            model = _model_at(path[:-1])
            best = closest(str(path[-1]), _aliases(model)) if model else None
            if best:
                suggested.add((*path[:-1], best))
    return [
        _problem(e, data, positions, file)
        for e in errors
        if not (e["type"] == "missing" and (*_resolve(data, e["loc"]), e["loc"][-1]) in suggested)
    ]


def _scalars(node: Node, path: Path = ()):
    """Every key and value in the tree, with its field path."""
    if isinstance(node, Scalar):
        yield path, node
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _scalars(item, (*path, i))
    else:
        for key, value in node.items:
            yield (*path, key.value), key
            yield from _scalars(value, (*path, key.value))


_CPR_WHY = "det må ikke offentliggøres uden samtykke, så slet det fra filen"


def _cpr_problems(root: Mapping, file: str) -> list[Problem]:
    """Anything like a CPR number, in a key, a value or a comment (the file may be published too)."""
    problems = []
    for path, scalar in _scalars(root):
        if find_cpr(scalar.value):
            problems.append(Problem(file, scalar.pos.line, scalar.pos.col, field_path(path), f"ligner et CPR-nummer; {_CPR_WHY}"))
    for comment in root.comments:
        for index, _ in cpr_spans(comment.text):
            before = comment.text[:index]
            line = comment.pos.line + before.count("\n")
            col = comment.pos.col + index if "\n" not in before else index - before.rfind("\n")
            problems.append(Problem(file, line, col, "", f"kommentaren indeholder noget, der ligner et CPR-nummer; {_CPR_WHY}"))
    return problems


def _names(value: Any) -> list[tuple[int | None, str]]:
    if isinstance(value, str):
        return [(None, " ".join(value.split()))]
    if isinstance(value, list):
        return [(i, " ".join(v.split())) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def _role_problems(data: Any, positions: Positions, file: str) -> list[Problem]:
    """Role holders that are not members; works on the raw data so it runs alongside other errors."""
    if not isinstance(data, dict) or not isinstance(data.get("medlemmer"), list):
        return []
    members = [" ".join(m["navn"].split()) for m in data["medlemmer"] if isinstance(m, dict) and isinstance(m.get("navn"), str)]
    # `- navn:Bo Hansen` is reported once, as a missing space (in _problem), not again for every role Bo has.
    members += [" ".join(g[2].split()) for m in data["medlemmer"] if isinstance(m, str) and (g := glued_colon(m)) and g[1] == "navn"]
    problems = []

    def check(container: Any, key: str, path: Path, role: str) -> None:
        if not isinstance(container, dict):
            return
        for index, name in _names(container.get(key)):
            if name and name not in members:
                where = (*path, key) if index is None else (*path, key, index)
                pos = positions.value(where)
                message = f"{role} '{name}' er ikke med i medlemmer{person_hint(name, members)}"
                problems.append(Problem(file, pos.line, pos.col, field_path(where), message))

    check(data.get("aftaler"), "grænsevogter", ("aftaler",), "grænsevogteren")
    meetings = data.get("møder")
    for i, meeting in enumerate(meetings if isinstance(meetings, list) else []):
        check(meeting, "ordstyrer", ("møder", i), "ordstyreren")
        check(meeting, "referent", ("møder", i), "referenten")
        check(meeting, "vært", ("møder", i), "værten")
        check(meeting, "temaansvarlige", ("møder", i), "den temaansvarlige")
    return problems


def _consistency_problems(group: Group, positions: Positions, file: str) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for i, member in enumerate(group.medlemmer):
        if member.navn in seen:
            pos = positions.value(("medlemmer", i, "navn"))
            message = f"'{member.navn}' står to gange i medlemmer; giv dem hver sit navn, fx med efternavn"
            problems.append(Problem(file, pos.line, pos.col, field_path(("medlemmer", i, "navn")), message))
        seen[member.navn] = i
    dates: dict = {}
    for i, meeting in enumerate(group.moeder):
        if meeting.dato in dates:
            pos = positions.value(("møder", i, "dato"))
            message = f"der er allerede et møde den {meeting.dato.isoformat()}; gruppen kan kun have ét møde om dagen"
            problems.append(Problem(file, pos.line, pos.col, field_path(("møder", i, "dato")), message))
        dates[meeting.dato] = i
        if meeting.tilmeldingsfrist is not None and meeting.tilmeldingsfrist > meeting.dato:
            path = ("møder", i, "tilmeldingsfrist")
            pos = positions.value(path)
            problems.append(Problem(file, pos.line, pos.col, field_path(path), "tilmeldingsfristen ligger efter mødet"))
    return problems


def validate(root: Mapping, file: str) -> tuple[Group, Positions]:
    """The Group, or a GroupError with every problem in the file."""
    data, positions = to_data(root)
    problems = _cpr_problems(root, file) + _role_problems(data, positions, file)
    try:
        group = Group.model_validate(data)
    except ValidationError as exc:
        problems += _structure_problems(exc.errors(), data, positions, file)
        raise GroupError(problems) from None
    problems += _consistency_problems(group, positions, file)
    if problems:
        raise GroupError(problems)
    return group, positions

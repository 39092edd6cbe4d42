"""Where the group file's own public text holds a members-only value: the field, line and column to fix."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..guard.leaks import Where
from ..model.loader import Mapping, Node, Scalar, Sequence, load
from ..model.models import Group
from ..model.validate import field_path


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _scalars(node: Node, path: tuple = ()) -> Iterator[tuple[tuple, Scalar]]:
    if isinstance(node, Scalar):
        yield path, node
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _scalars(item, (*path, i))
    elif isinstance(node, Mapping):
        for key, value in node.items:
            yield from _scalars(value, (*path, key.value))


def where_written(data: bytes, file: str, group: Group) -> Where:
    """A look-up for the leak message: the first value of the file in which the private value's pattern is found,
    other than the values it is private as (a member's own name, phone or e-mail, a meeting's place, and the
    roles that name a member). Reads the file again, so it costs nothing until a leak is found."""
    homes = {_flat(v) for v in (*group.member_names(), *(m.sted for m in group.moeder)) if v}
    homes |= {_flat(v) for m in group.medlemmer for v in (m.telefon or "", m.email or "") if v}

    def find(needle: re.Pattern[str]) -> tuple[int, int, str] | None:
        for path, scalar in _scalars(load(data, file)):
            text = _flat(scalar.value)
            if text not in homes and needle.search(text):
                return scalar.pos.line, scalar.pos.col, field_path(path)
        return None

    return find

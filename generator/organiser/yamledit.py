"""Add meetings to the end of a group file's `møder:` list without changing any other byte."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from ..errors import PlanError

# ruamel.yaml's round-trip dump would also re-indent and re-wrap the parts of a
# file we do not touch, so it emits only the new items, indented like the
# file's own list, and they are spliced in after the list's last item.


@dataclass(frozen=True)
class _List:
    """Where the `møder:` list stands in the text (0-based lines and columns)."""

    key_col: int
    dash_col: int | None  # None: the key has no list yet (`møder:` with nothing after it)
    item_col: int | None
    end_line: int  # insert before this line
    blank_between: bool


def _events(text: str):
    return YAML(typ="rt").parse(text)


def _locate(text: str) -> _List | None:
    """The root mapping's `møder` list; None when there is no such key."""
    events = iter(_events(text))
    depth = 0
    expect_key = False
    for event in events:
        if isinstance(event, CollectionStartEvent):
            depth += 1
            expect_key = isinstance(event, MappingStartEvent) and depth == 1
            continue
        if isinstance(event, CollectionEndEvent):
            depth -= 1
            continue
        if depth == 1 and isinstance(event, ScalarEvent) and expect_key:
            if event.value == "møder":
                return _list_after(text, event, events)
            _skip_value(events)
    return None


def _skip_value(events) -> None:
    event = next(events)
    if isinstance(event, CollectionStartEvent):
        level = 1
        while level:
            event = next(events)
            level += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)


def _list_after(text: str, key: ScalarEvent, events) -> _List:
    value = next(events)
    key_col = key.start_mark.column
    if isinstance(value, ScalarEvent) and value.style is None and value.value in ("", "~", "null"):
        return _List(key_col, None, None, key.end_mark.line + 1, True)
    if not isinstance(value, SequenceStartEvent) or value.flow_style:
        raise PlanError(("møder",), "plan kan kun tilføje møder, når 'møder:' er en liste med '- ' foran hvert møde")
    dash_col = value.start_mark.column
    item_lines: list[int] = []
    item_col = None
    end = (value.end_mark.line, value.end_mark.column)
    level = 1
    while level:
        event = next(events)
        if level == 1 and not isinstance(event, CollectionEndEvent):
            item_lines.append(event.start_mark.line)
            item_col = event.start_mark.column if item_col is None else item_col
        if isinstance(event, CollectionStartEvent):
            level += 1
        elif isinstance(event, CollectionEndEvent):
            level -= 1
        # Scalars, and the closing bracket of a flow list like [Bo, Carla], end the item's text;
        # a block collection's end event is an empty mark at the next token.
        closes = isinstance(event, CollectionEndEvent) and event.start_mark.index != event.end_mark.index
        if isinstance(event, ScalarEvent) or closes:
            end = max(end, (event.end_mark.line, event.end_mark.column))
    lines = text.split("\n")
    blank = len(item_lines) < 2 or not lines[item_lines[1] - 1].strip()
    end_line = end[0] if end[1] == 0 else end[0] + 1
    # Comment lines indented like the last item's keys belong to that item: keep them with it.
    while end_line < len(lines) and lines[end_line].lstrip().startswith("#") and len(lines[end_line]) - len(lines[end_line].lstrip()) >= item_col:
        end_line += 1
    return _List(key_col, dash_col, item_col, end_line, blank)


def _dump(items: list[dict[str, Any]], offset: int, sequence: int) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=sequence - offset, sequence=sequence, offset=offset)
    out = io.StringIO()
    yaml.dump({"møder": items}, out)
    return out.getvalue().split("\n", 1)[1]


def _with_blank_lines(block: str, dash_col: int) -> str:
    start = " " * dash_col + "- "
    return "".join(("\n" + line if line.startswith(start) else line) for line in block.splitlines(keepends=True))


def _line_start(text: str, line: int) -> int:
    """Offset of the 0-based line's first character (the text's end when past the last line)."""
    lines = text.split("\n")
    return len(text) if line >= len(lines) else sum(len(part) + 1 for part in lines[:line])


def add_meetings(text: str, items: list[dict[str, Any]]) -> str:
    """The text with `items` appended to the `møder:` list; everything else stays byte for byte."""
    found = _locate(text)
    if found is None:
        block = "\nmøder:\n" + _with_blank_lines(_dump(items, 2, 4), 2).removeprefix("\n")
        at = len(text)
    else:
        if found.dash_col is None:
            offset, sequence = 2, 4
        else:
            offset = found.dash_col - found.key_col
            sequence = max(found.item_col - found.key_col, offset + 2)
        block = "".join(" " * found.key_col + line for line in _dump(items, offset, sequence).splitlines(keepends=True))
        if found.blank_between:
            block = _with_blank_lines(block, found.key_col + offset)
        if found.dash_col is None:
            block = block.removeprefix("\n")
        at = _line_start(text, found.end_line)
    if at == len(text) and text and not text.endswith("\n"):
        block = "\n" + block
    newline = "\r\n" if "\r\n" in text else "\n"
    return text[:at] + block.replace("\n", newline) + text[at:]

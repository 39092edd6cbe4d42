"""Read a group file's bytes into a tree of text scalars that remember their line and column."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..errors import GroupError, Problem

MAX_BYTES = 200_000
# Deepest nesting the format needs: file > møder > møde > dagsorden > punkt.
MAX_DEPTH = 5
# Invisible characters that can make text read differently from what it is.
_INVISIBLE = {
    "\u200b": "et usynligt mellemrum (U+200B)",
    "\u200e": "en usynlig retningsmarkør (U+200E)",
    "\u200f": "en usynlig retningsmarkør (U+200F)",
    "\u2028": "et usynligt linjeskift (U+2028)",
    "\u2029": "et usynligt afsnitsskift (U+2029)",
    "\ufeff": "et usynligt tegn (U+FEFF)",
}
_INVISIBLE.update({chr(c): f"en usynlig retningsændring (U+{c:04X})" for c in range(0x202A, 0x202F)})
_INVISIBLE.update({chr(c): f"en usynlig retningsændring (U+{c:04X})" for c in range(0x2066, 0x206A)})
# Characters worth a closer look: control characters (a lone CR too, CR LF is a line break) and the invisibles.
_SUSPECT = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(_INVISIBLE) + "]|\r(?!\n)")
# Past this many bad characters the rest are counted, not listed one by one.
MAX_CHARACTER_PROBLEMS = 20

# ruamel.yaml's English syntax messages, in the organiser's words.
_SYNTAX = (
    ("could not find expected ':'", "der mangler et kolon (:) efter feltnavnet"),
    ("mapping values are not allowed here", "et kolon (:) står et sted, hvor det ikke må; sæt teksten i anførselstegn"),
    ("found unexpected end of stream", "et anførselstegn eller en parentes bliver aldrig lukket"),
    ("found undefined alias", "'*' kan ikke bruges her; sæt teksten i anførselstegn"),
    ("expected <block end>", "indrykningen passer ikke; ret mellemrummene i starten af linjen"),
    ("did not find expected key", "indrykningen passer ikke; ret mellemrummene i starten af linjen"),
    ("did not find expected '-' indicator", "indrykningen passer ikke; ret mellemrummene i starten af linjen"),
    ("that cannot start any token", "linjen starter med et tegn, der ikke må stå der; sæt teksten i anførselstegn"),
    ("expected '<document start>'", "indrykningen passer ikke; ret mellemrummene i starten af linjen"),
    ("expected the node content", "der mangler en værdi her; sæt teksten i anførselstegn"),
    ("expected alphabetic or numeric character", "'&' og '*' kan ikke bruges her; sæt teksten i anførselstegn"),
    ("sequence entries are not allowed here", "en linje med '- ' står et sted, hvor der ikke må være en liste; ret indrykningen"),
    ("expected chomping or indentation indicators", "efter | eller > må der ikke stå mere på linjen; skriv teksten på linjerne nedenunder"),
    ("expected indentation indicator", "efter | eller > må der ikke stå mere på linjen; skriv teksten på linjerne nedenunder"),
    ("expected a comment or a line break", "efter | eller > må der ikke stå mere på linjen; skriv teksten på linjerne nedenunder"),
    ("found unknown escape character", "en \\ i tekst i dobbelte anførselstegn skal skrives \\\\; eller brug enkelte anførselstegn"),
    ("found unexpected document separator", "'---' eller '...' må ikke stå her; slet det"),
    ("did not find expected ',' or ']'", "en liste i [ ] er ikke lukket rigtigt"),
    ("did not find expected ',' or '}'", "en samling i { } er ikke lukket rigtigt"),
    ("expected ',' or ']'", "en liste i [ ] er ikke lukket rigtigt"),
    ("expected ',' or '}'", "en samling i { } er ikke lukket rigtigt"),
)


# A field written without the space after its colon (`by:Odense`, `- navn:Mette Kjær`): YAML reads the whole line
# as one text, and its own message points elsewhere. A key is a word (spaces and hyphens inside), and what follows
# the colon is neither a space nor '/' (https://…).
_GLUED = re.compile(r"(?P<lead> *(?:- +)*)(?P<key>[^\W\d_](?:[\w -]*\w)?):(?P<value>(?!/)\S.*?)(?: +#.*)?")
# A comment right after a value that starts like more text ('#2', '#B'): probably part of the value.
_CUT = re.compile(r"#\w")


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


@dataclass(frozen=True)
class Scalar:
    value: str
    pos: Pos
    plain: bool

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Comment:
    text: str
    pos: Pos


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[Scalar, Node], ...]
    pos: Pos
    comments: tuple[Comment, ...] = ()  # the file's comments, on the root mapping only


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    pos: Pos


Node = Scalar | Mapping | Sequence


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _line_col(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index) + 1
    return Pos(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def decode(data: bytes, file: str) -> str:
    """The file's text, or a GroupError when it is too large, empty or not UTF-8."""
    if len(data) > MAX_BYTES:
        raise GroupError([Problem(file, 1, 1, "", f"filen er for stor ({len(data):,} byte; højst {MAX_BYTES:,})".replace(",", "."))])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace")
        pos = _line_col(prefix, len(prefix))
        raise GroupError([Problem(file, pos.line, pos.col, "", "filen er ikke gemt som UTF-8; gem den igen som UTF-8 i din editor")]) from None
    return text[1:] if text.startswith("\ufeff") else text


def _describe(char: str) -> str | None:
    """Why `char` may not stand in a group file's text, or None when it may."""
    if char in _INVISIBLE:
        return f"teksten indeholder {_INVISIBLE[char]}; slet det"
    if char == "\t":
        return "tabulatortegn (tab) i teksten; brug mellemrum i stedet"
    if char != "\n" and unicodedata.category(char) == "Cc":
        return f"teksten indeholder et styretegn (U+{ord(char):04X}); slet det"
    if unicodedata.category(char) == "Cs":
        # Only a \\u escape in quotes makes one (UTF-8 has none); no file can be written with it.
        return f"teksten indeholder et ugyldigt tegn (U+{ord(char):04X}), som ikke kan gemmes; slet det"
    return None


def _bad_characters(problems: list[Problem], file: str, hits: list[tuple[Pos, str]]) -> None:
    """Report the first MAX_CHARACTER_PROBLEMS hits one by one and the rest in one line."""
    for pos, message in hits[:MAX_CHARACTER_PROBLEMS]:
        problems.append(Problem(file, pos.line, pos.col, "", message))
    if len(hits) > MAX_CHARACTER_PROBLEMS:
        pos = hits[MAX_CHARACTER_PROBLEMS][0]
        rest = len(hits) - MAX_CHARACTER_PROBLEMS
        problems.append(Problem(file, pos.line, pos.col, "", f"og {rest} tegn mere af samme slags herfra; ret dem også"))


def _check_characters(text: str, file: str) -> list[Problem]:
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def pos_of(index: int) -> Pos:
        line = bisect.bisect_right(line_starts, index)
        return Pos(line, index - line_starts[line - 1] + 1)

    hits: list[tuple[Pos, str]] = []
    for match in _SUSPECT.finditer(text):
        index, char = match.start(), match.group()
        pos = pos_of(index)
        if char == "\t":
            where = "indrykning" if not text[line_starts[pos.line - 1] : index].strip() else "teksten"
            hits.append((pos, f"tabulatortegn (tab) i {where}; brug mellemrum i stedet"))
        else:
            hits.append((pos, _describe(char) or ""))
    problems: list[Problem] = []
    _bad_characters(problems, file, hits)
    for number, start in enumerate(line_starts, start=1):
        if text.startswith("%", start):
            problems.append(Problem(file, number, 1, "", "direktiver som %YAML og %TAG er ikke tilladt; slet linjen"))
    return problems


def glued_colon(line: str) -> tuple[int, str, str] | None:
    """For a line (or a text) that is a field without the space after its colon: the column of the colon (from
    1), the key and the value; None otherwise."""
    found = _GLUED.fullmatch(line.rstrip())
    if found is None:
        return None
    return len(found["lead"]) + len(found["key"]) + 1, found["key"], found["value"]


def glued_message(key: str, value: str) -> str:
    return f"der mangler et mellemrum efter kolon i '{key}:{value}'; skriv '{key}: {value}'"


def _glued_problem(text: str, spans: list[tuple[int, int]], mark, file: str) -> Problem | None:
    """The field without a space after its colon that broke the parse stopped at `mark`: the last such line at or
    before the mark's line that no scalar read so far starts after or covers (it is where reading stopped)."""
    lines = text.split("\n")
    start = 0
    found = None
    for number, line in enumerate(lines[: mark.line + 1]):
        glued = glued_colon(line)
        if glued is not None:
            key_at = start + glued[0] - len(glued[1]) - 1
            if not any(s > key_at or s < key_at < e for s, e in spans if s != key_at):
                found = Problem(file, number + 1, glued[0], "", glued_message(glued[1], glued[2]))
        start += len(line) + 1
    return found


def _scalars_by_line(node: Node, out: dict[int, list[Scalar]]) -> dict[int, list[Scalar]]:
    if isinstance(node, Scalar):
        out.setdefault(node.pos.line, []).append(node)
    elif isinstance(node, Sequence):
        for item in node.items:
            _scalars_by_line(item, out)
    else:
        for key, value in node.items:
            _scalars_by_line(key, out)
            _scalars_by_line(value, out)
    return out


def _quoted(text: str) -> str:
    return f'"{text}"' if '"' not in text and "\\" not in text else "'" + text.replace("'", "''") + "'"


def _cut_values(root: Mapping, text: str, file: str) -> list[Problem]:
    """Values a ' #' cut short: `sted: Hos Jørgen #2, Løvstræde 3` is 'Hos Jørgen' and a comment to YAML. A comment
    whose '#' stands right before a letter or digit, just after a plain value on the same line, is taken for
    part of the value (an ordinary comment, '# altid', has a space after its '#')."""
    by_line = _scalars_by_line(root, {})
    lines = text.split("\n")
    problems = []
    for comment in root.comments:
        if not _CUT.match(comment.text):
            continue
        line = lines[comment.pos.line - 1]
        before = [s for s in by_line.get(comment.pos.line, ()) if s.pos.col < comment.pos.col]
        value = before[-1] if before else None
        if value is None or not value.plain or not value.value or line[value.pos.col - 1 : comment.pos.col - 1].strip() != value.value:
            continue
        fixed = (line[: value.pos.col - 1] + _quoted(f"{value.value} {comment.text}")).strip()
        message = (
            f"'{comment.text}' bliver læst som en kommentar, så teksten stopper før ' #'; sæt hele teksten i "
            f"anførselstegn: {fixed} (er det en kommentar, så skriv et mellemrum efter #)"
        )
        problems.append(Problem(file, comment.pos.line, comment.pos.col, "", message))
    return problems


def _syntax_problem(exc: MarkedYAMLError, file: str) -> Problem:
    unclosed = "end of stream" in (exc.problem or "") and exc.context_mark is not None
    mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
    pos = _pos(mark) if mark is not None else Pos(1, 1)
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for english, danish in _SYNTAX:
        if english in raw:
            return Problem(file, pos.line, pos.col, "", f"YAML-fejl: {danish}")
    return Problem(file, pos.line, pos.col, "", f"YAML-fejl: filen kan ikke læses her ({(exc.problem or exc.context or '').strip()})")


class _TooDeep(Exception):
    """Raised to stop reading a file that nests deeper than the format allows."""


class _Builder:
    """Turns ruamel.yaml's parse events into Nodes, collecting what the format forbids."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def _flag(self, event, message: str) -> None:
        pos = _pos(event.start_mark)
        self.problems.append(Problem(self.file, pos.line, pos.col, "", message))

    def _check_value(self, event, value: str) -> None:
        """Escapes in quoted text ("\\u202e", "\\x1b") make characters the raw text check never sees."""
        hits = []
        for char in dict.fromkeys(value):
            message = _describe(char)
            if message:
                hits.append((_pos(event.start_mark), message))
        _bad_characters(self.problems, self.file, hits)

    def _check_event(self, event) -> None:
        if getattr(event, "anchor", None) and not isinstance(event, AliasEvent):
            self._flag(event, f"ankre (&{event.anchor}) er ikke tilladt; skriv værdien ud hver gang")
        if getattr(event, "tag", None):
            self._flag(event, f"typeangivelser ({event.tag}) er ikke tilladt; skriv bare værdien")

    def node(self, events, event, depth: int) -> Node:
        self._check_event(event)
        if isinstance(event, AliasEvent):
            self._flag(event, f"henvisninger (*{event.anchor}) er ikke tilladt; skriv værdien ud hver gang")
            return Scalar("", _pos(event.start_mark), True)
        if isinstance(event, ScalarEvent):
            # ruamel.yaml marks the fold points of '>' scalars with BEL; control characters
            # are rejected before parsing, so every BEL here is such a mark.
            value = event.value.replace("\a", "")
            self._check_value(event, value)
            # Plain: no style (ruamel.yaml's parser) or an empty one (libyaml's).
            return Scalar(value, _pos(event.start_mark), not event.style)
        if depth > MAX_DEPTH:
            # Stop here: ruamel.yaml's scanner slows down with every level, so a file of
            # nothing but '[' would otherwise keep it busy for minutes.
            self._flag(event, "for mange niveauer af indrykning; gruppefilen har højst fem")
            raise _TooDeep
        if isinstance(event, SequenceStartEvent):
            items = []
            for child in events:
                if isinstance(child, SequenceEndEvent):
                    break
                items.append(self.node(events, child, depth + 1))
            return Sequence(tuple(items), _pos(event.start_mark))
        if isinstance(event, MappingStartEvent):
            return self._mapping(events, event, depth)
        raise AssertionError(f"unexpected event {event!r}")

    def _mapping(self, events, start, depth: int) -> Mapping:
        items: list[tuple[Scalar, Node]] = []
        seen: dict[str, Pos] = {}
        for key_event in events:
            if isinstance(key_event, MappingEndEvent):
                break
            key = self.node(events, key_event, depth + 1)
            value = self.node(events, next(events), depth + 1)
            if not isinstance(key, Scalar):
                self.problems.append(Problem(self.file, key.pos.line, key.pos.col, "", "et feltnavn skal være almindelig tekst"))
                continue
            if key.value in seen:
                first = seen[key.value]
                self.problems.append(
                    Problem(self.file, key.pos.line, key.pos.col, key.value, f"feltet står to gange (første gang i linje {first.line}); slet det ene")
                )
                continue
            seen[key.value] = key.pos
            items.append((key, value))
        return Mapping(tuple(items), _pos(start.start_mark))


def parse(text: str, file: str) -> Mapping:
    """The document's root mapping; a GroupError listing every problem otherwise."""
    problems = _check_characters(text, file)
    if problems:
        raise GroupError(problems)
    fast = _parse_fast(text, file)
    root = fast if fast is not None else _parse_exact(text, file)
    cut = _cut_values(root, text, file)
    if cut:
        raise GroupError(cut)
    return root


def _scalar_spans(events, spans: list[tuple[int, int]]):
    """Pass the events through, noting where in the text each scalar is."""
    for event in events:
        if isinstance(event, ScalarEvent):
            spans.append((event.start_mark.index, event.end_mark.index))
        yield event


def _comments(text: str, spans: list[tuple[int, int]]) -> tuple[Comment, ...]:
    """The comments of a file that parsed: each '#' at the start of a line or after a space, outside every scalar,
    starts one that runs to the end of its line (as YAML reads them). `spans`: the scalars, in the file's order."""
    starts = [start for start, _ in spans]
    found = []
    i = text.find("#")
    while i >= 0:
        k = bisect.bisect_right(starts, i) - 1
        if (k < 0 or i >= spans[k][1]) and (i == 0 or text[i - 1] in " \n"):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            found.append(Comment(text[i:end], _line_col(text, i)))
            i = text.find("#", end)
        else:
            i = text.find("#", i + 1)
    return tuple(found)


def _root(events, builder: _Builder) -> Node | None:
    """The document's root node from the parse events; a second document is flagged and not read."""
    root: Node | None = None
    documents = 0
    for event in events:
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                builder._flag(event, "filen indeholder flere dokumenter (---); der må kun være ét pr. gruppe")
                break
        elif isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent)):
            root = builder.node(events, event, 1)
    return root


def _parse_fast(text: str, file: str) -> Mapping | None:
    """The same tree as _parse_exact for a file without problems, from libyaml's parse events (ruamel.yaml.clib), a
    twentieth of the time of ruamel.yaml's own parser; None for any file with a problem or anything unusual, which
    _parse_exact then reads and reports as always. libyaml keeps no comments: _comments finds them in the text.
    tests/test_loader_fast.py compares the two on every group file of the tests and on generated ones."""
    builder = _Builder(file)
    spans: list[tuple[int, int]] = []
    try:
        root = _root(_scalar_spans(YAML(typ="safe", pure=False).parse(text), spans), builder)
    except Exception:  # noqa: BLE001 - whatever libyaml makes of a broken file, the exact parse says what is wrong
        return None
    if builder.problems or not isinstance(root, Mapping) or not root.items:
        return None
    return replace(root, comments=_comments(text, spans))


def _parse_exact(text: str, file: str) -> Mapping:
    """ruamel.yaml's YAML 1.2 parser, with every problem in the organiser's words."""
    builder = _Builder(file)
    spans: list[tuple[int, int]] = []
    root: Node | None = None
    try:
        root = _root(_scalar_spans(YAML(typ="rt").parse(text), spans), builder)
    except _TooDeep:
        raise GroupError(builder.problems) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        glued = _glued_problem(text, spans, mark, file) if mark is not None else None
        raise GroupError([*builder.problems, glued or _syntax_problem(exc, file)]) from None
    except YAMLError as exc:
        raise GroupError([*builder.problems, Problem(file, 1, 1, "", f"YAML-fejl: filen kan ikke læses ({exc})")]) from None
    if builder.problems:
        raise GroupError(builder.problems)
    if root is None or (isinstance(root, Scalar) and root.is_null):
        raise GroupError([Problem(file, 1, 1, "", "filen er tom; start med 'navn:' og gruppens navn")])
    if not isinstance(root, Mapping):
        raise GroupError([Problem(file, root.pos.line, root.pos.col, "", "filen skal bestå af felter som 'navn: …'")])
    return replace(root, comments=_comments(text, spans))


def load(data: bytes, file: str) -> Mapping:
    """Decode and parse a group file's bytes."""
    return parse(decode(data, file), file)

"""Material's stylesheet without the rules no page of any group can use, decided from a fixed vocabulary.

The vocabulary (reference.py) is every word in the files a page of any group is made from or changed by: the
theme's templates, our overrides and templates, the Markdown extensions, the scripts that can run. A selector
is kept unless one of the classes, ids, elements or attributes it needs is a word none of them holds. Only what
a selector needs counts: state pseudo-classes (:hover, :checked), pseudo-elements and :not(…) are taken to
match, :is()/:where() match when one branch does, and combinators are not checked (each compound on its own).
Unknown syntax keeps the rule. Then @keyframes no kept rule animates with and custom properties (--md-*) that
nothing reads are left out, and @media/@supports blocks left empty. Pure: the same text and vocabulary give the
same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .reference import Vocabulary

# ---------------------------------------------------------------- the stylesheet as a tree


@dataclass(frozen=True)
class Rule:
    selector: str
    body: str  # the declarations, as written


@dataclass(frozen=True)
class Block:
    prelude: str  # "@media screen and (min-width:60em)", "@supports …", "@keyframes x", "@font-face", "@page"
    children: tuple[Node, ...] | None  # nested rules (@media, @supports, …); None for other at-rules
    body: str = ""  # declarations or raw text of the other at-rules


@dataclass(frozen=True)
class Statement:
    text: str  # "@charset …;", "@import …;"


Node = Rule | Block | Statement
_NESTING = frozenset({"@media", "@supports", "@layer", "@container", "@document", "@-moz-document", "@scope"})
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _scan(css: str, i: int, stops: str) -> int:
    """The index of the first character in `stops` at depth 0 from i, skipping strings, comments, () and []."""
    depth, n = 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == "/" and css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c in stops:
            return i
        i += 1
    return n


def _closing(text: str, i: int, pair: str) -> int:
    """The index of the bracket that closes the one opened at i - 1 (pair: its opening and closing character),
    or len(text) when it is never closed."""
    depth = 1
    while i < len(text):
        j = _scan(text, i, pair)
        if j >= len(text):
            return j
        depth += 1 if text[j] == pair[0] else -1
        if depth == 0:
            return j
        i = j + 1
    return len(text)


def _block_end(css: str, i: int) -> int:
    """The index just past the '}' that closes the block whose '{' is at i - 1."""
    return min(_closing(css, i, "{}") + 1, len(css))


def parse(css: str) -> tuple[Node, ...]:
    nodes: list[Node] = []
    i, n = 0, len(css)
    while i < n:
        j = _scan(css, i, "{};")
        prelude = _COMMENT.sub("", css[i:j]).strip()
        if j >= n:
            break
        if css[j] in ";}":
            if css[j] == ";" and prelude:
                nodes.append(Statement(prelude + ";"))
            i = j + 1
            continue
        end = _block_end(css, j + 1)
        inner = css[j + 1 : end - 1]
        head = prelude.split("(")[0].split()[0].lower() if prelude.startswith("@") else ""
        if head in _NESTING:
            nodes.append(Block(prelude, parse(inner)))
        elif head:
            nodes.append(Block(prelude, None, inner))
        else:
            nodes.append(Rule(prelude, inner))
        i = end
    return tuple(nodes)


def serialize(nodes: Iterable[Node]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Statement):
            out.append(node.text)
        elif isinstance(node, Rule):
            out.append(f"{node.selector}{{{node.body}}}")
        elif node.children is not None:
            out.append(f"{node.prelude}{{{serialize(node.children)}}}")
        else:
            out.append(f"{node.prelude}{{{node.body}}}")
    return "".join(out)


def split_top(text: str, sep: str = ",") -> list[str]:
    """`text` split at `sep` outside strings, comments, () and []."""
    parts, i = [], 0
    while True:
        j = _scan(text, i, sep)
        parts.append(text[i:j])
        if j >= len(text):
            return parts
        i = j + 1


# ---------------------------------------------------------------- what a selector needs


_SIMPLE = re.compile(
    r"""(?P<cls>\.(?P<c>-?[_a-zA-Z][\w-]*))
      | (?P<id>\#(?P<i>-?[\w-]+))
      | (?P<attr>\[\s*(?P<an>[\w:|-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?P<av>"[^"]*"|'[^']*'|[^\]\s]+)\s*(?P<flag>[iIsS])?)?\s*\])
      | (?P<pseudo>::?(?P<pn>-?[\w-]+)(?P<pa>\()?)
      | (?P<tag>\*|[a-zA-Z][\w-]*)
    """,
    re.X,
)
_COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
_BRANCHES = frozenset({"is", "where", "matches", "-webkit-any", "-moz-any"})


def may_match(selector: str, vocabulary: Vocabulary) -> bool:
    """False only when the selector needs a class, id, element or attribute that no page can have."""
    s, i = selector.strip(), 0
    while i < len(s):
        m = _COMBINATOR.match(s, i)
        if m and m.end() > i:
            i = m.end()
            continue
        m = _SIMPLE.match(s, i)
        if not m:
            return True  # syntax this reader does not know: keep the rule
        i = m.end()
        if m["cls"] and not vocabulary.has(m["c"].replace("\\", "")):
            return False
        if m["id"] and not vocabulary.has(m["i"]):
            return False
        if m["tag"] and m["tag"] != "*" and not vocabulary.has_element(m["tag"]):
            return False
        if m["attr"] and not _attribute(m, vocabulary):
            return False
        if m["pseudo"] and m["pa"]:
            close = _closing(s, i, "()")
            argument, i = s[i:close], close + 1
            if m["pn"].lower() in _BRANCHES and not m["pseudo"].startswith("::"):
                if not any(may_match(branch, vocabulary) for branch in split_top(argument)):
                    return False
    return True


def _attribute(m: re.Match[str], vocabulary: Vocabulary) -> bool:
    name = m["an"].split("|")[-1].lower()
    if not vocabulary.has_attribute(name):
        return False
    value = m["av"]
    if value is None:
        return True
    if value[0] in "\"'":
        value = value[1:-1]
    if name in vocabulary.fixed:
        return any(_compare(m["op"], have, value, bool(m["flag"] and m["flag"] in "iI")) for have in vocabulary.fixed[name])
    if not value:
        return True
    if m["op"] in ("=", "~=", "|="):
        return value.lower() in vocabulary.attributes
    return value.lower() in vocabulary.text.lower()


def _compare(op: str, have: str, value: str, nocase: bool) -> bool:
    """Whether an attribute whose value is `have` matches [name<op>value]."""
    if nocase:
        have, value = have.lower(), value.lower()
    if op == "=":
        return have == value
    if op == "~=":
        return value in have.split()
    if op == "|=":
        return have == value or have.startswith(value + "-")
    if op == "^=":
        return bool(value) and have.startswith(value)
    if op == "$=":
        return bool(value) and have.endswith(value)
    return bool(value) and value in have


# ---------------------------------------------------------------- pruning


def _rules(nodes: tuple[Node, ...], vocabulary: Vocabulary) -> tuple[Node, ...]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Rule):
            keep = [part.strip() for part in split_top(node.selector) if may_match(part, vocabulary)]
            if keep:
                out.append(Rule(",".join(keep), node.body))
        elif isinstance(node, Block) and node.children is not None:
            children = _rules(node.children, vocabulary)
            if children:
                out.append(Block(node.prelude, children))
        else:
            out.append(node)
    return tuple(out)


def _walk(nodes: tuple[Node, ...]) -> Iterable[Node]:
    for node in nodes:
        yield node
        if isinstance(node, Block) and node.children is not None:
            yield from _walk(node.children)


def _declarations(body: str) -> list[tuple[str, str]]:
    found = []
    for declaration in split_top(body, ";"):
        name, colon, value = declaration.partition(":")
        if colon:
            found.append((name.strip(), value))
    return found


_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _custom_properties(nodes: tuple[Node, ...], readers: str) -> tuple[Node, ...]:
    """Without the custom properties nothing reads: not a kept declaration, another used property's value, nor
    `readers` (our stylesheets and the scripts, which may read or set one by name)."""
    values: dict[str, list[str]] = {}
    used = set(re.findall(r"--[\w-]+", readers))
    for node in _walk(nodes):
        if isinstance(node, (Rule, Block)):
            for name, value in _declarations(node.body):
                if name.startswith("--"):
                    values.setdefault(name, []).append(value)
                else:
                    used.update(_VAR.findall(value))
    todo = list(used)
    while todo:
        for value in values.get(todo.pop(), ()):
            for name in _VAR.findall(value):
                if name not in used:
                    used.add(name)
                    todo.append(name)

    def strip(children: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        for node in children:
            if isinstance(node, Rule):
                body = ";".join(d for d in split_top(node.body, ";") if not _unread(d, used))
                if body.strip():
                    out.append(Rule(node.selector, body))
            elif isinstance(node, Block) and node.children is not None:
                kept = strip(node.children)
                if kept:
                    out.append(Block(node.prelude, kept))
            else:
                out.append(node)
        return tuple(out)

    return strip(nodes)


def _unread(declaration: str, used: set[str]) -> bool:
    name = declaration.partition(":")[0].strip()
    return name.startswith("--") and name not in used


_ANIMATION = re.compile(r"animation(?:-name)?\s*:([^;}]*)", re.I)


def _keyframes(nodes: tuple[Node, ...], readers: str) -> tuple[Node, ...]:
    """Without the @keyframes no kept rule (nor `readers`) names."""
    text = serialize(n for n in _walk(nodes) if isinstance(n, Rule)) + readers
    names = {word for value in _ANIMATION.findall(text) for word in re.findall(r"[\w-]+", value)}
    names |= set(re.findall(r"[\w-]+", readers))

    def keep(node: Node) -> bool:
        if isinstance(node, Block) and node.children is None and node.prelude.split()[0].lower().endswith("keyframes"):
            return node.prelude.split()[1] in names
        return True

    def walk(children: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        for node in children:
            if isinstance(node, Block) and node.children is not None:
                kept = walk(node.children)
                if kept:
                    out.append(Block(node.prelude, kept))
            elif keep(node):
                out.append(node)
        return tuple(out)

    return walk(nodes)


def prune(css: str, vocabulary: Vocabulary, readers: str = "") -> str:
    """`css` without the rules whose selectors need what no page can hold, and without the keyframes and custom
    properties nothing then uses. `readers`: other text that may use its custom properties or animations (our
    own stylesheets, the scripts)."""
    nodes = _rules(parse(css), vocabulary)
    nodes = _custom_properties(nodes, readers)
    return serialize(_keyframes(nodes, readers)) + "\n"

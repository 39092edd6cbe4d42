"""Every word a foster carer or an organiser reads, spelt right: hunspell's Danish dictionary (Debian's hunspell-da)
plus our own word list (tests/spelling/ord.txt) over the visible text of every built page of the contract group
and of a group with a members' area (with the sealed fragments opened), and over the CLI's messages.

A word hunspell does not know fails the test with the page (or message) and the word: fix the spelling, or, for a
real Danish word or one of our own terms, add it to the word list. Words the group file itself holds (names,
places) and links are the group's, not ours, and are left out.
"""

from __future__ import annotations

import ast
import html.parser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clirun import run
from conftest import CONTRACT, IN_CI, ROOT, TODAY, copy_project, generate_one

WORD_LIST = ROOT / "tests" / "spelling" / "ord.txt"
MEMBERS = ROOT / "tests" / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
DICTIONARY = "da_DK"

# Elements whose text no one reads as prose: code and addresses shown to be copied, scripts, styles, drawings.
SKIPPED = {"script", "style", "code", "svg", "template", "noscript"}
# Attributes a reader meets as text: an image's description, a button's label for screen readers, a tooltip.
READ_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
# Links, e-mail addresses and host names are checked by the tests that build them, not by a dictionary.
LINKS = re.compile(r"\S+://\S*|\S+@\S+|(?:[\w-]+\.)+(?:dk|com|io|org|net)\b\S*|\bwebcal:\S*|\bmailto:\S*|\bsms:\S*")
# In the CLI's messages: where a problem is ('groups/x.yaml:3:5: møder[1].start:'), paths and file names, and the
# options one types (--today), characters by their code (U+200B): the organiser copies them, they are not words.
TECHNICAL = re.compile(
    r"^\S+:\d+:\d+: [^\s:]*:|\S*/\S*|\S+\.(?:yaml|yml|html|j2|txt|ics|md|json|py|adgangskode|lock)\b\S*|(?<!\w)--?[a-z][\w-]*|\bU\+[0-9A-F]{4,6}\b",
    re.MULTILINE,
)
# A word, with the full stop after it: hunspell knows the abbreviations with theirs ("kl.", "m.m.", "osv.") and
# reads a word at the end of a sentence without it.
WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")


def hunspell() -> str:
    """The hunspell program, when it and its Danish dictionary are installed; skipped outside CI otherwise."""
    program = shutil.which("hunspell")
    found = program and subprocess.run([program, "-D"], input="", capture_output=True, text=True).stderr
    if not program or not found or not re.search(rf"/{DICTIONARY}\b", found):
        if IN_CI:
            pytest.fail("hunspell with the Danish dictionary is missing; .ci/run installs hunspell and hunspell-da")
        pytest.skip("hunspell or its Danish dictionary is not installed (apt-get install hunspell hunspell-da)")
    return program


def word_list() -> set[str]:
    """Our own words: one a line, '#' starts a comment."""
    words = set()
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def words_of(text: str, technical: bool = False) -> set[str]:
    """The words of a text, links left out (and with `technical`, what a message names for the organiser to copy)."""
    text = LINKS.sub(" ", text)
    return set(WORD.findall(TECHNICAL.sub(" ", text) if technical else text))


def unknown(
    texts: dict[str, str], ignore: set[str] = frozenset(), technical: bool = False, ignore_at: dict[str, set[str]] | None = None
) -> list[tuple[str, str]]:
    """(where, word) for every word hunspell's Danish dictionary and our word list do not know (`ignore`: words
    left out everywhere; `ignore_at`: left out in one text only). One run of hunspell for all the texts."""
    program = hunspell()
    ours = word_list() | set(ignore)
    by_place = {}
    for where, text in texts.items():
        known = ours | (ignore_at or {}).get(where, set())
        by_place[where] = sorted(w for w in words_of(text, technical) if w not in known and w.rstrip(".") not in known)
    words = sorted({w for found in by_place.values() for w in found})
    ran = subprocess.run(
        [program, "-d", DICTIONARY, "-i", "UTF-8", "-l"], input="\n".join(words) + "\n", capture_output=True, text=True, check=True
    )
    bad = set(ran.stdout.split())
    # Shown without the full stop a sentence ended with ("mødder"), with an abbreviation's own ("m.m.").
    return [(where, w if "." in w[:-1] else w.rstrip(".")) for where, found in by_place.items() for w in found if w in bad]


class _Visible(html.parser.HTMLParser):
    """The text a reader sees (or hears) in a page: its text outside code and scripts, and its read attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skip += 1
        if not self._skip:
            self.parts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIPPED and self._skip:
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def group_words(path: Path) -> set[str]:
    """The words of a group file: names, places and the group's own texts are the group's to spell."""
    return words_of(path.read_bytes().decode("utf-8", "replace"))


def site_texts(folder: Path) -> dict[str, str]:
    """Every page and print file of a built site (and the list of groups above it), by path, as visible text."""
    texts = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".html":
            texts[path.relative_to(folder.parent).as_posix()] = visible_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".txt" and path.name != "robots.txt":
            texts[path.relative_to(folder.parent).as_posix()] = path.read_text(encoding="utf-8")
    for name in ("index.html", "404.html"):
        page = folder.parent / name
        if page.exists():
            texts[name] = visible_text(page.read_text(encoding="utf-8"))
    return texts


def report(found: list[tuple[str, str]]) -> str:
    return "unknown words (fix them, or add real Danish words and our own terms to tests/spelling/ord.txt):\n" + "\n".join(
        f"  {where}: {word}" for where, word in found
    )


@pytest.fixture(scope="module")
def members_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The members' group built as the CLI builds it, and its private files and sealed fragments as plain text."""
    from generator.builder.pipeline import Project

    hunspell()
    root = copy_project(tmp_path_factory.mktemp("lukket"), {"lukket.yaml": MEMBERS.read_bytes()})
    variable = "NETVAERK_ADGANGSKODE_LUKKET"
    saved = os.environ.get(variable)
    os.environ[variable] = PASSPHRASE
    try:
        ran = run(["build", "--today", TODAY.isoformat()], root)
        assert ran.code == 0, ran.err
        generated = generate_one(Project(root), root / "groups" / "lukket.yaml", "lukket", TODAY)
    finally:
        if saved is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = saved
    opened = {}
    for i, (page, fragment) in enumerate(generated.sealed):
        opened[f"{page} (låst op, stykke {i + 1})"] = visible_text(fragment)
    for name, text in generated.private.items():
        opened[f"private/{name}"] = visible_text(text)
    return root / "site" / "lukket", opened


def test_the_contract_groups_pages_are_spelt_right(built_site):
    texts = site_texts(built_site)
    assert {"nordsjaelland/index.html", "nordsjaelland/kalender.html", "nordsjaelland/udskrift/invitation.txt"} <= set(texts)
    found = unknown(texts, group_words(CONTRACT))
    assert found == [], report(found)


def test_the_members_site_is_spelt_right_locked_and_opened(members_site):
    folder, opened = members_site
    texts = site_texts(folder)
    assert {"index.html", "404.html", "lukket/kalender.html"} <= set(texts)  # with the list of groups and the 404 page
    assert any("låst op" in where for where in opened) and any(where.startswith("private/") for where in opened)
    found = unknown({**texts, **opened}, group_words(MEMBERS))
    assert found == [], report(found)


# The calls whose string arguments are messages the CLI prints: problems in a group file (errors and warnings),
# what the commands echo, and click's usage errors.
MESSAGE_CALLS = {
    "Problem", "_warn", "warn", "problem", "_flag", "_refuse", "_fail", "PydanticCustomError", "PlanError", "FileExists",
    "echo", "secho", "UsageError", "BadParameter", "ClickException", "fail", "say",
    "_field",  # the fields' descriptions: what an editor shows beside the group file (schema/)
}


def _strings(node: ast.AST) -> list[str]:
    """The literal text in an expression: string constants and the fixed parts of f-strings."""
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _callee(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id if isinstance(call.func, ast.Name) else ""


def message_texts() -> dict[str, str]:
    """The Danish the CLI prints, by where it comes from: the message arguments in the code, the CLI's own texts,
    the constants that hold messages, and every command's --help."""
    texts: dict[str, str] = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _callee(node) in MESSAGE_CALLS:
                found += [s for arg in [*node.args, *(k.value for k in node.keywords if k.arg in ("message", "hint", "help"))] for s in _strings(arg)]
            elif isinstance(node, ast.keyword) and node.arg == "help":
                found += _strings(node.value)
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                # Module constants that hold messages (NO_ADDRESS, click's usage errors in Danish): Danish text only.
                found += [s for s in _strings(node.value) if re.search(r"[æøå]|\b(og|ikke|skriv|er|til|på)\b", s)]
        if found:
            texts[path.relative_to(ROOT).as_posix()] = "\n".join(found)
    return texts


def help_texts(tmp_path: Path) -> dict[str, str]:
    from generator.cli import cli

    commands = sorted(cli.commands)
    assert commands, "no subcommands found"
    texts = {"netvaerk --help": run(["--help"], tmp_path).out}
    for name in commands:
        texts[f"netvaerk {name} --help"] = run([name, "--help"], tmp_path).out
    return texts


# English the code replaces before anything is printed (click's "Usage:" becomes "Brug:").
NEVER_PRINTED = {"Usage"}


def test_the_cli_messages_are_spelt_right(tmp_path):
    from generator.cli import cli

    texts = {**message_texts(), **help_texts(tmp_path)}
    assert "generator/guide/hints.py" in texts and "netvaerk build --help" in texts
    commands = set(cli.commands)  # typed as they are: build, check, new …
    # What the commands print for the broken and hostile example files, words from each file itself left out.
    from_files = {}
    for folder in ("broken", "hostile"):
        for expected in sorted((ROOT / "tests" / folder).glob("*.expected")):
            where, source = f"tests/{folder}/{expected.name}", expected.with_suffix(".yaml")
            texts[where] = expected.read_bytes().decode("utf-8", "replace")
            from_files[where] = group_words(source) if source.exists() else set()
    assert len(from_files) > 40
    found = unknown(texts, commands | NEVER_PRINTED, technical=True, ignore_at=from_files)
    assert found == [], report(found)


def test_an_unknown_word_is_reported_with_its_page():
    hunspell()
    assert unknown({"side.html": visible_text("<p>Mødet er <b>aflsyt</b>.</p><code>kode_ord</code> https://x.dk/ordstyreren")}) == [
        ("side.html", "aflsyt")
    ]

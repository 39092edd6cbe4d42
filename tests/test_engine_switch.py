"""The engine's shortcuts can be switched off (NETVAERK_PLAIN=1, or any MkDocs, mkdocs-material, Markdown or
pymdown-extensions version but the pinned ones), and the plain path builds the same sites, apart from what the
shortcuts that make pages lighter change on purpose.

The contract group and tests/members/lukket.yaml are built both ways with `netvaerk build` and compared:
- the shortcuts that claim the same bytes (the config as data, kept themes and template environments, compiled
  templates, raw HTML blocks past Markdown's parser, the faster search index) give them: every file not named
  below is byte-identical, and the search index is the same data (the shortcut writes it as UTF-8, MkDocs as
  \\u escapes);
- slim.py: each page and printable built with the shortcuts is exactly slim_page(slim_config(page)) of the plain one;
- cssprune.py: the shared stylesheet keeps a part of the full one (its selectors and declarations are all the full
  one's) and every rule of the full one that can match an element of a built page; its name (its digest) differs,
  and so do the pages' links to it and the offline worker's version.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clirun import run
from conftest import ROOT, TODAY, copy_project
from generator.builder import engine
from generator.builder.engine.cssprune import Block, Rule, may_match, parse, split_top
from generator.builder.engine.reference import vocabulary
from generator.builder.engine.slim import slim_config, slim_page

MEMBERS = ROOT / "tests" / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"  # lukket's, as its other tests use it
STYLESHEET = re.compile(r"main\.[0-9a-f]{10}\.min\.css")
VERSION = re.compile(r'const VERSION = "[0-9a-f]+"')


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The output folder built with the shortcuts and on the plain path, from the same project."""
    root = copy_project(tmp_path_factory.mktemp("switch"), {"nordsjaelland.yaml": (ROOT / "groups" / "nordsjaelland.yaml").read_bytes(),
                                                            "lukket.yaml": MEMBERS.read_bytes()})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETVAERK_ADGANGSKODE_LUKKET", PASSPHRASE)
        on = run(["build", "--today", TODAY.isoformat()], root)
        patch.setenv("NETVAERK_PLAIN", "1")
        off = run(["build", "--today", TODAY.isoformat(), "--out", "plain"], root)
    assert (on.code, off.code) == (0, 0), on.err + off.err
    assert "genveje" not in on.err + off.err  # asked for by hand: nothing to say
    return _tree(root / "site"), _tree(root / "plain")


def _stylesheets(tree: dict[str, bytes]) -> tuple[str, str]:
    (name,) = [rel for rel in tree if STYLESHEET.fullmatch(rel.removeprefix("_tema/"))]
    return name.removeprefix("_tema/"), tree[name].decode("utf-8")


def test_the_same_files_and_the_same_bytes_but_for_the_lighter_pages(both):
    on, off = both
    on_css, _ = _stylesheets(on)
    off_css, _ = _stylesheets(off)
    assert on_css != off_css
    assert {rel.replace(off_css, on_css) for rel in off} == set(on)
    same = slimmed = 0
    for rel, data in sorted(off.items()):
        mine = on[rel.replace(off_css, on_css)]
        if rel.endswith("search/search_index.json"):
            assert json.loads(mine) == json.loads(data), rel
        elif rel.endswith(".html") and "/" in rel:  # a group's page or printable (not the list of groups, nor 404.html)
            plain = data.decode("utf-8").replace(off_css, on_css)
            assert mine.decode("utf-8") == slim_page(slim_config(plain)), rel
            slimmed += 1
        elif rel.endswith("/sw.js"):
            assert VERSION.sub("", mine.decode()) == VERSION.sub("", data.decode().replace(off_css, on_css)), rel
        elif STYLESHEET.search(rel) is None:
            assert mine == data, rel
            same += 1
    assert slimmed >= 2 * 16 + 4 and same > 20  # both groups' pages and printables; not vacuous
    # What the lighter pages save.
    pages = lambda tree: sum(len(d) for r, d in tree.items() if r.endswith(".html"))  # noqa: E731
    assert pages(on) < 0.9 * pages(off)


def _rules(nodes) -> list[Rule]:
    found = []
    for node in nodes:
        if isinstance(node, Rule):
            found.append(node)
        elif isinstance(node, Block) and node.children is not None:
            found += _rules(node.children)
    return found


def _declarations(body: str) -> set[str]:
    return {d.strip() for d in body.split(";") if d.strip()}


def test_the_pruned_stylesheet_is_a_part_of_the_full_one_with_every_rule_a_page_can_use(both):
    on, off = both
    _, pruned = _stylesheets(on)
    _, full = _stylesheets(off)
    assert len(pruned) < 0.8 * len(full)
    full_rules, pruned_rules = _rules(parse(full)), _rules(parse(pruned))
    full_selectors = {s.strip() for rule in full_rules for s in split_top(rule.selector)}
    full_declarations = set().union(*(_declarations(rule.body) for rule in full_rules))
    kept_selectors = {s.strip() for rule in pruned_rules for s in split_top(rule.selector)}
    assert kept_selectors <= full_selectors
    assert set().union(*(_declarations(rule.body) for rule in pruned_rules)) <= full_declarations
    # Every selector of the full stylesheet that can match an element of a built page (its words are the pages'
    # words: the published HTML of both groups, members' fragments sealed) is kept.
    pages = [data.decode("utf-8") for rel, data in on.items() if rel.endswith(".html")]
    words = vocabulary(pages, [], direction="ltr")
    usable = {s for s in full_selectors if not s.startswith(("@", ":root")) and may_match(s, words)}
    assert len(usable) > 100
    assert usable - kept_selectors == set()


def test_another_material_version_takes_the_plain_path_and_says_so_once(tmp_path, monkeypatch):
    installed = dict(engine.PINNED) | {"mkdocs-material": "9.9.0"}
    monkeypatch.setattr(engine, "_installed", installed.get)
    root = copy_project(tmp_path)
    built = run(["build", "--today", TODAY.isoformat()], root)
    assert built.code == 0, built.err
    note = (
        "Bemærk: mkdocs-material 9.9.0 (netvaerk er afprøvet med 9.8.2). Siderne bygges derfor uden netvaerks genveje, "
        "så det tager lidt længere tid, og siderne bliver lidt tungere. Installer de afprøvede versioner med make site."
    )
    assert built.err.count(note) == 1
    plain = STYLESHEET.sub("main.css", (root / "site" / "nordsjaelland" / "index.html").read_text(encoding="utf-8"))
    assert '"translations": {' in plain  # not slimmed: Material's settings as it writes them
    # Back to the pinned versions: the group is built again with the shortcuts (the engine is in its fingerprint).
    monkeypatch.setattr(engine, "_installed", dict(engine.PINNED).get)
    again = run(["build", "--today", TODAY.isoformat()], root)
    assert again.out == "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n", again.out
    after = STYLESHEET.sub("main.css", (root / "site" / "nordsjaelland" / "index.html").read_text(encoding="utf-8"))
    assert after == slim_page(slim_config(plain))


def test_the_choice(monkeypatch):
    pinned = dict(engine.PINNED).get
    assert engine.choose({}, pinned) == engine.Engine(shortcuts=True)
    assert engine.choose({"NETVAERK_PLAIN": "1"}, pinned) == engine.Engine(shortcuts=False)
    assert engine.choose({"NETVAERK_PLAIN": "0"}, pinned).shortcuts
    missing = engine.choose({}, (dict(engine.PINNED) | {"Markdown": None}).get)
    assert not missing.shortcuts and "Markdown mangler (netvaerk er afprøvet med 3.11.3)" in missing.note


def test_the_pinned_versions_are_the_locked_ones():
    locked = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M))
    assert {name: locked[name] for name, _ in engine.PINNED} == dict(engine.PINNED)

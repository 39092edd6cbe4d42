"""Same input, same output: built sites are byte-identical, and the build's speed-ups change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import CONTRACT, TODAY, build_one, copy_project, generate_one
from generator.builder.engine import Engine, Kept, build_pages
from generator.builder.keep import write_sources
from generator.builder.parallel import build_many
from generator.builder.pipeline import Project, start


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path) -> Path:
    build_one(Project(root), root / "groups" / "nordsjaelland.yaml", "nordsjaelland", root / "site", TODAY)
    return root / "site" / "nordsjaelland"


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path, built_site):
    again = _build(copy_project(tmp_path))
    first, second = _tree(built_site), _tree(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_engines_shortcuts_change_no_page_it_makes(tmp_path):
    """The engine's shortcuts before slimming (the config as data, kept themes and environments, the template cache,
    raw blocks, the faster search index) against MkDocs' plain path over the same sources, with the template cache
    cold and warm and the environments kept for the next build: the same files, the search index the same data
    (the shortcut writes it as UTF-8, MkDocs with \\u escapes)."""
    import json

    root = copy_project(tmp_path)
    project = Project(root)
    generated = generate_one(project, root / "groups" / "nordsjaelland.yaml", "nordsjaelland", TODAY)
    config = write_sources(project.sources / "nordsjaelland", generated.docs, generated.config)
    shared = start(project, root / "site", TODAY, Engine()).assets.urls
    cache, kept = tmp_path / "cache", Kept()
    trees = []
    ways = (("plain", Engine(shortcuts=False), None), ("cold", Engine(), None), ("kept", Engine(), kept), ("again", Engine(), kept))
    for name, chosen, keep in ways:
        build_pages(chosen, generated.config, config, tmp_path / name, shared, cache, ("404.html",), keep)
        tree = _tree(tmp_path / name)
        tree["search/search_index.json"] = json.loads(tree["search/search_index.json"])
        trees.append(tree)
    assert any(cache.iterdir())
    assert trees[0] == trees[1] == trees[2] == trees[3]
    assert len(trees[0]) > 30 and not (tmp_path / "plain" / "assets").exists()
    assert "../_tema/" in (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")


def test_today_is_an_input(tmp_path):
    root = copy_project(tmp_path)
    project = Project(root)
    path = root / "groups" / "nordsjaelland.yaml"
    before = generate_one(project, path, "nordsjaelland", TODAY).docs["index.md"]
    after = generate_one(project, path, "nordsjaelland", dt.date(2027, 1, 13)).docs["index.md"]
    assert before != after  # the next meeting moved on


def test_the_sources_folder_holds_exactly_what_was_generated_and_unchanged_files_are_not_rewritten(tmp_path):
    folder = tmp_path / "site_src" / "g"
    first = {"index.md": "# A\n", "moeder/2027-01-12.md": "# M\n", "moeder/2027-02-09.md": "# N\n", "kalender.ics": b"ics"}
    config = write_sources(folder, first, {"site_name": "G"})
    kept = (folder / "docs" / "index.md").stat().st_ino
    second = {"index.md": "# A\n", "moeder/2027-01-12.md": "# M2\n", "udskrift/plakat.html": "<p>x</p>"}
    assert write_sources(folder, second, {"site_name": "G"}) == config
    docs = folder / "docs"
    assert {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()} == {
        rel: text.encode() for rel, text in second.items()
    }
    assert (docs / "index.md").stat().st_ino == kept  # the same bytes: not written again
    assert sorted(p.name for p in folder.iterdir()) == [".netvaerk-site", "docs", "mkdocs.yml"]


def test_environments_kept_from_one_group_to_the_next_change_no_output(tmp_path, built_site):
    """A worker keeps its template environments (pipeline.Reuse): the contract built after another group
    in the same process is the same site, byte for byte."""
    other = CONTRACT.read_bytes().replace("Nordsjælland".encode(), b"Vestjylland")
    root = copy_project(tmp_path, {"a-vest.yaml": other, "nordsjaelland.yaml": CONTRACT.read_bytes()})
    project = Project(root)
    groups = {"a-vest": root / "groups" / "a-vest.yaml", "nordsjaelland": root / "groups" / "nordsjaelland.yaml"}
    outcomes = list(build_many(start(project, root / "site", TODAY, Engine()), groups, force=True, workers=1))
    assert [o.status for o in outcomes] == ["bygget", "bygget"]
    assert _tree(root / "site" / "nordsjaelland") == _tree(built_site)

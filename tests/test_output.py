"""Same input, same output: built sites are byte-identical, and the build's speed-ups change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import TODAY, copy_project
from generator.build.mkdocs_run import mkdocs_build
from generator.build.pipeline import Project, build_group, generate_group, prepare
from generator.build.unpublished import write_sources


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path) -> Path:
    project = Project(root)
    prepare(root / "site", project)
    build_group(project, root / "groups" / "nordsjaelland.yaml", "nordsjaelland", root / "site", TODAY)
    return root / "site" / "nordsjaelland"


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path, built_site):
    again = _build(copy_project(tmp_path))
    first, second = _tree(built_site), _tree(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_cached_templates_and_pruned_theme_listing_change_no_output(tmp_path):
    """The writer's speed-ups (theme_env.py) against a plain in-process MkDocs build of the same sources,
    with the template cache cold and warm."""
    root = copy_project(tmp_path)
    project = Project(root)
    generated = generate_group(project, root / "groups" / "nordsjaelland.yaml", "nordsjaelland", root / "site", TODAY)
    config = write_sources(project.sources / "nordsjaelland", generated.docs, generated.config)
    cache = tmp_path / "cache"
    plain, cold, warm = tmp_path / "plain", tmp_path / "cold", tmp_path / "warm"
    mkdocs_build(config, plain)
    mkdocs_build(config, cold, cache)
    assert any(cache.iterdir())
    mkdocs_build(config, warm, cache)
    assert _tree(plain) == _tree(cold) == _tree(warm)
    assert len(_tree(plain)) > 40


def test_today_is_an_input(tmp_path):
    root = copy_project(tmp_path)
    project = Project(root)
    path = root / "groups" / "nordsjaelland.yaml"
    before = generate_group(project, path, "nordsjaelland", root / "site", TODAY).docs["index.md"]
    after = generate_group(project, path, "nordsjaelland", root / "site", dt.date(2027, 1, 13)).docs["index.md"]
    assert before != after  # the next meeting moved on

"""A worker's way of loading a group's MkDocs config (generator/builder/engine/config.py) gives the config MkDocs'
own load_config gives, and steps aside for what it cannot read the same way."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from conftest import CONTRACT, TODAY, copy_project, generate_one, own_theme
from generator.builder.engine.config import ConfigFiles
from generator.builder.engine.config import load_group_config as load_data
from generator.builder.keep import write_sources
from generator.builder.pipeline import Project


def sources(tmp_path: Path, monkeypatch) -> Path:
    """A group's generated sources, built against a copy of the theme's files in tmp_path/theme."""
    own_theme(monkeypatch, tmp_path)
    project = Project(copy_project(tmp_path, kept=False))
    generated = generate_one(project, CONTRACT, "nordsjaelland", TODAY)
    return write_sources(project.sources / "nordsjaelland", generated.docs, generated.config)


def load_group_config(path: Path, site: str, files: ConfigFiles):
    """The config written at `path`, passed as data (as the build passes the generator's data)."""
    import yaml

    return load_data(yaml.safe_load(path.read_text(encoding="utf-8")), path, site, files)


def comparable(config) -> dict:
    """The config as plain values: its theme by its settings and folders, its plugins by name and settings."""
    out = {}
    for key, value in config.items():
        if key == "theme":
            out[key] = (dict(value), value.dirs, value.static_templates)
        elif key == "plugins":
            out[key] = [(name, dict(plugin.config)) for name, plugin in value.items()]
        else:
            out[key] = value
    return out


def test_the_same_config_as_mkdocs_loads(tmp_path, monkeypatch):
    path = sources(tmp_path, monkeypatch)
    site = str(tmp_path / "out")
    files = ConfigFiles()
    ours = load_group_config(path, site, files)
    assert comparable(ours) == comparable(load_config(config_file=str(path), site_dir=site))
    # Not vacuous: the base mkdocs.yml was parsed by the worker (and is kept for the next group).
    assert [key[0] for key in files._inherited] == [str(tmp_path / "theme" / "mkdocs.yml")]
    assert comparable(load_group_config(path, site, files)) == comparable(ours)


def test_a_file_with_mkdocs_own_tags_is_left_to_mkdocs(tmp_path, monkeypatch):
    path = sources(tmp_path, monkeypatch)
    base = tmp_path / "theme" / "mkdocs.yml"
    base.write_text(base.read_text(encoding="utf-8").replace("site_name: Netværksgruppe", "site_name: !ENV [NV_NAVN, Netværksgruppe]"))
    monkeypatch.setenv("NV_NAVN", "Fra miljøet")
    files = ConfigFiles()
    import yaml

    assert files.merged(yaml.safe_load(path.read_text(encoding="utf-8")), str(path)) is None
    config = load_group_config(path, str(tmp_path / "out"), files)
    assert config.site_name != "Netværksgruppe"  # the group's own name, over the inherited one, as MkDocs reads it
    assert comparable(config) == comparable(load_config(config_file=str(path), site_dir=str(tmp_path / "out")))


def test_an_edited_inherited_file_is_read_again(tmp_path, monkeypatch):
    path = sources(tmp_path, monkeypatch)
    files = ConfigFiles()
    before = load_group_config(path, str(tmp_path / "out"), files)
    base = tmp_path / "theme" / "mkdocs.yml"
    base.write_text(base.read_text(encoding="utf-8") + "copyright: Ny\n", encoding="utf-8")
    after = load_group_config(path, str(tmp_path / "out"), files)
    assert before.copyright is None and after.copyright == "Ny"


def test_a_worker_makes_the_theme_once_and_gives_each_build_its_own(tmp_path, monkeypatch):
    import shutil

    import mkdocs.utils

    path = sources(tmp_path, monkeypatch)
    other = path.parent.parent / "anden" / "mkdocs.yml"  # another group's sources: the overrides seen from its folder
    shutil.copytree(path.parent, other.parent)
    files = ConfigFiles()
    first = load_group_config(path, str(tmp_path / "out"), files)
    listed = []
    real = mkdocs.utils.entry_points
    monkeypatch.setattr(mkdocs.utils, "entry_points", lambda **kw: listed.append(kw) or real(**kw))
    first.theme.static_templates.add("changed-by-the-first-build.html")
    again = load_group_config(path, str(tmp_path / "out"), files)
    second = load_group_config(other, str(tmp_path / "out"), files)
    assert listed == []  # the installed themes were not listed again
    assert again.theme is not first.theme and "changed-by-the-first-build.html" not in again.theme.static_templates
    assert comparable(again) == comparable(load_config(config_file=str(path), site_dir=str(tmp_path / "out")))
    assert comparable(second) == comparable(load_config(config_file=str(other), site_dir=str(tmp_path / "out")))
    assert second.theme.dirs[0] != again.theme.dirs[0]  # each as its own config names the folder


def test_a_removed_overrides_folder_is_reported_as_mkdocs_reports_it(tmp_path, monkeypatch):
    import shutil

    import pytest
    from mkdocs.exceptions import Abort

    path = sources(tmp_path, monkeypatch)
    files = ConfigFiles()
    load_group_config(path, str(tmp_path / "out"), files)
    shutil.rmtree(tmp_path / "theme" / "overrides")
    with pytest.raises(Abort):
        load_group_config(path, str(tmp_path / "out"), files)

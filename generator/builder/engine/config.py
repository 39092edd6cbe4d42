"""Load a group's generated MkDocs config as mkdocs.config.load_config does, from the data the generator made
(site/config.py), with the files it inherits (the project's mkdocs.yml) read by libyaml once per process.

MkDocs reads a config with PyYAML's pure-Python loader, the group's own and then, through INHERIT, the project's:
a third of loading a config. A worker that builds group after group keeps the parsed files (ConfigFiles) by their
bytes, so an edited file is read again. A file that libyaml's safe loader cannot read the same way (MkDocs' own
tags, !ENV and !relative) is left to load_config; tests/test_mkdocs_config.py checks that both give the same config.
"""

from __future__ import annotations

import copy
import logging
import os
from pathlib import Path
from typing import Any

import mergedeep
import yaml

log = logging.getLogger("mkdocs.config")


# PyYAML's safe loader in C where PyYAML was built with libyaml (its wheels are), else in Python: the same result.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(data: bytes) -> dict | None:
    try:
        parsed = yaml.load(data, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None  # MkDocs' tags, or an error MkDocs words itself
    return parsed if isinstance(parsed, dict) else None


def _config_keeping_themes(kept: dict):
    """MkDocs' config with a theme option that makes each theme once: making one lists every installed package's
    entry points (MkDocs clears its list of installed themes each time it loads one), 3.5 ms a group. The groups'
    configs name the same overrides folder from their own folders, so a theme is kept by the folder's real path and
    each copy gets the path as MkDocs writes it for that config. Each config gets its own copy, as the build changes
    it. `kept`: the themes made, by setting."""
    from mkdocs.config import config_options
    from mkdocs.config.defaults import MkDocsConfig

    class KeptTheme(config_options.Theme):
        def run_validation(self, value: object):
            folder = None
            if isinstance(value, dict) and isinstance(value.get("custom_dir"), str):
                folder = os.path.join(os.path.dirname(self.config_file_path), value["custom_dir"])  # as MkDocs joins it
            key = repr(value if folder is None else {**value, "custom_dir": os.path.realpath(folder)})
            if key in kept and all(os.path.isdir(path) for path in kept[key].dirs):
                made = copy.deepcopy(kept[key])
                if folder is not None:
                    made.dirs[0] = made._custom_dir = folder
                return made
            kept[key] = super().run_validation(value)  # MkDocs' checks and messages (a folder that went, say)
            return copy.deepcopy(kept[key])

    class GroupConfig(MkDocsConfig):
        theme = KeptTheme(default="mkdocs")

    return GroupConfig


class ConfigFiles:
    """The parsed YAML of the config files the groups' configs inherit, by path and bytes, and the themes made
    from them (_config_keeping_themes), kept for the process's next builds (each group's own config is read once,
    so it is not kept)."""

    def __init__(self) -> None:
        self._inherited: dict[tuple[str, bytes], dict | None] = {}
        self._themes: dict[str, object] = {}
        self._config_class = None

    def config_class(self):
        """MkDocsConfig, with each theme made once for this object's builds."""
        if self._config_class is None:
            self._config_class = _config_keeping_themes(self._themes)
        return self._config_class

    def _parse_inherited(self, path: str) -> dict | None:
        key = (path, Path(path).read_bytes())
        if key not in self._inherited:
            self._inherited[key] = _parse(key[1])
        return self._inherited[key]

    def merged(self, own: dict, path: str) -> dict[str, Any] | None:
        """The config `own`, read from `path`, with the files it INHERITs merged in as MkDocs merges them; None when
        load_config must read it."""
        result = dict(own)
        parent_path = result.pop("INHERIT", None)
        if parent_path is None:
            return result
        parent = os.path.normpath(os.path.join(os.path.dirname(path), parent_path))
        if not os.path.exists(parent):
            return None
        base = self._parse_inherited(parent)
        base = None if base is None else self.merged(copy.deepcopy(base), parent)
        return None if base is None else mergedeep.merge(base, result)


def load_group_config(data: dict, config_path: Path, site_dir: str, files: ConfigFiles):
    """MkDocs' config for one group's sources from its generated config `data` (written to `config_path`), with
    `site_dir` set: mkdocs.config.load_config's steps after reading the file, with its messages. For a config it
    cannot merge, load_config itself."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    path = os.path.abspath(config_path)
    merged = files.merged(data, path)
    if merged is None:
        return load_config(config_file=str(config_path), site_dir=site_dir)
    cfg = files.config_class()(config_file_path=path)
    cfg.load_dict(merged)
    cfg.load_dict({"site_dir": site_dir})
    errors, warnings = cfg.validate()
    for name, warning in warnings:
        log.warning(f"Config value '{name}': {warning}")
    for name, error in errors:
        log.error(f"Config value '{name}': {error}")
    if errors:
        raise exceptions.Abort("Aborted with a configuration error!")
    if cfg.strict and warnings:
        raise exceptions.Abort(f"Aborted with {len(warnings)} configuration warnings in 'strict' mode!")
    return cfg

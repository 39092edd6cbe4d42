"""Make MkDocs' theme environments cheaper to build again and again in one process, with the same output."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from .template_cache import template_cache


class ThemeLoader(jinja2.FileSystemLoader):
    """Lists the theme's files without walking hidden folders.

    MkDocs lists every theme file to find the static ones and then drops every path with a part that
    starts with a dot; mkdocs-material keeps about 14,000 icons under `.icons/`, so walking them was
    about 40 % of each in-process build. Pruning them during the walk gives the same list.
    """

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for filename in filenames:
                    if filename.startswith("."):
                        continue
                    rel = os.path.relpath(os.path.join(dirpath, filename), searchpath)
                    found.add(rel.replace(os.sep, "/"))
        return sorted(found)


def speed_up(config, cache_folder: Path) -> None:
    """Give this loaded MkDocs config's theme environments a compiled-template cache and the pruning loader."""
    theme = config.theme
    make_env = theme.get_env
    cache = template_cache(cache_folder)

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = ThemeLoader(env.loader.searchpath, followlinks=env.loader.followlinks)
        env.bytecode_cache = cache
        return env

    # One instance attribute on this build's own Theme object: no other build or process is affected.
    theme.get_env = get_env

"""Make MkDocs' theme environments cheaper to build again and again in one process, and point the pages at the
files the groups share (out/_tema/); only netvaerk's own in-process builds are changed, a bare `mkdocs build`
of the generated sources still makes a complete site."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from ..site.shared import SharedUrls
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


class SharedLoader(jinja2.FileSystemLoader):
    """Lists no theme file, so MkDocs copies none into the group's folder (listing is all Files.add_files_from_theme
    uses it for); templates still load by name. What the pages load from the theme is shared (assets.py)."""

    def list_templates(self) -> list[str]:
        return []


def shared_url_filter(shared: SharedUrls):
    """MkDocs' `url` filter, with each shared file's path swapped for its place in out/_tema/."""
    from mkdocs.utils.templates import url_filter

    @jinja2.pass_context
    def url(context, value):
        return url_filter(context, shared.url(value) if value in shared else value)

    return url


class ThemeEnvs:
    """The theme environments one process has made, kept for every group it builds after: each template is
    then loaded and compiled once per process, not once per group. Keyed by the theme's real folders, so
    groups whose configs name the same folders by different paths share one. Not for `netvaerk serve`,
    which must see a template edited while it runs."""

    def __init__(self) -> None:
        self._envs: dict[tuple, jinja2.Environment] = {}

    def get(self, key: tuple, make) -> jinja2.Environment:
        if key not in self._envs:
            self._envs[key] = make()
        return self._envs[key]


def speed_up(config, cache_folder: Path, shared: SharedUrls | None = None, envs: ThemeEnvs | None = None) -> None:
    """Give this loaded MkDocs config's theme environments a compiled-template cache and a loader that lists
    less: without `shared` the pruning loader, with it none at all (and the `url` filter that points at
    out/_tema/). `envs` keeps the environments for the process's next builds."""
    theme = config.theme
    make_env = theme.get_env
    dirs = [os.path.realpath(d) for d in theme.dirs]

    def fresh() -> jinja2.Environment:
        env = make_env()
        loader = ThemeLoader if shared is None else SharedLoader
        env.loader = loader(dirs, followlinks=env.loader.followlinks)
        env.bytecode_cache = template_cache(cache_folder)
        if shared is not None:
            env.filters["url"] = shared_url_filter(shared)
        return env

    key = (tuple(dirs), str(theme.locale), shared)
    # One instance attribute on this build's own Theme object: no other build or process is affected.
    theme.get_env = fresh if envs is None else (lambda: envs.get(key, fresh))

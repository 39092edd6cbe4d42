"""Point the pages at the files the groups share (out/_tema/), and (shortcuts) keep the theme's environments
and compiled templates from one build to the next in one process; only netvaerk's own in-process builds are
changed, a bare `mkdocs build` of the generated sources still makes a complete site."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from ...site.shared import SharedUrls
from ..template_cache import template_cache


class SharedLoader(jinja2.FileSystemLoader):
    """Lists no theme file, so MkDocs copies none into the group's folder (listing is all Files.add_files_from_theme
    uses it for); templates still load by name. What the pages load from the theme is shared (theme_files.py)."""

    def list_templates(self) -> list[str]:
        return []


def shared_url_filter(shared: SharedUrls):
    """MkDocs' `url` filter, with each shared file's path swapped for its place in out/_tema/."""
    from mkdocs.utils.templates import url_filter

    @jinja2.pass_context
    def url(context, value):
        return url_filter(context, shared.url(value) if value in shared else value)

    return url


def use_shared(config, shared: SharedUrls, cache_folder: Path | None = None, envs: dict | None = None) -> None:
    """Make this loaded MkDocs config's pages load the theme's files from out/_tema/: a loader that lists no theme
    file (so MkDocs copies none) and the `url` filter that points there. With `cache_folder`, compiled templates
    are kept there; `envs` keeps the environments for the process's next builds (engine.Kept), so each template
    is loaded and compiled once per process, keyed by the theme's real folders (groups whose configs name the same
    folders by different paths share one)."""
    theme = config.theme
    make_env = theme.get_env
    dirs = [os.path.realpath(d) for d in theme.dirs]

    def fresh() -> jinja2.Environment:
        env = make_env()
        env.loader = SharedLoader(dirs, followlinks=env.loader.followlinks)
        if cache_folder is not None:
            env.bytecode_cache = template_cache(cache_folder)
        env.filters["url"] = shared_url_filter(shared)
        return env

    key = (tuple(dirs), str(theme.locale), shared)
    # One instance attribute on this build's own Theme object: no other build or process is affected.
    theme.get_env = fresh if envs is None else (lambda: envs[key] if key in envs else envs.setdefault(key, fresh()))

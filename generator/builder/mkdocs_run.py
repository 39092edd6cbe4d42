"""Run MkDocs in this process on one group's sources, with its log captured: any warning fails the build."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GroupError, Problem

if TYPE_CHECKING:
    from ..site.shared import SharedUrls
    from .mkdocs_config import ConfigFiles
    from .theme_env import ThemeEnvs


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_log():
    """Collect MkDocs' warnings instead of letting them print; restore logging afterwards."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = (logger.handlers[:], logger.propagate, logger.level)
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.handlers, logger.propagate, _ = saved
        logger.setLevel(saved[2])


def _last_step(finish_page: Callable[[str, str], str]):
    """A plugin of this build only, added last, whose post_page event hands each page's HTML and its path in the
    site to `finish_page`."""
    from mkdocs.plugins import BasePlugin

    class Finish(BasePlugin):
        def on_post_page(self, output: str, /, *, page, **_) -> str:
            return finish_page(output, page.file.dest_uri)

    return Finish()


def _shown_under_folder_index():
    """A plugin of this build only: while a page the navigation leaves out is made, the navigation's index page of
    its folder is marked active, so the menu still shows where the reader is (Material marks only the pages in the
    navigation, and the current page's ancestors): on a meeting's page, Mødeplan."""
    import posixpath

    from mkdocs.plugins import BasePlugin

    class FolderIndex(BasePlugin):
        marked = None

        def on_page_context(self, context, /, *, page, nav, **_):
            if page not in nav.pages:
                index = posixpath.join(posixpath.dirname(page.file.src_uri), "index.md")
                self.marked = next((p for p in nav.pages if p.file.src_uri == index), None)
                if self.marked is not None:
                    self.marked.active = True
            return context

        def on_post_page(self, output: str, /, **_) -> str:
            if self.marked is not None:
                self.marked.active = False
                self.marked = None
            return output

    return FolderIndex()


def _faster_search_index():
    """A plugin of this build only, after the search plugin: its index is made by searchindex.FastSearchIndex (the
    same entries, in less time)."""
    from mkdocs.plugins import BasePlugin

    from .searchindex import faster_search

    class FasterSearch(BasePlugin):
        def on_config(self, config, /):
            search = config.plugins.get("material/search")
            if getattr(search, "search_index", None) is not None:
                faster_search(search)
            return config

    return FasterSearch()


def mkdocs_build(
    config_path: Path,
    site_dir: Path,
    template_cache: Path | None = None,
    shared: SharedUrls | None = None,
    envs: ThemeEnvs | None = None,
    leave_out: tuple[str, ...] = (),
    finish_page: Callable[[str, str], str] | None = None,
    configs: ConfigFiles | None = None,
) -> None:
    """Run MkDocs in this process; any MkDocs warning fails the build. With `template_cache`, compiled theme
    templates are kept there (theme_env.py); with `shared` too, the pages load the theme's files from out/_tema/
    and none is copied, and `envs` keeps the theme's environments for this process's next build. `leave_out`:
    the theme's pages not to make (such as 404.html). `finish_page` changes each page's HTML before MkDocs
    writes it (after every plugin), so a page is written once. A page the navigation leaves out shows its folder's
    index page as the menu's current one (_shown_under_folder_index). The generator's HTML blocks skip Markdown's
    HTML parser (rawblocks.py), and the search index is made by a faster parser (searchindex.py): the same bytes, sooner."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from .mkdocs_config import load_group_config
    from .rawblocks import StashBlocks
    from .theme_env import speed_up

    with _mkdocs_log() as log:
        try:
            config = load_group_config(config_path, str(site_dir.resolve()), configs)
            if template_cache is not None:
                speed_up(config, template_cache, shared, envs)
            config.theme.static_templates.difference_update(leave_out)
            config.markdown_extensions.append(StashBlocks())
            config.plugins["netvaerk-folder-index"] = _shown_under_folder_index()
            config.plugins["netvaerk-search-index"] = _faster_search_index()
            if finish_page is not None:
                config.plugins["netvaerk"] = _last_step(finish_page)
            build(config)
        except (MkDocsException, SystemExit) as exc:
            details = "; ".join(log.messages) or str(exc)
            raise GroupError([Problem(str(config_path), 1, 1, "mkdocs", f"siden kunne ikke bygges: {details}")]) from None

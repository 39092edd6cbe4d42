"""Run MkDocs in this process on one group's sources, with its log captured: any warning fails the build."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import GroupError, Problem

if TYPE_CHECKING:
    from ...site.shared import SharedUrls
    from . import Kept


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


def build(
    config_path: Path,
    into: Path,
    shared: SharedUrls,
    leave_out: tuple[str, ...],
    config_data: dict | None = None,
    template_cache: Path | None = None,
    kept: Kept | None = None,
    keep_envs: bool = False,
) -> None:
    """Run MkDocs in this process; any MkDocs warning fails the build. The pages load the theme's files from
    out/_tema/ (`shared`) and none is copied; `leave_out`: the theme's pages not to make (such as 404.html). A page
    the navigation leaves out shows its folder's index page as the menu's current one (_shown_under_folder_index).

    Without `config_data`, the plain path: MkDocs reads `config_path` itself. With it, the shortcuts: the config as
    data (config.py), compiled theme templates kept in `template_cache` and, with `keep_envs`, the theme's
    environments kept in `kept` for this process's next build (theme_env.py); the generator's HTML blocks skip
    Markdown's HTML parser (rawblocks.py), and the search index is made by a faster parser (searchindex.py): the
    same bytes, sooner."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .config import load_group_config
    from .rawblocks import StashBlocks
    from .theme_env import use_shared

    site_dir = str(into.resolve())
    with _mkdocs_log() as log:
        try:
            if config_data is None:
                config = load_config(config_file=str(config_path), site_dir=site_dir)
                use_shared(config, shared)
            else:
                config = load_group_config(config_data, config_path, site_dir, kept.configs)
                use_shared(config, shared, template_cache, kept.themes if keep_envs else None)
                config.markdown_extensions.append(StashBlocks())
                config.plugins["netvaerk-search-index"] = _faster_search_index()
            config.theme.static_templates.difference_update(leave_out)
            config.plugins["netvaerk-folder-index"] = _shown_under_folder_index()
            mkdocs_build(config)
        except (MkDocsException, SystemExit) as exc:
            details = "; ".join(log.messages) or str(exc)
            raise GroupError([Problem(str(config_path), 1, 1, "mkdocs", f"siden kunne ikke bygges: {details}")]) from None

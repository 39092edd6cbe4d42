"""The engine that makes a group's pages from its generated sources: MkDocs with the mkdocs-material theme.

This package is the only code that imports MkDocs, mkdocs-material or Python-Markdown, or matches their markup.
The rest of netvaerk calls what this module names: `choose` the engine once a run, `theme_files` for the files the
groups share (out/_tema/), `theme_templates` for the inline scripts a page may hold, `build_pages` into a folder,
`finish_page` for each built page, and `preview_server` for `netvaerk serve`.

The shortcuts (a faster config loader and kept themes, kept theme environments and compiled templates, raw HTML
blocks stashed before Markdown, a faster search index, slimmed pages and a pruned stylesheet) patch internals of
the pinned versions. They run only when exactly those versions are installed and NETVAERK_PLAIN is not set;
otherwise the build takes the plain path, MkDocs' own, and says why once. tests/test_engine_switch.py builds both
ways and checks the only differences are slim.py's and cssprune.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ...site.shared import SharedUrls
from .config import ConfigFiles
from .mend import mend, trim_head
from .slim import fold_css, slim_config, slim_page
from .theme_files import SharedAssets, read_sources, shared_assets

__all__ = ["PINNED", "Engine", "Kept", "SharedAssets", "build_pages", "choose", "finish_page", "fold_css", "preload", "slim_page",
           "preview_server", "theme_files", "theme_templates"]

# The versions whose internals the shortcuts were written against (requirements.lock pins them;
# tests/test_engine_switch.py keeps the two equal).
PINNED = (("mkdocs", "1.6.1"), ("mkdocs-material", "9.8.2"), ("Markdown", "3.11.3"), ("pymdown-extensions", "13.1.2"))
PLAIN = "NETVAERK_PLAIN"


@dataclass(frozen=True)
class Engine:
    """How this run builds pages: with the shortcuts, or on the plain path (`note`: why, for the CLI to say once)."""

    shortcuts: bool = True
    note: str | None = None

    @property
    def name(self) -> str:
        """Part of every fingerprint: a site built one way is built again the other way."""
        return "mkdocs-material" + ("" if self.shortcuts else " plain")


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def choose(environ: Mapping[str, str], installed: Callable[[str], str | None] | None = None) -> Engine:
    """The shortcuts, unless NETVAERK_PLAIN asks for the plain path or an installed version (`installed`: by package
    name) is not the pinned one."""
    if environ.get(PLAIN, "").strip() not in ("", "0"):
        return Engine(shortcuts=False)
    versions = {name: (installed or _installed)(name) for name, _ in PINNED}
    other = [(name, pinned, versions[name]) for name, pinned in PINNED if versions[name] != pinned]
    if not other:
        return Engine()
    found = ", ".join(f"{name} {have or 'mangler'} (netvaerk er afprøvet med {pinned})" for name, pinned, have in other)
    note = (
        f"Bemærk: {found}. Siderne bygges derfor uden netvaerks genveje, så det tager lidt længere tid, og siderne "
        "bliver lidt tungere. Installer de afprøvede versioner med make site."
    )
    return Engine(shortcuts=False, note=note)


@dataclass
class Kept:
    """What one worker process keeps from a group's build for the next (shortcuts only): the parsed config files
    and themes, and the theme's template environments. Never kept by `netvaerk serve`, which must see a template
    edited while it runs."""

    configs: ConfigFiles = field(default_factory=ConfigFiles)
    themes: dict = field(default_factory=dict)  # the theme's environments (theme_env.use_shared)


def build_pages(
    engine: Engine,
    config: dict,
    config_path: Path,
    into: Path,
    shared: SharedUrls,
    template_cache: Path,
    leave_out: tuple[str, ...] = (),
    kept: Kept | None = None,
) -> None:
    """Make the pages of one group into `into` from its generated config (the data written to `config_path`,
    whose folder the config's paths are relative to), loading the theme's files from out/_tema/ (`shared`);
    `leave_out`: the theme's pages not to make. Any MkDocs warning is a GroupError."""
    from .run import build

    if engine.shortcuts:
        build(config_path, into, shared, leave_out, config, template_cache, kept or Kept(), kept is not None)
    else:
        build(config_path, into, shared, leave_out)


def finish_page(engine: Engine, html: str, page: str, file: str) -> str:
    """A built HTML page (or a printable, copied as it is) as it is published: the theme's markup mended and its
    head trimmed (mend.py), and with the shortcuts slimmed (slim.py). `file`: the group file a problem is reported
    against."""
    html = trim_head(mend(html, page, file, strict=engine.shortcuts))
    return slim_page(slim_config(html)) if engine.shortcuts else html


def _theme_dir() -> Path:
    from mkdocs.utils import get_theme_dir

    return Path(get_theme_dir("material"))


def theme_files(engine: Engine, overrides: Path, base_config: Path, own: dict[str, bytes]) -> SharedAssets:
    """The files every group's pages load, named by their content (theme_files.py): the theme's, the project's
    overrides/assets/ and `own`. With the shortcuts the theme's stylesheet keeps only what a page can use."""
    return shared_assets(read_sources(_theme_dir(), overrides, own, base_config if engine.shortcuts else None))


def theme_templates(overrides: Path) -> list[str]:
    """The text of every HTML template of the theme and the project's overrides: they decide which inline scripts
    a page may hold. The theme's .icons/ (thousands of SVG files) is not walked."""
    from ...files import walk

    return [p.read_text(encoding="utf-8") for folder in (_theme_dir(), overrides) for p in walk(folder, skip=(".icons",))
            if p.suffix == ".html"]


def preload() -> None:
    """Import MkDocs, so worker processes forked after start with it loaded."""
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401


def preview_server(rebuild: Callable[[], None], port: int, root: Path):
    """MkDocs' live-reload server for `netvaerk serve` on 127.0.0.1:`port`, serving `root` and calling `rebuild`
    when a watched file changes; it binds and listens once, when the caller asks, so the address (also with port 0)
    can be shown first and already takes connections when it is shown."""
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        bound = listening = False

        def server_bind(self) -> None:
            if not self.bound:
                super().server_bind()
                self.bound = True

        def server_activate(self) -> None:
            if not self.listening:
                super().server_activate()
                self.listening = True

    return Server(builder=rebuild, host="127.0.0.1", port=port, root=str(root))

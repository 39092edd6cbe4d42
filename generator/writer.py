"""The only stage that touches the disk: write a group's sources, build its site, swap it in."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import GroupError, Problem

MARKER = ".netvaerk-site"


def _is_dangerous(out: Path, project: Path) -> str | None:
    out = out.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        return "roden af filsystemet"
    if out == home:
        return "din hjemmemappe"
    if out == project or out in project.parents:
        return "projektets mappe eller en mappe over den"
    return None


def prepare_output(out: Path, project: Path) -> None:
    """Make sure `out` is a folder this tool owns (marked), creating it if needed."""
    danger = _is_dangerous(out, project)
    if danger:
        raise GroupError([Problem(str(out), 1, 1, "--out", f"vil ikke skrive i {danger}; vælg en anden mappe, fx site")])
    if out.is_symlink():
        raise GroupError([Problem(str(out), 1, 1, "--out", "mappen er et symbolsk link; vælg en almindelig mappe")])
    if out.exists():
        if not out.is_dir():
            raise GroupError([Problem(str(out), 1, 1, "--out", "findes allerede og er ikke en mappe")])
        if not (out / MARKER).exists() and any(out.iterdir()):
            raise GroupError([Problem(str(out), 1, 1, "--out", "mappen er ikke tom og er ikke lavet af netvaerk; vælg en tom mappe")])
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Denne mappe er lavet af netvaerk og kan bygges igen når som helst.\n", encoding="utf-8")


def write_sources(folder: Path, docs: dict[str, str | bytes], config: str) -> Path:
    """Replace site_src/<slug>/ with the generated Markdown and config; returns the config path."""
    if folder.exists():
        shutil.rmtree(folder)
    for rel, content in docs.items():
        target = folder / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    config_path = folder / "mkdocs.yml"
    config_path.write_text(config, encoding="utf-8", newline="\n")
    return config_path


def write_calendar_state(path: Path, data: bytes) -> bool:
    """Replace the feed's state file beside the group file (atomically); False when it was already up to date."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        tmp = path.with_name(f".{path.name}.new")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise GroupError([Problem(str(path), 1, 1, "", f"kalenderens status kunne ikke gemmes ({exc.strerror})")]) from None
    return True


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


def mkdocs_build(config_path: Path, site_dir: Path, template_cache: Path | None = None) -> None:
    """Run MkDocs in this process; any MkDocs warning fails the build. Compiled theme templates are kept in
    `template_cache` when given."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .theme_env import speed_up

    with _mkdocs_log() as log:
        try:
            config = load_config(config_file=str(config_path), site_dir=str(site_dir.resolve()))
            if template_cache is not None:
                speed_up(config, template_cache)
            build(config)
        except (MkDocsException, SystemExit) as exc:
            details = "; ".join(log.messages) or str(exc)
            raise GroupError([Problem(str(config_path), 1, 1, "mkdocs", f"siden kunne ikke bygges: {details}")]) from None


def slim_pages(folder: Path, stylesheets: tuple[str, ...] = ()) -> None:
    """Fold the whitespace of every built HTML page and of the given stylesheets (see slim.py)."""
    from .slim import fold_css, fold_whitespace

    for page in sorted(folder.rglob("*.html")):
        page.write_text(fold_whitespace(page.read_text(encoding="utf-8")), encoding="utf-8", newline="")
    for rel in stylesheets:
        sheet = folder / rel
        if sheet.is_file():
            sheet.write_text(fold_css(sheet.read_text(encoding="utf-8")), encoding="utf-8", newline="")


def publish(out: Path, slug: str, build_into, marker: str = "netvaerk\n") -> Path:
    """Build into a temporary folder beside the target and swap it in only on success, with its marker."""
    target = out / slug
    tmp = Path(tempfile.mkdtemp(prefix=f".{slug}.new-", dir=out))
    try:
        build_into(tmp)
        (tmp / MARKER).write_text(marker, encoding="utf-8", newline="\n")
        if target.exists() or target.is_symlink():
            if target.is_symlink() or not (target / MARKER).exists():
                raise GroupError([Problem(str(target), 1, 1, "--out", "findes allerede og er ikke lavet af netvaerk; flyt eller slet den selv")])
            old = Path(tempfile.mkdtemp(prefix=f".{slug}.old-", dir=out))
            os.rename(target, old / slug)
            os.rename(tmp, target)
            shutil.rmtree(old)
        else:
            os.rename(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return target


def preview_folder() -> Path:
    """A fresh, marked output folder in the system's temp area for `netvaerk serve`."""
    folder = Path(tempfile.mkdtemp(prefix="netvaerk-serve-"))
    (folder / MARKER).write_text("netvaerk\n", encoding="utf-8")
    return folder


def remove_preview(folder: Path) -> None:
    if (folder / MARKER).exists():
        shutil.rmtree(folder)


def create_file(path: Path, data: bytes) -> None:
    """Write a new file; FileExistsError if it is already there (never overwrites)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(data)


def replace_file(path: Path, data: bytes) -> None:
    """Replace a file's bytes in one step, so it is never left half written."""
    tmp = path.with_name(f".{path.name}.netvaerk-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_private(folder: Path, files: dict[str, str]) -> None:
    """Write the members-only files, readable by the owner alone."""
    folder.mkdir(mode=0o700, exist_ok=True)
    for name, text in files.items():
        target = folder / name
        tmp = folder / f".{name}.netvaerk-tmp"
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.chmod(0o600)
        os.replace(tmp, target)


def write_overview(out: Path, html: str) -> Path:
    """Write the list of groups as out/index.html, in one step."""
    target = out / "index.html"
    tmp = out / ".index.html.netvaerk-tmp"
    tmp.write_text(html, encoding="utf-8", newline="\n")
    os.replace(tmp, target)
    return target

"""Own the output folder, and swap each freshly built site into out/<slug>/ in one step.

The published folder holds only what a visitor needs, so nothing inside it says who made it. Instead
netvaerk notes which folders it made outside them, in site_src/.netvaerk/ (records.py): the output
folder is netvaerk's when the notes for its path name this very folder (its identity, not only its
path), and so is each out/<slug>/. netvaerk takes over an empty folder and never deletes or replaces
one it did not make, nor anything reached through a symbolic link, nor a dangerous target.

Without notes (site_src/ deleted, or the project moved), a folder that is not empty is refused with a
message saying what to do: delete it and build again; when it looks like netvaerk's own output, the
message says so. Folders from earlier versions, marked by a `.netvaerk-site` file inside them, are
recognised by that file: taken over, and the file removed so that it is no longer published.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import GroupError, Problem
from ..files import clear_except, keep_out_of_git, make_folder, read_or_empty, reason, refuse_links, write_file
from ..site.manifest import NAME as MANIFEST
from ..site.shared import FOLDER
from .project import Project
from .records import Notes, identity, notes

LEGACY_MARKER = ".netvaerk-site"  # how earlier versions marked their folders, inside them
NOT_FOUND = "404.html"  # what GitHub Pages (and GitLab Pages, Netlify) show for an address with no file


def _refuse(path: Path, message: str) -> GroupError:
    return GroupError([Problem(str(path), 1, 1, "--out", message)])


def _legacy(folder: Path) -> bool:
    """Marked as netvaerk's by an earlier version: the marker is a regular file, never a symbolic link."""
    marker = folder / LEGACY_MARKER
    return marker.is_file() and not marker.is_symlink()


def _is_dangerous(out: Path, project: Path) -> str | None:
    out = out.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        return "roden af filsystemet"
    if out == home:
        return "din hjemmemappe"
    if out == project or out in project.parents:
        return "projektets mappe eller en mappe over den"
    for own in ("groups", "overrides", "site_src"):
        if out == project / own or (project / own) in out.parents:
            return f"projektets egen mappe {own}/"
    return None


def _looks_built(out: Path) -> bool:
    """Some out/<slug>/ in it looks like a site netvaerk built (only to choose the message; nothing is deleted on it)."""
    return any(child.is_dir() and (child / MANIFEST).is_file() and (child / "index.html").is_file() for child in out.iterdir())


def prepare_output(out: Path, project: Project) -> None:
    """Make sure `out` is a folder netvaerk owns (noted in site_src/.netvaerk/), creating it if needed."""
    danger = _is_dangerous(out, project.root.resolve())
    if danger:
        raise _refuse(out, f"vil ikke skrive i {danger}; vælg en anden mappe, fx site")
    if out.is_symlink():
        raise _refuse(out, "mappen er et symbolsk link; vælg en almindelig mappe")
    noted = notes(project, out)
    if out.exists():
        if not out.is_dir():
            raise _refuse(out, "findes allerede og er ikke en mappe")
        if noted.output() != identity(out):
            if not _legacy(out) and any(out.iterdir()):
                if _looks_built(out):
                    raise _refuse(
                        out,
                        "mappen ser ud til at indeholde sider, som netvaerk har bygget, men netvaerk har ingen noter om den i "
                        f"site_src/.netvaerk/ (er site_src/ slettet, eller er mappen flyttet?); slet selv mappen {out}, og byg så igen",
                    )
                raise _refuse(out, "mappen er ikke tom og er ikke lavet af netvaerk; vælg en tom mappe")
            noted.claim_output()
    else:
        make_folder(out, shown=str(out))
        noted.claim_output()
    if _legacy(out):
        (out / LEGACY_MARKER).unlink()
    # site_src/ is never published, so it can say that it is no business of git; the output folder cannot (it
    # holds only what a visitor needs): the shipped CI files build outside the checkout (skabeloner/).
    keep_out_of_git(project.sources)


def _owned(target: Path, noted: Notes, slug: str) -> bool:
    """out/<slug>/ is not there, is an empty folder (nothing to lose), or is a folder netvaerk put there."""
    if target.is_symlink():
        return False
    if not target.exists():
        return True
    if not target.is_dir():
        return False
    return identity(target) in noted.site_folders(slug) or _legacy(target) or not any(target.iterdir())


def publish(out: Path, slug: str, noted: Notes, build_into: Callable[[Path], None]) -> int:
    """Build into a temporary folder beside out/<slug>/ and swap it in only on success; returns its identity.

    Before the swap the notes name both the previous and the new folder, so that whichever is in place
    afterwards, even after a crash, is known as netvaerk's; the new folder has no stamp yet (pipeline.py
    writes it once everything else is saved), so until then it is built again next time."""
    target = out / slug
    not_ours = "findes allerede og er ikke lavet af netvaerk; flyt eller slet den selv"
    if not _owned(target, noted, slug):
        raise _refuse(target, not_ours)
    tmp = Path(tempfile.mkdtemp(prefix=f".{slug}.new-", dir=out))
    try:
        build_into(tmp)
        if not _owned(target, noted, slug):
            raise _refuse(target, not_ours)
        new = identity(tmp)
        old = identity(target) if target.exists() else None
        noted.write_site_folders(slug, tuple(i for i in (old, new) if i is not None))
        if old is None:
            _swap(tmp, target, target)
        else:
            aside = Path(tempfile.mkdtemp(prefix=f".{slug}.old-", dir=out))
            try:
                _swap(target, aside / slug, target)
                try:
                    _swap(tmp, target, target)
                except GroupError:
                    os.rename(aside / slug, target)  # put the previous site back
                    raise
                shutil.rmtree(aside / slug)
            finally:
                try:
                    aside.rmdir()
                except OSError:
                    pass
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    noted.write_site_folders(slug, (new,))
    return new


def _swap(source: Path, destination: Path, target: Path) -> None:
    try:
        os.rename(source, destination)
    except OSError as exc:
        raise _refuse(target, f"siden kunne ikke lægges på plads ({reason(exc)}); den forrige udgave er urørt") from None


def publish_shared(out: Path, files: dict[str, bytes]) -> None:
    """Put the files the groups share into out/_tema/ (engine/theme_files.py), each in one step, before any group's pages
    link them. Their names are their content's digest, so a file already there with the same bytes is left be."""
    root = out / FOLDER
    refuse_links(root)
    for rel, data in sorted(files.items()):
        target = root / rel
        folders = [root, *(root / part for part in _prefixes(rel))]
        refuse_links(*folders)
        if target.is_file() and not target.is_symlink() and read_or_empty(target) == data:
            continue
        make_folder(target.parent, shown=str(target.parent))
        write_file(target, data, shown=str(target))


def _prefixes(rel: str) -> list[str]:
    """'a/b/c.js' -> ['a', 'a/b']: the folders on the way to a file."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def prune_shared(out: Path, files: dict[str, bytes]) -> None:
    """Delete what out/_tema/ holds beyond `files`: call it only when every group's pages in `out` link these."""
    root = out / FOLDER
    if root.is_symlink() or not root.is_dir():
        return
    clear_except(root, set(files))


def site_folders(out: Path) -> set[str]:
    """The names of the groups' folders in `out` (neither the shared folder nor a build's temporary folder)."""
    return {child.name for child in out.iterdir() if child.is_dir() and child.name != FOLDER and not child.name.startswith(".")}


def write_changed(folder: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Write the files of `after` (paths in `folder`) whose bytes are not those of `before`, as written there."""
    for rel, data in sorted(after.items()):
        if before.get(rel) != data:
            write_file(folder / rel, data)


def write_overview(out: Path, html: str, not_found: str | None = None) -> Path:
    """Write the list of groups as out/index.html, and the page for an address with no file as out/404.html,
    each in one step."""
    if not_found is not None:
        page = out / NOT_FOUND
        write_file(page, not_found, shown=str(page))
    target = out / "index.html"
    write_file(target, html, shown=str(target))
    return target


def preview_folder(project: Project) -> Path:
    """A fresh output folder in the system's temp area for `netvaerk serve`, noted as netvaerk's."""
    folder = Path(tempfile.mkdtemp(prefix="netvaerk-serve-"))
    try:
        notes(project, folder).claim_output()
        keep_out_of_git(project.sources)
    except GroupError:
        folder.rmdir()
        raise
    return folder


def remove_preview(folder: Path, project: Project) -> None:
    """Delete serve's folder, if it is still the one netvaerk made, and the notes about it."""
    noted = notes(project, folder)
    if folder.is_dir() and not folder.is_symlink() and noted.output() == identity(folder):
        shutil.rmtree(folder)
    noted.remove()

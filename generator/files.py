"""Reading and writing single files: every write lands in one step, every OS failure is a Danish message.

Writes go to a temporary file in the target's own folder, which then replaces the target with
os.replace, so a reader (or a crash) never sees half a file. A file whose write permission is off is
"skrivebeskyttet" and is left alone, also when the folder would allow replacing it. Each OSError
becomes a GroupError naming the file (`shown`, as the organiser would write it) and saying in Danish
what went wrong; nothing here prints.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from .errors import FileExists, GroupError, Problem

# What the common failures mean for the organiser; anything else names its error code.
_REASONS = {
    errno.EACCES: "netvaerk har ikke adgang til filen eller mappen",
    errno.EPERM: "netvaerk har ikke adgang til filen eller mappen",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.ENOSPC: "der er ikke mere plads på disken",
    getattr(errno, "EDQUOT", errno.ENOSPC): "der er ikke mere plads på disken",
    errno.ENOENT: "mappen findes ikke",
    errno.EISDIR: "der ligger en mappe med det navn",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENAMETOOLONG: "navnet er for langt",
}
READ_ONLY = "filen er skrivebeskyttet"


def reason(exc: OSError) -> str:
    """What an OSError means, in Danish."""
    known = _REASONS.get(exc.errno) if exc.errno is not None else None
    if known:
        return known
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else "ukendt"
    return f"styresystemet meldte en fejl ({code})"


def problem(path: Path, message: str, shown: str | None = None) -> GroupError:
    """A GroupError pointing at the start of `path`."""
    return GroupError([Problem(shown or str(path), 1, 1, "", message)])


def _not_saved(path: Path, shown: str | None, why: str) -> GroupError:
    return problem(path, f"kunne ikke gemmes: {why}", shown)


def read_bytes(path: Path, shown: str | None = None) -> bytes:
    """The file's bytes; a missing or unreadable file is a GroupError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise problem(path, "filen findes ikke", shown) from None
    except OSError as exc:
        raise problem(path, f"filen kan ikke læses: {reason(exc)}", shown) from None


def read_optional(path: Path, shown: str | None = None) -> bytes | None:
    """The file's bytes, or None when there is no such file; any other failure is a GroupError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise problem(path, f"filen kan ikke læses: {reason(exc)}", shown) from None


def read_or_empty(path: Path) -> bytes:
    """The file's bytes, or b"" when it cannot be read (for fingerprints: the build itself then reports it)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def make_folder(path: Path, mode: int = 0o777, shown: str | None = None) -> None:
    """Create a folder (and its parents) unless it is there."""
    try:
        path.mkdir(mode=mode, parents=True, exist_ok=True)
    except OSError as exc:
        raise problem(path, f"mappen kunne ikke oprettes: {reason(exc)}", shown) from None


def refuse_links(*paths: Path) -> None:
    """Each path is a real folder or not there yet: netvaerk never writes or deletes through a symbolic link."""
    for path in paths:
        if path.is_symlink():
            raise problem(path, "er et symbolsk link; netvaerk sletter og skriver ikke gennem links, så slet linket")
        if path.exists() and not path.is_dir():
            raise problem(path, "findes allerede og er ikke en mappe; flyt eller slet den selv")


def _encode(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _temporary(path: Path, data: bytes, mode: int, durable: bool) -> Path:
    """A new file beside `path` holding `data`, created with `mode` (less the umask)."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.netvaerk-tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX only; elsewhere the rename is what there is)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes | str, *, mode: int | None = None, durable: bool = False, shown: str | None = None) -> None:
    """Replace (or create) `path` with `data` in one step; text is written as UTF-8, exactly as given.

    `mode`: the new file's permissions (e.g. 0o600 for the members' files); by default a new file gets the
    usual ones and a replaced file keeps its own. `durable`: flush to the disk before and after the swap,
    for the organiser's own files. The folder must exist."""
    data = _encode(data)
    try:
        try:
            old = path.stat()
        except FileNotFoundError:
            old = None
        if old is not None:
            if stat.S_ISDIR(old.st_mode):
                raise _not_saved(path, shown, _REASONS[errno.EISDIR])
            if not old.st_mode & 0o222 or not os.access(path, os.W_OK):
                raise _not_saved(path, shown, READ_ONLY)
        keep = mode if mode is not None else (stat.S_IMODE(old.st_mode) if old is not None else None)
        tmp = _temporary(path, data, 0o666 if mode is None else mode, durable)
        try:
            if keep is not None:
                os.chmod(tmp, keep)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if durable:
            _sync_folder(path.parent)
    except OSError as exc:
        raise _not_saved(path, shown, reason(exc)) from None


def create_file(path: Path, data: bytes | str, *, shown: str | None = None) -> None:
    """Create `path` with `data`, never replacing a file that is there (FileExists); parents are made.

    The data is written beside it first and then linked into place, so the file appears whole or not at
    all; where the disk has no links, the file is created exclusively and written."""
    data = _encode(data)
    make_folder(path.parent, shown=shown)
    try:
        tmp = _temporary(path, data, 0o666, durable=True)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileExists([Problem(shown or str(path), 1, 1, "", "findes allerede")]) from None
        except OSError:
            with open(path, "xb") as handle:  # no hard links here (e.g. FAT): exclusive create instead
                handle.write(data)
        finally:
            tmp.unlink(missing_ok=True)
    except FileExistsError:
        raise FileExists([Problem(shown or str(path), 1, 1, "", "findes allerede")]) from None
    except OSError as exc:
        raise _not_saved(path, shown, reason(exc)) from None


def walk(folder: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file below `folder`, sorted, not looking inside a folder named in `skip`; links to folders are
    followed (the project's overrides may be one)."""
    found = []
    for parent, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = [d for d in dirs if d not in skip]
        found += [Path(parent, name) for name in names]
    return sorted(p for p in found if p.is_file())


def clear_except(root: Path, keep: set[str]) -> None:
    """Delete what the folder `root` holds beyond `keep` (paths relative to it, '/'-separated), and the folders
    left empty; a link found inside is removed as a link, never followed."""
    for parent, dirs, names in os.walk(root, topdown=False):
        for name in names:
            path = Path(parent, name)
            if path.relative_to(root).as_posix() not in keep:
                path.unlink()
        for name in dirs:
            sub = Path(parent, name)
            if sub.is_symlink():
                sub.unlink()
            elif not any(sub.iterdir()):
                sub.rmdir()


GIT_IGNORE_ALL = "# netvaerk made this folder: nothing in it belongs in git (this file included).\n*\n"


def keep_out_of_git(folder: Path) -> None:
    """Create `folder` if needed and give it a .gitignore that ignores everything in it, itself too, so that a
    build leaves `git status` clean in a group's repository, which holds only groups/ and no .gitignore. A
    .gitignore already there (the organiser's, or an earlier build's) is left as it is."""
    make_folder(folder)
    target = folder / ".gitignore"
    if not target.exists() and not target.is_symlink():
        write_file(target, GIT_IGNORE_ALL)

"""Options and arguments shared by several commands, each defined once."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import click
from pydantic_core import PydanticCustomError

from ..builder.project import Project, display_path
from ..errors import GroupError, Problem
from ..files import read_bytes
from ..model import values


def _parsed(parse, value: str):
    """A value parsed by the group file's own rules; their Danish message becomes click's."""
    try:
        return parse(value)
    except PydanticCustomError as exc:
        raise click.BadParameter(exc.message()) from None


def _today(ctx, param, value: str | None) -> dt.date:
    # The only place the real date comes in: everything below takes "today" as an input.
    return dt.date.today() if value is None else _parsed(values.date, value)


def today(help: str):
    """--today ÅÅÅÅ-MM-DD, defaulting to the machine's date."""
    return click.option("--today", "today", callback=_today, metavar="ÅÅÅÅ-MM-DD", help=help)


def missing(param, example: str) -> click.UsageError:
    return click.UsageError(f"tilvalget {param.opts[0]} mangler; skriv fx {param.opts[0]} {example}")


def required_date(ctx, param, value: str | None) -> dt.date:
    if value is None:
        raise missing(param, "2027-08-10")
    return _parsed(values.date, value)


def optional_time(ctx, param, value: str | None) -> dt.time | None:
    return None if value is None else _parsed(values.time, value)


def valid_name(ctx, param, value: str | None) -> str | None:
    return None if value is None else _parsed(values.name, value)


_COMMAND = re.compile(r"(?<=: )netvaerk (?=adgangskode\b)")


def report(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Each problem on its own line, on stderr. The command line a build's message ends with (": netvaerk
    adgangskode …", written so by the stages below, which do not know how the program was started) is named as it
    can be typed here."""
    for problem in problems:
        click.echo(as_typed(str(problem)), err=True)


def as_typed(message: str) -> str:
    """The message with the command line it ends with named as it can be typed here (see report)."""
    return _COMMAND.sub(lambda _: command() + " ", message)


FILES = click.argument("filer", nargs=-1, type=click.Path(path_type=Path))


# Where a command works: the project folder (the one with groups/) and how to run netvaerk again as typed here.

GROUPS = "groups"


class WrongFolder(click.UsageError):
    """The command was started where it cannot find its project: a usage error (exit code 2), said in Danish."""


def is_project(folder: Path) -> bool:
    """A project folder is one with a groups/ folder in it (mkdocs.yml and overrides/ may come from the package)."""
    return (folder / GROUPS).is_dir()


def find_project(files: tuple[Path, ...] | list[Path] = (), cwd: Path | None = None) -> Project:
    """The project a command works in: the current folder when it is a project (a group file elsewhere is then
    built into it, as the README says); otherwise the one the first group file belongs to (the folder above
    groups/ when the file lies in a groups/ folder, else the file's own folder); otherwise a WrongFolder error
    saying where to stand."""
    cwd = Path.cwd() if cwd is None else cwd
    if is_project(cwd):
        return Project(cwd)
    if files:
        folder = files[0].absolute().parent
        return Project(folder.parent if folder.name == GROUPS else folder)
    raise WrongFolder(where_to_stand(cwd))


def where_to_stand(cwd: Path, new: bool = False) -> str:
    """Why the current folder is no project, and what to do instead (`new`: for `netvaerk new`, which takes no file
    but may start a project in an empty folder)."""
    if cwd.name == GROUPS and is_project(cwd.parent):
        return "du står i mappen groups/; gå et trin op til projektmappen med: cd .."
    instead = "start et nyt projekt i en tom mappe" if new else "skriv stien til gruppefilen, fx ~/netvaerk/groups/gruppe.yaml"
    return f"mappen {cwd} er ikke en netvaerk-projektmappe (der er ingen mappe groups/ i den); gå til projektmappen med cd, eller {instead}"


def where(project: Project, cwd: Path | None = None) -> str | None:
    """A line saying which project folder is used, when it is not the current folder (else None): the organiser
    then knows where site/ and private/ are, and what the paths in the messages are relative to."""
    cwd = Path.cwd() if cwd is None else cwd
    if project.root.absolute() == cwd.absolute():
        return None
    return f"Projektmappen er {shown(project.root, cwd)} (der, hvor gruppefilen ligger); stierne herunder er i forhold til den."


def shown(path: Path, cwd: Path | None = None) -> str:
    """A path as the organiser can type it here: relative to the current folder when inside it, else absolute."""
    cwd = Path.cwd() if cwd is None else cwd
    absolute = path if path.is_absolute() else cwd / path
    rel = os.path.relpath(absolute, cwd)
    return str(absolute) if rel.startswith("..") else rel


def command(cwd: Path | None = None) -> str:
    """How to run netvaerk as typed in this folder: `netvaerk` when that name on PATH is this very program,
    else the path to the running program (`.venv/bin/netvaerk`), so a hint works when copied."""
    cwd = Path.cwd() if cwd is None else cwd
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else "netvaerk"
    on_path = shutil.which("netvaerk")
    beside = Path(sys.executable).parent / "netvaerk"
    if os.sep in argv0 and Path(argv0).name == "netvaerk" and Path(argv0).is_file():
        running: Path | None = Path(argv0)  # started by its path, as typed
    else:
        # Started some other way (python -m, the tests): the program installed beside this Python.
        running = beside if beside.is_file() else None
    if running is None:
        return "netvaerk"
    if on_path and Path(on_path).resolve() == running.resolve():
        return "netvaerk"
    path = shown(running.absolute(), cwd)
    if os.sep not in path:
        path = f".{os.sep}{path}"
    return shlex.quote(path)


def read_group(path: Path, file: str) -> bytes:
    """A group file's bytes; a missing file, a folder or an unreadable file is a GroupError in Danish."""
    if path.is_dir():
        raise GroupError([Problem(file, 1, 1, "", "er en mappe, ikke en gruppefil; skriv fx groups/gruppe.yaml")])
    return read_bytes(path, file)


def must_exist(paths: tuple[Path, ...] | list[Path], project: Project) -> None:
    """A GroupError naming every file given that is not there."""
    missing = [Problem(display_path(p, project), 1, 1, "", "filen findes ikke") for p in paths if not p.exists()]
    if missing:
        raise GroupError(missing)


def can_build(project: Project) -> None:
    """A GroupError when the project lacks the theme's settings the build starts from (never once they come with
    the package)."""
    if not project.base_config.is_file():
        message = "filen mangler, og siderne kan ikke bygges uden den; byg fra netvaerk-mappen (den med mkdocs.yml og groups/)"
        raise GroupError([Problem(shown(project.base_config), 1, 1, "", message)])

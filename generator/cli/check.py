"""`netvaerk check`: report every problem in group files without building anything."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..builder.project import Project, display_path
from ..errors import GroupError
from ..guide.check import check_on
from . import options
from .texts import HELP_OPTION, Command


@click.command(cls=Command, help="Tjek gruppefiler for fejl uden at bygge noget.")
@click.argument("filer", nargs=-1, required=True, type=click.Path(path_type=Path))
@options.today("Dagens dato (til mødepakkens råd om planlægning). Standard: i dag.")
@HELP_OPTION
def check(filer: tuple[Path, ...], today: dt.date) -> None:
    # Nothing is written: each file is named as typed (relative to the project when standing in it).
    here = Project(Path.cwd())
    failed = False
    for path in filer:
        file = display_path(path, here)
        try:
            _, warnings = check_on(options.read_group(path, file), file, today)
        except GroupError as exc:
            options.report(exc.problems)
            failed = True
            continue
        options.report(warnings)
        click.echo(f"{file}: ingen fejl" + (f" ({len(warnings)} {'advarsel' if len(warnings) == 1 else 'advarsler'})" if warnings else ""))
    sys.exit(1 if failed else 0)

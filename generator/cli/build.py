"""`netvaerk build`: build the groups' sites, skipping those that have not changed."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from ..builder import engine
from ..builder.parallel import build_many
from ..builder.pipeline import BUILT, FAILED, end, start
from ..builder.project import group_files, slugs
from ..errors import GroupError
from ..site.overview import Listing
from . import options
from .crash import CRASHED, crash_line, write_details
from .texts import HELP_OPTION, Command


@click.command(cls=Command, help="Byg siderne for grupperne (standard: alle filer i groups/).")
@options.FILES
@click.option(
    "--out", "out", type=click.Path(path_type=Path), metavar="MAPPE", help="Mappen, siderne skrives til (standard: site i projektmappen)."
)
@options.today("Dagens dato (bestemmer det næste møde). Standard: i dag.")
@click.option("--force", is_flag=True, help="Byg alle grupper igen, også dem der ikke er ændret siden sidst.")
@HELP_OPTION
def build(filer: tuple[Path, ...], out: Path | None, today: dt.date, force: bool) -> None:
    project = options.find_project(filer)
    if (notice := options.where(project)) is not None:
        click.echo(notice)
    chosen = engine.choose(os.environ)
    if chosen.note is not None:
        click.echo(chosen.note, err=True)
    out = Path(options.shown(project.root / "site")) if out is None else out
    paths = list(filer) or group_files(project)
    if not paths:
        click.echo(f"Der er ingen gruppefiler i groups/; lav den første med: {options.command()} new \"GRUPPENS NAVN\"", err=True)
        sys.exit(1)
    try:
        # Nothing is written before every file named is there and the project can be built.
        options.must_exist(filer, project)
        by_slug = slugs(paths, project)
        options.can_build(project)
        run = start(project, out, today, chosen)  # the shared files in out/_tema/ before any page links them
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    failed = crashed = False
    up: dict[str, Listing | None] = {}
    # Outcomes come in the order of by_slug.
    for slug, outcome in zip(by_slug, build_many(run, by_slug, force), strict=True):
        if outcome.internal:
            # A bug, not a problem in the file: its traceback goes to a file, never on the screen.
            click.echo(f"{outcome.file}: ikke bygget. {crash_line(write_details(sys.argv, chr(10).join(outcome.messages)))}", err=True)
            failed = crashed = True
            continue
        for message in outcome.messages:
            click.echo(options.as_typed(message), err=True)
        if outcome.status == FAILED:
            click.echo(f"{outcome.file}: ikke bygget (ret fejlene ovenfor)", err=True)
            failed = True
        elif outcome.status == BUILT:
            click.echo(f"{outcome.file}: {outcome.pages} sider bygget i {outcome.target}/")
        else:
            click.echo(f"{outcome.file}: uændret siden sidst, {outcome.pages} sider i {outcome.target}/")
        if outcome.status != FAILED:
            up[slug] = outcome.listing
    if not failed:
        try:
            # The list of groups, when all of groups/ was built; after a failure the previous list stays,
            # like the failed group's previous site.
            end(run, up, overview=not filer)
        except GroupError as exc:
            options.report(exc.problems)
            sys.exit(1)
    sys.exit(CRASHED if crashed else 1 if failed else 0)

"""`netvaerk plan`: plan the next meetings and add them to the group file, keeping everything else."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path

import click

from .. import danish
from ..builder.project import Project, display_path
from ..errors import GroupError
from ..files import write_file
from ..guide import holidays
from ..organiser import planner
from ..organiser.planfile import PlannedFile, PlanRequest, plan_file
from . import options
from .texts import HELP_OPTION, Command


def _recurrence(ctx, param, value: str | None) -> planner.Recurrence:
    if value is None:
        raise options.missing(param, '"2. tirsdag"')
    try:
        return planner.parse_recurrence(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _count(ctx, param, value: str | None) -> int:
    if value is None:
        raise options.missing(param, "6")
    if not value.isdigit() or not 1 <= int(value) <= planner.MAX_MEETINGS:
        raise click.BadParameter(f"'{value}' skal være et antal møder fra 1 til {planner.MAX_MEETINGS}")
    return int(value)


def _plan_summary(file: str, planned: PlannedFile, first: dt.date) -> list[str]:
    made = planned.plan
    lines = [f"{file}: {len(made.meetings)} nye møder {made.recurrence} fra {danish.long_date(first)}:"]
    for m in made.meetings:
        what = "evalueringsmøde" if m.evaluering else (f"tema: {m.tema}" if m.tema else "uden tema")
        lines.append(f"  {danish.long_date(m.dato)} kl. {danish.clock(m.start)}, {what}; ordstyrer {m.ordstyrer}, referent {m.referent}")
    if made.skipped:
        lines.append("Sprunget over:")
        lines += [f"  {danish.long_date(s.dato)} ({s.reason})" for s in made.skipped]
    return lines


@click.command(
    cls=Command,
    short_help="Planlæg de næste møder og skriv dem i gruppefilen.",
    help=(
        "Planlæg gruppens næste møder og skriv dem sidst i gruppefilen: samme starttid som altid, "
        "temaer fra temakataloget i rækkefølge, ordstyrer og referent på skift og et evalueringsmøde, "
        "når gruppen har mødtes i et halvt år. Resten af filen bliver, som den er. "
        + holidays.RULE
    ),
)
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--fra", "first", callback=options.required_date, metavar="ÅÅÅÅ-MM-DD", help="Første mulige mødedato.")
@click.option("--hver", "rule", callback=_recurrence, metavar="TEKST", help=f"Hvor tit I mødes: {planner.FORMS}.")
@click.option("--antal", "count", callback=_count, metavar="TAL", help="Hvor mange møder der skal planlægges.")
@click.option("--start", "start", callback=options.optional_time, metavar="TT:MM", help="Starttidspunkt. Standard: det, gruppen plejer.")
@click.option("--sted", "place", metavar="TEKST", help="Mødested. Standard: der, hvor gruppen plejer at mødes.")
@click.option("--ja", "yes", is_flag=True, help="Gem ændringerne uden at spørge først.")
@HELP_OPTION
def plan(fil: Path, first: dt.date, rule: planner.Recurrence, count: int, start, place: str | None, yes: bool) -> None:
    # Only the file itself is written: it is named as typed (relative to the project when standing in it).
    file = display_path(fil, Project(Path.cwd()))
    try:
        data = options.read_group(fil, file)
        planned = plan_file(data, file, PlanRequest(first, rule, count, start, " ".join(place.split()) if place else None))
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    for line in _plan_summary(file, planned, first):
        click.echo(line)
    click.echo("")
    click.echo(planned.diff, nl=False)
    if not yes:
        answer = click.prompt(f"Gem ændringerne i {file}? (j/n)", default="n", show_default=False)
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            click.echo("Intet er gemt.")
            sys.exit(0)
    try:
        write_file(fil, planned.data, durable=True, shown=file)
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    again = options.command() + " build" + ("" if options.is_project(Path.cwd()) else f" {shlex.quote(str(fil))}")
    click.echo(f"{file}: {len(planned.plan.meetings)} møder tilføjet. Byg siden igen med: {again}")

"""`netvaerk new`: write a new, commented group file for the organiser to fill in."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..builder.project import Project
from ..builder.secret import passphrase_file
from ..errors import FileExists, GroupError
from ..files import create_file
from ..model.slug import SLUG_RE, slug_for
from ..organiser.newgroup import group_file, yaml_environment
from . import options
from .adgangskode import store_and_show
from .texts import HELP_OPTION, Command


def _group_name(ctx, param, value: str) -> str:
    value = options.valid_name(ctx, param, value)
    if not SLUG_RE.match(slug_for(value)):
        raise click.BadParameter("navnet giver ikke en brugbar filadresse; brug bogstaver og tal")
    return value


@click.command(
    "new",
    cls=Command,
    short_help="Opret en ny gruppefil i groups/ ud fra gruppens navn.",
    help=(
        "Opret en ny gruppefil i groups/ ud fra gruppens navn, fx netvaerk new \"Familieplejere i Aarhus Vest\". "
        "Filen har en forklaring til hvert felt, mødepakkens forslag til aftaler og et første og andet møde, "
        "som du retter til. En fil, der findes i forvejen, bliver aldrig overskrevet."
    ),
)
@click.argument("navn", callback=_group_name)
@click.option(
    "--arrangør", "organiser", callback=options.valid_name, metavar="NAVN", help="Dit navn (arrangøren). Kan også skrives i filen bagefter."
)
@click.option("--by", "city", callback=options.valid_name, metavar="BY", help="Byen eller området, gruppen hører til.")
@options.today("Dagens dato (de første møder lægges ud fra den). Standard: i dag.")
@HELP_OPTION
def new(navn: str, organiser: str | None, city: str | None, today: dt.date) -> None:
    started = _project_here()
    slug = slug_for(navn)
    path = Path(options.GROUPS) / f"{slug}.yaml"
    text = group_file(yaml_environment(), navn, slug, today, city, organiser)
    try:
        create_file(path, text, shown=str(path))
    except FileExists:
        click.echo(f"{path}: findes allerede; ret den fil, der er, eller vælg et andet navn", err=True)
        sys.exit(1)
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    if started:
        click.echo(f"Ny projektmappe: {Path.cwd()} (mappen var tom; gruppefilerne ligger i groups/).")
    click.echo(f"{path}: oprettet med medlemsområde: navne, mødesteder og telefonnumre ser kun medlemmerne.")
    project = Project(Path.cwd())
    if (project.root / passphrase_file(slug)).exists():
        click.echo(f"{passphrase_file(slug)}: adgangskoden til medlemsområdet findes allerede og bruges.")
    else:
        store_and_show(project, slug, f"{passphrase_file(slug)}: adgangskoden til medlemsområdet er gemt (kun du kan læse filen):")
    click.echo("")
    click.echo("Næste skridt:")
    click.echo("  1. Ret filen: dit navn, medlemmerne og mødestedet (kommentarerne i filen forklarer hvert felt).")
    netvaerk = options.command()
    click.echo(f"  2. Tjek den:      {netvaerk} check {path}")
    click.echo(f"  3. Planlæg møder: {netvaerk} plan {path} --fra ÅÅÅÅ-MM-DD --hver \"2. tirsdag\" --antal 6")
    click.echo(f"  4. Byg siden:     {netvaerk} build")


def _project_here() -> bool:
    """Whether `new` starts a project in the current folder: it does in an empty one (hidden files such as .git or
    .venv aside), it uses the one that is here, and it refuses anywhere else (a WrongFolder error), rather than
    leave a groups/ folder in, say, the home folder."""
    cwd = Path.cwd()
    if options.is_project(cwd):
        return False
    if any(not entry.name.startswith(".") for entry in cwd.iterdir()):
        raise options.WrongFolder(options.where_to_stand(cwd, new=True))
    return True

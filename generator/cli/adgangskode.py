"""`netvaerk adgangskode`: make the passphrase for a group's members' area and say where it must go."""

from __future__ import annotations

import secrets
import shlex
import sys
from pathlib import Path

import click

from ..builder.project import Project, display_path
from ..builder.secret import passphrase_file, passphrase_variable
from ..errors import GroupError
from ..files import keep_out_of_git, make_folder, read_optional, write_file
from ..guide.check import check
from ..lock.passphrase import WORD_LIST, WORDS, entropy_bits, masked_form, new_passphrase, words
from ..model.slug import slug_for
from . import options
from .texts import HELP_OPTION, Command


def store_passphrase(project: Project, slug: str) -> tuple[str, int, float]:
    """A new passphrase in private/<slug>.adgangskode (readable by the owner alone): the passphrase, the size
    of the word list and the bits it carries."""
    word_list = words(WORD_LIST.read_text(encoding="utf-8"))
    passphrase = new_passphrase(word_list, secrets.choice)
    make_folder(project.private, mode=0o700)
    keep_out_of_git(project.private)  # the passphrase never reaches git, even with no .gitignore
    write_file(project.root / passphrase_file(slug), passphrase + "\n", mode=0o600, shown=passphrase_file(slug))
    return passphrase, len(word_list), entropy_bits(word_list)


def store_and_show(project: Project, slug: str, heading: str) -> None:
    """Make and store a new passphrase, then print `heading`, the passphrase and where else it must go; a file
    that cannot be written ends the command with its Danish message."""
    try:
        passphrase, count, bits = store_passphrase(project, slug)
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    click.echo(heading)
    for line in announce(slug, passphrase, count, bits):
        click.echo(line)


def announce(slug: str, passphrase: str, count: int, bits: float) -> list[str]:
    """What the organiser reads after a passphrase was made: it, its strength, and where else it must go."""
    listed = f"{count:,}".replace(",", ".")  # Danish thousands separator
    return [
        "",
        f"  {passphrase}",
        "",
        f"Den er {WORDS} tilfældige ord ud af {listed} ord, så der er omkring {bits:.0f} bits i den: "
        "den kan ikke gættes, heller ikke af mange computere.",
        "Giv den kun til gruppens medlemmer, fx på et møde. Skriv den aldrig i gruppefilen, og læg den aldrig i git.",
        "",
        *_how_to_share(slug, passphrase),
    ]


def _how_to_share(slug: str, passphrase: str) -> list[str]:
    name = passphrase_variable(slug)
    return [
        "Bygger I siden hos GitHub, GitLab eller Netlify, skal adgangskoden også ligge dér som en hemmelighed",
        f"med navnet {name}:",
        f"  GitHub:  Settings › Secrets and variables › Actions › New repository secret. Name: {name}, Secret: adgangskoden.",
        f"  GitLab:  Settings › CI/CD › Variables › Add variable. Key: {name}, Value: {masked_form(passphrase)}",
        "           (med punktummer, for GitLab kan kun skjule værdier uden mellemrum), og sæt flueben ved »Masked«.",
        f"  Netlify: Site configuration › Environment variables › Add a variable. Key: {name}, Value: adgangskoden.",
        "Ændringer i arbejdsgangen (workflow-filen) er ikke nødvendige.",
    ]


def _after_change(slug: str) -> list[str]:
    return [
        "Når siden er bygget igen med den nye adgangskode:",
        "  - Den gamle adgangskode og de gamle links og QR-koder virker ikke længere. Giv medlemmerne den nye,",
        f"    fx med den nye invitation, som netvaerk build skriver i private/{slug}-invitation.html.",
        "  - Medlemmernes kalender får en ny adresse. Den, der abonnerer på den, skal slette det gamle abonnement i",
        "    telefonens kalender og abonnere igen fra siden Kalender, når de har låst op med den nye adgangskode.",
    ]


@click.command(
    "adgangskode",
    cls=Command,
    short_help="Lav adgangskoden til en gruppes medlemsområde.",
    help=(
        "Lav adgangskoden til gruppens medlemsområde (medlemsområde: ja) og gem den i private/GRUPPE.adgangskode, "
        "som aldrig kommer i git. En adgangskode, der findes i forvejen, vises med --vis og bliver kun skiftet ud med --ny."
    ),
)
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--ny", "new", is_flag=True, help="Lav en ny adgangskode i stedet for den, der er. Den gamle holder op med at virke.")
@click.option("--vis", "show", is_flag=True, help="Vis den adgangskode, der allerede er gemt, og hvor den ellers skal ligge.")
@HELP_OPTION
def adgangskode(fil: Path, new: bool, show: bool) -> None:
    if new and show:
        raise click.UsageError("skriv enten --ny eller --vis, ikke begge")
    project = options.find_project([fil])
    if (notice := options.where(project)) is not None:
        click.echo(notice)
    file = display_path(fil, project)
    try:
        group, _ = check(options.read_group(fil, file), file)
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    slug = slug_for(fil.stem)
    target = project.root / passphrase_file(slug)
    if show:
        _show(target, slug, fil)
        return
    if target.exists() and not new:
        again = f"{options.command()} adgangskode {shlex.quote(str(fil))}"
        click.echo(f"{passphrase_file(slug)}: adgangskoden findes allerede og bliver ikke skiftet ud.")
        click.echo(f"Se den med:          {again} --vis")
        click.echo(f"Lav en ny (sjældent): {again} --ny")
        return
    store_and_show(project, slug, f"{passphrase_file(slug)}: {'ny ' if new else ''}adgangskode gemt (kun du kan læse filen).")
    if not group.medlemsomraade:
        click.echo("")
        click.echo(f"Husk at skrive 'medlemsområde: ja' i {file}; ellers bruges adgangskoden ikke.")
    if new:
        click.echo("")
        for line in _after_change(slug):
            click.echo(line)


def _show(target: Path, slug: str, fil: Path) -> None:
    """Print the stored passphrase and where else it must go; exit 1 when there is none to show."""
    try:
        data = read_optional(target, passphrase_file(slug))
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    passphrase = data.decode("utf-8", "replace").strip() if data is not None else ""
    if not passphrase:
        make = f"{options.command()} adgangskode {shlex.quote(str(fil))}"
        click.echo(f"{passphrase_file(slug)}: der er ingen adgangskode endnu; lav den med: {make}", err=True)
        sys.exit(1)
    click.echo(f"{passphrase_file(slug)}: adgangskoden til medlemsområdet er:")
    for line in ["", f"  {passphrase}", "", *_how_to_share(slug, passphrase)]:
        click.echo(line)

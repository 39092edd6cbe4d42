"""The `netvaerk` command: the only place that prints."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

import click

from .build import check as check_group
from .errors import GroupError
from .parallel import BUILT, FAILED, build_many
from .pipeline import Project, group_files, prepare, slugs

_CLICK_DA = (
    (r"No such option: (.*)", r"ukendt tilvalg: \1"),
    (r"Missing argument '(.*)'\.", r"mangler argumentet \1."),
    (r"Got unexpected extra arguments? \((.*)\)", r"uventet ekstra argument (\1)"),
    (r"Invalid value for '(.*?)': (.*)", r"ugyldig værdi for \1: \2"),
    (r"Option '(.*)' requires an argument\.", r"tilvalget \1 skal have en værdi."),
    (r"No such command '(.*)'\.", r"ukendt kommando '\1'."),
)


class DanishHelp:
    """Headings of --help in Danish."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Brug: ")

    def format_options(self, ctx, formatter):
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("Tilvalg"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            commands = [(name, cmd.get_short_help_str(60)) for name, cmd in self.commands.items()]
            with formatter.section("Kommandoer"):
                formatter.write_dl(commands)


class Command(DanishHelp, click.Command):
    pass


class Group(DanishHelp, click.Group):
    command_class = Command


CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = click.help_option("-h", "--help", help="Vis denne hjælp og stop.")


def _date(ctx, param, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' er ikke en dato; skriv ÅÅÅÅ-MM-DD") from None


def _report(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@click.group(cls=Group, context_settings=CONTEXT, help="Byg netværksgruppers hjemmesider og kalendere ud fra én YAML-fil pr. gruppe.")
@HELP_OPTION
def cli() -> None:
    pass


@cli.command(help="Byg siderne for grupperne (standard: alle filer i groups/).")
@click.argument("filer", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("site"), show_default=True, help="Mappen, siderne skrives til.")
@click.option("--today", "today", callback=_date, metavar="ÅÅÅÅ-MM-DD", help="Dagens dato (bestemmer det næste møde). Standard: i dag.")
@click.option("--force", is_flag=True, help="Byg alle grupper igen, også dem der ikke er ændret siden sidst.")
@HELP_OPTION
def build(filer: tuple[Path, ...], out: Path, today: dt.date, force: bool) -> None:
    project = Project(Path.cwd())
    paths = list(filer) or group_files(project)
    if not paths:
        click.echo("Der er ingen gruppefiler i groups/.", err=True)
        sys.exit(1)
    try:
        prepare(out, project)
        by_slug = slugs(paths, project)
    except GroupError as exc:
        _report(exc.problems)
        sys.exit(1)
    failed = False
    for outcome in build_many(project, by_slug, out, today, force):
        for message in outcome.messages:
            click.echo(message, err=True)
        if outcome.status == FAILED:
            reason = "intern fejl i netvaerk; meld den gerne" if outcome.internal else "ret fejlene ovenfor"
            click.echo(f"{outcome.file}: ikke bygget ({reason})", err=True)
            failed = True
        elif outcome.status == BUILT:
            click.echo(f"{outcome.file}: {outcome.pages} sider bygget i {outcome.target}/")
        else:
            click.echo(f"{outcome.file}: uændret siden sidst, {outcome.pages} sider i {outcome.target}/")
    sys.exit(1 if failed else 0)


@cli.command(help="Tjek gruppefiler for fejl uden at bygge noget.")
@click.argument("filer", nargs=-1, required=True, type=click.Path(path_type=Path))
@HELP_OPTION
def check(filer: tuple[Path, ...]) -> None:
    project = Project(Path.cwd())
    failed = False
    for path in filer:
        file = display_path(path, project)
        try:
            data = path.read_bytes()
            _, warnings = check_group(data, file)
        except OSError:
            click.echo(f"{file}:1:1: filen findes ikke eller kan ikke læses", err=True)
            failed = True
            continue
        except GroupError as exc:
            _report(exc.problems)
            failed = True
            continue
        _report(warnings)
        click.echo(f"{file}: ingen fejl" + (f" ({len(warnings)} advarsler)" if warnings else ""))
    sys.exit(1 if failed else 0)


def main() -> None:
    # mkdocs-material 9.8 prints an end-of-life banner when run as `mkdocs`; our organisers never run that,
    # and this keeps the banner out of their output however netvaerk is started.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        cli.main(standalone_mode=False, prog_name="netvaerk")
    except click.UsageError as exc:
        message = exc.format_message()
        for pattern, danish in _CLICK_DA:
            message = re.sub(pattern, danish, message)
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage().replace("Usage:", "Brug:"), err=True)
        click.echo(f"Fejl: {message}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Afbrudt.", err=True)
        sys.exit(1)

"""The `netvaerk` command: the only place that prints."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from .build import check as check_group
from .errors import GroupError
from .pipeline import Project, build_group, display_path, group_files, prepare, slugs

_CLICK_DA = (
    (r"No such option: (.*)", r"ukendt tilvalg: \1"),
    (r"No such option '(.*)'\.", r"ukendt tilvalg: \1"),
    (r"Did you mean (.*)\?", r"Mente du \1?"),
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
        opts = [rv for p in self.get_params(ctx) if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("Tilvalg"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            commands = [(name, cmd.get_short_help_str(60)) for name, cmd in self.commands.items()]
            with formatter.section("Kommandoer"):
                formatter.write_dl(commands)


class Command(DanishHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)


class Group(DanishHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TILVALG]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)


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
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("site"), metavar="MAPPE", help="Mappen, siderne skrives til (standard: site).")
@click.option("--today", "today", callback=_date, metavar="ÅÅÅÅ-MM-DD", help="Dagens dato (bestemmer det næste møde). Standard: i dag.")
@HELP_OPTION
def build(filer: tuple[Path, ...], out: Path, today: dt.date) -> None:
    project = Project(Path.cwd())
    paths = list(filer) or group_files(project)
    if not paths:
        click.echo("Der er ingen gruppefiler i groups/.", err=True)
        sys.exit(1)
    failed = False
    try:
        prepare(out, project)
        by_slug = slugs(paths, project)
    except GroupError as exc:
        _report(exc.problems)
        sys.exit(1)
    for slug, path in by_slug.items():
        try:
            built = build_group(project, path, slug, out, today)
        except GroupError as exc:
            _report(exc.problems)
            click.echo(f"{display_path(path, project)}: ikke bygget (ret fejlene ovenfor)", err=True)
            failed = True
            continue
        _report(built.warnings)
        click.echo(f"{built.file}: {built.pages} sider bygget i {display_path(built.target, project)}/")
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


@cli.command(help="Vis en gruppes side på din egen computer; den bygges igen, hver gang du gemmer filen.")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--port", default=8000, metavar="PORT", help="Porten, siden vises på (standard: 8000).")
@click.option("--today", "today", callback=_date, metavar="ÅÅÅÅ-MM-DD", help="Dagens dato (bestemmer det næste møde). Standard: i dag.")
@HELP_OPTION
def serve(fil: Path, port: int, today: dt.date) -> None:
    from mkdocs.livereload import LiveReloadServer

    from .render import TEMPLATE_DIR
    from .writer import preview_folder, remove_preview

    project = Project(Path.cwd())
    try:
        ((slug, path),) = slugs([fil], project).items()
    except GroupError as exc:
        _report(exc.problems)
        sys.exit(1)
    out = preview_folder()

    def rebuild() -> None:
        try:
            built = build_group(project, path, slug, out, today)
        except GroupError as exc:
            _report(exc.problems)
            click.echo("Siden er ikke opdateret; ret fejlene og gem igen.", err=True)
            return
        _report(built.warnings)
        click.echo(f"{built.file}: bygget ({built.pages} sider)")

    rebuild()
    (out / slug).mkdir(exist_ok=True)
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out / slug))
    for watched in (path, TEMPLATE_DIR, project.overrides, project.base_config):
        server.watch(str(watched))
    click.echo(f"Se siden på http://127.0.0.1:{port}/ (stop med Ctrl+C)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        remove_preview(out)


def main() -> None:
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

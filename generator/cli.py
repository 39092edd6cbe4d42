"""The `netvaerk` command: the only place that prints."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys
from pathlib import Path

import click
from pydantic_core import PydanticCustomError

from .build import check_on as check_group
from .errors import GroupError
from . import danish, holidays, planner
from .build import SLUG_RE, slug_for
from .newgroup import group_file, yaml_environment
from .parallel import BUILT, FAILED, build_many
from .overview import Listing
from .pipeline import Project, build_group, display_path, group_files, prepare, publish_overview, slugs
from .planfile import PlannedFile, PlanRequest, plan_file
from .values import name as valid_name
from .writer import create_file, replace_file

_CLICK_DA = (
    (r"No such option: (.*)", r"ukendt tilvalg: \1"),
    (r"No such option '(.*)'\.", r"ukendt tilvalg: \1"),
    (r"Did you mean (.*)\?", r"Mente du \1?"),
    (r"Missing argument '(.*)'\.", r"mangler argumentet \1."),
    (r"Got unexpected extra arguments? \((.*)\)", r"uventet ekstra argument (\1)"),
    (r"Invalid value for '(.*?)': (.*)", r"ugyldig værdi for \1: \2"),
    (r"Option '(.*)' requires an argument\.", r"tilvalget \1 skal have en værdi."),
    (r"No such command '(.*)'\.", r"ukendt kommando '\1'."),
    (r"Missing option '(.*)'\.", r"mangler tilvalget \1."),
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
    up: dict[str, Listing | None] = {}
    # Outcomes come in the order of by_slug.
    for slug, outcome in zip(by_slug, build_many(project, by_slug, out, today, force)):
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
        if outcome.status != FAILED:
            up[slug] = outcome.listing
    if not filer and not failed:
        # The list of groups, when all of groups/ was built; after a failure the previous list stays,
        # like the failed group's previous site.
        publish_overview(out, up)
    sys.exit(1 if failed else 0)


@cli.command(help="Tjek gruppefiler for fejl uden at bygge noget.")
@click.argument("filer", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--today", "today", callback=_date, metavar="ÅÅÅÅ-MM-DD", help="Dagens dato (til mødepakkens råd om planlægning). Standard: i dag.")
@HELP_OPTION
def check(filer: tuple[Path, ...], today: dt.date) -> None:
    project = Project(Path.cwd())
    failed = False
    for path in filer:
        file = display_path(path, project)
        try:
            data = path.read_bytes()
            _, warnings = check_group(data, file, today)
        except OSError:
            click.echo(f"{file}:1:1: filen findes ikke eller kan ikke læses", err=True)
            failed = True
            continue
        except GroupError as exc:
            _report(exc.problems)
            failed = True
            continue
        _report(warnings)
        click.echo(f"{file}: ingen fejl" + (f" ({len(warnings)} {'advarsel' if len(warnings) == 1 else 'advarsler'})" if warnings else ""))
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


# --- netvaerk new --------------------------------------------------------------


def _valid_name(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return valid_name(value)
    except PydanticCustomError as exc:
        raise click.BadParameter(exc.message()) from None


def _group_name(ctx, param, value: str) -> str:
    value = _valid_name(ctx, param, value)
    if not SLUG_RE.match(slug_for(value)):
        raise click.BadParameter("navnet giver ikke en brugbar filadresse; brug bogstaver og tal")
    return value


@cli.command(
    "new",
    options_metavar="[TILVALG]",
    short_help="Opret en ny gruppefil i groups/ ud fra gruppens navn.",
    help=(
        "Opret en ny gruppefil i groups/ ud fra gruppens navn, fx netvaerk new \"Familieplejere i Aarhus Vest\". "
        "Filen har en forklaring til hvert felt, mødepakkens forslag til aftaler og et første og andet møde, "
        "som du retter til. En fil, der findes i forvejen, bliver aldrig overskrevet."
    ),
)
@click.argument("navn", callback=_group_name)
@click.option("--arrangør", "organiser", callback=_valid_name, metavar="NAVN", help="Dit navn (arrangøren). Kan også skrives i filen bagefter.")
@click.option("--by", "city", callback=_valid_name, metavar="BY", help="Byen eller området, gruppen hører til.")
@click.option("--today", "today", callback=_date, metavar="ÅÅÅÅ-MM-DD", help="Dagens dato (de første møder lægges ud fra den). Standard: i dag.")
@HELP_OPTION
def new(navn: str, organiser: str | None, city: str | None, today: dt.date) -> None:
    slug = slug_for(navn)
    path = Path("groups") / f"{slug}.yaml"
    text = group_file(yaml_environment(), navn, slug, today, city, organiser)
    try:
        create_file(path, text.encode("utf-8"))
    except FileExistsError:
        click.echo(f"{path}: findes allerede; ret den fil, der er, eller vælg et andet navn", err=True)
        sys.exit(1)
    click.echo(f"{path}: oprettet.")
    click.echo("Næste skridt:")
    click.echo("  1. Ret filen: dit navn, medlemmerne og mødestedet (kommentarerne i filen forklarer hvert felt).")
    click.echo(f"  2. Tjek den:      netvaerk check {path}")
    click.echo(f"  3. Planlæg møder: netvaerk plan {path} --fra ÅÅÅÅ-MM-DD --hver \"2. tirsdag\" --antal 6")
    click.echo("  4. Byg siden:     netvaerk build")


# --- netvaerk plan -----------------------------------------------------------


def _missing(param, example: str) -> click.UsageError:
    return click.UsageError(f"tilvalget {param.opts[0]} mangler; skriv fx {param.opts[0]} {example}")


def _required_date(ctx, param, value: str | None) -> dt.date:
    if value is None:
        raise _missing(param, "2027-08-10")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' er ikke en dato; skriv ÅÅÅÅ-MM-DD") from None


def _recurrence(ctx, param, value: str | None) -> planner.Recurrence:
    if value is None:
        raise _missing(param, '"2. tirsdag"')
    try:
        return planner.parse_recurrence(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _count(ctx, param, value: str | None) -> int:
    if value is None:
        raise _missing(param, "6")
    if not value.isdigit() or not 1 <= int(value) <= planner.MAX_MEETINGS:
        raise click.BadParameter(f"'{value}' skal være et antal møder fra 1 til {planner.MAX_MEETINGS}")
    return int(value)


def _start(ctx, param, value: str | None) -> dt.time | None:
    if value is None:
        return None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise click.BadParameter(f"'{value}' er ikke et klokkeslæt; skriv TT:MM, fx 18:00")
    return dt.time(int(match[1]), int(match[2]))


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


@cli.command(
    options_metavar="[TILVALG]",
    short_help="Planlæg de næste møder og skriv dem i gruppefilen.",
    help=(
        "Planlæg gruppens næste møder og skriv dem sidst i gruppefilen: samme starttid som altid, "
        "temaer fra temakataloget i rækkefølge, ordstyrer og referent på skift og et evalueringsmøde, "
        "når gruppen har mødtes i et halvt år. Resten af filen bliver, som den er. "
        + holidays.RULE
    ),
)
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--fra", "first", callback=_required_date, metavar="ÅÅÅÅ-MM-DD", help="Første mulige mødedato.")
@click.option("--hver", "rule", callback=_recurrence, metavar="TEKST", help=f"Hvor tit I mødes: {planner.FORMS}.")
@click.option("--antal", "count", callback=_count, metavar="TAL", help="Hvor mange møder der skal planlægges.")
@click.option("--start", "start", callback=_start, metavar="TT:MM", help="Starttidspunkt. Standard: det, gruppen plejer.")
@click.option("--sted", "place", metavar="TEKST", help="Mødested. Standard: der, hvor gruppen plejer at mødes.")
@click.option("--ja", "yes", is_flag=True, help="Gem ændringerne uden at spørge først.")
@HELP_OPTION
def plan(fil: Path, first: dt.date, rule: planner.Recurrence, count: int, start, place: str | None, yes: bool) -> None:
    project = Project(Path.cwd())
    file = display_path(fil, project)
    try:
        data = fil.read_bytes()
    except OSError:
        click.echo(f"{file}:1:1: filen findes ikke eller kan ikke læses", err=True)
        sys.exit(1)
    try:
        planned = plan_file(data, file, PlanRequest(first, rule, count, start, " ".join(place.split()) if place else None))
    except GroupError as exc:
        _report(exc.problems)
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
    replace_file(fil, planned.data)
    click.echo(f"{file}: {len(planned.plan.meetings)} møder tilføjet. Byg siden igen med: netvaerk build")


def main() -> None:
    # mkdocs-material 9.8 prints an end-of-life banner when run as `mkdocs`; our organisers never run that,
    # and this keeps the banner out of their output however netvaerk is started.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Everything imported so far lives until the process ends. Moving it out of the garbage collector's
    # reach spares every collection during the build (and the one at exit) from walking it again:
    # 40–80 ms of a 0.7 s one-group build (bench/bench.py). Reference counting still frees them as usual.
    gc.freeze()
    try:
        cli.main(standalone_mode=False, prog_name="netvaerk")
    except click.UsageError as exc:
        message = exc.format_message()
        for pattern, replacement in _CLICK_DA:
            message = re.sub(pattern, replacement, message)
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage().replace("Usage:", "Brug:"), err=True)
        click.echo(f"Fejl: {message}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Afbrudt.", err=True)
        sys.exit(1)

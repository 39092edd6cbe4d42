"""`netvaerk serve`: show one group's site locally and rebuild it whenever its file is saved."""

from __future__ import annotations

import datetime as dt
import errno
import os
import signal
import sys
from pathlib import Path

import click

from ..builder import engine
from ..builder.pipeline import build_group, plan, start
from ..builder.project import display_path, slugs
from ..errors import GroupError
from ..files import reason
from ..site.render import TEMPLATE_DIR
from . import options
from .texts import HELP_OPTION, Command

USAGE = 2  # the exit code of wrong use, a busy port included (README: "Afslutningskoder")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _port(ctx, param, value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise click.BadParameter(f"'{value}' er ikke et portnummer; skriv et tal fra 0 til 65535, fx 8000")
    return int(value)


def _port_problem(exc: OSError, port: int) -> str:
    """Why the preview cannot listen on `port`, and what to do instead."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"porten {port} er optaget, måske af en anden netvaerk serve, der stadig kører; stop den med Ctrl+C, "
            f"eller vælg en anden port, fx --port {port + 1 if 0 < port < 65535 else 8001} (eller --port 0 for en ledig)"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"porten {port} må kun bruges af systemet; vælg en port over 1023, fx --port 8000"
    return f"siden kan ikke vises på porten {port} ({reason(exc)}); vælg en anden port, fx --port 0 for en ledig"


@click.command(cls=Command, help="Vis en gruppes side på din egen computer; den bygges igen, hver gang du gemmer filen.")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--port", default="8000", callback=_port, metavar="PORT", help="Porten, siden vises på (standard: 8000; 0 vælger en ledig port).")
@options.today("Dagens dato (bestemmer det næste møde). Standard: i dag.")
@HELP_OPTION
def serve(fil: Path, port: int, today: dt.date) -> None:
    from ..builder.publish import preview_folder, remove_preview

    project = options.find_project([fil])
    if (notice := options.where(project)) is not None:
        click.echo(notice)
    chosen = engine.choose(os.environ)
    if chosen.note is not None:
        click.echo(chosen.note, err=True)
    try:
        ((slug, path),) = slugs([fil], project).items()
        options.read_group(fil, display_path(fil, project))  # one that cannot be read at all stops here
        options.can_build(project)
        out = preview_folder(project)
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    # Stopped by the system (SIGTERM) as by Ctrl+C: the preview folder and its notes are removed either way.
    previous = signal.signal(signal.SIGTERM, _interrupt)

    def rebuild() -> None:
        # From the start each time: an edited stylesheet or template in overrides/ shows too.
        try:
            run = start(project, out, today, chosen)
            (job,) = plan(run, {slug: path}, force=True)
            built = build_group(run, job)
        except GroupError as exc:
            options.report(exc.problems)
            click.echo("Siden er ikke opdateret; ret fejlene og gem igen.", err=True)
            return
        for message in built.messages:
            click.echo(options.as_typed(message), err=True)
        click.echo(f"{built.file}: bygget ({built.pages} sider)")

    try:
        # The whole preview folder is served, as a host serves site/: the pages load the files the groups
        # share from ../_tema/ (rebuilt with the group, so an edited stylesheet shows too).
        server = engine.preview_server(rebuild, port, out)
        try:
            # The port first: when it is taken, the organiser hears so at once, before a build.
            server.server_bind()
            server.server_activate()
        except OSError as exc:
            server.server_close()
            click.echo(f"Fejl: {_port_problem(exc, port)}", err=True)
            sys.exit(USAGE)
        rebuild()
        (out / slug).mkdir(exist_ok=True)
        for watched in (path, TEMPLATE_DIR, project.overrides, project.base_config):
            server.watch(str(watched))
        click.echo(f"Se siden på http://127.0.0.1:{server.server_port}/{slug}/ (stop med Ctrl+C)")
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        remove_preview(out, project)
        signal.signal(signal.SIGTERM, previous)

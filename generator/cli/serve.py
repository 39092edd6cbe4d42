"""`netvaerk serve`: show one group's site locally and rebuild it whenever its file is saved."""

from __future__ import annotations

import datetime as dt
import signal
import sys
from pathlib import Path

import click

from ..builder.pipeline import build_group
from ..builder.project import Project, slugs
from ..errors import GroupError
from ..site.render import TEMPLATE_DIR
from . import options
from .texts import HELP_OPTION, Command


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command(cls=Command, help="Vis en gruppes side på din egen computer; den bygges igen, hver gang du gemmer filen.")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--port", default=8000, metavar="PORT", help="Porten, siden vises på (standard: 8000; 0 vælger en ledig port).")
@options.today("Dagens dato (bestemmer det næste møde). Standard: i dag.")
@HELP_OPTION
def serve(fil: Path, port: int, today: dt.date) -> None:
    from mkdocs.livereload import LiveReloadServer

    from ..builder.publish import preview_folder, remove_preview

    class Server(LiveReloadServer):
        """Binds and listens once, before serving, so the address (also with --port 0) can be shown first
        and already takes connections when it is shown."""

        bound = listening = False

        def server_bind(self) -> None:
            if not self.bound:
                super().server_bind()
                self.bound = True

        def server_activate(self) -> None:
            if not self.listening:
                super().server_activate()
                self.listening = True

    project = Project(Path.cwd())
    try:
        ((slug, path),) = slugs([fil], project).items()
        out = preview_folder(project)
    except GroupError as exc:
        options.report(exc.problems)
        sys.exit(1)
    # Stopped by the system (SIGTERM) as by Ctrl+C: the preview folder and its notes are removed either way.
    previous = signal.signal(signal.SIGTERM, _interrupt)

    def rebuild() -> None:
        try:
            built = build_group(project, path, slug, out, today)
        except GroupError as exc:
            options.report(exc.problems)
            click.echo("Siden er ikke opdateret; ret fejlene og gem igen.", err=True)
            return
        options.report(built.warnings)
        click.echo(f"{built.file}: bygget ({built.pages} sider)")

    try:
        rebuild()
        (out / slug).mkdir(exist_ok=True)
        # The whole preview folder is served, as a host serves site/: the pages load the files the groups
        # share from ../_tema/ (rebuilt with the group, so an edited stylesheet shows too).
        server = Server(builder=rebuild, host="127.0.0.1", port=port, root=str(out))
        for watched in (path, TEMPLATE_DIR, project.overrides, project.base_config):
            server.watch(str(watched))
        server.server_bind()
        server.server_activate()
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

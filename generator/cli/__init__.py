"""The `netvaerk` command: one module per subcommand; the only package that prints."""

from __future__ import annotations

import gc
import os
import sys

import click

from . import adgangskode, build, check, new, plan, serve
from .texts import CONTEXT, HELP_OPTION, Group, usage_error


@click.group(cls=Group, context_settings=CONTEXT, help="Byg netværksgruppers hjemmesider og kalendere ud fra én YAML-fil pr. gruppe.")
@HELP_OPTION
def cli() -> None:
    pass


for command in (build.build, check.check, serve.serve, new.new, plan.plan, adgangskode.adgangskode):
    cli.add_command(command)


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
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage().replace("Usage:", "Brug:"), err=True)
        click.echo(f"Fejl: {usage_error(exc)}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Afbrudt.", err=True)
        sys.exit(1)

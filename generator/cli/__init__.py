"""The `netvaerk` command: one module per subcommand; the only package that prints."""

from __future__ import annotations

import gc
import os
import sys

import click

from ..errors import GroupError
from . import adgangskode, build, check, new, plan, serve
from .crash import CRASHED, crash_report
from .options import WrongFolder, report
from .texts import CONTEXT, HELP_OPTION, Group, usage_error

# Exit codes (README: "Afslutningskoder"): 0 all went well, 1 a group file has errors or cannot be read,
# 2 the command was used wrongly (an option, the folder it was started in, a busy port), 3 a bug in netvaerk.
USAGE = 2


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
    except click.exceptions.NoArgsIsHelpError as exc:
        # `netvaerk` alone: the help, once (it starts with the usage line).
        click.echo(exc.ctx.get_help(), err=True)
        sys.exit(USAGE)
    except WrongFolder as exc:
        click.echo(f"Fejl: {exc.format_message()}", err=True)
        sys.exit(USAGE)
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Fejl: {usage_error(exc)}", err=True)
        sys.exit(USAGE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Afbrudt.", err=True)
        sys.exit(1)
    except GroupError as exc:  # every command reports its own; this is the net under them
        report(exc.problems)
        sys.exit(1)
    except Exception:  # noqa: BLE001 - a bug: one short Danish line, the details in a file
        click.echo(crash_report(sys.argv), err=True)
        sys.exit(CRASHED)

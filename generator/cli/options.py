"""Options and arguments shared by several commands, each defined once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from pydantic_core import PydanticCustomError

from ..errors import Problem
from ..model import values


def _parsed(parse, value: str):
    """A value parsed by the group file's own rules; their Danish message becomes click's."""
    try:
        return parse(value)
    except PydanticCustomError as exc:
        raise click.BadParameter(exc.message()) from None


def _today(ctx, param, value: str | None) -> dt.date:
    # The only place the real date comes in: everything below takes "today" as an input.
    return dt.date.today() if value is None else _parsed(values.date, value)


def today(help: str):
    """--today ÅÅÅÅ-MM-DD, defaulting to the machine's date."""
    return click.option("--today", "today", callback=_today, metavar="ÅÅÅÅ-MM-DD", help=help)


def missing(param, example: str) -> click.UsageError:
    return click.UsageError(f"tilvalget {param.opts[0]} mangler; skriv fx {param.opts[0]} {example}")


def required_date(ctx, param, value: str | None) -> dt.date:
    if value is None:
        raise missing(param, "2027-08-10")
    return _parsed(values.date, value)


def optional_time(ctx, param, value: str | None) -> dt.time | None:
    return None if value is None else _parsed(values.time, value)


def valid_name(ctx, param, value: str | None) -> str | None:
    return None if value is None else _parsed(values.name, value)


def report(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Each problem on its own line, on stderr."""
    for problem in problems:
        click.echo(str(problem), err=True)


FILES = click.argument("filer", nargs=-1, type=click.Path(path_type=Path))

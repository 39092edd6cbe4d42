"""Run the `netvaerk` command in-process, as a user would, and capture exactly what it prints."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run(args: list[str], cwd: Path, input: str | None = None) -> Ran:
    """`netvaerk ARGS` in `cwd`, with `input` on stdin; exit code, stdout and stderr."""
    saved_argv, saved_cwd = sys.argv, os.getcwd()
    sys.argv = ["netvaerk", *args]
    os.chdir(cwd)
    code = 0
    try:
        with CliRunner().isolation(input=input) as (out, err, _):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            return Ran(code, out.getvalue().decode(), err.getvalue().decode())
    finally:
        sys.argv = saved_argv
        os.chdir(saved_cwd)

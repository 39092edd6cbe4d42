"""Run the `netvaerk` command in-process, as a user would, and capture exactly what it prints.

This is how the tests call the command: through `generator.cli.main`, the real entry point, so they see
its Danish usage errors and its exit codes (0, 1, 2). A test starts a separate process only where that
process is the point (`netvaerk serve`, the end-of-life banner under the name `mkdocs`), and says so.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.builder.visibility import CI_VARIABLES
from generator.cli import main


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run(args: list[str], cwd: Path, input: str | None = None, ci: dict[str, str] | None = None) -> Ran:
    """`netvaerk ARGS` in `cwd`, with `input` on stdin; exit code, stdout and stderr. It runs as on the
    organiser's own machine (the variables that tell a CI apart are left out, even when the tests run in one),
    unless a test gives them as `ci`; a NETVAERK_KILDER_OFFENTLIGE the test has set stays."""
    saved_argv, saved_cwd, saved_env = sys.argv, os.getcwd(), dict(os.environ)
    for name in CI_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(ci or {})
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
        # main() sets NO_MKDOCS_2_WARNING and freezes the collector for the rest of its (normally short) process.
        os.environ.clear()
        os.environ.update(saved_env)
        gc.unfreeze()

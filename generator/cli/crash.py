"""A bug in netvaerk: the traceback goes to a file, and the organiser reads one short Danish line saying where."""

from __future__ import annotations

import platform
import tempfile
import traceback
from importlib import metadata

CRASHED = 3  # the exit code of a bug in netvaerk (README: "Afslutningskoder")


def _version() -> str:
    try:
        return metadata.version("netvaerk")
    except metadata.PackageNotFoundError:
        return "ukendt"


def write_details(argv: list[str], details: str) -> str | None:
    """Write the command line, the versions and `details` (a traceback) to a new file in the system's temporary
    folder; its path, or None when even that cannot be written."""
    text = (
        f"netvaerk {_version()}, Python {platform.python_version()} på {platform.platform()}\n"
        f"Kommando: {' '.join(argv)}\n\n{details.rstrip()}\n"
    )
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="netvaerk-fejl-", suffix=".txt", delete=False) as handle:
            handle.write(text)
            return handle.name
    except OSError:
        return None


def crash_line(path: str | None) -> str:
    """What the organiser reads when netvaerk itself failed."""
    where = (
        f"Detaljerne står i {path}; send gerne den fil med, når du melder fejlen."
        if path
        else "Detaljerne kunne ikke gemmes i en fil."
    )
    return f"Fejl i netvaerk selv (ikke i din gruppefil): kommandoen stoppede uventet. {where}"


def crash_report(argv: list[str]) -> str:
    """The line to print for the exception being handled, after writing its traceback to a file."""
    return crash_line(write_details(argv, traceback.format_exc()))



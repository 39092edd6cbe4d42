"""Problems found in a group file, and the one exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, located in a file (lines and columns count from 1)."""

    file: str
    line: int
    col: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        kind = " advarsel:" if self.warning else ""
        return f"{where}:{field}{kind} {self.message}"


class NetvaerkError(Exception):
    """Base of every expected failure; anything else reaching the CLI is a bug."""


class GroupError(NetvaerkError):
    """Expected failure: the group file (or the build) has problems the user must fix."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class FileExists(GroupError):
    """A file that must be new is already there; netvaerk never overwrites it."""


class PlanError(NetvaerkError):
    """The plan cannot be made; `field` is the part of the group file (or an option) to fix.

    `netvaerk plan` turns it into a Problem pointing at that field."""

    def __init__(self, field: tuple, message: str):
        self.field = field
        self.message = message
        super().__init__(message)

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


class GroupError(Exception):
    """Expected failure: the group file (or the build) has problems the user must fix."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

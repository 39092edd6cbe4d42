"""A group's address on the site: its file name folded to lowercase letters, digits and hyphens."""

from __future__ import annotations

import re

from .suggest import fold

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slug_for(stem: str) -> str:
    """'Nordsjælland' -> 'nordsjaelland': lowercase letters, digits and hyphens."""
    folded = fold(stem).replace(" ", "-")
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", folded)).strip("-")

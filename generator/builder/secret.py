"""Where a group's passphrase is kept: never in the group file, never in git."""

from __future__ import annotations


def passphrase_variable(slug: str) -> str:
    """The environment variable that holds a group's passphrase: 'skjult-gruppe' -> NETVAERK_ADGANGSKODE_SKJULT_GRUPPE."""
    return "NETVAERK_ADGANGSKODE_" + slug.upper().replace("-", "_")



def passphrase_file(slug: str) -> str:
    """Where `netvaerk adgangskode` keeps it, relative to the project (git-ignored)."""
    return f"private/{slug}.adgangskode"

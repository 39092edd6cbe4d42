"""Where a group's passphrase is kept: never in the group file, never in git."""

from __future__ import annotations

from collections.abc import Mapping


def passphrase_variable(slug: str) -> str:
    """The environment variable that holds a group's passphrase: 'skjult-gruppe' -> NETVAERK_ADGANGSKODE_SKJULT_GRUPPE."""
    return "NETVAERK_ADGANGSKODE_" + slug.upper().replace("-", "_")



def passphrase_file(slug: str) -> str:
    """Where `netvaerk adgangskode` keeps it, relative to the project (git-ignored)."""
    return f"private/{slug}.adgangskode"


# Where a CI's log tells the organiser to paste a passphrase, by the CI the build runs in.
PASTE_HERE = {
    "gitlab": "Settings › CI/CD › Variables › Add variable (vælg Masked)",
    "github": "Settings › Secrets and variables › Actions › New repository secret",
}


def ci_host(environ: Mapping[str, str]) -> str | None:
    """The CI the build runs in, as its own variables say: 'gitlab', 'github', 'ci' (another), or None (none)."""
    if environ.get("GITLAB_CI") == "true":
        return "gitlab"
    if environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "ci" if environ.get("CI", "").strip().lower() in ("true", "1", "yes") else None

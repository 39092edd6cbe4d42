"""Where a group's passphrase is kept: never in the group file, never in git."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from ..safety.passphrase import WORD_LIST, masked_form, new_passphrase, words


def passphrase_variable(slug: str) -> str:
    """The environment variable that holds a group's passphrase: 'skjult-gruppe' -> NETVAERK_ADGANGSKODE_SKJULT_GRUPPE."""
    return "NETVAERK_ADGANGSKODE_" + slug.upper().replace("-", "_")


# Set by the publishing workflows when the repository (and so every group file in it) can be read by anyone.
PUBLIC_SOURCES = "NETVAERK_KILDER_OFFENTLIGE"


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


def sources_known_private(environ: Mapping[str, str]) -> bool:
    """The publishing workflow says the repository is private, and nothing says otherwise: GitLab's
    CI_PROJECT_VISIBILITY is 'private' ('internal' is not), or NETVAERK_KILDER_OFFENTLIGE=nej (set by the
    shipped workflows). Only then may a CI log show a new passphrase: a public project's log is public. (Whether
    a members' area may be built at all is builder/inputs.py's to decide.)"""
    visibility = environ.get("CI_PROJECT_VISIBILITY")
    declared = environ.get(PUBLIC_SOURCES, "").strip().lower()
    said_private = visibility == "private" or declared in ("nej", "0", "false")
    said_public = (visibility is not None and visibility != "private") or declared in ("ja", "1", "true")
    return said_private and not said_public


def passphrase_offer(environ: Mapping[str, str]) -> str | None:
    """A new passphrase for a CI log to offer when a members' area has none, with full stops between the words
    (GitLab's masked variables take no spaces and at least 8 characters; the lock reads either): only in CI and
    only when the sources are known to be private, so only the project's members can read the log. None elsewhere."""
    if ci_host(environ) is None or not sources_known_private(environ):
        return None
    return masked_form(new_passphrase(words(WORD_LIST.read_text(encoding="utf-8")), secrets.choice))

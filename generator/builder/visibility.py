"""Whether the group files can be read by anyone: a members' area is built only from sources known to be private."""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import Enum

# Set by hand (or by a CI file) on a host that cannot tell by itself: "nej" when only the group's trusted people
# can read the repository, "ja" when anyone can.
PUBLIC_SOURCES = "NETVAERK_KILDER_OFFENTLIGE"
_YES = frozenset({"ja", "j", "yes", "y", "true", "1", "offentlig", "offentlige", "public"})
_NO = frozenset({"nej", "n", "no", "false", "0", "privat", "private"})

# The variables by which a CI tells what it is (named here, so the tests can build as on an organiser's own
# machine whatever CI they run in).
CI_VARIABLES = ("CI", "GITLAB_CI", "CI_PROJECT_VISIBILITY", "GITHUB_ACTIONS", "GITHUB_EVENT_PATH", "NETLIFY")


class Visibility(Enum):
    PRIVATE = "privat"  # only the group's trusted people can read the group files (or the build runs on their machine)
    PUBLIC = "offentlig"  # anyone can: no members' area may be built from them
    UNKNOWN = "ukendt"  # a CI that says nothing either way: refused, like public, with what to set


def _github_private(environ: Mapping[str, str]) -> bool | None:
    """GitHub Actions' own answer: the event's `repository.private` (the event file every run has)."""
    path = environ.get("GITHUB_EVENT_PATH", "")
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as file:
            value = json.load(file).get("repository", {}).get("private")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, bool) else None


def visibility(environ: Mapping[str, str]) -> Visibility:
    """What the build knows about who can read its sources. Every answer that is there counts, and one "public"
    is enough (it fails closed): the explicit variable, GitLab's CI_PROJECT_VISIBILITY ("internal" is readable by
    every logged-in user, so not private), GitHub's repository.private. A CI that gives no answer is UNKNOWN;
    outside CI (the organiser's own machine) the files are taken to be private."""
    answers: list[bool] = []  # True: public
    explicit = environ.get(PUBLIC_SOURCES)
    if explicit is not None:
        word = explicit.strip().lower()
        answers.append(word not in _NO)  # an unknown word is not a "no"
    gitlab = environ.get("CI_PROJECT_VISIBILITY")
    if gitlab is not None:
        answers.append(gitlab.strip().lower() != "private")
    if environ.get("GITHUB_ACTIONS", "").lower() == "true":
        private = _github_private(environ)
        if private is not None:
            answers.append(not private)
    if any(answers):
        return Visibility.PUBLIC
    if answers:
        return Visibility.PRIVATE
    in_ci = any(environ.get(name, "").strip().lower() not in ("", "false", "0") for name in ("CI", "GITLAB_CI", "GITHUB_ACTIONS", "NETLIFY"))
    return Visibility.UNKNOWN if in_ci else Visibility.PRIVATE


def known_word(environ: Mapping[str, str]) -> bool:
    """False when NETVAERK_KILDER_OFFENTLIGE holds a word that is neither yes nor no (it then counts as public)."""
    word = environ.get(PUBLIC_SOURCES)
    return word is None or word.strip().lower() in _YES | _NO

"""A members' area is built only from sources known to be private: every host's answer counts, one "public" is
enough, and a CI that says nothing is refused (issue: the public-repository check failed open)."""

from __future__ import annotations

import json

import pytest

from clirun import run
from conftest import CONTRACT, copy_project
from generator.builder.visibility import Visibility, visibility
from test_members import MEMBERS, PASSPHRASE

P, PUB, U = Visibility.PRIVATE, Visibility.PUBLIC, Visibility.UNKNOWN


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, P),  # the organiser's own machine
        ({"CI": "true"}, U),  # a CI that says nothing
        ({"NETLIFY": "true"}, U),
        ({"CI": "true", "NETVAERK_KILDER_OFFENTLIGE": "nej"}, P),
        ({"CI": "true", "NETVAERK_KILDER_OFFENTLIGE": " Nej "}, P),
        ({"NETVAERK_KILDER_OFFENTLIGE": "ja"}, PUB),
        ({"NETVAERK_KILDER_OFFENTLIGE": "yes"}, PUB),  # counted as private before
        ({"NETVAERK_KILDER_OFFENTLIGE": "offentlig"}, PUB),  # counted as private before
        ({"NETVAERK_KILDER_OFFENTLIGE": "måske"}, PUB),  # a word that is not a no
        ({"NETVAERK_KILDER_OFFENTLIGE": ""}, PUB),
        ({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "private"}, P),
        ({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "internal"}, PUB),  # every logged-in user can read it
        ({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "public"}, PUB),
        ({"CI": "true", "CI_PROJECT_VISIBILITY": "private", "NETVAERK_KILDER_OFFENTLIGE": "ja"}, PUB),  # one "public" is enough
        ({"CI": "true", "CI_PROJECT_VISIBILITY": "public", "NETVAERK_KILDER_OFFENTLIGE": "nej"}, PUB),
        ({"CI": "false"}, P),
    ],
)
def test_who_can_read_the_sources(environ, expected):
    assert visibility(environ) is expected


@pytest.mark.parametrize(("private", "expected"), [(True, P), (False, PUB), (None, U)])
def test_github_tells_by_its_event_file(tmp_path, private, expected):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"repository": {"private": private}} if private is not None else {"schedule": "17 4 * * *"}))
    assert visibility({"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(event)}) is expected
    assert visibility({"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(tmp_path / "missing.json")}) is U


def _members_project(tmp_path):
    return copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes(), "nordsjaelland.yaml": CONTRACT.read_bytes()})


def test_a_ci_that_says_nothing_publishes_no_members_area(tmp_path):
    root = _members_project(tmp_path)
    ran = run(["build", "--today", "2026-11-26"], root, ci={"CI": "true", "NETVAERK_ADGANGSKODE_LUKKET": PASSPHRASE})
    assert ran.code == 1
    assert ran.err.startswith(
        "groups/lukket.yaml:1:1: medlemsområde: gruppen har et medlemsområde, men bygningen kan ikke se, om andre end "
        "gruppen kan læse gruppefilen. Er repositoryet privat, så sæt variablen NETVAERK_KILDER_OFFENTLIGE til nej i "
        "indstillingerne for bygningen (på GitLab og GitHub ses det af sig selv). Intet er lagt ud\n"
    )
    assert not (root / "site" / "lukket").exists() and (root / "site" / "nordsjaelland" / "index.html").exists()


@pytest.mark.parametrize("word", ["yes", "offentlig", "1"])
def test_any_word_but_no_means_public(tmp_path, word):
    root = _members_project(tmp_path)
    ran = run(["build", "--today", "2026-11-26"], root, ci={"NETVAERK_KILDER_OFFENTLIGE": word, "NETVAERK_ADGANGSKODE_LUKKET": PASSPHRASE})
    assert ran.code == 1
    assert "den bygges fra et offentligt repository" in ran.err
    assert not (root / "site" / "lukket").exists()


def test_gitlab_internal_is_not_private_and_private_builds(tmp_path):
    root = _members_project(tmp_path)
    gitlab = {"CI": "true", "GITLAB_CI": "true", "NETVAERK_ADGANGSKODE_LUKKET": PASSPHRASE}
    ran = run(["build", "--today", "2026-11-26"], root, ci={**gitlab, "CI_PROJECT_VISIBILITY": "internal"})
    assert ran.code == 1 and "offentligt repository" in ran.err
    ran = run(["build", "--today", "2026-11-26"], root, ci={**gitlab, "CI_PROJECT_VISIBILITY": "private"})
    assert ran.code == 0, ran.err
    assert (root / "site" / "lukket" / "index.html").exists()

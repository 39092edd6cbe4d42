"""The README documents the organiser's commands, the editor schema line and the hosting choices."""

from __future__ import annotations

import re

from conftest import ROOT
from generator.cli import cli
from generator.model.schema import SCHEMA_COMMENT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    assert README.startswith("# netvaerk\n\n```sh\nmake site   # ")
    assert "\nmake test   # " in README.split("```", 2)[1]


def test_every_command_is_in_the_readme_with_danish_help():
    for name, command in cli.commands.items():
        assert f"netvaerk {name}" in README, name
        assert command.help and command.help.split()[0] not in ("Build", "Check", "Create", "Plan", "Serve", "Show")


def test_readme_explains_editor_help_hosting_and_privacy():
    for expected in (
        SCHEMA_COMMENT,
        "Create blank project",
        "Pipeline schedules",
        "Download artifacts",
        "Settings** › **CI/CD** › **Variables",
        "GitHub Actions",
        "GitLab Pages",
        "Netlify",
        "mappen `site/` er alt",
        "private/<gruppe>-kontaktliste.html",
        "historikken er offentlig",
        "i oversigt: nej",
    ):
        assert expected in README, expected


def test_readme_and_developing_link_only_inside_the_repository():
    """A copy of the repository (a template, a zip) must not point at files it does not hold."""
    for name in ("README.md", "DEVELOPING.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)]+)\)", text):
            if "://" not in target:
                assert (ROOT / target.split("#")[0]).exists(), f"{name}: {target}"
        assert "../shared" not in text, name  # the workplace's notes beside the repository


def test_the_command_table_shows_each_command_as_typed_with_its_options():
    """Typed as the table shows it, in the project folder after `make site`, each command runs (`netvaerk` alone is on
    no PATH there), and every option of the command is in its row."""
    rows = {m[1]: m[0] for m in re.finditer(r"^\| `\.venv/bin/netvaerk (\w+)[^|]*\|.*$", README, re.MULTILINE)}
    assert set(rows) == set(cli.commands)
    for name, command in cli.commands.items():
        for param in command.params:
            for option in param.opts if param.param_type_name == "option" else ():
                if option.startswith("--") and option != "--help":
                    assert option in rows[name], (name, option)

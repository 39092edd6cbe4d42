"""The GitHub Actions workflow that builds every group and publishes to GitHub Pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "udgiv.yml"


def _workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def _step(name: str) -> dict:
    return next(s for s in _workflow()["jobs"]["build"]["steps"] if s.get("name") == name)


def test_workflow_matches_githubs_published_schema():
    checker = Path(sys.executable).parent / "check-jsonschema"
    ran = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "ok -- validation done" in ran.stdout


def test_workflow_shape():
    flow = _workflow()
    assert flow["on"]["push"] == {"branches": ["main"]}
    assert flow["permissions"] == {"contents": "read"}
    build = flow["jobs"]["build"]
    assert build["env"]["TZ"] == "Europe/Copenhagen"
    assert _step("Byg alle grupper")["run"].splitlines()[-1] == "make site"  # the README's command
    assert _step("Pak siderne")["with"]["path"] == "site"  # netvaerk build's default --out
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s["uses"].split("@")[0] for job in flow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert uses == [
        "actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/configure-pages", "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]


def test_the_workflow_only_reads_the_repository():
    """No state is committed back: the build job can only read, and no step runs git to write."""
    flow = _workflow()
    assert flow["permissions"] == {"contents": "read"}
    assert flow["jobs"]["build"].get("permissions") is None
    steps = flow["jobs"]["build"]["steps"]
    assert not any("git push" in s.get("run", "") or "git commit" in s.get("run", "") for s in steps)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}  # the whole history, no token kept
    kept = _step("Gem medlemmernes filer")
    assert kept["if"] == "github.event.repository.private == true" and kept["with"]["path"] == "private/"


def _exports(secrets: dict[str, str], visibility: bool | None) -> dict[str, str]:
    """What the build step hands `make site`, with GitHub's secrets and the repository's visibility filled in."""
    step = _step("Byg alle grupper")
    run = step["run"].replace("make site", "env")
    private = step["env"]["NETVAERK_KILDER_OFFENTLIGE"]
    assert private == "${{ github.event.repository.private == true && 'nej' || 'ja' }}"
    env = {"PATH": os.environ["PATH"], "HEMMELIGHEDER": json.dumps(secrets), "NETVAERK_KILDER_OFFENTLIGE": "nej" if visibility is True else "ja"}
    assert step["env"]["HEMMELIGHEDER"] == "${{ toJSON(secrets) }}"
    ran = subprocess.run(["bash", "-c", run], env=env, capture_output=True, text=True, check=True)
    return dict(line.split("=", 1) for line in ran.stdout.splitlines() if "=" in line)


def test_every_groups_passphrase_reaches_the_build_and_nothing_else():
    secrets = {"GITHUB_TOKEN": "ghs_x", "NETVAERK_ADGANGSKODE_LUKKET": "hest kage 'sky' $HOME", "NETVAERK_ADGANGSKODE_B": "b"}
    seen = _exports(secrets, visibility=True)
    assert seen["NETVAERK_ADGANGSKODE_LUKKET"] == "hest kage 'sky' $HOME" and seen["NETVAERK_ADGANGSKODE_B"] == "b"
    assert "GITHUB_TOKEN" not in seen and "HEMMELIGHEDER" not in seen
    assert seen["NETVAERK_KILDER_OFFENTLIGE"] == "nej"

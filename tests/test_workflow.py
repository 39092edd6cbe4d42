"""The GitHub Actions workflow that builds every group and publishes to GitHub Pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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
    assert flow["permissions"] == {"contents": "write", "pages": "write", "id-token": "write"}
    build = flow["jobs"]["build"]
    assert build["env"]["TZ"] == "Europe/Copenhagen"
    assert _step("Byg alle grupper")["run"].splitlines()[-1] == "make site"  # the README's command
    assert _step("Pak siderne")["with"]["path"] == "site"  # netvaerk build's default --out
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    uses = [s["uses"].split("@")[0] for job in flow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_back_step_commits_only_changes_under_groups(tmp_path):
    script = _step("Gem ændrede filer i groups/")["run"]
    env = {**os.environ, "GITHUB_REF_NAME": "main", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.dk",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.dk", "GIT_CONFIG_GLOBAL": os.devnull}

    def git(*args: str, cwd: Path) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git("init", "--quiet", "--bare", "--initial-branch=main", str(remote), cwd=tmp_path)
    git("clone", "--quiet", str(remote), str(work), cwd=tmp_path)
    (work / "groups").mkdir()
    (work / "groups" / "vest.yaml").write_text("navn: Vest\n")
    git("add", ".", cwd=work)
    git("commit", "--quiet", "-m", "start", cwd=work)
    git("push", "--quiet", "origin", "HEAD:main", cwd=work)

    def step() -> str:
        ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=work, env=env, capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr
        return ran.stdout

    (work / "site").mkdir()
    (work / "site" / "index.html").write_text("built")
    assert step() == "Ingen ændringer i groups/.\n"
    assert git("rev-list", "--count", "main", cwd=remote).strip() == "1"

    (work / "groups" / "vest.state.json").write_text('{"sequence": 2}\n')
    assert step() == "Ændringer i groups/ er gemt.\n"
    assert git("rev-list", "--count", "main", cwd=remote).strip() == "2"
    assert git("show", "--name-only", "--format=%s", "main", cwd=remote).split("\n")[:3] == [
        "Opdater filer i groups/ efter bygning [skip ci]", "", "groups/vest.state.json",
    ]
    assert "site/index.html" not in git("ls-tree", "-r", "--name-only", "main", cwd=remote)


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

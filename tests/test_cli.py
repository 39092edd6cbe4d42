"""The `netvaerk` command as an organiser uses it: output, exit codes, Danish help, live preview."""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, copy_project

from generator.cli import cli


@pytest.fixture
def project(tmp_path, monkeypatch):
    copy_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_prints_one_line_per_group_and_exits_0(project):
    result = CliRunner().invoke(cli, ["build", "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n"
    assert result.stderr == ""
    assert (project / "site" / "nordsjaelland" / "index.html").exists()
    assert not (project / "site" / "nordsjaelland" / "sitemap.xml").exists()


def test_build_into_another_folder(project):
    result = CliRunner().invoke(cli, ["build", "groups/nordsjaelland.yaml", "--out", "public", "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert (project / "public" / "nordsjaelland" / "moeder" / "2027-01-12.html").exists()


def test_check_ok(project):
    result = CliRunner().invoke(cli, ["check", "groups/nordsjaelland.yaml"])
    assert (result.exit_code, result.stdout) == (0, "groups/nordsjaelland.yaml: ingen fejl\n")


def test_bad_today_is_a_usage_error(project):
    result = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "build", "--today", "i morgen"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Fejl: ugyldig værdi for --today: 'i morgen' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2027-01-12" in result.stderr


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"]])
def test_help_is_danish(command):
    result = CliRunner().invoke(cli, [*command, "--help"], prog_name="netvaerk")
    assert result.exit_code == 0
    assert result.output.startswith("Brug: netvaerk")
    for english in ("Usage", "Options", "Commands", "Show this message", "[default", "PATH", "OPTIONS"):
        assert english not in result.output


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"netvaerk {name}" in readme


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return html.unescape(response.read().decode("utf-8"))


def test_serve_rebuilds_when_the_group_file_changes_and_cleans_up(project, tmp_path_factory):
    group = project / "groups" / "nordsjaelland.yaml"
    temp = tmp_path_factory.mktemp("systemets-temp")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "netvaerk"), "serve", "groups/nordsjaelland.yaml", "--port", "8791", "--today", "2026-11-26"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(temp)},
    )
    try:
        page = None
        for _ in range(100):
            try:
                page = _get("http://127.0.0.1:8791/index.html")
                break
            except OSError:
                time.sleep(0.1)
        assert page is not None and "Hillerød Bibliotek" in page
        group.write_text(group.read_text(encoding="utf-8").replace("Hillerød Bibliotek, mødelokale 2", "Rådhuset, sal 1"), encoding="utf-8")
        for _ in range(100):
            if "Rådhuset" in _get("http://127.0.0.1:8791/index.html"):
                break
            time.sleep(0.1)
        assert "Rådhuset, sal 1" in _get("http://127.0.0.1:8791/index.html")
        assert [p.name[:15] for p in temp.iterdir()] == ["netvaerk-serve-"]
        assert (project / "site_src" / ".netvaerk").is_dir()
    finally:
        process.terminate()
        process.communicate(timeout=10)
    # Stopped by the system as by Ctrl+C: its temporary site and netvaerk's notes about it are gone.
    assert process.returncode == 0
    assert list(temp.iterdir()) == []
    assert not (project / "site_src" / ".netvaerk").exists()
    assert not (project / "site").exists()

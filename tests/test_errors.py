"""Broken group files give exact Danish messages with line and column, exit code 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))


def test_there_are_enough_broken_files():
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_check_reports_exact_messages(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    rel = path.relative_to(ROOT)
    result = CliRunner().invoke(cli, ["check", str(rel), "--today", "2026-11-26"])
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert result.exit_code == 1, result.output
    assert result.stderr == expected
    assert "Traceback" not in result.output
    for line in expected.splitlines():
        assert line.startswith(f"{rel}:")


def test_build_reports_the_same_messages_and_builds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = ROOT / "tests" / "broken" / "several-problems.yaml"
    result = CliRunner().invoke(cli, ["build", str(path.relative_to(ROOT)), "--out", str(tmp_path / "out"), "--today", "2026-11-26"])
    assert result.exit_code == 1
    assert result.stderr.startswith(path.with_suffix(".expected").read_text(encoding="utf-8"))
    assert "ikke bygget" in result.stderr
    assert not (tmp_path / "out" / "several-problems").exists()


def test_missing_file_is_reported_not_raised(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", "groups/findes-ikke.yaml"])
    assert result.exit_code == 1
    assert result.stderr == "groups/findes-ikke.yaml:1:1: filen findes ikke eller kan ikke læses\n"


def test_usage_errors_exit_2_in_danish():
    from generator.cli import main

    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "build", "--nope"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "Fejl: ukendt tilvalg: --nope" in result.stderr
    assert "Brug: netvaerk build" in result.stderr
    del main

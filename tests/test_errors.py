"""Broken group files give exact Danish messages with line and column, exit code 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import run

ROOT = Path(__file__).resolve().parent.parent
BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))


def test_there_are_enough_broken_files():
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_check_reports_exact_messages(path):
    rel = path.relative_to(ROOT)
    result = run(["check", str(rel), "--today", "2026-11-26"], ROOT)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert (result.code, result.out, result.err) == (1, "", expected)
    for line in expected.splitlines():
        assert line.startswith(f"{rel}:")


def test_build_reports_the_same_messages_and_builds_nothing(tmp_path):
    path = ROOT / "tests" / "broken" / "several-problems.yaml"
    rel = path.relative_to(ROOT)
    result = run(["build", str(rel), "--out", str(tmp_path / "out"), "--today", "2026-11-26"], ROOT)
    assert (result.code, result.out) == (1, "")
    assert result.err == path.with_suffix(".expected").read_text(encoding="utf-8") + f"{rel}: ikke bygget (ret fejlene ovenfor)\n"
    assert not (tmp_path / "out" / "several-problems").exists()


def test_missing_file_is_reported_not_raised():
    result = run(["check", "groups/findes-ikke.yaml", "--today", "2026-11-26"], ROOT)
    assert (result.code, result.out, result.err) == (1, "", "groups/findes-ikke.yaml:1:1: filen findes ikke\n")


def test_usage_errors_exit_2_in_danish():
    result = run(["build", "--nope"], ROOT)
    assert (result.code, result.out) == (2, "")
    assert result.err == "Brug: netvaerk build [TILVALG] [FILER]...\nFejl: ukendt tilvalg: --nope Mente du '--force'?\n"

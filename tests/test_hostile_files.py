"""Every hostile group file in tests/hostile/ gives exactly the output in its .expected file.

The files are checked the way an organiser would: copied to groups/ in a throwaway project
and run through `netvaerk check`. Regenerate the .expected files with `pytest --update-golden`
and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clirun import run
from generator.model.loader import MAX_BYTES

HOSTILE = Path(__file__).parent / "hostile"
FILES = sorted(HOSTILE.glob("*.yaml"))
# The hostile files that are valid YAML groups: their markup must show as text (test_markup_is_text.py).
VALID = {"markup-in-text.yaml", "entity-title.yaml"}


def run_check(project: Path, name: str) -> tuple[int, str]:
    """`netvaerk check groups/NAME` in `project`: the exit code and what it printed, in the order it prints
    it for one file: problems and warnings (stderr), then the verdict (stdout)."""
    result = run(["check", f"groups/{name}", "--today", "2026-11-26"], project)
    return result.code, result.err + result.out


def test_there_are_enough_hostile_files():
    assert len(FILES) >= 25
    assert all(path.with_suffix(".expected").exists() for path in FILES), "run pytest --update-golden"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_hostile_file_gives_the_expected_output(path, tmp_path, update_golden):
    (tmp_path / "groups").mkdir()
    shutil.copy(path, tmp_path / "groups" / path.name)
    before = path.read_bytes()
    code, output = run_check(tmp_path, path.name)
    expected_file = path.with_suffix(".expected")
    if update_golden:
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")
    assert code == (0 if path.name in VALID else 1)
    assert "Traceback" not in output
    lines = output.splitlines()
    if path.name in VALID:
        # Valid files may get the guide's warnings, never an error.
        assert lines[-1].startswith(f"groups/{path.name}: ingen fejl")
        assert all(" advarsel: " in line for line in lines[:-1])
    for line in lines:
        if path.name not in VALID:
            # file:line:col: [felt:] besked, lines and columns from 1
            location, _, message = line.partition(": ")
            file, row, col = location.rsplit(":", 2)
            assert file == f"groups/{path.name}" and int(row) >= 1 and int(col) >= 1 and message
    assert (tmp_path / "groups" / path.name).read_bytes() == before


def test_file_over_the_size_limit(tmp_path):
    # Generated here rather than committed: 200 KB of comments before a valid group.
    (tmp_path / "groups").mkdir()
    filler = b"# fyld\n" * (MAX_BYTES // 7 + 1)
    (tmp_path / "groups" / "stor.yaml").write_bytes(filler + (HOSTILE / "entity-title.yaml").read_bytes())
    code, output = run_check(tmp_path, "stor.yaml")
    size = len((tmp_path / "groups" / "stor.yaml").read_bytes())
    assert code == 1
    assert output == f"groups/stor.yaml:1:1: filen er for stor ({size:,} byte; højst 200.000)\n".replace(",", ".")

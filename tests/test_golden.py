"""The contract group's generated Markdown and config, byte for byte (`pytest --update-golden` rewrites).

That two builds of the same input give the same site is tests/test_output.py's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CONTRACT, ROOT, TODAY
from generator.builder.history import COMPLETE, RepoHistory
from generator.builder.inputs import read_inputs
from generator.builder.pipeline import Project, generate_group
from generator.site.config import config_text
from generator.site.shared import NOT_SHARED

GOLDEN = ROOT / "tests" / "golden" / "nordsjaelland"


def _generated() -> dict[str, bytes]:
    project = Project(ROOT)
    # As a file with no commits yet: the golden files do not depend on this repository's history (nor on a shallow
    # checkout of it); the old calendar state beside the contract is read as in any build.
    inputs = read_inputs(project, CONTRACT, history=RepoHistory(COMPLETE))
    generated = generate_group(project, inputs, "nordsjaelland", TODAY, NOT_SHARED)
    files = {**{f"docs/{k}": v for k, v in generated.docs.items()}, "mkdocs.yml": config_text(generated.config)}
    return {rel: content if isinstance(content, bytes) else content.encode("utf-8") for rel, content in files.items()}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_golden(folder: Path, files: dict[str, bytes]) -> None:
    """What `--update-golden` does: the folder holds exactly these files afterwards."""
    for old in folder.rglob("*"):
        if old.is_file():
            old.unlink()
    for rel, content in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def test_contract_markdown_matches_golden_files(update_golden):
    generated = _generated()
    if update_golden:
        write_golden(GOLDEN, generated)
    expected = _tree(GOLDEN)
    assert sorted(expected) == sorted(generated), "pages added or removed: run pytest --update-golden and review"
    for rel, content in generated.items():
        assert content == expected[rel], f"{rel} differs from tests/golden: review, then pytest --update-golden"


def test_update_golden_rewrites_changed_added_and_removed_files(tmp_path):
    folder = tmp_path / "golden"
    shutil.copytree(GOLDEN, folder)
    (folder / "docs" / "index.md").write_text("forældet\n", encoding="utf-8")
    (folder / "docs" / "fjernet-side.md").write_text("findes ikke mere\n", encoding="utf-8")
    (folder / "mkdocs.yml").unlink()
    write_golden(folder, _generated())
    assert _tree(folder) == _tree(GOLDEN)

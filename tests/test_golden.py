"""The contract group's generated Markdown and config, byte for byte (`pytest --update-golden` rewrites)."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTRACT, ROOT, TODAY

from generator.build.pipeline import Project, generate_group

GOLDEN = ROOT / "tests" / "golden" / "nordsjaelland"


def _generated() -> dict[str, str | bytes]:
    project = Project(ROOT)
    generated = generate_group(project, CONTRACT, "nordsjaelland", ROOT / "site", TODAY)
    return {**{f"docs/{k}": v for k, v in generated.docs.items()}, "mkdocs.yml": generated.config}


def _as_bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def test_contract_markdown_matches_golden_files(update_golden):
    generated = _generated()
    if update_golden:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for rel, content in generated.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_as_bytes(content))
    expected = {str(p.relative_to(GOLDEN)): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(expected) == sorted(generated), "pages added or removed: run pytest --update-golden and review"
    for rel, content in generated.items():
        assert _as_bytes(content) == expected[rel], f"{rel} differs from tests/golden: review, then pytest --update-golden"


def test_generation_is_deterministic():
    assert _generated() == _generated()


def test_build_output_is_byte_identical(tmp_path):
    from conftest import copy_project

    from generator.build.pipeline import build_group, prepare

    trees = []
    for name in ("a", "b"):
        root = tmp_path / name
        root.mkdir()
        project = Project(copy_project(root))
        out = root / "site"
        prepare(out, project)
        build_group(project, root / "groups" / "nordsjaelland.yaml", "nordsjaelland", out, TODAY)
        trees.append({str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]


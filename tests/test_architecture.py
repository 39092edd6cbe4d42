"""The shape of the code, as the package map in generator/__init__.py promises it: which part may use which."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

GENERATOR = ROOT / "generator"
# What each part of generator/ may import from the others (errors, danish, escape and files are for all; files only
# writes). Arrows point down this list and never back up, so there is no cycle.
ALLOWED = {
    "errors": set(),
    "danish": set(),
    "escape": set(),
    "files": {"errors"},
    "lock": set(),
    "guard": {"errors"},
    "model": {"errors"},
    "guide": {"errors", "danish", "model"},
    "facts": {"errors", "danish", "escape", "guard", "model", "guide"},
    "calendar": {"errors", "danish", "escape", "model", "guide", "facts"},
    "site": {"errors", "danish", "escape", "lock", "model", "guide", "facts"},
    "builder": {"errors", "danish", "files", "escape", "lock", "guard", "model", "guide", "facts", "calendar", "site"},
    "organiser": {"errors", "danish", "escape", "model", "guide"},
    "cli": {"errors", "danish", "files", "escape", "lock", "guard", "model", "guide", "facts", "calendar", "site", "builder", "organiser"},
}


def _part(path: Path) -> str:
    rel = path.relative_to(GENERATOR).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def _imported_parts(path: Path) -> set[str]:
    """The parts of generator/ a module imports (relative imports, as the code writes them)."""
    inside = path.relative_to(GENERATOR).parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(inside[: len(inside) - (node.level - 1)])
            target = base + (node.module.split(".") if node.module else [])
            found |= {target[0]} if target else {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom | ast.Import) and not getattr(node, "level", 0):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]
            found |= {n.split(".")[1] for n in names if n and n.startswith("generator.")}
    return found


def test_each_part_uses_only_the_parts_below_it():
    wrong = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        part = _part(path)
        if part == "__init__":
            continue
        bad = _imported_parts(path) - ALLOWED[part] - {part}
        if bad:
            wrong[str(path.relative_to(ROOT))] = sorted(bad)
    assert wrong == {}


def test_every_part_is_on_the_map():
    parts = {_part(p) for p in GENERATOR.rglob("*.py")} - {"__init__"}
    assert parts == set(ALLOWED)
    described = (GENERATOR / "__init__.py").read_text(encoding="utf-8")
    assert all(f"{name}/" in described for name in parts if (GENERATOR / name).is_dir())


def test_few_modules_sit_directly_in_generator():
    assert len(list(GENERATOR.glob("*.py"))) <= 6


def _imported_packages(path: Path) -> set[str]:
    """The top-level packages outside netvaerk a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_engine_knows_mkdocs_material_and_markdown():
    """builder/engine/ is the seam (issue 23): no other module imports MkDocs, mkdocs-material, Python-Markdown or
    pymdown-extensions, but for site/fragments.py's one call of Markdown's public markdown.markdown()."""
    engine = GENERATOR / "builder" / "engine"
    users = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        used = _imported_packages(path) & {"mkdocs", "material", "markdown", "pymdownx"}
        if used and engine not in path.parents:
            users[str(path.relative_to(ROOT))] = sorted(used)
    assert users == {"generator/site/fragments.py": ["markdown"]}
    fragments = (GENERATOR / "site" / "fragments.py").read_text(encoding="utf-8")
    assert fragments.count("markdown.") == fragments.count("markdown.markdown(") == 1
    assert len(list(engine.glob("*.py"))) > 5  # not vacuous

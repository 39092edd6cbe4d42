"""What a page of any group can hold, as words: read from every file a page is made from or changed by.

The theme's stylesheet is shared by every group and written before any group is built (theme_files.py), so what it
keeps cannot depend on one group's pages. It is pruned (cssprune.py) against these files instead, which make every
page any group can have: the theme's templates (in the site's language and the fallback, English), our overrides
and our templates, the Python that writes HTML into pages (generator/site/), the Markdown package with its
extensions, the base mkdocs.yml (the palette's names), and every script that can run on a page (Material's script
and search worker, ours, the lock's, the offline worker's). A class that is in none of them is on no page.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...files import walk

THEME_LANGUAGE = "da"  # mkdocs.yml: theme: language
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")  # what MkDocs always adds
_LANGUAGES = "partials/languages/"
_WORD = re.compile(r"[\w-]+")
_SITE = Path(__file__).resolve().parents[2] / "site"


@dataclass(frozen=True)
class Vocabulary:
    """The words a page can hold. `names`: what can be a class, an id or an element's name: every word of the
    templates and code that write pages, and the words of the scripts that are not only ever looked for (a script
    that puts a class on an element writes it bare, "md-x"; one it only looks for is written ".md-x" or "#x").
    `prefixes`: those of them that end in "-" or "_", which code completes (`"md-tag--" ~ kind`). `attributes`:
    every word of every file, in lower case, and `text` all of it (attribute values are matched by a part too)."""

    names: frozenset[str]
    prefixes: frozenset[str]
    attributes: frozenset[str]
    text: str
    fixed: dict[str, frozenset[str]] = field(default_factory=dict)  # attributes whose values are known: {"dir": {"ltr"}}

    def has(self, name: str) -> bool:
        """A class or id `name` can be on a page: it is a word, or a prefix word completed."""
        return name in self.names or any(name[:i] in self.prefixes for i in range(1, len(name)) if name[i - 1] in "-_")

    def has_element(self, tag: str) -> bool:
        return tag.lower() in self.attributes and (tag in self.names or tag.lower() in self.names)

    def has_attribute(self, name: str) -> bool:
        """An attribute `name` can be on a page; a data-* attribute also when a script names it as a dataset
        property (data-md-score: dataset.mdScore)."""
        name = name.lower()
        if name in self.attributes or name in self.fixed:
            return True
        parts = name.removeprefix("data-").split("-")
        return name.startswith("data-") and (parts[0] + "".join(p.title() for p in parts[1:])).lower() in self.attributes



def vocabulary(documents: Iterable[str], scripts: Iterable[str], direction: str = "") -> Vocabulary:
    """The words of the documents (templates, code that writes HTML) and of the scripts that can run; with
    `direction`, every page's dir is that (pure)."""
    documents, scripts = list(documents), list(scripts)
    names = set()
    for text in documents:
        names.update(_WORD.findall(text))
    for text in scripts:
        names.update(m[0] for m in _WORD.finditer(text) if m.start() == 0 or text[m.start() - 1] not in ".#")
    text = "\n".join(documents + scripts)
    every = frozenset(_WORD.findall(text))
    return Vocabulary(
        frozenset(names), frozenset(n for n in names if n.endswith(("-", "_"))), frozenset(w.lower() for w in every), text,
        {"dir": frozenset({direction})} if direction else {},
    )


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under `folder` ending in `suffixes`, sorted, not looking into the theme's ~14,000 icons (inlined as SVG
    paths, they hold no class) nor __pycache__."""
    return [p for p in walk(folder, skip=(".icons", "__pycache__")) if p.name.endswith(suffixes)]


def _direction(theme_dir: Path) -> str:
    """Which way the site's language reads ("ltr"): Material writes it as every page's dir, from the language's
    partial or else English's."""
    for name in (THEME_LANGUAGE, "en"):
        found = re.search(r'"direction":\s*"(\w+)"', (theme_dir / _LANGUAGES / f"{name}.html").read_text(encoding="utf-8"))
        if found:
            return found[1]
    return "ltr"


def _markdown_extensions(base_config: str) -> list[str]:
    """The Markdown extensions every page goes through: MkDocs' own and those the base mkdocs.yml names."""
    import yaml

    named = yaml.safe_load(base_config).get("markdown_extensions") or []
    names = [next(iter(e)) if isinstance(e, dict) else str(e) for e in named]
    return sorted({*MKDOCS_EXTENSIONS, *(n.removeprefix("markdown.extensions.") for n in names)})


def python_strings(source: str) -> str:
    """The string constants of Python code, one a line, without its docstrings and comments: what the code can
    write into a page (pure)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            docstrings.add(id(body[0].value))
    return "\n".join(
        node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    )


@dataclass(frozen=True)
class Reference:
    """The reference files' text by a name saying where each is from, and the dir every page has."""

    texts: dict[str, str]
    direction: str


def read_reference(theme_dir: Path, overrides: Path, base_config: Path) -> Reference:
    """Material's templates (those our overrides replace left out, and the languages but the site's and English),
    our overrides and templates, generator/site/*.py and its scripts, the Markdown package's core and the
    extensions the site uses, the base mkdocs.yml. Of Python code only the strings count (python_strings). The
    shared scripts are the caller's (theme_files.py)."""
    import markdown

    found: dict[str, str] = {}
    ours = {p.relative_to(overrides).as_posix() for p in _files(overrides, (".html",))}
    for path in _files(theme_dir, (".html",)):
        rel = path.relative_to(theme_dir).as_posix()
        if rel not in ours and (not rel.startswith(_LANGUAGES) or rel[len(_LANGUAGES) :] in (f"{THEME_LANGUAGE}.html", "en.html")):
            found[f"theme/{rel}"] = path.read_text(encoding="utf-8")
    for path in _files(overrides, (".html",)):
        found[f"overrides/{path.relative_to(overrides).as_posix()}"] = path.read_text(encoding="utf-8")
    for path in _files(_SITE, (".py", ".j2", ".js")):
        text = path.read_text(encoding="utf-8")
        found[f"site/{path.relative_to(_SITE).as_posix()}"] = python_strings(text) if path.suffix == ".py" else text
    config = base_config.read_text(encoding="utf-8")
    package = Path(markdown.__file__).resolve().parent
    modules = sorted(p for p in package.glob("*.py") if p.name not in ("__main__.py", "test_tools.py"))
    modules.append(package / "extensions" / "__init__.py")
    modules += [package / "extensions" / f"{name}.py" for name in _markdown_extensions(config)]
    for path in modules:
        found[f"markdown/{path.relative_to(package).as_posix()}"] = python_strings(path.read_text(encoding="utf-8"))
    found["mkdocs.yml"] = config
    return Reference(found, _direction(theme_dir))

"""Render pages with Jinja2 templates, escaping every value by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..safety.escape import text

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """A page to render: where it goes, its template and what the template shows."""

    path: str  # relative to the group's docs folder (or, for private pages, the private folder)
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str | None = None  # navigation title, written by the code (never taken from YAML); None: not in the navigation


def environment(template_dir: Path = TEMPLATE_DIR, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Templates may only loop and branch; every `{{ value }}` is escaped unless the code marked it `Md`."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        finalize=text,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, page: Page) -> str:
    return env.get_template(page.template).render(page.context)


def render_all(env: jinja2.Environment, pages: list[Page]) -> dict[str, str]:
    """Each page's text by its path, in the order given."""
    return {page.path: render(env, page) for page in pages}

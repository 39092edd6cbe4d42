"""Render page models into Markdown with Jinja2 templates, escaping every value by default."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .escape import text
from .pages import Page

TEMPLATE_DIR = Path(__file__).parent / "templates"


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


def render_page(env: jinja2.Environment, page: Page) -> str:
    return env.get_template(page.template).render(page.context)


def render_pages(env: jinja2.Environment, pages: list[Page]) -> dict[str, str]:
    """Markdown text by path, in navigation order."""
    return {page.path: render_page(env, page) for page in pages}

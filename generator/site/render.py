"""Render pages with Jinja2 templates, escaping every value by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..escape import text
from ..facts.audience import Fact
from .fragments import Fragments, Lock, Reader

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """A page to render: where it goes, its template and what the template shows."""

    path: str  # relative to the group's docs folder (or, for private pages, the private folder)
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str | None = None  # navigation title, written by the code (never taken from YAML); None: not in the navigation


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> str:
    """Every `{{ value }}`: escaped, unless the code marked it `Md`; a members-only fact as its reader may see it."""
    if isinstance(value, Fact):
        return (context.get("lock") or Fragments(Reader.PUBLIC)).show(value)
    return text(value)


def environment(template_dir: Path = TEMPLATE_DIR, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Templates may only loop and branch; every `{{ value }}` is escaped unless the code marked it `Md`."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, page: Page, fragments: Fragments | None = None, box: dict[str, object] | None = None) -> str:
    """The page's text. Without `fragments` it is for everyone, and members-only facts show their stand-ins.
    `box` is the unlock box's data on the pages of a group with a members' area."""
    return env.get_template(page.template).render({**page.context, "lock": fragments or Fragments(Reader.PUBLIC), "laas": box})


@dataclass(frozen=True)
class Rendered:
    files: dict[str, str]  # each page's text by its path
    sealed: tuple[tuple[str, str], ...]  # (built page, plain HTML) of every sealed fragment, for the guard


def render_site(
    env: jinja2.Environment, pages: list[Page], reader: Reader, lock: Lock | None = None, box: dict[str, object] | None = None
) -> Rendered:
    """The site's pages, in navigation order; members-only facts land as `reader` may see them."""
    files: dict[str, str] = {}
    sealed: list[tuple[str, str]] = []
    for page in pages:
        built = page.path.removesuffix(".md") + ".html"
        fragments = Fragments(reader, built, lock)
        files[page.path] = render(env, page, fragments, box) + fragments.sealed_block()
        sealed += [(built, html) for html in fragments.sealed]
    return Rendered(files, tuple(sealed))

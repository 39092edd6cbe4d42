"""Keep compiled Jinja templates (ours and the theme's) in a folder shared by every build."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

import jinja2

from ..site import render


def _tag() -> str:
    """What compiled code depends on beyond a template's own source: the Jinja2 and MkDocs versions, and how our
    environment is set up (its finalize, for one, is compiled into every template). A change makes new entries."""
    parts = [metadata.version("Jinja2"), metadata.version("mkdocs"), Path(render.__file__).read_text(encoding="utf-8")]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def template_cache(folder: Path) -> jinja2.FileSystemBytecodeCache:
    """Jinja2's file cache: each entry is checked against its template's source before use and written
    atomically, so worker processes can share the folder."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder), pattern=f"__jinja2_{_tag()}_%s.cache")

"""Keep compiled Jinja templates (ours and the theme's) in a folder shared by every build."""

from __future__ import annotations

from pathlib import Path

import jinja2


def template_cache(folder: Path) -> jinja2.FileSystemBytecodeCache:
    """Jinja2's file cache: each entry is checked against its template's source before use and written
    atomically, so worker processes can share the folder."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))

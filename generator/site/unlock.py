"""The lock as the browser meets it: the script that opens it, and what the unlock box needs to know."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..escape import Md
from ..lock.seal import b64u, check_value
from .fragments import Lock

SOURCE = Path(__file__).parent / "assets" / "laas.js"


def script(source: str) -> bytes:
    """The script as published: full-line comments and indentation left out, line breaks kept (so automatic
    semicolon insertion reads it as before). The readable source stays in generator/site/assets/."""
    lines = (line.strip() for line in source.splitlines())
    return ("\n".join(line for line in lines if line and not line.startswith("//")) + "\n").encode("utf-8")


def script_file(source: str) -> tuple[str, bytes]:
    """The script's path below the docs folder, named by its content so a new version is never taken from a cache."""
    data = script(source)
    return f"assets/javascripts/laas.{hashlib.sha256(data).hexdigest()[:8]}.js", data


def unlock_box(lock: Lock, script_path: str) -> dict[str, object]:
    """What the unlock box on each page carries: none of it is secret (the verifier only tells a right key from a wrong one)."""
    return {
        # Slug and base64url: letters, digits, '-' and '_' only, written into attributes as they are.
        "gruppe": Md(lock.group),
        "salt": Md(b64u(lock.keys.salt)),
        "iterationer": lock.keys.iterations,
        "kontrol": Md(check_value(lock.keys, lock.group)),
        "script": script_path,
    }

"""Fingerprint everything a group's build reads, and the marker that stores it with the built site."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from importlib import metadata

from ..site.overview import Listing

FORMAT = "netvaerk-site-2"
# Packages whose code or files end up shaping a built site.
PACKAGES = (
    "netvaerk",
    "mkdocs",
    "mkdocs-material",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "pydantic",
    "ruamel.yaml",
    "icalendar",
    "segno",
    "Pygments",
    "babel",
)


@dataclass(frozen=True)
class Stamp:
    """What the marker of a successfully built site records."""

    fingerprint: str
    pages: int
    warnings: tuple[str, ...]
    listing: Listing | None = None  # the group's line on the list of groups; None: not listed


def digest(parts: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over named byte strings; names and lengths are framed so parts cannot run together."""
    h = hashlib.sha256(FORMAT.encode())
    for name, data in parts:
        encoded = name.encode("utf-8")
        h.update(len(encoded).to_bytes(8, "big") + encoded)
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def versions() -> list[tuple[str, bytes]]:
    """The Python version and the installed version of every package that shapes a site."""
    found = [("python", platform.python_version().encode())]
    for name in PACKAGES:
        try:
            found.append((f"version:{name}", metadata.version(name).encode()))
        except metadata.PackageNotFoundError:
            found.append((f"version:{name}", b"-"))
    return found


def group_fingerprint(shared: str, slug: str, file: str, data: bytes, today: dt.date, site_dir: str) -> str:
    """One group's fingerprint: the shared inputs' digest plus its own file, name, output place and "today"."""
    return digest(
        [
            ("shared", shared.encode()),
            ("slug", slug.encode()),
            ("file", file.encode()),
            ("data", data),
            ("today", today.isoformat().encode()),
            ("site_dir", site_dir.encode()),
        ]
    )


def marker_text(stamp: Stamp) -> str:
    """The marker file's text (JSON, stable key order)."""
    listing = asdict(stamp.listing) if stamp.listing is not None else None
    body = {"format": FORMAT, "fingerprint": stamp.fingerprint, "pages": stamp.pages, "warnings": list(stamp.warnings), "listing": listing}
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _listing(value: object) -> Listing | None:
    """The list entry as written by marker_text; anything else is a ValueError (then: rebuild)."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {field.name for field in fields(Listing)}:
        raise ValueError("listing")
    entry = Listing(**value)
    if not all(isinstance(text, str) for text in (entry.name, entry.city, entry.next)) or not isinstance(entry.searchable, bool):
        raise ValueError("listing")
    return entry


def parse_marker(text: str | None) -> Stamp | None:
    """The stamp in a marker, or None when there is none or it is from another format (then: rebuild)."""
    if not text:
        return None
    try:
        body = json.loads(text)
        if body.get("format") != FORMAT:
            return None
        warnings = body["warnings"]
        if not isinstance(warnings, list):
            return None
        return Stamp(str(body["fingerprint"]), int(body["pages"]), tuple(str(w) for w in warnings), _listing(body["listing"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

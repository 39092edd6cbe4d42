"""Fingerprint everything a group's build reads, and the stamp that records it for a built site."""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from pathlib import Path

from ..files import read_or_empty, walk
from ..site.overview import Listing
from ..site.shared import NOT_SHARED, SharedUrls
from .inputs import Inputs
from .project import Project

FORMAT = "netvaerk-site-3"
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
GENERATOR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stamp:
    """What netvaerk notes about a successfully built site (records.py keeps it outside the site)."""

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


def tree(folder: Path, label: str) -> list[tuple[str, bytes]]:
    """Every file below `folder` (compiled Python left out) by its path, with its bytes."""
    return [(f"{label}/{p.relative_to(folder).as_posix()}", p.read_bytes()) for p in walk(folder, skip=("__pycache__",))]


def inputs_digest(project: Project, engine: str) -> str:
    """Digest of the inputs every group's build reads, which are also all the shared files are made from: the
    generator's code and templates, package versions, the engine (engine.Engine.name), the base mkdocs.yml and the
    overrides folder. Read once per run (pipeline.start)."""
    return digest(
        [
            ("engine", engine.encode()),
            *versions(),
            *tree(GENERATOR, "generator"),
            ("base_config", read_or_empty(project.base_config)),
            *(tree(project.overrides, "overrides") if project.overrides.is_dir() else []),
        ]
    )


def shared_fingerprint(inputs: str, assets: SharedUrls = NOT_SHARED) -> str:
    """What every group's fingerprint starts from: inputs_digest and the names of the shared files the pages link
    (out/_tema/)."""
    names = "\n".join(f"{path}\t{name}" for path, name in sorted(assets.names.items()))
    return digest([("inputs", inputs.encode()), ("shared_files", names.encode())])


def _passphrase_digest(passphrase: str | None) -> bytes:
    """A changed passphrase rebuilds the group; the passphrase itself is never stored."""
    return b"absent" if passphrase is None else hashlib.sha256(b"netvaerk/1 fingerprint|" + passphrase.encode()).digest()


def group_fingerprint(shared: str, slug: str, inputs: Inputs, today: dt.date) -> str:
    """One group's fingerprint: the shared inputs' digest plus its own file, its history and the old state files
    (or their absence), name and "today" (the stamp is kept per output folder: records.py)."""
    return digest(
        [
            ("shared", shared.encode()),
            ("slug", slug.encode()),
            ("file", inputs.file.encode()),
            ("data", inputs.data),
            # The file's history (which commits changed it, into which blobs) and the old builds' state files.
            ("history", inputs.history.key()),
            ("legacy_calendar", inputs.calendar.key()),
            ("legacy_lock", inputs.lock.key()),
            # The passphrase goes in only as a keyed digest: the stamp lives in site_src/ (never published),
            # and a changed passphrase must rebuild the group with new keys.
            ("passphrase", _passphrase_digest(inputs.passphrase)),
            ("sources", inputs.sources.value.encode()),
            ("today", today.isoformat().encode()),
        ]
    )


def stamp_json(stamp: Stamp) -> dict:
    """The stamp as a JSON object (records.py writes it)."""
    listing = asdict(stamp.listing) if stamp.listing is not None else None
    return {"format": FORMAT, "fingerprint": stamp.fingerprint, "pages": stamp.pages, "warnings": list(stamp.warnings), "listing": listing}


def _listing(value: object) -> Listing | None:
    """The list entry as written by stamp_json; anything else is a ValueError (then: rebuild)."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {field.name for field in fields(Listing)}:
        raise ValueError("listing")
    entry = Listing(**value)
    if not all(isinstance(text, str) for text in (entry.name, entry.city, entry.next)) or not isinstance(entry.searchable, bool):
        raise ValueError("listing")
    return entry


def parse_stamp(body: object) -> Stamp | None:
    """The stamp in a JSON object, or None when there is none or it is from another format (then: rebuild)."""
    if not isinstance(body, dict):
        return None
    try:
        if body.get("format") != FORMAT:
            return None
        warnings = body["warnings"]
        if not isinstance(warnings, list):
            return None
        return Stamp(str(body["fingerprint"]), int(body["pages"]), tuple(str(w) for w in warnings), _listing(body["listing"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

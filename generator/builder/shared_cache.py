"""The files every group shares (engine/theme_files.py), kept between runs in site_src/.cache/tema/<key>/.

Collecting them reads the theme, hashes its files and prunes its stylesheet against every template and script
(about half a second, once per `netvaerk build`, which a one-group build or an unchanged rebuild of many
groups would otherwise pay each time). The key is fingerprint.inputs_digest: the package
versions (the theme, Markdown and its extensions among them), the generator's code and templates, the base
mkdocs.yml and overrides/, which is everything the files are made from. Each file's digest is kept beside it and
checked when read, so a damaged entry is collected again, never published."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from ..files import read_or_empty, refuse_links, write_file
from ..site.shared import SharedUrls
from .engine.theme_files import SharedAssets
from .project import Project

INDEX = "index.json"


def entry(project: Project, made_from: str) -> Path:
    """The folder that keeps the shared files made from the project's inputs with this cache.inputs_digest."""
    return project.shared_cache / made_from[:32]


def load(folder: Path, made_from: str) -> SharedAssets | None:
    """The shared files kept in `folder` (made from inputs with the digest `made_from`), or None when there are
    none or any does not match its digest."""
    try:
        index = json.loads(read_or_empty(folder / INDEX) or b"null")
        if not isinstance(index, dict):
            return None
        files = {}
        for rel, expected in index["files"].items():
            data = read_or_empty(folder / "files" / rel)
            if hashlib.sha256(data).hexdigest() != expected:
                return None
            files[rel] = data
        urls = SharedUrls(dict(index["names"]), bundle_path=index["bundle_path"], worker_path=index["worker_path"])
    except (KeyError, TypeError, ValueError):
        return None
    return SharedAssets(files, urls, made_from)


def save(folder: Path, assets: SharedAssets) -> None:
    """Keep `assets` in `folder` (the files first, the index last, so a half-written entry is never read) and
    drop the entries of other keys beside it. Nothing is written or deleted through a link."""
    refuse_links(folder.parent.parent, folder.parent, folder, folder / "files")
    for rel, data in sorted(assets.files.items()):
        target = folder / "files" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, data)
    index = {
        "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in sorted(assets.files.items())},
        "names": dict(sorted(assets.urls.names.items())),
        "bundle_path": assets.urls.bundle_path,
        "worker_path": assets.urls.worker_path,
    }
    write_file(folder / INDEX, json.dumps(index, indent=1, sort_keys=True))
    for other in folder.parent.iterdir():
        if other != folder and other.is_dir() and not other.is_symlink():
            shutil.rmtree(other, ignore_errors=True)

"""Collect the files every group's pages load, once per build, each named by its content.

They go once into the output folder's _tema/ (publish.publish_shared) instead of into every group's folder:
Material's stylesheet (without the rules no page of any group can use: cssprune.py, reference.py) and script, its
search worker with the lunr files for Danish only (no other language, no source map), the project's own assets
(overrides/assets/, its stylesheet and script folded; the script told the name of Material's, which it loads when
the search is opened), the printables' stylesheet and the list of groups' stylesheet and script. A changed file
gets a new name, so a browser never keeps an old one, and one that has not changed is fetched once for every group
in the folder.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import GroupError, Problem
from ...site.shared import SharedUrls
from ...site.unlock import script as fold_script
from .cssprune import prune
from .reference import THEME_LANGUAGE, Reference, Vocabulary, read_reference, vocabulary
from .searchbox import ICONS, dialog, translations, words
from .slim import fold_css

SEARCH_LANGS = ("da",)  # mkdocs.yml: plugins: search: lang
# What the theme's templates load (overrides/main.html leaves out palette.css), found by their build-hashed names.
THEME = {
    "stylesheet": "assets/stylesheets/main.*.min.css",
    "bundle": "assets/javascripts/bundle.*.min.js",
    "worker": "assets/javascripts/workers/search.*.min.js",
}
LUNR = "assets/javascripts/lunr/min"
OUR_SCRIPT = "assets/netvaerk.js"  # overrides/assets/netvaerk.js, loaded by every page (overrides/main.html)
# In our script: where the name of Material's script goes, and the search's dialog and words (searchbox.py).
PLACEHOLDERS = ("@BUNDLE@", '"@SOEG@"', '"@ORD@"')
_BUILD_HASH = re.compile(r"\.[0-9a-f]{8}(?=\.)")


@dataclass(frozen=True)
class Sources:
    """The bytes the shared files are made from, by the path the templates name them with."""

    theme: dict[str, bytes]  # the theme's stylesheet, script and worker
    lunr: dict[str, bytes]  # the worker's lunr files, by their path below assets/javascripts/lunr/
    own: dict[str, bytes]  # overrides/assets/* as assets/<name>, and our own stylesheets and script by key
    reference: Reference = Reference({}, "")  # what the pages are made from: the stylesheet keeps what they can use
    search: tuple[dict[str, str], dict[str, str]] = ({}, {})  # the search's words and the dialog's icons (searchbox.py)


@dataclass(frozen=True)
class SharedAssets:
    files: dict[str, bytes]  # path below out/_tema/ -> bytes
    urls: SharedUrls
    made_from: str = ""  # cache.inputs_digest of the project they were made from


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def hashed(path: str, data: bytes) -> str:
    """'assets/stylesheets/main.57a0d79d.min.css' -> 'main.<digest of data>.min.css' (the theme's own build hash dropped)."""
    name = _BUILD_HASH.sub("", path.rsplit("/", 1)[-1])
    stem, dot, rest = name.partition(".")
    return f"{stem}.{_digest(data)}{dot}{rest}"


def _filled(script: bytes, bundle: str, search: tuple[dict[str, str], dict[str, str]]) -> bytes:
    """Our script with the name of Material's script (beside it in _tema/), the search's dialog and the words of its
    results written where it says @BUNDLE@, "@SOEG@" and "@ORD@" (each once)."""
    said, icons = search
    text = script.decode("utf-8")
    values = (bundle, json.dumps(dialog(said, icons), ensure_ascii=False), json.dumps(translations(said), ensure_ascii=False))
    for placeholder, value in zip(PLACEHOLDERS, values, strict=True):
        if text.count(placeholder) != 1:
            raise ValueError(f"{OUR_SCRIPT}: {placeholder} must appear once")
        text = text.replace(placeholder, value)
    return text.encode("utf-8")


def page_vocabulary(sources: Sources, scripts: list[bytes]) -> Vocabulary:
    """What any page can hold: the reference files' words and those of the scripts that can run on a page."""
    return vocabulary(sources.reference.texts.values(), [data.decode("utf-8") for data in scripts], sources.reference.direction)


def pruned_stylesheet(css: bytes, sources: Sources, scripts: list[bytes]) -> bytes:
    """Material's stylesheet without the rules no page can use (page_vocabulary); our stylesheets and the scripts
    may read its custom properties."""
    own_css = "".join(data.decode("utf-8") for path, data in sorted(sources.own.items()) if path.endswith(".css"))
    readers = own_css + "".join(data.decode("utf-8") for data in scripts)
    return prune(css.decode("utf-8"), page_vocabulary(sources, scripts), readers).encode("utf-8")


def page_scripts(sources: Sources, own: dict[str, bytes]) -> list[bytes]:
    """The scripts that can run on a page and change it: Material's script and search worker, and ours (filled in)."""
    theme = [data for path, data in sorted(sources.theme.items()) if path.endswith(".js")]
    return theme + [data for path, data in sorted(own.items()) if path.endswith(".js")]


def shared_assets(sources: Sources) -> SharedAssets:
    """The files of out/_tema/ and where the pages find them; the same sources give the same names."""
    files: dict[str, bytes] = {}
    names: dict[str, str] = {}
    paths = {role: next(p for p in sources.theme if fnmatch.fnmatchcase(p, pattern)) for role, pattern in THEME.items()}
    bundle = sources.theme[paths["bundle"]]
    own = dict(sources.own)
    if OUR_SCRIPT in own:
        own[OUR_SCRIPT] = _filled(own[OUR_SCRIPT], hashed(paths["bundle"], bundle), sources.search)
    scripts = page_scripts(sources, own)
    stylesheet = sources.theme[paths["stylesheet"]]
    if sources.reference.texts:
        stylesheet = pruned_stylesheet(stylesheet, sources, scripts)
    plain = {paths["stylesheet"]: stylesheet, paths["bundle"]: bundle} | own
    for path, data in plain.items():
        names[path] = hashed(path, data)
        files[names[path]] = data
    # The worker imports lunr's files relative to itself ('../lunr/min/…'): it keeps that layout, in a folder
    # named by the digest of all of it.
    search = {"workers/search.min.js": sources.theme[paths["worker"]], **{f"lunr/{rel}": data for rel, data in sorted(sources.lunr.items())}}
    folder = "search." + _digest(b"".join(rel.encode() + b"\0" + data + b"\0" for rel, data in sorted(search.items())))
    for rel, data in search.items():
        files[f"{folder}/{rel}"] = data
    names[paths["worker"]] = f"{folder}/workers/search.min.js"
    return SharedAssets(files, SharedUrls(names, bundle_path=paths["bundle"], worker_path=paths["worker"]))


def _one(theme_dir: Path, pattern: str) -> Path:
    found = sorted(theme_dir.glob(pattern))
    if len(found) != 1:
        message = f"temaet mkdocs-material skulle have én fil {pattern}, men har {len(found)}; installer det igen med make site"
        raise GroupError([Problem(str(theme_dir), 1, 1, "", message)])
    return found[0]


def read_sources(theme_dir: Path, overrides: Path, own: dict[str, bytes], base_config: Path | None = None) -> Sources:
    """Read the theme's files, the lunr files for SEARCH_LANGS and overrides/assets/ (its stylesheet and script folded);
    `own`: our other shared files, read or rendered by the caller. With `base_config` (mkdocs.yml), also what the
    pages are made from (reference.py), and the stylesheet is pruned to what they can use."""
    theme = {}
    for pattern in THEME.values():
        path = _one(theme_dir, pattern)
        theme[path.relative_to(theme_dir).as_posix()] = path.read_bytes()
    lunr_dir = theme_dir / LUNR
    names = ("lunr.stemmer.support.min.js", *(f"lunr.{lang}.min.js" for lang in SEARCH_LANGS))
    lunr = {f"min/{name}": (lunr_dir / name).read_bytes() for name in names}
    found = dict(own)
    assets = overrides / "assets"
    for path in sorted(assets.iterdir()) if assets.is_dir() else []:
        if path.is_file() and not path.name.startswith("."):
            data = path.read_bytes()
            if path.suffix == ".css":
                data = fold_css(data.decode("utf-8")).encode("utf-8")
            elif path.suffix == ".js":
                data = fold_script(data.decode("utf-8"))
            found[f"assets/{path.name}"] = data
    reference = read_reference(theme_dir, overrides, base_config) if base_config is not None else Reference({}, "")
    languages = [(theme_dir / "partials" / "languages" / f"{name}.html").read_text(encoding="utf-8") for name in (THEME_LANGUAGE, "en")]
    icons = {name: (theme_dir / ".icons" / f"{name}.svg").read_text(encoding="utf-8") for name in ICONS}
    return Sources(theme, lunr, found, reference, (words(languages), icons))

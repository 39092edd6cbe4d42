"""Last line of defence: find scripts, event handlers, javascript: and outside loads in a built site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from ..errors import Problem
from .markup import feed_plain

# Elements no page of ours contains: they run code, load other pages or change where links go.
_FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "portal"})
# Attributes whose value the browser fetches while showing the page.
_LOADING_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "imagesrcset"})
_LOADING_LINK_RELS = frozenset(
    {
        "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch",
        "prerender", "import",
    }
)
# webcal: is the calendar subscription link, built by facts/links.py from the validated https address; sms: is
# one-tap afbud behind the members' lock, built from a validated phone number.
_LINK_SCHEMES = frozenset({"https", "mailto", "tel", "webcal", "sms"})
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "livescript"})
# Attributes a browser reads as an address (and so may run a javascript: address from).
_URL_ATTRIBUTES = frozenset({
    "href", "xlink:href", "src", "srcset", "action", "formaction", "data", "poster", "background", "cite",
    "longdesc", "usemap", "manifest", "codebase", "ping", "lowsrc", "dynsrc", "imagesrcset", "content",
})
# SVG animation elements can set any attribute, so every attribute of theirs is looked at.
_ANIMATION_TAGS = frozenset({"animate", "set"})
# SVG presentation attributes that take CSS's url(): Firefox fetches an outside file named there (a filter, a mask).
_CSS_ATTRIBUTES = frozenset({"style", "fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid", "marker-end", "cursor"})
# The attributes _check_attribute looks at beyond the on* handlers.
_CHECKED_ATTRIBUTES = _URL_ATTRIBUTES | _LOADING_ATTRIBUTES | _CSS_ATTRIBUTES | {"href", "xlink:href", "action", "formaction"}
# What Material's search index keeps of a page's markup (material/plugins/search/plugin.py): tags without attributes.
_SEARCH_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CSS_URL = re.compile(r"url\s*\(|@import|expression\s*\(", re.I)
# Elements whose text a browser reads as raw text up to their end tag, wherever it stands: also inside what
# html.parser reads as an attribute value, where it turns the rest of the value into live markup
# (<noscript><p title="</noscript><img src=x onerror=…>">, a browser running scripts). html.parser reads each as
# ordinary markup, so their end tags in the raw text are counted against those it reports.
_RAW_TEXT_ELEMENTS = frozenset({"noscript", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_RAW_TEXT_END = re.compile(r"</(?:" + "|".join(sorted(_RAW_TEXT_ELEMENTS)) + r")(?=[\t\n\f\r />])", re.I)


@dataclass(frozen=True)
class Allowed:
    """The scripts a site's pages may load, each by its exact path relative to the site's folder: ours
    (overrides/assets/netvaerk.js, shared by the groups in out/_tema/, which loads the theme's script beside it
    when the search is opened) and the members' lock, and the search worker the theme's settings (`__config`)
    may name. Nothing else may be loaded by a <script src>."""

    scripts: tuple[str, ...] = ()
    worker: str | None = None

    def scripts_at(self, depth: int) -> frozenset[str]:
        """The allowed addresses as written on a page `depth` folders below the site's folder."""
        return frozenset("../" * depth + path for path in self.scripts)

    def worker_at(self, depth: int) -> str | None:
        return None if self.worker is None else "../" * depth + self.worker


def script_patterns(templates: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """The inline scripts the theme's and the project's templates write, as patterns for whole script bodies.

    A `{{ … }}` inside a script becomes a gap that may hold no quote, backslash or angle bracket,
    so a filled-in value can never end the string it stands in.
    """
    patterns = []
    for template in templates:
        for body in _TEMPLATE_SCRIPT.findall(template):
            parts = _JINJA_EXPRESSION.split(body)
            patterns.append(re.compile(r"[^\"'\\<>]*".join(re.escape(part) for part in parts)))
    return tuple(dict.fromkeys(patterns))


def _printable(value: str, limit: int = 60) -> str:
    shown = "".join(c if c.isprintable() else "?" for c in value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _url_scheme(value: str) -> str | None:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    match = _SCHEME.match(compact)
    return match[1] if match else None


def _is_local(value: str) -> bool:
    """A URL that stays on the site: relative, or an absolute path (not '//host')."""
    compact = re.sub(r"[\x00-\x20\x7f]+", "", value).replace("\\", "/")
    return _url_scheme(value) is None and not compact.startswith("//")


class _PageScanner(HTMLParser):
    """Collects what a page contains that the project never writes itself."""

    def __init__(self, scripts: tuple[re.Pattern[str], ...], sources: frozenset[str], worker: str | None):
        super().__init__(convert_charrefs=True)
        self.scripts = scripts
        self.sources = sources
        self.worker = worker
        self.findings: list[str] = []
        self.script_tags = 0
        self.raw_text_ends = 0
        self._script: list[tuple[str, str | None]] | None = None
        self._script_body: list[str] = []

    def updatepos(self, i: int, j: int) -> int:
        """Skip counting lines and columns: no finding says where in the page it is (a tenth of the scan)."""
        return j

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_element(tag, attrs)
        if tag == "script":
            self.handle_endtag("script")

    def _check_element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Every attribute as written, a repeated one too (a browser takes the first; none of ours repeats one).
        if tag in _FORBIDDEN_ELEMENTS:
            self.findings.append(f"et <{tag}>-element")
        if tag == "meta" and any(name == "http-equiv" and (value or "").lower() == "refresh" for name, value in attrs):
            self.findings.append("en <meta http-equiv=refresh>, der sender videre til en anden side")
        if tag == "script":
            self.script_tags += 1
            self._script = attrs
            self._script_body = []
        animation = tag in _ANIMATION_TAGS
        for name, value in attrs:
            # Most attributes (class, id, SVG path data, aria-*) are looked at by none of the checks.
            if name.startswith("on") or animation or name in _CHECKED_ATTRIBUTES:
                self._check_attribute(tag, name, value or "", attrs)

    def _check_attribute(self, tag: str, name: str, value: str, attrs: list[tuple[str, str | None]]) -> None:
        if name.startswith("on"):
            self.findings.append(f"en hændelsesattribut ({_printable(name)}) på <{tag}>")
            return
        scheme = _url_scheme(value)
        if scheme in _SCRIPT_SCHEMES and (name in _URL_ATTRIBUTES or tag in _ANIMATION_TAGS):
            self.findings.append(f"en {scheme}:-adresse i {name} på <{tag}>")
            return
        if name in ("action", "formaction") and value:
            self.findings.append(f"en formular, der sender til {_printable(value)}")
        elif name in ("href", "xlink:href") and tag in ("a", "area") and scheme is not None and scheme not in _LINK_SCHEMES:
            self.findings.append(f"et link af typen {_printable(scheme)}: på <{tag}>")
        elif name in ("href", "xlink:href") and tag not in ("a", "area", "link") and not _is_local(value):
            self.findings.append(f"en henvisning til en anden server ({name} på <{tag}>)")
        elif name in _LOADING_ATTRIBUTES and not all(_is_local(part.strip().split(" ")[0]) for part in value.split(",") if part.strip()):
            self.findings.append(f"noget, der hentes fra en anden server ({name} på <{tag}>)")
        elif name in _CSS_ATTRIBUTES and _CSS_URL.search(value):
            self.findings.append(f"CSS, der kan hente noget ({name} på <{tag}>)")
        if tag == "link" and name == "href" and not _is_local(value):
            rel = next((value or "" for key, value in attrs if key == "rel"), "")
            if set(rel.lower().split()) & _LOADING_LINK_RELS:
                self.findings.append(f"en <link rel={_printable(rel)}>, der henter fra en anden server")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in _RAW_TEXT_ELEMENTS:
            self.raw_text_ends += 1
        if tag != "script" or self._script is None:
            return
        attrs, body = self._script, "".join(self._script_body)
        self._script = None
        names = [name for name, _ in attrs]
        if names == ["src"] and not body.strip():
            src = attrs[0][1] or ""
            if src not in self.sources:
                self.findings.append(f"et <script>-element, der henter {_printable(src)}")
        elif sorted(names) == ["id", "type"] and {name: value for name, value in attrs} == {"id": "__config", "type": "application/json"}:
            self._check_config(body)
        elif attrs or not any(pattern.fullmatch(body) for pattern in self.scripts):
            self.findings.append("et <script>-element")


    def _check_config(self, body: str) -> None:
        """The theme's settings are code too: the search worker they name is started, and the search index is
        fetched from their base."""
        try:
            config = json.loads(body)
        except ValueError:
            self.findings.append("et <script>-element med indstillinger, der ikke er gyldig JSON")
            return
        if not isinstance(config, dict):
            self.findings.append("et <script>-element med indstillinger, der ikke er gyldig JSON")
            return
        if "search" in config and config["search"] != self.worker:
            self.findings.append(f"indstillinger, der starter et andet søgeprogram ({_printable(str(config['search']))})")
        if not isinstance(config.get("base", ""), str) or not _is_local(config.get("base", "")):
            self.findings.append("indstillinger, der henter søgeindekset fra en anden server")


def scan_page(
    html: str, scripts: tuple[re.Pattern[str], ...], sources: frozenset[str] = frozenset(), worker: str | None = None
) -> list[str]:
    """What the page holds that the project never writes (empty when the page is clean), in Danish. `sources`:
    the exact addresses its <script src> may load; `worker`: the search worker its settings may name."""
    scanner = _PageScanner(scripts, sources, worker)
    if not feed_plain(scanner, html):  # the same tags, read faster (markup.py); else html.parser reads it
        scanner.feed(html)
        scanner.close()
    findings = list(scanner.findings)
    # A second look at the raw text, in case a browser would parse a tag that the scanner did not.
    if len(re.findall(r"<script\b", html, re.I)) != scanner.script_tags:
        findings.append("et <script>-element, som er skrevet, så det er svært at få øje på")
    if len(_RAW_TEXT_END.findall(html)) != scanner.raw_text_ends:
        findings.append("et sluttag som </noscript> eller </textarea>, som er skrevet, så det er svært at få øje på")
    return list(dict.fromkeys(findings))


class _FragmentTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SEARCH_TAGS or attrs:
            self.found.append(tag)

    handle_startendtag = handle_starttag


def scan_search_index(text: str) -> list[str]:
    """Markup in the search index beyond what Material's search keeps; the search box shows it as HTML."""
    try:
        docs = json.loads(text)["docs"]
    except (ValueError, KeyError, TypeError):
        return ["et søgeindeks, der ikke kan læses"]
    findings = []
    for doc in docs:
        for key in ("title", "text"):
            parser = _FragmentTags()
            parser.feed(str(doc.get(key, "")))
            parser.close()
            findings += [f"søgeindekset indeholder et <{tag}>-element" for tag in parser.found]
        if not _is_local(str(doc.get("location", ""))):
            findings.append("søgeindekset peger på en anden server")
    return list(dict.fromkeys(findings))


def _pages_list(pages: list[str]) -> str:
    shown = ", ".join(pages[:3])
    return shown if len(pages) <= 3 else f"{shown} og {len(pages) - 3} andre"


def check_site(
    pages: dict[str, str], search_index: str | None, scripts: tuple[re.Pattern[str], ...], file: str, allowed: Allowed = Allowed()
) -> list[Problem]:
    """One problem per kind of finding in the built site; the site must not be published when there are any.
    Page paths are relative to the site's folder, as `allowed`'s are."""
    found = {}
    for rel, html in sorted(pages.items()):
        depth = rel.count("/")
        found[rel] = scan_page(html, scripts, allowed.scripts_at(depth), allowed.worker_at(depth))
    if search_index is not None:
        found["search/search_index.json"] = scan_search_index(search_index)
    where: dict[str, list[str]] = {}
    for rel, findings in found.items():
        for finding in findings:
            where.setdefault(finding, []).append(rel)
    return [
        Problem(
            file, 1, 1, "",
            f"den byggede side indeholder {finding}, som netvaerk ikke selv har sat ind ({_pages_list(rels)}); "
            "siden er ikke lagt ud, og den forrige udgave er urørt",
        )
        for finding, rels in where.items()
    ]

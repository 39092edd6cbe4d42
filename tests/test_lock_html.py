"""What the lock's script lets through when it opens a block (generator/site/assets/laas.js: TAGS, ATTRS,
SCHEMES) covers all the build itself seals: every sealed fragment of two built members' sites keeps every
element, attribute and link, so the script's cleaning never takes anything away from a real page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from clirun import run
from conftest import CONTRACT, ROOT, copy_project
from generator.lock import seal
from test_members import MEMBERS, PASSPHRASE

SCRIPT = (ROOT / "generator" / "site" / "assets" / "laas.js").read_text(encoding="utf-8")


def _alternatives(name: str) -> set[str]:
    return set(re.search(rf"const {name} = /\^\(([^)]*)\)", SCRIPT)[1].split("|"))


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag.upper())
        for name, value in attrs:
            self.attrs.add(name)
            if name in ("href", "src"):
                self.links.append(value or "")


def _opened(site: Path, slug: str) -> _Collect:
    found = _Collect()
    for page in sorted((site / slug).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        block = re.search(r'data-nv-lock="([\w-]+)"', text)
        if not block:
            continue
        box = re.search(r'data-nv-salt="([\w-]+)" data-nv-iter="(\d+)"', text)
        keys = seal.derive(PASSPHRASE, seal.unb64u(box[1]), int(box[2]))
        for fragment in json.loads(seal.open_html(keys.enc, slug, str(page.relative_to(site / slug)), "page", block[1])):
            found.feed(fragment)
    return found


def test_everything_the_build_seals_passes_the_scripts_cleaning(tmp_path):
    contract = CONTRACT.read_text(encoding="utf-8").replace("medlemsområde: nej", "") + "\nmedlemsområde: ja\n"
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes(), "nordsjaelland.yaml": contract.encode()})
    secrets = {"NETVAERK_ADGANGSKODE_LUKKET": PASSPHRASE, "NETVAERK_ADGANGSKODE_NORDSJAELLAND": PASSPHRASE}
    ran = run(["build", "--today", "2026-11-26"], root, ci=secrets)
    assert ran.code == 0, ran.err
    tags, attrs, schemes = _alternatives("TAGS"), _alternatives("ATTRS"), {s + ":" for s in _alternatives("SCHEMES")}
    for slug in ("lukket", "nordsjaelland"):
        found = _opened(root / "site", slug)
        assert {"A", "TABLE", "IMG"} <= found.tags, slug  # the test sees real fragments
        assert found.tags <= tags, (slug, found.tags - tags)
        assert found.attrs <= attrs, (slug, found.attrs - attrs)
        for link in found.links:
            scheme = re.match(r"([a-z][a-z0-9+.-]*:)", link)
            assert scheme is None or scheme[1] in schemes, (slug, link)

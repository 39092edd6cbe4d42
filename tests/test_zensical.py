"""The generated sources build with a bare `zensical build` too (issue 23): Zensical, Material for MkDocs' maintained
successor, reads the same site_src/<slug>/mkdocs.yml, INHERITs the packaged base config by its relative path and
renders our overrides with MiniJinja. MkDocs stays the engine `netvaerk build` uses; this keeps the way out open.
Zensical is pinned in requirements-test.lock. The test runs a bare `zensical build` in site_src/<slug>/.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import run
from conftest import ROOT, TODAY, copy_project

PASSPHRASE = "pavillon tun middag gryde fjerbold lime"  # tests/members/lukket.yaml's, as its other tests use it


def _pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}


@pytest.mark.parametrize(
    ("file", "slug"),
    [(ROOT / "groups" / "nordsjaelland.yaml", "nordsjaelland"), (ROOT / "tests" / "members" / "lukket.yaml", "lukket")],
)
def test_the_generated_sources_build_with_zensical(tmp_path, monkeypatch, file, slug):
    monkeypatch.setenv("NETVAERK_ADGANGSKODE_LUKKET", PASSPHRASE)
    root = copy_project(tmp_path, {file.name: file.read_bytes()})
    built = run(["build", "--today", TODAY.isoformat()], root)
    assert built.code == 0, built.err
    sources = root / "site_src" / slug
    made_by_netvaerk = _pages(root / "site" / slug)
    site = sources / "site"  # the generated config's site_dir: inside the config's folder, as Zensical requires

    command = [sys.executable, "-m", "zensical", "build", "--strict"]
    ran = subprocess.run(command, cwd=sources, capture_output=True, text=True, timeout=300)

    assert (ran.returncode, ran.stderr) == (0, "No issues found\n"), ran.stdout + ran.stderr
    # Every page netvaerk published, and the theme's 404 page (which netvaerk leaves out: the host shows its own).
    assert _pages(site) == made_by_netvaerk | {"404.html"}
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="zensical-' in index  # made by Zensical
    name = "Familieplejernes netværk Nordsjælland" if slug == "nordsjaelland" else "Familieplejere i Nordsjælland – lukket gruppe"
    assert f"{name}</title>" in index
    # Our overrides (overrides/main.html) and the base config's header icons, as MiniJinja renders them.
    assert '<link rel="stylesheet" href="./assets/netvaerk.css">' in index
    assert '<meta name="robots" content="noindex, nofollow">' in index  # neither group wants to be found
    assert '<script src="./assets/netvaerk.js"></script>' in index
    assert ('<script src="./assets/javascripts/laas.' in index) == (slug == "lukket")  # the members' lock's script
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/>' in index
    # No page runs an inline script, which the guard refuses (Zensical's palette script: overrides/partials/javascripts/
    # palette.html); only Material's settings for its bundle, which are JSON.
    for page in sorted(_pages(site)):
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", (site / page).read_text(encoding="utf-8"))
        assert set(inline) <= {' id="__config" type="application/json"'}, page

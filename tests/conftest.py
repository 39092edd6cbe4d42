"""Shared fixtures: the project, a built contract site, a local web server and headless Chromium."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from generator.builder.visibility import CI_VARIABLES

ROOT = Path(__file__).resolve().parent.parent
# Whether the suite runs in CI, where a missing browser, npm package or dictionary fails instead of skipping.
IN_CI = bool(os.environ.get("CI"))
# The builds under test run as on the organiser's own machine, whatever CI runs the suite: a CI that says nothing
# about who can read the group files refuses a members' area (builder/visibility.py). A test that is about a CI
# gives its variables itself (clirun.run's `ci`, or a subprocess's environment).
for _name in CI_VARIABLES:
    os.environ.pop(_name, None)
CONTRACT = ROOT / "groups" / "nordsjaelland.yaml"
# npm packages only the tests use (tests/js/package.json): installed by `npm ci` in tests/js.
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
TODAY = dt.date(2026, 11, 26)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output.")


def pytest_collection_modifyitems(items):
    """Every test that uses the `browser` fixture is a browser test (`make quick` leaves those out)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def read_site(site: Path) -> tuple[dict[str, str], str | None]:
    """Every HTML page of a built site by its path inside it, and its search index (None if there is none)."""
    from generator.builder.finish import html_pages

    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    index = files.get("search/search_index.json")
    return html_pages(files), None if index is None else index.decode("utf-8")


def build_one(project, path: Path, slug: str, out: Path, today, chosen=None):
    """One group built through the pipeline's stages, as `netvaerk serve` builds it (pipeline.py): its Outcome, or
    the GroupError that stopped it."""
    from generator.builder.engine import Engine
    from generator.builder.pipeline import build_group, plan, start

    run = start(project, out, today, chosen or Engine())
    (job,) = plan(run, {slug: path}, force=True)
    return build_group(run, job)


def generate_one(project, path: Path, slug: str, today):
    """One group's generated sources, as the pipeline generates them before the engine runs (with no shared files,
    as a bare `mkdocs build` of site_src/ has none); nothing is written."""
    from generator.builder.inputs import load_blobs, read_inputs
    from generator.builder.pipeline import generate_group
    from generator.site.shared import NOT_SHARED

    (inputs,) = load_blobs(project, [read_inputs(project, path)])
    return generate_group(project, inputs, slug, today, NOT_SHARED)


@functools.cache
def _shared_files() -> tuple[str, Path]:
    """The shared files (builder/shared_cache.py) for the project's own inputs, collected once per test process:
    every copy of the project starts with them, as after an earlier build (collecting takes about half a second)."""
    from generator.builder import shared_cache
    from generator.builder.engine import Engine
    from generator.builder.fingerprint import inputs_digest
    from generator.builder.pipeline import Project, shared_files

    assets = shared_files(Project(ROOT), Engine(), inputs_digest(Project(ROOT), Engine().name))
    kept = shared_cache.entry(Project(ROOT), assets.made_from)
    folder = Path(tempfile.mkdtemp(prefix="netvaerk-tema-"))
    atexit.register(shutil.rmtree, folder, True)
    shared_cache.save(folder / kept.name, assets)
    return kept.name, folder / kept.name


# A commit made by the tests: fixed author, time and settings, so its hash and the feeds' stamps never vary. At
# midnight UTC of TODAY, so a committed file gives the stamps the pure generation gives without a history.
COMMITTED = "2026-11-26T00:00:00+00:00"


def git(root: Path, *args: str, when: str = COMMITTED) -> str:
    """Run git in `root` as a test's organiser would, with commit times pinned to `when`."""
    import subprocess

    env = {
        **os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit_groups(root: Path, message: str = "Gruppefiler", when: str = COMMITTED) -> None:
    """Commit everything in groups/ (a git repository is made first when there is none)."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A", "groups")
    git(root, "commit", "-q", "--allow-empty", "-m", message, when=when)


def copy_project(target: Path, groups: dict[str, bytes] | None = None, *, kept: bool = True, committed: bool = True) -> Path:
    """A throwaway project in `target`: only groups/, as a group's repository holds (the base mkdocs.yml and the
    overrides come with the package: generator/theme/); with `kept`, also the shared files an earlier build would
    have kept in site_src/ (a test that changes the inputs gets new ones). With `committed`, the copy is a git
    repository with groups/ committed once (at COMMITTED), as an organiser's clone is; without it, a folder as a
    downloaded zip gives."""
    if kept:
        key, folder = _shared_files()
        shutil.copytree(folder, target / "site_src" / ".cache" / "tema" / key)
    (target / "groups").mkdir()
    if groups is None:
        shutil.copy(CONTRACT, target / "groups" / "nordsjaelland.yaml")
    else:
        for name, data in groups.items():
            (target / "groups" / name).write_bytes(data)
    if committed:
        commit_groups(target)
    return target


def own_theme(monkeypatch, target: Path) -> Path:
    """A copy of the packaged theme (generator/theme/: mkdocs.yml, overrides/) in target/theme, which every build
    in this test uses instead (the builds' worker processes are forked, so they see it too): for a test that
    changes the engine's files."""
    from generator.builder import project

    copy = target / "theme"
    shutil.copytree(project.THEME_FILES, copy)
    monkeypatch.setattr(project, "THEME_FILES", copy)
    return copy


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The contract group's site, built once per test session with today pinned."""
    from generator.builder.pipeline import Project

    root = copy_project(tmp_path_factory.mktemp("project"))
    build_one(Project(root), root / "groups" / "nordsjaelland.yaml", "nordsjaelland", root / "site", TODAY)
    return root / "site" / "nordsjaelland"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """An http://127.0.0.1:PORT/nordsjaelland/ base URL serving the built contract site: the whole output
    folder is served, as a host serves it, since the site's pages load the files the groups share from
    ../_tema/."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{built_site.name}/"
    server.shutdown()


# The phone's clock in every browser test starts at noon in Denmark on the day the test sites are built (and runs
# on from there, so the theme's timers work), so what the pages work out from the date (assets/netvaerk.js: the
# next meeting, past meetings) is the same on any day the suite runs. tests/test_today.py sets other dates.
PHONE_TIME = f"{TODAY.isoformat()}T12:00:00+01:00"


class PinnedBrowser:
    """Playwright's Browser, whose new contexts and pages have their clock installed at PHONE_TIME."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.clock.install(time=PHONE_TIME)
        return context

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        page.clock.install(time=PHONE_TIME)
        return page

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, its clock pinned (PinnedBrowser); skipped only outside CI when
    Chromium is missing."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield PinnedBrowser(browser)
        browser.close()


def node_modules() -> Path:
    """The npm packages the tests use; skipped only outside CI when `npm ci` has not run in tests/js."""
    if not (NODE_MODULES / "ical.js").exists() or not (NODE_MODULES / "axe-core").exists() or not shutil.which("node"):
        if IN_CI:
            pytest.fail("tests/js/node_modules is missing; .ci/run runs npm ci there")
        pytest.skip("run `npm ci` in tests/js first (node packages for the tests)")
    return NODE_MODULES

# Every build and check of a group file without 'medlemsområde:' says this once (guide/hints.py).
PUBLIC_WARNING = (
    "groups/nordsjaelland.yaml:23:1: medlemmer: advarsel: medlemmernes navne og mødestederne kan ses af alle, der har "
    "linket til siden; skriv 'medlemsområde: ja' i filen, så kun medlemmerne kan se dem, eller 'medlemsområde: nej', "
    "hvis det er meningen (se Privatliv i README)\n"
)

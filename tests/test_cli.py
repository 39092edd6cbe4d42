"""The `netvaerk` command as an organiser uses it: output, exit codes, Danish help, live preview."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import selectors
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from clirun import run
from conftest import PUBLIC_WARNING, TODAY, copy_project
from generator.danish import short_date

DAY = TODAY.isoformat()


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def test_build_prints_one_line_per_group_and_exits_0(project):
    ran = run(["build", "--today", DAY], project)
    assert (ran.code, ran.out, ran.err) == (0, "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n", PUBLIC_WARNING)
    assert (project / "site" / "nordsjaelland" / "index.html").exists()
    assert not (project / "site" / "nordsjaelland" / "sitemap.xml").exists()


def test_build_into_another_folder(project):
    ran = run(["build", "groups/nordsjaelland.yaml", "--out", "public", "--today", DAY], project)
    assert (ran.code, ran.out) == (0, "groups/nordsjaelland.yaml: 16 sider bygget i public/nordsjaelland/\n"), ran.err
    assert (project / "public" / "nordsjaelland" / "moeder" / "2027-01-12.html").exists()


def test_check_ok(project):
    ran = run(["check", "groups/nordsjaelland.yaml", "--today", DAY], project)
    assert (ran.code, ran.out, ran.err) == (0, "groups/nordsjaelland.yaml: ingen fejl (1 advarsel)\n", PUBLIC_WARNING)


def test_without_today_the_machines_date_is_used(tmp_path):
    """The one test of the real default: the expected warnings are worked out from the machine's date."""
    today = dt.date.today()
    first, last = today - dt.timedelta(days=200), today + dt.timedelta(days=120)
    text = (
        "navn: Gruppen\nformål: At mødes.\nmedlemsområde: nej\narrangør:\n  navn: Anne\nmedlemmer:\n  - navn: Anne\n  - navn: Bo\n"
        f"møder:\n  - dato: {first}\n    start: 19:00\n    sted: Biblioteket\n    ordstyrer: Anne\n    referent: Bo\n"
        f"  - dato: {last}\n    start: 19:00\n    sted: Biblioteket\n    ordstyrer: Bo\n    referent: Anne\n"
        "adresse: https://gruppen.example.dk/\n"
    )
    root = copy_project(tmp_path, {"g.yaml": text.encode()})
    ran = run(["check", "groups/g.yaml"], root)
    # Met for more than half a year without an evaluation (so "today" is not before today - 200 days + ½ year),
    # and nothing to say about planning ahead (so it is not after today + 120 days - 3 months).
    assert (ran.code, ran.out, ran.err) == (
        0,
        "groups/g.yaml: ingen fejl (1 advarsel)\n",
        f"groups/g.yaml:9:1: møder: advarsel: gruppen har mødtes i et halvt år (siden {short_date(first)}), men intet møde er "
        "markeret med 'evaluering: ja'; mødepakken råder til at evaluere indhold, form, stemning og trivsel efter et halvt år\n",
    )


def test_bad_today_is_a_usage_error(project):
    ran = run(["build", "--today", "i morgen"], project)
    assert ran.code == 2
    assert "Fejl: ugyldig værdi for --today: 'i morgen' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2027-01-12" in ran.err
    assert not (project / "site").exists()


@pytest.mark.parametrize("folder", [".", "groups"])
def test_a_folder_given_as_a_group_file_is_an_error_not_a_crash(project, folder):
    ran = run(["build", "--today", "2026-11-26", "--force", folder], project)
    message = "er en mappe, ikke en gruppefil; skriv fx groups/gruppe.yaml, eller skriv ingen fil for at bygge alle i groups/"
    assert (ran.code, ran.out, ran.err) == (1, "", f"{folder}:1:1: {message}\n")
    assert run(["serve", folder], project).err == f"{folder}:1:1: {message}\n"


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"], ["new"], ["plan"]])
def test_help_is_danish(command, tmp_path):
    ran = run([*command, "--help"], tmp_path)
    assert (ran.code, ran.err) == (0, "")
    assert ran.out.startswith(" ".join(["Brug: netvaerk", *command]))
    for english in ("Usage", "Options", "Commands", "Show this message", "[default", "PATH", "OPTIONS"):
        assert english not in ran.out


class Lines:
    """What a process prints, line by line as it comes; every wait has a deadline."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.fd = process.stdout.fileno()
        self.buffer = b""
        self.seen: list[str] = []

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.fd, selectors.EVENT_READ)
            while True:
                while b"\n" in self.buffer:
                    line, _, self.buffer = self.buffer.partition(b"\n")
                    self.seen.append(line.decode("utf-8"))
                    if found := re.fullmatch(pattern, self.seen[-1]):
                        return found
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise AssertionError(f"no line {pattern!r} within {timeout} s; the command printed {self.seen}")
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise AssertionError(f"the command stopped before printing {pattern!r}; it printed {self.seen}")
                self.buffer += chunk


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return html.unescape(response.read().decode("utf-8"))


def test_serve_rebuilds_when_the_group_file_changes_and_cleans_up(project, tmp_path_factory):
    # A separate process on purpose: `serve` runs until it is stopped, with its own server and file watcher.
    group = project / "groups" / "nordsjaelland.yaml"
    temp = tmp_path_factory.mktemp("systemets-temp")
    # libfaketime (to run the suite on another date) also fakes the monotonic clock, and timed waits in the
    # watcher's threads would then never end; the date is what matters here. No effect without libfaketime.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1", "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "netvaerk"), "serve", "groups/nordsjaelland.yaml", "--port", "0", "--today", DAY],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        lines = Lines(process)
        lines.wait_for(r"groups/nordsjaelland\.yaml: bygget \(16 sider\)")
        port = lines.wait_for(r"Se siden på http://127\.0\.0\.1:(\d+)/nordsjaelland/ \(stop med Ctrl\+C\)").group(1)
        page = _get(f"http://127.0.0.1:{port}/nordsjaelland/")
        assert "_tema/" in page and "Hillerød Bibliotek, mødelokale 2" in page
        shared = re.search(r'href="\.\./(_tema/netvaerk\.[0-9a-f]+\.css)"', page)
        assert shared and ".md-typeset" in _get(f"http://127.0.0.1:{port}/{shared[1]}")  # the shared files are served too
        page = _get(f"http://127.0.0.1:{port}/nordsjaelland/index.html")
        assert "Hillerød Bibliotek, mødelokale 2" in page and "Rådhuset" not in page

        group.write_text(group.read_text(encoding="utf-8").replace("Hillerød Bibliotek, mødelokale 2", "Rådhuset, sal 1"), encoding="utf-8")
        lines.wait_for(r"groups/nordsjaelland\.yaml: bygget \(16 sider\)")
        page = _get(f"http://127.0.0.1:{port}/nordsjaelland/index.html")
        assert "Rådhuset, sal 1" in page and "Hillerød Bibliotek, mødelokale 2" not in page
        assert [p.name[:15] for p in temp.iterdir()] == ["netvaerk-serve-"]
        assert (project / "site_src" / ".netvaerk").is_dir()
    finally:
        process.terminate()
        process.communicate(timeout=30)
    # Stopped by the system as by Ctrl+C: its temporary site and netvaerk's notes about it are gone.
    assert process.returncode == 0
    assert list(temp.iterdir()) == []
    assert not (project / "site_src" / ".netvaerk").exists()
    assert not (project / "site").exists()

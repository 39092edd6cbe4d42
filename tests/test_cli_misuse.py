"""Everything an organiser can get wrong at the terminal gives a Danish message and the README's exit code, never a
traceback: every command in the wrong folder, with a missing file, a folder for a file, a file that cannot be read,
no arguments, bad options, and `serve` on a busy port. A bug in netvaerk itself prints one Danish line saying where
its details were written (README, "Afslutningskoder": 0 ok, 1 a group file, 2 wrong use, 3 a bug)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from clirun import Ran, run
from conftest import CONTRACT, PUBLIC_WARNING, TODAY, copy_project
from generator.cli.options import command

DAY = TODAY.isoformat()
OK, GROUP_FILE, USAGE, BUG = 0, 1, 2, 3
# Each command with a group file (FIL), as an organiser types it.
WITH_FILE = {
    "build": ["build", "FIL", "--today", DAY],
    "check": ["check", "FIL", "--today", DAY],
    "plan": ["plan", "FIL", "--fra", "2027-08-10", "--hver", "2. tirsdag", "--antal", "2", "--ja"],
    "serve": ["serve", "FIL", "--port", "0", "--today", DAY],
    "adgangskode": ["adgangskode", "FIL"],
}
# What must never reach an organiser: a traceback, Python's or click's English.
ENGLISH = re.compile(r"Traceback|\b[A-Z]\w*(Error|Exception)\b|Errno|Usage:|Error:|Options:|Try '|No such|Missing|Invalid|not a valid")


def danish(ran: Ran, code: int) -> str:
    """What the command printed, after checking its exit code and that none of it is a traceback or English."""
    text = ran.out + ran.err
    assert ran.code == code, text
    assert not ENGLISH.search(text), text
    return text


def serve(args: list[str], cwd: Path) -> Ran:
    """`netvaerk serve` in a process of its own, which must stop by itself within a minute (it would serve for ever
    if it took a wrong folder, a missing file or a busy port for a good one)."""
    env = {**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "netvaerk"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def netvaerk(args: list[str], cwd: Path) -> Ran:
    return serve(args, cwd) if args[:1] == ["serve"] else run(args, cwd)


def given(command: str, file: str) -> list[str]:
    return [file if a == "FIL" else a for a in WITH_FILE[command]]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "projekt").mkdir()
    return copy_project(tmp_path / "projekt")


@pytest.fixture
def elsewhere(tmp_path):
    """A folder that is no project: the home folder, say, with a file of its own."""
    folder = tmp_path / "hjemme"
    folder.mkdir()
    (folder / "noter.txt").write_text("indkøb\n", encoding="utf-8")
    return folder


def nothing_made(folder: Path, *keep: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(keep)


# The wrong folder.


def test_build_outside_a_project_says_where_to_stand_and_makes_nothing(elsewhere):
    ran = run(["build", "--today", DAY], elsewhere)
    assert danish(ran, USAGE) == (
        f"Fejl: mappen {elsewhere} er ikke en netvaerk-projektmappe (der er ingen mappe groups/ i den); gå til projektmappen "
        "med cd, eller skriv stien til gruppefilen, fx ~/netvaerk/groups/gruppe.yaml\n"
    )
    nothing_made(elsewhere, "noter.txt")


def test_in_the_groups_folder_the_way_up_is_named(project):
    ran = run(["build", "--today", DAY], project / "groups")
    assert danish(ran, USAGE) == "Fejl: du står i mappen groups/; gå et trin op til projektmappen med: cd ..\n"
    ran = run(["new", "Gruppen"], project / "groups")
    assert danish(ran, USAGE) == "Fejl: du står i mappen groups/; gå et trin op til projektmappen med: cd ..\n"
    assert sorted(p.name for p in (project / "groups").iterdir()) == ["nordsjaelland.yaml"]


def test_a_group_file_named_from_elsewhere_is_built_in_its_own_project(project, elsewhere):
    file = str(project / "groups" / "nordsjaelland.yaml")
    ran = run(["build", file, "--today", DAY], elsewhere)
    assert danish(ran, OK) == (
        f"Projektmappen er {project} (der, hvor gruppefilen ligger); stierne herunder er i forhold til den.\n"
        "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n" + PUBLIC_WARNING
    )
    assert (project / "site" / "nordsjaelland" / "index.html").is_file()
    nothing_made(elsewhere, "noter.txt")
    # From inside groups/, by its plain name, too.
    ran = run(["check", "nordsjaelland.yaml", "--today", DAY], project / "groups")
    assert danish(ran, OK) == "nordsjaelland.yaml: ingen fejl (1 advarsel)\n" + PUBLIC_WARNING.replace("groups/", "")


def test_the_current_project_wins_for_a_group_file_kept_elsewhere(project, tmp_path):
    """As the README says: `netvaerk build ANDEN/x.yaml --out MAPPE` inside the project builds with the project."""
    outside = tmp_path / "andetsteds"
    outside.mkdir()
    (outside / "x.yaml").write_bytes((project / "groups" / "nordsjaelland.yaml").read_bytes())
    ran = run(["build", str(outside / "x.yaml"), "--out", "ud", "--today", DAY], project)
    assert ran.code == OK, ran.err
    assert "Projektmappen" not in ran.out and (project / "ud" / "x" / "index.html").is_file()
    assert not (outside / "site").exists() and not (outside / "site_src").exists()


def test_plan_from_elsewhere_names_the_file_as_typed_and_how_to_build_it(project, elsewhere):
    file = str(project / "groups" / "nordsjaelland.yaml")
    ran = run(["plan", file, "--fra", "2027-08-10", "--hver", "2. tirsdag", "--antal", "2", "--ja"], elsewhere)
    assert danish(ran, OK).endswith(f"{file}: 2 møder tilføjet. Byg siden igen med: {command(elsewhere)} build {file}\n")
    nothing_made(elsewhere, "noter.txt")


def test_adgangskode_from_elsewhere_keeps_the_passphrase_in_the_groups_project(project, elsewhere):
    file = str(project / "groups" / "nordsjaelland.yaml")
    ran = run(["adgangskode", file], elsewhere)
    assert danish(ran, OK).startswith(
        f"Projektmappen er {project} (der, hvor gruppefilen ligger); stierne herunder er i forhold til den.\n"
        "private/nordsjaelland.adgangskode: adgangskode gemt (kun du kan læse filen).\n"
    )
    assert (project / "private" / "nordsjaelland.adgangskode").is_file()
    nothing_made(elsewhere, "noter.txt")


def test_new_refuses_a_folder_with_other_files_and_starts_a_project_in_an_empty_one(elsewhere, tmp_path):
    ran = run(["new", "Familieplejere i Vejle", "--today", DAY], elsewhere)
    assert danish(ran, USAGE) == (
        f"Fejl: mappen {elsewhere} er ikke en netvaerk-projektmappe (der er ingen mappe groups/ i den); gå til projektmappen "
        "med cd, eller start et nyt projekt i en tom mappe\n"
    )
    nothing_made(elsewhere, "noter.txt")
    empty = tmp_path / "ny"
    (empty / ".git").mkdir(parents=True)  # hidden files do not count
    ran = run(["new", "Familieplejere i Vejle", "--today", DAY], empty)
    assert danish(ran, OK).startswith(f"Ny projektmappe: {empty} (mappen var tom; gruppefilerne ligger i groups/).\n")
    assert (empty / "groups" / "familieplejere-i-vejle.yaml").is_file()


@pytest.mark.parametrize("command", ["plan", "serve"])
def test_plan_and_serve_without_a_project_or_file_say_the_file_is_missing(command, elsewhere):
    ran = netvaerk(given(command, "groups/gruppe.yaml"), elsewhere)
    assert danish(ran, GROUP_FILE).endswith("groups/gruppe.yaml:1:1: filen findes ikke\n")
    nothing_made(elsewhere, "noter.txt")


# A missing file, a folder given as a file, a file that cannot be read.


@pytest.mark.parametrize("command", sorted(WITH_FILE))
def test_a_missing_file(command, project):
    ran = netvaerk(given(command, "groups/findes-ikke.yaml"), project)
    assert danish(ran, GROUP_FILE) == "groups/findes-ikke.yaml:1:1: filen findes ikke\n"
    assert not (project / "site").exists() and not (project / "private").exists()


@pytest.mark.parametrize("command", sorted(WITH_FILE))
def test_a_folder_given_as_a_file(command, project):
    ran = netvaerk(given(command, "groups"), project)
    assert danish(ran, GROUP_FILE).startswith("groups:1:1: er en mappe, ikke en gruppefil; skriv fx groups/gruppe.yaml")
    assert not (project / "site").exists() and not (project / "private").exists()


def _unreadable(project: Path, how: str) -> str:
    target = project / "groups" / "laas.yaml"
    if how == "chmod":
        if os.geteuid() == 0:
            pytest.skip("root reads a file whatever its permissions; the /proc case covers an unreadable file")
        target.write_bytes((project / "groups" / "nordsjaelland.yaml").read_bytes())
        target.chmod(0)
    else:
        if not Path("/proc/self/mem").exists():
            pytest.skip("no /proc/self/mem here (not Linux)")
        target.symlink_to("/proc/self/mem")  # reading it from the start fails with EIO, also for root
    return "groups/laas.yaml"


@pytest.mark.parametrize("how", ["chmod", "proc"])
@pytest.mark.parametrize("command", sorted(WITH_FILE))
def test_a_file_that_cannot_be_read(command, how, project):
    file = _unreadable(project, how)
    ran = netvaerk(given(command, file), project)
    text = danish(ran, GROUP_FILE)
    assert re.fullmatch(r"(?s)(.*\n)?groups/laas\.yaml:1:1: filen kan ikke læses: [^\n]+\n(.*\n)?", text), text
    assert not (project / "private").exists()


# A busy port.


def test_serve_on_a_busy_port_says_so_and_how_to_choose_another(project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        ran = serve(["serve", "groups/nordsjaelland.yaml", "--port", str(port), "--today", DAY], project)
    assert danish(ran, USAGE) == (
        f"Fejl: porten {port} er optaget, måske af en anden netvaerk serve, der stadig kører; stop den med Ctrl+C, "
        f"eller vælg en anden port, fx --port {port + 1} (eller --port 0 for en ledig)\n"
    )
    assert not (project / "site").exists()


# No arguments and bad options.


def test_netvaerk_alone_prints_its_help_once(tmp_path):
    ran = run([], tmp_path)
    text = danish(ran, USAGE)
    assert text.startswith("Brug: netvaerk [TILVALG] KOMMANDO [ARGUMENTER]...\n")
    assert text.count("Brug:") == 1 and "Fejl" not in text and "Kommandoer:" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "Brug: netvaerk check [TILVALG] FILER...\nFejl: mangler gruppefilen; skriv fx groups/gruppe.yaml (eller flere filer)\n"),
        (["plan"], "Brug: netvaerk plan [TILVALG] FIL\nFejl: mangler gruppefilen; skriv fx groups/gruppe.yaml\n"),
        (["serve"], "Brug: netvaerk serve [TILVALG] FIL\nFejl: mangler gruppefilen; skriv fx groups/gruppe.yaml\n"),
        (["adgangskode"], "Brug: netvaerk adgangskode [TILVALG] FIL\nFejl: mangler gruppefilen; skriv fx groups/gruppe.yaml\n"),
        (["new"], 'Brug: netvaerk new [TILVALG] NAVN\nFejl: mangler gruppens navn; skriv fx "Familieplejere i Aarhus Vest"\n'),
        (["bygg"], "Brug: netvaerk [TILVALG] KOMMANDO [ARGUMENTER]...\nFejl: ukendt kommando 'bygg'.\n"),
        (["serve", "groups/nordsjaelland.yaml", "--port", "abc"], None),
        (["serve", "groups/nordsjaelland.yaml", "--port", "99999"], None),
        (["plan", "groups/nordsjaelland.yaml", "--fra", "2027-08-10", "--hver", "2. tirsdag", "--antal", "mange"], None),
        (["build", "--today", "i morgen"], None),
        (["adgangskode", "groups/nordsjaelland.yaml", "--vis", "--ny"], None),
        (["adgangskode", "groups/nordsjaelland.yaml", "--vis=ja"], None),
        *[([command, "--nope"], None) for command in ("build", "check", "new", "plan", "serve", "adgangskode")],
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_no_arguments_and_bad_options_are_wrong_use(args, message, project):
    ran = run(args, project)  # serve stops at its options, before any server
    text = danish(ran, USAGE)
    assert ran.out == "" and (text.startswith("Brug: netvaerk") and "\nFejl: " in text or text.startswith("Fejl: "))
    assert "...." not in text
    if message is not None:
        assert text == message
    assert not (project / "site").exists() and not (project / "private").exists()


# A bug in netvaerk itself.


def test_a_bug_prints_one_danish_line_and_writes_its_details_to_a_file(project, tmp_path, monkeypatch):
    from generator.cli import check

    def broken(*args, **kwargs):
        raise RuntimeError("boom i check")

    monkeypatch.setattr(check, "check_on", broken)
    details = tmp_path / "temp"
    details.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(details))
    ran = run(["check", "groups/nordsjaelland.yaml"], project)
    text = danish(ran, BUG)
    written = list(details.iterdir())
    assert len(written) == 1 and written[0].name.startswith("netvaerk-fejl-")
    assert text == (
        f"Fejl i netvaerk selv (ikke i din gruppefil): kommandoen stoppede uventet. Detaljerne står i {written[0]}; "
        "send gerne den fil med, når du melder fejlen.\n"
    )
    saved = written[0].read_text(encoding="utf-8")
    assert "Kommando: netvaerk check groups/nordsjaelland.yaml" in saved
    assert "Traceback (most recent call last)" in saved and saved.rstrip().endswith("RuntimeError: boom i check")


def test_a_bug_in_one_groups_build_is_reported_the_same_way(project, tmp_path, monkeypatch):
    from generator.builder import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom i bygningen")

    monkeypatch.setattr(pipeline, "build_group", broken)  # one group: built in this process, without workers
    details = tmp_path / "temp"
    details.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(details))
    ran = run(["build", "--today", DAY], project)
    text = danish(ran, BUG)
    (written,) = details.iterdir()
    assert text == (
        f"groups/nordsjaelland.yaml: ikke bygget. Fejl i netvaerk selv (ikke i din gruppefil): kommandoen stoppede uventet. "
        f"Detaljerne står i {written}; send gerne den fil med, når du melder fejlen.\n"
    )
    assert "RuntimeError: boom i bygningen" in written.read_text(encoding="utf-8")


# Hints that work as typed.


def test_the_hints_of_new_run_as_typed_where_netvaerk_is_on_no_path(tmp_path):
    """After `make site` the organiser types `.venv/bin/netvaerk`; `new`'s next steps must then name the same, and
    work when copied into a shell whose PATH has no netvaerk."""
    folder = tmp_path / "mit-netvaerk"
    folder.mkdir()
    (folder / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    made = subprocess.run(
        [".venv/bin/netvaerk", "new", "Familieplejere i Vejle", "--today", DAY], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )
    assert made.returncode == OK, made.stderr
    steps = dict(re.findall(r"^  \d\. ([^:]+): +(.+)$", made.stdout, re.MULTILINE))
    assert steps["Tjek den"] == ".venv/bin/netvaerk check groups/familieplejere-i-vejle.yaml"
    assert steps["Byg siden"] == ".venv/bin/netvaerk build"
    checked = subprocess.run(["sh", "-c", steps["Tjek den"]], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert checked.returncode == OK and checked.stdout.startswith("groups/familieplejere-i-vejle.yaml: ingen fejl"), checked.stderr


def test_the_hints_say_netvaerk_only_when_that_name_runs_this_program(tmp_path, monkeypatch):
    venv_bin = Path(sys.executable).parent
    monkeypatch.setattr(sys, "argv", ["netvaerk"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert command(tmp_path) == str(venv_bin / "netvaerk")  # outside the folder: its whole path
    monkeypatch.setenv("PATH", f"{venv_bin}{os.pathsep}/usr/bin:/bin")  # `source .venv/bin/activate`
    assert command(tmp_path) == "netvaerk"
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert command(venv_bin.parent.parent) == f"{venv_bin.parent.name}/bin/netvaerk"  # inside it: relative, e.g. .venv/bin/netvaerk


def test_a_folder_with_only_groups_is_a_project(tmp_path):
    """What `new` makes in an empty folder. While the theme's settings (mkdocs.yml) live in the repository rather than
    in the package, such a project cannot be built: the build says so in Danish and writes nothing; once they come
    with the package, it builds."""
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "nordsjaelland.yaml").write_bytes(CONTRACT.read_bytes())
    ran = run(["build", "--today", DAY], tmp_path)
    if ran.code == GROUP_FILE:
        assert danish(ran, GROUP_FILE) == (
            "mkdocs.yml:1:1: filen mangler, og siderne kan ikke bygges uden den; byg fra netvaerk-mappen "
            "(den med mkdocs.yml og groups/)\n"
        )
        nothing_made(tmp_path, "groups")
    else:
        danish(ran, OK)
        assert (tmp_path / "site" / "nordsjaelland" / "index.html").is_file()

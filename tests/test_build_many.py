"""`netvaerk build` over many groups: parallel workers, one line per group in order, skipping unchanged groups.

The command runs in a throwaway copy of the project through `clirun.run`, so the tests see its real output
and exit code. Only the end-of-life banner tests start a separate process: the banner is printed when
mkdocs-material is first imported, which has long happened in the test process.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import generator
from clirun import Ran
from clirun import run as run_cli
from conftest import CONTRACT, PUBLIC_WARNING, commit_groups, copy_project, git, own_theme
from generator.builder import fingerprint
from generator.builder.engine import Engine
from generator.builder.fingerprint import group_fingerprint, inputs_digest, shared_fingerprint, tree
from generator.builder.inputs import read_inputs
from generator.builder.pipeline import Project, built_stamp, shared_files, start
from generator.guide.check import check
from generator.site.pages import site_facts, site_pages

NETVAERK = str(Path(sys.executable).parent / "netvaerk")
TODAY = "2026-11-26"
GOOD = CONTRACT.read_bytes()
OTHER = GOOD.replace(b"navn: Familieplejernes netv\xc3\xa6rk Nordsj\xc3\xa6lland", b"navn: Netv\xc3\xa6rket i Syd")
BROKEN = GOOD.replace(b"m\xc3\xb8deform: fysisk", b"m\xc3\xb8deform: telepati")


def _pages(data: bytes) -> int:
    group, _ = check(data, "x.yaml")
    return len(site_pages(site_facts(group, dt.date.fromisoformat(TODAY))))


def run(root: Path, *args: str) -> Ran:
    return run_cli(["build", "--today", TODAY, *args], root)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path, {"a-gruppe.yaml": GOOD, "b-fejl.yaml": BROKEN, "c-gruppe.yaml": OTHER})


def _stamp(root: Path, slug: str) -> fingerprint.Stamp | None:
    return built_stamp(Project(root), root / "site", slug)


def test_one_line_per_group_in_order_and_a_broken_group_stops_no_other(project):
    result = run(project)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"groups/a-gruppe.yaml: {_pages(GOOD)} sider bygget i site/a-gruppe/",
        f"groups/c-gruppe.yaml: {_pages(OTHER)} sider bygget i site/c-gruppe/",
    ]
    errors = [line for line in result.err.splitlines() if "medlemmernes navne og mødestederne kan ses af alle" not in line]
    assert errors[-1] == "groups/b-fejl.yaml: ikke bygget (ret fejlene ovenfor)"
    assert all(line.startswith("groups/b-fejl.yaml:") for line in errors)
    assert any("mødeform" in line and "telepati" in line for line in errors)
    assert (project / "site" / "a-gruppe" / "index.html").is_file()
    assert (project / "site" / "c-gruppe" / "index.html").is_file()
    assert not (project / "site" / "b-fejl").exists()


@pytest.mark.slow
def test_unchanged_groups_are_skipped_and_each_input_change_rebuilds(project, monkeypatch):
    theme = own_theme(monkeypatch, project)
    assert run(project).code == 1
    index = project / "site" / "a-gruppe" / "index.html"
    before = index.stat().st_ino, index.stat().st_mtime_ns

    again = run(project)
    assert again.out.splitlines() == [
        f"groups/a-gruppe.yaml: uændret siden sidst, {_pages(GOOD)} sider i site/a-gruppe/",
        f"groups/c-gruppe.yaml: uændret siden sidst, {_pages(OTHER)} sider i site/c-gruppe/",
    ]
    assert again.code == 1  # the broken group is tried again, and still fails
    assert (index.stat().st_ino, index.stat().st_mtime_ns) == before

    def built() -> list[str]:
        result = run(project, *extra)
        return [line.split(":")[0] for line in result.out.splitlines() if "bygget i" in line]

    # The group's own file: only that group is rebuilt.
    (project / "groups" / "c-gruppe.yaml").write_bytes(OTHER.replace(b"by: Hiller\xc3\xb8d", b"by: Haderslev"))
    extra = ()
    assert built() == ["groups/c-gruppe.yaml"]
    # The theme's stylesheet (overrides/), the base mkdocs.yml, "today", --force: every group.
    css = theme / "overrides" / "assets" / "netvaerk.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert built() == ["groups/a-gruppe.yaml", "groups/c-gruppe.yaml"]
    config = theme / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert built() == ["groups/a-gruppe.yaml", "groups/c-gruppe.yaml"]
    extra = ("--today", "2026-12-01")
    assert built() == ["groups/a-gruppe.yaml", "groups/c-gruppe.yaml"]
    assert built() == []
    extra = ("--today", "2026-12-01", "--force")
    assert built() == ["groups/a-gruppe.yaml", "groups/c-gruppe.yaml"]


def test_the_stamp_carries_the_fingerprint_of_its_inputs(project):
    run(project)
    proj = Project(project)
    assets = shared_files(proj, Engine(), inputs_digest(proj, Engine().name))
    shared = shared_fingerprint(assets.made_from, assets.urls)
    inputs = read_inputs(proj, project / "groups" / "a-gruppe.yaml")
    assert [r.commit for r in inputs.history.revisions] == [git(project, "rev-parse", "HEAD").strip()]
    expected = group_fingerprint(shared, "a-gruppe", inputs, dt.date.fromisoformat(TODAY))
    stamp = _stamp(project, "a-gruppe")
    assert stamp is not None and stamp.fingerprint == expected and stamp.pages == _pages(GOOD)
    assert stamp.fingerprint != _stamp(project, "c-gruppe").fingerprint


def test_the_fingerprint_covers_the_generators_code_and_templates():
    assert fingerprint.GENERATOR == Path(generator.__file__).resolve().parent
    names = {name for name, _ in tree(fingerprint.GENERATOR, "generator")}
    assert {"generator/site/pages.py", "generator/site/templates/index.md.j2", "generator/site/templates/_agenda_table.md.j2",
            "generator/builder/fingerprint.py", "generator/facts/meeting.py"} <= names


def _outcome(result, file: str) -> str:
    """What the build said about one group: "bygget" or "uændret"."""
    (line,) = [line for line in result.out.splitlines() if line.startswith(f"{file}:")]
    return "bygget" if " sider bygget i " in line else "uændret" if "uændret siden sidst" in line else line


def test_the_history_and_an_old_state_file_are_inputs_and_nothing_is_written_beside_the_group_file(tmp_path):
    """A commit that changes the group file, or an old build's state file appearing or going, rebuilds the group; a
    build writes nothing into groups/, so `git status` stays as it was."""
    root = copy_project(tmp_path)
    git(root, "add", "-A", ".")  # the whole copy, so that only what a build adds would show
    git(root, "commit", "-q", "-m", "Projektet")
    status = git(root, "status", "--porcelain", "--ignored", "groups")
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "bygget"
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "uændret"
    assert git(root, "status", "--porcelain", "--ignored", "groups") == status == ""
    assert sorted(p.name for p in (root / "groups").iterdir()) == ["nordsjaelland.yaml"]

    # The same bytes committed again (a commit that only touches another file) changes nothing.
    (root / "groups" / "andet.txt").write_text("x\n")
    commit_groups(root, "Andet", when="2026-11-21T10:00:00+00:00")
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "uændret"
    # A moved meeting, first in the working tree, then committed: each rebuilds.
    group = root / "groups" / "nordsjaelland.yaml"
    group.write_bytes(GOOD.replace(b"start: 18:00", b"start: 18:30", 1))
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "bygget"
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "uændret"
    commit_groups(root, "Flyttet", when="2026-11-22T10:00:00+00:00")
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "bygget"
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "uændret"
    # An old build's state file is read (and never written).
    old = b'{"format": 1, "events": {}}\n'
    (root / "groups" / "nordsjaelland.kalender.json").write_bytes(old)
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "bygget"
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "uændret"
    assert (root / "groups" / "nordsjaelland.kalender.json").read_bytes() == old
    (root / "groups" / "nordsjaelland.kalender.json").unlink()
    assert _outcome(run(root), "groups/nordsjaelland.yaml") == "bygget"
    assert git(root, "status", "--porcelain", "groups") == ""


def test_each_input_file_is_read_once_per_build(tmp_path, monkeypatch):
    """In-process (one worker): the group file and an old build's state file (looked up) are opened once per
    build, and the same bytes give the fingerprint and the site."""
    from generator.builder import parallel
    root = copy_project(tmp_path)
    project = Project(root)
    groups = {"nordsjaelland": root / "groups" / "nordsjaelland.yaml"}
    watched = {"nordsjaelland.yaml", "nordsjaelland.kalender.json"}
    opened: list[str] = []
    real = Path.open

    def counting(path: Path, mode="r", *args, **kwargs):
        if path.name in watched and "r" in mode:
            opened.append(path.name)
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting)
    today = dt.date.fromisoformat(TODAY)
    # No old state file (its absence is looked up once); then nothing changed; then --force.
    for force, status in ((False, "bygget"), (False, "uændret"), (True, "bygget")):
        opened.clear()
        (outcome,) = parallel.build_many(start(project, root / "site", today, Engine()), groups, force=force, workers=1)
        assert outcome.status == status, outcome.messages
        assert sorted(opened) == ["nordsjaelland.kalender.json", "nordsjaelland.yaml"]


def test_the_organisers_output_has_no_end_of_life_banner(tmp_path):
    # A separate process on purpose: the banner would come when mkdocs-material is first imported.
    root = copy_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    result = subprocess.run([NETVAERK, "build", "--today", TODAY], cwd=root, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0
    assert result.stdout == f"groups/nordsjaelland.yaml: {_pages(GOOD)} sider bygget i site/nordsjaelland/\n"
    assert result.stderr == PUBLIC_WARNING  # and nothing else


def test_no_banner_even_when_started_under_the_name_mkdocs(tmp_path):
    """mkdocs-material prints its banner when argv[0] is `mkdocs`; netvaerk silences it however it starts."""
    root = copy_project(tmp_path)
    script = f"import sys; sys.argv = ['/usr/bin/mkdocs', 'build', '--today', '{TODAY}']; from generator.cli import main; main()"
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "end of life" not in result.stderr and "Zensical" not in result.stderr
    assert result.stderr == PUBLIC_WARNING


WORKERS = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    from pathlib import Path
    from generator.builder import parallel
    from generator.builder.pipeline import Project

    def fake_build(run, job, reuse=None):
        # Stands in for a real build (and takes a moment, like one): reports which process built the group.
        time.sleep(0.05)
        return parallel.Outcome(parallel.display_path(job.path, run.project), "bygget", str(os.getpid()))

    parallel.build_job = fake_build
    root = Path.cwd()
    groups = {f"g{i:02d}": root / "groups" / f"g{i:02d}.yaml" for i in range(12)}
    run = parallel.Run(Project(root), root / "site", dt.date(2026, 11, 26), None, None, (), "")
    outcomes = list(parallel.build_many(run, groups, workers=int(sys.argv[1]) or None))
    print(parallel.cores())
    print(" ".join(o.file for o in outcomes))
    print(" ".join(sorted({o.target for o in outcomes})))
    print(os.getpid())
    """
)


@pytest.mark.parametrize("workers", [1, 2, 0])
def test_groups_are_shared_among_at_most_one_process_per_core(tmp_path, workers):
    """0: as many worker processes as the machine has cores (the command's default)."""
    root = copy_project(tmp_path, {f"g{i:02d}.yaml": GOOD for i in range(12)})
    (root / "site").mkdir()
    result = subprocess.run([sys.executable, "-c", WORKERS, str(workers)], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    cores, order, pids, parent = result.stdout.splitlines()
    assert order.split() == [f"groups/g{i:02d}.yaml" for i in range(12)]  # stable order
    used = pids.split()
    limit = workers or int(cores)
    if limit == 1:
        assert used == [parent]  # one worker: built in the command's own process
    else:
        assert parent not in used and 1 < len(used) <= limit  # a few processes, each building many groups


def test_a_bug_in_one_groups_build_is_reported_and_the_others_still_build(tmp_path, monkeypatch):
    """In-process (one worker), so nothing is forked from the test process."""
    import datetime as dt

    from generator.builder import parallel, pipeline

    root = copy_project(tmp_path, {"a.yaml": GOOD, "b.yaml": GOOD, "c.yaml": OTHER})
    real = pipeline.build_group

    def flaky(run, job, *rest):
        if job.slug == "b":
            raise RuntimeError("boom")
        return real(run, job, *rest)

    monkeypatch.setattr(pipeline, "build_group", flaky)
    project = Project(root)
    groups = {slug: root / "groups" / f"{slug}.yaml" for slug in ("a", "b", "c")}
    outcomes = list(parallel.build_many(start(project, root / "site", dt.date.fromisoformat(TODAY), Engine()), groups, workers=1))
    assert [(o.file, o.status) for o in outcomes] == [("groups/a.yaml", "bygget"), ("groups/b.yaml", "fejl"), ("groups/c.yaml", "bygget")]
    assert outcomes[1].internal and "RuntimeError: boom" in outcomes[1].messages[0]

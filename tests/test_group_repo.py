"""A group's repository is its data: the shipped CI files (skabeloner/gruppe-repo/), checked against GitLab's and
GitHub's published schemas, and a simulated CI that installs netvaerk from this checkout as a package and runs the
GitLab job's own script in a fresh clone of a repository holding only a group file and the CI file.

How netvaerk is installed, fast and without the network: the checkout's package files are copied to a temporary
folder and made into a wheel there (pip wheel --no-deps --no-build-isolation: setuptools is in the test
environment, and the checkout gets no build/ or egg-info). A fresh virtual environment is made --without-pip; one
.pth file in it lists a folder of symbolic links to the test environment's installed packages (netvaerk's pinned
dependencies, and pip), leaving out netvaerk's own editable install. The job's unchanged install line
(`python -m pip install --constraint "$NETVAERK_LAAS" "$NETVAERK"`), given the wheel's path in NETVAERK, this
checkout's requirements.lock in NETVAERK_LAAS and PIP_NO_INDEX=1, then installs netvaerk (not editable) into the
fresh environment and finds every dependency already installed at the locked version: no index, no download.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import icalendar
import pytest
from ruamel.yaml import YAML

from clirun import run
from conftest import ROOT, copy_project
from generator.builder.project import THEME_FILES

TEMPLATES = ROOT / "skabeloner" / "gruppe-repo"
GITLAB = TEMPLATES / ".gitlab-ci.yml"
GITHUB = TEMPLATES / ".github" / "workflows" / "netvaerk.yml"
MEMBERS = ROOT / "tests" / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
VARIABLE = "NETVAERK_ADGANGSKODE_LUKKET"
CHECKER = Path(sys.executable).parent / "check-jsonschema"
# A passphrase as a CI log offers it: six words of a-z from the word list with full stops between them. GitLab
# masks a variable whose value is one line of at least 8 characters, no spaces, from this alphabet.
OFFERED = re.compile(r"(?<![\w.])[a-z]+(?:\.[a-z]+){5}(?![\w.])")
GITLAB_MASKABLE = re.compile(r"[A-Za-z0-9+/=@:.~_-]{8,}")

FIRST_COMMIT, SECOND_COMMIT = "2026-11-01T10:00:00+01:00", "2026-11-20T10:00:00+01:00"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _check_schema(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECKER), "--builtin-schema", schema, str(path)], capture_output=True, text=True)


# ---------------------------------------------------------------------------------------------------------------
# The shipped CI files


@pytest.mark.parametrize(("schema", "path"), [("vendor.gitlab-ci", GITLAB), ("vendor.github-workflows", GITHUB)])
def test_the_ci_files_match_the_published_schemas(schema, path):
    ran = _check_schema(schema, path)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "ok -- validation done" in ran.stdout


@pytest.mark.parametrize(
    ("schema", "path", "old", "new"),
    [
        ("vendor.gitlab-ci", GITLAB, "access: developer", "access: medlemmer"),
        ("vendor.gitlab-ci", GITLAB, "expire_in: 30 days", "expire_in: [30, days]"),
        ("vendor.github-workflows", GITHUB, "contents: read", "contents: laese"),
    ],
)
def test_the_schema_check_catches_a_wrong_value(tmp_path, schema, path, old, new):
    """Not vacuous: the schemas know these keys, and refuse a value they do not allow."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    changed = tmp_path / path.name
    changed.write_text(text.replace(old, new), encoding="utf-8")
    assert _check_schema(schema, changed).returncode != 0


@pytest.mark.parametrize("path", [GITLAB, GITHUB])
def test_one_line_names_the_version_of_netvaerk(path):
    """Upgrading a group is one line; it names this checkout's version. The package comes from the git tag of the
    source pyproject.toml names, and every package it uses at the version requirements.lock pins at that tag."""
    project = _project()
    version = f"v{project['version']}"
    assert re.fullmatch(r"v\d+\.\d+\.\d+", version)
    text = path.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if re.search(r"\bv\d+\.\d+\.\d+\b", line)] == [f'  NETVAERK_VERSION: "{version}"']
    source = project["urls"]["Source"]
    raw = source.replace("https://github.com/", "https://raw.githubusercontent.com/")
    if path == GITLAB:
        variables = _yaml(GITLAB)["variables"]
        assert variables["NETVAERK"] == f"netvaerk @ git+{source}@${{NETVAERK_VERSION}}"
        assert variables["NETVAERK_LAAS"] == f"{raw}/${{NETVAERK_VERSION}}/requirements.lock"
    else:
        [step] = [s for s in _yaml(GITHUB)["jobs"]["build"]["steps"] if s["name"] == "Installer netvaerk"]
        assert step["env"] == {
            "NETVAERK": f"netvaerk @ git+{source}@${{{{ env.NETVAERK_VERSION }}}}",
            "NETVAERK_LAAS": f"{raw}/${{{{ env.NETVAERK_VERSION }}}}/requirements.lock",
        }
    assert f'  NETVAERK_VERSION: "{version}"' in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()  # as the README shows it


def test_the_gitlab_job():
    config = _yaml(GITLAB)
    assert set(config) == {"variables", "pages"}
    job = config["pages"]
    assert job["image"] == "python:3.12-bookworm"  # Debian's Python image: git (for the history) and tzdata
    assert job["variables"]["GIT_DEPTH"] == "0"  # the whole history, not GitLab's default of the last 20 commits
    assert job["variables"]["TZ"] == "Europe/Copenhagen"
    assert job["script"][0] == 'python -m pip install --quiet --constraint "$NETVAERK_LAAS" "$NETVAERK"'
    assert job["artifacts"] == {
        "paths": ["public", "private"], "exclude": ["private/.gitignore"], "access": "developer", "expire_in": "30 days",
    }
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert not any("git push" in line or "git commit" in line for line in job["script"])


def test_the_github_workflow():
    flow = _yaml(GITHUB)
    assert flow["permissions"] == {"contents": "read"}
    assert flow["on"]["push"] == {"branches": ["main"]} and "schedule" in flow["on"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert build["env"]["TZ"] == "Europe/Copenhagen"
    steps = {s["name"]: s for s in build["steps"]}
    assert steps["Hent filerne"]["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert steps["Installer netvaerk"]["run"] == 'python -m pip install --quiet --disable-pip-version-check --constraint "$NETVAERK_LAAS" "$NETVAERK"'
    assert steps["Byg alle grupper"]["env"]["NETVAERK_KILDER_OFFENTLIGE"] == "${{ github.event.repository.private == true && 'nej' || 'ja' }}"
    assert steps["Byg alle grupper"]["run"].splitlines()[-1] == 'netvaerk build --out "$RUNNER_TEMP/site"'
    kept = steps["Gem medlemmernes filer"]
    assert kept["if"] == "github.event.repository.private == true"
    assert kept["uses"].startswith("actions/upload-artifact@") and kept["with"]["path"] == "private/"
    assert steps["Pak siderne"]["with"]["path"] == "${{ runner.temp }}/site"
    assert not any("git push" in s.get("run", "") for s in build["steps"])


# ---------------------------------------------------------------------------------------------------------------
# The passphrase without a terminal (in-process builds, as a CI would run them)

CI_NAMES = ("CI", "GITLAB_CI", "GITHUB_ACTIONS", "CI_PROJECT_VISIBILITY", "NETVAERK_KILDER_OFFENTLIGE", VARIABLE)


def _ci_build(tmp_path, monkeypatch, **environ: str):
    for name in CI_NAMES:
        monkeypatch.delenv(name, raising=False)
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    return root, run(["build", "--today", "2026-11-26", "--out", str(tmp_path / "ude")], root, ci=environ)


def test_a_private_gitlab_project_without_the_passphrase_is_offered_one_it_can_mask(tmp_path, monkeypatch):
    root, ran = _ci_build(tmp_path, monkeypatch, CI="true", GITLAB_CI="true", CI_PROJECT_VISIBILITY="private", NETVAERK_KILDER_OFFENTLIGE="nej")
    assert ran.code == 1 and not (tmp_path / "ude" / "lukket").exists()
    [offer] = OFFERED.findall(ran.err)
    assert GITLAB_MASKABLE.fullmatch(offer)
    assert ran.err == (
        "groups/lukket.yaml:1:1: medlemsområde: adgangskoden til medlemsområdet mangler, så intet er lagt ud. Læg den ind under "
        "Settings › CI/CD › Variables › Add variable (vælg Masked) med navnet NETVAERK_ADGANGSKODE_LUKKET. Her er en "
        f"ny, som I kan bruge (kun medlemmer af dette private projekt kan læse loggen): {offer} – giv den til medlemmerne, og kør "
        "så bygningen igen\n"
        "groups/lukket.yaml: ikke bygget (ret fejlene ovenfor)\n"
    )
    # Pasted as it was offered, it opens the members' area.
    monkeypatch.setenv(VARIABLE, offer)
    again = run(["build", "--today", "2026-11-26", "--out", str(tmp_path / "ude")], root)
    assert again.code == 0, again.err
    assert (tmp_path / "ude" / "lukket" / "index.html").is_file()


def test_each_log_offers_a_new_passphrase(tmp_path, monkeypatch):
    environ = {"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "private", "NETVAERK_KILDER_OFFENTLIGE": "nej"}
    first = OFFERED.findall(_ci_build(tmp_path / "a", monkeypatch, **environ)[1].err)
    second = OFFERED.findall(_ci_build(tmp_path / "b", monkeypatch, **environ)[1].err)
    assert len(first) == len(second) == 1 and first != second


def test_a_private_github_repository_is_told_where_its_secrets_go(tmp_path, monkeypatch):
    _, ran = _ci_build(tmp_path, monkeypatch, CI="true", GITHUB_ACTIONS="true", NETVAERK_KILDER_OFFENTLIGE="nej")
    assert ran.code == 1
    assert "Læg den ind under Settings › Secrets and variables › Actions › New repository secret med navnet NETVAERK_ADGANGSKODE_LUKKET" in ran.err
    assert len(OFFERED.findall(ran.err)) == 1


@pytest.mark.parametrize(
    "environ",
    [
        {"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "internal"},  # internal is not private
        {"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "public"},
        {"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_VISIBILITY": "internal", "NETVAERK_KILDER_OFFENTLIGE": "nej"},  # contradicted
        {"CI": "true", "GITHUB_ACTIONS": "true", "NETVAERK_KILDER_OFFENTLIGE": "ja"},
        {"CI": "true", "GITHUB_ACTIONS": "true"},  # nobody said
        {"CI": "true"},
    ],
)
def test_a_log_others_may_read_offers_no_passphrase(tmp_path, monkeypatch, environ):
    _, ran = _ci_build(tmp_path, monkeypatch, **environ)
    assert ran.code == 1 and not (tmp_path / "ude" / "lukket").exists()
    assert OFFERED.findall(ran.out + ran.err) == []
    assert "Her er en ny" not in ran.err


def test_on_a_computer_the_message_is_the_terminals(tmp_path, monkeypatch):
    _, ran = _ci_build(tmp_path, monkeypatch)
    assert "netvaerk adgangskode groups/lukket.yaml" in ran.err and OFFERED.findall(ran.err) == []


# ---------------------------------------------------------------------------------------------------------------
# A repository with only groups/: what a build leaves in it


def _git(*args: str, cwd: Path, date: str = FIRST_COMMIT) -> str:
    env = {
        "PATH": os.environ["PATH"], "HOME": str(cwd), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Anne Jensen", "GIT_AUTHOR_EMAIL": "anne@example.dk", "GIT_COMMITTER_NAME": "Anne Jensen",
        "GIT_COMMITTER_EMAIL": "anne@example.dk", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _status(folder: Path) -> list[str]:
    return _git("status", "--porcelain", "--untracked-files=all", cwd=folder).splitlines()


def _data_repository(folder: Path, group: bytes = b"") -> Path:
    folder.mkdir(parents=True)
    (folder / "groups").mkdir()
    (folder / "groups" / "lukket.yaml").write_bytes(group or MEMBERS.read_bytes())
    shutil.copy(GITLAB, folder / ".gitlab-ci.yml")
    _git("init", "--quiet", "--initial-branch=main", cwd=folder)
    _git("add", ".", cwd=folder)
    _git("commit", "--quiet", "-m", "Gruppen", cwd=folder)
    return folder


@needs_git
def test_a_build_leaves_nothing_for_git(tmp_path, monkeypatch):
    """site_src/ and private/ carry a .gitignore of their own; the repository has none."""
    for name in CI_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    repo = _data_repository(tmp_path / "gruppe")
    ran = run(["build", "--today", "2026-11-26", "--out", str(tmp_path / "ude")], repo)
    assert ran.code == 0, ran.err
    assert (repo / "private" / "lukket-invitation.html").is_file() and (repo / "site_src" / "lukket" / "mkdocs.yml").is_file()
    assert _status(repo) == []
    assert (repo / "private" / ".gitignore").read_text() == (repo / "site_src" / ".gitignore").read_text()
    assert not (tmp_path / "ude" / ".gitignore").exists()  # the published folder holds only what a visitor needs


@needs_git
def test_the_generated_config_builds_with_bare_mkdocs_against_the_packaged_base(tmp_path, monkeypatch):
    """site_src/<slug>/mkdocs.yml INHERITs the mkdocs.yml shipped in the package, and `mkdocs build` in that folder
    still works."""
    for name in CI_NAMES:
        monkeypatch.delenv(name, raising=False)
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    assert run(["build", "--today", "2026-11-26"], root).code == 0
    folder = root / "site_src" / "lukket"
    config = _yaml(folder / "mkdocs.yml")
    assert (folder / config["INHERIT"]).resolve() == THEME_FILES / "mkdocs.yml"
    assert (folder / config["theme"]["custom_dir"]).resolve() == THEME_FILES / "overrides"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    ran = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet", "--site-dir", str(tmp_path / "bar")],
                         cwd=folder, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "bar" / "index.html").is_file()


# ---------------------------------------------------------------------------------------------------------------
# The simulated CI: netvaerk installed as a package, the GitLab job's script in a fresh clone


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """netvaerk's wheel, made from a copy of this checkout's package files."""
    source = tmp_path_factory.mktemp("kilde")
    for name in ("pyproject.toml", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(dist), str(source)],
        check=True, capture_output=True,
    )
    [built] = dist.glob("netvaerk-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh virtual environment without netvaerk, seeing the test environment's packages through a .pth file."""
    base = tmp_path_factory.mktemp("venv")
    folder = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    deps = base / "deps"
    deps.mkdir()
    installed = Path(sysconfig.get_paths()["purelib"])
    for entry in installed.iterdir():
        if entry.name.startswith(("netvaerk", "__editable__", "generator")) or entry.suffix == ".pth":
            continue
        (deps / entry.name).symlink_to(entry)
    python = folder / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True,
                          capture_output=True, text=True).stdout.strip()
    (Path(site) / "netvaerk-test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    ran = subprocess.run([str(python), "-c", "import generator"], cwd=base, capture_output=True, text=True)
    assert ran.returncode != 0  # netvaerk itself is not there until the job installs it
    return folder


def test_the_wheel_carries_every_file_of_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "generator"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    files = tracked or [p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert [f for f in files if f not in names] == []
    theme = [p.relative_to(ROOT).as_posix() for p in THEME_FILES.rglob("*") if p.is_file()]
    assert "generator/theme/overrides/partials/javascripts/base.html" in theme and set(theme) <= names


def _local_install(wheel: Path) -> dict[str, str]:
    """What the CI's install line gets instead of the tag and the tag's lock: this checkout's wheel and lock, and no
    index (every dependency is already installed, at the lock's versions, which the constraint checks)."""
    return {"NETVAERK": str(wheel), "NETVAERK_LAAS": str(ROOT / "requirements.lock"), "PIP_NO_INDEX": "1"}


@dataclass(frozen=True)
class Job:
    code: int
    log: str
    status_after_build: list[str]  # `git status --porcelain` right after `netvaerk build`, before the site is moved
    status_after_job: list[str]
    folder: Path


def _run_gitlab_job(folder: Path, venv: Path, wheel: Path, tmp: Path, visibility: str = "private", secrets: dict | None = None) -> Job:
    """The job's script, line by line as GitLab runs it (stopping at the first that fails), in `folder` with the
    variables GitLab sets and those the file sets; NETVAERK is the wheel, and `python` the fresh environment's."""
    config = _yaml(GITLAB)
    job = config["pages"]
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "tmp").mkdir(exist_ok=True)
    env = {
        "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp), "TMPDIR": str(tmp / "tmp"), "LANG": "C.UTF-8",
        "CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": str(folder), "CI_PROJECT_VISIBILITY": visibility,
        "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        **config["variables"], **job["variables"], **_local_install(wheel), **(secrets or {}),
    }
    status = tmp / "status-after-build"
    lines = []
    for line in job["script"]:
        lines.append(line)
        if line.startswith("netvaerk build"):
            lines.append(f"git status --porcelain --untracked-files=all > {status} 2>&1 || true")
    ran = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", "\n".join(lines)], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=900)
    after = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=folder, capture_output=True, text=True, env=env)
    return Job(ran.returncode, ran.stdout + ran.stderr, status.read_text().splitlines() if status.exists() else [],
               after.stdout.splitlines() if after.returncode == 0 else [], folder)


def _clone(repo: Path, target: Path, *, shallow: bool = False) -> Path:
    _git("clone", "--quiet", *(["--depth", "1"] if shallow else []), f"file://{repo}", str(target), cwd=repo.parent)
    return target


def _artifacts(folder: Path) -> set[str]:
    """The job's artifacts: its paths, less what `exclude` names."""
    spec = _yaml(GITLAB)["pages"]["artifacts"]
    found = {p.relative_to(folder).as_posix() for top in spec["paths"] for p in (folder / top).rglob("*") if p.is_file()}
    return found - set(spec["exclude"])


@needs_git
def test_the_gitlab_job_builds_a_data_only_repository_from_a_fresh_clone(tmp_path, venv, wheel):
    repo = _data_repository(tmp_path / "gruppe")
    job = _run_gitlab_job(_clone(repo, tmp_path / "klon"), venv, wheel, tmp_path / "job", secrets={VARIABLE: PASSPHRASE})
    assert job.code == 0, job.log
    assert "lukket.yaml: 16 sider bygget" in job.log
    site = job.folder / "public"
    assert (site / "index.html").is_file() and (site / "lukket" / "index.html").is_file() and (site / "_tema").is_dir()
    assert not (site / ".gitignore").exists()
    kept = _artifacts(job.folder)
    assert {"private/lukket-invitation.html", "public/lukket/index.html"} <= kept and "private/.gitignore" not in kept
    invitation = html.unescape((job.folder / "private" / "lukket-invitation.html").read_text(encoding="utf-8"))
    assert re.search(r"https://lukket\.example\.dk/#nv=[\w-]{43}", invitation)
    # The fresh environment's netvaerk is the wheel's, not this checkout.
    where = [str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"]
    shown = subprocess.run(where, cwd=job.folder, capture_output=True, text=True)
    assert str(venv) in shown.stdout and str(ROOT) not in shown.stdout
    # Nothing outside groups/ (the state files go with branch h-state) after the build, and after the job only the
    # public/ it moves the site into.
    assert job.status_after_build == []
    assert all(line.startswith("?? public/") for line in job.status_after_job)
    assert any(line.startswith("?? public/") for line in job.status_after_job)


@needs_git
def test_the_gitlab_job_refuses_a_members_area_unless_the_project_is_private(tmp_path, venv, wheel):
    repo = _data_repository(tmp_path / "gruppe")
    job = _run_gitlab_job(_clone(repo, tmp_path / "klon"), venv, wheel, tmp_path / "job", visibility="internal", secrets={VARIABLE: PASSPHRASE})
    assert job.code != 0
    assert "groups/lukket.yaml:1:1: medlemsområde: gruppen har et medlemsområde, men den bygges fra et offentligt repository" in job.log
    assert not (job.folder / "public").exists()
    assert OFFERED.findall(job.log) == []


@needs_git
def test_the_gitlab_job_without_the_passphrase_offers_one_and_the_offer_works(tmp_path, venv, wheel):
    repo = _data_repository(tmp_path / "gruppe")
    first = _run_gitlab_job(_clone(repo, tmp_path / "klon"), venv, wheel, tmp_path / "job")
    assert first.code != 0 and not (first.folder / "public").exists()
    [offer] = OFFERED.findall(first.log)
    assert "Settings › CI/CD › Variables › Add variable (vælg Masked) med navnet NETVAERK_ADGANGSKODE_LUKKET" in first.log
    assert GITLAB_MASKABLE.fullmatch(offer)
    again = _run_gitlab_job(_clone(repo, tmp_path / "klon2"), venv, wheel, tmp_path / "job2", secrets={VARIABLE: offer})
    assert again.code == 0, again.log
    assert OFFERED.findall(again.log) == []


# ---------------------------------------------------------------------------------------------------------------
# Two pipelines with an edit in between (needs the stateless lock and the calendar's memory from git history)

MOVED, REPLACED, DELETED = dt.date(2027, 3, 9), dt.date(2027, 5, 11), dt.date(2027, 6, 8)
UNCHANGED = (dt.date(2027, 1, 12), dt.date(2027, 2, 9), dt.date(2027, 4, 13), dt.date(2027, 4, 20))


def _edited(text: str) -> str:
    """Move one meeting's time, change another's place, delete a third."""
    moved = text.replace("  - dato: 2027-03-09\n    start: 18:00\n", "  - dato: 2027-03-09\n    start: 19:30\n")
    replaced = moved.replace(
        "  - dato: 2027-05-11\n    start: 18:00\n    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød\n",
        "  - dato: 2027-05-11\n    start: 18:00\n    sted: Hos Bo, Slotsgade 4, 3400 Hillerød\n    vært: Bo Hansen\n",
    )
    start = replaced.index("  - dato: 2027-06-08\n")
    end = replaced.find("\n  - dato:", start + 1)
    deleted = replaced[:start].rstrip("\n") + "\n" + (replaced[end + 1:] if end != -1 else "")
    assert moved != text and replaced != moved and "2027-06-08" not in deleted
    return deleted


def _feeds(site: Path) -> dict[str, bytes]:
    """The public feed and the members' feed (its name is the only one like kalender-<hex>.ics)."""
    [members] = [p for p in (site / "lukket").glob("kalender-*.ics") if re.fullmatch(r"kalender-[0-9a-f]{32}\.ics", p.name)]
    return {"public": (site / "lukket" / "kalender.ics").read_bytes(), "members": members.read_bytes(), "name": members.name.encode()}


def _events_by_date(data: bytes) -> dict[dt.date, icalendar.Event]:
    """The meetings (events with a start time; an all-day event is not one), by the date they start on."""
    calendar = icalendar.Calendar.from_ical(data)
    starts = [(event.decoded("dtstart"), event) for event in calendar.walk("VEVENT")]
    return {start.date(): event for start, event in starts if isinstance(start, dt.datetime)}


def _raw_events(data: bytes) -> dict[dt.date, bytes]:
    """Each VEVENT's exact bytes, by the date it starts on."""
    found = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        start = re.search(rb"\r\nDTSTART[^:]*:(\d{4})(\d{2})(\d{2})T", block)
        if start:  # a meeting, not an all-day event
            found[dt.date(*(int(part) for part in start.groups()))] = block
    return found


def _link(folder: Path) -> str:
    invitation = html.unescape((folder / "private" / "lukket-invitation.html").read_text(encoding="utf-8"))
    return re.search(r"https://lukket\.example\.dk/#nv=[\w-]{43}", invitation)[0]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _two_pipelines(tmp_path: Path, venv: Path, wheel: Path) -> tuple[Path, Job, Job]:
    repo = _data_repository(tmp_path / "gruppe")
    first = _run_gitlab_job(_clone(repo, tmp_path / "klon1"), venv, wheel, tmp_path / "job1", secrets={VARIABLE: PASSPHRASE})
    assert first.code == 0, first.log
    group = repo / "groups" / "lukket.yaml"
    group.write_text(_edited(group.read_text(encoding="utf-8")), encoding="utf-8")
    _git("commit", "--quiet", "-am", "Flyt et møde, skift et sted, slet et møde", cwd=repo, date=SECOND_COMMIT)
    second = _run_gitlab_job(_clone(repo, tmp_path / "klon2"), venv, wheel, tmp_path / "job2", secrets={VARIABLE: PASSPHRASE})
    assert second.code == 0, second.log
    return repo, first, second


@needs_git
def test_an_edit_between_two_fresh_clones_keeps_keys_and_tells_subscribers(tmp_path, venv, wheel, browser):
    from ical_parsers import icaljs

    _, first, second = _two_pipelines(tmp_path, venv, wheel)
    for job in (first, second):
        assert job.status_after_build == []
        assert all(line.startswith("?? public/") for line in job.status_after_job)
    before, after = _feeds(first.folder / "public"), _feeds(second.folder / "public")
    # The keys and the members' feed name are the same.
    assert after["name"] == before["name"]
    assert _link(second.folder) == _link(first.folder)
    # The moved and re-placed meetings have a higher SEQUENCE (icalendar and ical.js); the deleted one is CANCELLED.
    old, new = _events_by_date(before["members"]), _events_by_date(after["members"])
    for day in (MOVED, REPLACED):
        assert int(new[day]["SEQUENCE"]) > int(old[day]["SEQUENCE"]), day
        assert new[day].decoded("last-modified") > old[day].decoded("last-modified"), day
    assert str(new[DELETED]["STATUS"]) == "CANCELLED"
    assert int(new[DELETED]["SEQUENCE"]) > int(old[DELETED]["SEQUENCE"])
    public_old, public_new = _events_by_date(before["public"]), _events_by_date(after["public"])
    assert int(public_new[MOVED]["SEQUENCE"]) > int(public_old[MOVED]["SEQUENCE"])
    assert str(public_new[DELETED]["STATUS"]) == "CANCELLED"
    read = icaljs({"before": before["members"], "after": after["members"], "public": after["public"]}, tmp_path)
    by_date = {
        name: {dt.date.fromisoformat(e["start"]["local"][:10]): e for e in feed["events"] if not e["start"]["isDate"]}
        for name, feed in read.items()
    }
    for day in (MOVED, REPLACED):
        assert by_date["after"][day]["sequence"] > by_date["before"][day]["sequence"], day
    assert by_date["after"][MOVED]["start"]["local"].startswith("2027-03-09T19:30")
    assert by_date["after"][DELETED]["status"] == "CANCELLED" and by_date["public"][DELETED]["status"] == "CANCELLED"
    # Unchanged meetings keep their exact bytes, in both feeds.
    for feed in ("public", "members"):
        raw_old, raw_new = _raw_events(before[feed]), _raw_events(after[feed])
        for day in UNCHANGED:
            assert raw_new[day] == raw_old[day], (feed, day)
    # The first build's QR link unlocks the second build's pages in Chromium.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(second.folder / "public")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
        page = context.new_page()
        link = _link(first.folder)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/lukket/index.html{link[link.index('#'):]}")
        page.wait_for_selector(".nv-laas__aaben", state="visible", timeout=30000)
        assert "Bo Hansen" in page.inner_text("article")
        context.close()
    finally:
        server.shutdown()


def _said_why(log: str) -> bool:
    """A note or a refusal about the missing history, in Danish, naming git."""
    return "git" in log.lower() and "historik" in log.lower()


@needs_git
def test_a_shallow_clone_gives_the_same_keys_and_says_so_or_refuses_naming_the_fix(tmp_path, venv, wheel):
    repo, _, full = _two_pipelines(tmp_path, venv, wheel)
    shallow = _run_gitlab_job(_clone(repo, tmp_path / "flad", shallow=True), venv, wheel, tmp_path / "job3", secrets={VARIABLE: PASSPHRASE})
    assert _said_why(shallow.log), shallow.log
    if shallow.code == 0:
        assert _feeds(shallow.folder / "public")["name"] == _feeds(full.folder / "public")["name"]
        assert _link(shallow.folder) == _link(full.folder)
        assert shallow.status_after_build == []
    else:
        assert "GIT_DEPTH" in shallow.log and not (shallow.folder / "public").exists()


@needs_git
def test_a_downloaded_zip_gives_the_same_keys_and_says_so_or_refuses_naming_the_fix(tmp_path, venv, wheel):
    repo, _, full = _two_pipelines(tmp_path, venv, wheel)
    archive = tmp_path / "gruppe.zip"
    _git("archive", "--format=zip", "-o", str(archive), "HEAD", cwd=repo)
    folder = tmp_path / "zip"
    zipfile.ZipFile(archive).extractall(folder)
    assert not (folder / ".git").exists()
    job = _run_gitlab_job(folder, venv, wheel, tmp_path / "job3", secrets={VARIABLE: PASSPHRASE})
    assert _said_why(job.log), job.log
    if job.code == 0:
        assert _feeds(folder / "public")["name"] == _feeds(full.folder / "public")["name"]
        assert _link(folder) == _link(full.folder)
    else:
        assert not (folder / "public").exists()


@needs_git
def test_the_github_workflow_builds_a_data_only_repository_outside_its_checkout(tmp_path, venv, wheel):
    """The workflow's own install and build steps, in a fresh clone, as a private repository's run gives them its
    secrets: the site lands in $RUNNER_TEMP, the members' files in private/ for the artifact step."""
    repo = _data_repository(tmp_path / "gruppe")
    folder = _clone(repo, tmp_path / "klon")
    flow = _yaml(GITHUB)
    steps = {s["name"]: s for s in flow["jobs"]["build"]["steps"]}
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "CI": "true",
        "GITHUB_ACTIONS": "true", "RUNNER_TEMP": str(temp), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        **flow["env"], **flow["jobs"]["build"]["env"], **_local_install(wheel),
        # What GitHub fills in for a private repository with one group's secret (and its own token).
        "HEMMELIGHEDER": '{"GITHUB_TOKEN": "ghs_x", "NETVAERK_ADGANGSKODE_LUKKET": "' + PASSPHRASE + '"}',
        "NETVAERK_KILDER_OFFENTLIGE": "nej",
    }
    for name in ("Installer netvaerk", "Byg alle grupper"):
        ran = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", steps[name]["run"]], cwd=folder, env=env,
                             capture_output=True, text=True, timeout=900)
        assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (temp / "site" / "lukket" / "index.html").is_file() and (temp / "site" / "_tema").is_dir()
    assert (folder / "private" / "lukket-invitation.html").is_file()
    assert _status(folder) == []

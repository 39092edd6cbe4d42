"""Builds never lose anything: where the tool writes, what it deletes, and what a failed build leaves behind."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

import clirun
from conftest import CONTRACT, PUBLIC_WARNING, TODAY, build_one, copy_project, own_theme
from generator.builder import publish
from generator.builder.project import Project
from generator.builder.publish import prepare_output
from generator.builder.records import identity, notes
from generator.errors import GroupError
from generator.model.slug import slug_for


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, tuple[str, int]]:
    """Every file below `folder` (symlinks as their target text) with its content hash and mtime."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/")[0] in skip:
            continue
        if path.is_symlink():
            out[rel] = ("-> " + os.readlink(path), 0)
        elif path.is_file():
            out[rel] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return out


def run(project: Path, monkeypatch, *args: str) -> tuple[int, str]:
    """`netvaerk ARGS` in `project`: the exit code and what it printed (stdout, then stderr)."""
    ran = clirun.run(list(args), project)
    return ran.code, ran.out + ran.err


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project in its own folder, so that tests can look at what happens beside it."""
    root = tmp_path / "projekt"
    root.mkdir()
    return copy_project(root)


@pytest.fixture
def fresh_project(tmp_path) -> Path:
    """A copy of the project that has never been built: no site_src/ at all."""
    root = tmp_path / "projekt"
    root.mkdir()
    return copy_project(root, kept=False)


# Where the tool refuses to write


def test_refuses_the_filesystem_root(project, monkeypatch):
    assert run(project, monkeypatch, "build", "--out", "/") == (1, "/:1:1: --out: vil ikke skrive i roden af filsystemet; vælg en anden mappe, fx site\n")


def test_refuses_the_home_folder(project, monkeypatch, tmp_path):
    home = tmp_path / "hjem"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert run(project, monkeypatch, "build", "--out", str(home)) == (1, f"{home}:1:1: --out: vil ikke skrive i din hjemmemappe; vælg en anden mappe, fx site\n")


@pytest.mark.parametrize(("out", "why"), [(".", "projektets mappe eller en mappe over den"), ("..", "projektets mappe eller en mappe over den"),
                                          ("groups", "projektets egen mappe groups/"), ("site_src/x", "projektets egen mappe site_src/"),
                                          ("overrides", "projektets egen mappe overrides/")])
def test_refuses_the_project_its_parents_and_its_own_folders(project, monkeypatch, out, why):
    before = snapshot(project.parent)
    assert run(project, monkeypatch, "build", "--out", out) == (1, f"{out}:1:1: --out: vil ikke skrive i {why}; vælg en anden mappe, fx site\n")
    assert snapshot(project.parent) == before


def test_refuses_a_folder_it_did_not_create(project, monkeypatch):
    (project / "mine").mkdir()
    (project / "mine" / "billede.jpg").write_bytes(b"\xff\xd8")
    before = snapshot(project)
    assert run(project, monkeypatch, "build", "--out", "mine") == (1, "mine:1:1: --out: mappen er ikke tom og er ikke lavet af netvaerk; vælg en tom mappe\n")
    assert snapshot(project) == before


def test_refuses_a_file_and_a_symlinked_folder(project, monkeypatch, tmp_path):
    (project / "fil").write_text("x")
    assert run(project, monkeypatch, "build", "--out", "fil") == (1, "fil:1:1: --out: findes allerede og er ikke en mappe\n")
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    (project / "link").symlink_to(elsewhere)
    assert run(project, monkeypatch, "build", "--out", "link") == (1, "link:1:1: --out: mappen er et symbolsk link; vælg en almindelig mappe\n")
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_marker_is_not_trusted_or_written_through(project, monkeypatch, tmp_path):
    precious = tmp_path / "vigtig.txt"
    precious.write_text("må ikke overskrives")
    (project / "site").mkdir()
    (project / "site" / "noget.html").write_text("x")
    (project / "site" / publish.LEGACY_MARKER).symlink_to(precious)
    assert run(project, monkeypatch, "build", "--out", "site") == (1, "site:1:1: --out: mappen er ikke tom og er ikke lavet af netvaerk; vælg en tom mappe\n")
    assert precious.read_text() == "må ikke overskrives"


def test_an_empty_folder_is_taken_and_noted_outside_it(project, monkeypatch):
    (project / "tom").mkdir()
    code, output = run(project, monkeypatch, "build", "--out", "tom", "--today", TODAY.isoformat())
    assert (code, output) == (0, "groups/nordsjaelland.yaml: 16 sider bygget i tom/nordsjaelland/\n" + PUBLIC_WARNING)
    assert sorted(p.name for p in (project / "tom").iterdir()) == ["404.html", "_tema", "index.html", "nordsjaelland"]
    noted = notes(Project(project), project / "tom")
    assert noted.folder.parent == project / "site_src" / ".netvaerk"
    assert noted.output() == identity(project / "tom")
    assert noted.site_folders("nordsjaelland") == (identity(project / "tom" / "nordsjaelland"),)


# The published folder carries only what a visitor needs

CHAIR_EVERY_TIME = """navn: Testgruppen
formål: At støtte hinanden.
arrangør:
  navn: Anne Jensen
medlemmer:
  - navn: Anne Jensen
  - navn: Bo Hansen
møder:
""" + "".join(f"  - dato: {d}\n    start: 18:00\n    sted: Biblioteket\n    ordstyrer: Anne Jensen\n    referent: Bo Hansen\n"
              for d in ("2027-01-12", "2027-02-09", "2027-03-09"))


def test_the_published_folder_holds_no_notes_stamps_or_warnings(tmp_path, monkeypatch):
    project = copy_project(tmp_path, {"nordsjaelland.yaml": CONTRACT.read_bytes(), "test.yaml": CHAIR_EVERY_TIME.encode()})
    warning = "Anne Jensen er ordstyrer på alle møder"
    for status in ("sider bygget i", "uændret siden sidst"):
        code, output = run(project, monkeypatch, "build", "--today", TODAY.isoformat())
        assert code == 0 and output.count(status) == 2
        assert warning in output  # an unchanged group's warnings come back from its stamp
    out = project / "site"
    assert sorted(p.name for p in out.iterdir()) == ["404.html", "_tema", "index.html", "nordsjaelland", "test"]
    published = [p for p in out.rglob("*")]
    assert [p for p in published if p.name.startswith(".")] == []
    stamps = [json.loads(p.read_text(encoding="utf-8")) for p in Project(project).notes_for(out).glob("*.stamp.json")]
    fingerprints = {body["stamp"]["fingerprint"] for body in stamps}
    assert len(fingerprints) == 2
    for path in published:
        if path.is_file():
            data = path.read_bytes()
            assert warning.encode() not in data and b"netvaerk-site" not in data and b"netvaerk-noter" not in data, path
            assert not any(f.encode() in data for f in fingerprints), path


def test_a_site_marked_by_an_earlier_version_is_taken_over_and_unmarked(project, monkeypatch):
    """Before the notes, netvaerk marked site/ and each site/<slug>/ with a .netvaerk-site file inside them."""
    assert run(project, monkeypatch, "build", "--today", TODAY.isoformat())[0] == 0
    shutil.rmtree(project / "site_src")
    for folder in (project / "site", project / "site" / "nordsjaelland"):
        (folder / publish.LEGACY_MARKER).write_text('{"format": "netvaerk-site-2"}\n')
    code, output = run(project, monkeypatch, "build", "--today", TODAY.isoformat())
    assert (code, output) == (0, "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n" + PUBLIC_WARNING)
    assert [p for p in (project / "site").rglob(publish.LEGACY_MARKER)] == []
    assert run(project, monkeypatch, "build", "--today", TODAY.isoformat()) == (0, "groups/nordsjaelland.yaml: uændret siden sidst, 16 sider i site/nordsjaelland/\n" + PUBLIC_WARNING)


def test_without_its_notes_netvaerk_says_what_to_do_with_its_old_site(project, monkeypatch):
    assert run(project, monkeypatch, "build", "--today", TODAY.isoformat())[0] == 0
    shutil.rmtree(project / "site_src")
    before = snapshot(project / "site")
    assert run(project, monkeypatch, "build", "--today", TODAY.isoformat()) == (
        1,
        "site:1:1: --out: mappen ser ud til at indeholde sider, som netvaerk har bygget, men netvaerk har ingen noter om den i "
        "site_src/.netvaerk/ (er site_src/ slettet, eller er mappen flyttet?); slet selv mappen site, og byg så igen\n",
    )
    assert snapshot(project / "site") == before
    shutil.rmtree(project / "site")  # as the message says (make clean deletes site/ and site_src/)
    assert run(project, monkeypatch, "build", "--today", TODAY.isoformat()) == (0, "groups/nordsjaelland.yaml: 16 sider bygget i site/nordsjaelland/\n" + PUBLIC_WARNING)


# Nothing outside the output folder and site_src/


def test_a_build_writes_only_site_and_site_src_and_never_the_group_file(fresh_project, monkeypatch):
    outside = snapshot(fresh_project.parent, skip=(fresh_project.name,))
    before = snapshot(fresh_project)
    code, _ = run(fresh_project, monkeypatch, "build", "--today", TODAY.isoformat())
    assert code == 0
    after = snapshot(fresh_project)
    # Besides site/ and site_src/, a build writes only the members' private contact list: nothing in groups/ (the
    # feeds' memory comes from git) and nothing in .git/.
    written = ("site/", "site_src/", "private/")
    assert {rel: v for rel, v in after.items() if not rel.startswith(written)} == before
    assert (fresh_project / "groups" / "nordsjaelland.yaml").read_bytes() == CONTRACT.read_bytes()
    assert snapshot(fresh_project.parent, skip=(fresh_project.name,)) == outside


def test_site_src_that_is_a_symlink_is_never_cleaned(fresh_project, monkeypatch, tmp_path):
    elsewhere = tmp_path / "andetsteds"
    (elsewhere / "nordsjaelland").mkdir(parents=True)
    (elsewhere / "nordsjaelland" / "vigtig.txt").write_text("bliver")
    (fresh_project / "site_src").symlink_to(elsewhere)
    code, output = run(fresh_project, monkeypatch, "build", "--today", TODAY.isoformat())
    assert code == 1
    # Refused before anything is built: netvaerk's notes about site/ would be written through the link.
    assert output == f"{fresh_project / 'site_src'}:1:1: er et symbolsk link; netvaerk sletter og skriver ikke gennem links, så slet linket\n"
    assert (elsewhere / "nordsjaelland" / "vigtig.txt").read_text() == "bliver"
    assert sorted(p.name for p in (elsewhere / "nordsjaelland").iterdir()) == ["vigtig.txt"]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["nordsjaelland"]


def test_site_src_slug_that_is_a_symlink_or_foreign_is_never_cleaned(fresh_project, monkeypatch, tmp_path):
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    (elsewhere / "vigtig.txt").write_text("bliver")
    (fresh_project / "site_src").mkdir()
    (fresh_project / "site_src" / "nordsjaelland").symlink_to(elsewhere)
    code, output = run(fresh_project, monkeypatch, "build")
    assert code == 1
    assert output.startswith(f"{fresh_project / 'site_src' / 'nordsjaelland'}:1:1: er et symbolsk link;")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["vigtig.txt"]
    (fresh_project / "site_src" / "nordsjaelland").unlink()
    (fresh_project / "site_src" / "nordsjaelland").mkdir()
    (fresh_project / "site_src" / "nordsjaelland" / "noter.txt").write_text("mine")
    code, output = run(fresh_project, monkeypatch, "build")
    assert (code, output.splitlines()[0]) == (1, f"{fresh_project / 'site_src' / 'nordsjaelland'}:1:1: mappen er ikke lavet af netvaerk; flyt eller slet den selv")
    assert (fresh_project / "site_src" / "nordsjaelland" / "noter.txt").read_text() == "mine"


def test_an_output_slug_folder_that_is_a_symlink_is_left_alone(project, monkeypatch, tmp_path):
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    (elsewhere / "vigtig.txt").write_text("bliver")
    prepare_output(project / "site", Project(project))
    (project / "site" / "nordsjaelland").symlink_to(elsewhere)
    code, output = run(project, monkeypatch, "build")
    assert code == 1
    assert output.splitlines()[0] == "site/nordsjaelland:1:1: --out: findes allerede og er ikke lavet af netvaerk; flyt eller slet den selv"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["vigtig.txt"]
    assert sorted(p.name for p in (project / "site").iterdir()) == ["_tema", "nordsjaelland"]


def test_a_folder_made_in_place_of_netvaerks_site_is_left_alone(project, monkeypatch):
    """The notes name the very folder netvaerk swapped in, not just its path."""
    assert run(project, monkeypatch, "build", "--today", TODAY.isoformat())[0] == 0
    site = project / "site" / "nordsjaelland"
    os.rename(site, project / "gammel")
    site.mkdir()
    (site / "mine.html").write_text("mit eget")
    code, output = run(project, monkeypatch, "build", "--today", TODAY.isoformat())
    assert (code, output.splitlines()[0]) == (1, "site/nordsjaelland:1:1: --out: findes allerede og er ikke lavet af netvaerk; flyt eller slet den selv")
    assert sorted(p.name for p in site.iterdir()) == ["mine.html"]


# A failed build leaves the previous site exactly as it was


@pytest.fixture
def built(project):
    out = project / "site"
    prepare_output(out, Project(project))
    build_one(Project(project), project / "groups" / "nordsjaelland.yaml", "nordsjaelland", out, TODAY)
    return project, out


def test_an_invalid_group_file_leaves_the_previous_site(built, monkeypatch):
    project, out = built
    before = snapshot(out)
    group = project / "groups" / "nordsjaelland.yaml"
    group.write_text(group.read_text().replace("start: 18:00", "start: 25:00", 1))
    code, output = run(project, monkeypatch, "build")
    assert (code, output.splitlines()[0]) == (1, "groups/nordsjaelland.yaml:43:12: møder[1].start: klokkeslættet 25:00 findes ikke")
    assert snapshot(out) == before


def test_a_failing_mkdocs_build_leaves_the_previous_site(built, monkeypatch):
    project, out = built
    before = snapshot(out)
    config = own_theme(monkeypatch, project) / "mkdocs.yml"
    config.write_text(config.read_text() + "\nikke_en_indstilling: 1\n")
    with pytest.raises(GroupError) as caught:
        build_one(Project(project), project / "groups" / "nordsjaelland.yaml", "nordsjaelland", out, TODAY)
    assert "siden kunne ikke bygges" in str(caught.value)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["_tema", "nordsjaelland"]


def test_a_failing_swap_puts_the_previous_site_back(built, monkeypatch):
    project, out = built
    before = snapshot(out)
    real_rename, calls = os.rename, []

    def flaky_rename(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 2:  # the new site into place
            raise OSError(errno.ENOSPC, "No space left on device")
        real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", flaky_rename)
    with pytest.raises(GroupError) as caught:
        build_one(Project(project), project / "groups" / "nordsjaelland.yaml", "nordsjaelland", out, TODAY)
    assert str(caught.value) == (
        f"{out / 'nordsjaelland'}:1:1: --out: siden kunne ikke lægges på plads (der er ikke mere plads på disken); den forrige udgave er urørt"
    )
    assert len(calls) == 3
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["_tema", "nordsjaelland"]
    # The previous site is still known as netvaerk's, and is built again next time.
    monkeypatch.undo()
    assert build_one(Project(project), project / "groups" / "nordsjaelland.yaml", "nordsjaelland", out, TODAY).pages == 16


def test_a_successful_rebuild_replaces_the_site_and_cleans_up(built):
    project, out = built
    build_one(Project(project), project / "groups" / "nordsjaelland.yaml", "nordsjaelland", out, TODAY)
    assert sorted(p.name for p in out.iterdir()) == ["_tema", "nordsjaelland"]


# Slugs


@pytest.mark.parametrize(
    ("stem", "slug"),
    [("nordsjaelland", "nordsjaelland"), ("Nordsjælland", "nordsjaelland"), ("Østjylland", "oestjylland"), ("Århus Syd", "aarhus-syd"),
     ("Ærø", "aeroe"), ("gruppe_2", "gruppe-2"), ("--a..b--", "a-b"), ("Café", "cafe"), ("💡", ""), ("..", "")],
)
def test_slugs_are_lowercase_letters_digits_and_hyphens(stem, slug):
    assert slug_for(stem) == slug


def test_two_files_with_the_same_slug_are_an_error_naming_both(tmp_path, monkeypatch):
    data = CONTRACT.read_bytes()
    project = copy_project(tmp_path, {"Nordsjælland.yaml": data, "nordsjaelland.yaml": data})
    code, output = run(project, monkeypatch, "build")
    assert (code, output) == (1, "groups/nordsjaelland.yaml:1:1: giver samme adresse ('nordsjaelland') som groups/Nordsjælland.yaml; omdøb den ene fil\n")
    assert not (project / "site" / "nordsjaelland").exists()


def test_a_file_name_without_letters_or_digits_is_an_error(tmp_path, monkeypatch):
    project = copy_project(tmp_path, {"💡.yaml": CONTRACT.read_bytes()})
    code, output = run(project, monkeypatch, "build")
    assert (code, output) == (
        1,
        "groups/💡.yaml:1:1: filnavnet giver ikke en brugbar adresse (''); brug små bogstaver, tal og bindestreger\n"
        "groups/💡.yaml: ikke bygget (ret fejlene ovenfor)\n",
    )

"""generator/files.py: every write lands whole or not at all, and every failure is a Danish message naming the file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from generator import files
from generator.errors import FileExists, GroupError


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _message(caught: pytest.ExceptionInfo) -> str:
    return str(caught.value)


def test_write_file_creates_and_replaces_leaving_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    files.write_file(target, "første\n")
    files.write_file(target, b"anden\n")
    assert target.read_bytes() == b"anden\n"
    assert _names(tmp_path) == ["a.txt"]


def test_text_is_written_as_utf8_exactly_as_given(tmp_path):
    files.write_file(tmp_path / "a.txt", "æøå\r\nx\n")
    assert (tmp_path / "a.txt").read_bytes() == "æøå\r\nx\n".encode()


def test_a_replaced_file_keeps_its_permissions_and_a_mode_can_be_set(tmp_path):
    kept = tmp_path / "gruppe.yaml"
    kept.write_text("x")
    kept.chmod(0o640)
    files.write_file(kept, "y", durable=True)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    private = tmp_path / "kontakter.html"
    files.write_file(private, "hemmelig", mode=0o600)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    private.chmod(0o644)
    files.write_file(private, "hemmelig", mode=0o600)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_a_write_protected_file_is_left_alone(tmp_path):
    target = tmp_path / "gruppe.yaml"
    target.write_text("min")
    target.chmod(0o444)
    with pytest.raises(GroupError) as caught:
        files.write_file(target, "ny", shown="groups/gruppe.yaml")
    assert _message(caught) == "groups/gruppe.yaml:1:1: kunne ikke gemmes: filen er skrivebeskyttet"
    assert target.read_text() == "min"
    assert _names(tmp_path) == ["gruppe.yaml"]


@pytest.mark.parametrize(
    ("code", "why"),
    [
        (errno.EACCES, "netvaerk har ikke adgang til filen eller mappen"),
        (errno.EPERM, "netvaerk har ikke adgang til filen eller mappen"),
        (errno.EROFS, "disken er skrivebeskyttet"),
        (errno.ENOSPC, "der er ikke mere plads på disken"),
        (errno.EIO, "styresystemet meldte en fejl (EIO)"),
    ],
)
def test_failures_are_danish_and_leave_the_old_file(tmp_path, monkeypatch, code, why):
    target = tmp_path / "a.txt"
    target.write_text("gammel")

    def failing(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(GroupError) as caught:
        files.write_file(target, "ny")
    assert _message(caught) == f"{target}:1:1: kunne ikke gemmes: {why}"
    assert target.read_text() == "gammel"
    assert _names(tmp_path) == ["a.txt"]


def test_a_missing_folder_or_a_folder_in_the_way(tmp_path):
    with pytest.raises(GroupError) as caught:
        files.write_file(tmp_path / "mangler" / "a.txt", "x", shown="mangler/a.txt")
    assert _message(caught) == "mangler/a.txt:1:1: kunne ikke gemmes: mappen findes ikke"
    (tmp_path / "mappe").mkdir()
    with pytest.raises(GroupError) as caught:
        files.write_file(tmp_path / "mappe", "x", shown="mappe")
    assert _message(caught) == "mappe:1:1: kunne ikke gemmes: der ligger en mappe med det navn"


def test_create_file_never_overwrites(tmp_path):
    target = tmp_path / "groups" / "ny.yaml"
    files.create_file(target, "navn: Ny\n")
    assert target.read_text() == "navn: Ny\n"
    with pytest.raises(FileExists) as caught:
        files.create_file(target, "navn: Anden\n", shown="groups/ny.yaml")
    assert _message(caught) == "groups/ny.yaml:1:1: findes allerede"
    assert target.read_text() == "navn: Ny\n"
    assert _names(target.parent) == ["ny.yaml"]


def test_reading(tmp_path):
    assert files.read_optional(tmp_path / "ingen.json") is None
    with pytest.raises(GroupError) as caught:
        files.read_bytes(tmp_path / "ingen.yaml", "groups/ingen.yaml")
    assert _message(caught) == "groups/ingen.yaml:1:1: filen findes ikke"
    with pytest.raises(GroupError) as caught:
        files.read_optional(tmp_path, "groups")
    assert _message(caught) == "groups:1:1: filen kan ikke læses: der ligger en mappe med det navn"
    assert files.read_or_empty(tmp_path) == b""

"""The pinned installs: requirements.lock is exactly what builds the site, requirements-test.lock the rest.

`make site` (and the deploy workflow) installs requirements.lock only, so it must hold every package the
generator's dependencies pull in; the test tools stay out of it.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib

from packaging.requirements import Requirement

from conftest import ROOT

# Not imported by the generator: the Makefile's editable install (`pip install --no-build-isolation -e .`) needs it.
BUILD_BACKEND = {"setuptools"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _pins(file: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / file).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r "):
            name, _, version = line.partition("==")
            assert version, f"{file}: {line!r} is not pinned with =="
            pins[_name(name)] = version
    return pins


def _closure(names: list[str]) -> set[str]:
    """The distributions these need on this machine, through the installed packages' metadata."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = _name(todo.pop())
        if name not in seen:
            seen.add(name)
            for text in metadata.requires(name) or []:
                requirement = Requirement(text)
                if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                    todo.append(requirement.name)
    return seen


DIRECT = [Requirement(text) for text in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]]
RUNTIME = _pins("requirements.lock")
TEST = _pins("requirements-test.lock")


def test_the_runtime_lock_pins_the_direct_dependencies_as_pyproject_does():
    for requirement in DIRECT:
        assert requirement.specifier.contains(RUNTIME[_name(requirement.name)]), requirement


def test_the_runtime_lock_is_what_the_dependencies_pull_in_and_nothing_else():
    assert set(RUNTIME) == _closure([r.name for r in DIRECT]) | BUILD_BACKEND


def test_the_test_lock_adds_to_the_runtime_lock_and_repeats_none_of_it():
    assert (ROOT / "requirements-test.lock").read_text(encoding="utf-8").splitlines()[1] == "-r requirements.lock"
    assert set(TEST) & set(RUNTIME) == set()
    assert _closure(list(TEST)) <= set(TEST) | set(RUNTIME)


def test_the_tests_run_against_the_pinned_versions():
    installed = {name: metadata.version(name) for name in {**RUNTIME, **TEST}}
    assert installed == {**RUNTIME, **TEST}


def _lowest_python(name: str) -> tuple[int, ...]:
    """The lowest Python version an installed distribution accepts, from its Requires-Python (>= bounds only)."""
    spec = metadata.metadata(name).get("Requires-Python") or ""
    bounds = [tuple(int(p) for p in m.split(".")) for m in re.findall(r">=\s*([0-9]+(?:\.[0-9]+)*)", spec)]
    return max(bounds, default=(0,))


def test_the_makefile_asks_for_the_python_every_locked_package_needs():
    """`make site` on an older Python says so in Danish before it makes .venv, instead of failing deep in pip
    (Debian 12's 3.11.2 against pymdown-extensions' >=3.11.5)."""
    found = re.search(r"^MIN_PYTHON := ([0-9.]+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert found
    needed = max(_lowest_python(name) for name in {**RUNTIME, **TEST} if name not in BUILD_BACKEND)
    assert tuple(int(p) for p in found[1].split(".")) == needed

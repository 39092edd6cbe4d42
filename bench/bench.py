"""Benchmark (`make bench`, or `make bench GRUPPER=1000`): build speed against bare MkDocs, skipping unchanged
groups, memory, output size and page weight, measured in one sitting.

    .venv/bin/python bench/bench.py [--grupper N] [--gange R] [--stikprove K]

Prints:
  (a) `netvaerk build --force` of the contract group / a bare `mkdocs build` of the same generated sources, and a
      bare `zensical build --clean` of them beside a bare `mkdocs build` (when Zensical is installed: the test lock)
  (b) `netvaerk build --force` of N synthetic groups / N bare `mkdocs build` processes of their generated sources,
      each as wall-clock time and as CPU time (all processes), with the peak memory (RSS) of the largest process
  (c) `netvaerk build` of the same N groups when nothing changed, in their git repository (two commits: each group's
      file has two versions), and what reading that history adds: the git log an unchanged build runs, and the
      past versions a build of all N reads (in-process)
  (d) the output folder for N groups: total size, per group, files, the shared folder
  (e) the list of groups (site/index.html) for N groups: its size and what a visitor transfers (gzipped)
  (f) the contract site's first visit and further pages, gzipped (tests/weight.py), and what the offline copy
      (sw.js) fetches after the first visit
  (g) Lighthouse 12 on the home page and the next meeting's page, mobile, simulated slow 4G, served gzipped
      (bench/phone.py; a contract site built for today's date)

Each ratio in (b) pairs runs made right after each other (netvaerk, then the bare builds) and the median of the
rounds is shown, so a machine that gets busier or quieter during the sitting shifts both sides alike. The bare
builds are timed for a sample of K groups spread over the N (they are alike, and N of them take N × 0.6 s) and
scaled to N; K = N measures them all. Timings depend on what else the machine does: the load average is printed.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # weight.py: the page-weight measure the tests use
sys.path.insert(0, str(ROOT / "bench"))  # phone.py: Lighthouse

import phone  # noqa: E402

from generator.builder.parallel import cores  # noqa: E402
from weight import GZIP_LEVEL, gzipped, loads, weight  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = "2026-11-26"
CONTRACT = ROOT / "groups" / "nordsjaelland.yaml"
TOWNS = (
    "Aabenraa", "Ballerup", "Esbjerg", "Herning", "Holbæk", "Kolding", "Køge", "Næstved", "Odense", "Randers", "Silkeborg", "Viborg",
    "Aalborg", "Aarhus", "Roskilde",
)
# Quiet bare MkDocs too: the banner is printed, not computed, so it changes no timing.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user + system time, the process and all it waited for
    rss: int  # bytes: the peak resident memory of the largest of those processes


def git(folder: Path, *args: str, when: str = "2026-11-20T10:00:00+00:00") -> None:
    env = {
        **ENV, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid", "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def project(folder: Path, groups: dict[str, bytes], later: dict[str, bytes] | None = None) -> Path:
    """A group repository: the groups committed, and `later` (changed files) committed two weeks after, so the
    feeds' memory has a history to read, as an organiser's clone has."""
    folder.mkdir()
    (folder / "groups").mkdir()
    for name, data in groups.items():
        (folder / "groups" / name).write_bytes(data)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A", "groups")
    git(folder, "commit", "-q", "-m", "Grupperne")
    if later:
        for name, data in later.items():
            (folder / "groups" / name).write_bytes(data)
        git(folder, "commit", "-q", "-am", "Et møde flyttet i hver gruppe", when="2026-12-04T10:00:00+00:00")
    return folder


def synthetic(count: int) -> dict[str, bytes]:
    """`count` groups made from the contract file (its 7 meetings) with their own names, towns, meeting places and
    site addresses (so their calendar links and QR codes differ, as real groups' do)."""
    text = CONTRACT.read_text(encoding="utf-8")
    width = max(2, len(str(count)))
    groups = {}
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        own = (
            text.replace("navn: Familieplejernes netværk Nordsjælland", f"navn: Familieplejere i {town} – gruppe {i + 1}")
            .replace("by: Hillerød", f"by: {town}")
            .replace("Hillerød Bibliotek", f"{town} Bibliotek")
            .replace("3400 Hillerød", f"{i + 1000} {town}")
            .replace("adresse: https://nordsjaelland.example.dk/", f"adresse: https://gruppe-{i + 1}.example.dk/")
        )
        groups[f"gruppe-{i + 1:0{width}d}.yaml"] = own.encode("utf-8")
    return groups


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Run a command to its end: wall time, CPU time and peak memory of it and every process it waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}); run it by hand to see why")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def netvaerk(*args: str) -> list[str]:
    return [str(BIN / "netvaerk"), "build", "--today", TODAY, *args]


def bare(root: Path, slug: str, scratch: Path) -> list[str]:
    config = root / "site_src" / slug / "mkdocs.yml"
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(scratch / slug)]


def bare_each(root: Path, slugs: list[str], scratch: Path) -> Run:
    """One bare `mkdocs build` process per group, one after another: the totals."""
    runs = [measure(bare(root, slug, scratch)) for slug in slugs]
    shutil.rmtree(scratch, ignore_errors=True)
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.rss for r in runs))


def files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")), "")
    cpu = model or platform.processor() or platform.machine()
    return f"{cores()} cores usable ({os.cpu_count()} online), {cpu}, Python {platform.python_version()}, {platform.system()}"


def load() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def offline_copy(site: Path) -> tuple[int, int]:
    """Gzipped bytes the service worker fetches beyond the first visit (the kept files the home page did not load; the
    rest are in the browser's cache already; sw.js itself is in the first visit), and how many pages that is."""
    kept = json.loads(re.search(r"const KEEP = (\[.*?\]);", (site / "sw.js").read_text(encoding="utf-8"))[1])
    first = set(loads(site, "index.html"))
    extra = [rel for rel in kept if rel not in first]
    fetched = sum(gzipped((site / rel).read_bytes()) for rel in extra)
    return fetched, sum(rel.endswith(".html") for rel in extra)


def next_meeting(out: Path, home: str) -> str:
    """The page the home page's card links to first: the next meeting (as built)."""
    page = (out / home).read_text(encoding="utf-8")
    return posixpath.join(posixpath.dirname(home), re.search(r'class="nv-card nv-next".*?href="(moeder/[^"]+\.html)"', page, re.S)[1])


def phone_figures(tmp: Path) -> None:
    """(g): Lighthouse on a contract site built today (what the pages work out from the date is then what they were
    built with)."""
    today = project(tmp / "today", {"nordsjaelland.yaml": CONTRACT.read_bytes()})
    subprocess.run([str(BIN / "netvaerk"), "build", "--today", date.today().isoformat()], cwd=today, env=ENV, check=True, capture_output=True)
    home = "nordsjaelland/index.html"
    print("(g) " + "\n    ".join(phone.measure(today / "site", [home, next_meeting(today / "site", home)], runs=3)))


def zensical_figures(sources: Path, mkdocs: list[str], rounds: int = 10) -> str:
    """A bare `zensical build --clean` of a group's generated sources (into their own site_dir, as
    tests/test_zensical.py builds them) against a bare `mkdocs build` of them, in pairs (after one unmeasured run of
    each)."""
    if importlib.util.find_spec("zensical") is None:
        return "Zensical is not installed (requirements-test.lock pins it): no Zensical figure"
    command = [sys.executable, "-m", "zensical", "build", "--clean"]
    try:
        measure(command, sources)
        measure(mkdocs)
        pairs = [(measure(command, sources).wall, measure(mkdocs).wall) for _ in range(rounds)]
    finally:
        for made in ("site", ".cache"):
            shutil.rmtree(sources / made, ignore_errors=True)
    theirs, bare_wall = statistics.median(z for z, _ in pairs), statistics.median(m for _, m in pairs)
    return f"the same sources: bare zensical build --clean {theirs:.3f} s, bare mkdocs build {bare_wall:.3f} s (median of {rounds} pairs)"


def one_group(tmp: Path) -> Run:
    """(a), (f): the contract group."""
    one = project(tmp / "one", {"nordsjaelland.yaml": CONTRACT.read_bytes()})
    measure(netvaerk(), one)  # writes site_src/ and warms the template cache, as an organiser's earlier build did
    command = bare(one, "nordsjaelland", tmp / "bare")
    measure(command)
    ours = [measure(netvaerk("--force"), one) for _ in range(7)]
    theirs = [measure(command) for _ in range(7)]
    ours_wall, bare_wall = statistics.median(r.wall for r in ours), statistics.median(r.wall for r in theirs)
    print(f"(a) 1 group:   netvaerk build {ours_wall:.2f} s, bare mkdocs build {bare_wall:.2f} s, ratio {ours_wall / bare_wall:.2f} (target ≤ 1.2)")
    print(f"    {zensical_figures(one / 'site_src' / 'nordsjaelland', command)}")
    site = one / "site" / "nordsjaelland"
    w = weight(site)
    pages = sorted(w.pages.values())
    print(
        f"(f) contract site, gzipped: first visit {w.first_visit / 1000:.1f} KB (budget ≤ 50), "
        f"further pages {pages[0] / 1000:.1f}–{pages[-1] / 1000:.1f} KB, median {statistics.median(pages) / 1000:.1f} KB (budget ≤ 5 each), "
        f"opening the search {w.search / 1000:.1f} KB"
    )
    offline = offline_copy(site)
    print(
        f"    offline copy: the {offline[1]} pages it keeps that the first visit did not load, {offline[0] / 1000:.1f} KB gzipped, "
        "fetched in the background once the home page has loaded"
    )
    return max(ours, key=lambda r: r.rss)


def history_figures(root: Path, count: int) -> str:
    """The feeds' memory in-process: reading the history of every group, and the past versions of all of them."""
    from generator.builder.history import read_history
    from generator.builder.inputs import load_blobs, read_inputs
    from generator.builder.project import Project, group_files

    project_ = Project(root)
    paths = group_files(project_)
    logs, blobs = [], []
    for _ in range(5):
        begin = time.perf_counter()
        history = read_history(root)
        logs.append(time.perf_counter() - begin)
        inputs = [read_inputs(project_, path, history=history) for path in paths]
        begin = time.perf_counter()
        load_blobs(project_, inputs)
        blobs.append(time.perf_counter() - begin)
    versions = sum(len(i.history.revisions) for i in inputs)
    return (
        f"the feeds' memory: git log over {count} groups ({versions} file versions) {statistics.median(logs) * 1000:.0f} ms "
        f"(all an unchanged build adds); their past versions in one git cat-file (read by a --force build) "
        f"{statistics.median(blobs) * 1000:.0f} ms"
    )


def many_groups(tmp: Path, count: int, rounds: int, sample: int, single: Run) -> None:
    """(b)–(e): `count` synthetic groups."""
    groups = synthetic(count)
    # Each group's file has two committed versions: one meeting moved half an hour in the second.
    many = project(tmp / "many", groups, {name: data.replace(b"start: 18:00", b"start: 18:30", 1) for name, data in groups.items()})
    slugs = sorted(p.stem for p in (many / "groups").glob("*.yaml"))
    step = max(1, len(slugs) // sample)
    sampled = slugs[::step][:sample]
    first = measure(netvaerk(), many)  # site_src/ and the template cache: as after an organiser's first build
    print(f"    first build of {count} groups (nothing there yet): {first.wall:.1f} s")
    ours: list[Run] = []
    theirs: list[Run] = []
    for _ in range(rounds):
        ours.append(measure(netvaerk("--force"), many))
        part = bare_each(many, sampled, tmp / "bare-many")
        theirs.append(Run(part.wall * count / len(sampled), part.cpu * count / len(sampled), part.rss))
    wall = [o.wall / t.wall for o, t in zip(ours, theirs, strict=True)]
    cpu = [o.cpu / t.cpu for o, t in zip(ours, theirs, strict=True)]
    o_wall, t_wall = statistics.median(r.wall for r in ours), statistics.median(r.wall for r in theirs)
    o_cpu, t_cpu = statistics.median(r.cpu for r in ours), statistics.median(r.cpu for r in theirs)
    scaled = "" if len(sampled) == count else f" (timed for {len(sampled)} groups, scaled to {count})"
    print(
        f"(b) {count} groups: netvaerk build --force {o_wall:.1f} s ({o_wall / count * 1000:.0f} ms a group); "
        f"{count} bare mkdocs builds {t_wall:.1f} s ({t_wall / count * 1000:.0f} ms each){scaled}"
    )
    print(f"    ratio (wall clock) {statistics.median(wall):.3f} (target ≤ 0.16); rounds: {', '.join(f'{r:.3f}' for r in wall)}")
    print(
        f"    CPU time, all processes: netvaerk {o_cpu:.1f} s ({o_cpu / count * 1000:.0f} ms a group), bare {t_cpu:.1f} s "
        f"({t_cpu / count * 1000:.0f} ms each), ratio {statistics.median(cpu):.3f}"
    )
    print(
        f"    peak memory of the largest process: {mb(max(r.rss for r in ours))} for {count} groups "
        f"({mb(single.rss)} for 1 group; a bare mkdocs build: {mb(max(r.rss for r in theirs))})"
    )

    measure(netvaerk(), many)
    unchanged = statistics.median(measure(netvaerk(), many).wall for _ in range(5))
    print(f"(c) {count} unchanged groups: netvaerk build {unchanged:.2f} s (target < 2 s for 1,000), in a git repository")
    print(f"    {history_figures(many, count)}")

    out = many / "site"
    every, shared = files(out), files(out / "_tema")
    total, theme = size(every), size(shared)
    per_group = (total - theme) / count
    print(
        f"(d) output for {count} groups: {mb(total)} in {len(every)} files; a group's own folder {per_group / 1000:.1f} KB on average "
        f"({(len(every) - len(shared)) / count:.0f} files), the shared _tema/ {theme / 1000:.0f} KB once "
        f"({total / count / 1000:.1f} KB a group with it; target ≤ 250 KB)"
    )

    page = (out / "index.html").read_bytes()
    linked = [out / rel.decode() for rel in re.findall(rb'(?:href|src)="(_tema/[^"]+)"', page)]
    transferred = gz(page) + sum(gz(p.read_bytes()) for p in linked)
    print(
        f"(e) list of {count} groups (site/index.html): {len(page) / 1000:.0f} KB, {gz(page) / 1000:.1f} KB gzipped; "
        f"with its stylesheet and script a visitor transfers {transferred / 1000:.1f} KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grupper", type=int, default=50, metavar="N", help="how many synthetic groups (default 50)")
    parser.add_argument("--gange", type=int, default=3, metavar="R", help="rounds of (b) (default 3)")
    parser.add_argument("--stikprove", type=int, default=50, metavar="K", help="bare mkdocs builds timed per round (default 50)")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    print(f"Load average at start: {load()}")
    with tempfile.TemporaryDirectory(prefix="netvaerk-bench-") as tmp:
        single = one_group(Path(tmp))
        many_groups(Path(tmp), args.grupper, args.gange, min(args.stikprove, args.grupper), single)
        phone_figures(Path(tmp))
    print(f"Load average at end: {load()}")


if __name__ == "__main__":
    main()

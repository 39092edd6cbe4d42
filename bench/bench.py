"""Benchmark (`make bench`): build speed against bare MkDocs, skipping unchanged groups, and page weight.

Prints, each as the median of several runs in one sitting:
  (a) `netvaerk build --force` of the contract group / a bare `mkdocs build` of the same generated sources
  (b) `netvaerk build --force` of 50 synthetic groups / 50 separate `mkdocs build` processes, one after another
  (c) `netvaerk build` of the same 50 groups when nothing changed
  (d) the contract site's first visit and further pages, gzipped (tests/weight.py), and what the offline copy
      (sw.js) fetches after the first visit
  (e) Lighthouse 12 on the home page and the next meeting's page, mobile, simulated slow 4G, served gzipped
      (bench/phone.py; a contract site built for today's date)
Timings are wall-clock and depend on what else the machine is doing; the load average is printed.
"""

from __future__ import annotations

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
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # weight.py: the page-weight measure the tests use
sys.path.insert(0, str(ROOT / "bench"))  # phone.py: Lighthouse

import phone  # noqa: E402

from generator.build.parallel import cores  # noqa: E402
from weight import gzipped, loads, weight  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = "2026-11-26"
CONTRACT = ROOT / "groups" / "nordsjaelland.yaml"
TOWNS = (
    "Aabenraa", "Ballerup", "Esbjerg", "Herning", "Holbæk", "Kolding", "Køge", "Næstved", "Odense", "Randers", "Silkeborg", "Viborg",
    "Aalborg", "Aarhus", "Roskilde",
)
# Quiet bare MkDocs too: the banner is printed, not computed, so it changes no timing.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def project(folder: Path, groups: dict[str, bytes]) -> Path:
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "groups").mkdir()
    for name, data in groups.items():
        (folder / "groups" / name).write_bytes(data)
    return folder


def synthetic(count: int) -> dict[str, bytes]:
    """`count` groups made from the contract file with their own names, towns and meeting places."""
    text = CONTRACT.read_text(encoding="utf-8")
    groups = {}
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        own = (
            text.replace("navn: Familieplejernes netværk Nordsjælland", f"navn: Familieplejere i {town} – gruppe {i + 1}")
            .replace("by: Hillerød", f"by: {town}")
            .replace("Hillerød Bibliotek", f"{town} Bibliotek")
            .replace("3400 Hillerød", f"{i + 1000} {town}")
        )
        groups[f"gruppe-{i + 1:02d}.yaml"] = own.encode("utf-8")
    return groups


def seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


def netvaerk(*args: str) -> list[str]:
    return [str(BIN / "netvaerk"), "build", "--today", TODAY, *args]


def mkdocs_each(root: Path, slugs: list[str], scratch: Path) -> float:
    start = time.perf_counter()
    for slug in slugs:
        config = root / "site_src" / slug / "mkdocs.yml"
        command = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(scratch / slug)]
        subprocess.run(command, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def offline_copy(site: Path) -> tuple[int, int]:
    """Gzipped bytes the service worker fetches beyond the first visit (sw.js, and the kept files the home page did
    not load; the rest are in the browser's cache already), and how many pages that is."""
    kept = json.loads(re.search(r"const KEEP = (\[.*?\]);", (site / "sw.js").read_text(encoding="utf-8"))[1])
    first = set(loads(site, "index.html"))
    extra = [rel for rel in kept if rel not in first]
    return gzipped((site / "sw.js").read_bytes()) + sum(gzipped((site / rel).read_bytes()) for rel in extra), sum(r.endswith(".html") for r in extra)


def next_meeting(out: Path, home: str) -> str:
    """The page the home page's card links to first: the next meeting (as built)."""
    page = (out / home).read_text(encoding="utf-8")
    return posixpath.join(posixpath.dirname(home), re.search(r'class="nv-card nv-next".*?href="(moeder/[^"]+\.html)"', page, re.S)[1])


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")), "")
    cpu = model or platform.processor() or platform.machine()
    return f"{cores()} cores usable ({os.cpu_count()} online), {cpu}, Python {platform.python_version()}, {platform.system()}"


def load() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def main() -> None:
    print(f"Machine: {machine()}")
    print(f"Load average at start: {load()}")
    with tempfile.TemporaryDirectory(prefix="netvaerk-bench-") as tmp:
        tmp = Path(tmp)

        # (a) one group
        one = project(tmp / "one", {"nordsjaelland.yaml": CONTRACT.read_bytes()})
        seconds(netvaerk(), one)  # writes site_src/ and warms the template cache, as an organiser's earlier build did
        config = one / "site_src" / "nordsjaelland" / "mkdocs.yml"
        bare = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(tmp / "bare")]
        seconds(bare, one)
        ours_a = median(7, lambda: seconds(netvaerk("--force"), one))
        bare_a = median(7, lambda: seconds(bare, one))
        print(f"(a) 1 group:   netvaerk build {ours_a:.2f} s, bare mkdocs build {bare_a:.2f} s, ratio {ours_a / bare_a:.2f} (target ≤ 1.2)")

        # (b) 50 groups
        many = project(tmp / "many", synthetic(50))
        slugs = [f"gruppe-{i + 1:02d}" for i in range(50)]
        seconds(netvaerk(), many)
        ours_b = median(3, lambda: seconds(netvaerk("--force"), many))
        bare_b = median(3, lambda: mkdocs_each(many, slugs, tmp / "bare-many"))
        print(
            f"(b) 50 groups: netvaerk build {ours_b:.2f} s, 50 mkdocs build processes {bare_b:.2f} s, ratio {ours_b / bare_b:.2f} (target ≤ 0.3)"
        )

        # (c) 50 unchanged groups
        seconds(netvaerk(), many)
        unchanged = median(5, lambda: seconds(netvaerk(), many))
        print(f"(c) 50 unchanged groups: netvaerk build {unchanged:.2f} s (target < 1 s)")

        # (d) page weight of the contract site
        site = one / "site" / "nordsjaelland"
        w = weight(site)
        pages = sorted(w.pages.values())
        print(
            f"(d) contract site, gzipped: first visit {w.first_visit / 1000:.1f} KB (budget ≤ 90), "
            f"further pages {pages[0] / 1000:.1f}–{pages[-1] / 1000:.1f} KB, median {statistics.median(pages) / 1000:.1f} KB (budget < 6 each)"
        )
        offline = offline_copy(site)
        print(
            f"    offline copy: sw.js and the {offline[1]} pages it keeps that the first visit did not load, {offline[0] / 1000:.1f} KB gzipped, "
            "fetched in the background once the home page has loaded"
        )

        # (e) Lighthouse, on a site built today (what the pages work out from the date is then what they were built with)
        today = project(tmp / "today", {"nordsjaelland.yaml": CONTRACT.read_bytes()})
        subprocess.run([str(BIN / "netvaerk"), "build", "--today", date.today().isoformat()], cwd=today, env=ENV, check=True, capture_output=True)
        home = "nordsjaelland/index.html"
        print("(e) " + "\n    ".join(phone.measure(today / "site", [home, next_meeting(today / "site", home)], runs=3)))
    print(f"Load average at end: {load()}")


if __name__ == "__main__":
    main()

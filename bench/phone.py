"""Lighthouse 12 on a member's phone: the contract site served gzipped, mobile, simulated slow 4G, several runs.

Prints for the home page and a meeting page the four category scores and the main metrics of every run, their
medians, every audit that scored below 1 in some run, and the largest-contentful-paint element as Chromium
reports it: Lighthouse 12.2.3's own largest-contentful-paint-element audit fails with Chromium 156, so the
element comes from a PerformanceObserver in Playwright instead. Single runs vary a lot; judge on the medians.

Needs bench/lighthouse/node_modules (`make bench` runs `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` there; Lighthouse 13
needs Node 22) and Debian's chromium. Alone, on a site built already:
    .venv/bin/python bench/phone.py site nordsjaelland/index.html nordsjaelland/moeder/2027-02-09.html --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import serving  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = " ".join(
    ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
     "--disable-component-update", "--disable-sync")
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "largest-contentful-paint": ("LCP", "s"),
    "first-contentful-paint": ("FCP", "s"),
    "speed-index": ("SI", "s"),
    "total-blocking-time": ("TBT", "ms"),
    "cumulative-layout-shift": ("CLS", ""),
}
# noindex is on purpose (soegemaskiner: nej), so is-crawlable fails by design.
EXPECTED_FAILURES = {"is-crawlable"}
LCP_ELEMENT = """() => new Promise(done => {
  let last = null;
  new PerformanceObserver(list => { for (const e of list.getEntries()) last = e; })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => {
    const el = last && last.element;
    done(el ? `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : ""}`
      + ` "${(el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50)}" (${Math.round(last.startTime)} ms unthrottled)` : "none");
  }, 1000);
})"""


def available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not LIGHTHOUSE.exists():
        return "bench/lighthouse/node_modules is missing (PUPPETEER_SKIP_DOWNLOAD=1 npm ci in bench/lighthouse)"
    if not Path(CHROMIUM).exists():
        return "chromium is not installed"
    return None


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling: Lighthouse's defaults), as its JSON report."""
    command = [
        str(LIGHTHOUSE), url, f"--chrome-flags={FLAGS}", "--form-factor=mobile", "--throttling-method=simulate",
        f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={out}", "--quiet",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def below_one(report: dict, weighted: bool) -> set[str]:
    """The audits of the four categories that did not get full marks: those that count in a category's score
    (`weighted`), or the diagnostics that do not (performance's opportunities)."""
    audits = report["audits"]
    found = set()
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            scored = audit.get("score") is not None and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            if scored and audit["score"] < 1 and (ref.get("weight", 0) > 0) == weighted:
                found.add(ref["id"])
    return found


def lcp_elements(urls: list[str]) -> dict[str, str]:
    """The LCP element of each page at 360×640 (no throttling: this is about which element, not when)."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=3, is_mobile=True, has_touch=True)
        for url in urls:
            page = context.new_page()
            page.goto(url, wait_until="load")
            found[url] = page.evaluate(LCP_ELEMENT)
            page.close()
        browser.close()
    return found


def _spread(values: list[float], unit: str) -> str:
    scale, digits = (0.001, 2) if unit == "s" else (1, 0 if unit == "ms" else 3)
    shown = [round(v * scale, digits) for v in values]
    middle = statistics.median(shown)
    return f"{middle:.{digits}f}{(' ' + unit) if unit else ''} ({min(shown):.{digits}f}–{max(shown):.{digits}f})"


def measure(site: Path, pages: list[str], runs: int) -> list[str]:
    """Lines to print: Lighthouse on each page of the served folder `site`, `runs` times each."""
    why = available()
    if why:
        return [f"Lighthouse not run: {why}"]
    lines = []
    with serving(site) as base, tempfile.TemporaryDirectory(prefix="netvaerk-lh-") as tmp:
        elements = lcp_elements([base + page for page in pages])
        version = ""
        for page in pages:
            reports = [lighthouse(base + page, Path(tmp) / f"run-{i}.json") for i in range(runs)]
            version = reports[0]["lighthouseVersion"]
            scores = {c: [r["categories"][c]["score"] for r in reports] for c in CATEGORIES}
            metrics = {k: [r["audits"][k]["numericValue"] for r in reports] for k in METRICS}
            failing = sorted(set().union(*(below_one(r, weighted=True) for r in reports)))
            diagnostics = sorted(set().union(*(below_one(r, weighted=False) for r in reports)))
            lines.append(f"  {page}:")
            lines.append("    " + ", ".join(f"{c} {statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f})" for c, v in scores.items()))
            lines.append("    " + ", ".join(f"{METRICS[k][0]} {_spread(v, METRICS[k][1])}" for k, v in metrics.items()))
            unexpected = [a for a in failing if a not in EXPECTED_FAILURES]
            expected = [a for a in failing if a in EXPECTED_FAILURES]
            by_design = f"; by design: {', '.join(expected)}" if expected else ""
            lines.append(f"    scored audits below 1 in some run: {', '.join(unexpected) or 'none'}{by_design}")
            lines.append(f"    diagnostics flagged (not scored): {', '.join(diagnostics) or 'none'}")
            lines.append(f"    LCP element: {elements[base + page]}")
    return [f"Lighthouse {version}, mobile, simulated slow 4G, served gzipped; {runs} runs per page, median (min–max):", *lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the output folder to serve (e.g. site)")
    parser.add_argument("pages", nargs="+", help="pages below it, e.g. nordsjaelland/index.html")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(measure(args.site, args.pages, args.runs)))


if __name__ == "__main__":
    main()

"""The contract site on a phone, in headless Chromium: every page at 360×640 and 390×844.

Each page is visited once per size (one browser, one context per size); the visit records what the
page showed, logged and requested, and the tests below check it. Screenshots of the home page and of
the next meeting's page go to test-artifacts/.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import NODE_MODULES, ROOT, node_modules
from generator.site.icons import png_pixels
from weight import loads

SIZES = {"360x640": (360, 640), "390x844": (390, 844)}
TABS = 2  # pages loading while one is measured
ARTIFACTS = ROOT / "test-artifacts"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# The calendar feed's buttons, as the calendar work adds them to the card's actions (see test below).
CALENDAR_BUTTONS = ("Tilføj til kalender", "Abonnér")

MEASURE = """() => {
  const vw = innerWidth, vh = innerHeight;
  const shown = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && +s.opacity > 0
      && r.right > 0 && r.left < vw;
  };
  // A target counts when a tap at its centre reaches it (scrolled into view first), not when it is covered or off-canvas.
  const tappable = el => {
    if (!shown(el)) return false;
    el.scrollIntoView({block: "center", inline: "nearest"});
    const r = el.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit) || hit.closest("label") === el);
  };
  const name = el => el.tagName.toLowerCase()
    + (el.className && el.className.baseVal === undefined && el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : "")
    + " '" + (el.textContent || "").trim().slice(0, 30) + "'";
  const box = el => {
    const r = el.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right, width: r.width, height: r.height};
  };
  const sentence = a => {
    const block = a.closest("p, li, td, th, dd, figcaption");
    return block && !block.classList.contains("nv-back") && block.textContent.trim().length > a.textContent.trim().length
      && !(a.closest("li") && getComputedStyle(a).display !== "inline");
  };
  const card = document.querySelector(".nv-next");
  const cardBox = card && box(card);
  const targets = [...document.querySelectorAll("a[href], button, label[for], input:not([type=hidden]), summary")]
    .filter(el => !(el.tagName === "A" && sentence(el)) && tappable(el))
    .map(el => ({name: name(el), width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height}));
  scrollTo(0, 0);
  const textBlocks = [
    ...document.querySelectorAll(".md-typeset p, .md-typeset li, .md-typeset td, .md-typeset th, .md-typeset .admonition-title, .md-typeset pre")
  ]
    .filter(el => shown(el) && el.textContent.trim())
    .map(el => ({name: name(el), size: parseFloat(getComputedStyle(el).fontSize), small: !!el.closest("small")}));
  const wide = [...document.querySelectorAll(".md-main *")]
    .filter(el => shown(el) && el.getBoundingClientRect().right > vw + 0.5).map(name);
  const clipped = [...document.querySelectorAll(".md-typeset table, .md-typeset pre, .md-typeset__scrollwrap")]
    .filter(el => shown(el) && el.scrollWidth > el.clientWidth + 1).map(name);
  const lines = sel => [...document.querySelectorAll(sel)].map(card =>
    [".nv-date", ".nv-time", ".nv-place"].map(s => card.querySelector(s)).filter(Boolean).map(box));
  const agendas = [...document.querySelectorAll("table.nv-agenda")].map(t => [...t.tBodies[0].rows].map(row => {
    const clock = row.cells[0], svg = row.querySelector("svg"), rect = svg && svg.querySelector("rect");
    const range = document.createRange(); range.selectNodeContents(clock);
    const s = svg && svg.getBoundingClientRect(), r = rect && rect.getBoundingClientRect();
    return {clock: clock.textContent.trim(), clockLines: range.getClientRects().length,
            svg: s && {left: s.left, width: s.width, height: s.height}, rect: r && {left: r.left, width: r.width},
            hidden: svg ? svg.getAttribute("aria-hidden") : null};
  }));
  return {
    lang: document.documentElement.lang, vw, vh,
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    wide, clipped, targets, textBlocks, agendas,
    cards: lines(".nv-card"),
    card: cardBox,
    actions: card ? [...card.querySelectorAll(".nv-actions a")].filter(a => shown(a)).map(a => a.textContent.trim()) : [],
    scheme: getComputedStyle(document.body).colorScheme,
    background: getComputedStyle(document.body).backgroundColor,
  };
}"""

ADD_CALENDAR_BUTTONS = """names => {
  const actions = [...document.querySelectorAll(".nv-next .nv-actions")].find(p => p.checkVisibility());
  const have = [...actions.querySelectorAll("a")].map(a => a.textContent.trim());
  for (const name of names) {
    if (have.includes(name)) continue;
    const a = document.createElement("a");
    a.className = "md-button"; a.href = "#"; a.textContent = name;
    actions.append(" ", a);
  }
  return document.querySelector(".nv-next").getBoundingClientRect().bottom;
}"""


@dataclass
class Visit:
    url: str
    facts: dict = field(default_factory=dict)
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    violations: list[dict] | None = None


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _open(context, base: str, rel: str) -> tuple:
    """Start loading a page in a new tab (other tabs keep loading meanwhile) and listen to it."""
    page = context.new_page()
    visit = Visit(rel)
    pending: set = set()
    page.on("console", lambda m: visit.console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.console.append(str(e)))
    page.on("requestfailed", lambda r: (visit.failed.append(f"{r.url} ({r.failure})"), pending.discard(r)))
    page.on("response", lambda r: visit.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
    page.on("request", lambda r: (visit.requests.append(r.url), pending.add(r)))
    page.on("requestfinished", lambda r: pending.discard(r))
    response = page.goto(base + rel, wait_until="commit")
    if response is None or response.status >= 400:
        visit.failed.append(f"{base + rel} ({response and response.status})")
    return page, visit, pending


def _finish(page, visit: Visit, pending: set, axe: str | None) -> Visit:
    """Wait for the page to settle, then record what it shows and what axe finds."""
    page.wait_for_load_state("load")
    _settle(page, visit, pending)
    visit.facts = page.evaluate(MEASURE)
    if axe is not None:
        page.add_script_tag(content=axe)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        visit.violations = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return visit


def _settle(page, visit: Visit, pending: set) -> None:
    """Wait until nothing is in flight for 150 ms (quicker than Playwright's networkidle, which always waits
    500 ms). The search and Material's script are not loaded until the search is opened (tests/test_search.py)."""
    quiet = 0
    for _ in range(200):
        if pending:
            quiet = 0
        else:
            quiet += 1
            if quiet == 3:
                return
        page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def visits(browser, site_server, built_site) -> dict[tuple[str, str], Visit]:
    """Every page at both sizes, in light mode; plus the home and next meeting page in dark mode."""
    axe = AXE.read_text(encoding="utf-8") if AXE.exists() else None
    ARTIFACTS.mkdir(exist_ok=True)
    found: dict[tuple[str, str], Visit] = {}
    runs = [(size, "light", _pages(built_site)) for size in SIZES]
    runs.append(("360x640", "dark", ["index.html", _next_meeting_page(built_site)]))
    shots = {"index.html": "forside", _next_meeting_page(built_site): "moede"}
    for size, scheme, pages in runs:
        width, height = SIZES[size]
        key = f"{size}-{scheme}" if scheme == "dark" else size
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, device_scale_factor=1)
        # A few tabs at a time: one is measured while the next ones load (a fresh tab per page keeps logs apart).
        window: list[tuple] = []
        for rel in [*pages, *[None] * TABS]:
            if rel is not None:
                window.append(_open(context, site_server, rel))
            if len(window) > TABS or (rel is None and window):
                page, visit, pending = window.pop(0)
                found[(key, visit.url)] = _finish(page, visit, pending, axe)
                if visit.url in shots:
                    name = f"{shots[visit.url]}-{size}" + ("-moerk" if scheme == "dark" else "")
                    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=(shots[visit.url] == "moede"))
                page.close()
        context.close()
    return found


def _next_meeting_page(site: Path) -> str:
    """The page the home page's card links to (the next meeting)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="nv-card nv-next"') :]
    return re.search(r'href="(moeder/[^"]+\.html)"', card).group(1)


def _report(problems: list[str]) -> str:
    return "\n".join(problems)


def test_every_page_was_visited_at_both_sizes(visits, built_site):
    pages = _pages(built_site)
    assert len(pages) >= 15
    assert {(size, rel) for size in SIZES for rel in pages} <= set(visits)


def test_lang_is_danish(visits):
    assert {v.facts["lang"] for v in visits.values()} == {"da"}


def test_no_horizontal_overflow(visits):
    problems = []
    for (size, rel), v in visits.items():
        f = v.facts
        if f["scrollWidth"] > f["vw"]:
            problems.append(f"{size} {rel}: page is {f['scrollWidth']} px wide, screen {f['vw']} px")
        if f["wide"]:
            problems.append(f"{size} {rel}: sticks out to the right: {f['wide'][:3]}")
        if f["clipped"]:
            problems.append(f"{size} {rel}: scrolls sideways inside: {f['clipped'][:3]}")
    assert not problems, _report(problems)


def test_no_console_errors_and_no_failed_requests(visits):
    problems = [f"{size} {rel}: console: {m}" for (size, rel), v in visits.items() for m in v.console]
    problems += [f"{size} {rel}: failed: {m}" for (size, rel), v in visits.items() for m in v.failed]
    assert not problems, _report(problems)


def test_no_requests_to_other_hosts(visits, site_server):
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_server))
    foreign = sorted({url for v in visits.values() for url in v.requests if not url.startswith(origin)})
    assert not foreign


def test_what_the_browser_fetched_is_what_the_weight_counts(visits, site_server, built_site):
    """The transfer budget (test_weight.py) counts files found in the built pages; the browser must
    never fetch anything else, or the budget would under-count."""
    problems = []
    for (size, rel), v in visits.items():
        counted = set(loads(built_site, rel)) | set(loads(built_site, "index.html"))
        for url in v.requests:
            # Relative to the group's folder, as the weight counts: the shared files are ../_tema/…
            path = posixpath.relpath(urlsplit(url).path, urlsplit(site_server).path)
            if path not in counted:
                problems.append(f"{size} {rel}: fetched {path}, which the weight does not count")
    assert not problems, _report(problems)


def test_no_serious_or_critical_accessibility_violations(visits):
    node_modules()  # skips outside CI without `npm ci`; fails in CI
    problems = [
        f"{size} {rel}: {v_['impact']} {v_['id']}: {v_['help']} at {[n['target'] for n in v_['nodes']][:3]}"
        for (size, rel), v in visits.items()
        for v_ in v.violations or []
    ]
    assert all(v.violations is not None for v in visits.values())
    assert not problems, _report(problems)


def test_next_meeting_card_is_in_the_first_screen(visits):
    for size in SIZES:
        f = visits[(size, "index.html")].facts
        assert f["card"] is not None
        assert f["card"]["top"] >= 0 and f["card"]["bottom"] <= f["vh"], f"{size}: card ends at {f['card']['bottom']} px"
        assert f["actions"], "the card has actions"


def test_card_still_fits_with_the_calendar_buttons(browser, site_server):
    """The calendar work adds 'Tilføj til kalender' and 'Abonnér' to the card's actions; the card must
    still end within the first screen at 360×640 with them (added here when the build has none yet)."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=1)
    page = context.new_page()
    page.goto(site_server + "index.html", wait_until="load")
    bottom = page.evaluate(ADD_CALENDAR_BUTTONS, list(CALENDAR_BUTTONS))
    buttons = page.evaluate(
        "() => [...document.querySelectorAll('.nv-next .nv-actions a')].filter(a => a.checkVisibility())"
        ".map(a => { const r = a.getBoundingClientRect(); return [a.textContent.trim(), r.width, r.height]; })"
    )
    page.screenshot(path=ARTIFACTS / "forside-360x640-med-kalenderknapper.png")
    context.close()
    assert len(buttons) >= 3
    assert all(w >= 44 and h >= 44 for _, w, h in buttons), buttons
    assert bottom <= 640, f"the card ends at {bottom} px"


def test_date_time_and_place_are_separate_lines(visits, built_site):
    for size in SIZES:
        for rel in ("index.html", _next_meeting_page(built_site)):
            cards = [c for c in visits[(size, rel)].facts["cards"] if c]
            assert cards, f"{size} {rel}: no card with date, time and place"
            for lines in cards:
                assert len(lines) == 3
                for above, below in itertools.pairwise(lines):
                    assert below["top"] >= above["bottom"] - 0.5, f"{size} {rel}: lines overlap: {lines}"


def test_text_is_readable(visits):
    problems = []
    for (size, rel), v in visits.items():
        for block in v.facts["textBlocks"]:
            least = 14 if block["small"] else 16
            if block["size"] < least:
                problems.append(f"{size} {rel}: {block['name']} is {block['size']} px")
    assert not problems, _report(problems[:20])


def test_tap_targets_are_at_least_44_px(visits):
    problems = []
    for (size, rel), v in visits.items():
        for t in v.facts["targets"]:
            if t["width"] < 44 or t["height"] < 44:
                problems.append(f"{size} {rel}: {t['name']} is {t['width']:.0f}×{t['height']:.0f} px")
    assert not problems, _report(problems[:20])
    # Every site page has tap targets to measure; the print pages' only link sits inside a sentence.
    assert all(v.facts["targets"] for (size, rel), v in visits.items() if not rel.startswith("udskrift/"))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(".")
    return int(hours) * 60 + int(minutes)


def test_agenda_times_sit_in_one_line_and_the_bars_match_them(visits):
    """Each item's clock time is one line in its own column, and its bar starts and ends where its
    times fall within the meeting (read from the times the page shows)."""
    seen = 0
    for (size, rel), v in visits.items():
        for rows in v.facts["agendas"]:
            start = _span(rows[0]["clock"])[0]
            total = _span(rows[-1]["clock"])[1] - start
            for row in rows:
                seen += 1
                assert row["clockLines"] == 1, f"{size} {rel}: '{row['clock']}' wraps"
                if rel.startswith("udskrift/"):
                    continue  # the printed poster has no time bars
                assert row["svg"]["height"] >= 6 and row["svg"]["width"] >= 80, f"{size} {rel}: bar too small: {row}"
                begin, end = (t - start for t in _span(row["clock"]))
                left = (row["rect"]["left"] - row["svg"]["left"]) / row["svg"]["width"]
                width = row["rect"]["width"] / row["svg"]["width"]
                assert abs(left - begin / total) < 0.01 and abs(width - (end - begin) / total) < 0.01, f"{size} {rel}: {row}"
                assert row["hidden"] == "true"  # the times in the table say it in words
    assert seen > 20


def _span(clock: str) -> tuple[int, int]:
    """Minutes of '18.00–18.20', or of '20.50' (an item without minutes starts and ends there)."""
    times = [_minutes(t) for t in clock.split("–")]
    return times[0], times[-1]


def _luminance(css: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_light_and_dark_follow_the_phone(visits, built_site):
    for rel in ("index.html", _next_meeting_page(built_site)):
        light, dark = visits[("360x640", rel)].facts, visits[("360x640-dark", rel)].facts
        # With no script: one palette, and assets/netvaerk.css's dark scheme under prefers-color-scheme: dark.
        assert light["scheme"] == "light" and _luminance(light["background"]) > 0.8
        assert dark["scheme"] == "dark" and _luminance(dark["background"]) < 0.2


def test_screenshots_are_written(visits):
    for size in SIZES:
        for label in ("forside", "moede"):
            path = ARTIFACTS / f"{label}-{size}.png"
            assert path.exists() and path.stat().st_size > 5000


def test_add_to_home_screen(browser, site_server, built_site):
    """Chromium finds nothing that stops installing the site (only that the test's profile is incognito),
    and the manifest's icons are the sizes it says."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(site_server + "index.html", wait_until="networkidle")
    cdp = context.new_cdp_session(page)
    errors = {e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]}
    manifest = cdp.send("Page.getAppManifest")
    icons = []
    for icon in json.loads(manifest["data"])["icons"]:
        response = page.request.get(manifest["url"].rsplit("/", 1)[0] + "/" + icon["src"])
        icons.append((icon, response.status, response.body()))
    context.close()
    assert errors <= {"in-incognito"}, errors
    assert manifest["errors"] == []
    data = json.loads(manifest["data"])
    assert data["name"] == "Familieplejernes netværk Nordsjælland" and data["lang"] == "da"
    assert data["display"] == "standalone"
    sizes = set()
    for icon, status, body in icons:
        assert status == 200
        if icon["type"] == "image/png":
            width, height, _ = png_pixels(body)
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
    assert {192, 512} <= sizes

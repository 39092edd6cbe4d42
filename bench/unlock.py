"""Benchmark: how long the members' lock takes to open in Chromium, plain and with the CPU slowed 4×.

Prints the median of several unlocks (submit of the passphrase → every fragment on the page opened), the
PBKDF2 step alone, and the longest pause of the page's main thread meanwhile: WebCrypto's PBKDF2 runs off
the main thread in Chromium, so the page stays responsive, and CDP's CPU throttling (which slows the main
thread) hardly reaches it. A real phone's slower CPU does. Run: .venv/bin/python bench/unlock.py
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from clirun import run  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, copy_project  # noqa: E402

PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
RUNS = 7
PROBE = """async () => {
  let last = performance.now(), longest = 0;
  const tick = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 4);
  const d = document.getElementById('nv-laas').dataset, E = new TextEncoder();
  const salt = Uint8Array.from(atob(d.nvSalt.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
  const t0 = performance.now();
  const k = await crypto.subtle.importKey('raw', E.encode('x'), 'PBKDF2', false, ['deriveBits']);
  await crypto.subtle.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt, iterations: +d.nvIter}, k, 256);
  const t1 = performance.now();
  clearInterval(tick);
  return [t1 - t0, longest];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="netvaerk-unlock-"))
    try:
        root = copy_project(folder, {"lukket.yaml": (ROOT / "tests" / "members" / "lukket.yaml").read_bytes()})
        os.environ["NETVAERK_ADGANGSKODE_LUKKET"] = PASSPHRASE
        assert run(["build", "--today", "2026-11-26"], root).code == 0
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/lukket/moeder/2027-02-09.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"Chromium {browser.version}, {RUNS} runs each, page {url.rsplit('/lukket/', 1)[1]}")
            for rate in (1, 4):
                unlocks, derives, pauses = [], [], []
                for _ in range(RUNS):
                    context = browser.new_context(viewport={"width": 360, "height": 640})
                    page = context.new_page()
                    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
                    page.goto(url)
                    page.wait_for_selector(".nv-laas__spoerg", state="visible")
                    derive, pause = page.evaluate(PROBE)
                    page.evaluate("() => document.addEventListener('nv-laas', () => { window.__done = performance.now(); })")
                    page.click(".nv-laas__spoerg summary")
                    page.fill("#nv-kode", PASSPHRASE)
                    start = page.evaluate("() => performance.now()")
                    page.click(".nv-laas__spoerg button[type=submit]")
                    page.wait_for_function("window.__done !== undefined", timeout=60000)
                    unlocks.append(page.evaluate("() => window.__done") - start)
                    derives.append(derive)
                    pauses.append(pause)
                    context.close()
                print(
                    f"CPU {rate}×: unlock median {statistics.median(unlocks):.0f} ms (min {min(unlocks):.0f}, max {max(unlocks):.0f}); "
                    f"PBKDF2 alone {statistics.median(derives):.0f} ms; longest main-thread pause meanwhile {statistics.median(pauses):.0f} ms"
                )
            browser.close()
        server.shutdown()
    finally:
        os.environ.pop("NETVAERK_ADGANGSKODE_LUKKET", None)
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()

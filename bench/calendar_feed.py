"""Time the calendar stage: feed + one-meeting files + state, for the contract group and a large group.

Run: .venv/bin/python bench/calendar_feed.py
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from generator.calendar.feed import build_feed  # noqa: E402
from generator.calendar.state import dump, empty, parse  # noqa: E402
from generator.facts.meeting import group_meetings  # noqa: E402
from generator.guide.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)


def large_group(meetings: int) -> bytes:
    start = dt.date(2027, 1, 5)
    document = {
        "navn": "Stor gruppe",
        "adresse": "https://stor.example.dk/",
        "formål": "Benchmark.",
        "arrangør": {"navn": "Anne Jensen"},
        "medlemmer": [{"navn": "Anne Jensen"}, {"navn": "Bo Hansen"}],
        "møder": [
            {
                "dato": (start + dt.timedelta(days=7 * i)).isoformat(),
                "start": "19:00",
                "sted": f"Lokale {i}, Vejen {i}, 3400 Hillerød",
                "tema": "Forholdet til kommunen",
                "ordstyrer": "Anne Jensen",
                "referent": "Bo Hansen",
                "tilmeldingsfrist": (start + dt.timedelta(days=7 * i - 3)).isoformat(),
            }
            for i in range(meetings)
        ],
    }
    return json.dumps(document, ensure_ascii=False).encode()


def timed(label: str, data: bytes, repeat: int) -> None:
    group, _ = check(data, "bench.yaml")
    first = build_feed(group, "bench", group_meetings(group, TODAY), empty(), TODAY)
    state = parse(dump(first.state), "bench.kalender.json")
    for name, old in (("empty state", empty()), ("state from last build", state)):
        runs = []
        for _ in range(repeat):
            begin = time.perf_counter()
            feed = build_feed(group, "bench", group_meetings(group, TODAY), old, TODAY)  # the meeting views included
            runs.append(time.perf_counter() - begin)
        size = len(feed.files["kalender.ics"])
        print(
            f"{label:32} {name:22} meetings={len(group.moeder):4} files={len(feed.files):4} "
            f"kalender.ics={size / 1024:7.1f} KiB  median={statistics.median(runs) * 1000:8.1f} ms  "
            f"min={min(runs) * 1000:8.1f} ms  (n={repeat})"
        )


def main() -> None:
    timed("groups/nordsjaelland.yaml", (ROOT / "groups" / "nordsjaelland.yaml").read_bytes(), 20)
    timed("synthetic, 52 meetings", large_group(52), 10)
    timed("synthetic, 300 meetings", large_group(300), 3)


if __name__ == "__main__":
    main()

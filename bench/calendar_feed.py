"""Time the calendar stage: the feeds' memory from the group file's past versions, the feeds and the one-meeting
files, for the contract group and larger groups, with 1, 10 and 50 committed versions.

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


from generator.builder.generate import Past, PastVersion, calendar_timeline  # noqa: E402
from generator.calendar.events import group_events  # noqa: E402
from generator.calendar.feed import build_feed  # noqa: E402
from generator.calendar.timeline import remember  # noqa: E402
from generator.facts.meeting import group_meetings  # noqa: E402
from generator.guide.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)
START = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def large_group(meetings: int, moved: int = -1) -> bytes:
    """A group with `meetings` weekly meetings; meeting `moved` starts half an hour earlier (one version of the file)."""
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
                "start": "18:30" if i == moved else "19:00",
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


def history(versions: list[bytes]) -> Past:
    return Past(tuple(PastVersion(START + dt.timedelta(days=n), data, f"{n:040x}") for n, data in enumerate(versions)))


def timed(label: str, versions: list[bytes], repeat: int) -> None:
    data = versions[-1]
    group, _ = check(data, "bench.yaml")
    past = history(versions)
    runs = []
    for _ in range(repeat):
        begin = time.perf_counter()
        meetings = group_meetings(group, TODAY)  # the meeting views included
        current = group_events(group, "bench", meetings), group_events(group, "bench", meetings, members=True)
        timeline, legacy, _ = calendar_timeline(past, data, "bench.yaml", "bench", TODAY, current)
        public, _ = remember(timeline, legacy, False)
        feed = build_feed(group, "bench", meetings, public, None)
        runs.append(time.perf_counter() - begin)
    size = len(feed.files["kalender.ics"])
    print(
        f"{label:28} versions={len(versions):3} meetings={len(group.moeder):4} files={len(feed.files):4} "
        f"kalender.ics={size / 1024:7.1f} KiB  median={statistics.median(runs) * 1000:8.1f} ms  "
        f"min={min(runs) * 1000:8.1f} ms  (n={repeat})"
    )


def main() -> None:
    contract = (ROOT / "groups" / "nordsjaelland.yaml").read_bytes()
    for count in (1, 10, 50):
        # Each earlier version differs from the next in one meeting's start time (the last is the file as it is).
        moved = [contract.replace(b"start: 18:00", b"start: 17:%02d" % n, 1) for n in range(count - 1)] + [contract]
        timed("groups/nordsjaelland.yaml", moved, 10)
    for meetings, repeat in ((52, 5), (300, 2)):
        for count in (1, 10):
            timed(f"synthetic, {meetings} meetings", [large_group(meetings, n) for n in range(count - 1)] + [large_group(meetings)], repeat)


if __name__ == "__main__":
    main()

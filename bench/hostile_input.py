"""Print how long the loader takes to refuse the largest hostile files (run: .venv/bin/python bench/hostile_input.py)."""

from __future__ import annotations

import time

from generator.errors import GroupError
from generator.model.loader import MAX_BYTES, load

CASES = {
    "90,000 '[' and ']' (nesting)": b"navn: " + b"[" * 90_000 + b"]" * 90_000,
    "60,000 '- ' (block nesting)": b"- " * 60_000 + b"x",
    "190,000 control characters": b"navn: x\n" + b"\x01" * 190_000,
    "30,000 lines with a tab": b"navn: x\n" + b"a:\tb\n" * 30_000,
    "25,000 flow lists at depth 3": b"x: [" + b"[[]], " * 25_000 + b"]",
    "one 199,000-character line": b"navn: " + b"a" * 199_000,
}


def main() -> None:
    for name, data in CASES.items():
        assert len(data) <= MAX_BYTES + 10, name
        start = time.perf_counter()
        try:
            load(data, "bench.yaml")
            outcome = "loaded"
        except GroupError as exc:
            outcome = f"{len(exc.problems)} problem(s)"
        print(f"{name:32} {len(data):>8,} bytes  {time.perf_counter() - start:7.3f} s  {outcome}")


if __name__ == "__main__":
    main()

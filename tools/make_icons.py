"""Write the app icons drawn by generator/site/icons.py into generator/theme/overrides/assets/ (run after changing the drawing)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.site.icons import files  # noqa: E402

if __name__ == "__main__":
    folder = Path(__file__).resolve().parent.parent / "generator" / "theme" / "overrides" / "assets"
    for name, data in files().items():
        (folder / name).write_bytes(data)
        print(f"{folder / name}: {len(data)} bytes")

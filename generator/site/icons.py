"""Draw the app icon (three linked people: a network) as SVG and as PNGs, with no image library.

`tools/make_icons.py` writes the files into overrides/assets/ after a change to the drawing; they are
committed, and a test checks that they still match what this module draws.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass

BACKGROUND = (0x00, 0x69, 0x5C)  # the site's primary colour (see overrides/assets/netvaerk.css)
FOREGROUND = (0xFF, 0xFF, 0xFF)
GRID = 512  # the drawing's own units
CORNER = 96  # corner radius of the rounded square, for icons that are not masked by the phone
NODES = ((256.0, 156.0), (156.0, 334.0), (356.0, 334.0))
NODE_RADIUS = 60.0
LINK_WIDTH = 26.0


@dataclass(frozen=True)
class IconFile:
    name: str
    size: int
    rounded: bool  # transparent rounded corners; False: full-bleed square (maskable / Apple touch)


FILES = (
    IconFile("icon-192.png", 192, True),
    IconFile("icon-512.png", 512, True),
    IconFile("icon-maskable-512.png", 512, False),
    IconFile("apple-touch-icon.png", 180, False),
)


def _links() -> list[tuple[tuple[float, float], tuple[float, float]]]:
    a, b, c = NODES
    return [(a, b), (b, c), (c, a)]


def svg() -> str:
    """The icon as SVG text (the favicon and the scalable manifest icon)."""
    r, g, b = BACKGROUND
    lines = "".join(
        f'<line x1="{p[0]:g}" y1="{p[1]:g}" x2="{q[0]:g}" y2="{q[1]:g}"/>' for p, q in _links()
    )
    circles = "".join(f'<circle cx="{x:g}" cy="{y:g}" r="{NODE_RADIUS:g}"/>' for x, y in NODES)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="#{r:02x}{g:02x}{b:02x}"/>'
        f'<g stroke="#ffffff" stroke-width="{LINK_WIDTH:g}" stroke-linecap="round">{lines}</g>'
        f'<g fill="#ffffff">{circles}</g>'
        "</svg>\n"
    )


def _segment_distance(px: float, py: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _foreground(x: float, y: float) -> float:
    """Signed distance (grid units) to the white shapes: negative inside."""
    d = min(math.hypot(x - cx, y - cy) - NODE_RADIUS for cx, cy in NODES)
    for a, b in _links():
        d = min(d, _segment_distance(x, y, a, b) - LINK_WIDTH / 2)
    return d


def _background(x: float, y: float) -> float:
    """Signed distance (grid units) to the rounded square."""
    half = GRID / 2
    qx = abs(x - half) - (half - CORNER)
    qy = abs(y - half) - (half - CORNER)
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - CORNER


def _coverage(distance: float, scale: float) -> float:
    """Anti-aliased coverage of a pixel whose centre is `distance` grid units from an edge."""
    return max(0.0, min(1.0, 0.5 - distance / scale))


def pixels(icon: IconFile) -> bytes:
    """RGBA rows, top to bottom."""
    scale = GRID / icon.size
    out = bytearray()
    for row in range(icon.size):
        y = (row + 0.5) * scale
        for col in range(icon.size):
            x = (col + 0.5) * scale
            alpha = _coverage(_background(x, y), scale) if icon.rounded else 1.0
            white = _coverage(_foreground(x, y), scale)
            rgb = (round(bg + (fg - bg) * white) for bg, fg in zip(BACKGROUND, FOREGROUND, strict=True))
            out.extend((*rgb, round(255 * alpha)))
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(size: int, rgba: bytes) -> bytes:
    """A PNG file from RGBA rows (8 bits per channel, no filtering)."""
    stride = size * 4
    raw = b"".join(b"\x00" + rgba[i * stride : (i + 1) * stride] for i in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGBA rows of a PNG written by `png` (used by the tests)."""
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4
    rows = (raw[i * (stride + 1) + 1 : (i + 1) * (stride + 1)] for i in range(height))
    return width, height, b"".join(rows)


def files() -> dict[str, bytes]:
    """Every icon file by name."""
    found = {"icon.svg": svg().encode()}
    for icon in FILES:
        found[icon.name] = png(icon.size, pixels(icon))
    return found

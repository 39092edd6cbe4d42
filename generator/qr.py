"""QR codes as SVG, made at build time with segno."""

from __future__ import annotations

import io

import segno


def qr_svg(data: str, title: str) -> bytes:
    """A scalable, self-contained SVG (dark on white, so it scans in dark mode too)."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        out,
        kind="svg",
        xmldecl=False,
        omitsize=True,
        title=title,
        dark="#000",
        light="#fff",
        border=4,
        nl=True,
    )
    return out.getvalue()

"""QR codes for the group's addresses, made at build time with segno: as an SVG file or inline in a page."""

from __future__ import annotations

import io

import segno

from ..escape import Md


def _code(url: str) -> segno.QRCode:
    # The URL is built from the validated https address; medium error correction survives a smudged print.
    return segno.make(url, error="m", micro=False)


def qr_file(url: str, title: str) -> bytes:
    """A scalable, self-contained SVG file (dark on white, so it scans in dark mode too)."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", xmldecl=False, omitsize=True, title=title, dark="#000", light="#fff", border=4, nl=True)
    return out.getvalue()


def qr_inline(url: str) -> Md:
    """The same code as an <svg> element to place in a printed page (styled by the class nv-qr)."""
    return Md(_code(url).svg_inline(scale=1, border=2, omitsize=True, svgclass="nv-qr", lineclass=None))

"""The app icons: the committed files are what generator/site/icons.py draws, and the manifest points at them."""

from __future__ import annotations

import functools
import json

import pytest

from conftest import ROOT
from generator.builder.project import THEME_FILES
from generator.model.models import Group
from generator.site.icons import FILES, files, png, png_pixels
from generator.site.manifest import manifest_text

ASSETS = THEME_FILES / "overrides" / "assets"


@pytest.mark.slow  # drawing the icons pixel by pixel in Python takes seconds
def test_committed_icons_match_the_drawing():
    """Regenerate with `python tools/make_icons.py` after changing generator/site/icons.py."""
    drawn = files()
    assert set(drawn) == {"icon.svg", *(icon.name for icon in FILES)}
    assert (ASSETS / "icon.svg").read_bytes() == drawn["icon.svg"]
    for icon in FILES:
        width, height, rgba = png_pixels((ASSETS / icon.name).read_bytes())
        assert (width, height) == (icon.size, icon.size)
        assert png_pixels(drawn[icon.name]) == (width, height, rgba), icon.name


def _pixel(width: int, rgba: bytes, x: int, y: int) -> tuple[int, ...]:
    return tuple(rgba[(y * width + x) * 4 : (y * width + x) * 4 + 4])


def test_icons_are_teal_with_a_white_network_and_rounded_or_full_bleed():
    for icon in FILES:
        width, _, rgba = png_pixels((ASSETS / icon.name).read_bytes())
        at = functools.partial(_pixel, width, rgba)
        corner, middle_of_top_node = at(0, 0), at(width // 2, int(width * 156 / 512))
        assert middle_of_top_node == (255, 255, 255, 255)
        assert at(width // 2, width - 4)[:3] == (0x00, 0x69, 0x5C)
        assert corner[3] == (0 if icon.rounded else 255)


def test_png_writer_round_trips():
    rgba = bytes(range(256)) * 4  # 16×16 RGBA
    assert png_pixels(png(16, rgba)) == (16, 16, rgba)


def _group(name: str) -> Group:
    from generator.guide.check import check

    data = (ROOT / "groups" / "nordsjaelland.yaml").read_text(encoding="utf-8").replace(
        "navn: Familieplejernes netværk Nordsjælland", f"navn: {json.dumps(name, ensure_ascii=False)}"
    )
    return check(data.encode(), "x.yaml")[0]


def test_manifest_is_json_whatever_the_group_is_called():
    name = 'Netværk "Syd" \\ øst'
    manifest = json.loads(manifest_text(_group(name)))
    assert manifest["name"] == name and manifest["lang"] == "da" and manifest["start_url"] == "index.html"
    sources = {icon["src"] for icon in manifest["icons"]}
    assert all((ASSETS / src.removeprefix("assets/")).is_file() for src in sources)
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}

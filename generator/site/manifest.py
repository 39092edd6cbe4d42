"""The web app manifest that lets members add the group's site to their phone's home screen."""

from __future__ import annotations

import json

from ..model.models import Group
from .icons import BACKGROUND, FILES
from .shared import NOT_SHARED, SharedUrls

NAME = "manifest.webmanifest"
SHORT_NAME = "Netværk"  # the label under the home-screen icon; short enough not to be cut off
BACKGROUND_COLOR = "#ffffff"


def theme_color() -> str:
    return "#{:02x}{:02x}{:02x}".format(*BACKGROUND)


def manifest_text(group: Group, shared: SharedUrls = NOT_SHARED) -> str:
    """JSON (which escapes whatever the group's name holds); paths are relative to the manifest, which is in
    the group's folder (the icons are in the shared folder when there is one)."""
    icons = [{"src": shared.url("assets/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]
    icons += [
        {
            "src": shared.url(f"assets/{icon.name}"),
            "sizes": f"{icon.size}x{icon.size}",
            "type": "image/png",
            "purpose": "any" if icon.rounded else "maskable",
        }
        for icon in FILES
        if icon.name.startswith("icon-")
    ]
    body = {
        "name": group.navn,
        "short_name": SHORT_NAME,
        "description": f"Møder, dagsordener og aftaler for {group.navn}.",
        "lang": "da",
        "dir": "ltr",
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": theme_color(),
        "icons": icons,
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"

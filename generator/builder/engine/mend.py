"""Mend what the theme writes that the site must not have: toggles the Nu HTML checker refuses (and fail if the theme
has changed them), and head lines no page needs."""

from __future__ import annotations

import re

from ...errors import GroupError, Problem

# mkdocs-material 9.8.2's base.html (not a partial we could override) writes its drawer and search toggles as
# checkboxes with autocomplete="off", which HTML allows only on text fields: 2 errors on every page. Material
# puts it there so Firefox does not restore a toggle's state after going back; assets/netvaerk.js unchecks them.
_TOGGLES = tuple(
    (f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
     f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">')
    for name in ("drawer", "search")
)
_THEME_PAGE = 'data-md-toggle="'
# Material's head without <meta name="generator">, the links to the previous and next page (read only by its keyboard
# shortcuts, whose script loads with the search) and palette.css (the dark scheme it holds is in assets/netvaerk.css).
# Said here, on both of the engine's paths (a page that links a palette.css no group has would keep the offline worker
# from keeping anything), not in overrides/main.html: filtering a block's lines takes Python's str.splitlines, which
# Zensical's MiniJinja does not have.
_HEAD_LEFT_OUT = re.compile(
    r'<meta name="generator" content="[^"]*">|<link rel="(?:prev|next)" href="[^"]*">'
    r'|<link rel="stylesheet" href="[^"]*/palette\.[0-9a-f]+\.min\.css">'
)


def trim_head(html: str) -> str:
    """The page's <head> without what _HEAD_LEFT_OUT names."""
    end = html.find("</head>")
    return html if end < 0 else _HEAD_LEFT_OUT.sub("", html[:end]) + html[end:]


def mend(html: str, page: str, file: str, strict: bool = True) -> str:
    """The page with the theme's two toggles written as valid HTML. A page in the theme's layout that does not hold
    both toggles exactly as expected (a new theme version) stops the build, so the change is seen; not `strict`
    (the plain path, which another theme version takes), such a toggle is left as the theme wrote it."""
    if _THEME_PAGE not in html:
        return html  # not in the theme's layout (the print pages)
    for written, valid in _TOGGLES:
        if html.count(written) != 1 and not strict:
            continue
        if html.count(written) != 1:
            raise GroupError(
                [
                    Problem(
                        file, 1, 1, "",
                        f"temaet skriver ikke sine vippeknapper som ventet på {page} ({written}); netvaerk skal rettes til "
                        "den nye version af mkdocs-material. Intet er lagt ud",
                    )
                ]
            )
        html = html.replace(written, valid)
    return html

"""Mend the one thing the theme writes that the Nu HTML checker refuses, and fail if the theme has changed it."""

from __future__ import annotations

from ..errors import GroupError, Problem

# mkdocs-material 9.8.2's base.html (not a partial we could override) writes its drawer and search toggles as
# checkboxes with autocomplete="off", which HTML allows only on text fields: 2 errors on every page. Material
# puts it there so Firefox does not restore a toggle's state after going back; assets/netvaerk.js unchecks them.
_TOGGLES = tuple(
    (f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
     f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">')
    for name in ("drawer", "search")
)
_THEME_PAGE = 'data-md-toggle="'


def mend(html: str, page: str, file: str) -> str:
    """The page with the theme's two toggles written as valid HTML. A page in the theme's layout that does not
    hold both exactly as expected (a new theme version) stops the build, so the change is seen."""
    if _THEME_PAGE not in html:
        return html  # not in the theme's layout (the print pages)
    for written, valid in _TOGGLES:
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

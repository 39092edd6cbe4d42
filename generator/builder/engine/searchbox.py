"""Material's search dialog and its words, for our script to put into a page when the search is opened.

No page carries the dialog (overrides/partials/search.html writes nothing; without JavaScript Material hides it
anyway), nor the search's words in Material's settings: assets/netvaerk.js gets both from here, once for every
group, and writes them in before it loads Material's script. The dialog is Material 9.8.2's partial, with an
accessible name on the dialog (axe: aria-dialog-name); its words come from the theme's partial for the site's
language, else English's, as Material's templates take them.
"""

from __future__ import annotations

import html
import json
import re

# The words of the dialog and of the search's results (Material's bundle reads the latter from its settings).
KEYS = (
    "search", "search.placeholder", "search.reset", "search.result.initializer", "search.result.placeholder",
    "search.result.none", "search.result.one", "search.result.other", "search.result.more.one",
    "search.result.more.other", "search.result.term.missing",
)
# The dialog's icons, as Material's partial names them (material/templates/.icons/<name>.svg).
ICONS = ("material/magnify", "material/arrow-left", "material/close")
_ENTRY = re.compile(r'^\s*"([\w.]+)":\s*("(?:[^"\\]|\\.)*")\s*,?\s*$', re.M)


def words(partials: list[str]) -> dict[str, str]:
    """The search's words from the theme's language partials, the first that has a word giving it."""
    found: dict[str, str] = {}
    for partial in reversed(partials):
        found |= {key: json.loads(value) for key, value in _ENTRY.findall(partial)}
    missing = [key for key in KEYS if key not in found]
    if missing:
        raise ValueError(f"the theme's language partials give no {', '.join(missing)}")
    return {key: found[key] for key in KEYS}


def dialog(said: dict[str, str], icons: dict[str, str]) -> str:
    """The search dialog's HTML, in the site's language (pure)."""
    t = {key: html.escape(value) for key, value in said.items()}
    magnify, back, close = (icons[name].strip() for name in ICONS)
    return (
        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{t["search"]}">'
        '<label class="md-search__overlay" for="__search"></label><div class="md-search__inner" role="search">'
        '<form class="md-search__form" name="search">'
        f'<input type="text" class="md-search__input" name="query" aria-label="{t["search.placeholder"]}" '
        f'placeholder="{t["search.placeholder"]}" autocapitalize="off" autocorrect="off" autocomplete="off" '
        'spellcheck="false" data-md-component="search-query" required>'
        f'<label class="md-search__icon md-icon" for="__search">{magnify}{back}</label>'
        f'<nav class="md-search__options" aria-label="{t["search"]}">'
        f'<button type="reset" class="md-search__icon md-icon" title="{t["search.reset"]}" aria-label="{t["search.reset"]}" '
        f'tabindex="-1">{close}</button></nav></form>'
        '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
        '<div class="md-search-result" data-md-component="search-result">'
        f'<div class="md-search-result__meta">{t["search.result.initializer"]}</div>'
        '<ol class="md-search-result__list" role="presentation"></ol></div></div></div></div></div>'
    )


def translations(said: dict[str, str]) -> dict[str, str]:
    """The words Material's script reads from its settings (`translations`) for the search's results."""
    return {key: value for key, value in said.items() if key.startswith("search.result.") and key != "search.result.initializer"}

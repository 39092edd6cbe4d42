"""'Mente du …?' hints: the closest known word to a misspelt one."""

from __future__ import annotations

import difflib

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})


def fold(text: str) -> str:
    """Lowercase, ASCII-folded form used to compare Danish words typed without æ, ø, å."""
    return " ".join(text.lower().translate(_FOLD).replace("_", " ").split())


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice most like `word`, or None when nothing is close enough."""
    folded = {fold(c): c for c in choices}
    key = fold(word)
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def hint(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (mente du 'x'?)' or the empty string."""
    best = closest(word, choices)
    return f" (mente du '{best}'?)" if best and best != word else ""

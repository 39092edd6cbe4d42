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


def person_hint(name: str, members: list[str] | tuple[str, ...]) -> str:
    """' (mente du 'x'?)' for a name that is not a member's: the members whose name holds every word written (a
    first name alone, 'Lærke' for 'Lærke Holm'), when at most three do; else the closest spelling, as hint()."""
    words = fold(name).split()
    holding = [m for m in members if words and all(w in fold(m).split() for w in words)]
    if 1 <= len(holding) <= 3:
        return " (mente du " + " eller ".join(f"'{m}'" for m in holding) + "?)"
    return hint(name, members)

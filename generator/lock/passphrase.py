"""Passphrases for the members' lock: drawn from netvaerk's Danish word list, and judged by zxcvbn's estimate."""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from zxcvbn import zxcvbn

from .seal import normalise

MIN_BITS = 60  # below this a passphrase is refused: the lock's salt and check value let anyone test guesses offline
WORD_LIST = Path(__file__).parent / "ordliste.txt"  # the words `netvaerk adgangskode` draws from
WORDS = 6  # 6 words from the list's 1,527 give 63.5 bits
_LIMIT = 72  # zxcvbn 4.5.0 raises a ValueError on longer input
_WORD = re.compile(r"[^\W\d_]{2,}|\d{2,}")


def words(text: str) -> tuple[str, ...]:
    """The word list: one word per line; lines starting with # are comments."""
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def hints(texts: Iterable[str], word_list: Sequence[str]) -> list[str]:
    """zxcvbn's user inputs: the words of `texts` (the group's name, town, people, places), then the word list.
    zxcvbn ranks an input by its place and a later duplicate by the later place, so a passphrase drawn from the
    word list is never judged weaker for the group's own words than for the list alone."""
    own = dict.fromkeys(w.casefold() for text in texts for w in _WORD.findall(text))
    return [*own, *word_list]


def _chunks(words: list[str]) -> Iterable[str]:
    """The words run together, in pieces zxcvbn accepts (whole words where they fit)."""
    piece = ""
    for word in words:
        while len(word) > _LIMIT:
            if piece:
                yield piece
                piece = ""
            yield word[:_LIMIT]
            word = word[_LIMIT:]
        if len(piece) + len(word) > _LIMIT:
            yield piece
            piece = ""
        piece += word
    if piece:
        yield piece


def estimate_bits(passphrase: str, user_inputs: Sequence[str]) -> float:
    """log2 of zxcvbn's guesses for the passphrase as the lock reads it (lower case, NFC), its words run
    together: the separators carry nothing, since the lock treats spaces, full stops and hyphens alike. A
    passphrase longer than zxcvbn takes is judged in pieces whose bits add up (a piece that repeats counts once)."""
    try:
        parts = normalise(passphrase).split()
    except ValueError:
        return 0.0
    inputs = list(user_inputs)
    return sum(math.log2(zxcvbn(chunk, user_inputs=inputs)["guesses"]) for chunk in dict.fromkeys(_chunks(parts)))


def new_passphrase(
    word_list: Sequence[str], choose: Callable[[Sequence[str]], str], count: int = WORDS, user_inputs: Sequence[str] | None = None
) -> str:
    """`count` words drawn with `choose` (each independently and uniformly), with spaces between: the first draw
    that zxcvbn judges at MIN_BITS or more against `user_inputs` (default: the word list). About 1 draw in 200 is
    put back (its words happen to come early in the list, which zxcvbn ranks as likelier), which costs the
    passphrases under 0.01 bits."""
    inputs = list(word_list) if user_inputs is None else list(user_inputs)
    while True:
        passphrase = " ".join(choose(word_list) for _ in range(count))
        if estimate_bits(passphrase, inputs) >= MIN_BITS:
            return passphrase


def seeded(seed: bytes) -> Callable[[Sequence[str]], str]:
    """A `choose` that draws uniformly from the bytes of `seed` (SHA-256 in counter mode, with rejection), so a
    pure function can offer a new passphrase when the caller gives it fresh random bytes."""
    counter = itertools.count()

    def choose(items: Sequence[str]) -> str:
        limit = (1 << 32) - (1 << 32) % len(items)
        while True:
            n = int.from_bytes(hashlib.sha256(seed + next(counter).to_bytes(8, "big")).digest()[:4], "big")
            if n < limit:
                return items[n % len(items)]

    return choose


def entropy_bits(word_list: Sequence[str], count: int = WORDS) -> float:
    """How many bits a passphrase of `count` words drawn from the list carries."""
    return count * math.log2(len(set(word_list)))


def masked_form(passphrase: str) -> str:
    """The same passphrase with full stops instead of spaces, for GitLab's masked variables (which refuse
    spaces); the lock reads spaces, full stops and hyphens between the words alike."""
    return ".".join(passphrase.split())

"""A new passphrase for a group's members' area: random words from netvaerk's own Danish word list."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

WORD_LIST = Path(__file__).parent / "ordliste.txt"
WORDS = 6  # 6 words from the list's 1,527 give 63.5 bits


def words(text: str) -> tuple[str, ...]:
    """The word list: one word per line; lines starting with # are comments."""
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def new_passphrase(word_list: Sequence[str], choose: Callable[[Sequence[str]], str], count: int = WORDS) -> str:
    """`count` words drawn with `choose` (secrets.choice: each word independently and uniformly), with spaces between."""
    return " ".join(choose(word_list) for _ in range(count))


def entropy_bits(word_list: Sequence[str], count: int = WORDS) -> float:
    """How many bits a passphrase of `count` words from the list carries."""
    return count * math.log2(len(set(word_list)))


def masked_form(passphrase: str) -> str:
    """The same passphrase with full stops instead of spaces, for GitLab's masked variables (which refuse
    spaces); the lock reads spaces, full stops and hyphens between the words alike."""
    return ".".join(passphrase.split())

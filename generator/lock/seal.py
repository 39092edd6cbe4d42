"""The members' lock: keys from the passphrase, and fragments sealed with AES-256-GCM for WebCrypto to open.

Format "netvaerk/1", mirrored exactly by the browser's script (generator/site/assets/laas.js):

    salt   = SHA-256("netvaerk/1 salt|<group>")[:16]                 fixed by the group (a legacy .laas.json's salt
                                                                    while the passphrase opens its verifier)
    master = PBKDF2-HMAC-SHA256(normalised passphrase, salt, 600,000 iterations, 32 bytes)
    enc    = HKDF-SHA256(master, salt="", info="netvaerk/1 enc")    the AES-256-GCM key; the only key a phone holds
    siv    = HKDF-SHA256(master, salt="", info="netvaerk/1 iv")     build side only
    feed   = HKDF-SHA256(master, salt="", info="netvaerk/1 feed", 16 bytes)  names the private calendar feed
    aad    = "netvaerk/1|<group>|<page>|page"                       a page's fragments open only on that page
    plain  = pack(UTF-8 JSON list of the page's fragments' HTML) || zero bytes to a multiple of 32
                                                                    (generator/lock/pack.py, site/fragments.py)
    iv     = HMAC-SHA256(siv, len(aad) as 4 bytes || aad || plain)[:12]
    token  = base64url(iv || AES-256-GCM(enc, iv, aad, plain) || tag)

The IV is synthetic: the same fragment sealed again gives the same bytes (a rebuild is byte-identical), and two
different plaintexts (or places) never share an IV under one key. The length prefix keeps ("a", "bc") and
("ab", "c") apart. A verifier (the empty plaintext sealed for "<group>|check") lets the browser tell a wrong
passphrase from a damaged fragment. Only the `cryptography` package's primitives are used.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from .pack import pack, unpack

VERSION = "netvaerk/1"
ITERATIONS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256 (2023)
SALT_BYTES = 16
PAD = 32  # packed fragments are padded (with zero bytes, empty runs to unpack) to a multiple of this
# Group slugs, page paths ("moeder/2027-01-12.html") and fragment ids: nothing that could blur the "|" framing.
_NAME = re.compile(r"[a-z0-9][a-z0-9._/-]{0,199}")


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_SEPARATORS = re.compile(r"[\s._-]+")


def normalise(passphrase: str) -> str:
    """NFC, lower case, the words joined by single spaces, whatever separated them (spaces, full stops, hyphens,
    underscores): a phone's capital first letter, a trailing space or GitLab's dotted form still opens the lock.
    The browser does the same: p.normalize('NFC').toLowerCase().split(/[\\s._-]+/).filter(Boolean).join(' ')."""
    if any("\x1c" <= c <= "\x1f" or c in "\x85\ufeff" for c in passphrase):
        raise ValueError("control characters")  # where Python's \\s and JavaScript's disagree
    return " ".join(w for w in _SEPARATORS.split(unicodedata.normalize("NFC", passphrase).lower()) if w)


@dataclass(frozen=True)
class Keys:
    salt: bytes
    iterations: int
    enc: bytes
    siv: bytes
    feed: bytes


def derive(passphrase: str, salt: bytes, iterations: int = ITERATIONS) -> Keys:
    if len(salt) != SALT_BYTES or iterations < ITERATIONS:
        raise ValueError("salt must be 16 bytes and iterations at least 600,000")
    master = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(normalise(passphrase).encode("utf-8"))

    def sub(info: str, length: int = 32) -> bytes:
        # An empty salt: the same HMAC key as WebCrypto's empty salt (RFC 5869's default of zeros).
        return HKDF(hashes.SHA256(), length, b"", f"{VERSION} {info}".encode("ascii")).derive(master)

    return Keys(salt, iterations, sub("enc"), sub("iv"), sub("feed", 16))


def aad(group: str, *parts: str) -> bytes:
    for part in (group, *parts):
        if not _NAME.fullmatch(part):
            raise ValueError(f"not usable in associated data: {part!r}")
    return "|".join((VERSION, group, *parts)).encode("ascii")


def seal(keys: Keys, associated: bytes, plaintext: bytes) -> str:
    iv = hmac.new(keys.siv, struct.pack(">I", len(associated)) + associated + plaintext, hashlib.sha256).digest()[:12]
    return b64u(iv + AESGCM(keys.enc).encrypt(iv, plaintext, associated))


def unseal(enc: bytes, associated: bytes, token: str) -> bytes | None:
    """The plaintext, or None when the key, the place or a byte is wrong."""
    raw = unb64u(token)
    try:
        return AESGCM(enc).decrypt(raw[:12], raw[12:], associated)
    except InvalidTag:
        return None


def seal_html(keys: Keys, group: str, page: str, fragment: str, html: str, secrets: tuple[str, ...] = ()) -> str:
    """A fragment of our own (escaped) HTML sealed for one place on one page: packed, since ciphertext does not
    gzip, then padded to hide its exact length. The padding also hides which of `secrets` (the members-only texts
    in it) repeat: the packed length is raised to that of the same HTML with every secret replaced by its own
    filler of the same size, which packing cannot shorten, so a name or address that comes back costs the same
    bytes as one that does not."""
    packed = pack(html.encode("utf-8"))
    size = max(len(packed), len(pack(unrepeatable(html, secrets).encode("utf-8")))) if secrets else len(packed)
    return seal(keys, aad(group, page, fragment), packed + bytes(size - len(packed) + (-size % PAD)))


_FILLER = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def unrepeatable(html: str, secrets: tuple[str, ...]) -> str:
    """`html` with each occurrence of each secret (longest first) replaced by filler of the same UTF-8 length,
    different for every occurrence, drawn from SHA-256 so that no two fillers share a run packing could copy."""
    counter = 0

    def filler(match: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        size, out, block = len(match[0].encode("utf-8")), "", 0
        while len(out) < size:
            digest = hashlib.sha256(f"{counter}/{block}".encode()).digest()
            out += "".join(_FILLER[b % len(_FILLER)] for b in digest)
            block += 1
        return out[:size]

    wanted = sorted({s for s in secrets if s}, key=len, reverse=True)
    return re.sub("|".join(re.escape(s) for s in wanted), filler, html) if wanted else html


def open_html(enc: bytes, group: str, page: str, fragment: str, token: str) -> str | None:
    """What a member's phone shows for a sealed fragment (laas.js does the same), or None when it does not open."""
    plain = unseal(enc, aad(group, page, fragment), token)
    return None if plain is None else unpack(plain).decode("utf-8")


def check_value(keys: Keys, group: str) -> str:
    return seal(keys, aad(group, "check"), b"")


def feed_name(keys: Keys) -> str:
    """The private feed's file name: 128 bits from the passphrase, so it changes when the passphrase does."""
    return f"kalender-{keys.feed.hex()}.ics"


def unlock_link(keys: Keys, page_url: str) -> str:
    """A link that unlocks on opening: the key rides in the fragment (#…), which browsers never send to a server."""
    return f"{page_url}#nv={b64u(keys.enc)}"


def group_salt(group: str) -> bytes:
    """The group's salt, a function of its slug alone: the same keys on every machine and in every fresh clone, and
    no two groups share a salt. Not from the repository's history, which may be rewritten (to purge an address)."""
    if not _NAME.fullmatch(group):
        raise ValueError(f"not a group name: {group!r}")
    return hashlib.sha256(f"{VERSION} salt|{group}".encode("ascii")).digest()[:SALT_BYTES]


@dataclass(frozen=True)
class LegacyLock:
    """An old build's groups/<slug>.laas.json (read, never written): the random salt it drew, and the verifier that
    tells whether the passphrase is still the one that salt was drawn for."""

    salt: bytes
    iterations: int
    check: str


def parse_legacy(data: bytes) -> LegacyLock | None:
    """The old lock file's salt and verifier, or None when it cannot be read (then the group's own salt is used)."""
    try:
        body = json.loads(data.decode("utf-8"))
        if body.get("format") != 1:
            return None
        legacy = LegacyLock(unb64u(body["salt"]), int(body["iterationer"]), str(body["kontrol"]))
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None
    return legacy if len(legacy.salt) == SALT_BYTES and legacy.iterations >= ITERATIONS else None


def keys_for(passphrase: str, group: str, legacy: LegacyLock | None = None) -> Keys:
    """The group's keys: from a legacy lock file's salt while the passphrase still opens its verifier (so a group
    that already publishes keeps its invitations, unlocked phones and feed address), else from group_salt. A new
    passphrase gives new keys and a new feed name either way."""
    if legacy is not None:
        keys = derive(passphrase, legacy.salt, legacy.iterations)
        if unseal(keys.enc, aad(group, "check"), legacy.check) is not None:
            return keys
    return derive(passphrase, group_salt(group))

"""A small LZ77 packing for the members' sealed fragments, so they weigh less on a phone.

Ciphertext cannot be compressed by the server's gzip, and a sealed roles table is mostly repeated markup, so the
build packs each fragment before sealing it. The format is ours and tiny, because the browser must unpack it
with our own few lines (generator/site/assets/laas.js, `unpack`): DecompressionStream is missing before iOS 16.4.

    byte c < 128      the next c bytes, as they are (c = 0 is an empty run: zero bytes pad the end)
    byte c >= 128     copy (c - 128) + 4 bytes from d bytes back, d in the next two bytes (little-endian, 1..65535)

Packing is greedy with one step of lookahead, and deterministic: the same fragment packs to the same bytes.
The packed fragments are the build's own escaped HTML; no visitor's input is ever packed beside a secret.
"""

from __future__ import annotations

MIN_MATCH = 4  # a shorter copy would take as many bytes as it saves
MAX_MATCH = 127 + MIN_MATCH
MAX_DISTANCE = 0xFFFF
MAX_RUN = 127
CHAIN = 48  # earlier positions tried per match: plenty for a page's fragment, and keeps packing fast


def _match(data: bytes, at: int, heads: dict[bytes, list[int]]) -> tuple[int, int]:
    """The longest earlier copy of the bytes at `at`: (length, distance), (0, 0) when none."""
    best, distance, end = 0, 0, min(len(data), at + MAX_MATCH)
    for start in reversed(heads.get(data[at : at + MIN_MATCH], [])[-CHAIN:]):
        if at - start > MAX_DISTANCE:
            break
        length = MIN_MATCH
        while at + length < end and data[start + length] == data[at + length]:
            length += 1
        if length > best:
            best, distance = length, at - start
            if at + length == end:
                break
    return best, distance


def pack(data: bytes) -> bytes:
    out = bytearray()
    heads: dict[bytes, list[int]] = {}
    run_start = at = 0

    def remember(upto: int) -> None:
        nonlocal indexed
        for p in range(indexed, upto):
            heads.setdefault(data[p : p + MIN_MATCH], []).append(p)
        indexed = upto

    def literals(end: int) -> None:
        for s in range(run_start, end, MAX_RUN):
            chunk = data[s : min(end, s + MAX_RUN)]
            out.append(len(chunk))
            out.extend(chunk)

    indexed = 0
    while at + MIN_MATCH <= len(data):
        remember(at)
        length, distance = _match(data, at, heads)
        if length:
            remember(at + 1)
            later, _ = _match(data, at + 1, heads)
            if later <= length:  # no better copy one byte on: take this one
                literals(at)
                out.append(0x80 + length - MIN_MATCH)
                out += distance.to_bytes(2, "little")
                at += length
                run_start = at
                continue
        at += 1
    literals(len(data))
    return bytes(out)


def unpack(data: bytes) -> bytes:
    """The inverse of pack (the browser's unpack, for the tests and the build's own checks)."""
    out = bytearray()
    at = 0
    while at < len(data):
        c = data[at]
        at += 1
        if c < 0x80:
            out += data[at : at + c]
            at += c
        else:
            distance = int.from_bytes(data[at : at + 2], "little")
            at += 2
            if not 0 < distance <= len(out):
                raise ValueError("a copy from before the start")
            for _ in range((c & 0x7F) + MIN_MATCH):
                out.append(out[-distance])
    return bytes(out)

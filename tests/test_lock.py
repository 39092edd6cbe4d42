"""The members' lock on the build side: keys, sealed fragments, an old build's lock file, the passphrase and its word list."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clirun import run
from conftest import IN_CI, ROOT, copy_project
from generator.lock import pack, seal
from generator.lock.passphrase import WORD_LIST, entropy_bits, masked_form, new_passphrase, words

SALT = bytes(range(16))
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"


@pytest.fixture(scope="module")
def keys() -> seal.Keys:
    return seal.derive(PASSPHRASE, SALT)


def test_a_fragment_opens_only_with_the_key_on_its_own_page(keys):
    token = seal.seal_html(keys, "lukket", "moeder/2027-02-09.html", "f1", "<p>Hos Bo, Slotsgade 4</p>")
    assert seal.open_html(keys.enc, "lukket", "moeder/2027-02-09.html", "f1", token) == "<p>Hos Bo, Slotsgade 4</p>"
    opened = seal.unseal(keys.enc, seal.aad("lukket", "moeder/2027-02-09.html", "f1"), token)
    assert opened is not None and len(opened) % seal.PAD == 0  # padded, so the length says less
    assert seal.unseal(keys.enc, seal.aad("lukket", "index.html", "f1"), token) is None  # moved to another page
    assert seal.unseal(keys.enc, seal.aad("lukket", "moeder/2027-02-09.html", "f2"), token) is None  # another place
    assert seal.unseal(keys.enc, seal.aad("aaben", "moeder/2027-02-09.html", "f1"), token) is None  # another group
    other = seal.derive("en helt anden adgangskode her", SALT)
    assert seal.unseal(other.enc, seal.aad("lukket", "moeder/2027-02-09.html", "f1"), token) is None


def test_a_changed_byte_is_refused(keys):
    token = seal.seal_html(keys, "lukket", "index.html", "f1", "<p>x</p>")
    raw = bytearray(seal.unb64u(token))
    for index in (0, 12, len(raw) - 1):  # the IV, the ciphertext, the tag
        changed = bytearray(raw)
        changed[index] ^= 1
        assert seal.unseal(keys.enc, seal.aad("lukket", "index.html", "f1"), seal.b64u(bytes(changed))) is None


def test_sealing_again_gives_the_same_bytes_and_never_reuses_an_iv(keys):
    a = seal.aad("lukket", "index.html", "f1")
    assert seal.seal(keys, a, b"samme") == seal.seal(keys, a, b"samme")
    ivs = {
        seal.unb64u(seal.seal(keys, seal.aad("lukket", page, frag), text))[:12]
        for page in ("index.html", "roller.html")
        for frag in ("f1", "f2")
        for text in (b"a", b"b")
    }
    assert len(ivs) == 8
    # The length prefix keeps associated data and plaintext apart: ("…|f1", "x…") and ("…|f1x", "…") differ.
    assert seal.seal(keys, b"netvaerk/1|g|p|f1", b"xy")[:16] != seal.seal(keys, b"netvaerk/1|g|p|f1x", b"y")[:16]


def test_the_passphrase_is_read_as_people_type_it():
    assert seal.normalise(" Pavillon.tun-middag_gryde  FJERBOLD\tlime ") == PASSPHRASE
    assert seal.derive(masked_form(PASSPHRASE).upper(), SALT).enc == seal.derive(PASSPHRASE, SALT).enc
    with pytest.raises(ValueError):
        seal.normalise("pavillon\x1ftun")


def test_the_verifier_tells_a_wrong_passphrase(keys):
    check = seal.check_value(keys, "lukket")
    assert seal.unseal(keys.enc, seal.aad("lukket", "check"), check) == b""
    assert seal.unseal(seal.derive("pavillon tun middag gryde fjerbold lim", SALT).enc, seal.aad("lukket", "check"), check) is None


def _legacy_file(salt: bytes, keys: seal.Keys, group: str) -> bytes:
    """groups/<group>.laas.json as builds before the salt followed the group wrote it."""
    body = {"format": 1, "salt": seal.b64u(salt), "iterationer": seal.ITERATIONS, "kontrol": seal.check_value(keys, group)}
    return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8")


def test_the_keys_follow_the_group_and_its_passphrase_alone():
    one = seal.keys_for(PASSPHRASE, "lukket")
    assert one == seal.keys_for(" Pavillon tun middag gryde fjerbold lime", "lukket")  # on any machine, in any clone
    assert one.salt == hashlib.sha256(b"netvaerk/1 salt|lukket").digest()[:16]
    other_group = seal.keys_for(PASSPHRASE, "aaben")
    assert other_group.salt != one.salt and other_group.enc != one.enc and seal.feed_name(other_group) != seal.feed_name(one)
    new = seal.keys_for("noget helt andet nu her igen", "lukket")
    assert new.enc != one.enc and seal.feed_name(new) != seal.feed_name(one)
    with pytest.raises(ValueError):
        seal.group_salt("Ikke|et navn")


def test_an_old_lock_file_keeps_its_keys_while_the_passphrase_does(keys):
    """A group that already publishes keeps its QR invitations, unlocked phones and feed address."""
    legacy = seal.parse_legacy(_legacy_file(SALT, keys, "lukket"))
    assert legacy == seal.LegacyLock(SALT, seal.ITERATIONS, seal.check_value(keys, "lukket"))
    assert seal.keys_for("Pavillon tun middag gryde fjerbold lime ", "lukket", legacy) == keys
    # A new passphrase: new keys from the group's own salt, and a new feed name.
    changed = seal.keys_for("noget helt andet nu her igen", "lukket", legacy)
    assert changed == seal.keys_for("noget helt andet nu her igen", "lukket") and seal.feed_name(changed) != seal.feed_name(keys)
    # Another group's old file does not open for this group.
    assert seal.keys_for(PASSPHRASE, "andre", seal.parse_legacy(_legacy_file(SALT, keys, "lukket"))) == seal.keys_for(PASSPHRASE, "andre")
    assert seal.parse_legacy(b"{not json") is None
    assert seal.parse_legacy(_legacy_file(b"short", keys, "lukket")) is None


def test_the_private_feed_name_has_128_bits_from_the_passphrase(keys):
    assert re.fullmatch(r"kalender-[0-9a-f]{32}\.ics", seal.feed_name(keys))


def test_associated_data_refuses_what_could_blur_its_fields():
    for bad in ("a|b", "A", "", "a b", 'a"b'):
        with pytest.raises(ValueError):
            seal.aad("lukket", bad)


def test_the_word_list_gives_at_least_60_bits():
    listed = words(WORD_LIST.read_text(encoding="utf-8"))
    assert len(listed) == len(set(listed)) >= 1024
    assert all(re.fullmatch(r"[a-z]{3,8}", w) for w in listed)
    assert entropy_bits(listed) >= 60
    drawn = iter(["hest", "kage", "sky", "lampe", "skov", "bil"])
    assert new_passphrase(listed, lambda _: next(drawn)) == "hest kage sky lampe skov bil"


PACKABLE = [
    b"",
    b"abc",
    "<p>Møde hos Åse – kl. 18.00</p>".encode(),
    b"x" * 1000,  # a copy that overlaps itself
    b"<tr><td>Anne Jensen</td><td>Bo Hansen</td></tr>" * 40,
    bytes(range(256)) * 3,  # bytes that look like the format's own control bytes
]


@pytest.mark.parametrize("data", PACKABLE, ids=range(len(PACKABLE)))
def test_packing_gives_back_every_byte(data):
    packed = pack.pack(data)
    assert pack.unpack(packed) == data
    assert pack.unpack(packed + bytes(31)) == data  # the padding unpacks to nothing


def test_a_sealed_roles_table_is_packed_small(keys):
    table = "".join(f"<tr><th><a href=\"moeder/2027-0{m}-09.html\">9&#46; maj</a></th><td>Anne Jensen</td></tr>" for m in range(1, 10))
    token = seal.seal_html(keys, "lukket", "roller.html", "f2", table)
    assert seal.open_html(keys.enc, "lukket", "roller.html", "f2", token) == table
    assert len(token) < len(table) / 2


def test_the_browser_unpacks_as_the_build_packs(tmp_path):
    """laas.js's own unpack, run by node on what pack.py made."""
    node = shutil.which("node")
    if node is None:
        if IN_CI:
            pytest.fail("node is missing; .ci/run installs it")
        pytest.skip("node is not installed")
    source = (ROOT / "generator" / "site" / "assets" / "laas.js").read_text(encoding="utf-8")
    function = re.search(r"const unpack = (b => \{.*?\n  \});", source, re.S)
    assert function, "laas.js no longer has its unpack function"
    data = b"".join(PACKABLE)
    (tmp_path / "packed").write_bytes(pack.pack(data) + bytes(20))
    script = f"const unpack = {function.group(1)};\n" + (
        "const fs = require('fs');"
        "process.stdout.write(Buffer.from(unpack(new Uint8Array(fs.readFileSync(process.argv[2])))).toString('hex'));"
    )
    (tmp_path / "unpack.js").write_text(script, encoding="utf-8")
    result = subprocess.run([node, str(tmp_path / "unpack.js"), str(tmp_path / "packed")], capture_output=True, text=True, check=True)
    assert bytes.fromhex(result.stdout) == data


def _sealed_lengths(tmp_path: Path, host: str) -> dict[str, int]:
    """Each page's sealed block's length when `host` hosts the meeting of 20 April 2027 (Ida Skovgaard, a member
    named nowhere else, or Carla Nielsen, named as referent, ordstyrer and grænsevogter too: as long a name)."""
    text = (Path(__file__).parent / "members" / "lukket.yaml").read_text(encoding="utf-8")
    text = text.replace("    vært: Gitte Poulsen", f"    vært: {host}")
    text = text.replace("  - navn: Gitte Poulsen\n", "  - navn: Gitte Poulsen\n  - navn: Ida Skovgaard\n")
    # A place of this length put the meeting page's packed block just at a multiple of 32 bytes: with packing before
    # padding, the repeated name made it 635 base64 characters, the name said once 678.
    text = text.replace("Søndervang 12", "Søndervangsti 12")
    root = copy_project(tmp_path, {"lukket.yaml": text.encode()})
    ran = run(["build", "--today", "2026-11-26"], root, ci={"NETVAERK_ADGANGSKODE_LUKKET": "pavillon tun middag gryde fjerbold lime"})
    assert ran.code == 0, ran.err
    site = root / "site" / "lukket"
    found = {}
    for page in sorted(site.rglob("*.html")):
        block = re.search(r'data-nv-lock="([\w-]+)"', page.read_text(encoding="utf-8"))
        if block:
            found[str(page.relative_to(site))] = len(block[1])
    return found


def test_a_name_that_comes_back_gives_the_same_lengths(tmp_path):
    """Two builds that differ only in whether the host of 20 April is named elsewhere on the page too: an outsider
    comparing the pages' sealed blocks cannot tell them apart (packing before padding let a repeat shorten them)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    repeated = _sealed_lengths(tmp_path / "a", "Carla Nielsen")
    once = _sealed_lengths(tmp_path / "b", "Ida Skovgaard")
    assert {"moeder/2027-04-20.html", "roller.html", "kalender.html"} <= set(repeated)
    assert repeated == once


def test_filler_has_the_same_length_and_does_not_repeat():
    html = '["Hos Bo, Slotsgade 4","<p>Hos Bo, Slotsgade 4 · Bo Hansen · Bo</p>","Ærø"]'
    out = seal.unrepeatable(html, ("Hos Bo, Slotsgade 4", "Bo Hansen", "Bo", "Ærø"))
    assert len(out.encode("utf-8")) == len(html.encode("utf-8"))
    assert "Slotsgade" not in out and "Hansen" not in out and "Ærø" not in out
    first, second = out[2:21], out[26:45]
    assert first != second and len(first) == len(second) == 19

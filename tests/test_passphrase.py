"""The members' passphrase must hold against offline guessing: the page's salt and check value let anyone test
guesses. zxcvbn judges it, with the group's own words first among its hints; under 60 bits the build refuses and
offers a new one, and the passphrases netvaerk draws always pass."""

from __future__ import annotations

import random
import re

import pytest

from clirun import run
from conftest import copy_project
from generator.lock.passphrase import (
    MIN_BITS,
    WORD_LIST,
    estimate_bits,
    hints,
    masked_form,
    new_passphrase,
    seeded,
    words,
)
from test_members import MEMBERS

LISTED = words(WORD_LIST.read_text(encoding="utf-8"))
OWN = ["lukket", "Familieplejere i Nordsjælland – lukket gruppe", "Hillerød", "Anne Jensen", "Bo Hansen", "Hos Bo, Slotsgade 4"]


@pytest.mark.parametrize(
    "weak",
    [
        "Haslev",
        "hillerød",  # the group's town
        "Bo Hansen Slotsgade 4",  # the group's own words
        "familieplejere i nordsjælland",
        "tun tun tun tun tun tun",  # list words, but one repeated
        "sommer sommer sommer sommer",
        "Password1234",
    ],
)
def test_weak_passphrases_are_judged_under_the_limit(weak):
    assert estimate_bits(weak, hints(OWN, LISTED)) < MIN_BITS


def test_a_passphrase_longer_than_zxcvbn_takes_gets_an_answer():
    long = "pavillon tun middag gryde fjerbold lime " * 4  # 160 characters: zxcvbn 4.5.0 raises on over 72
    assert estimate_bits(long, LISTED) >= MIN_BITS
    assert estimate_bits("a" * 500, LISTED) < MIN_BITS  # one long "word" is read in pieces too
    assert estimate_bits("x\x1cy", LISTED) == 0.0  # what the lock refuses anyway


def test_drawn_passphrases_always_pass_with_the_groups_words_too():
    user_inputs = hints([*OWN, *LISTED[:40]], LISTED)  # even when the group's words are list words
    for n in range(400):
        drawn = new_passphrase(LISTED, random.Random(n).choice)
        assert estimate_bits(drawn, user_inputs) >= MIN_BITS, drawn
    # A draw zxcvbn judges weak is put back: the first draws of this seed were "aborre" six times.
    early = iter(["aborre"] * 6 + ["pavillon", "tun", "middag", "gryde", "fjerbold", "lime"])
    assert new_passphrase(LISTED, lambda _: next(early)) == "pavillon tun middag gryde fjerbold lime"


def test_seeded_draws_are_uniform_and_repeatable():
    a, b = seeded(b"s" * 16), seeded(b"s" * 16)
    assert [a(LISTED) for _ in range(6)] == [b(LISTED) for _ in range(6)]
    counts = {}
    draw = seeded(b"t" * 16)
    for _ in range(20000):
        word = draw(LISTED[:10])
        counts[word] = counts.get(word, 0) + 1
    assert set(counts) == set(LISTED[:10]) and max(counts.values()) < 2300 and min(counts.values()) > 1700


def test_the_build_refuses_a_weak_passphrase_and_offers_one_that_works(tmp_path):
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    ran = run(["build", "--today", "2026-11-26"], root, ci={"NETVAERK_ADGANGSKODE_LUKKET": "Hillerød"})
    assert ran.code == 1
    message = re.fullmatch(
        r"groups/lukket\.yaml:1:1: medlemsområde: adgangskoden er for let at gætte \(omkring (\d+) bit; der skal mindst 60 "
        r"til, for alle kan prøve at gætte den ud fra siden\)\. Brug en ny, fx denne, som netvaerk lige har lavet: "
        r"([a-zæøå]+(?:\.[a-zæøå]+){5}) – sæt den i NETVAERK_ADGANGSKODE_LUKKET, eller gem den med: \S*netvaerk adgangskode "
        r"groups/lukket\.yaml --ny\. Intet er lagt ud\ngroups/lukket\.yaml: ikke bygget \(ret fejlene ovenfor\)\n",
        ran.err,
    )
    assert message, ran.err
    assert int(message[1]) < 60
    assert not (root / "site" / "lukket").exists()
    offered = message[2]
    assert offered == masked_form(offered.replace(".", " "))
    ran = run(["build", "--today", "2026-11-26"], root, ci={"NETVAERK_ADGANGSKODE_LUKKET": offered})
    assert ran.code == 0, ran.err
    assert (root / "site" / "lukket" / "index.html").exists()

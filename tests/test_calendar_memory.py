"""The feeds' memory from the group file's git history: SEQUENCE, LAST-MODIFIED and DTSTAMP with no state file.

The pure stage is given the committed versions (generate's `past`); the builds further down run in real git
repositories (fresh clones, a shallow clone, a folder without git) and read the feeds with icalendar and ical.js.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from clirun import run
from conftest import CONTRACT, ROOT, TODAY, commit_groups, copy_project, git
from generator.builder.generate import Generated, Past, PastVersion, Secret, generate
from generator.builder.history import BROKEN, NO_GIT
from generator.calendar.ical import legacy_digest
from generator.calendar.memory import minutes
from generator.calendar.timeline import version_events
from generator.lock import seal
from generator.site.render import environment
from ical_parsers import icalendar_events, icaljs

MEMBERS = ROOT / "tests" / "members" / "lukket.yaml"
PASSPHRASE = "pavillon tun middag gryde fjerbold lime"
VARIABLE = "NETVAERK_ADGANGSKODE_LUKKET"


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def past(*versions: tuple[str, bytes | None], **extra) -> Past:
    """Committed versions, oldest first, as (commit time, bytes) pairs; commit ids are made up."""
    return Past(tuple(PastVersion(when(t), data, f"{n + 1:07x}" + "0" * 33) for n, (t, data) in enumerate(versions)), **extra)


def build(data: bytes, history: Past | None = None, today: dt.date = TODAY, slug: str = "test", secret: Secret | None = None) -> Generated:
    return generate(
        data, f"groups/{slug}.yaml", slug, today, environment(), base_config="../../mkdocs.yml", overrides_dir="../../overrides",
        past=history, secret=secret,
    )


def group(meetings: list[dict]) -> bytes:
    document = {
        "navn": "Testgruppen",
        "adresse": "https://test.example.dk/gruppe/",
        "formål": "Vi støtter hinanden.",
        "arrangør": {"navn": "Anne Jensen", "telefon": "20 30 40 50"},
        "medlemmer": [{"navn": "Anne Jensen"}, {"navn": "Bo Hansen"}],
        "møder": meetings,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def meeting(day: str, start: str = "19:00", **extra) -> dict:
    return {"dato": day, "start": start, "sted": "Biblioteket", "ordstyrer": "Anne Jensen", "referent": "Bo Hansen", **extra}


def blocks(feed: bytes) -> dict[str, bytes]:
    """Each VEVENT's exact bytes, by UID."""
    found = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", feed, re.S)
    return {re.search(rb"\r\nUID:(.*?)\r\n", b)[1].decode(): b for b in found}


def stamps(feed: bytes) -> dict[str, tuple[int, dt.datetime, str]]:
    return {uid: (e["sequence"], e["last_modified"], e["status"]) for uid, e in icalendar_events(feed).items()}


DAYS = ["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"]
FIRST, SECOND, THIRD = "2026-11-20T10:00:00+00:00", "2026-12-03T08:15:00+00:00", "2027-01-02T17:45:30+00:00"


def uid(day: str) -> str:
    return f"moede-{day}@test.netvaerk"


# What the memory does, on the pure stage


def test_a_committed_change_of_time_or_place_raises_sequence_to_its_commit_and_only_there(tmp_path):
    v1 = group([meeting(d) for d in DAYS])
    edited = [meeting(d) for d in DAYS]
    edited[1]["sted"] = "Hos Bo, Slotsgade 4"  # place
    edited[2]["start"] = "18:30"  # time
    edited[3]["ordstyrer"] = "Bo Hansen"  # neither: LAST-MODIFIED moves, SEQUENCE stays
    v2 = group(edited)
    before = build(v1, past((FIRST, v1))).docs["kalender.ics"]
    after = build(v2, past((FIRST, v1), (SECOND, v2))).docs["kalender.ics"]
    old, new = when(FIRST), when(SECOND)
    assert stamps(before) == {uid(d): (0, old, "CONFIRMED") for d in DAYS}
    assert stamps(after) == {
        uid(DAYS[0]): (0, old, "CONFIRMED"),
        uid(DAYS[1]): (minutes(new), new, "CONFIRMED"),
        uid(DAYS[2]): (minutes(new), new, "CONFIRMED"),
        uid(DAYS[3]): (0, new, "CONFIRMED"),
    }
    assert minutes(new) == 3640815  # the minutes from 2020-01-01 00:00 UTC to the commit
    # The unchanged meeting keeps its exact bytes; ical.js reads the same numbers.
    assert blocks(after)[uid(DAYS[0])] == blocks(before)[uid(DAYS[0])]
    read = {e["uid"]: (e["sequence"], e["lastModified"], e["dtstamp"]) for e in icaljs({"a.ics": after}, tmp_path)["a.ics"]["events"]}
    assert read[uid(DAYS[1])] == (3640815, "2026-12-03T08:15:00Z", "2026-12-03T08:15:00Z")
    assert read[uid(DAYS[0])] == (0, "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z")


def test_a_committed_cancellation_raises_sequence_and_reaches_ical_js_cancelled(tmp_path):
    v1 = group([meeting(d) for d in DAYS[:2]])
    v2 = group([meeting(DAYS[0]), meeting(DAYS[1], aflyst="Bo er syg")])
    feed = build(v2, past((FIRST, v1), (SECOND, v2))).docs["kalender.ics"]
    assert stamps(feed)[uid(DAYS[1])] == (minutes(when(SECOND)), when(SECOND), "CANCELLED")
    assert stamps(feed)[uid(DAYS[0])] == (0, when(FIRST), "CONFIRMED")
    (event,) = [e for e in icaljs({"f.ics": feed}, tmp_path)["f.ics"]["events"] if e["uid"] == uid(DAYS[1])]
    assert (event["status"], event["sequence"]) == ("CANCELLED", minutes(when(SECOND)))


def test_the_same_history_gives_the_same_feeds_on_any_day():
    v1 = group([meeting(d) for d in DAYS])
    v2 = group([meeting(d, start="18:00") for d in DAYS])
    history = past((FIRST, v1), (SECOND, v2))
    one = build(v2, history, today=dt.date(2026, 12, 4))
    other = build(v2, history, today=dt.date(2027, 5, 1))
    assert {p: d for p, d in one.docs.items() if p.endswith(".ics")} == {p: d for p, d in other.docs.items() if p.endswith(".ics")}


def test_moving_a_meeting_back_still_raises_sequence():
    versions = [(t, group([meeting(DAYS[0], sted=place)])) for t, place in ((FIRST, "A-vej 1"), (SECOND, "B-vej 2"), (THIRD, "A-vej 1"))]
    seen = [stamps(build(data, past(*versions[: n + 1])).docs["kalender.ics"])[uid(DAYS[0])][0] for n, (_, data) in enumerate(versions)]
    assert seen == [0, minutes(when(SECOND)), minutes(when(THIRD))]
    assert seen == sorted(set(seen))


def test_commit_times_that_go_backwards_still_raise_sequence_and_last_modified():
    """A commit dated before its parent (a wrong clock): SEQUENCE still rises by one, LAST-MODIFIED by a second."""
    v1, v2, v3 = (group([meeting(DAYS[0], sted=p)]) for p in ("A", "B", "C"))
    feed = build(v3, past((SECOND, v1), (THIRD, v2), (FIRST, v3))).docs["kalender.ics"]
    assert stamps(feed)[uid(DAYS[0])] == (minutes(when(THIRD)) + 1, when(THIRD) + dt.timedelta(seconds=1), "CONFIRMED")


def test_a_meeting_deleted_from_the_file_reaches_subscribers_cancelled(tmp_path):
    v1 = group([meeting(d, sted="Hos Bo, Slotsgade 4") for d in DAYS[:2]] )
    v2 = group([meeting(DAYS[0], sted="Hos Bo, Slotsgade 4")])
    generated = build(v2, past((FIRST, v1), (SECOND, v2)))
    feed = generated.docs["kalender.ics"]
    gone = icalendar_events(feed)[uid(DAYS[1])]
    assert (gone["status"], gone["sequence"], gone["last_modified"]) == ("CANCELLED", minutes(when(SECOND)), when(SECOND))
    assert gone["summary"] == "AFLYST: Netværksmøde" and gone["location"] is None
    # Only its time, title and the group's name: nothing the file no longer holds (the place, the roles) comes back.
    assert b"Slotsgade" not in blocks(feed)[uid(DAYS[1])] and b"Bo Hansen" not in blocks(feed)[uid(DAYS[1])]
    (event,) = [e for e in icaljs({"f.ics": feed}, tmp_path)["f.ics"]["events"] if e["uid"] == uid(DAYS[1])]
    assert event["status"] == "CANCELLED" and event["description"] == "Testgruppen\n\nAFLYST: Mødet er slettet fra mødeplanen."
    assert "moeder/2027-02-09.ics" not in generated.docs  # no page, no one-meeting file
    assert [w for w in generated.warnings if "slettet" in w.message] == []
    # It stays cancelled (same bytes) while it is gone; when it comes back, SEQUENCE rises again.
    v3 = group([meeting(DAYS[0], sted="Hos Bo, Slotsgade 4"), meeting(DAYS[2])])
    later = build(v3, past((FIRST, v1), (SECOND, v2), (THIRD, v3))).docs["kalender.ics"]
    assert blocks(later)[uid(DAYS[1])] == blocks(feed)[uid(DAYS[1])]
    v4 = v1
    back = build(v4, past((FIRST, v1), (SECOND, v2), (THIRD, v3), ("2027-01-03T00:00:00+00:00", v4))).docs["kalender.ics"]
    assert stamps(back)[uid(DAYS[1])] == (minutes(when("2027-01-03T00:00:00+00:00")), when("2027-01-03T00:00:00+00:00"), "CONFIRMED")


def test_a_past_version_that_no_longer_validates_is_skipped_and_said_once():
    v1 = group([meeting(DAYS[0])])
    broken = v1.replace(b'"19:00"', b'"klokken syv"')
    also = v1.replace(b'"Biblioteket"', b'""')
    v4 = group([meeting(DAYS[0], sted="Rådhuset")])
    history = past((FIRST, v1), (SECOND, broken), (THIRD, also), ("2027-01-05T00:00:00+00:00", v4))
    generated = build(v4, history)
    assert [str(w) for w in generated.warnings if "tidligere" in w.message] == [
        "groups/test.yaml:1:1: advarsel: 2 tidligere udgaver af filen i git (commit 0000002, 0000003) kan ikke læses af denne "
        "version af netvaerk; kalenderen springer dem over, når den ser efter, hvad medlemmernes kalendere allerede har fået"
    ]
    # The move is seen against the last version that did validate.
    assert stamps(generated.docs["kalender.ics"])[uid(DAYS[0])][0] == minutes(when("2027-01-05T00:00:00+00:00"))
    one = build(v4, past((FIRST, v1), (SECOND, broken), (THIRD, v4)))
    assert [w.message.split(";")[0] for w in one.warnings if "tidligere" in w.message] == [
        "en tidligere udgave af filen i git (commit 0000002) kan ikke læses af denne version af netvaerk"
    ]


def test_edits_not_committed_yet_are_stamped_at_midnight_of_today_after_the_last_commit():
    v1 = group([meeting(DAYS[0])])
    edited = group([meeting(DAYS[0], sted="Rådhuset")])
    feed = build(edited, past((FIRST, v1)), today=dt.date(2026, 12, 1)).docs["kalender.ics"]
    midnight = when("2026-12-01T00:00:00+00:00")
    assert stamps(feed)[uid(DAYS[0])] == (minutes(midnight), midnight, "CONFIRMED")
    # Committed later that day: the commit's time is later still, so nothing goes down.
    committed = build(edited, past((FIRST, v1), ("2026-12-01T09:00:00+00:00", edited))).docs["kalender.ics"]
    assert stamps(committed)[uid(DAYS[0])][0] > minutes(midnight)
    # Building on the day of the last commit (or before it): a second after it.
    early = build(edited, past((FIRST, v1)), today=dt.date(2026, 11, 20)).docs["kalender.ics"]
    assert stamps(early)[uid(DAYS[0])][1] == when(FIRST) + dt.timedelta(seconds=1)


def _legacy(data: bytes, slug: str, sequence: int, stamp: str, members: bool, *, text: bytes = b"", **changed: dict) -> bytes:
    """groups/<slug>.kalender.json as builds before the memory came from git wrote it, for this version of the file
    (`text`: the version whose text the old build saw, when it differed; `changed`: places it saw)."""
    public, private = version_events(data, f"groups/{slug}.yaml", slug, TODAY)
    seen = dict(zip([e.uid for e in public], version_events(text, f"groups/{slug}.yaml", slug, TODAY)[members], strict=True)) if text else {}
    events = {}
    for event in private if members else public:
        significant = {**event.significant(), **changed.get(event.uid, {})}
        digest = legacy_digest(seen.get(event.uid, event))
        events[event.uid] = {"sequence": sequence, "created": stamp, "modified": stamp, "time_place_status": significant, "content": digest}
    return json.dumps({"format": 1, "note": "…", "events": events}, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"


def test_an_old_state_file_never_lets_sequence_go_down_and_keeps_unchanged_events_as_they_were():
    v1 = group([meeting(d) for d in DAYS[:2]])
    # The old build saw the second meeting at another place than the file now says (built before an edit).
    legacy = _legacy(v1, "test", 7, "2026-11-21T00:00:00Z", False, **{uid(DAYS[1]): {"location": "Et andet sted"}})
    taken_at = "2026-11-21T12:00:00+00:00"
    feed = build(v1, past((FIRST, v1), legacy=legacy, legacy_file="groups/test.kalender.json", legacy_after=1, legacy_when=when(taken_at)))
    got = stamps(feed.docs["kalender.ics"])
    old = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    assert got[uid(DAYS[0])] == (7, old, "CONFIRMED")  # as the old build wrote it
    assert got[uid(DAYS[1])] == (minutes(when(taken_at)), when(taken_at), "CONFIRMED")  # above 7: a change
    assert icalendar_events(feed.docs["kalender.ics"])[uid(DAYS[0])]["created"] == old
    # A later commit moves the first meeting: far above the old counter.
    v2 = group([meeting(DAYS[0], start="18:00"), meeting(DAYS[1])])
    later = build(v2, past((FIRST, v1), (SECOND, v2), legacy=legacy, legacy_after=1, legacy_when=when(taken_at)))
    assert stamps(later.docs["kalender.ics"])[uid(DAYS[0])] == (minutes(when(SECOND)), when(SECOND), "CONFIRMED")
    # A state file in the working tree only (never committed) describes the feeds as they are now.
    here = build(v1, past((FIRST, v1), legacy=legacy, legacy_file="groups/test.kalender.json"))
    assert stamps(here.docs["kalender.ics"])[uid(DAYS[0])] == (7, old, "CONFIRMED")
    # With no history at all (a downloaded zip) the same.
    zipped = build(v1, past(legacy=legacy, legacy_file="groups/test.kalender.json", kind=NO_GIT))
    assert stamps(zipped.docs["kalender.ics"])[uid(DAYS[0])] == (7, old, "CONFIRMED")
    # The old build showed other text (a newer netvaerk words the description differently, or the file changed
    # only in a role): LAST-MODIFIED moves, SEQUENCE stays.
    worded = _legacy(v1, "test", 7, "2026-11-21T00:00:00Z", False, text=group([meeting(d, ordstyrer="Bo Hansen") for d in DAYS[:2]]))
    reworded = build(v1, past((FIRST, v1), legacy=worded, legacy_after=1, legacy_when=when(taken_at)))
    assert stamps(reworded.docs["kalender.ics"])[uid(DAYS[0])] == (7, when(taken_at), "CONFIRMED")


def test_an_old_state_file_that_cannot_be_read_stops_the_build_and_says_how():
    v1 = group([meeting(DAYS[0])])
    with pytest.raises(Exception) as caught:
        build(v1, past((FIRST, v1), legacy=b'{"format": 1,\n "events": {', legacy_file="groups/test.kalender.json"))
    assert [str(p) for p in caught.value.problems] == [
        "groups/test.kalender.json:2:13: kalenderstatus fra en ældre version af netvaerk kan ikke læses (Expecting property "
        "name enclosed in double quotes); hent den seneste udgave fra git, eller slet filen, så kalenderen regner alt ud fra "
        "git-historikken"
    ]


def test_without_git_a_note_and_with_broken_git_a_refusal():
    v1 = group([meeting(DAYS[0])])
    zipped = build(v1, past(kind=NO_GIT))
    assert [str(w) for w in zipped.warnings if "git" in w.message] == [
        "groups/test.yaml:1:1: advarsel: mappen er ikke en git-klon, så kalenderen kan ikke se, hvad der er ændret siden sidst: "
        "flyttede og aflyste møder bliver måske ikke rettet i medlemmernes kalendere; byg fra en git-klon af repositoryet med "
        "hele historikken"
    ]
    assert stamps(zipped.docs["kalender.ics"]) == stamps(build(v1).docs["kalender.ics"])
    with pytest.raises(Exception) as caught:
        build(v1, past(kind=BROKEN, reason="fatal: bad object HEAD"))
    assert "git kan ikke læse filens historik (fatal: bad object HEAD)" in str(caught.value)
    with pytest.raises(Exception) as caught:
        build(v1, past((FIRST, v1), truncated=True))
    assert "git fetch --unshallow" in str(caught.value) and "fetch-depth: 0" in str(caught.value)


def test_the_public_feed_follows_only_what_it_shows_and_the_members_feed_everything():
    """Issue 20, item 7: a new home for a meeting, or two role-holders swapped, say nothing in the public feed."""
    v1 = MEMBERS.read_bytes()
    v2 = v1.replace("sted: Hos Bo, Slotsgade 4, 3400 Hillerød".encode(), "sted: Hos Carla, Møllevej 2, 3400 Hillerød".encode())
    v2 = v2.replace(b"    ordstyrer: Carla Nielsen\n    referent: Dorte Madsen", b"    ordstyrer: Dorte Madsen\n    referent: Carla Nielsen")
    assert v2.count(b"Dorte Madsen\n    referent: Carla") == 1 and b"Hos Carla" in v2
    secret = Secret(PASSPHRASE)
    before = build(v1, past((FIRST, v1)), slug="lukket", secret=secret)
    after = build(v2, past((FIRST, v1), (SECOND, v2)), slug="lukket", secret=secret)
    for name in ("kalender.ics", "moeder/2027-02-09.ics", "moeder/2027-03-09.ics"):
        assert after.docs[name] == before.docs[name], name
    members = after.private_feed
    assert members == before.private_feed
    got = stamps(after.docs[members])
    assert got["moede-2027-02-09@lukket.netvaerk"] == (minutes(when(SECOND)), when(SECOND), "CONFIRMED")
    assert got["moede-2027-03-09@lukket.netvaerk"] == (0, when(SECOND), "CONFIRMED")
    assert got["moede-2027-01-12@lukket.netvaerk"] == (0, when(FIRST), "CONFIRMED")


# Builds in real repositories


def _build(root: Path, *args: str, today: str = "2026-11-26", passphrase: str | None = PASSPHRASE):
    import os

    saved = os.environ.pop(VARIABLE, None)
    if passphrase is not None:
        os.environ[VARIABLE] = passphrase
    try:
        return run(["build", "--today", today, *args], root)
    finally:
        os.environ.pop(VARIABLE, None)
        if saved is not None:
            os.environ[VARIABLE] = saved


def _origin(tmp_path: Path, extra: dict[str, bytes] | None = None) -> Path:
    """A group's repository: its group files, the project's config, a .gitignore for what a build makes."""
    origin = copy_project(tmp_path / "origin", {"lukket.yaml": MEMBERS.read_bytes(), **(extra or {})}, kept=False, committed=False)
    (origin / ".gitignore").write_text("/site/\n/site_src/\n/private/\n", encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A", ".")
    git(origin, "commit", "-q", "-m", "Gruppen", when=FIRST)
    return origin


def _clone(origin: Path, target: Path, *args: str) -> Path:
    git(origin.parent, "clone", "-q", *args, origin.resolve().as_uri(), str(target))
    return target


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def origin(tmp_path) -> Path:
    (tmp_path / "origin").mkdir()
    return _origin(tmp_path)


def _clone_and_build(origin: Path, folder: Path, keys: seal.Keys) -> tuple[Path, str]:
    """A fresh clone of `origin` built as CI builds it: it builds, leaves git status clean, and publishes the
    members' feed under the name `keys` give; the clone and that name."""
    clone = _clone(origin, folder)
    ran = _build(clone)
    assert ran.code == 0, ran.err
    assert git(clone, "status", "--porcelain") == ""
    name = seal.feed_name(keys)
    assert [p.name for p in (clone / "site" / "lukket").glob("kalender-*.ics")] == [name]
    return clone, name


def test_fresh_clones_give_the_same_site_keys_and_feed_and_leave_git_status_clean(origin, tmp_path):
    first = _clone(origin, tmp_path / "a")
    ran = _build(first)
    assert ran.code == 0, ran.err
    assert git(first, "status", "--porcelain") == ""
    again = _clone(origin, tmp_path / "b")
    assert _build(again).code == 0  # another clone
    assert _files(again / "site") == _files(first / "site")
    assert _files(again / "private") == _files(first / "private")  # the invitation's unlock link, the contact list
    keys = seal.keys_for(PASSPHRASE, "lukket")
    assert [p.name for p in (first / "site" / "lukket").glob("kalender-*.ics")] == [seal.feed_name(keys)]
    assert f"#nv={seal.b64u(keys.enc)}" in html.unescape((first / "private" / "lukket-invitation.html").read_text(encoding="utf-8"))

    # An edit committed: a meeting moved, another re-placed, a third deleted. A fresh clone builds it.
    group = origin / "groups" / "lukket.yaml"
    text = group.read_text(encoding="utf-8")
    text = text.replace("  - dato: 2027-05-11\n    start: 18:00", "  - dato: 2027-05-11\n    start: 17:30")
    text = text.replace("sted: Hos Gitte, Søndervang 12, 3400 Hillerød", "sted: Hos Gitte, Torvet 1, 3400 Hillerød")
    start = text.index("  - dato: 2027-03-09")
    text = text[:start] + text[text.index("  - dato: 2027-04-13") :]
    group.write_text(text, encoding="utf-8")
    git(origin, "commit", "-q", "-am", "Flyttet, nyt sted, slettet", when=SECOND)
    later, name = _clone_and_build(origin, tmp_path / "c", keys)
    before, after = (first / "site" / "lukket" / name).read_bytes(), (later / "site" / "lukket" / name).read_bytes()
    old, new = stamps(before), stamps(after)
    moved, placed, deleted = "moede-2027-05-11@lukket.netvaerk", "moede-2027-04-20@lukket.netvaerk", "moede-2027-03-09@lukket.netvaerk"
    for changed in (moved, placed, deleted):
        assert new[changed][0] == minutes(when(SECOND)) > old[changed][0]
    assert new[deleted][2] == "CANCELLED"
    read = {e["uid"]: e for e in icaljs({"m.ics": after}, tmp_path)["m.ics"]["events"]}
    assert (read[moved]["sequence"], read[placed]["sequence"], read[deleted]["status"]) == (minutes(when(SECOND)),) * 2 + ("CANCELLED",)
    unchanged = set(old) - {moved, placed, deleted}
    assert unchanged and all(blocks(after)[u] == blocks(before)[u] for u in unchanged)
    # The invitation from the first build still unlocks: the same key.
    assert (first / "private" / "lukket-invitation.html").read_bytes() == (later / "private" / "lukket-invitation.html").read_bytes()


def test_a_shallow_clone_that_cut_a_files_history_is_refused_with_the_fix(origin, tmp_path):
    group = origin / "groups" / "lukket.yaml"
    group.write_bytes(group.read_bytes().replace(b"start: 18:00", b"start: 18:30", 1))
    git(origin, "commit", "-q", "-am", "Flyttet", when=SECOND)
    (origin / "groups" / "ny.yaml").write_bytes(CONTRACT.read_bytes())
    git(origin, "add", "groups/ny.yaml")
    git(origin, "commit", "-q", "-m", "Ny gruppe", when=THIRD)
    (origin / "LÆSMIG.txt").write_text("Gruppernes filer.\n", encoding="utf-8")
    git(origin, "add", "LÆSMIG.txt")
    git(origin, "commit", "-q", "-m", "Læsmig", when="2027-01-03T00:00:00+00:00")

    shallow = _clone(origin, tmp_path / "s", "--depth", "1")
    ran = _build(shallow, "groups/lukket.yaml")
    assert ran.code == 1
    assert ran.err == (
        "groups/lukket.yaml:1:1: git-klonen mangler filens ældste historik (en »shallow clone«), og uden den kan kalenderen "
        "ikke se, hvad medlemmernes kalendere allerede har fået; hent hele historikken med: git fetch --unshallow (GitHub "
        "Actions: fetch-depth: 0 under actions/checkout; GitLab: variablen GIT_DEPTH: 0). Intet er lagt ud\n"
        "groups/lukket.yaml: ikke bygget (ret fejlene ovenfor)\n"
    )
    assert not (shallow / "site" / "lukket").exists()
    # Cut below the commit that made groups/ny.yaml, above the one that made lukket.yaml: ny.yaml's whole history is
    # there, so it is built as from a full clone; lukket.yaml's is not.
    deep = _clone(origin, tmp_path / "d", "--depth", "3")
    assert git(deep, "rev-parse", "--is-shallow-repository").strip() == "true"
    ran = _build(deep)
    assert ran.code == 1 and "groups/lukket.yaml: ikke bygget" in ran.err and "groups/ny.yaml: " in ran.out
    full = _clone(origin, tmp_path / "f")
    assert _build(full).code == 0
    assert _files(deep / "site" / "ny") == _files(full / "site" / "ny")


def test_a_past_version_git_cannot_give_stops_the_build(origin):
    """A damaged repository (an object missing): refused with git's trouble named, never a feed that forgot a change."""
    group = origin / "groups" / "lukket.yaml"
    first = git(origin, "rev-parse", "HEAD:groups/lukket.yaml").strip()
    group.write_bytes(group.read_bytes().replace(b"start: 18:00", b"start: 18:30", 1))
    git(origin, "commit", "-q", "-am", "Flyttet", when=SECOND)
    (origin / ".git" / "objects" / first[:2] / first[2:]).unlink()  # the first version's bytes (a loose object)
    ran = _build(origin)
    assert ran.code == 1
    commit = git(origin, "log", "--format=%h", "--abbrev=7", "-1", "HEAD~1").strip()
    assert ran.err.startswith(
        f"groups/lukket.yaml:1:1: git kan ikke læse filens historik (udgaven fra commit {commit} mangler), og uden den kan "
        "kalenderen ikke se, hvad medlemmernes kalendere allerede har fået; byg fra en frisk git-klon af repositoryet. "
        "Intet er lagt ud\n"
    )


def test_a_downloaded_zip_builds_with_a_note_and_the_same_keys(origin, tmp_path):
    folder = tmp_path / "zip"
    shutil.copytree(origin, folder, ignore=shutil.ignore_patterns(".git"))
    ran = _build(folder)
    assert ran.code == 0
    assert ran.err == (
        "groups/lukket.yaml:1:1: advarsel: mappen er ikke en git-klon, så kalenderen kan ikke se, hvad der er ændret siden "
        "sidst: flyttede og aflyste møder bliver måske ikke rettet i medlemmernes kalendere; byg fra en git-klon af "
        "repositoryet med hele historikken\n"
    )
    clone = _clone(origin, tmp_path / "c")
    assert _build(clone).code == 0
    zipped, cloned = _files(folder / "site"), _files(clone / "site")
    # The same keys, so the same pages and feed address as a clone gives; only the feeds' stamps differ (without a
    # history they are the build day's, midnight UTC; with one the commit's), and so the offline worker's list.
    assert zipped.keys() == cloned.keys()
    same = lambda files: {p: d for p, d in files.items() if not p.endswith((".ics", "sw.js"))}  # noqa: E731
    assert same(zipped) == same(cloned)
    (feed,) = [p for p in zipped if re.fullmatch(r"lukket/kalender-[0-9a-f]{32}\.ics", p)]
    assert {v[:2] for v in stamps(zipped[feed]).values()} == {(0, dt.datetime(2026, 11, 26, tzinfo=dt.UTC))}
    assert _build(folder, "--force").code == 0
    assert _files(folder / "site") == zipped


def test_a_repository_whose_old_builds_committed_state_files_keeps_its_keys_and_sequences(origin, tmp_path):
    """The old lock file's random salt and the old calendar state's counters are read, from the working tree or,
    once deleted, from the history; nothing is written."""
    salt = bytes(range(16))
    old_keys = seal.derive(PASSPHRASE, salt)
    laas = {"format": 1, "salt": seal.b64u(salt), "iterationer": seal.ITERATIONS, "kontrol": seal.check_value(old_keys, "lukket")}
    data = (origin / "groups" / "lukket.yaml").read_bytes()
    (origin / "groups" / "lukket.laas.json").write_text(json.dumps(laas, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (origin / "groups" / "lukket.kalender.json").write_bytes(_legacy(data, "lukket", 2, "2026-11-22T00:00:00Z", True))
    git(origin, "add", "-A", "groups")
    git(origin, "commit", "-q", "-m", "Opdater filer i groups/ efter bygning [skip ci]", when="2026-11-22T08:00:00+00:00")
    clone, name = _clone_and_build(origin, tmp_path / "c", old_keys)
    feed = (clone / "site" / "lukket" / name).read_bytes()
    old = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert {v[:2] for v in stamps(feed).values()} == {(2, old)}
    assert {v[:2] for v in stamps((clone / "site" / "lukket" / "kalender.ics").read_bytes()).values()} == {(2, old)}

    # The state files deleted (as the new README allows): still the same keys and counters, from the history.
    git(origin, "rm", "-q", "groups/lukket.laas.json", "groups/lukket.kalender.json")
    git(origin, "commit", "-q", "-m", "Tilstandsfilerne er ikke nødvendige mere", when=SECOND)
    again = _clone(origin, tmp_path / "d")
    assert _build(again).code == 0
    assert (again / "site" / "lukket" / name).read_bytes() == feed

    # A moved meeting afterwards: far above the old counter; the others stay as they were.
    group = origin / "groups" / "lukket.yaml"
    group.write_bytes(group.read_bytes().replace(b"  - dato: 2027-05-11\n    start: 18:00", b"  - dato: 2027-05-11\n    start: 17:30"))
    git(origin, "commit", "-q", "-am", "Flyttet", when=THIRD)
    later = _clone(origin, tmp_path / "e")
    assert _build(later).code == 0
    moved = stamps((later / "site" / "lukket" / name).read_bytes())
    assert moved["moede-2027-05-11@lukket.netvaerk"][0] == minutes(when(THIRD))
    assert {u: s for u, s in moved.items() if u != "moede-2027-05-11@lukket.netvaerk"} == {
        u: s for u, s in stamps(feed).items() if u != "moede-2027-05-11@lukket.netvaerk"
    }


def test_issue_20_item_7_a_hidden_change_leaves_the_public_feed_alone(tmp_path):
    """Through `netvaerk build` in a repository: a meeting's home changed and two role-holders swapped, committed
    and built again; the public feed is byte for byte the same, the members' feed follows both. (Before the feed's
    memory came from git, the public feed's SEQUENCE rose for the home and LAST-MODIFIED moved for the swap.)"""
    root = copy_project(tmp_path, {"lukket.yaml": MEMBERS.read_bytes()})
    assert _build(root).code == 0
    public = (root / "site" / "lukket" / "kalender.ics").read_bytes()
    (members,) = (root / "site" / "lukket").glob("kalender-*.ics")
    private = members.read_bytes()
    group = root / "groups" / "lukket.yaml"
    text = group.read_text(encoding="utf-8").replace("sted: Hos Bo, Slotsgade 4, 3400 Hillerød", "sted: Hos Carla, Møllevej 2, 3400 Hillerød")
    text = text.replace("    ordstyrer: Carla Nielsen\n    referent: Dorte Madsen", "    ordstyrer: Dorte Madsen\n    referent: Carla Nielsen")
    group.write_text(text, encoding="utf-8")
    commit_groups(root, "Nyt sted og byttede roller", when=SECOND)
    assert _build(root, today="2026-12-04").code == 0
    assert (root / "site" / "lukket" / "kalender.ics").read_bytes() == public
    changed = {u: v for u, v in stamps(members.read_bytes()).items() if v != stamps(private)[u]}
    assert set(changed) == {"moede-2027-02-09@lukket.netvaerk", "moede-2027-03-09@lukket.netvaerk"}

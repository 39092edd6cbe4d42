"""`netvaerk plan` and the guide's planning hints: dates, holidays, themes, roles, evaluation, the file edit."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest

from clirun import run
from conftest import CONTRACT, PUBLIC_WARNING, copy_project
from generator.cli.options import command
from generator.guide import holidays
from generator.guide.check import check
from generator.model.loader import load
from generator.model.models import Meeting
from generator.model.validate import to_data
from generator.organiser import planner

D = dt.date


# --- holidays -------------------------------------------------------------------


@pytest.mark.parametrize(
    "year, easter",
    [
        (2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)), (2028, D(2028, 4, 16)),
        (2029, D(2029, 4, 1)), (2030, D(2030, 4, 21)),
    ],
)
def test_easter(year, easter):
    assert holidays.easter_sunday(year) == easter


def test_public_holidays_2027():
    assert holidays.public_holidays(2027) == {
        D(2027, 1, 1): "nytårsdag",
        D(2027, 3, 25): "skærtorsdag",
        D(2027, 3, 26): "langfredag",
        D(2027, 3, 28): "påskedag",
        D(2027, 3, 29): "2. påskedag",
        D(2027, 5, 6): "Kristi himmelfartsdag",
        D(2027, 5, 16): "pinsedag",
        D(2027, 5, 17): "2. pinsedag",
        D(2027, 6, 5): "grundlovsdag",
        D(2027, 12, 24): "juleaftensdag",
        D(2027, 12, 25): "juledag",
        D(2027, 12, 26): "2. juledag",
        D(2027, 12, 31): "nytårsaftensdag",
    }


def test_store_bededag_only_until_2023():
    assert holidays.public_holidays(2023)[D(2023, 5, 5)] == "store bededag"
    assert "store bededag" not in holidays.public_holidays(2024).values()


@pytest.mark.parametrize(
    "year, first, last",
    # The summer holidays most municipalities actually had.
    [(2024, D(2024, 6, 29), D(2024, 8, 11)), (2025, D(2025, 6, 28), D(2025, 8, 10)), (2026, D(2026, 6, 27), D(2026, 8, 9))],
)
def test_summer_holiday(year, first, last):
    assert holidays.summer_holiday(year) == (first, last)
    assert holidays.closed_reason(first) == holidays.closed_reason(last) == "skolernes sommerferie"
    assert holidays.closed_reason(first - dt.timedelta(days=1)) is None
    assert holidays.closed_reason(last + dt.timedelta(days=1)) is None


# --- dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tirsdag", planner.Recurrence(weekday=1, weeks=1)),
        ("hver Torsdag", planner.Recurrence(weekday=3, weeks=1)),
        ("uge", planner.Recurrence(weekday=None, weeks=1)),
        ("2. uge", planner.Recurrence(weekday=None, weeks=2)),
        ("hver 3. uge", planner.Recurrence(weekday=None, weeks=3)),
        ("2. tirsdag", planner.Recurrence(weekday=1, nth=2)),
        ("anden tirsdag", planner.Recurrence(weekday=1, nth=2)),
        ("sidste onsdag", planner.Recurrence(weekday=2, nth=-1)),
    ],
)
def test_recurrence_forms(text, expected):
    assert planner.parse_recurrence(text) == expected


@pytest.mark.parametrize("text", ["tirsdagx", "5. tirsdag", "0. uge", "hver måned", ""])
def test_recurrence_refuses_what_it_does_not_understand(text):
    with pytest.raises(ValueError, match="forstår jeg ikke"):
        planner.parse_recurrence(text)


def test_second_tuesday_of_each_month():
    dates, skipped = planner.meeting_dates(D(2027, 8, 10), planner.parse_recurrence("2. tirsdag"), 6)
    assert dates == (D(2027, 8, 10), D(2027, 9, 14), D(2027, 10, 12), D(2027, 11, 9), D(2027, 12, 14), D(2028, 1, 11))
    assert skipped == ()


def test_weekly_skips_the_summer_holiday_and_says_why():
    dates, skipped = planner.meeting_dates(D(2027, 6, 15), planner.parse_recurrence("tirsdag"), 4)
    assert dates == (D(2027, 6, 15), D(2027, 6, 22), D(2027, 8, 10), D(2027, 8, 17))
    assert [(s.dato, s.reason) for s in skipped] == [(D(2027, 6, 29) + dt.timedelta(weeks=i), "skolernes sommerferie") for i in range(6)]


def test_every_other_week_skips_public_holidays():
    # Fridays from 2027-12-17 every week: Christmas Eve and New Year's Eve fall on Fridays.
    dates, skipped = planner.meeting_dates(D(2027, 12, 17), planner.parse_recurrence("fredag"), 3)
    assert dates == (D(2027, 12, 17), D(2028, 1, 7), D(2028, 1, 14))
    assert [(s.dato, s.reason) for s in skipped] == [(D(2027, 12, 24), "juleaftensdag"), (D(2027, 12, 31), "nytårsaftensdag")]
    dates, skipped = planner.meeting_dates(D(2027, 3, 11), planner.parse_recurrence("2. uge"), 3)
    assert dates == (D(2027, 3, 11), D(2027, 4, 8), D(2027, 4, 22)) and skipped[0].reason == "skærtorsdag"


# --- roles ----------------------------------------------------------------------


def _meeting(day: int, chair: str | None, scribe: str | None) -> Meeting:
    return Meeting.model_validate({"dato": f"2027-01-{day:02d}", "start": "18:00", "sted": "x", "ordstyrer": chair, "referent": scribe})


@pytest.mark.parametrize("size", range(2, 13))
def test_roles_rotate_fairly(size):
    members = tuple(f"Medlem {i}" for i in range(size))
    histories = [[], [_meeting(1, members[-1], members[0])], [_meeting(1, members[0], members[1]), _meeting(8, members[1], members[2 % size])]]
    for history in histories:
        for count in range(1, 25):
            roles = planner.rotate_roles(members, count, history)
            sequence = [(m.ordstyrer, m.referent) for m in history[-1:]] + roles
            assert all(chair != scribe for chair, scribe in roles)
            for before, after in itertools.pairwise(sequence):
                assert before[0] != after[0] and before[1] != after[1], "same role twice in a row"
                if size >= 4:
                    assert not set(before) & set(after), "a role at two meetings in a row"
            for counts in (Counter(c for c, _ in roles), Counter(s for _, s in roles), Counter(p for pair in roles for p in pair)):
                spread = max(counts[m] for m in members) - min(counts[m] for m in members)
                assert spread <= 1, (size, count, history, roles)


def test_roles_need_two_members():
    with pytest.raises(planner.PlanError, match="mindst to medlemmer"):
        planner.rotate_roles(("Anne",), 2, [])


# --- themes and evaluation --------------------------------------------------------


def _contract():
    group, _ = check(CONTRACT.read_bytes(), "groups/nordsjaelland.yaml")
    return group


def test_free_themes_follow_the_catalogue_and_skip_taken_ones():
    free = planner.free_themes(_contract())
    assert free[:3] == [
        "Hvad gør man, hvis man får en arbejdsskade?",
        "Antallet og sammensætningen af børnene i plejefamilien",
        "Indretning af hjemmet – inventar og hjælpemidler",
    ]
    for taken in ("Forholdet til kommunen", "Feedback", "Ergonomiske belastninger"):
        assert taken not in free
    assert len(free) == 16 - 3


def test_evaluation_when_the_group_turns_half_a_year_and_again_half_a_year_later():
    dates, _ = planner.meeting_dates(D(2027, 8, 10), planner.parse_recurrence("2. tirsdag"), 12)
    # First meeting 2027-01-12: half a year on 2027-07-12 (summer holiday, so August), then the
    # meeting from two weeks before half a year after that evaluation (2028-02-10).
    assert sorted(planner.evaluation_dates(_contract(), dates)) == [D(2027, 8, 10), D(2028, 2, 8), D(2028, 8, 8)]


# --- the command ------------------------------------------------------------------

EXPECTED_SUMMARY = """\
groups/nordsjaelland.yaml: 6 nye møder den 2. tirsdag i hver måned fra tirsdag den 10. august 2027:
  tirsdag den 10. august 2027 kl. 18.00, evalueringsmøde; ordstyrer Anne Jensen, referent Bo Hansen
  tirsdag den 14. september 2027 kl. 18.00, tema: Hvad gør man, hvis man får en arbejdsskade?; ordstyrer Carla Nielsen, referent Gitte Poulsen
  tirsdag den 12. oktober 2027 kl. 18.00, tema: Antallet og sammensætningen af børnene i plejefamilien; ordstyrer Dorte Madsen, referent Erik Larsen
  tirsdag den 9. november 2027 kl. 18.00, tema: Indretning af hjemmet – inventar og hjælpemidler; ordstyrer Fatima Ali, referent Anne Jensen
  tirsdag den 14. december 2027 kl. 18.00, tema: Forholdet til børnene, deres pårørende og familieplejekonsulenten; ordstyrer Gitte Poulsen, referent Carla Nielsen
  tirsdag den 11. januar 2028 kl. 18.00, tema: Organisering af arbejdet, herunder arbejdstider; ordstyrer Bo Hansen, referent Dorte Madsen

--- groups/nordsjaelland.yaml
+++ groups/nordsjaelland.yaml
@@ -105,3 +105,60 @@
         minutter: 90
       - punkt: Næste møde – ordstyrer og referent
         minutter: 10
+
+  - dato: 2027-08-10
+    start: 18:00
+    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød
+    ordstyrer: Anne Jensen
+    referent: Bo Hansen
+    evaluering: ja
+    dagsorden:
+      - punkt: Siden sidst
+        minutter: 20
+        ved: alle
+      - punkt: Evaluering af indhold, form, stemning og trivsel
+        minutter: 70
+        ved: alle
+      - punkt: Pause
+        minutter: 20
+      - punkt: Det justerer vi
+        minutter: 40
+        ved: alle
+      - punkt: Det næste halve år – møder, temaer og roller
+        minutter: 20
+        ved: alle
+
+  - dato: 2027-09-14
+    start: 18:00
+    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød
+    tema: Hvad gør man, hvis man får en arbejdsskade?
+    ordstyrer: Carla Nielsen
+    referent: Gitte Poulsen
+
+  - dato: 2027-10-12
+    start: 18:00
+    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød
+    tema: Antallet og sammensætningen af børnene i plejefamilien
+    ordstyrer: Dorte Madsen
+    referent: Erik Larsen
+
+  - dato: 2027-11-09
+    start: 18:00
+    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød
+    tema: Indretning af hjemmet – inventar og hjælpemidler
+    ordstyrer: Fatima Ali
+    referent: Anne Jensen
+
+  - dato: 2027-12-14
+    start: 18:00
+    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød
+    tema: Forholdet til børnene, deres pårørende og familieplejekonsulenten
+    ordstyrer: Gitte Poulsen
+    referent: Carla Nielsen
+
+  - dato: 2028-01-11
+    start: 18:00
+    sted: Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød
+    tema: Organisering af arbejdet, herunder arbejdstider
+    ordstyrer: Bo Hansen
+    referent: Dorte Madsen
"""  # noqa: E501 - the command's output, line for line
ISSUE_EXAMPLE = ["plan", "groups/nordsjaelland.yaml", "--fra", "2027-08-10", "--hver", "2. tirsdag", "--antal", "6"]


def test_plan_shows_the_change_and_writes_nothing_without_a_yes(tmp_path):
    root = copy_project(tmp_path)
    before = (root / "groups/nordsjaelland.yaml").read_bytes()
    ran = run(ISSUE_EXAMPLE, root, input="n\n")
    assert ran.code == 0, ran.err
    assert ran.out == EXPECTED_SUMMARY + "Gem ændringerne i groups/nordsjaelland.yaml? (j/n): n\nIntet er gemt.\n"
    assert (root / "groups/nordsjaelland.yaml").read_bytes() == before


def test_plan_writes_after_confirmation_and_keeps_the_rest_byte_for_byte(tmp_path):
    root = copy_project(tmp_path)
    before = (root / "groups/nordsjaelland.yaml").read_bytes()
    ran = run(ISSUE_EXAMPLE, root, input="j\n")
    assert ran.code == 0 and ran.err == ""
    assert ran.out.endswith(f"(j/n): j\ngroups/nordsjaelland.yaml: 6 møder tilføjet. Byg siden igen med: {command(root)} build\n")
    after = (root / "groups/nordsjaelland.yaml").read_bytes()
    added = "".join(line[1:] for line in EXPECTED_SUMMARY.split("@@\n", 1)[1].splitlines(keepends=True) if line.startswith("+"))
    assert after == before + added.encode()
    group, warnings = check(after, "groups/nordsjaelland.yaml")
    assert [str(w) for w in warnings] == [PUBLIC_WARNING.rstrip("\n")] and len(group.moeder) == 13 and group.moeder[7].evaluering


def test_plan_ja_and_check_hints_before_and_after(tmp_path):
    root = copy_project(tmp_path)
    hints = run(["check", "groups/nordsjaelland.yaml", "--today", "2027-07-20"], root)
    assert hints.code == 0
    assert hints.out == "groups/nordsjaelland.yaml: ingen fejl (3 advarsler)\n"
    assert hints.err == PUBLIC_WARNING + (
        "groups/nordsjaelland.yaml:41:1: møder: advarsel: der er ingen møder planlagt efter 20. oktober 2027 (tre måneder frem); "
        "mødepakken råder til at lægge møderne i kalenderen et halvt til et helt år frem – brug fx netvaerk plan\n"
        "groups/nordsjaelland.yaml:41:1: møder: advarsel: gruppen har mødtes i et halvt år (siden 12. januar 2027), men intet møde "
        "er markeret med 'evaluering: ja'; mødepakken råder til at evaluere indhold, form, stemning og trivsel efter et halvt år\n"
    )
    assert run([*ISSUE_EXAMPLE, "--ja"], root).code == 0
    after = run(["check", "groups/nordsjaelland.yaml", "--today", "2027-07-20"], root)
    assert (after.code, after.out, after.err) == (0, "groups/nordsjaelland.yaml: ingen fejl (1 advarsel)\n", PUBLIC_WARNING)


def test_check_without_planning_hints_before_the_group_starts(tmp_path):
    root = copy_project(tmp_path)
    ran = run(["check", "groups/nordsjaelland.yaml", "--today", "2026-11-26"], root)
    assert (ran.code, ran.out, ran.err) == (0, "groups/nordsjaelland.yaml: ingen fejl (1 advarsel)\n", PUBLIC_WARNING)
    # The title is not the mark: an evaluation needs 'evaluering: ja'.
    late = run(["check", "groups/nordsjaelland.yaml", "--today", "2027-07-12"], root)
    assert "intet møde er markeret med 'evaluering: ja'" in late.err
    early = run(["check", "groups/nordsjaelland.yaml", "--today", "2027-07-11"], root)
    assert "evaluering" not in early.err


def test_plan_refuses_dates_before_the_last_meeting(tmp_path):
    root = copy_project(tmp_path)
    ran = run(["plan", "groups/nordsjaelland.yaml", "--fra", "2027-06-01", "--hver", "tirsdag", "--antal", "2", "--ja"], root)
    assert ran.code == 1 and ran.out == ""
    assert ran.err == (
        "groups/nordsjaelland.yaml:92:11: --fra: skal ligge efter det sidste møde i filen (2027-06-08); "
        "plan tilføjer nye møder efter dem, der er\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--hver", "tirsdag", "--antal", "2"], "Fejl: tilvalget --fra mangler; skriv fx --fra 2027-08-10\n"),
        (
            ["--fra", "2027-08-10", "--hver", "hver måned", "--antal", "2"],
            "Fejl: ugyldig værdi for --hver: 'hver måned' forstår jeg ikke; skriv fx " + planner.FORMS + "\n",
        ),
        (
            ["--fra", "2027-08-10", "--hver", "tirsdag", "--antal", "0"],
            "Fejl: ugyldig værdi for --antal: '0' skal være et antal møder fra 1 til 52\n",
        ),
        (
            ["--fra", "10-08-2027", "--hver", "tirsdag", "--antal", "2"],
            "Fejl: ugyldig værdi for --fra: '10-08-2027' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2027-01-12\n",
        ),
    ],
)
def test_plan_usage_errors_in_danish(tmp_path, args, message):
    root = copy_project(tmp_path)
    ran = run(["plan", "groups/nordsjaelland.yaml", *args], root)
    assert ran.code == 2 and ran.out == ""
    assert ran.err == "Brug: netvaerk plan [TILVALG] FIL\n" + message


ODD_FILE = """\
# A file written by hand, in another style.\r
navn:    "Familieplejere i Vest"   # quoted, with extra spaces\r
formål: |\r
  Vi mødes.\r
\r
  Og hygger.\r
arrangør: {navn: Anne, telefon: 20304050}\r
medlemmer:\r
- navn: Anne\r
- navn: Bo\r
- navn: Carla\r
- navn: Dorte\r
møder:\r
- dato: 2027-01-12\r
  start: '18.30'\r
  sted: Biblioteket\r
  temaansvarlige: [Bo, Carla]   # they prepare\r
  # ordstyrer: nobody yet\r
- dato: 2027-02-09\r
  start: '18.30'\r
  sted: Hos Bo\r
  vært: Bo\r
  tema: Feedback\r
  dagsorden: kommende møder\r
  # vært: not yet\r
# The plan ends here.\r
\r
påmindelse:   nej\r
"""


def test_plan_edits_any_layout_byte_for_byte(tmp_path):
    root = copy_project(tmp_path, {"vest.yaml": ODD_FILE.encode()})
    ran = run(["plan", "groups/vest.yaml", "--fra", "2027-03-01", "--hver", "sidste onsdag", "--antal", "2", "--ja"], root)
    assert ran.code == 0, ran.err
    after = (root / "groups/vest.yaml").read_bytes().decode()
    # The comment indented like the last meeting's keys stays with that meeting.
    head, tail = ODD_FILE.split("# The plan ends here.")
    assert head.endswith("  # vært: not yet\r\n")
    added = (
        "- dato: 2027-03-31\r\n  start: 18:30\r\n  sted: Biblioteket\r\n  tema: Hvad gør man, hvis man får en arbejdsskade?\r\n"
        "  ordstyrer: Anne\r\n  referent: Bo\r\n"
        "- dato: 2027-04-28\r\n  start: 18:30\r\n  sted: Biblioteket\r\n  tema: Ergonomiske belastninger\r\n"
        "  ordstyrer: Carla\r\n  referent: Dorte\r\n"
    )
    assert after == head + added + "# The plan ends here." + tail
    old, _ = to_data(load(ODD_FILE.encode(), "x"))
    new, _ = to_data(load(after.encode(), "x"))
    assert new == {**old, "møder": old["møder"] + new["møder"][2:]} and len(new["møder"]) == 4


def test_plan_adds_the_list_when_there_is_none(tmp_path):
    text = "navn: Vest\nformål: Vi mødes.\narrangør:\n  navn: Anne\nmedlemmer:\n  - navn: Anne\n  - navn: Bo\n"
    root = copy_project(tmp_path, {"vest.yaml": text.encode()})
    args = ["plan", "groups/vest.yaml", "--fra", "2027-03-02", "--hver", "tirsdag", "--antal", "1", "--ja"]
    missing = run(args, root)
    assert missing.code == 1
    assert missing.err == "groups/vest.yaml:1:1: --start: gruppen har ingen møder endnu, så skriv starttidspunktet, fx --start 18:00\n"
    ran = run([*args, "--start", "19:00", "--sted", "Biblioteket"], root)
    assert ran.code == 0, ran.err
    assert (root / "groups/vest.yaml").read_text() == text + (
        "\nmøder:\n  - dato: 2027-03-02\n    start: 19:00\n    sted: Biblioteket\n"
        "    tema: Hvad gør man, hvis man får en arbejdsskade?\n    ordstyrer: Anne\n    referent: Bo\n"
    )


def test_plan_reports_file_errors_and_changes_nothing(tmp_path):
    text = CONTRACT.read_text().replace("referent: Bo Hansen", "referent: Bo Hansn", 1)
    root = copy_project(tmp_path, {"nordsjaelland.yaml": text.encode()})
    ran = run([*ISSUE_EXAMPLE, "--ja"], root)
    assert ran.code == 1 and ran.out == ""
    assert ran.err == "groups/nordsjaelland.yaml:47:15: møder[1].referent: referenten 'Bo Hansn' er ikke med i medlemmer (mente du 'Bo Hansen'?)\n"
    assert (root / "groups/nordsjaelland.yaml").read_text() == text


def test_plan_on_a_write_protected_group_file_says_so_and_changes_nothing(tmp_path):
    root = copy_project(tmp_path)
    group = root / "groups" / "nordsjaelland.yaml"
    before = group.read_bytes()
    group.chmod(0o444)
    ran = run([*ISSUE_EXAMPLE, "--ja"], root)
    assert (ran.code, ran.out) == (1, EXPECTED_SUMMARY)
    assert ran.err == "groups/nordsjaelland.yaml:1:1: kunne ikke gemmes: filen er skrivebeskyttet\n"
    assert group.read_bytes() == before
    assert sorted(p.name for p in (root / "groups").iterdir()) == ["nordsjaelland.yaml"]


def test_plan_on_a_full_disk_says_so_and_changes_nothing(tmp_path, monkeypatch):
    import errno

    from generator import files

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    root = copy_project(tmp_path)
    group = root / "groups" / "nordsjaelland.yaml"
    before = group.read_bytes()
    monkeypatch.setattr(files.os, "replace", full)
    ran = run([*ISSUE_EXAMPLE, "--ja"], root)
    assert (ran.code, ran.err) == (1, "groups/nordsjaelland.yaml:1:1: kunne ikke gemmes: der er ikke mere plads på disken\n")
    assert group.read_bytes() == before
    assert sorted(p.name for p in (root / "groups").iterdir()) == ["nordsjaelland.yaml"]

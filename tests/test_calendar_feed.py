"""The calendar feed as members' calendar apps read it: parsed by ical.js and by the `ics` package."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import strategies as st

from conftest import CONTRACT, ROOT, TODAY
from generator.builder.generate import Generated, Past, Secret, generate
from generator.calendar.events import CalEvent
from generator.calendar.ical import calendar_bytes
from generator.calendar.memory import Stamps
from generator.errors import GroupError
from generator.site.render import environment
from ical_parsers import icaljs, ics_events, unescape_text, unfold

CPH = ZoneInfo("Europe/Copenhagen")
GOLDEN = ROOT / "tests" / "golden" / "kalender"
ADDRESS = "https://nordsjaelland.example.dk/"


def build(data: bytes, past: Past | None = None, today: dt.date = TODAY, slug: str = "nordsjaelland", secret: Secret | None = None) -> Generated:
    """The pure generation stage, as the pipeline calls it (`past`: the file's committed versions)."""
    return generate(
        data,
        f"groups/{slug}.yaml",
        slug,
        today,
        environment(),
        base_config="../../mkdocs.yml",
        overrides_dir="../../overrides",
        past=past or Past(),
        secret=secret,
    )


def ics_files(generated: Generated) -> dict[str, bytes]:
    return {path: data for path, data in generated.docs.items() if path.endswith(".ics")}


def group(meetings: list[dict], **extra) -> bytes:
    """A small group file (JSON is YAML 1.2) with the given meetings."""
    document = {
        "navn": "Testgruppen",
        "adresse": "https://test.example.dk/gruppe/",
        "formål": "Vi støtter hinanden.",
        "arrangør": {"navn": "Anne Jensen", "telefon": "20 30 40 50", "email": "anne@example.dk"},
        "medlemmer": [
            {"navn": "Anne Jensen"},
            {"navn": "Bo Hansen", "telefon": "+45 11 22 33 44", "email": "bo.hansen@example.dk"},
        ],
        **extra,
        "møder": meetings,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def meeting(day: str, start: str = "19:00", **extra) -> dict:
    return {"dato": day, "start": start, "sted": "Biblioteket", "ordstyrer": "Anne Jensen", "referent": "Bo Hansen", **extra}


def local(day: str, clock: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(clock), tzinfo=CPH)


def utc_iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@pytest.fixture(scope="module")
def contract() -> Generated:
    return build(CONTRACT.read_bytes())


# The contract group's feed

# (date, start, end, status, summary) of every meeting in groups/nordsjaelland.yaml, worked out by hand
# from the guide's agendas: first and second meeting 2 h 40 min, later meetings 2 h 50 min, and the
# evaluation meeting's own items 20 + 60 + 90 + 10 minutes.
CONTRACT_MEETINGS = [
    ("2027-01-12", "18:00", "20:40", "CONFIRMED", "Netværksmøde: Første møde"),
    ("2027-02-09", "18:00", "20:40", "CONFIRMED", "Netværksmøde: Andet møde"),
    ("2027-03-09", "18:00", "20:50", "CONFIRMED", "Netværksmøde: Forholdet til kommunen"),
    ("2027-04-13", "18:00", "20:50", "CANCELLED", "AFLYST: Netværksmøde: Feedback"),
    ("2027-04-20", "18:00", "20:50", "CONFIRMED", "Netværksmøde: Feedback"),
    ("2027-05-11", "18:00", "20:50", "CONFIRMED", "Netværksmøde: Ergonomiske belastninger"),
    ("2027-06-08", "18:00", "21:00", "CONFIRMED", "Netværksmøde: Evaluering af det første halve år"),
]


def test_contract_feed_matches_golden_file(contract, update_golden):
    files = ics_files(contract)
    expected = {"nordsjaelland.ics": files["kalender.ics"], "nordsjaelland-2027-04-20.ics": files["moeder/2027-04-20.ics"]}
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, data in expected.items():
            (GOLDEN / name).write_bytes(data)
    for name, data in expected.items():
        assert (GOLDEN / name).read_bytes() == data, f"{name} differs; review and run pytest --update-golden"


def test_contract_feed_has_every_file(contract):
    assert sorted(ics_files(contract)) == ["kalender.ics"] + [f"moeder/{m[0]}.ics" for m in CONTRACT_MEETINGS]


def test_contract_meetings_at_danish_local_time_in_icaljs(contract, tmp_path):
    parsed = icaljs(ics_files(contract), tmp_path)
    feed = parsed["kalender.ics"]
    assert feed["timezones"] == ["Europe/Copenhagen"]
    meetings = [e for e in feed["events"] if e["uid"].startswith("moede-")]
    assert len(meetings) == len(CONTRACT_MEETINGS)
    for event, (day, start, end, status, summary) in zip(meetings, CONTRACT_MEETINGS, strict=True):
        assert event["uid"] == f"moede-{day}@nordsjaelland.netvaerk"
        assert event["summary"] == summary
        assert event["status"] == status
        assert event["start"] == {"local": f"{day}T{start}:00", "tzid": "Europe/Copenhagen", "utc": utc_iso(local(day, start)), "isDate": False}
        assert event["end"] == {"local": f"{day}T{end}:00", "tzid": "Europe/Copenhagen", "utc": utc_iso(local(day, end)), "isDate": False}
        assert event["url"] == f"{ADDRESS}moeder/{day}.html"
        assert event["description"].endswith(f"\nMødets side: {ADDRESS}moeder/{day}.html")
        # The one-meeting file holds the same event, and only it.
        single = parsed[f"moeder/{day}.ics"]
        assert single["events"] == [event]
        assert "x-wr-calname" not in single["calendar"] and "refresh-interval" not in single["calendar"]


def test_contract_meetings_at_danish_local_time_in_ics_package(contract):
    for path, data in ics_files(contract).items():
        events = ics_events(data)
        for day, start, end, status, summary in CONTRACT_MEETINGS:
            if path not in ("kalender.ics", f"moeder/{day}.ics"):
                continue
            event = events[f"moede-{day}@nordsjaelland.netvaerk"]
            assert event.begin.datetime == local(day, start)
            assert event.end.datetime == local(day, end)
            assert event.begin.datetime.utcoffset() == local(day, start).utcoffset()
            assert event.begin.datetime.strftime("%H:%M") == start
            assert event.name == summary
            assert event.status == status
            assert event.url == f"{ADDRESS}moeder/{day}.html"


def test_contract_events_are_in_date_order_with_the_deadline(contract, tmp_path):
    events = icaljs({"kalender.ics": contract.docs["kalender.ics"]}, tmp_path)["kalender.ics"]["events"]
    assert [e["uid"].split("@")[0] for e in events] == [
        "tilmelding-2027-01-12",
        *(f"moede-{m[0]}" for m in CONTRACT_MEETINGS),
    ]
    deadline = events[0]
    assert deadline["start"] == {"date": "2027-01-05", "isDate": True}
    assert deadline["end"] == {"date": "2027-01-06", "isDate": True}
    assert deadline["summary"] == "Sidste frist for tilmelding til netværksmødet 12. januar 2027"
    assert deadline["transp"] == "TRANSPARENT"
    assert deadline["alarms"] == []
    event = ics_events(contract.docs["kalender.ics"])["tilmelding-2027-01-12@nordsjaelland.netvaerk"]
    assert event.all_day and event.begin.date() == dt.date(2027, 1, 5)


def test_contract_calendar_properties(contract, tmp_path):
    calendar = icaljs({"kalender.ics": contract.docs["kalender.ics"]}, tmp_path)["kalender.ics"]["calendar"]
    description = (
        "Møder i netværksgruppen Familieplejernes netværk Nordsjælland i Hillerød. "
        "Kalenderen følger gruppens mødeplan og viser også flyttede og aflyste møder."
    )
    assert calendar == {
        "version": "2.0",
        "prodid": "-//netvaerk//netvaerk kalender 1//DA",
        "calscale": "GREGORIAN",
        "method": "PUBLISH",
        "name": "Familieplejernes netværk Nordsjælland",
        "x-wr-calname": "Familieplejernes netværk Nordsjælland",
        "description": description,
        "x-wr-caldesc": description,
        "x-wr-timezone": "Europe/Copenhagen",
        "refresh-interval": "PT4H",
        "refresh-interval;type": "duration",
        "x-published-ttl": "PT4H",
        "url": ADDRESS,
        "source": f"{ADDRESS}kalender.ics",
        "source;type": "uri",
    }


def test_contract_description_agenda_roles_and_afbud(contract, tmp_path):
    events = icaljs({"kalender.ics": contract.docs["kalender.ics"]}, tmp_path)["kalender.ics"]["events"]
    by_uid = {e["uid"]: e for e in events}
    theme = by_uid["moede-2027-03-09@nordsjaelland.netvaerk"]
    assert theme["location"] == "Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød"
    assert theme["description"] == "\n".join(
        [
            "Familieplejernes netværk Nordsjælland",
            "",
            "Tema: Forholdet til kommunen",
            "Temaansvarlige: Dorte Madsen, Erik Larsen",
            "",
            "Dagsorden:",
            "18.00–18.20 Siden sidst (v. alle)",
            "18.20–20.00 Temaoplæg m.m. (v. temaansvarlige)",
            "20.00–20.20 Pause",
            "20.20–20.40 Afrunding af mødet (v. alle)",
            "20.40–20.50 Næste møde – valg af ordstyrer, referent osv. (v. alle)",
            "20.50 Eventuelt (v. alle)",
            "I alt 2 timer og 50 minutter.",
            "",
            "Ordstyrer: Carla Nielsen",
            "Referent: Dorte Madsen",
            "Afbud: Send en sms til ordstyreren senest dagen før.",
            f"Mødets side: {ADDRESS}moeder/2027-03-09.html",
        ]
    )
    assert theme["alarms"] == [
        {
            "action": "DISPLAY",
            "trigger": "-P1D",
            "description": "I morgen kl. 18.00: Netværksmøde: Forholdet til kommunen, "
            "Hillerød Bibliotek, mødelokale 2, Christiansgade 1, 3400 Hillerød",
        }
    ]
    host = by_uid["moede-2027-02-09@nordsjaelland.netvaerk"]["description"]
    assert "\nVært: Bo Hansen\n" in host
    first = by_uid["moede-2027-01-12@nordsjaelland.netvaerk"]["description"]
    assert "\nTilmelding senest tirsdag den 5. januar 2027.\n" in first


def test_cancelled_meeting_stays_with_status_and_reason(contract, tmp_path):
    parsed = icaljs(ics_files(contract), tmp_path)
    for name in ("kalender.ics", "moeder/2027-04-13.ics"):
        event = next(e for e in parsed[name]["events"] if e["uid"] == "moede-2027-04-13@nordsjaelland.netvaerk")
        assert event["status"] == "CANCELLED"
        assert event["summary"] == "AFLYST: Netværksmøde: Feedback"
        assert event["description"].startswith(
            "Familieplejernes netværk Nordsjælland\n\nAFLYST: Flyttet til 20. april på grund af påskeferien\n"
        )
        assert event["alarms"] == []
    assert ics_events(contract.docs["kalender.ics"])["moede-2027-04-13@nordsjaelland.netvaerk"].status == "CANCELLED"


# Clock changes


def clock_change_meetings() -> list[tuple[str, str]]:
    """Meetings the days around every Danish clock change 2026-2036, at 19:00, plus the small hours of the change days."""
    days = []
    for year in range(2026, 2037):
        for month in (3, 10):
            last_sunday = max(dt.date(year, month, d) for d in range(25, 32) if dt.date(year, month, d).weekday() == 6)
            days += [last_sunday - dt.timedelta(days=1), last_sunday, last_sunday + dt.timedelta(days=1)]
    return [(d.isoformat(), "19:00") for d in days]


def test_meetings_around_clock_changes_keep_their_local_time(tmp_path):
    meetings = clock_change_meetings()
    assert ("2027-03-28", "19:00") in meetings and ("2027-10-31", "19:00") in meetings
    generated = build(group([meeting(day, start) for day, start in meetings]), slug="test")
    data = generated.docs["kalender.ics"]
    parsed = icaljs({"kalender.ics": data}, tmp_path)["kalender.ics"]["events"]
    by_package = ics_events(data)
    assert len(parsed) == len(meetings) == len(by_package)
    for event, (day, start) in zip(parsed, meetings, strict=True):
        begin = local(day, start)
        end = begin + dt.timedelta(minutes=170)
        # ical.js converts through the VTIMEZONE in the file; `ics` through the system's tz database.
        assert event["start"]["local"] == f"{day}T{start}:00"
        assert event["start"]["utc"] == utc_iso(begin), day
        assert event["end"]["utc"] == utc_iso(end), day
        other = by_package[event["uid"]]
        assert other.begin.datetime == begin and other.end.datetime == end
    summer, winter = local("2027-03-28", "19:00"), local("2027-03-27", "19:00")
    assert (summer.utcoffset(), winter.utcoffset()) == (dt.timedelta(hours=2), dt.timedelta(hours=1))
    assert local("2027-10-31", "19:00").utcoffset() == dt.timedelta(hours=1)
    assert local("2027-10-30", "19:00").utcoffset() == dt.timedelta(hours=2)


# Format: UTF-8, CRLF, folding


def test_every_line_ends_in_crlf_and_is_folded_at_75_octets(contract):
    long_text = "Æblegrød og rødgrødmedfløde på Østerbrogade – " * 12
    hostile = build(group([meeting("2027-01-12", sted=long_text, tema=long_text[:100])]), slug="test")
    for data in [*ics_files(contract).values(), *ics_files(hostile).values()]:
        assert data.endswith(b"END:VCALENDAR\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
        lines = data.split(b"\r\n")[:-1]
        for line in lines:
            assert len(line) <= 75, line
            line.decode("utf-8")  # no character is split across a fold
    folded = [line for line in hostile.docs["kalender.ics"].split(b"\r\n") if line.startswith(b" ")]
    assert len(folded) > 20
    assert ics_events(hostile.docs["kalender.ics"])["moede-2027-01-12@test.netvaerk"].location == long_text.strip()


# Untrusted text


def rfc_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


HOSTILE = [
    "Kælderen; bag døren, til venstre \\ ned ad trappen",
    "a\\nb \\N c \\\\ d \\, e \\; f",
    'BEGIN:VEVENT UID:evil SUMMARY:"ond"',
    "Linje 1 END:VEVENT BEGIN:VEVENT UID:evil SUMMARY:ond",
    "Æ" * 40 + ";" * 40 + "," * 40 + "\\" * 40,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_comes_back_unchanged_and_inert(text, tmp_path):
    cleaned = " ".join(text.split())
    theme = cleaned[:120]  # a theme becomes a heading, so the group file allows at most 120 characters
    data = group(
        [meeting("2027-01-12", sted=text, tema=theme, aflyst=text), meeting("2027-02-09", sted=text, tema=theme)],
        aftaler={"afbud": text},
    )
    generated = build(data, slug="test")
    feeds = ics_files(generated)
    parsed = icaljs(feeds, tmp_path)
    for name, feed in feeds.items():
        events = parsed[name]["events"]
        uids = {e["uid"] for e in events}
        assert uids <= {"moede-2027-01-12@test.netvaerk", "moede-2027-02-09@test.netvaerk"}
        assert unfold(feed).count("\r\nBEGIN:VEVENT\r\n") == len(events)
        by_package = ics_events(feed)
        assert set(by_package) == uids
        for event in events:
            assert event["location"] == cleaned
            assert f"\nTema: {theme}\n" in event["description"]
            assert f"\nAfbud: {cleaned}\n" in event["description"]
            assert event["summary"].endswith(f"Netværksmøde: {theme}")
            # The raw property is RFC 5545 TEXT: only backslash, semicolon, comma and line breaks escaped.
            assert f"\r\nLOCATION:{rfc_text(cleaned)}\r\n" in unfold(feed)
            other = by_package[event["uid"]]
            if not re.search(r"\\[nNrR]", cleaned):
                # The ics package unescapes with chained str.replace, so it misreads an escaped
                # backslash followed by n, N, r or R (ics/utils.py unescape_string); ical.js does not.
                assert (other.location, other.name, other.description) == (event["location"], event["summary"], event["description"])
    first = parsed["kalender.ics"]["events"][0]
    assert first["status"] == "CANCELLED" and f"\nAFLYST: {cleaned}\n" in first["description"]


def test_line_breaks_written_as_escapes_in_the_group_file_are_refused():
    """CR/LF cannot reach the feed from a group file: the loader refuses them even as escapes in quotes."""
    with pytest.raises(GroupError) as caught:
        build(group([meeting("2027-01-12", sted="Linje 1\r\nEND:VEVENT\r\nUID:evil")]), slug="test")
    assert "styretegn (U+000D)" in str(caught.value)


def test_line_breaks_inside_a_value_stay_inside_it(tmp_path):
    """The writer itself, below the group file's validation: raw CR/LF in a value cannot start a property."""
    evil = "Sted\r\nEND:VEVENT\r\nBEGIN:VEVENT\nUID:evil\rSUMMARY:ond;x,y\\N"
    event = CalEvent("u@test", dt.datetime(2027, 1, 12, 19), dt.datetime(2027, 1, 12, 21), evil, evil, evil, None, False, evil, True)
    stamp = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    data = calendar_bytes(None, [(event, Stamps(0, stamp, stamp))])
    parsed = icaljs({"x.ics": data}, tmp_path)["x.ics"]["events"]
    expected = "Sted\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:ond;x,y\\N"
    assert [(e["uid"], e["summary"], e["location"], e["description"], e["alarms"][0]["description"]) for e in parsed] == [
        ("u@test", expected, expected, expected, expected)
    ]
    other = ics_events(data)
    assert list(other) == ["u@test"]
    # (the ics package misreads the final escaped backslash + N, see above)
    assert other["u@test"].location.startswith("Sted\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:ond;x,y\\")


# Privacy and options


def test_members_phone_numbers_and_emails_never_reach_the_feed():
    generated = build(group([meeting("2027-01-12", vært="Bo Hansen")]), slug="test")
    for data in ics_files(generated).values():
        text = unfold(data)
        for secret in ("11 22 33 44", "11223344", "bo.hansen@example.dk", "20 30 40 50", "anne@example.dk"):
            assert secret not in text
        assert "Vært: Bo Hansen" in text.replace("\\n", "\n")


def test_reminder_can_be_switched_off(tmp_path):
    on = build(group([meeting("2027-01-12")]), slug="test")
    off = build(group([meeting("2027-01-12")], påmindelse="nej"), slug="test")
    parsed = icaljs({"on.ics": on.docs["kalender.ics"], "off.ics": off.docs["kalender.ics"]}, tmp_path)
    assert [e["alarms"] for e in parsed["on.ics"]["events"]] == [
        [{"action": "DISPLAY", "trigger": "-P1D", "description": "I morgen kl. 19.00: Netværksmøde, Biblioteket"}]
    ]
    assert [e["alarms"] for e in parsed["off.ics"]["events"]] == [[]]
    assert b"VALARM" not in off.docs["kalender.ics"]


def test_without_address_the_feed_has_no_links(tmp_path):
    document = json.loads(group([meeting("2027-01-12")]))
    del document["adresse"]
    generated = build(json.dumps(document, ensure_ascii=False).encode(), slug="test")
    parsed = icaljs({"kalender.ics": generated.docs["kalender.ics"]}, tmp_path)["kalender.ics"]
    assert "url" not in parsed["calendar"] and "source" not in parsed["calendar"]
    (event,) = parsed["events"]
    assert event["url"] is None and "Mødets side" not in event["description"]
    assert "kalender-qr.svg" not in generated.docs


def test_calendar_name_with_punctuation_reads_back(tmp_path):
    name = "Netværk Syd; Vejle, Fredericia \\ m.fl."
    data = group([meeting("2027-01-12")]).replace(b'"Testgruppen"', json.dumps(name).encode())
    calendar = icaljs({"k.ics": build(data, slug="test").docs["kalender.ics"]}, tmp_path)["k.ics"]["calendar"]
    # ical.js leaves NAME (RFC 7986) and X- properties unparsed; read as TEXT, RFC 5545's default, they give the name.
    assert unescape_text(calendar["name"]) == name
    assert unescape_text(calendar["x-wr-calname"]) == name
    assert calendar["name"] == "Netværk Syd\\; Vejle\\, Fredericia \\\\ m.fl."


# Reading an event's digest from its written bytes (ical.digest_of_written) instead of writing it a second time

_TEXTS = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))

"""Agenda arithmetic, Danish dates and the loader's scalar handling."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator import danish
from generator.guide import content as guide
from generator.guide.agenda import timed
from generator.guide.check import check

BASE = "navn: G\nformål: F\narrangør:\n  navn: A\nmedlemmer:\n  - navn: A\n"


def test_agenda_clock_times_follow_from_start_and_minutes():
    agenda = timed(dt.date(2027, 1, 12), dt.time(18, 30), guide.agenda("første møde").items)
    assert [(danish.clock(t.start), danish.clock(t.end)) for t in agenda.items] == [
        ("18.30", "18.45"), ("18.45", "19.30"), ("19.30", "19.50"), ("19.50", "20.30"), ("20.30", "20.50"), ("20.50", "21.10"),
    ]
    assert agenda.minutes == 160 and danish.clock(agenda.end) == "21.10"


def test_agenda_past_midnight_ends_the_next_day():
    agenda = timed(dt.date(2027, 1, 12), dt.time(23, 0), guide.agenda("kommende møder").items)
    assert agenda.end == dt.datetime(2027, 1, 13, 1, 50)


def test_danish_dates_and_durations():
    assert danish.long_date(dt.date(2027, 4, 20)) == "tirsdag den 20. april 2027"
    assert danish.short_date(dt.date(2027, 12, 5)) == "5. december 2027"
    assert danish.clock(dt.time(9, 5)) == "09.05"
    assert [danish.duration(m) for m in (45, 60, 61, 160, 180)] == ["45 minutter", "1 time", "1 time og 1 minut", "2 timer og 40 minutter", "3 timer"]


def test_scalars_stay_text_until_validation():
    text = BASE.replace("  navn: A\nmedlemmer", "  navn: A\n  telefon: 20 30 40 50\nmedlemmer")
    text += "by: 0800\nmøder:\n  - dato: 2027-01-12\n    start: 18:00\n    sted: yes\n"
    group, _ = check(text.encode(), "g.yaml")
    assert group.by == "0800"
    assert group.arrangoer.telefon == "20 30 40 50"
    assert group.moeder[0].start == dt.time(18, 0)
    assert group.moeder[0].sted == "yes"


def test_quoted_and_sexagesimal_looking_times():
    text = BASE + "møder:\n  - dato: '2027-01-12'\n    start: '19.30'\n    sted: Her\n"
    group, _ = check(text.encode(), "g.yaml")
    assert group.moeder[0].start == dt.time(19, 30) and group.moeder[0].dato == dt.date(2027, 1, 12)


def test_models_are_frozen():
    group, _ = check(BASE.encode(), "g.yaml")
    for model, field in ((group, "navn"), (group.medlemmer[0], "navn"), (group.arrangoer, "navn")):
        with pytest.raises(ValidationError) as caught:
            setattr(model, field, "x")
        assert [error["type"] for error in caught.value.errors()] == ["frozen_instance"]
    assert (group.navn, group.medlemmer[0].navn, group.arrangoer.navn) == ("G", "A", "A")
    assert isinstance(group.medlemmer, tuple)


def test_one_member_is_written_in_the_singular():
    import datetime as dt

    from generator.site.pages import home_page, site_facts

    group, _ = check(BASE.encode(), "g.yaml")
    assert home_page(site_facts(group, dt.date(2026, 11, 26))).context["members"] == "1 medlem"

"""The agenda's time bars: positions computed in Python, drawn by the template, untrusted text escaped."""

from __future__ import annotations

import datetime as dt
import re

from generator.facts.audience import Audiences
from generator.facts.meeting import agenda_facts
from generator.guide import content as guide
from generator.guide.agenda import timed
from generator.site.pages import agenda_table
from generator.site.render import environment
from generator.site.timebar import Bar, time_bar


def _items(*minutes: int, title: str = "Punkt") -> tuple[guide.AgendaItem, ...]:
    return tuple(guide.AgendaItem(title=f"{title} {i}", minutes=m, speaker="", how="") for i, m in enumerate(minutes, 1))


def test_bars_follow_each_other_in_minutes_from_the_start():
    bar = time_bar(timed(dt.date(2027, 1, 12), dt.time(18, 0), _items(10, 45, 20)))
    assert bar.width == 75
    assert bar.bars == (Bar(0, 10), Bar(10, 45), Bar(55, 20))
    assert bar.hours == (60,)


def test_full_hours_are_marked_where_they_fall():
    bar = time_bar(timed(dt.date(2027, 1, 12), dt.time(18, 30), _items(60, 90, 10)))
    assert bar.width == 160
    assert bar.hours == (30, 90, 150)  # 19.00, 20.00 and 21.00
    assert time_bar(timed(dt.date(2027, 1, 12), dt.time(19, 0), _items(60))).hours == ()  # 20.00 is the end


def _render(items) -> str:
    view = agenda_table(agenda_facts(timed(dt.date(2027, 1, 12), dt.time(18, 0), items), Audiences()))
    return environment().get_template("_agenda_table.md.j2").render(agenda=view)


def test_each_row_draws_its_own_bar_in_the_meetings_units():
    html = _render(_items(10, 45, 20))
    bars = re.findall(r'<svg viewBox="0 0 (\d+) 1"[^>]*aria-hidden="true">(.*?)</svg>', html)
    assert [int(w) for w, _ in bars] == [75, 75, 75]
    assert [re.search(r'<rect x="(\d+)" width="(\d+)"', inner).groups() for _, inner in bars] == [("0", "10"), ("10", "45"), ("55", "20")]
    assert "18&#46;00–18&#46;10" in html and "18&#46;55–19&#46;15" in html  # dots escaped like all text


def test_item_titles_are_escaped_in_the_table():
    html = _render(_items(10, title='<svg onload="alert(1)"> & </td>'))
    assert html.count("<svg") == 1 and html.count("</td>") == 3  # only the row's own markup
    assert "&#60;svg onload&#61;&#34;alert&#40;1&#41;&#34;&#62; &#38; &#60;&#47;td&#62;" in html

"""Compiled templates kept from an earlier netvaerk (or Jinja2, or MkDocs) are never used by a later one."""

from __future__ import annotations

import datetime as dt

import jinja2

from conftest import CONTRACT
from generator.builder.template_cache import template_cache
from generator.facts.meeting import group_meetings
from generator.guide.check import check
from generator.site.render import TEMPLATE_DIR, Page, render
from generator.site.render import environment as site_environment


def test_a_cache_filled_by_another_setup_is_not_read(tmp_path):
    # An environment set up differently (here: a plain finalize, as netvaerk had before the members' area)
    # compiles the same template source into code that would break ours; it fills the shared folder first.
    shared = jinja2.FileSystemBytecodeCache(str(tmp_path))
    older = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), bytecode_cache=shared, finalize=str)
    older.get_template("_meeting_facts.md.j2").render(m={"day_line": "x", "start": "1", "end": "2", "place": "p"})
    assert list(tmp_path.iterdir())
    group, _ = check(CONTRACT.read_bytes(), "groups/nordsjaelland.yaml")
    m = group_meetings(group, dt.date(2026, 11, 26)).all[0]
    env = site_environment(bytecode_cache=template_cache(tmp_path))
    assert render(env, Page("x.md", "_meeting_facts.md.j2", {"m": m})).startswith('<p class="nv-line nv-date">Tirsdag den 12&#46; januar 2027</p>')

"""A new group file's text: every key explained in Danish, the guide's defaults, two meetings to fill in."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import jinja2
from ruamel.yaml import YAML

from ..guide.hints import PLACEHOLDER_ORGANISER, PLACEHOLDER_PLACE
from ..guide.holidays import closed_reason
from ..model.schema import SCHEMA_COMMENT

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE = "gruppe.yaml.j2"
START = dt.time(18, 0)
WEEKDAY = 1  # Tuesday
WEEKS_TO_FIRST = 4  # time to invite people and hear back
WEEKS_BETWEEN = 4
REPLY_DAYS = 7

# Agreements in the guide's spirit, for the group to adjust at its second meeting.
AGREEMENTS = {
    "medlemskab": "Vi er en fast gruppe på højst ti, så vi kan regne med hinanden.",
    "nye_medlemmer": "Når gruppen har fundet sin form, typisk efter 7–10 møder, tager vi gerne nye med.",
    "rammer": "Vi planlægger møderne et halvt år frem, starter og slutter til tiden og evaluerer efter et halvt år.",
    "moedepligt": "Møderne har høj prioritet, og vi er til stede – også mentalt.",
    "afbud": "Meld afbud til ordstyreren senest dagen før.",
    "etik": "Alle må sige til og fra. Vi fortæller aldrig om børnene, så de kan genkendes.",
    "gruppedynamik": "Det første år går rollerne som ordstyrer, referent og temaansvarlig på skift, og den, der har haft en rolle, får feedback.",
    "tavshedspligt": "Det, der bliver sagt på møderne, bliver i gruppen.",
    "forplejning": "Værten sørger for kaffe og te; vi skiftes til at tage kage med.",
}


class Raw(str):
    """Text the code wrote in YAML syntax (dates, times, comments, slugs): output as is."""


def yaml_scalar(value: object) -> str:
    """A value as a YAML scalar: plain when that reads back the same, quoted when it would not."""
    if isinstance(value, Raw):
        return value
    yaml = YAML(typ="rt")
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump([str(value)], out)
    return out.getvalue().removeprefix("- ").rstrip("\n")


def yaml_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """Jinja2 for YAML files: every `{{ value }}` becomes a safely quoted YAML scalar."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        finalize=yaml_scalar,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class FirstMeetings:
    first: dt.date
    deadline: dt.date
    second: dt.date


def _open_day(day: dt.date) -> dt.date:
    while closed_reason(day):
        day += dt.timedelta(weeks=1)
    return day


def first_meetings(today: dt.date) -> FirstMeetings:
    """A Tuesday about four weeks ahead (time to invite), and the second meeting four weeks later."""
    earliest = today + dt.timedelta(weeks=WEEKS_TO_FIRST)
    first = _open_day(earliest + dt.timedelta(days=(WEEKDAY - earliest.weekday()) % 7))
    second = _open_day(first + dt.timedelta(weeks=WEEKS_BETWEEN))
    return FirstMeetings(first, first - dt.timedelta(days=REPLY_DAYS), second)


def group_file(env: jinja2.Environment, name: str, slug: str, today: dt.date, city: str | None, organiser: str | None) -> str:
    """The new group file's text."""
    dates = first_meetings(today)
    start = Raw(f"{START:%H:%M}")
    return env.get_template(TEMPLATE).render(
        schema_comment=Raw(SCHEMA_COMMENT),
        path=Raw(f"groups/{slug}.yaml"),
        slug=Raw(slug),
        name=name,
        city=city,
        organiser=organiser or PLACEHOLDER_ORGANISER,
        agreements=AGREEMENTS,
        place=PLACEHOLDER_PLACE,
        first={"date": Raw(dates.first.isoformat()), "start": start, "deadline": Raw(dates.deadline.isoformat())},
        second={"date": Raw(dates.second.isoformat()), "start": start},
    )

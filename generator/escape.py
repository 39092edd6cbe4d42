"""Make untrusted text inert wherever it lands in generated Markdown, HTML and URLs."""

from __future__ import annotations

import re
from urllib.parse import quote


class Md(str):
    """Markdown or HTML the project wrote itself (or built from validated data): output as is."""


# Every ASCII character that is neither a letter, a digit nor a space, as its numeric character reference; but the
# comma, which starts nothing in Markdown or HTML, and the full stop, which does only after a number at a line's
# start ("1. " begins a numbered list): text() writes that one as a reference where it follows a digit or begins
# the value. A group's text has hundreds of both, and Markdown handles each reference on its own.
_REFERENCES = {code: f"&#{code};" for code in range(128) if not chr(code).isalnum() and chr(code) not in " ,."}
_NUMBER_STOP = re.compile(r"^\.|(?<=\d)\.")


def text(value: object) -> str:
    """Text that shows exactly as written in Markdown, HTML text and quoted HTML attributes.

    Every ASCII punctuation character but the comma and most full stops becomes a numeric
    character reference, so no Markdown syntax (emphasis, links, numbered lists, attribute
    lists, emoji shortcodes, tables, HTML) can start, and line breaks are folded so text
    cannot leave its block.
    """
    if isinstance(value, Md):
        return value
    escaped = " ".join(str(value).split()).translate(_REFERENCES)
    return _NUMBER_STOP.sub("&#46;", escaped) if "." in escaped else escaped


def url_part(value: str) -> str:
    """One component of a URL the code builds (mailto:, tel:), percent-encoded."""
    return quote(value, safe="@.+")


def tel_href(phone: str) -> Md:
    return Md("tel:" + url_part(phone.replace(" ", "")))


def mailto_href(email: str, subject: str | None = None, body: str | None = None) -> Md:
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in (("subject", subject), ("body", body)) if value)
    return Md("mailto:" + url_part(email) + (f"?{query}" if query else ""))


def sms_href(phone: str, body: str) -> Md:
    """An sms: link with the message filled in ('?&body=' is read by both iPhone and Android)."""
    return Md("sms:" + url_part(phone.replace(" ", "")) + "?&body=" + quote(body, safe=""))

"""The calendar's addresses (feed, webcal://, Google Calendar, per meeting), built from validated data only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from ..escape import Md
from ..model.models import Group

FEED_FILE = "kalender.ics"
CALENDAR_PAGE = "kalender.html"
QR_FILE = "kalender-qr.svg"
GOOGLE_ADD = "https://calendar.google.com/calendar/render?cid="


@dataclass(frozen=True)
class FeedLinks:
    """Where members find the feed. Without the site's address only the relative link exists."""

    relative: Md  # from the site root, always usable as a download link
    https: Md | None  # the plain address to paste into Outlook
    webcal: Md | None  # the "Abonnér" button: opens the phone's calendar app
    google: Md | None  # Google Calendar's "add by URL" page with the feed filled in
    page: Md | None  # the Kalender page itself (what the QR code leads to)


def feed_links(group: Group, feed: str = FEED_FILE) -> FeedLinks:
    """The addresses of a feed (the public one, or the members' own); `adresse` is a validated https URL ending in '/'."""
    if group.adresse is None:
        return FeedLinks(Md(feed), None, None, None, None)
    https = group.adresse + feed
    webcal = "webcal://" + https.removeprefix("https://")
    return FeedLinks(
        relative=Md(FEED_FILE),
        https=Md(https),
        webcal=Md(webcal),
        google=Md(GOOGLE_ADD + quote(webcal, safe="")),
        page=Md(group.adresse + CALENDAR_PAGE),
    )


def meeting_ics(day: dt.date) -> str:
    """A meeting's own .ics file, relative to the site root."""
    return f"moeder/{day.isoformat()}.ics"


def meeting_page_url(group: Group, day: dt.date) -> str | None:
    """The meeting page's public address, when the site's address is known."""
    return f"{group.adresse}moeder/{day.isoformat()}.html" if group.adresse else None

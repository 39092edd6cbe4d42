"""The guide's advice as warnings: things a group may do, but the guide advises against."""

from __future__ import annotations

import datetime as dt

from .. import danish
from ..errors import Problem
from ..model.models import Group
from ..model.suggest import hint
from ..model.validate import Positions, field_path
from .agenda import meeting_agenda
from .planning import EVALUATION_MONTHS, PLAN_AHEAD_MONTHS, add_months

MAX_MEMBERS = 10
LATEST_END = dt.time(21, 0)
# Texts `netvaerk new` writes for the organiser to replace; a file that still holds them gets a warning.
PLACEHOLDER_ORGANISER = "Dit navn"
PLACEHOLDER_PLACE = "Skriv mødestedet her"
# Without the site's link the Kalender page can only offer the feed as a file to download, and has no QR code.
NO_ADDRESS = (
    "sidens link mangler, så medlemmerne ikke kan abonnere på kalenderen, og siden får ingen QR-kode; skriv linket, "
    "når siden er lagt ud, fx 'adresse: https://mingruppe.github.io/', og byg siden igen"
)


def _warn(file: str, positions: Positions, path: tuple, message: str) -> Problem:
    pos = positions.value(path)
    return Problem(file, pos.line, pos.col, field_path(path), message, warning=True)


def warnings(group: Group, positions: Positions, file: str) -> list[Problem]:
    """Every guide-aware warning for the group."""
    found = []
    if len(group.medlemmer) > MAX_MEMBERS:
        found.append(
            _warn(
                file, positions, ("medlemmer",),
                f"gruppen har {len(group.medlemmer)} medlemmer; mødepakken anbefaler omkring {MAX_MEMBERS}, og at I deler jer, hvis I er flere",
            )
        )
    for i, meeting in enumerate(group.moeder):
        if meeting.cancelled:
            continue
        end = meeting_agenda(meeting).end
        if meeting.dagsorden == "første møde" and (end.date() > meeting.dato or end.time() > LATEST_END):
            found.append(
                _warn(
                    file, positions, ("møder", i, "start"),
                    f"det første møde slutter kl. {end:%H.%M}; mødepakken råder til at slutte senest kl. 21.00, så alle kan nå hjem i ordentlig tid",
                )
            )
        for role, key in (("ordstyrer", "ordstyrer"), ("referent", "referent")):
            if getattr(meeting, key) is None:
                found.append(
                    _warn(
                        file, positions, ("møder", i), f"mødet har ingen {role}; mødepakken råder til, at hvert møde har en ordstyrer og en referent"
                    )
                )
    if not group.adresse:
        found.append(_warn(file, positions, ("adresse",), NO_ADDRESS))
    found += _placeholders(group, positions, file)
    found += _privacy(group, positions, file)
    chairs = [m.ordstyrer for m in group.moeder if not m.cancelled and m.ordstyrer]
    if len(chairs) >= 3 and len(set(chairs)) == 1:
        found.append(
            _warn(file, positions, ("møder",), f"{chairs[0]} er ordstyrer på alle møder; mødepakken råder til, at rollen går på skift")
        )
    return found


def _privacy(group: Group, positions: Positions, file: str) -> list[Problem]:
    """What the site shows to anyone with the link, and places listed as public that no meeting uses."""
    found = []
    if group.medlemsomraade is None:  # 'medlemsområde: nej' says the organiser knows
        pos = positions.key(("medlemmer",))
        found.append(
            Problem(
                file, pos.line, pos.col, "medlemmer",
                "medlemmernes navne og mødestederne kan ses af alle, der har linket til siden; skriv "
                "'medlemsområde: ja' i filen, så kun medlemmerne kan se dem, eller 'medlemsområde: nej', hvis det er "
                "meningen (se Privatliv i README)",
                warning=True,
            )
        )
    places = sorted({" ".join(m.sted.split()) for m in group.moeder})
    folded = {p.casefold() for p in places}
    for i, place in enumerate(group.offentlige_steder):
        path = ("offentlige steder", i)
        if not group.medlemsomraade:
            found.append(_warn(file, positions, path, "bruges kun sammen med 'medlemsområde: ja'; uden medlemsområde kan alle se alle mødesteder"))
        elif place.casefold() not in folded:
            message = f"'{place}' er ikke stedet for noget møde; skriv det præcis som under møderne{hint(place, places)}"
            found.append(_warn(file, positions, path, message))
    return found


def _placeholders(group: Group, positions: Positions, file: str) -> list[Problem]:
    """Texts `netvaerk new` wrote for the organiser to replace, still in the file."""
    found = []
    if group.arrangoer.navn == PLACEHOLDER_ORGANISER:
        found.append((("arrangør", "navn"), PLACEHOLDER_ORGANISER, "skriv dit eget navn"))
    for i, member in enumerate(group.medlemmer):
        if member.navn == PLACEHOLDER_ORGANISER:
            found.append((("medlemmer", i, "navn"), PLACEHOLDER_ORGANISER, "skriv dit eget navn"))
    for i, meeting in enumerate(group.moeder):
        if meeting.sted == PLACEHOLDER_PLACE:
            found.append((("møder", i, "sted"), PLACEHOLDER_PLACE, "skriv, hvor I mødes"))
    return [_warn(file, positions, path, f"der står stadig '{text}' fra skabelonen; {fix}") for path, text, fix in found]


def planning_warnings(group: Group, positions: Positions, file: str, today: dt.date) -> list[Problem]:
    """The guide's planning advice, which depends on today: plan ahead, and evaluate after ½ year."""
    pos = positions.key(("møder",))
    found = []

    def warn(message: str) -> None:
        found.append(Problem(file, pos.line, pos.col, "møder", message, warning=True))

    held = sorted(m.dato for m in group.moeder if not m.cancelled)
    horizon = add_months(today, PLAN_AHEAD_MONTHS)
    if not held or held[-1] <= horizon:
        warn(
            f"der er ingen møder planlagt efter {danish.short_date(horizon)} (tre måneder frem); mødepakken råder til "
            "at lægge møderne i kalenderen et halvt til et helt år frem – brug fx netvaerk plan"
        )
    if held and today >= add_months(held[0], EVALUATION_MONTHS) and not any(m.evaluering for m in group.moeder if not m.cancelled):
        warn(
            f"gruppen har mødtes i et halvt år (siden {danish.short_date(held[0])}), men intet møde er markeret med "
            "'evaluering: ja'; mødepakken råder til at evaluere indhold, form, stemning og trivsel efter et halvt år"
        )
    return found

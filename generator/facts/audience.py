"""Who may see each fact about a group: everyone with the link, or only its members. Decided here, once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Audience(Enum):
    PUBLIC = "alle"  # anyone with the link: the site, the public feed, the printables
    MEMBERS = "medlemmer"  # the group's members only


class Kind(Enum):
    """The kinds of fact whose audience can differ from group to group."""

    MEMBER_NAME = "medlemmets navn"  # also as ordstyrer, referent, vært, temaansvarlig, grænsevogter
    PLACE = "mødested"
    MEMBER_CONTACT = "medlemmets telefon og e-mail"  # only ever shown for members with 'vis kontakt: ja'


# What moves behind the members' lock once a group has a members' area. Everything not listed here (the
# guide's content, the group's name, town and purpose, dates and times, the organiser's contact) is public.
MEMBERS_ONLY_WITH_AREA = frozenset({Kind.MEMBER_NAME, Kind.PLACE, Kind.MEMBER_CONTACT})


@dataclass(frozen=True)
class Fact:
    """A text the site shows, with its audience. Renders as its text; `if fact` is false when it is empty."""

    text: str
    audience: Audience = Audience.PUBLIC

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Audiences:
    """The audience of each kind of fact for one group."""

    members_area: bool = False

    def of(self, kind: Kind) -> Audience:
        return Audience.MEMBERS if self.members_area and kind in MEMBERS_ONLY_WITH_AREA else Audience.PUBLIC

    def fact(self, kind: Kind, text: str) -> Fact:
        return Fact(text, self.of(kind))

    def optional(self, kind: Kind, text: str | None) -> Fact | None:
        return None if text is None else self.fact(kind, text)

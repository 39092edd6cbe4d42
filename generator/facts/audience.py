"""Who may see each fact about a group: everyone with the link, or only its members. Decided here, once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..guard.leaks import Kind as LeakKind
from ..guard.leaks import Private
from ..guide import content as guide
from ..model.models import Group


class Audience(Enum):
    PUBLIC = "alle"  # anyone with the link: the site, the public feed, the printables
    MEMBERS = "medlemmer"  # the group's members only: behind the lock, in the private feed and files


class Kind(Enum):
    """The kinds of fact whose audience depends on the group."""

    MEMBER_NAME = "medlemmets navn"  # also as ordstyrer, referent, temaansvarlig, grænsevogter
    HOST = "værten"  # whose home the meeting is in: locked whoever it is, the organiser too
    PLACE = "mødested"  # unless the group lists it under 'offentlige steder'
    MEMBER_CONTACT = "medlemmets telefon og e-mail"  # only ever shown for members with 'vis kontakt: ja'
    AFBUD = "afbud med ét tryk"  # sms: and mailto: links to the meeting's ordstyrer
    MEMBERS_FEED = "medlemmernes kalender"  # the private feed's address, with places and names


# What moves behind the members' lock once a group has a members' area ('medlemsområde: ja'). Everything
# else (the guide's content, the group's name, town and purpose, dates and times, the organiser's name and
# contact) is public: that is how a new foster carer finds the group. The organiser's name stays public in the
# roles that say nothing about where anyone lives (ordstyrer, referent, temaansvarlig, grænsevogter), never as
# the host: with her public phone number, "Vært: <organiser>" gives away the hidden address.
MEMBERS_ONLY_WITH_AREA = frozenset(Kind)

# What a visitor who has not unlocked sees instead.
NAME_STAND_IN = "kun for medlemmer"
PLACE_STAND_IN = "adressen ser du, når du har låst op"


@dataclass(frozen=True)
class Fact:
    """A text the site shows, with its audience. Renders as its text; `if fact` is false when it is empty."""

    text: str
    audience: Audience = Audience.PUBLIC
    public: str = ""  # for a members-only fact: what everyone else sees in its place

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def private(self) -> bool:
        return self.audience is Audience.MEMBERS

    def shown(self, members: bool) -> str:
        """The text for a reader who is a member (`members`) or not."""
        return self.text if members or not self.private else self.public


def _fold(place: str) -> str:
    return " ".join(place.split()).casefold()


@dataclass(frozen=True)
class Audiences:
    """The audience of each kind of fact for one group, and what stands in for the members-only ones."""

    members_area: bool = False
    public_places: frozenset[str] = frozenset()  # folded with _fold
    town: str | None = None
    member_names: frozenset[str] = frozenset()
    public_names: frozenset[str] = frozenset()  # the organiser's: public whatever role they have

    def of(self, kind: Kind, about: str | tuple[str, ...] = "") -> Audience:
        """The audience of a fact of `kind` about `about` (a place, or one or more names)."""
        if not self.members_area or kind not in MEMBERS_ONLY_WITH_AREA:
            return Audience.PUBLIC
        if kind is Kind.PLACE and isinstance(about, str) and _fold(about) in self.public_places:
            return Audience.PUBLIC
        names = (about,) if isinstance(about, str) else about
        if kind is Kind.MEMBER_NAME and names and all(n in self.public_names for n in names):
            return Audience.PUBLIC
        return Audience.MEMBERS

    def stand_in(self, kind: Kind) -> str:
        if kind is Kind.PLACE:
            return f"{self.town} ({PLACE_STAND_IN})" if self.town else PLACE_STAND_IN.capitalize()
        return "" if kind in (Kind.AFBUD, Kind.MEMBERS_FEED) else NAME_STAND_IN

    def fact(self, kind: Kind, text: str, about: str | tuple[str, ...] | None = None, public: str | None = None) -> Fact:
        """`text` as a fact of `kind`; its audience is decided on `about` (default: the text itself), and
        `public` (default: the kind's stand-in) is what everyone else sees when it is for members only."""
        audience = self.of(kind, text if about is None else about)
        if audience is Audience.PUBLIC:
            return Fact(text)
        return Fact(text, audience, self.stand_in(kind) if public is None else public)

    def optional(self, kind: Kind, text: str | None) -> Fact | None:
        return None if text is None else self.fact(kind, text)


def sentence(text: str, public: str, *parts: Fact | None) -> Fact:
    """A sentence built from facts: members-only when any of them is, worded as `public` for everyone else."""
    private = any(p is not None and p.private for p in parts)
    return Fact(text, Audience.MEMBERS, public) if private else Fact(text)


def audiences_for(group: Group) -> Audiences:
    """Which facts of this group are for its members only."""
    return Audiences(
        members_area=bool(group.medlemsomraade),
        public_places=frozenset(_fold(p) for p in group.offentlige_steder),
        town=group.by,
        member_names=frozenset(group.member_names()),
        public_names=frozenset({group.arrangoer.navn}),
    )


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HOUSE_NUMBER = re.compile(r"\s+\d+\s*[a-zA-Z]?\b.*$")  # "Slotsgade 4", "Søndervang 12B", "Vejen 3, 2. tv"


def _public_texts(group: Group, audiences: Audiences) -> list[str]:
    """The words every visitor may read anyway: the guide's, the group's name, town and address, the organiser's
    name and e-mail, and the public places. A member's name or street made of them is no secret the guard could keep (the lock still
    hides it where the group wrote it), and looking for it would stop every build."""
    texts = [guide.all_text(), group.navn, group.by or "", str(group.adresse or ""), group.arrangoer.navn, *group.offentlige_steder]
    texts += [group.arrangoer.email or ""]
    return texts + [m.sted for m in group.moeder if audiences.of(Kind.PLACE, m.sted) is Audience.PUBLIC]


def _name_parts(name: str, public: frozenset[str]) -> set[str]:
    """A name's words that could give the person away on their own: the surnames, and a first name of three
    letters or more ("Bo" would match too much); none that every visitor may read anyway."""
    words = _WORD.findall(name)
    parts = {w for w in words[1:] if len(w) >= 3} | ({words[0]} if words and len(words[0]) >= 3 else set())
    return {w for w in parts if w.casefold() not in public}


def _place_parts(place: str, public: frozenset[str]) -> set[str]:
    """The parts of a place that say where it is: each street without its house number ("Slotsgade"), and a
    name after "Hos" ("Hos Yrsa" -> "Yrsa"); not the town or the postcode, which every visitor may read."""
    found = set()
    for part in (p.strip() for p in place.split(",")):
        part = re.sub(r"(?i)^hos\s+", "", part)
        street = _HOUSE_NUMBER.sub("", part).strip()
        words = _WORD.findall(street)
        if not words or all(w.casefold() in public for w in words) or street[:1].isdigit():
            continue
        if len(street) >= 3:
            found.add(street)
    return found


def private_values(group: Group, audiences: Audiences) -> tuple[Private, ...]:
    """Every value of the group file that must not show in plain text in anything published: what the lock
    hides, and the contact details no member has agreed to show. Names and streets are looked for as whole words
    (a first name, a surname, a street without its number), phone numbers by their digits. The build refuses to
    publish a site where one of them shows (guard/leaks.py)."""
    texts = _public_texts(group, audiences)
    public = frozenset(w.casefold() for t in texts for w in _WORD.findall(t))
    readable = " ".join(" ".join(texts).split()).casefold()
    found: set[Private] = set()
    for member in group.medlemmer:
        if audiences.of(Kind.MEMBER_NAME, member.navn) is Audience.MEMBERS:
            if not all(w.casefold() in public for w in _WORD.findall(member.navn)):
                found.add(Private(member.navn, LeakKind.WORDS))
            found |= {Private(w, LeakKind.WORDS) for w in _name_parts(member.navn, public)}
        if audiences.of(Kind.MEMBER_CONTACT) is Audience.MEMBERS or not member.vis_kontakt:
            if member.telefon and _digits(member.telefon) != _digits(group.arrangoer.telefon or ""):
                found.add(Private(member.telefon, LeakKind.PHONE))
            if member.email and member.email.casefold() != (group.arrangoer.email or "").casefold():
                found.add(Private(member.email))
    for meeting in group.moeder:
        if audiences.of(Kind.PLACE, meeting.sted) is Audience.MEMBERS:
            if len(meeting.sted) >= 5 and " ".join(meeting.sted.split()).casefold() not in readable:
                found.add(Private(meeting.sted))
            found |= {Private(p, LeakKind.WORDS) for p in _place_parts(meeting.sted, public)}
    return tuple(sorted(found, key=lambda v: (v.value, v.kind.value)))


def _digits(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return digits[2:] if len(digits) == 10 and digits.startswith("45") else digits

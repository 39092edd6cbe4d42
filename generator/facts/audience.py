"""Who may see each fact about a group: everyone with the link, or only its members. Decided here, once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

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


def _phone_forms(phone: str) -> set[str]:
    digits = "".join(c for c in phone if c.isdigit())
    forms = {phone, digits}
    if digits.startswith("45") and len(digits) == 10:
        forms.add(digits[2:])
    return {f for f in forms if len(f) >= 8}


def private_values(group: Group, audiences: Audiences) -> tuple[str, ...]:
    """Every value of the group file that must not show in plain text in anything published: what the lock
    hides, and the contact details no member has agreed to show. The build refuses to publish a site where
    one of them shows (safety/leaks.py)."""
    # What every visitor may read anyway: a value found there is no secret to guard (a place called
    # "Biblioteket" is in the guide's advice too), though the lock still hides it where the group wrote it.
    public_texts = [t.casefold() for t in (group.navn, group.by or "", group.formaal, group.arrangoer.navn, *group.offentlige_steder)]
    public_texts.append(guide.all_text().casefold())
    public_texts += [m.sted.casefold() for m in group.moeder if audiences.of(Kind.PLACE, m.sted) is Audience.PUBLIC]
    found: set[str] = set()
    for member in group.medlemmer:
        if audiences.of(Kind.MEMBER_NAME, member.navn) is Audience.MEMBERS:
            found.add(member.navn)
        if audiences.of(Kind.MEMBER_CONTACT) is Audience.MEMBERS or not member.vis_kontakt:
            if member.telefon and member.telefon != group.arrangoer.telefon:
                found |= _phone_forms(member.telefon)
            if member.email and member.email != group.arrangoer.email:
                found.add(member.email)
    for meeting in group.moeder:
        if audiences.of(Kind.PLACE, meeting.sted) is Audience.MEMBERS:
            found.add(meeting.sted)
            # The parts that say where it is ("Slotsgade 4"), but not those every visitor may read ("3400 Hillerød").
            parts = (part.strip() for part in meeting.sted.split(","))
            found |= {p for p in parts if len(p) >= 6 and not any(p.casefold() in t for t in public_texts)}
    # Shorter than five characters ("Bo") would match inside ordinary words; the lock still hides them.
    return tuple(sorted(v for v in found if len(v) >= 5 and not any(v.casefold() in t for t in public_texts)))

"""How to reach people: contact rows with links built from validated numbers and addresses only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import danish
from ..escape import Md, mailto_href, sms_href, tel_href
from ..model.models import Group, Member, Person
from .audience import Audiences, Fact, Kind


@dataclass(frozen=True)
class Contact:
    """One person's name, phone and e-mail, with the tel: and mailto: links for them."""

    name: Fact
    phone: Fact | None
    phone_href: Md | None
    email: Fact | None
    email_href: Md | None

    def parts(self) -> list[str]:
        """'Navn', 'Telefon …', 'E-mail …': the lines of a contact block on paper."""
        return [x for x in (str(self.name), self.phone and f"Telefon {self.phone}", self.email and f"E-mail {self.email}") if x]


def _contact(person: Person | Member, name: Fact, contact_kind: Kind | None, audiences: Audiences) -> Contact:
    def fact(text: str | None) -> Fact | None:
        if text is None:
            return None
        return Fact(text) if contact_kind is None else audiences.fact(contact_kind, text)

    return Contact(
        name=name,
        phone=fact(person.telefon),
        phone_href=tel_href(person.telefon) if person.telefon else None,
        email=fact(person.email),
        email_href=mailto_href(person.email) if person.email else None,
    )


def organiser(group: Group, audiences: Audiences) -> Contact:
    """The organiser: always public, since that is how a new foster carer finds the group."""
    return _contact(group.arrangoer, Fact(group.arrangoer.navn), None, audiences)


def shown_members(group: Group, audiences: Audiences) -> list[Contact]:
    """Members who said yes to having their phone and e-mail on the site ('vis kontakt: ja') and gave one."""
    return [
        _contact(m, audiences.fact(Kind.MEMBER_NAME, m.navn), Kind.MEMBER_CONTACT, audiences)
        for m in group.medlemmer
        if m.vis_kontakt and (m.telefon or m.email)
    ]


def contact_list(group: Group, audiences: Audiences) -> list[Contact]:
    """Everyone, for the private contact list: the organiser first when not a member, then the members."""
    rows = [_contact(m, audiences.fact(Kind.MEMBER_NAME, m.navn), Kind.MEMBER_CONTACT, audiences) for m in group.medlemmer]
    if group.arrangoer.navn not in group.member_names():
        rows.insert(0, _contact(group.arrangoer, Fact(f"{group.arrangoer.navn} (arrangør)"), None, audiences))
    return rows


@dataclass(frozen=True)
class Afbud:
    """One-tap afbud for one meeting: a text message or an e-mail, already written, to the right person."""

    to: Fact  # "Bo Hansen (ordstyrer) på telefon 31 41 59 26"
    sms: Md | None
    mailto: Md | None
    private: bool = True  # behind the lock: it carries a member's number and the meeting's date


def afbud(group: Group, day: dt.date, ordstyrer: str | None, audiences: Audiences) -> Afbud | None:
    """To the meeting's ordstyrer when they have said yes to showing their contact ('vis kontakt: ja'),
    else to the organiser. In a group with a members' area the links sit behind the lock; without one, they only
    carry what the site shows anyway (the organiser's contact, and the contact of members who said yes)."""
    chair = next((m for m in group.medlemmer if m.navn == ordstyrer and m.vis_kontakt and (m.telefon or m.email)), None)
    person: Person | Member = chair or group.arrangoer
    if not (person.telefon or person.email):
        return None
    label = f"{person.navn} (ordstyrer)" if chair else f"{person.navn} (arrangør)"
    if person.telefon:  # the number too, for a reader who would rather call, or whose phone opens no sms: link
        label += f" på telefon {person.telefon}"
    body = f"Jeg melder afbud til netværksmødet {danish.long_date(day)}."
    return Afbud(
        to=audiences.fact(Kind.AFBUD, label, public=""),
        sms=sms_href(person.telefon, body) if person.telefon else None,
        mailto=mailto_href(person.email, f"Afbud til netværksmødet {danish.short_date(day)}", body) if person.email else None,
        private=audiences.members_area,
    )


@dataclass(frozen=True)
class Signup:
    """How to sign up for a meeting: to the organiser, whose contact is public, by text message or e-mail."""

    to: str  # the organiser's name
    sms: Md | None
    mailto: Md | None


def signup(group: Group, day: dt.date) -> Signup:
    """A text message or an e-mail to the organiser, already written, saying that one comes to the meeting."""
    person = group.arrangoer
    body = f"Jeg vil gerne være med til netværksmødet {danish.long_date(day)}."
    return Signup(
        to=person.navn,
        sms=sms_href(person.telefon, body) if person.telefon else None,
        mailto=mailto_href(person.email, f"Tilmelding til netværksmødet {danish.short_date(day)}", body) if person.email else None,
    )

"""The group file's shape: frozen, typed models with the Danish keys organisers write."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag

from .values import Bool, Date, Email, HttpsUrl, Minutes, Name, Names, Phone, Text, Time, one_or_more


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


def _field(alias: str, description: str, default: Any = ..., **kwargs: Any) -> Any:
    return Field(default, alias=alias, description=description, **kwargs)


class Person(_Model):
    """The organiser: always published, since the group invites people to contact them."""

    navn: Name = _field("navn", "Fulde navn")
    telefon: Phone | None = _field("telefon", "Telefonnummer", None)
    email: Email | None = _field("email", "E-mailadresse", None)


class Member(_Model):
    """A member; contact details stay off the site unless the member opts in."""

    navn: Name = _field("navn", "Fulde navn")
    telefon: Phone | None = _field("telefon", "Telefonnummer (kun til den private kontaktliste, medmindre 'vis kontakt: ja')", None)
    email: Email | None = _field("email", "E-mailadresse (kun til den private kontaktliste, medmindre 'vis kontakt: ja')", None)
    vis_kontakt: Bool = _field("vis kontakt", "ja: medlemmet har sagt ja til, at telefon og e-mail står på gruppens side", False)


class Agreements(_Model):
    """The group's own agreements; whatever is left out comes from the guide's advice."""

    medlemskab: Text | None = _field("medlemskab", "Hvem er med, og hvor mange I højst vil være", None)
    nye_medlemmer: Text | None = _field("nye medlemmer", "Hvornår og hvordan nye kan komme med", None)
    rammer: Text | None = _field("rammer", "Faste rammer: planlægning, start- og sluttid, evaluering", None)
    moedepligt: Text | None = _field("mødepligt", "Jeres aftale om at komme til møderne", None)
    afbud: Text | None = _field("afbud", "Hvordan man melder afbud", None)
    etik: Text | None = _field("etik", "Jeres etiske retningslinjer", None)
    graensevogter: Name | None = _field("grænsevogter", "Medlemmet, der passer på etikken i samtalerne", None)
    gruppedynamik: Text | None = _field("gruppedynamik", "Roller og feedback i gruppen", None)
    tavshedspligt: Text | None = _field("tavshedspligt", "Jeres aftale om tavshed", None)
    forplejning: Text | None = _field("forplejning", "Hvem sørger for kaffe, te og kage", None)


class AgendaItem(_Model):
    punkt: Text = _field("punkt", "Punktets overskrift")
    minutter: Minutes = _field("minutter", "Hvor mange minutter punktet varer")
    ved: Text | None = _field("ved", "Hvem der har ordet, fx ordstyrer eller alle", None)


AgendaKey = Literal["første møde", "andet møde", "kommende møder"]


def _agenda_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "navn"
    if isinstance(value, list):
        return "punkter"
    return None


Agenda = Annotated[
    Annotated[AgendaKey, Tag("navn")] | Annotated[tuple[AgendaItem, ...], Tag("punkter")],
    Discriminator(
        _agenda_kind,
        custom_error_type="netvaerk",
        custom_error_message="skal være 'første møde', 'andet møde', 'kommende møder' eller en liste af punkter",
    ),
]


class Meeting(_Model):
    dato: Date = _field("dato", "Mødets dato, ÅÅÅÅ-MM-DD")
    start: Time = _field("start", "Starttidspunkt, TT:MM")
    sted: Text = _field("sted", "Hvor I mødes (adresse eller lokale)")
    dagsorden: Agenda | None = _field(
        "dagsorden", "'første møde', 'andet møde', 'kommende møder' eller jeres egne punkter", None
    )
    tema: Name | None = _field("tema", "Mødets tema, gerne fra temakataloget (bliver en overskrift)", None)
    temaansvarlige: Names = _field("temaansvarlige", "Medlemmer, der forbereder temaet", ())
    ordstyrer: Name | None = _field("ordstyrer", "Mødets ordstyrer (et medlem)", None)
    referent: Name | None = _field("referent", "Mødets referent (et medlem)", None)
    vaert: Name | None = _field("vært", "Medlemmet, der lægger hus til", None)
    tilmeldingsfrist: Date | None = _field("tilmeldingsfrist", "Sidste dag for tilmelding, ÅÅÅÅ-MM-DD", None)
    aflyst: Text | None = _field("aflyst", "Skriv hvorfor, hvis mødet er aflyst", None)
    evaluering: Bool = _field("evaluering", "ja: mødet er gruppens evalueringsmøde", False)

    @property
    def cancelled(self) -> bool:
        return self.aflyst is not None


class OwnTheme(_Model):
    navn: Name = _field("navn", "Temaets navn")
    beskrivelse: Text | None = _field("beskrivelse", "Kort om, hvad I vil tale om", None)


class Group(_Model):
    navn: Name = _field("navn", "Gruppens navn")
    by: Text | None = _field("by", "Byen eller området, gruppen hører til", None)
    adresse: HttpsUrl | None = _field("adresse", "Sidens adresse, når den er lagt ud (https://…)", None)
    formaal: Text = _field("formål", "Hvorfor gruppen findes, med jeres egne ord")
    netvaerkstype: Annotated[
        tuple[Literal["støtte", "studiegruppe", "faglig vejledning", "supervision"], ...],
        BeforeValidator(one_or_more),
    ] = _field("netværkstype", "Slags netværk: støtte, studiegruppe, faglig vejledning og/eller supervision", ())
    moedeform: Literal["fysisk", "mail", "begge"] = _field("mødeform", "fysisk, mail eller begge", "fysisk")
    arrangoer: Person = _field("arrangør", "Den, der samler gruppen; vises på siden")
    medlemmer: tuple[Member, ...] = _field("medlemmer", "Gruppens medlemmer", min_length=1)
    aftaler: Agreements = _field("aftaler", "Gruppens egne aftaler", Agreements())
    temaer: tuple[OwnTheme, ...] = _field("temaer", "Gruppens egne temaer ud over temakataloget", ())
    moeder: tuple[Meeting, ...] = _field("møder", "Gruppens møder", ())
    paamindelse: Bool = _field("påmindelse", "ja: kalenderen minder om møderne dagen før", True)
    soegemaskiner: Bool = _field("søgemaskiner", "ja: søgemaskiner må finde siden", False)
    i_oversigt: Bool = _field("i oversigt", "nej: gruppen står ikke på oversigten over grupper", True)
    medlemsomraade: Bool | None = _field(
        "medlemsområde",
        "ja: medlemmernes navne, mødestederne og kontaktoplysningerne vises kun for medlemmer, der har låst op med adgangskoden; "
        "nej: alle med linket kan se dem (uden feltet advarer netvaerk om det)",
        None,
    )
    offentlige_steder: tuple[Text, ...] = _field(
        "offentlige steder",
        "Mødesteder, som alle må se, fx et bibliotek, skrevet præcis som under møderne; andre steder vises kun for medlemmer",
        (),
    )

    def member_names(self) -> tuple[str, ...]:
        return tuple(m.navn for m in self.medlemmer)

"""The BFA guide's advice as data: agendas, themes, rules, roles and first-meeting advice."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Everything here is immutable: frozen dataclasses held in tuples, exposed
# through argument-less pure functions. The Danish text paraphrases the guide
# "Mødepakke til netværksgrupper – familieplejere" (BFA), rewritten for foster
# carers where the guide still addresses childminders.


@dataclass(frozen=True)
class AgendaItem:
    """One point on an agenda, with who speaks and how the chair runs it."""

    title: str
    minutes: int
    speaker: str  # "ordstyrer", "alle", "temaansvarlige" or "" (pause)
    how: str


@dataclass(frozen=True)
class Agenda:
    """A timed agenda; the total is always computed from the items."""

    key: str  # "første møde", "andet møde" or "kommende møder"
    title: str
    intro: str
    items: tuple[AgendaItem, ...]

    @property
    def total_minutes(self) -> int:
        """Sum of the items' minutes (the guide's printed totals are not trusted)."""
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class Theme:
    """A suggested meeting theme."""

    name: str
    category: str  # "arbejde" or "dynamik"
    description: str
    aliases: tuple[str, ...] = ()  # lowercase alternative spellings


@dataclass(frozen=True)
class Rule:
    """A ground rule a group can agree on under `aftaler:`."""

    key: str
    title: str
    advice: str
    # Shown under the group's own rule too: the advice says more than "agree on this" (what the law already
    # requires, what the rule should cover). Afbud and forplejning only say to agree, so the group's rule replaces them.
    beside_own: bool = True


@dataclass(frozen=True)
class Role:
    """A role in the group."""

    key: str
    title: str
    duties: str


@dataclass(frozen=True)
class Advice:
    """A titled piece of advice."""

    title: str
    text: str


_PAUSE_HOW = "Hold en pause med lidt at spise og drikke. Sig inden pausen, hvornår I går i gang igen."

_AGENDAS: tuple[Agenda, ...] = (
    Agenda(
        key="første møde",
        title="Dagsorden til det første møde",
        intro=(
            "Et forslag til det første møde, hvor I bliver enige om netværkets formål og form. "
            "Tiderne er vejledende."
        ),
        items=(
            AgendaItem(
                title="Velkommen",
                minutes=15,
                speaker="ordstyrer",
                how=(
                    "Ordstyreren byder velkommen, fortæller hvem der har taget initiativ til mødet og hvorfor, "
                    "og gennemgår dagsordenen. Ordstyreren præsenterer sig selv og sin rolle, spørger om der er "
                    "spørgsmål og siger, hvornår der er pause, hvornår I slutter, og hvilke husregler der gælder, "
                    "fx om rygning. Find også en deltager, der vil skrive referat."
                ),
            ),
            AgendaItem(
                title="Præsentationsrunde",
                minutes=45,
                speaker="alle",
                how=(
                    "Alle fortæller på skift kort, hvad de hedder, og hvordan deres hverdag som familieplejer ser ud. "
                    "Regn på forhånd ud, hvor mange minutter hver har, så runden højst tager tre kvarter."
                ),
            ),
            AgendaItem(
                title="Pause",
                minutes=20,
                speaker="",
                how=(
                    "Efter cirka en time trænger I til en pause og lidt at spise og drikke. "
                    "Sig inden pausen, hvornår I går i gang igen."
                ),
            ),
            AgendaItem(
                title="Netværksønsker",
                minutes=40,
                speaker="alle",
                how=(
                    "Deltagerne sætter sig i grupper på cirka tre og har 25 minutter til at drøfte, hvordan "
                    "netværket skal fungere – gerne med forberedelsesspørgsmålene på papir. "
                    "Én fra hver gruppe fremlægger, fx på et stort stykke karton. "
                    "Til sidst opsummerer ordstyreren, hvor I er enige, og hvor I er uenige."
                ),
            ),
            AgendaItem(
                title="Beslutning om netværk",
                minutes=20,
                speaker="alle",
                how=(
                    "Ordstyreren foreslår ud fra ønskerne, hvilken slags netværk der ser ud til at kunne lade sig "
                    "gøre, og deltagerne kommenterer forslaget. Vil nogle noget helt andet end flertallet, så "
                    "acceptér uenigheden og lad dem gå hver til sit – det er bedre end at presse noget sammen, "
                    "der ikke passer."
                ),
            ),
            AgendaItem(
                title="Fremtidige møder",
                minutes=20,
                speaker="alle",
                how=(
                    "Aftal, hvor og hvornår næste møde holdes, hvem der er vært, og om der skal være forplejning, "
                    "og hvem der betaler – næste møde kan følge forslaget til andet møde. Vælg ordstyrer og "
                    "referent til næste gang, og spørg dagens referent, om referatet kan sendes rundt inden da. "
                    "Lav til sidst en kontaktliste med navn, telefonnummer og e-mail."
                ),
            ),
        ),
    ),
    Agenda(
        key="andet møde",
        title="Dagsorden til det andet møde",
        intro=(
            "På andet møde lægger I rammerne for gruppens arbejde og planlægger indhold og form for de "
            "næste møder. Klare rammer giver tryghed, og en fælles plan holder motivationen oppe."
        ),
        items=(
            AgendaItem(
                title="Ordstyreren indleder",
                minutes=5,
                speaker="ordstyrer",
                how="Ordstyreren fortæller kort, hvad mødet skal bruges til, og hvad I skal nå, før I går hjem.",
            ),
            AgendaItem(
                title="Kort runde – siden sidst",
                minutes=15,
                speaker="alle",
                how=(
                    "Alle fortæller kort, hvad der er sket siden sidste møde. "
                    "Ordstyreren sørger for, at runden ikke tager tid fra resten af mødet."
                ),
            ),
            AgendaItem(
                title="Rammer om gruppens arbejde",
                minutes=50,
                speaker="alle",
                how=(
                    "Drøft i grupper på tre, hvilke emner der er vigtigst for gruppens arbejde, og skriv dem ned. "
                    "Ordstyreren samler forslagene på papir, og I drøfter tilføjelser og ændringer i fællesskab. "
                    "Referenten skriver aftalerne ned, renskriver dem og sender dem til alle inden næste møde."
                ),
            ),
            AgendaItem(title="Pause", minutes=20, speaker="", how=_PAUSE_HOW),
            AgendaItem(
                title="Planlægning af kommende møder",
                minutes=60,
                speaker="alle",
                how=(
                    "Læg en plan for de næste møder: hvor og hvornår I mødes, hvilke temaer I tager op, og i hvilken "
                    "form. Aftal, hvem der har ansvaret for hvad – temalisten kan give inspiration."
                ),
            ),
            AgendaItem(
                title="Ordstyrer og referent udpeges til de næste møder",
                minutes=10,
                speaker="alle",
                how=(
                    "Aftal, hvem der er ordstyrer og referent på de næste møder, så de kan nå at forberede sig. "
                    "Rollerne kan gå på skift."
                ),
            ),
            AgendaItem(
                title="Eventuelt",
                minutes=0,
                speaker="alle",
                how="Plads til korte beskeder og det, der ikke passede ind under de andre punkter.",
            ),
        ),
    ),
    Agenda(
        key="kommende møder",
        title="Dagsorden til de kommende møder",
        intro=(
            "Et forslag til de faste møder, når gruppen er kommet i gang. Når I er blevet trygge ved hinanden, "
            "kan formen blive lidt friere, og I kan tage flere personlige dilemmaer fra arbejdet op."
        ),
        items=(
            AgendaItem(
                title="Siden sidst",
                minutes=20,
                speaker="alle",
                how=(
                    "Alle fortæller kort, hvad der er sket siden sidste møde. "
                    "Ordstyreren holder øje med tiden, så alle kommer til orde."
                ),
            ),
            AgendaItem(
                title="Temaoplæg m.m.",
                minutes=100,
                speaker="temaansvarlige",
                how=(
                    "De temaansvarlige står for dagens tema, fx med et oplæg, artikler, video, egne erfaringer "
                    "eller spørgsmål til diskussion. De bestemmer både indhold og form, mens ordstyreren holder tiden."
                ),
            ),
            AgendaItem(title="Pause", minutes=20, speaker="", how=_PAUSE_HOW),
            AgendaItem(
                title="Afrunding af mødet",
                minutes=20,
                speaker="alle",
                how=(
                    "Tal om, hvad der fungerede godt ved mødet, og hvad der var særligt givende for den enkelte. "
                    "Tal også om den enkeltes rolle i gruppen, og om hvad gruppen betyder for den enkelte."
                ),
            ),
            AgendaItem(
                title="Næste møde – valg af ordstyrer, referent osv.",
                minutes=10,
                speaker="alle",
                how=(
                    "Bekræft tid og sted for næste møde, og vælg ordstyrer, referent og andre, der skal have en "
                    "opgave næste gang."
                ),
            ),
            AgendaItem(
                title="Eventuelt",
                minutes=0,
                speaker="alle",
                how="Plads til korte beskeder og det, der ikke passede ind under de andre punkter.",
            ),
        ),
    ),
)

_THEMES: tuple[Theme, ...] = (
    # Work-related themes ("arbejde"), in the guide's order.
    Theme(
        name="Hvad gør man, hvis man får en arbejdsskade?",
        category="arbejde",
        description=(
            "Hvad I skal gøre, hvis I kommer til skade eller bliver syge af arbejdet: "
            "hvem skal have besked, og hvordan anmeldes skaden?"
        ),
    ),
    Theme(
        name="Ergonomiske belastninger",
        category="arbejde",
        description="Løft, bæring og arbejdsstillinger i hverdagen med plejebørnene, og hvordan I passer på kroppen.",
    ),
    Theme(
        name="Antallet og sammensætningen af børnene i plejefamilien",
        category="arbejde",
        description=(
            "Hvordan antallet af plejebørn, deres alder og behov og samspillet med jeres egne børn "
            "påvirker hverdagen og arbejdet."
        ),
        aliases=("antallet af og sammensætningen af børnene i gruppen",),
    ),
    Theme(
        name="Indretning af hjemmet – inventar og hjælpemidler",
        category="arbejde",
        description=(
            "Hvordan hjemmet kan indrettes, så det fungerer både som familiens hjem og som arbejdsplads, "
            "og hvilke møbler og hjælpemidler der gør arbejdet lettere."
        ),
    ),
    Theme(
        name="Forholdet til børnene, deres pårørende og familieplejekonsulenten",
        category="arbejde",
        description=(
            "Samarbejdet med plejebørnene, deres forældre og øvrige familie og med familieplejekonsulenten: "
            "hvad går godt, og hvad er svært?"
        ),
        # The guide's own (childminder) wording, kept only so that it matches;
        # aliases are never shown to users.
        aliases=(
            "forholdet til de forskellige børn, deres pårørende og evt. dagplejepædagogen",
            "forholdet til de forskellige børn, deres pårørende og evt. familieplejekonsulenten",
        ),
    ),
    Theme(
        name="Forholdet til kommunen",
        category="arbejde",
        description="Samarbejdet med kommunen: forventninger, aftaler og kommunikation, og hvordan I håndterer uenigheder.",
    ),
    Theme(
        name="Organisering af arbejdet, herunder arbejdstider",
        category="arbejde",
        description=(
            "Hvordan I får hverdagen til at hænge sammen, når arbejdet aldrig helt slutter: "
            "arbejdstid, fri, aflastning og pauser."
        ),
    ),
    Theme(
        name="Pædagogiske arbejdsmetoder",
        category="arbejde",
        description=(
            "De metoder og tilgange, I bruger i hverdagen med plejebørnene, "
            "og hvad I kan lære af hinandens erfaringer."
        ),
    ),
    Theme(
        name="Ens eget hjem som arbejdsplads",
        category="arbejde",
        description=(
            "Hvordan det er at have sin arbejdsplads i eget hjem, "
            "og hvordan I skaber plads til familieliv, privatliv og hvile."
        ),
    ),
    # Themes on the group's dynamics and learning ("dynamik"), in the guide's order.
    Theme(
        name="Øvelser i anerkendende kommunikation",
        category="dynamik",
        description=(
            "Øvelser, hvor I træner at lytte og svare anerkendende – "
            "i gruppen og over for børn, forældre og samarbejdspartnere."
        ),
        aliases=("øvelser med fokus på træning af anerkendende kommunikation",),
    ),
    Theme(
        name="Uformelle roller i grupper",
        category="dynamik",
        description=(
            "De roller, man får i en gruppe uden at have valgt dem, fx den, der altid tager ordet, "
            "og hvordan de påvirker gruppen."
        ),
    ),
    Theme(
        name="Kommunikation",
        category="dynamik",
        description="Hvordan I taler sammen og lytter til hinanden, og hvad der skaber misforståelser.",
    ),
    Theme(
        name="Gruppers udvikling",
        category="dynamik",
        description=(
            "De faser en gruppe går igennem, fra man lærer hinanden at kende, "
            "til der er fortrolighed og tillid."
        ),
    ),
    Theme(
        name="Feedback",
        category="dynamik",
        description="Hvordan I giver og tager imod feedback, så den er konkret, venlig og til at bruge.",
    ),
    Theme(
        name="Reflekterende teams – struktureret samtale",
        category="dynamik",
        description=(
            "En fast samtaleform, hvor én fortæller om en problemstilling, "
            "og de andre tænker højt over den, mens fortælleren lytter."
        ),
    ),
    Theme(
        name="Konflikthåndtering",
        category="dynamik",
        description="Hvordan I forebygger og håndterer konflikter, både i gruppen og i arbejdet.",
    ),
)

_RULES: tuple[Rule, ...] = (
    Rule(
        key="medlemskab",
        title="Medlemskab",
        advice=(
            "Faglig og personlig udvikling kræver trygge rammer, og dem får man ikke i et netværk, hvor alle "
            "kan komme og gå, som de vil. Gør det klart, hvem der er med, så I kan regne med hinanden. "
            "Lav en deltagerliste med kontaktoplysninger, og hold gruppen på højst omkring 10 personer."
        ),
    ),
    Rule(
        key="nye medlemmer",
        title="Nye medlemmer",
        advice=(
            "Et netværk, der har fundet sin form – typisk efter 7–10 møder – har lettere ved at tage imod nye, "
            "fordi der er en kultur og nogle spilleregler at give videre. På det tidspunkt kender I også "
            "hinanden godt, og nye medlemmer kan give nyt liv og udfordre gruppens syn på sig selv. "
            "Det forhindrer, at gruppen lukker sig om sig selv og bliver en eksklusiv klub."
        ),
    ),
    Rule(
        key="rammer",
        title="Faste og forudsigelige rammer",
        advice=(
            "Læg møderne i kalenderen et halvt til et helt år frem, og start og slut på samme tidspunkt hver gang. "
            "Efter et halvt år sætter I evaluering på dagsordenen: hvordan går det med indhold, form, stemning "
            "og trivsel, og hvad skal justeres? Evalueringsmødet kan evt. slutte med en fælles sommer- eller "
            "vinterspisning."
        ),
    ),
    Rule(
        key="mødepligt",
        title="Mødepligt",
        advice=(
            "Aftal, at møderne har høj prioritet, og at man er til stede – ikke kun fysisk, men også mentalt. "
            "Det er svært at åbne sig over for de andre, hvis man aldrig ved, hvem der kommer. "
            "Når alle møder op, viser gruppen, at det, I deler, er værd at bruge tid på."
        ),
    ),
    Rule(
        key="afbud",
        title="Afbud",
        beside_own=False,
        advice=(
            "Aftal, at man melder afbud, hvis man bliver forhindret i at komme. "
            "Så ved de andre, hvem der kommer, og ingen sidder og venter forgæves."
        ),
    ),
    Rule(
        key="etik",
        title="Etik",
        advice=(
            "Aftal, hvilke etiske retningslinjer der gælder for jeres drøftelser, så alle kan føle sig trygge. "
            "Det kan være grænseoverskridende at fortælle om sine arbejdsmetoder, problemer og dilemmaer, "
            "og man skal altid kunne sige til og fra. Retningslinjerne bør handle om plejebørnene, deres "
            "pårørende, jeres egne personlige og faglige grænser, og om hvilke emner I tager op."
        ),
    ),
    Rule(
        key="grænsevogter",
        title="Grænsevogter",
        beside_own=False,  # the group has chosen one; what the role does is on the Roller page
        advice=(
            "I kan vælge en grænsevogter, der holder øje med, at etikken bliver overholdt. "
            "Gruppen giver grænsevogteren lov til at stoppe en drøftelse eller kalde en time-out, "
            "når der opstår spørgsmål om etikken – både principielle og konkrete."
        ),
    ),
    Rule(
        key="gruppedynamik",
        title="Gruppedynamik",
        advice=(
            "Et netværk går gennem de samme faser som andre grupper uden fast ledelse. I begyndelsen handler "
            "det om at høre til, finde en fælles kultur og finde ud af, hvad det vil sige at være et godt medlem. "
            "Det første år er det en god idé at have formelle roller som ordstyrer, referent, grænsevogter og "
            "temaansvarlige, der går på skift. Efter hvert møde kan den, der har haft en rolle, få feedback på, "
            "hvordan det gik."
        ),
    ),
    Rule(
        key="tavshedspligt",
        title="Tavshedspligt",
        advice=(
            "Den generelle tavshedspligt, som gælder for kommunalt ansatte og for jer i arbejdet med "
            "plejebørnene, skal selvfølgelig overholdes. Aftal desuden, at det, der bliver sagt på møderne, "
            "bliver i gruppen, og at I ikke taler om det uden for møderne. "
            "Skal noget bringes videre, aftales det med hele gruppen."
        ),
    ),
    Rule(
        key="forplejning",
        title="Forplejning",
        beside_own=False,
        advice=(
            "Lidt at spise og drikke holder energien og det gode humør oppe. "
            "Aftal, hvad der er brug for, hvem der køber ind, og hvem der betaler."
        ),
    ),
)

_ROLES: tuple[Role, ...] = (
    Role(
        key="ordstyrer",
        title="Ordstyrer",
        duties=(
            "Ordstyreren holder fokus på det, I har besluttet at tale om, holder tiden og sørger for, at "
            "taletiden bliver fordelt rimeligt – og skærer igennem, når det er nødvendigt. Alle kan være "
            "ordstyrer, og det behøver hverken være værten eller arrangøren; rollen kan gå på skift. "
            "Ordstyreren skal på forhånd vide, hvad der skal ske på mødet og hvorfor."
        ),
    ),
    Role(
        key="referent",
        title="Referent",
        duties=(
            "Referenten skriver referat af mødet og noterer især de aftaler, I indgår. "
            "Referatet renskrives og sendes til alle inden næste møde."
        ),
    ),
    Role(
        key="grænsevogter",
        title="Grænsevogter",
        duties=(
            "Grænsevogteren holder øje med, at gruppens etiske aftaler bliver overholdt. "
            "Gruppen giver grænsevogteren lov til at stoppe en drøftelse eller kalde en time-out, "
            "når der opstår spørgsmål om etikken."
        ),
    ),
    Role(
        key="vært",
        title="Vært",
        duties=(
            "Værten lægger hus til mødet eller sørger for et lokale, hvor I kan være uforstyrrede. "
            "Ingen skal presses til at være vært, heller ikke selvom de bor centralt eller har god plads: "
            "for mange kan det føles udleverende at vise sit hjem frem."
        ),
    ),
    Role(
        key="temaansvarlig",
        title="Temaansvarlig",
        duties=(
            "En eller to temaansvarlige forbereder præsentationen og drøftelsen af et tema, fx med et oplæg, "
            "artikler, video, egne erfaringer eller spørgsmål til diskussion. "
            "De temaansvarlige bestemmer både indhold og form."
        ),
    ),
    Role(
        key="arrangør",
        title="Arrangør",
        duties=(
            "Arrangøren indkalder til mødet, finder et mødested, sørger for forplejning og laver dagsordenen. "
            "Vil arrangøren ikke selv være ordstyrer, finder hun eller han en anden og forbereder vedkommende "
            "på opgaven. Den, der står for det første møde, skal ikke nødvendigvis stå for de følgende."
        ),
    ),
)

_PREPARATION_QUESTIONS: tuple[str, ...] = (
    "Hvad har du brug for, og hvad ønsker og forventer du af et netværk? Fx støtte i hverdagen, en "
    "studiegruppe med vægt på teori, faglig vejledning om arbejdet med plejebørn i eget hjem eller egentlig "
    "supervision?",
    "Hvor meget tid har du til netværket?",
    "Betyder det noget for dig, at medlemmerne bor tæt på hinanden?",
    "Vil du helst være i netværk med familieplejere, der har samme eller lignende uddannelse som dig, "
    "eller med familieplejere med forskellig baggrund?",
    "Vil du helst være i netværk med familieplejere, der har samme slags børnegruppe og arbejdssituation "
    "som dig, eller med nogle, hvis situation er anderledes?",
    "Skal netværket foregå på mail, ved fysiske møder eller begge dele?",
)

_FIRST_MEETING_ADVICE: tuple[Advice, ...] = (
    Advice(
        title="Ansvaret for det første møde",
        text=(
            "Nogen skal have ansvaret for at planlægge det første møde: indkalde, finde et sted, sørge for kaffe "
            "og te, lave dagsorden og være ordstyrer – eller finde en anden ordstyrer og sætte vedkommende ind i "
            "opgaven. Det betyder ikke, at den samme skal stå for alle de følgende møder. Hvordan I deler "
            "ansvaret fremover, er netop et af emnerne på det første møde."
        ),
    ),
    Advice(
        title="Find deltagere",
        text=(
            "Deltagerne behøver ikke være ens eller enige – forskellighed kan være godt for gruppen – men I skal "
            "ville det samme med netværket. Det finder I ud af på det første møde, så det gør ikke noget, hvis "
            "ikke alle fra det første møde bliver en del af netværket. Hold jer på omkring 10 deltagere, og del "
            "jer, hvis I er flere. Kender I ikke andre, der er interesserede, kan jeres faglige organisation "
            "eller kommunen hjælpe jer med at komme i kontakt med andre familieplejere."
        ),
    ),
    Advice(
        title="Mødested",
        text=(
            "I kan mødes i en privat stue eller i et lånt lokale, fx på biblioteket – bare der er plads og stole "
            "til alle. Et privat hjem giver en mere fortrolig stemning, mens et lånt lokale giver lidt mere "
            "afstand. Pres ikke nogen til at være vært, fordi de bor centralt eller har god plads; det kan føles "
            "udleverende at vise sit hjem frem. Det vigtigste er, at I kan være uforstyrrede, mens mødet står på."
        ),
    ),
    Advice(
        title="Sæt tre timer af",
        text=(
            "Tre timer er som regel nok til at nå det vigtigste, uden at I bliver helt tappet for energi. "
            "Slut gerne senest kl. 21.00, så de, der har langt hjem, kommer hjem i ordentlig tid."
        ),
    ),
    Advice(
        title="Forplejning",
        text=(
            "Sørg for lidt at spise og drikke – det holder energien oppe og giver en god stemning. "
            "På det første møde kan I aftale, hvad der er brug for fremover, og hvem der køber ind og betaler."
        ),
    ),
    Advice(
        title="Dagsorden",
        text=(
            "Lav en dagsorden, og send den ud på forhånd, eller hæng den op på en planche i mødelokalet. "
            "Den viser, at I tager netværket alvorligt, og giver jer et fælles udgangspunkt fra starten. "
            "Skriv gerne, hvor lang tid hvert punkt tager, og hvem der har ordet: alle, kun ordstyreren eller værten."
        ),
    ),
    Advice(
        title="Ordstyrer",
        text=(
            "Der bør være en ordstyrer på alle møder, ikke kun det første. Ordstyreren holder fokus og tiden, "
            "fordeler ordet rimeligt og skærer igennem, når det er nødvendigt. Det kræver ingen særlige "
            "forudsætninger, og opgaven kan gå på skift – det behøver ikke være arrangøren eller værten. "
            "Sørg for, at ordstyreren ved, hvad der skal ske på mødet og hvorfor."
        ),
    ),
    Advice(
        title="Deltagernes forberedelse",
        text=(
            "Det hjælper, hvis deltagerne har forberedt sig lidt, så I har noget at tage udgangspunkt i. "
            "Er formål, indhold og form stadig helt åbne, kan I sende nogle spørgsmål ud sammen med invitationen "
            "og dagsordenen. Sørg for, at I når at tale om spørgsmålene på mødet, så forberedelsen ikke er spildt."
        ),
    ),
)

_EXPERIENCES: tuple[str, ...] = (
    "Forbered det første møde grundigt. Går deltagerne hjem med en god oplevelse, kommer de gerne igen.",
    "Et netværk med faste medlemmer og mødepligt fungerer som regel bedre end et løst netværk.",
    "Læg en mødeplan et halvt eller et helt år frem, så alle kan planlægge efter den.",
    "Lav klare aftaler om fx tavshedspligt, respekt for hinandens grænser og hvilke emner I vil tage op.",
    "Giv netværket tid til at finde sin form. Fortrolighed og tillid kommer først, når I har kendt hinanden "
    "et stykke tid.",
)

_THEME_WEBSITES: tuple[tuple[str, str], ...] = (
    ("etsundtarbejdsliv.dk", "https://etsundtarbejdsliv.dk"),
    ("arbejdsmiljoweb.dk", "https://arbejdsmiljoweb.dk"),
)

_THEME_ADVICE = (
    "Vælg en eller to temaansvarlige til hvert tema, som forbereder præsentationen og drøftelsen. "
    "Det kan fx være et oplæg, artikler, en video eller andet materiale, egne erfaringer eller spørgsmål "
    "til diskussion. De temaansvarlige bestemmer både indhold og form."
)

_CREDIT = (
    "Teksten på denne hjemmeside er frit skrevet ud fra »Mødepakke til netværksgrupper – familieplejere« "
    "fra BrancheFællesskabet for Arbejdsmiljø for Velfærd og Offentlig administration (BFA), skrevet af "
    "psykolog Hanne Nørby og studerende i retorik Malene Krogh. Mødepakken kan hentes på arbejdsmiljoweb.dk."
)

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def _normalise(text: str) -> str:
    """Fold case, dash variants and whitespace so spellings compare equal."""
    text = text.translate(_DASHES).casefold()
    text = re.sub(r"\s*-\s*", " - ", text)
    return " ".join(text.split())


def agendas() -> tuple[Agenda, ...]:
    """The three agendas in order: første møde, andet møde, kommende møder."""
    return _AGENDAS


def agenda(key: str) -> Agenda:
    """The agenda with this key; KeyError if there is none."""
    for candidate in _AGENDAS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def themes() -> tuple[Theme, ...]:
    """All themes: work-related first, then the group's dynamics, in the guide's order."""
    return _THEMES


def find_theme(name: str) -> Theme | None:
    """The theme whose name or alias matches, ignoring case, dash style and spacing."""
    wanted = _normalise(name)
    for theme in _THEMES:
        if _normalise(theme.name) == wanted or any(_normalise(alias) == wanted for alias in theme.aliases):
            return theme
    return None


def rules() -> tuple[Rule, ...]:
    """The ground rules a group can agree on, in a fixed order."""
    return _RULES


def roles() -> tuple[Role, ...]:
    """The roles in the group, in a fixed order."""
    return _ROLES


def preparation_questions() -> tuple[str, ...]:
    """Questions participants think about before the first meeting."""
    return _PREPARATION_QUESTIONS


def first_meeting_advice() -> tuple[Advice, ...]:
    """Advice on preparing the first meeting."""
    return _FIRST_MEETING_ADVICE


def experiences() -> tuple[str, ...]:
    """The guide's five experiences of what makes a network work well."""
    return _EXPERIENCES


def theme_websites() -> tuple[tuple[str, str], ...]:
    """Websites for further reading on themes, as (label, https URL)."""
    return _THEME_WEBSITES


def theme_advice() -> str:
    """How to work with a theme."""
    return _THEME_ADVICE


def credit() -> str:
    """One sentence crediting the guide."""
    return _CREDIT


def all_text() -> str:
    """Every word the guide's content puts on a site, as one text (to tell a group's values from the guide's own)."""
    parts: list[str] = [_THEME_ADVICE, _CREDIT, *preparation_questions(), *experiences(), *(label for label, _ in theme_websites())]
    for a in agendas():
        parts += [a.title, a.intro, *(f"{i.title} {i.speaker} {i.how}" for i in a.items)]
    parts += [f"{t.name} {t.description}" for t in themes()]
    parts += [f"{r.title} {r.advice}" for r in rules()]
    parts += [f"{r.title} {r.duties}" for r in roles()]
    parts += [f"{a.title} {a.text}" for a in first_meeting_advice()]
    return "\n".join(parts)

"""Tests for generator.guide: the BFA guide's advice as data."""

import dataclasses

import pytest

from generator.guide import content as guide

WORK_THEMES = (
    "Hvad gør man, hvis man får en arbejdsskade?",
    "Ergonomiske belastninger",
    "Antallet og sammensætningen af børnene i plejefamilien",
    "Indretning af hjemmet – inventar og hjælpemidler",
    "Forholdet til børnene, deres pårørende og familieplejekonsulenten",
    "Forholdet til kommunen",
    "Organisering af arbejdet, herunder arbejdstider",
    "Pædagogiske arbejdsmetoder",
    "Ens eget hjem som arbejdsplads",
)
DYNAMICS_THEMES = (
    "Øvelser i anerkendende kommunikation",
    "Uformelle roller i grupper",
    "Kommunikation",
    "Gruppers udvikling",
    "Feedback",
    "Reflekterende teams – struktureret samtale",
    "Konflikthåndtering",
)
RULE_KEYS = (
    "medlemskab",
    "nye medlemmer",
    "rammer",
    "mødepligt",
    "afbud",
    "etik",
    "grænsevogter",
    "gruppedynamik",
    "tavshedspligt",
    "forplejning",
)
ROLE_KEYS = ("ordstyrer", "referent", "grænsevogter", "vært", "temaansvarlig", "arrangør")


def all_data():
    """Every value the module exposes, one entry per public function."""
    return {
        "agendas": guide.agendas(),
        "themes": guide.themes(),
        "rules": guide.rules(),
        "roles": guide.roles(),
        "preparation_questions": guide.preparation_questions(),
        "first_meeting_advice": guide.first_meeting_advice(),
        "experiences": guide.experiences(),
        "theme_websites": guide.theme_websites(),
        "theme_advice": guide.theme_advice(),
        "credit": guide.credit(),
    }


def shown_strings(value, path="", skip=frozenset()):
    """Yield (path, string) for every string in value, walking dataclasses and tuples.

    Fields named in `skip` (as "Class.field") are left out.
    """
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if f"{type(value).__name__}.{field.name}" in skip:
                continue
            yield from shown_strings(getattr(value, field.name), f"{path}.{field.name}", skip)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from shown_strings(item, f"{path}[{key}]", skip)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from shown_strings(item, f"{path}[{index}]", skip)
    else:
        assert isinstance(value, int), f"{path}: unexpected {type(value).__name__}"


# Agendas


def test_agenda_keys_in_order():
    assert [a.key for a in guide.agendas()] == ["første møde", "andet møde", "kommende møder"]


def test_agenda_totals_are_computed_from_items():
    # The guide prints "I alt 2 timer og 40 minutter" under the first two agendas, which their items
    # match, and "2 timer og 30 minutter" under the later meetings', whose items (20 + 100 + 20 + 20
    # + 10 minutes) add up to 2 hours 50 minutes.
    assert {a.key: a.total_minutes for a in guide.agendas()} == {"første møde": 160, "andet møde": 160, "kommende møder": 170}


def test_agendas_store_no_total():
    assert [f.name for f in dataclasses.fields(guide.Agenda)] == ["key", "title", "intro", "items"]


def test_agenda_item_counts():
    assert [len(a.items) for a in guide.agendas()] == [6, 7, 6]


def test_first_meeting_items():
    items = guide.agenda("første møde").items
    assert [(i.title, i.speaker, i.minutes) for i in items] == [
        ("Velkommen", "ordstyrer", 15),
        ("Præsentationsrunde", "alle", 45),
        ("Pause", "", 20),
        ("Netværksønsker", "alle", 40),
        ("Beslutning om netværk", "alle", 20),
        ("Fremtidige møder", "alle", 20),
    ]


def test_second_meeting_is_the_numbered_agenda_not_the_theme_list():
    items = guide.agenda("andet møde").items
    assert [(i.speaker, i.minutes) for i in items] == [
        ("ordstyrer", 5),
        ("alle", 15),
        ("alle", 50),
        ("", 20),
        ("alle", 60),
        ("alle", 10),
        ("alle", 0),
    ]
    titles = [i.title for i in items]
    assert titles[2] == "Rammer om gruppens arbejde"
    assert titles[4] == "Planlægning af kommende møder"
    assert not any("arbejdsskade" in t.lower() or "ergonomi" in t.lower() for t in titles)


def test_later_meetings_items():
    items = guide.agenda("kommende møder").items
    assert [(i.speaker, i.minutes) for i in items] == [
        ("alle", 20),
        ("temaansvarlige", 100),
        ("", 20),
        ("alle", 20),
        ("alle", 10),
        ("alle", 0),
    ]
    assert items[1].title == "Temaoplæg m.m."


def test_agenda_items_are_well_formed():
    for a in guide.agendas():
        assert a.title and a.intro
        for item in a.items:
            assert item.speaker in {"ordstyrer", "alle", "temaansvarlige", ""}
            assert (item.speaker == "") == (item.title == "Pause")
            assert (item.minutes == 0) == (item.title in {"Eventuelt", "Evt."})
            assert item.how.strip().endswith((".", "?"))


def test_agenda_lookup():
    assert guide.agenda("andet møde") is guide.agendas()[1]
    with pytest.raises(KeyError):
        guide.agenda("tredje møde")


# Themes


def test_all_themes_present_with_category_and_order():
    assert [(t.name, t.category) for t in guide.themes()] == [
        *((name, "arbejde") for name in WORK_THEMES),
        *((name, "dynamik") for name in DYNAMICS_THEMES),
    ]
    for theme in guide.themes():
        assert theme.description.strip()
        assert all(alias == alias.lower() for alias in theme.aliases)


@pytest.mark.parametrize("name", WORK_THEMES + DYNAMICS_THEMES)
def test_find_theme_exact(name):
    assert guide.find_theme(name).name == name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("forholdet til kommunen", "Forholdet til kommunen"),
        ("FEEDBACK", "Feedback"),
        ("  ergonomiske   belastninger ", "Ergonomiske belastninger"),
        ("Reflekterende teams - struktureret samtale", "Reflekterende teams – struktureret samtale"),
        ("Reflekterende teams — struktureret samtale", "Reflekterende teams – struktureret samtale"),
        ("reflekterende teams-struktureret samtale", "Reflekterende teams – struktureret samtale"),
        ("Indretning af hjemmet - inventar og hjælpemidler", "Indretning af hjemmet – inventar og hjælpemidler"),
        ("ØVELSER I ANERKENDENDE KOMMUNIKATION", "Øvelser i anerkendende kommunikation"),
    ],
)
def test_find_theme_case_spacing_and_dashes(query, expected):
    assert guide.find_theme(query).name == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "Antallet af og sammensætningen af børnene i gruppen",
            "Antallet og sammensætningen af børnene i plejefamilien",
        ),
        (
            "Øvelser med fokus på træning af anerkendende kommunikation",
            "Øvelser i anerkendende kommunikation",
        ),
        (
            "Forholdet til de forskellige børn, deres pårørende og evt. dagplejepædagogen",
            "Forholdet til børnene, deres pårørende og familieplejekonsulenten",
        ),
    ],
)
def test_find_theme_aliases(query, expected):
    assert guide.find_theme(query).name == expected


@pytest.mark.parametrize("query", ["", "Madlavning", "Forholdet til", "Feedbacks"])
def test_find_theme_unknown(query):
    assert guide.find_theme(query) is None


def test_theme_names_and_aliases_are_unambiguous():
    seen = {}
    for theme in guide.themes():
        for spelling in (theme.name, *theme.aliases):
            key = " ".join(spelling.replace("–", "-").casefold().split())
            assert key not in seen, f"{spelling!r} also matches {seen[key]!r}"
            seen[key] = theme.name
            assert guide.find_theme(spelling) is theme


# Rules, roles, advice


def test_rule_keys_in_order():
    assert tuple(r.key for r in guide.rules()) == RULE_KEYS
    for rule in guide.rules():
        assert rule.title and rule.advice.strip()


def test_role_keys_in_order():
    assert tuple(r.key for r in guide.roles()) == ROLE_KEYS
    for role in guide.roles():
        assert role.title and role.duties.strip()


def test_first_meeting_advice_covers_the_guide():
    text = " ".join(f"{a.title} {a.text}" for a in guide.first_meeting_advice())
    for needle in ("10 deltagere", "faglige organisation", "kommunen", "kl. 21.00", "uforstyrrede", "ordstyrer"):
        assert needle in text


def test_preparation_questions_and_experiences():
    questions = guide.preparation_questions()
    assert len(questions) >= 4
    assert all(q.endswith("?") for q in questions)
    assert "supervision" in questions[0]
    assert len(guide.experiences()) == 5


def test_websites_are_https():
    sites = guide.theme_websites()
    assert [label for label, _ in sites] == ["etsundtarbejdsliv.dk", "arbejdsmiljoweb.dk"]
    for label, url in sites:
        assert url == f"https://{label}"


def test_credit_names_the_guide_and_source():
    text = guide.credit()
    for needle in ("Mødepakke til netværksgrupper – familieplejere", "BFA", "Hanne Nørby", "Malene Krogh",
                   "arbejdsmiljoweb.dk"):
        assert needle in text
    assert guide.theme_advice().strip()


# Text and immutability


def test_no_childminder_wording_in_shown_text():
    # Theme aliases are match keys for the guide's original wording and are
    # never shown, so they may keep the word "dagplejepædagogen".
    strings = list(shown_strings(all_data(), skip=frozenset({"Theme.aliases"})))
    assert len(strings) > 100
    for path, text in strings:
        lowered = text.lower()
        assert "dagplejer" not in lowered, path
        assert "dagplejepædagog" not in lowered, path
        assert "  " not in text, path


def test_only_aliases_keep_the_guide_wording():
    leftovers = [path for path, text in shown_strings(all_data()) if "dagpleje" in text.lower()]
    assert leftovers == ["[themes][4].aliases[0]"]


def containers(value, path=""):
    """Yield (path, value) for every container in value, walking dataclasses, tuples, lists, dicts and sets."""
    if dataclasses.is_dataclass(value) or isinstance(value, (tuple, list, dict, set)):
        yield path, value
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from containers(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from containers(item, f"{path}[{key}]")
    elif isinstance(value, (tuple, list, set)):
        for index, item in enumerate(value):
            yield from containers(item, f"{path}[{index}]")


def test_data_cannot_be_changed_by_a_caller():
    # Every value handed out is a tuple or a frozen dataclass all the way down: no list, dict or set
    # that a page could change for the next page.
    found = [(path, value) for name, data in all_data().items() for path, value in containers(data, name)]
    assert len(found) > 80
    for path, value in found:
        assert isinstance(value, tuple) or (dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen), path
    with pytest.raises(dataclasses.FrozenInstanceError):
        guide.agendas()[0].title = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        guide.themes()[0].name = "x"
    assert guide.agendas()[0].items[0].title == "Velkommen"
    assert guide.themes()[0].name == WORK_THEMES[0]

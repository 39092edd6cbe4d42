"""From one group file's bytes to everything its site needs, without touching the disk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jinja2

from ..calendar.events import CalEvent, group_events
from ..calendar.feed import build_feed
from ..calendar.memory import SECOND, Unreadable, parse_legacy
from ..calendar.timeline import Legacy, Version, remember, version_events
from ..errors import GroupError, Problem
from ..facts.audience import private_values
from ..facts.links import QR_FILE, feed_links
from ..facts.qr import qr_file
from ..guard.leaks import Private
from ..guide.check import check
from ..lock.passphrase import MIN_BITS, WORD_LIST, estimate_bits, hints, masked_form, new_passphrase, seeded, words
from ..lock.seal import feed_name, keys_for
from ..lock.seal import parse_legacy as parse_legacy_lock
from ..model.models import Group
from ..model.slug import SLUG_RE
from ..site.config import config_data
from ..site.fragments import Lock, Reader
from ..site.manifest import NAME as MANIFEST
from ..site.manifest import manifest_text
from ..site.pages import site_facts, site_pages
from ..site.printing import print_files, private_files
from ..site.render import render_site
from ..site.shared import NOT_SHARED, SharedUrls
from ..site.unlock import script_file, unlock_box
from .history import BROKEN, COMPLETE, NO_GIT
from .secret import PASTE_HERE, passphrase_file, passphrase_variable
from .visibility import Visibility


@dataclass(frozen=True)
class Generated:
    """One group's generated sources: Markdown pages and other files by path below its docs folder."""

    slug: str
    group: Group
    warnings: tuple[Problem, ...]
    docs: dict[str, str | bytes]
    config: dict  # the MkDocs config (site/config.py)
    private: dict[str, str] = field(default_factory=dict)  # for the members only: never published
    sealed: tuple[tuple[str, str], ...] = ()  # (page, plain HTML) of each sealed fragment, for the guard
    private_values: tuple[Private, ...] = ()  # what must never show in plain text in the published files
    private_feed: str | None = None  # the private feed's file name below the docs folder (published, unlisted)
    private_feed_qr: str | None = None  # its QR code, also unlisted


def _missing_passphrase(group: Group, file: str, slug: str, secret: Secret | None) -> GroupError:
    """No passphrase: on a computer, how to make one; in CI, where it goes and a new one to paste there. The
    sources are known to be private by now (a public or unknown project is refused first), so only the project's
    members can read the log."""
    variable = passphrase_variable(slug)
    ci = secret.ci if secret else None
    if ci is None or secret is None:
        message = (
            f"adgangskoden til medlemsområdet mangler; sæt miljøvariablen {variable}, eller lav filen "
            f"{passphrase_file(slug)} med: netvaerk adgangskode {file}. Intet er lagt ud"
        )
    else:
        where = PASTE_HERE.get(ci, "jeres CI-indstillinger, som en hemmelig variabel")
        message = (
            f"adgangskoden til medlemsområdet mangler, så intet er lagt ud. Læg den ind under {where} med navnet {variable}. "
            f"Her er en ny, som I kan bruge (kun medlemmer af dette private projekt kan læse loggen): {_offer(group, slug, secret)} – "
            "giv den til medlemmerne, og kør så bygningen igen"
        )
    return GroupError([Problem(file, 1, 1, "medlemsområde", message)])


def _offer(group: Group, slug: str, secret: Secret) -> str:
    """A new passphrase drawn from the caller's fresh bytes, with full stops as a masked CI variable takes it."""
    word_list = words(WORD_LIST.read_text(encoding="utf-8"))
    return masked_form(new_passphrase(word_list, seeded(secret.seed), user_inputs=hints(_own_words(group, slug), word_list)))


_SOURCES_MESSAGES = {
    Visibility.PUBLIC: (
        "gruppen har et medlemsområde, men den bygges fra et offentligt repository, hvor alle kan læse gruppefilen "
        "med navne og adresser; gør repositoryet privat, eller læg siden ud på en anden måde (se Privatliv i README). "
        "Intet er lagt ud"
    ),
    Visibility.UNKNOWN: (
        "gruppen har et medlemsområde, men bygningen kan ikke se, om andre end gruppen kan læse gruppefilen. Er "
        "repositoryet privat, så sæt variablen NETVAERK_KILDER_OFFENTLIGE til nej i indstillingerne for bygningen "
        "(på GitLab og GitHub ses det af sig selv). Intet er lagt ud"
    ),
}


def _own_words(group: Group, slug: str) -> list[str]:
    """What the group file itself says, for zxcvbn to try first: a passphrase built from it is quickly guessed."""
    return [
        slug, group.navn, group.by or "", group.formaal, group.arrangoer.navn, group.arrangoer.email or "",
        *group.member_names(), *(m.sted for m in group.moeder), *group.offentlige_steder,
    ]


def _refuse_weak(group: Group, file: str, slug: str, secret: Secret) -> None:
    """A passphrase zxcvbn judges under MIN_BITS is refused: the page's salt and check value let anyone test
    guesses offline. The message offers one drawn from the caller's fresh bytes, which always passes."""
    word_list = words(WORD_LIST.read_text(encoding="utf-8"))
    user_inputs = hints(_own_words(group, slug), word_list)
    bits = estimate_bits(secret.passphrase or "", user_inputs)
    if bits >= MIN_BITS:
        return
    offered = _offer(group, slug, secret)
    message = (
        f"adgangskoden er for let at gætte (omkring {bits:.0f} bit; der skal mindst {MIN_BITS} til, for alle kan prøve "
        f"at gætte den ud fra siden). Brug en ny, fx denne, som netvaerk lige har lavet: {offered} – sæt den i "
        f"{passphrase_variable(slug)}, eller gem den med: netvaerk adgangskode {file} --ny. Intet er lagt ud"
    )
    raise GroupError([Problem(file, 1, 1, "medlemsområde", message)])


def _lock(group: Group, file: str, slug: str, secret: Secret | None) -> Lock | None:
    """The members' lock for a group with a members' area."""
    if not group.medlemsomraade:
        return None
    sources = Visibility.PRIVATE if secret is None else secret.sources
    if sources is not Visibility.PRIVATE:
        raise GroupError([Problem(file, 1, 1, "medlemsområde", _SOURCES_MESSAGES[sources])])
    if secret is None or secret.passphrase is None:
        raise _missing_passphrase(group, file, slug, secret)
    _refuse_weak(group, file, slug, secret)
    try:
        keys = keys_for(secret.passphrase, slug, parse_legacy_lock(secret.legacy) if secret.legacy else None)
    except ValueError:
        message = f"adgangskoden indeholder usynlige styretegn; lav en ny med: netvaerk adgangskode {file} --ny"
        raise GroupError([Problem(file, 1, 1, "medlemsområde", message)]) from None
    return Lock(keys, slug)


@dataclass(frozen=True)
class Secret:
    """The members' lock's inputs: the passphrase (None when it cannot be found) and an old build's lock file."""

    passphrase: str | None
    legacy: bytes | None = None  # groups/<slug>.laas.json from before the salt followed the group (read, never written)
    sources: Visibility = Visibility.PRIVATE  # who can read the group files it is built from
    seed: bytes = b"\0" * 16  # fresh random bytes from the caller: a new passphrase to offer when this one is too weak
    ci: str | None = None  # the CI the build runs in (secret.ci_host), None on the organiser's own computer


@dataclass(frozen=True)
class PastVersion:
    """One committed version of the group file."""

    when: dt.datetime  # the commit's time, UTC
    data: bytes | None  # None: the commit deleted the file
    commit: str


@dataclass(frozen=True)
class Past:
    """What the calendar's memory is made from: the group file's committed versions, oldest first (read from git by
    builder/history.py), and an old build's state file."""

    versions: tuple[PastVersion, ...] = ()
    kind: str = COMPLETE  # history.COMPLETE, SHALLOW, NO_GIT or BROKEN
    truncated: bool = False  # a shallow clone cut the file's history
    reason: str = ""  # BROKEN: git's words
    legacy: bytes | None = None  # an old build's groups/<slug>.kalender.json (read, never written)
    legacy_file: str = ""
    legacy_after: int | None = None  # it describes the feeds after this many versions; None: as built now
    legacy_when: dt.datetime | None = None  # its commit's time


def _history_problems(past: Past, file: str) -> list[Problem]:
    """Refuse a history that would give subscribers wrong stamps; say when there is none (the feed still works)."""
    if past.kind == BROKEN:
        raise GroupError(
            [
                Problem(
                    file, 1, 1, "",
                    f"git kan ikke læse filens historik ({past.reason}), og uden den kan kalenderen ikke se, hvad medlemmernes "
                    "kalendere allerede har fået; byg fra en frisk git-klon af repositoryet. Intet er lagt ud",
                )
            ]
        )
    if past.truncated:
        raise GroupError(
            [
                Problem(
                    file, 1, 1, "",
                    "git-klonen mangler filens ældste historik (en »shallow clone«), og uden den kan kalenderen ikke se, hvad "
                    "medlemmernes kalendere allerede har fået; hent hele historikken med: git fetch --unshallow (GitHub Actions: "
                    "fetch-depth: 0 under actions/checkout; GitLab: variablen GIT_DEPTH: 0). Intet er lagt ud",
                )
            ]
        )
    if past.kind == NO_GIT:
        message = (
            "mappen er ikke en git-klon, så kalenderen kan ikke se, hvad der er ændret siden sidst: flyttede og aflyste møder "
            "bliver måske ikke rettet i medlemmernes kalendere; byg fra en git-klon af repositoryet med hele historikken"
        )
        return [Problem(file, 1, 1, "", message, warning=True)]
    return []


def _skipped(file: str, commits: list[str]) -> list[Problem]:
    """One warning for the committed versions that no longer validate."""
    if not commits:
        return []
    shown = ", ".join(c[:7] for c in commits[:5]) + (", …" if len(commits) > 5 else "")
    what = "en tidligere udgave" if len(commits) == 1 else f"{len(commits)} tidligere udgaver"
    them = "den" if len(commits) == 1 else "dem"
    message = (
        f"{what} af filen i git (commit {shown}) kan ikke læses af denne version af netvaerk; kalenderen springer {them} over, "
        "når den ser efter, hvad medlemmernes kalendere allerede har fået"
    )
    return [Problem(file, 1, 1, "", message, warning=True)]


def calendar_timeline(
    past: Past, data: bytes, file: str, slug: str, today: dt.date, current: tuple[tuple[CalEvent, ...], tuple[CalEvent, ...]]
) -> tuple[list[Version], Legacy | None, list[Problem]]:
    """The versions the feeds were built from, the one built now last, and the old state file placed among them.

    A version not committed yet (the organiser's own edits) is stamped at midnight UTC of `today`, and always after
    the last commit: the same inputs give the same feed."""
    versions: list[Version] = []
    skipped: list[str] = []
    after = None
    for index, version in enumerate(past.versions):
        if past.legacy_after == index:
            after = len(versions)
        if version.data is None:
            versions.append(Version(version.when, (), ()))
            continue
        events = current if version.data == data else version_events(version.data, file, slug, today)
        if events is None:
            skipped.append(version.commit)
            continue
        versions.append(Version(version.when, *events))
    if past.legacy_after is not None and after is None:
        after = len(versions)
    if not past.versions or past.versions[-1].data != data:
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
        versions.append(Version(max(midnight, past.versions[-1].when + SECOND) if past.versions else midnight, *current))
    legacy = None
    if past.legacy is not None:
        try:
            events = parse_legacy(past.legacy)
        except Unreadable as exc:
            message = (
                f"kalenderstatus fra en ældre version af netvaerk kan ikke læses ({exc.what}); hent den seneste udgave fra git, "
                "eller slet filen, så kalenderen regner alt ud fra git-historikken"
            )
            raise GroupError([Problem(past.legacy_file, exc.line, exc.col, "", message)]) from None
        placed = len(versions) if after is None else after
        when = past.legacy_when or versions[-1].when
        legacy = Legacy(events, placed, when)
    return versions, legacy, _skipped(file, skipped)


def generate(
    data: bytes,
    file: str,
    slug: str,
    today: dt.date,
    env: jinja2.Environment,
    base_config: str,
    overrides_dir: str,
    *,
    past: Past | None = None,  # the group file's committed versions, for the calendar's memory (none: a new file)
    secret: Secret | None = None,  # for a group with a members' area
    unlock_source: str = "",  # the lock's browser script (generator/site/assets/laas.js), read by the caller
    shared: SharedUrls = NOT_SHARED,  # where the pages find the files the groups share (out/_tema/)
) -> Generated:
    """Everything for one group, or a GroupError listing the file's problems."""
    if not SLUG_RE.match(slug):
        raise GroupError([Problem(file, 1, 1, "", f"filnavnet giver ikke en brugbar adresse ('{slug}'); brug små bogstaver, tal og bindestreger")])
    group, found = check(data, file)
    past = Past() if past is None else past
    noted = _history_problems(past, file)
    lock = _lock(group, file, slug, secret)
    private_feed = feed_name(lock.keys) if lock else None
    site = site_facts(group, today, private_feed)
    pages = site_pages(site)
    current = group_events(group, slug, site.meetings), group_events(group, slug, site.meetings, members=True)
    versions, legacy, skipped = calendar_timeline(past, data, file, slug, today, current)
    public, members = remember(versions, legacy, private_feed is not None)
    feed = build_feed(group, slug, site.meetings, public, members, private_feed)
    box = None
    if lock:
        script_path, script_data = script_file(unlock_source)
        box = unlock_box(lock, script_path)
    rendered = render_site(env, pages, Reader.LOCKED if lock else Reader.PUBLIC, lock, box)
    docs: dict[str, str | bytes] = {**rendered.files, **feed.files}
    if lock:
        docs[script_path] = script_data
    links = feed_links(group)
    if links.page:
        docs[QR_FILE] = qr_file(links.page, f"QR-kode til kalenderen for {group.navn}")
    private_qr = None
    if private_feed and group.adresse:
        private_qr = private_feed.removesuffix(".ics") + "-qr.svg"
        docs[private_qr] = qr_file(str(feed_links(group, private_feed).https), f"QR-kode til medlemmernes kalender for {group.navn}")
    return Generated(
        slug=slug,
        group=group,
        warnings=tuple(found) + tuple(noted) + tuple(skipped),
        docs={**docs, **print_files(env, site, shared), MANIFEST: manifest_text(group, shared)},
        config=config_data(group, pages, base_config, overrides_dir, box["script"] if box else None),
        private=private_files(env, site, slug, lock),
        sealed=rendered.sealed,
        private_values=private_values(group, site.audiences),
        private_feed=private_feed,
        private_feed_qr=private_qr,
    )

"""From one group file's bytes to everything its site needs, without touching the disk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jinja2

from ..calendar.feed import build_feed, gone_warnings
from ..calendar.state import dump as dump_state
from ..calendar.state import empty as empty_state
from ..calendar.state import parse as parse_state
from ..errors import GroupError, Problem
from ..facts.audience import private_values
from ..facts.links import QR_FILE, feed_links
from ..facts.qr import qr_file
from ..guide.check import check
from ..model.models import Group
from ..model.slug import SLUG_RE
from ..safety.leaks import Private
from ..safety.lock import dump_state as dump_lock_state
from ..safety.lock import feed_name, keys_for
from ..safety.lock import parse_state as parse_lock_state
from ..safety.passphrase import MIN_BITS, WORD_LIST, estimate_bits, hints, masked_form, new_passphrase, seeded, words
from ..site.config import config_text
from ..site.fragments import Lock, Reader
from ..site.manifest import NAME as MANIFEST
from ..site.manifest import manifest_text
from ..site.pages import site_facts, site_pages
from ..site.printing import print_files, private_files
from ..site.render import render_site
from ..site.shared import NOT_SHARED, SharedUrls
from ..site.unlock import script_file, unlock_box
from .secret import PASTE_HERE, passphrase_file, passphrase_variable
from .visibility import Visibility


@dataclass(frozen=True)
class Generated:
    """One group's generated sources: Markdown pages and other files by path below its docs folder."""

    slug: str
    group: Group
    warnings: tuple[Problem, ...]
    docs: dict[str, str | bytes]
    config: str
    calendar_state: bytes  # the feed's new state, to be written beside the group file
    private: dict[str, str] = field(default_factory=dict)  # for the members only: never published
    lock_state: bytes | None = None  # the members' lock's salt and verifier, to be written beside the group file
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


def _lock(group: Group, file: str, slug: str, secret: Secret | None) -> tuple[Lock | None, bytes | None]:
    """The members' lock for a group with a members' area, and its state to keep."""
    if not group.medlemsomraade:
        return None, None
    sources = Visibility.PRIVATE if secret is None else secret.sources
    if sources is not Visibility.PRIVATE:
        raise GroupError([Problem(file, 1, 1, "medlemsområde", _SOURCES_MESSAGES[sources])])
    if secret is None or secret.passphrase is None:
        raise _missing_passphrase(group, file, slug, secret)
    _refuse_weak(group, file, slug, secret)
    try:
        keys, state = keys_for(secret.passphrase, slug, parse_lock_state(secret.state) if secret.state else None, secret.fresh_salt)
    except ValueError:
        message = f"adgangskoden indeholder usynlige styretegn; lav en ny med: netvaerk adgangskode {file} --ny"
        raise GroupError([Problem(file, 1, 1, "medlemsområde", message)]) from None
    return Lock(keys, slug), dump_lock_state(state)


@dataclass(frozen=True)
class Secret:
    """The members' lock's inputs: the passphrase (None when it cannot be found), the kept state and a new salt
    to use if the passphrase has changed (drawn by the caller, so this stays a pure function)."""

    passphrase: str | None
    state: bytes | None
    fresh_salt: bytes
    sources: Visibility = Visibility.PRIVATE  # who can read the group files it is built from
    seed: bytes = b"\0" * 16  # fresh random bytes from the caller: a new passphrase to offer when this one is too weak
    ci: str | None = None  # the CI the build runs in (secret.ci_host), None on the organiser's own computer


def generate(
    data: bytes,
    file: str,
    slug: str,
    today: dt.date,
    env: jinja2.Environment,
    base_config: str,
    overrides_dir: str,
    site_dir: str,
    *,
    calendar_state: bytes | None = None,  # the committed state file's bytes; None when there is none yet
    state_file: str = "",  # its path as shown in messages
    secret: Secret | None = None,  # for a group with a members' area
    unlock_source: str = "",  # the lock's browser script (generator/site/assets/laas.js), read by the caller
    shared: SharedUrls = NOT_SHARED,  # where the pages find the files the groups share (out/_tema/)
) -> Generated:
    """Everything for one group, or a GroupError listing the file's problems."""
    if not SLUG_RE.match(slug):
        raise GroupError([Problem(file, 1, 1, "", f"filnavnet giver ikke en brugbar adresse ('{slug}'); brug små bogstaver, tal og bindestreger")])
    group, found = check(data, file)
    lock, lock_state = _lock(group, file, slug, secret)
    state = parse_state(calendar_state, state_file) if calendar_state is not None else empty_state()
    private_feed = feed_name(lock.keys) if lock else None
    site = site_facts(group, today, private_feed)
    pages = site_pages(site)
    feed = build_feed(group, slug, site.meetings, state, today, private_feed)
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
        warnings=tuple(found) + tuple(gone_warnings(feed.gone, file)),
        docs={**docs, **print_files(env, site, shared), MANIFEST: manifest_text(group, shared)},
        config=config_text(group, pages, base_config, overrides_dir, site_dir, box["script"] if box else None),
        calendar_state=dump_state(feed.state),
        private=private_files(env, site, slug, lock),
        lock_state=lock_state,
        sealed=rendered.sealed,
        private_values=private_values(group, site.audiences),
        private_feed=private_feed,
        private_feed_qr=private_qr,
    )

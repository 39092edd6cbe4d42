"""How members-only facts land in a page: as plain text, as their public stand-in, or sealed for the lock."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum

import markdown

from ..escape import Md, text
from ..facts.audience import Fact
from ..lock.seal import Keys, seal_html

PLACEHOLDER_CLASS = "nv-laast"
SEALED_ID = "nv-laast"  # the element at the end of a locked page that carries all its fragments, sealed as one
PAGE_FRAGMENT = "page"  # the last part of their associated data: netvaerk/1|<group>|<page>|page


def _html(block: str) -> str:
    """A region's Markdown (or HTML) as HTML on one line, as the page holds it."""
    return " ".join(markdown.markdown(block, extensions=["tables"]).split())


class Reader(Enum):
    """Who a rendered file is for."""

    PUBLIC = "alle"  # members-only facts show their stand-ins (print pages, the e-mail text)
    LOCKED = "låst"  # members-only facts are sealed, to be opened on a member's phone (the site's pages)
    MEMBERS = "medlemmer"  # everything in plain text (files for the members only, never published)


@dataclass(frozen=True)
class Lock:
    """What sealing needs: the group's keys and the group's slug (part of every fragment's associated data)."""

    keys: Keys
    group: str


@dataclass
class Fragments:
    """One page's rendering of members-only facts. Lives for one render of one page, then is dropped.

    Inline, a members-only fact becomes a <span> that shows its stand-in and names its fragment (data-nv-id="f3").
    A region ({% call lock.region() %}…{% endcall %}) is rendered twice, for members and for everyone else, and
    becomes one such <div> when anything in it is for members only. `sealed` keeps each fragment's plain HTML, in
    order: the build checks it, and `sealed_block` seals all of them as one, so that a page with many short
    fragments (a name in each theme, a place in each meeting) pays the sealing's 28 bytes and padding once, and the
    packing finds what they repeat.
    """

    reader: Reader
    page: str = ""  # the built page's path, e.g. "moeder/2027-01-12.html"
    lock: Lock | None = None
    sealed: list[str] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)  # the members-only texts in `sealed`, as they were written there
    _pass: Reader | None = None  # inside a region: which of its two renderings is under way
    _seen: bool = False

    def show(self, fact: Fact) -> str:
        """The fact as it lands in the page (called by the template environment's finalize)."""
        if not fact.private:
            return text(fact.text)
        mode = self._pass or self.reader
        if mode is Reader.MEMBERS:
            self._seen = True
            self.secrets.add(text(fact.text))
            return text(fact.text)
        if mode is Reader.PUBLIC:
            return text(fact.public)
        self.secrets.add(text(fact.text))
        return Md(f'<span class="{PLACEHOLDER_CLASS}" {self._seal(text(fact.text))}>{text(fact.public)}</span>')

    def region(self, private: object = None, public: str | None = None, caller=None) -> str:
        """A block of HTML that is for members only when anything in it (or `private`, when its `.private` is
        true) is. Members see it as it is; everyone else sees it rendered with stand-ins, or the sentence
        `public`: give one whenever the block holds links built from members' data, which have no stand-in.
        On a locked page the members' version is sealed into the block everyone else sees."""
        if self._pass is not None:  # inside another region: part of it
            return f"<p>{text(public)}</p>" if self._pass is Reader.PUBLIC and public is not None else caller()
        if self.reader is Reader.MEMBERS:
            return caller()
        self._pass, self._seen = Reader.MEMBERS, False
        try:
            members = caller()
            if not (self._seen or getattr(private, "private", False)):
                return members
            self._pass = Reader.PUBLIC
            shown = caller() if public is None else f"<p>{text(public)}</p>"
        finally:
            self._pass = None
        if self.reader is Reader.PUBLIC:
            return shown
        # A raw HTML block in the page: Markdown inside it would not be read, so both versions become HTML here.
        sealed = self._seal(_html(members))
        # Ends with a line break, as the block it stands in for does, so a blank line still follows it in the page.
        return Md(f'<div class="{PLACEHOLDER_CLASS}" {sealed}>{_html(shown)}</div>\n')

    def _seal(self, html: str) -> str:
        if self.lock is None:
            raise AssertionError(f"{self.page}: a members-only fact reached a locked page without a key")
        self.sealed.append(html)
        return f'data-nv-id="f{len(self.sealed)}"'

    def sealed_block(self) -> str:
        """The page's fragments, sealed together, as an HTML block to end the page with ("" when none): a JSON list
        whose n-th string is fragment fn's HTML, which the lock's script (laas.js) opens and puts in place."""
        if not self.sealed or self.lock is None:
            return ""
        fragments = json.dumps(self.sealed, ensure_ascii=False, separators=(",", ":"))
        # As JSON writes them too: a quote in a name becomes \" there.
        written = {s for secret in self.secrets for s in (secret, json.dumps(secret, ensure_ascii=False)[1:-1])}
        token = seal_html(self.lock.keys, self.lock.group, self.page, PAGE_FRAGMENT, fragments, tuple(sorted(written)))
        return f'\n<div id="{SEALED_ID}" hidden data-nv-lock="{token}"></div>\n'

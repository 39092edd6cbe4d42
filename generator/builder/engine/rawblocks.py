"""A Markdown extension for netvaerk's own build: the generator's block-level HTML goes to Markdown's stash as it
is, without Markdown's HTML parser reading it tag by tag.

Python-Markdown stashes a raw HTML block verbatim (markdown/htmlparser.py, HTMLExtractor: a block starts with a
block-level tag at the start of a line, outside another block, and ends where that element closes; the block's
text is stored, with a line break when a blank line follows, and the document gets "\\n<placeholder>\\n\\n" in its
place). Finding where a block ends takes its HTML parser a pass over every tag, and most of a group's page is such
blocks (agenda tables with their time bars, cards, lists of meetings). This preprocessor runs just before
Markdown's and stashes, the same way, each block it can be sure of: one at the start of a line, with every
block-level element opened before it closed, that ends at the end of a line, closes everything it opens and holds
nothing Markdown's parser reads specially (comments, declarations, <pre>, <script>, <style>, <textarea>, backticks,
a tag broken over lines). From the first line outside a block that holds such a thing, or an end tag nothing
opened, it stashes nothing more. Everything it leaves is Markdown's, so the HTML is the same either way
(tests/test_rawblocks.py converts pages both ways and compares every byte).
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.htmlparser import void_tags
from markdown.preprocessors import Preprocessor

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
# What Markdown's HTML parser does not read as plain tags and text.
_SPECIAL = re.compile(r"<[!?]|<(?:pre|script|style|textarea)\b|`", re.I)
_ANY_TAG = re.compile(r"</?[a-zA-Z]")
_WHOLE_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# After normalize_whitespace (30), which this relies on (no tabs or "\r", blank lines empty); before html_block (20).
PRIORITY = 25


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        # The block-level elements with an end tag (Markdown's parser reads the void ones, and <hr>, on their own).
        self.blocks = {name for name in self.md.block_level_elements if name not in void_tags and name != "hr"}
        out: list[str] = []
        depth: dict[str, int] = {}  # block-level elements opened and not closed outside the stashed blocks
        sure = True  # False once a line outside the blocks could change how Markdown reads what follows
        i = 0
        while i < len(lines):
            end = self._block_end(lines, i) if sure and not any(depth.values()) else None
            if end is None:
                line = lines[i]
                sure = sure and self._plain(line) and self._count(line, depth)
                out.append(line)
                i += 1
                continue
            followed_by_blank = end + 1 < len(lines) and lines[end + 1] == ""
            placeholder = self.md.htmlStash.store("\n".join(lines[i : end + 1]) + ("\n" if followed_by_blank else ""))
            out += ["", placeholder, "", ""]
            i = end + 1
        return out

    @staticmethod
    def _plain(line: str) -> bool:
        """Nothing on the line that Markdown's parser reads other than as whole tags and text."""
        return not _SPECIAL.search(line) and len(_ANY_TAG.findall(line)) == len(_WHOLE_TAG.findall(line))

    def _count(self, line: str, depth: dict[str, int]) -> bool:
        """Count the line's block-level tags into `depth`; False when one closes what was not opened."""
        for close, name in _TAG.findall(line):
            name = name.lower()
            if name in self.blocks:
                depth[name] = depth.get(name, 0) + (-1 if close else 1)
                if depth[name] < 0:
                    return False
        return True

    def _block_end(self, lines: list[str], i: int) -> int | None:
        """The last line of the raw block starting at line i, or None if this is not one to stash."""
        start = _START.match(lines[i])
        if start is None or start[1].lower() not in self.blocks:
            return None
        name = start[1].lower()
        depth: dict[str, int] = {}
        for j in range(i, len(lines)):
            line = lines[j]
            if not self._plain(line):
                return None
            for match in _TAG.finditer(line):
                tag = match[2].lower()
                if tag not in self.blocks:
                    continue
                depth[tag] = depth.get(tag, 0) + (-1 if match[1] else 1)
                if tag == name and depth[tag] == 0:
                    # Markdown's block ends here; stashed only when that is the line's end and all inside is closed.
                    whole = line.endswith(">") and match.end() + 1 == len(line)
                    return j if whole and not any(depth.values()) else None
        return None


class StashBlocks(Extension):
    """For a Markdown instance's extensions (MkDocs: config.markdown_extensions)."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Markdown's name
        md.preprocessors.register(_StashBlocks(md), "netvaerk_raw_blocks", PRIORITY)

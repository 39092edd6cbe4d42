"""Make built pages and the project's stylesheet lighter without changing what they show."""

from __future__ import annotations

import re

# Whitespace is kept as written inside these elements (and the letter's <pre> shows it).
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"[ \t\r\f]*\n\s*")


def fold_whitespace(html: str) -> str:
    """Every run of whitespace that contains a line break becomes one line break.

    Outside <pre>, <textarea>, <script> and <style> a browser shows any run of whitespace as one
    space, so the page looks the same; Material's templates indent deeply, so this is ~15 % of a page.
    """
    parts = _VERBATIM.split(html)
    out = []
    # split() with two groups yields: text, whole verbatim element, its tag name, text, ...
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_PUNCT = re.compile(r"\s*([{};,>])\s*")


def fold_css(css: str) -> str:
    """The stylesheet without comments and spare whitespace (the readable source stays in overrides/).

    Only for the project's own CSS, which has no "/*" or braces inside strings.
    """
    flat = _CSS_SPACE.sub(" ", _CSS_COMMENT.sub("", css))
    return _CSS_PUNCT.sub(r"\1", flat).replace(";}", "}").strip() + "\n"

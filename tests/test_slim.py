"""Folding the built pages' whitespace and the stylesheet's comments keeps what they show."""

from __future__ import annotations

from generator.build.slim import fold_css, fold_whitespace


def test_indentation_becomes_one_line_break():
    html = "<ul>\n      <li>\n        <a href=x>En</a>\n      </li>\n   </ul>  \n\n"
    assert fold_whitespace(html) == "<ul>\n<li>\n<a href=x>En</a>\n</li>\n</ul>\n"


def test_spaces_within_a_line_stay():
    assert fold_whitespace("<p>To  ord og <b>fed</b> tekst</p>") == "<p>To  ord og <b>fed</b> tekst</p>"


def test_pre_textarea_script_and_style_keep_their_whitespace():
    kept = [
        '<pre class="nv-letter">\nKære familieplejer\n\n    Med venlig hilsen\n</pre>',
        "<textarea>\n  a\n\n  b\n</textarea>",
        "<script>\n  var a = 1\n\n  var b = 2\n</script>",
        "<STYLE>\n  p {\n    color: red }\n</STYLE>",
    ]
    for block in kept:
        assert fold_whitespace("<div>\n    " + block + "\n    </div>") == "<div>\n" + block + "\n</div>"


def test_css_loses_comments_and_spare_space_but_not_strings():
    css = "/* a comment */\n.a  >  .b ,\n.c {\n  color: red;\n  content: attr(x) \": \";\n}\n"
    css += "@media screen and (max-width: 10em) { .d { margin: 0 } }\n"
    assert fold_css(css) == '.a>.b,.c{color: red;content: attr(x) ": "}@media screen and (max-width: 10em){.d{margin: 0}}\n'

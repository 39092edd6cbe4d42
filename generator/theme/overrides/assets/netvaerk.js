// netvaerk: the pages as they are on the day they are read, the copy a phone keeps to read offline, and Material's
// script only when the search is opened. Our own code, no dependencies; the build leaves out full-line comments and
// indentation, and writes the name of Material's script (in ../_tema/, beside this file) for @BUNDLE@ (builder/engine/theme_files.py).
// The build writes every meeting that can become "next" into the page with its date (data-nv-dato) and shows
// the one that was next on the day it was built; this shows the one that is next today, in Danish time.
// Without JavaScript, or without Intl's time zones, the page stays as built.
(() => {
'use strict';
const d = document, q = (s, e = d) => [...e.querySelectorAll(s)];
const update = () => {
  let t;
  // Today in Denmark as "YYYY-MM-DD" (Swedish writes dates that way), as the build writes the meetings' dates.
  try { t = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' }); } catch (_) { return; }
  if (!/^\d{4}-\d\d-\d\d$/.test(t)) return;
  const past = e => e.dataset.nvDato < t;
  // Shown only after the meeting's day ("Afholdt", "Mødet er afholdt") or only until it ("Tilføj til kalender", afbud).
  for (const e of q('[data-nv-naar]')) e.hidden = past(e) != (e.dataset.nvNaar == 'holdt');
  // The home page's card: the first meeting from today on (a cancelled meeting is never one of them), else "no more".
  for (const c of q('[data-nv-naeste]')) {
    const m = q(':scope>[data-nv-dato]', c), n = m.find(e => !past(e));
    for (const e of m) e.hidden = e != n;
    for (const e of q(':scope>[data-nv-ingen]', c)) e.hidden = !!n;
  }
  // The meeting plan: coming meetings first to last, then past ones last to first; "none" under an empty list.
  const [a, b] = q('[data-nv-plan]');
  if (b) {
    const r = [...a.children, ...b.children].sort((x, y) => (x.dataset.nvDato < y.dataset.nvDato ? -1 : 1));
    a.append(...r.filter(e => !past(e)));
    b.append(...r.filter(past).reverse());
    for (const l of [a, b]) l.nextElementSibling.hidden = l.children.length > 0;
  }
};
update();
// A page kept in the back-forward cache may come back on another day.
addEventListener('pageshow', e => { if (e.persisted) update(); });
// Material's drawer and search toggles lose their autocomplete="off" in the build (HTML does not allow it on a
// checkbox), so a browser that restores form fields after going back could leave them open: close them.
const toggles = q('#__drawer,#__search');
for (const e of toggles) e.checked = false;
// Tapping a heading in the table of contents (in the phone's menu) closes the menu, as Material's script does.
addEventListener('hashchange', () => { for (const e of toggles) e.checked = false; });
const settings = d.getElementById('__config');
let config = {};
try { config = JSON.parse(settings.textContent); } catch (_) {}
// Material's script (about 35 KB) is needed only for the search: the menu and the table of contents are checkboxes
// and CSS. It is loaded when the member opens the search (the button, or the keys / s f), with the search's dialog
// (no page carries it) and the words of its results (no page's settings carry them) written in first, and told that
// the page has loaded, which has happened already. What Material's partials/javascripts/base.html defines in every
// page's head for it is defined here instead (MIT licence, (c) Martin Donath). The build fills in the names.
const bundle = new URL('@BUNDLE@', d.currentScript.src), dialog = "@SOEG@", words = "@ORD@";
// No "no-js": Material's stylesheet shows the search button and the search only to pages with JavaScript.
d.documentElement.classList.replace('no-js', 'js');
const search = d.getElementById('__search'), button = d.querySelector('label.md-header__button[for="__search"]');
let field = null, loaded = false;
// The dialog in the page; on a wide screen, where Material shows the search field in the header, at once.
const place = () => {
  if (field || !button) return;
  button.insertAdjacentHTML('afterend', dialog);
  field = d.querySelector('[data-md-component=search-query]');
  field.addEventListener('focus', () => { search.checked = true; material(); });
};
const material = () => {
  if (loaded || !settings || !button) return;
  loaded = true;
  place();
  config.translations = words;
  settings.textContent = JSON.stringify(config);
  window.__md_scope = new URL(config.base || '.', location);
  window.__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
  window.__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + '.' + e));
  window.__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + '.' + e, JSON.stringify(_)); } catch (e) {} };
  if (search.checked) field.focus();
  const s = d.createElement('script');
  s.src = bundle;
  s.onload = () => {
    d.dispatchEvent(new Event('DOMContentLoaded'));
    if (search.checked) field.focus();
  };
  // Without a connection (the offline copy keeps the pages, not the search): say so, and try again next time.
  s.onerror = () => {
    loaded = false;
    s.remove();
    const m = d.querySelector('.md-search-result__meta');
    if (m) m.textContent = 'Søgningen virker kun, når telefonen har forbindelse til nettet.';
  };
  d.body.append(s);
};
if (search && button) {
  const wide = matchMedia('(min-width: 60em)');
  if (wide.matches) place();
  wide.addEventListener('change', e => { if (e.matches) place(); });
  search.addEventListener('change', material);
  addEventListener('keydown', e => {
    if (loaded || e.ctrlKey || e.metaKey || e.altKey || !['/', 's', 'f'].includes(e.key)) return;
    if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable]')) return;
    e.preventDefault();
    search.checked = true;
    material();
  });
}
// The offline copy: sw.js in the group's folder (the site's base, from Material's settings in the page).
try {
  const r = new URL(config.base + '/', location.href);
  if ('serviceWorker' in navigator) addEventListener('load', () => navigator.serviceWorker.register(new URL('sw.js', r), { scope: r.pathname }).catch(() => {}));
} catch (_) {}
})();

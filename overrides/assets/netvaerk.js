// netvaerk: the pages as they are on the day they are read, and the copy a phone keeps to read offline.
// Our own code, no dependencies; the build leaves out full-line comments and indentation (build/postprocess.py).
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
for (const e of q('#__drawer,#__search')) e.checked = false;
// The offline copy: sw.js in the group's folder (the site's base, from Material's settings in the page).
try {
  const r = new URL(JSON.parse(d.getElementById('__config').textContent).base + '/', location.href);
  if ('serviceWorker' in navigator) addEventListener('load', () => navigator.serviceWorker.register(new URL('sw.js', r), { scope: r.pathname }).catch(() => {}));
} catch (_) {}
})();

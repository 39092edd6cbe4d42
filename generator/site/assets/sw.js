// netvaerk: the group's pages without a connection. The service worker of the group's folder; the build fills in
// KEEP (the pages a member must be able to read offline and everything they load, relative to this file) and
// VERSION (a digest of the built site). Pages come from the network first, so a rebuilt page shows as soon as
// there is a connection; the copy kept on the phone shows when there is none, or when the network has not
// answered in a few seconds (a basement with poor reception). Each build keeps its own copies; a new build's
// worker takes over at once and deletes the copies of the one before. Requests to other hosts are left alone.
'use strict';
const KEEP = "@KEEP@";
const VERSION = "@VERSION@";
const SCOPE = self.registration.scope;
const PREFIX = 'netvaerk ' + SCOPE + ' ';
const CACHE = PREFIX + VERSION;
const WAIT = 4000;
const kept = new Set(KEEP.map(u => new URL(u, location.href).href));

self.addEventListener('install', e => {
  e.waitUntil(caches.open(CACHE)
    .then(c => c.addAll(KEEP.map(u => new Request(u, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

// Taking over: the copies of earlier builds go, and the group's pages open now (the one that registered this
// worker was loaded before it) are kept too.
self.addEventListener('activate', e => {
  e.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith(PREFIX) && k !== CACHE).map(k => caches.delete(k))))
    .then(() => Promise.all([caches.open(CACHE), self.clients.matchAll({ type: 'window', includeUncontrolled: true })]))
    .then(([c, open]) => Promise.all(open.map(w => {
      const u = new URL(w.url);
      u.search = u.hash = '';
      return u.href.startsWith(SCOPE) && !u.href.endsWith('/') && !kept.has(u.href) ? c.add(u.href).catch(() => {}) : null;
    })))
    .then(() => self.clients.claim()));
});

// Shown for a page that was never kept, when there is no connection.
const offline = () => new Response(
  '<!doctype html><html lang="da"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>Ingen forbindelse</title><body style="font:1.1rem/1.5 system-ui,sans-serif;margin:1.5rem">' +
  '<h1>Ingen forbindelse</h1><p>Telefonen er ikke på nettet, og denne side er ikke gemt på telefonen.</p>' +
  '<p><a href="' + SCOPE + 'index.html">Gå til gruppens forside</a>. Den, mødeplanen og møderne kan læses uden net.</p>',
  { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });

// A page: from the network, kept for next time; the kept copy when the network fails or is slow.
const page = async (e, key) => {
  const net = fetch(e.request);
  e.waitUntil(net.then(res => {
    if (!res.ok || res.type !== 'basic' || res.redirected) return;
    const copy = res.clone();
    return caches.open(CACHE).then(c => c.put(key, copy));
  }).catch(() => {}));
  const copy = await caches.match(key, { cacheName: CACHE });
  if (!copy) return net.catch(offline);
  return Promise.race([net.catch(() => copy), new Promise(ok => setTimeout(() => ok(copy), WAIT))]);
};

self.addEventListener('fetch', e => {
  const r = e.request;
  if (r.method !== 'GET') return;
  const url = new URL(r.url);
  if (url.origin !== location.origin) return;
  url.search = '';
  url.hash = '';
  if (r.mode === 'navigate') {
    if (url.href.startsWith(SCOPE)) e.respondWith(page(e, url.href.endsWith('/') ? url.href + 'index.html' : url.href));
  } else if (kept.has(url.href)) {
    e.respondWith(caches.match(url.href, { cacheName: CACHE }).then(hit => hit || fetch(r)));
  }
});

// 善育 service worker: keeps the app shell (index.html and the built assets) so the inspector app
// opens with no network. API calls (/api/**) are never cached here: the app keeps the forms it
// opened and the results it recorded in IndexedDB and syncs them itself.
// Built by vite.config.ts, which replaces the two placeholders with the build's file list.
/* global __SHANYU_PRECACHE__ */
const VERSION = '__SHANYU_VERSION__';
const PRECACHE = __SHANYU_PRECACHE__;
const CACHE = `shanyu-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shanyu-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/health') return; // the network, always
  if (request.mode === 'navigate') {
    // Network first (a new deployment shows at once), the cached shell when offline.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html').then((r) => r ?? Response.error())));
    return;
  }
  // Hashed assets never change: cache first, then the network (and keep what it returns).
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ??
        fetch(request).then((response) => {
          if (response.ok && url.pathname.startsWith('/assets/')) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});

// OpsMix service worker: an offline shell. Pages are fetched from the network first; when there is no connection the
// last copy of the page (My day) is shown so that entries can still be typed (they wait on the device, see
// components/activities/offline-queue.ts). Build assets are immutable and served from the cache. Nothing is cached
// for API calls or server actions, and signing out clears the page copies.
const PAGES = "opsmix-pages-v1";
const ASSETS = "opsmix-assets-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== PAGES && name !== ASSETS).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "opsmix:signed-out") event.waitUntil(caches.delete(PAGES));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  if (url.pathname.startsWith("/_next/static/") || /^\/(icon-\d+|apple-touch-icon)\.png$/.test(url.pathname)) {
    event.respondWith(
      caches.open(ASSETS).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }

  // Only My day is kept for offline use: it is the page people log from between tasks.
  if (request.mode === "navigate" && /^\/t\/[^/]+\/today\/?$/.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            event.waitUntil(caches.open(PAGES).then((cache) => cache.put(request, copy)));
          }
          return response;
        })
        .catch(async () => (await caches.match(request, { cacheName: PAGES })) ?? Response.error()),
    );
  }
});

/* Satu Pintu's service worker (docs/pwa.md), served by Django at /sw.js so its scope is the
 * whole site. Pages: network first, the last good copy when the network fails (marked so the
 * page says it is offline); static files: the cached copy at once, refreshed behind it.
 * Nothing of staff pages, accounts or applications is ever stored. */
"use strict";

const VERSION = "__SP_VERSION__";
const CONFIG = {{ config|safe }};
const PAGES = "sp-pages-" + VERSION;
const STATIC = "sp-static-" + VERSION;

function never(path) {
  return CONFIG.never.some((prefix) => path.startsWith(prefix));
}

function own(path) {
  return CONFIG.own.some((pattern) => new RegExp(pattern).test(path));
}

function keepable(url, response) {
  if (!response.ok || response.type !== "basic" || response.redirected) return false;
  if (never(url.pathname)) return false;
  if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) return false;
  if (response.headers.get("X-Offline-Copy") === "no") return false;
  if (own(url.pathname)) return true;
  const control = response.headers.get("Cache-Control") || "";
  return !/no-store|private/.test(control);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC)
      .then((cache) => cache.addAll(CONFIG.precache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names
          .filter((name) => name.startsWith("sp-") && name !== PAGES && name !== STATIC)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

async function offlinePage() {
  const cached = await caches.match(CONFIG.offline, { cacheName: STATIC });
  return cached || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

// A kept page shown without a network: the <html> element gets `data-offline`, and the site's
// script then shows the note "Anda sedang luring, terakhir diperbarui …" that every page carries.
async function markedOffline(response) {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(text.replace("<html ", '<html data-offline="1" '), {
    status: 200,
    statusText: "OK",
    headers: headers,
  });
}

async function page(event) {
  const request = event.request;
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (keepable(url, response)) {
      const copy = response.clone();
      // Kept after the page is answered; waitUntil keeps the worker alive until it is stored.
      event.waitUntil(caches.open(PAGES).then((cache) => cache.put(url.href, copy)).catch(() => {}));
    }
    return response;
  } catch (error) {
    if (!never(url.pathname)) {
      const cached = await caches.match(url.href, { cacheName: PAGES, ignoreVary: true });
      if (cached) return markedOffline(cached);
    }
    return offlinePage();
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(request);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached || fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (request.method === "GET") {
      event.respondWith(page(event));
    } else {
      // A form sent without a network: the offline page says it was not sent; going back
      // finds the form as it was typed.
      event.respondWith(fetch(request).catch(() => offlinePage()));
    }
    return;
  }
  if (request.method === "GET" && url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFile(request));
  }
});

// Web Push (docs/pwa.md): the server's message, shown as a notification that opens the page
// it is about. Only pages of this site are opened.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(self.registration.showNotification(data.title || CONFIG.name, {
    body: data.body || "",
    icon: CONFIG.icon,
    badge: CONFIG.icon,
    data: { url: data.url || "/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (url.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url.href);
      return open ? open.focus() : self.clients.openWindow(url.href);
    })
  );
});

// onderdak service worker, build {{ version }}. Progressive enhancement: the site works the
// same without it. Saved municipalities stay readable without a connection.
"use strict";
const CACHE = "onderdak-{{ version }}";
const SAVED = "/__onderdak-saved.json"; // which essentials lists were saved, kept in the cache
const NOTE = {{ notes | safe }}; // "saved on {date}" per language
const OFFLINE = {{ offline_pages | safe }}; // offline page per language

self.addEventListener("install", () => self.skipWaiting());

// A new build: copy what was saved into the new cache from the network, then drop the old
// caches. If the network is gone, keep the old cache rather than lose the saved pages.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith("onderdak-") && n !== CACHE);
    let lists = [];
    for (const n of names) {
      const r = await (await caches.open(n)).match(SAVED);
      if (r) lists = lists.concat(await r.json());
    }
    let ok = true;
    for (const list of [...new Set(lists)]) ok = (await save(list)) && ok;
    if (ok) await Promise.all(names.map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

async function stamp(response) {
  const headers = new Headers(response.headers);
  headers.set("x-onderdak-saved", new Date().toISOString());
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

// Saves every URL of an essentials list (e.g. /nl/assen/offline.json).
async function save(list) {
  try {
    const cache = await caches.open(CACHE);
    const urls = (await (await fetch(list, { cache: "no-cache" })).json()).urls;
    await Promise.all(urls.map(async (u) => {
      const r = await fetch(u, { cache: "no-cache" });
      if (r.ok) await cache.put(u, await stamp(r));
    }));
    const prev = await cache.match(SAVED);
    const lists = prev ? await prev.json() : [];
    if (!lists.includes(list)) lists.push(list);
    await cache.put(SAVED, new Response(JSON.stringify(lists), { headers: { "content-type": "application/json" } }));
    return true;
  } catch (e) {
    return false;
  }
}

self.addEventListener("message", (event) => {
  const d = event.data || {};
  if (d.type === "save" && typeof d.list === "string" && d.list.startsWith("/")) {
    event.waitUntil(save(d.list).then((ok) => event.source && event.source.postMessage({ type: "saved", list: d.list, ok })));
  }
});

function langOf(url) {
  const seg = new URL(url).pathname.split("/")[1];
  return OFFLINE[seg] ? seg : "{{ default_lang }}";
}

// Served from the cache: say so, with the date it was saved.
async function withNote(cached, url) {
  const html = await cached.text();
  const when = cached.headers.get("x-onderdak-saved");
  const lang = langOf(url);
  const date = when ? new Date(when).toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" }) : "";
  const note = '<p class="saved-note" role="status">' + NOTE[lang].replace("{date}", date) + "</p>";
  const body = html.replace('<main id=main tabindex=-1>', '<main id=main tabindex=-1>' + note);
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    // Network first, so people online always get the current build; keep a copy.
    event.respondWith((async () => {
      try {
        const fresh = await fetch(req);
        if (fresh.ok) {
          const cache = await caches.open(CACHE);
          cache.put(req.url, await stamp(fresh.clone()));
        }
        return fresh;
      } catch (e) {
        const cached = await caches.match(req.url, { ignoreSearch: true });
        if (cached) return withNote(cached, req.url);
        const offline = await caches.match(OFFLINE[langOf(req.url)]);
        return offline || new Response("Offline. 112", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
      }
    })());
    return;
  }
  // Styles, scripts, lists: the cache first (they are versioned with the build), then network.
  event.respondWith(caches.match(req).then((c) => c || fetch(req)));
});

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
      if (!r) continue;
      const saved = await r.json();
      // Builds before the lean set kept an array of full lists.
      lists = lists.concat(Array.isArray(saved) ? saved : Object.keys(saved));
    }
    let ok = true;
    for (const key of [...new Set(lists)]) {
      const [list, part] = key.split("#");
      ok = (await save(list, part === "lean" ? "lean" : "full")).ok && ok;
    }
    if (ok) await Promise.all(names.map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

// Stored gzip-compressed where the browser can (CompressionStream), so a municipality takes
// a quarter of the room on the phone; `fromCache` undoes it. The date it was saved goes
// with it, for the note on pages shown offline.
async function store(cache, url, response) {
  // Only the type and the date: the body is decoded, so the server's encoding and length
  // no longer apply.
  const headers = new Headers({ "content-type": response.headers.get("content-type") || "text/html; charset=utf-8" });
  headers.set("x-onderdak-saved", new Date().toISOString());
  let body = await response.blob();
  if (typeof CompressionStream === "function") {
    body = await new Response(body.stream().pipeThrough(new CompressionStream("gzip"))).blob();
    headers.set("x-onderdak-gzip", "1");
  }
  await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  return body.size;
}

async function fromCache(cached) {
  if (!cached || cached.headers.get("x-onderdak-gzip") !== "1") return cached;
  const headers = new Headers(cached.headers);
  headers.delete("x-onderdak-gzip");
  const body = await new Response(cached.body.pipeThrough(new DecompressionStream("gzip"))).blob();
  return new Response(body, { status: cached.status, statusText: cached.statusText, headers });
}

// Saves the lean or the full set of an essentials list (e.g. /nl/assen/offline.json) and
// notes in SAVED how many pages it holds and how many bytes they take in the cache.
async function save(list, part) {
  try {
    const cache = await caches.open(CACHE);
    const manifest = await (await fetch(list, { cache: "no-cache" })).json();
    const urls = (part === "lean" && manifest.lean) || manifest.urls;
    const sizes = await Promise.all(urls.map(async (u) => {
      // Kept already in this build's cache (the lean set, a page opened): not fetched again.
      const have = await cache.match(u);
      if (have) return (await have.blob()).size;
      const r = await fetch(u, { cache: "no-cache" });
      return r.ok ? store(cache, u, r) : 0;
    }));
    // Pages, as the page counts them; the bytes include the static files.
    const entry = { count: urls.filter((u) => !u.startsWith("/static/")).length, bytes: sizes.reduce((a, b) => a + b, 0), date: new Date().toISOString() };
    const prev = await cache.match(SAVED);
    let saved = prev ? await prev.json() : {};
    if (Array.isArray(saved)) saved = {};
    saved[part === "lean" ? list + "#lean" : list] = entry;
    await cache.put(SAVED, new Response(JSON.stringify(saved), { headers: { "content-type": "application/json" } }));
    return { ok: true, ...entry };
  } catch (e) {
    return { ok: false };
  }
}

let queue = Promise.resolve();
self.addEventListener("message", (event) => {
  const d = event.data || {};
  if (d.type === "save" && typeof d.list === "string" && d.list.startsWith("/")) {
    const part = d.part === "lean" ? "lean" : "full";
    // One save at a time: each rewrites SAVED.
    queue = queue.then(() => save(d.list, part)).then((r) => event.source && event.source.postMessage({ type: "saved", list: d.list, part, ...r }));
    event.waitUntil(queue);
  }
});

function langOf(url) {
  const seg = new URL(url).pathname.split("/")[1];
  return OFFLINE[seg] ? seg : "{{ default_lang }}";
}

// Served from the cache: say so, with the date it was saved.
async function withNote(stored, url) {
  const cached = await fromCache(stored);
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
          const copy = fresh.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => store(cache, req.url, copy)).catch(() => {}));
        }
        return fresh;
      } catch (e) {
        const cached = await caches.match(req.url, { ignoreSearch: true });
        if (cached) return withNote(cached, req.url);
        const offline = await fromCache(await caches.match(OFFLINE[langOf(req.url)]));
        return offline || new Response("Offline. 112", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
      }
    })());
    return;
  }
  // Styles, scripts, lists: the cache first (they are versioned with the build), then network.
  event.respondWith(caches.match(req).then((c) => (c ? fromCache(c) : fetch(req))));
});

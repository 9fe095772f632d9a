// sw.js: the service worker of the offline schedule page. agenda site writes
// one per build, filling in VERSION and ASSETS. It keeps the pages, the loader
// and the wasm (which carries the programme) so that a reload with no network
// still shows the schedule and the reader's favourites (those live in
// localStorage, which needs no help), and answers a second visit with no
// network at all. A new deployment writes a new sw.js, which the browser finds
// on the next online visit; it takes over at once, drops the old build's
// cache, and the open page offers a reload: no page stays stale for ever.
"use strict";

const VERSION = /*@version@*/"dev";
const ASSETS = /*@assets@*/[];
// One cache per build and per scope, so that two sites on one origin
// (/2025/schedule/, /2026/schedule/) never delete each other's.
const PREFIX = "agenda " + self.registration.scope + " ";
const CACHE = PREFIX + VERSION;
// A network that neither answers nor fails (a venue's Wi-Fi) is given this
// long before a page outside ASSETS comes from the cache instead.
const PATIENCE = 3000;

self.addEventListener("install", (event) => {
	event.waitUntil((async () => {
		const cache = await caches.open(CACHE);
		// "reload" skips the HTTP cache: a five-minute-old agenda.js must not
		// be kept beside the new build's wasm.
		await cache.addAll(ASSETS.map((a) => new Request(a, { cache: "reload" })));
		await self.skipWaiting();
	})());
});

self.addEventListener("activate", (event) => {
	event.waitUntil((async () => {
		for (const name of await caches.keys()) {
			if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
		}
		await self.clients.claim();
	})());
});

// The offline page asks which build this worker serves, to offer a reload.
self.addEventListener("message", (event) => {
	if (event.data === "agenda-build?" && event.source) event.source.postMessage({ agendaBuild: VERSION });
});

self.addEventListener("fetch", (event) => {
	const req = event.request;
	if (req.method !== "GET" || !req.url.startsWith(self.registration.scope)) return;
	// What this build keeps comes from the cache: a second visit needs no
	// network at all. A new build arrives as a new sw.js, which the browser
	// looks for on every visit; it brings all its files at once, so a page
	// never pairs an old loader with a new wasm. All else (the site-embed
	// page, schedule/): the network first, the cache when offline.
	const path = new URL(req.url).pathname;
	const kept = ASSETS.some((a) => path === new URL(a, self.registration.scope).pathname);
	event.respondWith(kept ? cacheFirst(event) : networkFirst(event));
});

async function cacheFirst(event) {
	const req = event.request;
	const cache = await caches.open(CACHE);
	const hit = await cache.match(req, { ignoreSearch: req.mode === "navigate" });
	return hit || networkFirst(event);
}

async function networkFirst(event) {
	const req = event.request;
	const cache = await caches.open(CACHE);
	// The copy for later is written after the answer, not before it.
	const fresh = fetch(req).then((res) => {
		if (res.ok) event.waitUntil(cache.put(req, res.clone()));
		return res;
	});
	const cached = () => cache.match(req, { ignoreSearch: req.mode === "navigate" });
	try {
		let timer;
		const late = new Promise((resolve) => { timer = setTimeout(resolve, PATIENCE); });
		const first = await Promise.race([fresh, late]);
		clearTimeout(timer);
		if (first) return first;
		const hit = await cached();
		return hit || await fresh;
	} catch (err) {
		const hit = await cached();
		if (hit) return hit;
		throw err;
	}
}

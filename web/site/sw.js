// sw.js: the service worker of the offline schedule page. agenda site writes
// one per build, filling in VERSION and ASSETS. It keeps the pages, the loader
// and the wasm (which carries the programme) so that a reload with no network
// still shows the schedule and the reader's favourites (those live in
// localStorage, which needs no help). A new deployment writes a new sw.js,
// which the browser installs on the next online visit; it takes over at once
// and drops the old build's cache, so no page stays stale for ever.
"use strict";

const VERSION = /*@version@*/"dev";
const ASSETS = /*@assets@*/[];
// One cache per build and per scope, so that two sites on one origin
// (/2025/schedule/, /2026/schedule/) never delete each other's.
const PREFIX = "agenda " + self.registration.scope + " ";
const CACHE = PREFIX + VERSION;
// A network that neither answers nor fails (a venue's Wi-Fi) is given this
// long before a page or the loader comes from the cache instead.
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
	// A content-hashed wasm never changes: the cache first. All else: the
	// network first, so that a deployment shows at once when online.
	const hashed = /\.[0-9a-f]{8,}\.wasm$/.test(new URL(req.url).pathname);
	event.respondWith(hashed ? cacheFirst(req) : networkFirst(req));
});

async function cacheFirst(req) {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(req);
	if (hit) return hit;
	const res = await fetch(req);
	if (res.ok) await cache.put(req, res.clone());
	return res;
}

async function networkFirst(req) {
	const cache = await caches.open(CACHE);
	const fresh = fetch(req).then(async (res) => {
		if (res.ok) await cache.put(req, res.clone());
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

// agenda.js: loads the Agenda schedule widget into any page.
//
//   <script src="https://conf.example/agenda/agenda.js" async></script>
//   <agenda-schedule day="2026-10-08" view="list">
//     <a href="https://conf.example/schedule/">The schedule</a>
//   </agenda-schedule>
//
// It defines the <agenda-schedule> element at once, fetches agenda.wasm from
// beside itself, runs it, and defines one global, Agenda. The Go toolchain's
// wasm_exec.js is inlined below, inside this closure, so that a host page's
// own window.Go, window.fs or window.process neither break us nor get replaced.
(function () {
	"use strict";

	const real = globalThis;
	if (customElements.get("agenda-schedule")) return; // loaded twice: the first copy serves the page

	// Our own URL, read now: document.currentScript is null once this script
	// has finished running. The wasm sits beside us; agenda site writes its
	// content-hashed name here.
	const script = document.currentScript;
	const wasmURL = new URL(/*@wasm@*/"agenda.wasm", script ? script.src : document.baseURI).href;

	// scope is the global object the Go runtime sees (js.Global()). Names in
	// `local` (and anything the runtime sets) live here, never on the page; all
	// else reads through to the real global. Window methods are bound to it:
	// called with `this` = a Proxy they throw "Illegal invocation".
	const local = new Map(["fs", "process", "path", "Go", "__agendaReady", "__agendaBundle"].map((k) => [k, undefined]));
	const bound = new Map();
	const scope = new Proxy(Object.create(null), {
		get(_, key) {
			if (local.has(key)) return local.get(key);
			const v = Reflect.get(real, key);
			if (typeof v !== "function" || typeof key !== "string" || !/^[a-z]/.test(key)) return v;
			let b = bound.get(key);
			if (!b || b.target !== v) {
				b = { target: v, fn: v.bind(real) }; // cached: the same name gives the same function
				bound.set(key, b);
			}
			return b.fn;
		},
		set(_, key, value) {
			local.set(key, value);
			return true;
		},
		has(_, key) {
			return local.has(key) || Reflect.has(real, key);
		},
		deleteProperty(_, key) {
			local.delete(key);
			return true;
		},
	});

	// wasm_exec.js calls a bare `fs.writeSync` for Go's stdout and stderr:
	// this binding shadows the page's window.fs; it is set to ours below.
	let fs;

	(function (globalThis) {
/*@wasm_exec.js@*/
	})(scope);

	// Hides and shows many elements of a widget in one call from Go: a
	// keystroke at a large conference flips hundreds of sessions, and each
	// call from wasm into the DOM costs microseconds that add up to frames.
	// ids is "-s12:40 +s13:c3:250:300 …": hide list session s12, which has 40
	// shown sessions above it; show grid session s13, in room column c3, from
	// 250 to 300 thousandths of the way down the column.
	//
	// What may be on screen changes now; the rest waits until just after the
	// next frame, so that the key's frame restyles and lays out what the
	// attendee sees, not hundreds of sessions out of sight (which the browser
	// keeps up to date half a screen beyond the edges). In the list, a session
	// with n sessions above it is at least 24n px below the list's top (one is
	// padding and a line of text: 39 px by default, under 24 only if the page's
	// and the widget's fonts are both under 9.5 px): beyond the screen's bottom,
	// it waits. In the grid, sessions keep their place: those outside its
	// scroller's view (their column's, or their span down it) wait.
	// Waiting flips are kept by id: markup written meanwhile is born in the
	// same state, so applying them to it changes nothing.
	const later = new WeakMap(); // shadow root -> Map(id -> hidden), for after the frame
	const due = new Map(); // root -> its map, while flips wait
	const flipLater = (wait, root) => {
		for (const [id, hide] of wait) {
			const el = root.getElementById(id);
			if (el) el.toggleAttribute("hidden", hide);
		}
		wait.clear();
		due.delete(root);
	};
	addEventListener("beforeprint", () => due.forEach(flipLater)); // paper shows every session
	local.set("__agendaFlip", (root, ids) => {
		let wait = later.get(root);
		if (!wait) later.set(root, (wait = new Map()));
		const flips = []; // [id, hidden, sessions above (list) or column id (grid), top, bottom]
		let all = document.visibilityState !== "visible"; // no frame to wait for
		for (const f of ids.split(" ")) {
			const [id, at, from, to] = f.slice(1).split(":");
			if (!id || at === undefined) continue;
			flips.push([id, f[0] === "-", from === undefined ? +at : at, +from, +to]);
			all ||= id[0] !== "s"; // a day section: everything below it moves
		}
		// Measure before the first write: a read after a write forces a
		// layout (Go flips before its other changes for the same reason).
		const main = root.getElementById("main");
		const top = main ? main.getBoundingClientRect().top : 0;
		const cols = new Map(); // column id -> its box, null when out of view
		let view = null; // the part of the screen the grid's scroller shows
		const onScreen = ([, , at, from, to]) => {
			if (typeof at === "number") return top + 24 * at < innerHeight;
			if (!cols.has(at)) {
				const col = root.getElementById(at);
				if (!col) return true;
				if (!view) {
					const c = col.parentElement.parentElement.getBoundingClientRect(); // .grid-wrap
					view = { left: Math.max(0, c.left), right: Math.min(innerWidth, c.right), top: Math.max(0, c.top), bottom: Math.min(innerHeight, c.bottom) };
				}
				const r = col.getBoundingClientRect();
				cols.set(at, r.right > view.left && r.left < view.right ? r : null);
			}
			const r = cols.get(at); // its span down the column, a row of margin either side
			return r !== null && r.top + r.height * from / 1000 - 24 < view.bottom && r.top + r.height * to / 1000 + 24 > view.top;
		};
		const now = flips.map((f) => all || onScreen(f)); // every read before the first write
		for (const [i, [id, hide]] of flips.entries()) {
			if (now[i]) {
				wait.delete(id); // this call has the last word
				const el = root.getElementById(id);
				if (el) el.toggleAttribute("hidden", hide);
			} else {
				wait.set(id, hide);
			}
		}
		if (wait.size && !due.has(root)) {
			due.set(root, wait);
			requestAnimationFrame(() => setTimeout(() => flipLater(wait, root)));
		}
	});

	fs = local.get("fs");
	const Go = local.get("Go");

	// The runtime: a promise of the wasm's API, { version, mount(el, options) }.
	const runtime = new Promise((resolve, reject) => {
		local.set("__agendaReady", resolve); // the wasm calls this once, from main
		start().then(() => reject(new Error("the wasm exited before it was ready")), reject);
	});
	runtime.catch((err) => console.error("agenda.js: the schedule could not load from " + wasmURL + ":", err));
	runtime.then(() => local.set("__agendaBundle", undefined), () => {}); // Go has its own copy now

	async function start() {
		const res = await fetch(wasmURL);
		if (!res.ok) throw new Error("HTTP " + res.status);
		const go = new Go();
		// Streaming compiles while downloading but insists on application/wasm.
		const streaming = WebAssembly.instantiateStreaming &&
			/^application\/wasm\b/.test(res.headers.get("Content-Type") || "");
		const { module, instance } = streaming
			? await WebAssembly.instantiateStreaming(res, go.importObject)
			: await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
		// The programme travels inside the module, as a custom section that
		// agenda site appended; Go copies it out when main starts.
		const [bundle] = WebAssembly.Module.customSections(module, "agenda.bundle");
		local.set("__agendaBundle", bundle ? new Uint8Array(bundle) : undefined);
		return go.run(instance); // settles only if main returns, which it never should
	}

	// mount returns a handle at once; set and destroy are queued until the
	// runtime is ready. One handle per element: mounting twice is harmless.
	const handles = new WeakMap();
	function mount(element, options) {
		const known = handles.get(element);
		if (known) {
			if (options) known.set(options);
			return known;
		}
		let inner = null;
		let dead = false;
		const pending = Object.assign({}, options);
		const handle = {
			set(o) {
				if (inner) inner.set(Object.assign({}, o));
				else Object.assign(pending, o);
			},
			destroy() {
				dead = true;
				handles.delete(element);
				if (inner) inner.destroy();
				inner = null;
			},
		};
		handles.set(element, handle);
		element.dataset.state = "loading";
		runtime.then(
			(api) => { if (!dead) inner = api.mount(element, pending); },
			() => { if (!dead) element.dataset.state = "error"; }, // the fallback stays visible
		);
		return handle;
	}

	// <agenda-schedule>: attributes are options, the element is the lifecycle.
	// agenda site writes the list from the widget's own (core.OptionKeys).
	const attrs = /*@attrs@*/["day", "room", "kind", "track", "speaker", "language", "q", "view", "time-zone", "lang", "theme", "src", "now"];
	const option = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase()); // time-zone -> timeZone

	class AgendaSchedule extends HTMLElement {
		static get observedAttributes() { return attrs; }

		connectedCallback() {
			if (handles.has(this)) return; // moved within the page: keep the mount
			const options = {};
			for (const name of attrs) {
				if (this.hasAttribute(name)) options[option(name)] = this.getAttribute(name);
			}
			mount(this, options);
		}

		attributeChangedCallback(name, _, value) {
			const handle = handles.get(this); // none yet: mount reads the attributes
			if (handle) handle.set({ [option(name)]: value === null ? "" : value });
		}

		disconnectedCallback() {
			// Wait a microtask: a move is a disconnect then a connect.
			queueMicrotask(() => {
				const handle = handles.get(this);
				if (handle && !this.isConnected) handle.destroy();
			});
		}
	}
	customElements.define("agenda-schedule", AgendaSchedule);

	// The one global.
	let version = "";
	const ready = runtime.then((api) => { version = String(api.version); return Agenda; });
	ready.catch(() => {}); // reported once above, not again as unhandled
	const Agenda = Object.freeze({
		mount,
		ready,
		get version() { return version; },
	});
	if ("Agenda" in real) console.warn("agenda.js: the page has a global named Agenda already, left as it is; <agenda-schedule> still works");
	else Object.defineProperty(real, "Agenda", { value: Agenda, enumerable: true, configurable: true });
})();

//go:build js && wasm

package view

import (
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
)

// Nothing on the host page can take a widget down, and one widget cannot
// take down another: these tests feed the widget what a host page, a server
// or a browser may hand it, and check that the Go runtime (this very test
// binary: a panic that escaped would end it) keeps serving every widget.

// script runs JS source as a function body: the tests' own stand-ins for a
// host page, a server or a storage.
func script(body string) js.Value { return js.Global().Get("Function").New(body).Invoke() }

func encode(t *testing.T, s *model.Schedule) []byte {
	t.Helper()
	data, err := bundle.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func bytesJS(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// blobURL serves data at a blob: URL, as a server would serve a bundle.
func blobURL(t *testing.T, data []byte) string {
	blob := js.Global().Get("Blob").New([]any{bytesJS(data)})
	url := js.Global().Get("URL").Call("createObjectURL", blob).String()
	t.Cleanup(func() { js.Global().Get("URL").Call("revokeObjectURL", url) })
	return url
}

// other is a second programme, with its own rooms.
func other() *model.Schedule {
	return &model.Schedule{
		Conference: model.Conference{ID: "other-conf", Name: "Other Conf", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Hall A"},
		Sessions: []model.Session{
			{Slug: "keynote", Title: "Keynote", Kind: model.Talk, Room: "Hall A", Start: at("2025-11-03", "09:00"), End: at("2025-11-03", "10:00")},
			{Slug: "panel", Title: "Panel", Kind: model.Talk, Room: "Hall A", Start: at("2025-11-03", "10:30"), End: at("2025-11-03", "11:30")},
		},
	}
}

// network stands in for the server for the length of a test: a fetch of a
// test: URL waits until answer says what it gets, so a test decides which
// of two requests in flight answers first.
func network(t *testing.T) js.Value {
	n := script(`
		const real = globalThis.fetch, waiting = new Map();
		globalThis.fetch = function (url, ...rest) {
			url = String(url);
			if (!url.startsWith("test:")) return real.call(this, url, ...rest);
			return new Promise((resolve) => waiting.set(url, resolve));
		};
		return {
			answer(url, status, body) {
				const resolve = waiting.get(url);
				waiting.delete(url);
				if (resolve) resolve(new Response(body, {status}));
				return !!resolve;
			},
			restore() { globalThis.fetch = real; },
		};`)
	t.Cleanup(func() { n.Call("restore") })
	return n
}

func answer(t *testing.T, n js.Value, url string, status int, body []byte) {
	t.Helper()
	if !n.Call("answer", url, status, bytesJS(body)).Bool() {
		t.Fatalf("nobody fetched %s", url)
	}
}

func dataState(el js.Value) string { return el.Get("dataset").Get("state").String() }

// alert is the error message a widget shows, "" if none.
func alert(el js.Value) string {
	s := el.Get("shadowRoot")
	if s.IsNull() {
		return ""
	}
	if m := s.Call("querySelector", "[role=alert]"); !m.IsNull() {
		return m.Get("textContent").String()
	}
	return ""
}

// instance is the schedule the API mounted in el, as its DOM shows it:
// enough for q, visible, setValue and click. Which element holds which
// instance is the loader's business, and the handle's: not Go's.
func instance(t *testing.T, el js.Value) *Instance {
	t.Helper()
	if !mounted(el) {
		t.Fatalf("nothing mounted (data-state %q, message %q)", dataState(el), alert(el))
	}
	return &Instance{host: el, shadow: el.Get("shadowRoot")}
}

// mounted reports whether el shows a schedule.
func mounted(el js.Value) bool {
	s := el.Get("shadowRoot")
	return dataState(el) == "ready" && !s.IsNull() && !s.Call("getElementById", "root").IsNull()
}

// apiMount mounts through the API, as the loader does.
func apiMount(t *testing.T, api js.Value, el js.Value, options any) js.Value {
	h := api.Call("mount", el, options)
	t.Cleanup(func() { h.Call("destroy") })
	return h
}

// searches checks that the widget in el still answers a person.
func searches(t *testing.T, el js.Value) {
	t.Helper()
	in := instance(t, el)
	setValue(in, "#q", "zero", "input")
	eq(t, "search in the other widget", visible(in), []string{"zero-copy"})
	setValue(in, "#q", "", "input")
}

func TestBadSrcStaysInItsWidget(t *testing.T) {
	good := encode(t, conference())
	corrupt := append([]byte(nil), good...)
	corrupt[len(corrupt)/2] ^= 0xff
	tests := []struct {
		name string
		src  func(t *testing.T) string
		why  string // in the message
	}{
		{"404", func(*testing.T) string { return "test:missing.bin" }, "HTTP 404"},
		{"network error", func(t *testing.T) string {
			url := blobURL(t, good)
			js.Global().Get("URL").Call("revokeObjectURL", url)
			return url
		}, "Failed to fetch"},
		{"not a bundle", func(t *testing.T) string {
			return blobURL(t, []byte("<!doctype html><title>Not here</title>"))
		}, "not an Agenda bundle"},
		{"corrupt bundle", func(t *testing.T) string { return blobURL(t, corrupt) }, "checksum"},
		{"truncated bundle", func(t *testing.T) string { return blobURL(t, good[:len(good)/2]) }, "truncated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := network(t)
			api := API("test", good)
			ok := host(t, "")
			apiMount(t, api, ok, map[string]any{})
			bad := host(t, "")
			src := tt.src(t)
			apiMount(t, api, bad, map[string]any{"src": src, "lang": "en"})
			if strings.HasPrefix(src, "test:") {
				answer(t, n, src, 404, []byte("Not Found"))
			}
			waitFor(t, func() bool { return dataState(bad) == "error" })
			if msg := alert(bad); !strings.Contains(msg, "could not be loaded from "+src+": ") || !strings.Contains(msg, tt.why) {
				t.Errorf("message = %q, want the src and %q", msg, tt.why)
			}
			if dataState(ok) != "ready" {
				t.Errorf("the other widget: data-state %q", dataState(ok))
			}
			searches(t, ok)
			// Later mounts work, with the embedded programme or a good src.
			later := host(t, "")
			apiMount(t, api, later, nil)
			if dataState(later) != "ready" || len(visible(instance(t, later))) != 7 {
				t.Errorf("a later mount: data-state %q", dataState(later))
			}
			fetched := host(t, "")
			apiMount(t, api, fetched, map[string]any{"src": blobURL(t, encode(t, other()))})
			waitFor(t, func() bool { return dataState(fetched) == "ready" })
			eq(t, "a later mount from a src", visible(instance(t, fetched)), []string{"keynote", "panel"})
		})
	}
}

// A panic on the way in from JS takes down its own widget, which says why,
// and no other: the host page hands over something that throws.
func TestPanicStaysInItsWidget(t *testing.T) {
	throwing := func() js.Value { return script(`return {lang: "en", get room() { throw new Error("boom") }}`) }
	tests := []struct {
		name  string
		broke func(t *testing.T, api, el js.Value) js.Value // returns the handle
	}{
		{"options of mount", func(_ *testing.T, api, el js.Value) js.Value { return api.Call("mount", el, throwing()) }},
		{"options of set", func(_ *testing.T, api, el js.Value) js.Value {
			h := api.Call("mount", el, map[string]any{})
			h.Call("set", throwing())
			return h
		}},
		{"a click listener", func(t *testing.T, api, el js.Value) js.Value {
			h := api.Call("mount", el, map[string]any{})
			// The star's click announces agenda:favourite on the host, which
			// the page (a wrapper of its own, say) made throw.
			script(`return (el) => { el.dispatchEvent = () => { throw new Error("boom") } }`).Invoke(el)
			click(instance(t, el), `[data-session="async"] .star`)
			el.Delete("dispatchEvent")
			return h
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := API("test", encode(t, conference()))
			ok := host(t, "")
			apiMount(t, api, ok, nil)
			el := host(t, "")
			h := tt.broke(t, api, el)
			t.Cleanup(func() { h.Call("destroy") })
			if dataState(el) != "error" || !strings.Contains(alert(el), "could not be shown: Error: boom") {
				t.Errorf("data-state %q, message %q", dataState(el), alert(el))
			}
			if mounted(el) {
				t.Error("the broken widget is still mounted")
			}
			searches(t, ok)
			// The handle still answers: a src brings the widget back.
			h.Call("set", map[string]any{"src": ""})
			if dataState(el) != "ready" || len(visible(instance(t, el))) != 7 {
				t.Errorf("after set({src: \"\"}): data-state %q, message %q", dataState(el), alert(el))
			}
		})
	}
}

func TestOddEventsLeaveTheWidgetWorking(t *testing.T) {
	tests := []struct {
		name string
		do   func(in *Instance)
		want []string // visible after
	}{
		{"click dispatched on a text node", func(in *Instance) {
			text := q(in, `[data-session="async"] .star`).Get("firstChild")
			text.Call("dispatchEvent", js.Global().Get("MouseEvent").New("click", map[string]any{"bubbles": true}))
		}, []string{"zero-copy", "async", "workshop", "lunch", "after-dst", "dinner", "later"}},
		{"change dispatched on a text node", func(in *Instance) {
			text := q(in, `[data-session="async"] .star`).Get("firstChild")
			text.Call("dispatchEvent", js.Global().Get("Event").New("change", map[string]any{"bubbles": true}))
		}, []string{"zero-copy", "async", "workshop", "lunch", "after-dst", "dinner", "later"}},
		{"a filter choice that is no number", func(in *Instance) {
			sel := q(in, "#f-room")
			focus(sel)
			sel.Call("insertAdjacentHTML", "beforeend", `<option value="x">x</option>`)
			setValue(in, "#f-room", "x", "change")
		}, []string{"zero-copy", "async", "workshop", "lunch", "after-dst", "dinner", "later"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			el := host(t, "")
			in := mount(t, el, open(t, conference()), Options{})
			tt.do(in)
			if dataState(el) != "ready" || in.destroyed {
				t.Fatalf("data-state %q, message %q", dataState(el), alert(el))
			}
			eq(t, "visible", visible(in), tt.want)
			if in.c.Favourites() != "" {
				t.Error("a favourite appeared")
			}
		})
	}
}

func TestHistoryThatThrows(t *testing.T) {
	el := host(t, "")
	// A sandboxed iframe's opaque origin, or a router that wraps history.
	restore := script(`
		const h = history, push = h.pushState, replace = h.replaceState;
		h.pushState = h.replaceState = () => { throw new DOMException("no history here", "SecurityError") };
		return () => { h.pushState = push; h.replaceState = replace };`)
	defer restore.Invoke()
	in := mount(t, el, open(t, conference()), Options{})
	setValue(in, "#q", "zero", "input")
	click(in, "#tab-grid") // pushes
	waitFor(t, func() bool { return !in.urlTimer.Truthy() })
	if dataState(el) != "ready" || in.destroyed || in.c.State().View != "grid" {
		t.Errorf("data-state %q, message %q", dataState(el), alert(el))
	}
	click(in, "#tab-list")
	eq(t, "search after history refused", visible(in), []string{"zero-copy"})
}

// withStorage puts a stand-in for window.localStorage for the rest of the test.
func withStorage(t *testing.T, getter string) {
	restore := script(`
		const d = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
		Object.defineProperty(globalThis, "localStorage", {configurable: true, get: ` + getter + `});
		return () => d ? Object.defineProperty(globalThis, "localStorage", d) : delete globalThis.localStorage;`)
	t.Cleanup(func() { restore.Invoke() })
}

func TestStorageThatThrows(t *testing.T) {
	tests := []struct{ name, getter string }{
		{"reading localStorage throws", `() => { throw new DOMException("The document is sandboxed", "SecurityError") }`},
		{"no localStorage", `() => null`},
		{"every method throws", `() => ({
			getItem() { throw new DOMException("denied", "SecurityError") },
			setItem() { throw new DOMException("denied", "SecurityError") },
		})`},
		{"full", `() => ({getItem: () => null, setItem() { throw new DOMException("full", "QuotaExceededError") }})`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			el := host(t, "")
			withStorage(t, tt.getter)
			b := open(t, conference())
			in := Mount(el, b, Options{Lang: "en-GB"})
			if dataState(el) != "ready" {
				t.Fatalf("data-state %q, message %q", dataState(el), alert(el))
			}
			click(in, `[data-session="async"] .star`)
			if q(in, `[data-session="async"] .star`).Call("getAttribute", "aria-pressed").String() != "true" {
				t.Error("star not pressed")
			}
			click(in, "#tz")
			in.Destroy()
			// Memory kept both for the page's life.
			in = mount(t, el, b, Options{View: "mine"})
			eq(t, "my schedule after a remount", visible(in), []string{"async"})
			if !in.c.State().Local {
				t.Error("time zone choice forgotten")
			}
		})
	}
}

func TestStorageContentIsUntrusted(t *testing.T) {
	huge := strings.Repeat("\n", 1<<20)
	tests := []struct {
		name, favourites, timeZone string
		want                       []string
		local                      bool
	}{
		{"duplicates and gone sessions", "async\n\nno-such\nasync\n", "local", []string{"async"}, true},
		{"a megabyte of newlines", huge, huge, nil, false},
		{"a megabyte of one slug", strings.Repeat("async", 1<<18), "venue", nil, false},
		{"other line ends", "zero-copy\r\nasync", "Local", []string{"async"}, false},
		{"not text", "\x00\xff\xfe async \x00", "\x00local", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			el := host(t, "")
			s := js.Global().Get("localStorage")
			s.Call("setItem", "agenda:test-conf:favourites", tt.favourites)
			s.Call("setItem", "agenda:test-conf:timeZone", tt.timeZone)
			in := mount(t, el, open(t, conference()), Options{View: "mine"})
			if dataState(el) != "ready" {
				t.Fatalf("data-state %q, message %q", dataState(el), alert(el))
			}
			eq(t, "my schedule", visible(in), tt.want)
			if in.c.State().Local != tt.local {
				t.Errorf("local = %v", in.c.State().Local)
			}
		})
	}
}

func TestUnknownTimeZoneOrLanguage(t *testing.T) {
	// "Local" is a zone Go's LoadLocation knows (the bundle encodes) and
	// Intl does not: a bundle from elsewhere. The test browser runs in UTC.
	unknown := conference()
	unknown.Conference.TimeZone = "Local"
	tests := []struct {
		name string
		s    *model.Schedule
		lang string
		when string // zero-copy's start: 10:00 in Paris, 08:00 UTC
		zone string // in the time zone button
	}{
		{"zone unknown to the browser", unknown, "en-GB", "8:00", "UTC"},
		{"lang unknown to the browser", conference(), "!!", "10:00", "Europe/Paris"},
		{"both", unknown, "not a language", "8:00", "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			el := host(t, "")
			in := mount(t, el, open(t, tt.s), Options{Lang: tt.lang})
			if dataState(el) != "ready" {
				t.Fatalf("data-state %q, message %q", dataState(el), alert(el))
			}
			if got := q(in, `[data-session="zero-copy"] .when time`).Get("textContent").String(); !strings.Contains(got, tt.when) {
				t.Errorf("zero-copy starts at %q, want %s", got, tt.when)
			}
			if tz := q(in, "#tz").Get("textContent").String(); !strings.Contains(tz, tt.zone) {
				t.Errorf("time zone button says %q, want %s", tz, tt.zone)
			}
			if got := q(in, "#tab-mine").Get("textContent").String(); got != "My schedule" {
				t.Errorf("tab = %q, want English", got)
			}
			if got := q(in, ".day h2").Get("textContent").String(); got == "" {
				t.Error("no day heading")
			}
			click(in, "#tz") // the viewer's own zone: UTC here
			if got := q(in, `[data-session="zero-copy"] .when time`).Get("textContent").String(); !strings.Contains(got, "8:00") || dataState(el) != "ready" {
				t.Errorf("local time: zero-copy starts at %q, data-state %q", got, dataState(el))
			}
		})
	}
}

func TestSetSrcSwitchesProgramme(t *testing.T) {
	api := API("test", encode(t, conference()))
	el := host(t, "")
	h := apiMount(t, api, el, map[string]any{"lang": "fr", "room": "Side Stage"})
	eq(t, "embedded", visible(instance(t, el)), []string{"async"})

	h.Call("set", map[string]any{"src": blobURL(t, encode(t, other()))})
	if dataState(el) != "loading" {
		t.Errorf("while the new programme loads: data-state %q", dataState(el))
	}
	waitFor(t, func() bool { return dataState(el) == "ready" })
	in := instance(t, el)
	// The room does not exist there: dropped. The language stays.
	eq(t, "fetched, room dropped", visible(in), []string{"keynote", "panel"})
	if got := q(in, "#tab-mine").Get("textContent").String(); got != "Mon programme" {
		t.Errorf("tab = %q: the other options were not kept", got)
	}
	h.Call("set", map[string]any{"room": "Hall A", "q": "key"})
	eq(t, "options on the fetched programme", visible(instance(t, el)), []string{"keynote"})

	// Back to the programme that came with the wasm, with the options as they are now.
	h.Call("set", map[string]any{"src": "", "q": ""})
	in = instance(t, el)
	eq(t, "embedded again: Hall A is not there", visible(in), []string{"zero-copy", "async", "workshop", "lunch", "after-dst", "dinner", "later"})
	h.Call("set", map[string]any{"room": "Side Stage"})
	eq(t, "embedded again", visible(instance(t, el)), []string{"async"})
}

func TestSetSrcRace(t *testing.T) {
	a, b := encode(t, conference()), encode(t, other())
	type reply struct {
		url    string
		status int
	}
	tests := []struct {
		name    string
		replies []reply
		destroy bool   // before the replies
		want    string // the programme shown ("other", its sessions), or "error" with the src, or ""
	}{
		{"the older answers last", []reply{{"test:b", 200}, {"test:a", 200}}, false, "other"},
		{"the older answers first", []reply{{"test:a", 200}, {"test:b", 200}}, false, "other"},
		{"the older fails last", []reply{{"test:b", 200}, {"test:a", 404}}, false, "other"},
		{"the newer fails, the older succeeds last", []reply{{"test:b", 404}, {"test:a", 200}}, false, "error test:b"},
		{"destroyed before either answers", []reply{{"test:b", 200}, {"test:a", 200}}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := network(t)
			api := API("test", nil)
			el := host(t, "")
			readies := 0
			count := js.FuncOf(func(js.Value, []js.Value) any { readies++; return nil })
			defer count.Release()
			el.Call("addEventListener", "agenda:ready", count)
			h := apiMount(t, api, el, map[string]any{"src": "test:a"})
			h.Call("set", map[string]any{"src": "test:b"})
			if tt.destroy {
				h.Call("destroy")
			}
			for _, r := range tt.replies {
				body := a
				if r.url == "test:b" {
					body = b
				}
				answer(t, n, r.url, r.status, body)
				time.Sleep(50 * time.Millisecond) // the response and its body come through
			}
			switch {
			case tt.want == "":
				if readies != 0 || mounted(el) || alert(el) != "" {
					t.Errorf("a destroyed widget shows %d mounts, message %q", readies, alert(el))
				}
			case strings.HasPrefix(tt.want, "error "):
				src := strings.TrimPrefix(tt.want, "error ")
				if dataState(el) != "error" || !strings.Contains(alert(el), src+": HTTP 404") || readies != 0 {
					t.Errorf("data-state %q, message %q, %d mounts", dataState(el), alert(el), readies)
				}
			default:
				eq(t, "shown", visible(instance(t, el)), []string{"keynote", "panel"})
				if readies != 1 {
					t.Errorf("%d mounts", readies)
				}
			}
		})
	}
}

package e2e

// BenchmarkWidget measures the widget in headless Chromium against the aims
// of docs/design.md: the wasm's size, the script time of mounting, of a search
// keystroke and of a filter change, and the memory of a mounted page. It runs
// with the demo bundle embedded in the wasm and with FOSDEM 2025 loaded
// through the src option, and prints a table of medians with each aim:
//
//	go test -run '^$' -bench . -benchtime 1x ./web/e2e
//
// Script time is the delta of Chromium's own ScriptDuration counter (CDP
// Performance.getMetrics) around the action, after the page has settled (two
// animation frames, style and layout forced). Each synchronous action runs
// inside one Runtime.evaluate, which then forces style and layout; Chromium
// subtracts forced layout from ScriptDuration, so script is JS plus wasm only,
// while the TaskDuration column includes that style and layout.
//
// ScriptDuration counts only functions Blink calls (event listeners, timers):
// not promise reactions, nor the evaluated expression itself (measured here: a
// 50 ms loop in a .then callback adds 0 ms). The loader mounts in a .then, and
// a src bundle arrives in .then callbacks, so for mounting the figure is the
// page's own performance.now() over that uninterrupted run of JS and wasm
// (from Agenda.mount, or for src from the bundle's arrayBuffer() resolving, to
// agenda:ready). For the other actions that page column is printed too, as a
// check on ScriptDuration.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/read/frab"
)

const (
	benchRuns  = 5  // fresh pages per mount and memory figure
	benchReps  = 10 // repetitions of each keystroke and filter change, on one page
	fosdemXML  = "../../../shared/corpus/fosdem-2025/schedule.xml"
	fosdemFile = "fosdem.bin"
	benchPage  = "bench.html"

	aimBrotliKiB = 650
	aimMountMs   = 25 // set for FOSDEM's list
	aimKeyMs     = 4
	aimFilterMs  = 2
	aimMemoryMB  = 40 // JS heap plus wasm linear memory, MB = 10^6 bytes
)

// The benchmark page: the loader and an empty host, mounted by hand.
const benchHTML = `<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title>
<script src="agenda.js"></script><body><div id="host"></div></body></html>`

// benchCase is one bundle: the embedded demo, or FOSDEM from a URL.
type benchCase struct {
	name string
	opts string // the Agenda.mount options, a JS object literal
	word string // what the attendee types into the search box
}

var benchCases = []benchCase{
	{"demo", `{view: "list"}`, "async"},
	{"fosdem", `{view: "list", src: "` + fosdemFile + `"}`, "kernel"},
}

// report collects the table's rows; BenchmarkWidget prints them at the end.
var report struct {
	mu      sync.Mutex
	chrome  string
	sizes   []string
	timings []timingRow
	memory  []memoryRow
}

type timingRow struct {
	bundle, action string
	n              int
	med            sample
	aim            float64 // 0: none
	note           string
	onPage         bool // judged on the page's own time: ScriptDuration misses this action
}

type memoryRow struct {
	bundle                           string
	n                                int
	jsBefore, wasmBefore             float64 // MB, runtime started, nothing mounted
	js, wasm, dom, arrayBuffers, tot float64 // MB after mounting
}

func addTiming(r timingRow) {
	report.mu.Lock()
	report.timings = append(report.timings, r)
	report.mu.Unlock()
}

func BenchmarkWidget(b *testing.B) {
	if skip != "" {
		b.Skip(skip)
	}
	if setup != nil {
		b.Fatal(setup)
	}
	if err := os.WriteFile(filepath.Join(siteDir, benchPage), []byte(benchHTML), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("size", benchSize)
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			if c.name == "fosdem" {
				if err := writeFOSDEM(); err != nil {
					if errors.Is(err, os.ErrNotExist) {
						b.Skipf("FOSDEM cases skip: no corpus at %s (%v)", fosdemXML, err)
					}
					b.Fatal(err)
				}
			}
			bb := newBenchBrowser(b)
			b.Run("mount", func(b *testing.B) { bb.benchMount(b, c) })
			b.Run("search", func(b *testing.B) { bb.benchSearch(b, c) })
			b.Run("filter-day", func(b *testing.B) { bb.benchFilter(b, c, "day") })
			b.Run("filter-room", func(b *testing.B) { bb.benchFilter(b, c, "room") })
			b.Run("view-grid", func(b *testing.B) { bb.benchGrid(b, c) })
			b.Run("memory", func(b *testing.B) { bb.benchMemory(b, c) })
		})
	}
	printReport()
}

// writeFOSDEM builds the FOSDEM 2025 bundle with the project's own reader and
// encoder, into the served site.
var writeFOSDEM = sync.OnceValue(func() error {
	if _, err := os.Stat(fosdemXML); err != nil {
		return err
	}
	s, d := frab.ReadFile(fosdemXML)
	if d.HasErrors() {
		return fmt.Errorf("reading %s: %v", fosdemXML, d)
	}
	data, err := bundle.Encode(s)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", fosdemXML, err)
	}
	return os.WriteFile(filepath.Join(siteDir, fosdemFile), data, 0o644)
})

// benchSize compresses the wasm the test site serves (the demo bundle
// embedded, built as make builds it) as web.Site does.
func benchSize(b *testing.B) {
	wasms, err := filepath.Glob(filepath.Join(siteDir, "agenda.*.wasm"))
	if err != nil || len(wasms) != 1 {
		b.Fatalf("the site's wasm: %v %v", wasms, err)
	}
	wasm, err := os.ReadFile(wasms[0])
	if err != nil {
		b.Fatal(err)
	}
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	zw.Close()
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(wasm)
	bw.Close()
	b.ReportMetric(float64(len(wasm)), "raw-B")
	b.ReportMetric(float64(gz.Len()), "gzip-B")
	b.ReportMetric(float64(br.Len()), "brotli-B")
	line := func(what string, n int) string {
		return fmt.Sprintf("%-22s %10s B %9.1f KiB", what, thousands(n), float64(n)/1024)
	}
	brKiB := float64(br.Len()) / 1024
	report.mu.Lock()
	report.sizes = []string{
		line("raw", len(wasm)),
		line("gzip -9", gz.Len()),
		line("brotli -q 11", br.Len()) + fmt.Sprintf("   aim <= %d KiB  %s", aimBrotliKiB, verdict(brKiB, aimBrotliKiB)),
	}
	report.mu.Unlock()
}

// problemText returns what a console error or warning, or an uncaught
// exception, said; ok is false for any other event.
func problemText(ev any) (m string, ok bool) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.APITypeError && ev.Type != runtime.APITypeWarning {
			return "", false
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		return "console." + string(ev.Type) + ": " + strings.Join(parts, " "), true
	case *runtime.EventExceptionThrown:
		m = "exception: " + ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			m += " " + ex.Description
		}
		return m, true
	}
	return "", false
}

// benchBrowser is one headless Chromium for one bundle's measurements.
type benchBrowser struct {
	ctx context.Context
	mu  sync.Mutex
	log []string // console errors and exceptions, shown if a benchmark fails
}

func newBenchBrowser(b *testing.B) *benchBrowser {
	b.Helper()
	profile, err := os.MkdirTemp("", "agenda-bench-chromium-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		for range 20 { // Chromium's helpers may still write for a moment after it quits
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := chromiumOptions(profile,
		chromedp.WindowSize(1280, 1024), // wide: the list, not the narrow layout
		chromedp.Flag("enable-precise-memory-info", true),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	b.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	b.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(ctx)
	b.Cleanup(cancelCtx)
	bb := &benchBrowser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		m, ok := problemText(ev)
		if !ok {
			return
		}
		bb.mu.Lock()
		bb.log = append(bb.log, m)
		bb.mu.Unlock()
	})
	var product string
	err = chromedp.Run(ctx,
		// chromedp turns on the DOM, CSS and Network domains; their
		// instrumentation slows DOM and stylesheet changes, and we need none
		// of them (only Runtime, Page and Log).
		css.Disable(),
		dom.Disable(),
		network.Disable(),
		performance.Enable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			_, product, _, _, _, err = cdpbrowser.GetVersion().Do(ctx)
			return err
		}))
	if err != nil {
		b.Fatalf("starting Chromium: %v", err)
	}
	report.mu.Lock()
	report.chrome = product
	report.mu.Unlock()
	b.Cleanup(func() {
		if b.Failed() {
			bb.mu.Lock()
			for _, m := range bb.log {
				b.Log(m)
			}
			bb.mu.Unlock()
		}
	})
	return bb
}

// eval evaluates expr, awaiting it if it is a promise.
func (bb *benchBrowser) eval(b *testing.B, expr string, out any) {
	b.Helper()
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	if err := chromedp.Run(bb.ctx, chromedp.Evaluate(expr, out, await)); err != nil {
		b.Fatalf("evaluate %s: %v", expr, err)
	}
}

// fresh opens a new benchmark page and waits for the runtime (wasm compiled,
// Go started, nothing mounted). For a src bundle it fetches the bundle once
// first, so that the mount reads it from the HTTP cache.
func (bb *benchBrowser) fresh(b *testing.B, c benchCase) {
	b.Helper()
	if err := chromedp.Run(bb.ctx, chromedp.Navigate(baseURL+"/"+benchPage)); err != nil {
		b.Fatalf("open %s: %v", benchPage, err)
	}
	var version string
	bb.eval(b, `Agenda.ready.then(() => Agenda.version)`, &version)
	if c.name == "fosdem" {
		var n int
		bb.eval(b, `fetch("`+fosdemFile+`").then((r) => r.arrayBuffer()).then((a) => a.byteLength)`, &n)
	}
}

// settle waits two animation frames, forcing style and layout in the first,
// and a task beyond them, so that nothing of the page's own is pending.
func (bb *benchBrowser) settle(b *testing.B) {
	b.Helper()
	bb.eval(b, `new Promise((resolve) => requestAnimationFrame(() => {
		document.body.getBoundingClientRect();
		requestAnimationFrame(() => setTimeout(() => resolve(true), 0));
	}))`, new(bool))
}

// sample is one measured action, in milliseconds: Chromium's ScriptDuration,
// TaskDuration and RecalcStyleDuration+LayoutDuration deltas, and what the
// page itself saw with performance.now(): the action's script run (page), and
// the action up to its forced layout (wall).
type sample struct{ script, page, task, layout, wall float64 }

func (bb *benchBrowser) metrics(b *testing.B) map[string]float64 {
	b.Helper()
	var ms []*performance.Metric
	err := chromedp.Run(bb.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		ms, err = performance.GetMetrics().Do(ctx)
		return err
	}))
	if err != nil {
		b.Fatalf("Performance.getMetrics: %v", err)
	}
	out := map[string]float64{}
	for _, m := range ms {
		out[m.Name] = m.Value
	}
	return out
}

// measure settles the page, then evaluates expr between two readings of the
// metrics. expr must return {page: ms, wall: ms, ...}; the whole object goes
// to out.
func (bb *benchBrowser) measure(b *testing.B, expr string, out any) sample {
	b.Helper()
	bb.settle(b)
	m0 := bb.metrics(b)
	var raw json.RawMessage
	bb.eval(b, expr, &raw)
	m1 := bb.metrics(b)
	var w struct{ Page, Wall float64 }
	if err := json.Unmarshal(raw, &w); err != nil {
		b.Fatalf("%s: %v", raw, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			b.Fatalf("%s: %v", raw, err)
		}
	}
	d := func(name string) float64 { return (m1[name] - m0[name]) * 1000 }
	return sample{
		script: d("ScriptDuration"),
		page:   w.Page,
		task:   d("TaskDuration"),
		layout: d("RecalcStyleDuration") + d("LayoutDuration"),
		wall:   w.Wall,
	}
}

// action wraps a synchronous statement on the mounted host: it runs, then
// style and layout are forced (counted in task, not script), and the result
// names the live region's text to show the DOM changed.
func action(stmt string) string {
	return `(() => {
		const host = document.getElementById("host"), root = host.shadowRoot;
		const t0 = performance.now();
		` + stmt + `;
		const page = performance.now() - t0;
		root.querySelector(".root").getBoundingClientRect();
		const wall = performance.now() - t0;
		const live = root.getElementById("live");
		return { page, wall, live: live ? live.textContent : "" };
	})()`
}

// mountExpr mounts the list view into #host and resolves once it is ready,
// after the forced style and layout of the new shadow tree. page runs from
// Agenda.mount, or from the moment a fetched bundle's arrayBuffer() resolves
// (the wasm's next callback copies, opens and mounts it), to agenda:ready.
func mountExpr(opts string) string {
	return `new Promise((resolve, reject) => {
		const host = document.getElementById("host");
		const arrayBuffer = Response.prototype.arrayBuffer;
		let fetched = 0;
		Response.prototype.arrayBuffer = function () {
			return arrayBuffer.call(this).then((buf) => { fetched = performance.now(); return buf; });
		};
		const done = () => { Response.prototype.arrayBuffer = arrayBuffer; };
		const fail = (why) => { done(); reject(new Error(why + "; data-state=" + host.dataset.state + ": " +
			(host.shadowRoot ? host.shadowRoot.textContent.slice(0, 200) : ""))); };
		const timer = setTimeout(() => fail("no agenda:ready after 20 s"), 20000);
		new MutationObserver(() => { if (host.dataset.state === "error") { clearTimeout(timer); fail("mount failed"); } })
			.observe(host, { attributes: true, attributeFilter: ["data-state"] });
		const t0 = performance.now();
		host.addEventListener("agenda:ready", () => {
			const page = performance.now() - (fetched || t0);
			clearTimeout(timer);
			done();
			queueMicrotask(() => { // once the mount call has returned
				host.shadowRoot.querySelector(".root").getBoundingClientRect();
				const wall = performance.now() - t0;
				resolve({ page, wall, fetched: fetched > 0, sessions: host.shadowRoot.querySelectorAll("[data-session]").length });
			});
		}, { once: true });
		Agenda.mount(host, ` + opts + `);
	})`
}

// mount mounts the case's bundle on the current page, unmeasured.
func (bb *benchBrowser) mount(b *testing.B, c benchCase) int {
	b.Helper()
	var res struct{ Sessions int }
	bb.eval(b, mountExpr(c.opts), &res)
	if res.Sessions == 0 {
		b.Fatal("mounted, but no [data-session] element")
	}
	return res.Sessions
}

func (bb *benchBrowser) benchMount(b *testing.B, c benchCase) {
	var samples []sample
	sessions := 0
	for range benchRuns {
		bb.fresh(b, c)
		var res struct {
			Sessions int
			Fetched  bool
		}
		samples = append(samples, bb.measure(b, mountExpr(c.opts), &res))
		sessions = res.Sessions
		if src := c.name == "fosdem"; res.Fetched != src {
			b.Fatalf("mounting %s: bundle fetched %v, want %v", c.opts, res.Fetched, src)
		}
	}
	med := medians(samples)
	reportTiming(b, med)
	note := fmt.Sprintf("%d sessions", sessions)
	aim := 0.0
	if c.name == "fosdem" {
		aim = aimMountMs
		note += "; src, pre-fetched: page is from arrayBuffer() resolving (copy, open, mount)"
	}
	note += "; aim judged on page (ScriptDuration misses promise reactions)"
	addTiming(timingRow{c.name, "mount list view", len(samples), med, aim, note, true})
}

func (bb *benchBrowser) benchSearch(b *testing.B, c benchCase) {
	bb.fresh(b, c)
	bb.mount(b, c)
	const q = `root.querySelector("input[type=search]")`
	var empty []sample
	for range benchRuns {
		empty = append(empty, bb.measure(b, action(""), nil))
	}
	addTiming(timingRow{c.name, "empty action (overhead)", len(empty), medians(empty), 0, "one evaluate, forced layout, nothing changed", false})

	perKey := make([][]sample, len(c.word))
	var all []sample
	var found string
	for range benchReps {
		for i := range c.word {
			typed := c.word[:i+1]
			var res struct{ Live string }
			s := bb.measure(b, action(`const q = `+q+`; q.value = `+strconv.Quote(typed)+`; q.dispatchEvent(new Event("input", { bubbles: true }))`), &res)
			perKey[i] = append(perKey[i], s)
			all = append(all, s)
			found = res.Live
		}
		bb.eval(b, action(`const q = `+q+`; q.value = ""; q.dispatchEvent(new Event("input", { bubbles: true }))`), new(json.RawMessage))
	}
	med := medians(all)
	reportTiming(b, med)
	for i := range c.word {
		addTiming(timingRow{c.name, fmt.Sprintf("search %q", c.word[:i+1]), len(perKey[i]), medians(perKey[i]), aimKeyMs, "", false})
	}
	addTiming(timingRow{c.name, "search, every keystroke", len(all), med, aimKeyMs, fmt.Sprintf("%q: %s", c.word, found), false})
}

func (bb *benchBrowser) benchFilter(b *testing.B, c benchCase, dim string) {
	bb.fresh(b, c)
	bb.mount(b, c)
	sel := `root.getElementById("f-` + dim + `")`
	// A filter lists its choices, with counts, when it gets focus: as a
	// person opens it. That is measured apart from the change itself.
	open := action(`const s = ` + sel + `; s.focus(); s.dispatchEvent(new FocusEvent("focusin", { bubbles: true }))`)
	var res0 struct{ Live string }
	bb.measure(b, open, &res0)
	var values []string
	bb.eval(b, `[...document.getElementById("host").shadowRoot.getElementById("f-`+dim+`").options].map((o) => o.value).filter((v) => v !== "")`, &values)
	if len(values) == 0 {
		b.Fatalf("#f-%s has no options", dim)
	}
	var samples, opens []sample
	var lives []string
	for i := range benchReps {
		// One value then back to all, spread over the options.
		v := values[i%len(values)]
		if len(values) > benchReps {
			v = values[i*len(values)/benchReps]
		}
		for _, to := range []string{v, ""} {
			var res struct{ Live string }
			opens = append(opens, bb.measure(b, open, &res))
			samples = append(samples, bb.measure(b, action(`const s = `+sel+`; s.value = `+strconv.Quote(to)+`; s.dispatchEvent(new Event("change", { bubbles: true }))`), &res))
			lives = append(lives, res.Live)
		}
	}
	if lives[0] == lives[1] {
		b.Logf("%s filter: the live region read %q before and after; did the filter apply?", dim, lives[0])
	}
	med := medians(samples)
	reportTiming(b, med)
	addTiming(timingRow{c.name, dim + " filter opened", len(opens), medians(opens), 0,
		"focus lists the choices with their counts", false})
	addTiming(timingRow{c.name, dim + " filter change", len(samples), med, aimFilterMs,
		fmt.Sprintf("%d %ss; one, then all again; e.g. %s", len(values), dim, lives[0]), false})
}

// benchGrid measures the Grid tab: from the click to the grid of the first
// day laid out, then back to the list.
func (bb *benchBrowser) benchGrid(b *testing.B, c benchCase) {
	bb.fresh(b, c)
	bb.mount(b, c)
	var samples []sample
	for range benchReps {
		for _, tab := range []string{"grid", "list"} {
			var res struct{ Live string }
			sm := bb.measure(b, action(`root.getElementById("tab-`+tab+`").click()`), &res)
			if tab == "grid" {
				samples = append(samples, sm)
			}
		}
	}
	var cols int
	bb.eval(b, `document.getElementById("host").shadowRoot.getElementById("tab-grid").click(), document.getElementById("host").shadowRoot.querySelectorAll(".grid .rh").length`, &cols)
	if cols == 0 {
		b.Fatal("the Grid tab shows no rooms")
	}
	med := medians(samples)
	reportTiming(b, med)
	addTiming(timingRow{c.name, "grid view opened", len(samples), med, 0,
		fmt.Sprintf("the first day's %d rooms", cols), false})
}

// wasmMemory sums the byteLength of every WebAssembly.Memory on the page,
// found through the heap (Runtime.queryObjects): the loader keeps the Go
// instance in a closure, out of the page's reach.
func (bb *benchBrowser) wasmMemory(b *testing.B) float64 {
	b.Helper()
	var total float64
	err := chromedp.Run(bb.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		const group = "agenda-bench"
		defer runtime.ReleaseObjectGroup(group).Do(ctx)
		proto, exc, err := runtime.Evaluate(`WebAssembly.Memory.prototype`).WithObjectGroup(group).Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return fmt.Errorf("WebAssembly.Memory.prototype: %s", exc.Text)
		}
		objs, err := runtime.QueryObjects(proto.ObjectID).WithObjectGroup(group).Do(ctx)
		if err != nil {
			return err
		}
		res, exc, err := runtime.CallFunctionOn(`function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }`).
			WithObjectID(objs.ObjectID).WithReturnByValue(true).Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return fmt.Errorf("reading WebAssembly.Memory sizes: %s", exc.Text)
		}
		return json.Unmarshal(res.Value, &total)
	}))
	if err != nil {
		b.Fatalf("wasm memory: %v", err)
	}
	return total
}

// heap collects garbage and reads V8's heap usage: the JS heap in use, the
// embedder's (Blink's: DOM, style) and the backing stores of ArrayBuffers.
func (bb *benchBrowser) heap(b *testing.B) (js, embedder, backing float64) {
	b.Helper()
	err := chromedp.Run(bb.ctx, heapprofiler.Enable(), heapprofiler.CollectGarbage(), chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		js, _, embedder, backing, err = runtime.GetHeapUsage().Do(ctx)
		return err
	}))
	if err != nil {
		b.Fatalf("heap usage: %v", err)
	}
	return js, embedder, backing
}

func (bb *benchBrowser) benchMemory(b *testing.B, c benchCase) {
	var rows []memoryRow
	const mb = 1e6
	for range benchRuns {
		bb.fresh(b, c)
		bb.settle(b)
		var r memoryRow
		js0, _, _ := bb.heap(b)
		r.jsBefore, r.wasmBefore = js0/mb, bb.wasmMemory(b)/mb
		bb.mount(b, c)
		bb.settle(b)
		js, dom, backing := bb.heap(b)
		r.js, r.dom, r.arrayBuffers, r.wasm = js/mb, dom/mb, backing/mb, bb.wasmMemory(b)/mb
		r.tot = r.js + r.wasm
		rows = append(rows, r)
	}
	med := func(f func(memoryRow) float64) float64 {
		var xs []float64
		for _, r := range rows {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	m := memoryRow{
		bundle:       c.name,
		n:            len(rows),
		jsBefore:     med(func(r memoryRow) float64 { return r.jsBefore }),
		wasmBefore:   med(func(r memoryRow) float64 { return r.wasmBefore }),
		js:           med(func(r memoryRow) float64 { return r.js }),
		wasm:         med(func(r memoryRow) float64 { return r.wasm }),
		dom:          med(func(r memoryRow) float64 { return r.dom }),
		arrayBuffers: med(func(r memoryRow) float64 { return r.arrayBuffers }),
		tot:          med(func(r memoryRow) float64 { return r.tot }),
	}
	b.ReportMetric(m.js, "jsheap-MB")
	b.ReportMetric(m.wasm, "wasm-MB")
	b.ReportMetric(m.tot, "total-MB")
	report.mu.Lock()
	report.memory = append(report.memory, m)
	report.mu.Unlock()
}

func reportTiming(b *testing.B, s sample) {
	b.ReportMetric(s.script, "script-ms")
	b.ReportMetric(s.page, "page-ms")
	b.ReportMetric(s.task, "task-ms")
	b.ReportMetric(s.layout, "layout-ms")
	b.ReportMetric(s.wall, "wall-ms")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}

// medianOf is the median of one column of samples.
func medianOf[T any](ss []T, f func(T) float64) float64 {
	xs := make([]float64, 0, len(ss))
	for _, s := range ss {
		xs = append(xs, f(s))
	}
	return median(xs)
}

// medians takes each column's median on its own.
func medians(ss []sample) sample {
	col := func(f func(sample) float64) float64 { return medianOf(ss, f) }
	return sample{
		script: col(func(s sample) float64 { return s.script }),
		page:   col(func(s sample) float64 { return s.page }),
		task:   col(func(s sample) float64 { return s.task }),
		layout: col(func(s sample) float64 { return s.layout }),
		wall:   col(func(s sample) float64 { return s.wall }),
	}
}

func verdict(got, aim float64) string {
	if got <= aim {
		return "OK"
	}
	return "OVER"
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func printReport() {
	report.mu.Lock()
	defer report.mu.Unlock()
	var w strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&w, format, args...) }
	p("\nAgenda widget in headless %s, served over loopback; medians of %d fresh pages (mount, memory) or %d repetitions (keystrokes, filters)\n", report.chrome, benchRuns, benchReps)
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		p("Load average when printed (other work on the machine adds noise): %s", load)
	}
	if len(report.sizes) > 0 {
		p("\nagenda.wasm, demo bundle embedded (built as make builds it)\n")
		for _, l := range report.sizes {
			p("  %s\n", l)
		}
	}
	if len(report.timings) > 0 {
		p("\nTimes in ms. Each action runs in one Runtime.evaluate, after two animation frames with forced style and layout, and ends by forcing them.\n")
		p("  script  CDP Performance.getMetrics ScriptDuration delta: JS + wasm run by Blink (listeners, timers); Chromium subtracts forced layout.\n")
		p("          It misses promise reactions: for mounting it is shown in brackets and the aim is judged on page.\n")
		p("  page    performance.now() in the page over the action's script (0.1 ms steps). Mount: from Agenda.mount (embedded) or from the\n")
		p("          bundle's arrayBuffer() resolving (src, pre-fetched, so no network) to agenda:ready (data-state=ready); one run of JS + wasm.\n")
		p("  task    TaskDuration delta: script + the forced style and layout + CDP's own evaluate (see the overhead row).\n")
		p("  st+lay  RecalcStyleDuration + LayoutDuration delta.   wall: performance.now(), action to forced layout done (src mount: from Agenda.mount).\n\n")
		p("%-7s %-26s %3s %9s %8s %8s %8s %8s  %-5s %-4s %s\n", "bundle", "action", "n", "script", "page", "task", "st+lay", "wall", "aim", "", "")
		for _, r := range report.timings {
			aim, v := "-", ""
			script := fmt.Sprintf("%8.3f ", r.med.script)
			got := r.med.script
			if r.onPage {
				script, got = fmt.Sprintf("(%.3f)", r.med.script), r.med.page
			}
			if r.aim > 0 {
				aim, v = fmt.Sprintf("< %g", r.aim), verdict(got, r.aim)
			}
			p("%-7s %-26s %3d %9s %8.3f %8.3f %8.3f %8.3f  %-5s %-4s %s\n", r.bundle, r.action, r.n, script, r.med.page, r.med.task, r.med.layout, r.med.wall, aim, v, r.note)
		}
	}
	if len(report.memory) > 0 {
		p("\nMemory in MB (10^6 bytes) after mounting and a forced GC (HeapProfiler.collectGarbage): JS heap = Runtime.getHeapUsage usedSize;\n")
		p("wasm = byteLength of every WebAssembly.Memory buffer (found with Runtime.queryObjects); total = JS heap + wasm, judged against the aim.\n")
		p("Shown apart, not in total: Blink's heap (embedderHeapUsedSize: DOM, style) and ArrayBuffer backing stores (backingStorageSize).\n")
		p("before: the same page with the runtime started and nothing mounted.\n\n")
		p("%-7s %3s %9s %9s %9s %9s %9s %9s  %-5s %-4s %s\n", "bundle", "n", "JS before", "wasm bef.", "JS heap", "wasm", "total", "Blink", "aim", "", "")
		for _, m := range report.memory {
			p("%-7s %3d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f  < %-3d %-4s ArrayBuffers %.2f\n", m.bundle, m.n, m.jsBefore, m.wasmBefore, m.js, m.wasm, m.tot, m.dom, aimMemoryMB, verdict(m.tot, aimMemoryMB), m.arrayBuffers)
		}
	}
	fmt.Print(w.String())
}

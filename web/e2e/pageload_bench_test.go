package e2e

// BenchmarkPageLoad measures the site-embed page (index.html, as agenda site
// writes it) as an attendee meets it: a cold first visit in a fresh browser,
// and later visits to offline.html once its service worker is installed. It
// runs for the demo programme and for FOSDEM 2025, each site served by
// web.Handler (what agenda serve runs: brotli and gzip copies of the wasm)
// on loopback, once plainly and once through a listener that emulates a
// 9 Mbit/s, 170 ms round-trip network, and prints a table of medians:
//
//	AGENDA_E2E_WASM=$PWD/cmd/agenda/embed/agenda.wasm go test -run '^$' -bench PageLoad -benchtime 1x ./web/e2e
//
// AGENDA_BENCH_PAGELOAD_RUNS=n changes the number of runs (5); each run
// starts a fresh Chromium (a fresh --user-data-dir: HTTP cache, code cache
// and service workers empty), opens about:blank and waits half a second (a
// browser already running, as an attendee's is), then makes four measured
// visits:
//
//   - first: index.html, every cache cold.
//   - sw: offline.html was opened once, unmeasured, until its service worker
//     controlled it (navigator.serviceWorker.controller set) and the widget
//     was ready; then the server closed every connection and
//     ServiceWorker.stopAllWorkers stopped the worker, as when the attendee
//     comes back some time later, and offline.html is opened again from
//     about:blank. The worker answers what the build keeps (the page, the
//     loader, the wasm) from its own cache.
//   - again: offline.html once more at once: the worker running, connections
//     open. The floor of a repeat visit.
//   - sw-nocache: as sw, with the HTTP cache emptied (Network.clearBrowserCache)
//     first: what the worker fetches network-first then comes in full. A bound
//     on a visit more than five minutes later, which would revalidate (304)
//     what this downloads, paying the same round trips for fewer bytes.
//
// A probe added with Page.addScriptToEvaluateOnNewDocument records, in the
// page's own clock (zero: the navigation's start):
//
//   - session: when the first [data-session] element, of the static first
//     paint inside <agenda-schedule> or of the widget's shadow root, was
//     painted, by the first of these that applies:
//     E: Element Timing's renderTime for it. Our pages carry no elementtiming
//     attribute: the probe's MutationObserver sets one on the first
//     [data-session] the parser inserts, in the same task, before any frame
//     can paint it. (Chromium 156 leaves the entry out on some visits, most
//     of those a service worker answers; the next two apply there.)
//     F: first-contentful-paint, when the first frame in which the probe
//     found a session laid out with a box in the viewport (polled in
//     requestAnimationFrame callbacks from the document's start) began before
//     it: that frame painted text, so it is the FCP frame.
//     R: otherwise the requestAnimationFrame time of the frame after that
//     one (a double rAF: after the frame that painted it).
//     In our runs, wherever Element Timing reported, it equalled FCP to the ms:
//     the first session paints in the page's first contentful frame.
//   - ready: the agenda:ready event (data-state="ready").
//   - bytes: on the wire, counted by the server's listener (response headers
//     and bodies of every request of the visit, the service worker's own
//     included); and as the page sees them, navigation plus resource
//     transferSize.
//
// The throttled network (see netem) is emulated at the server, so it works
// with any Chromium: each connection pays one round trip for the TCP
// handshake before its first request, every request reaches the server half
// a round trip after Chromium sent it, and responses share one 9 Mbit/s
// downlink, fairly between connections, and arrive half a round trip after
// they left it. There is no slow start, no loss and no TLS (a real HTTPS
// deployment adds TLS's round trip to every new connection); the uplink has
// no bandwidth limit. With AGENDA_BENCH_PER_CONN=1 each connection gets a
// 9 Mbit/s downlink of its own instead.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/web"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/frab"
)

const (
	pageLoadRuns = 5 // fresh browsers per programme and network

	throttleRTT = 170 * time.Millisecond
	throttleBps = 9e6 // downlink, bits per second

	// pretalx's widget, measured by an earlier harness on EuroRust's list;
	// it cannot run here, so these are reference figures.
	pretalxLoopbackMs  = 600
	pretalxThrottledMs = 1205
	aimVsPretalx       = 0.5 // first session at most half of pretalx's
	aimSecondVisitMs   = 150 // throttled, service worker warm
	aimWidgetBrotliKiB = 580 // the data-free widget, brotli -q 11
)

// loadNetwork is one network between Chromium and the server.
type loadNetwork struct {
	name      string
	rtt       time.Duration
	bps       float64
	pretalxMs float64
}

var loadNetworks = []loadNetwork{
	{"loopback", 0, 0, pretalxLoopbackMs},
	{"throttled", throttleRTT, throttleBps, pretalxThrottledMs},
}

var loadVisits = []string{"first", "sw", "again", "sw-nocache"}

// loadSample is one measured visit; times in ms from the navigation's start.
type loadSample struct {
	Session  float64 // when the first [data-session] was painted, by Method
	Method   string  // E: Element Timing; F: first-contentful-paint; R: double rAF
	Element  float64 // Element Timing renderTime of the first [data-session], 0 if none
	Frame    float64 // rAF time of the first frame with a session laid out in the viewport
	Frame2   float64 // rAF time of the frame after it
	Where    string  // "fallback" (the static first paint) or "widget"
	FCP      float64 // first-contentful-paint
	Ready    float64 // agenda:ready
	TTFB     float64 // the page's responseStart
	HTML     float64 // the page's responseEnd
	CSS      float64 // the style sheets' last responseEnd: they block the first paint
	Wasm     float64 // the wasm's responseEnd, 0 when the page did not fetch it
	WasmBody float64 // the wasm's encodedBodySize: which copy was sent
	Transfer float64 // navigation + resource transferSize, bytes
	Wire     float64 // bytes the server's listener sent
	State    string
	Paints   string // the paint entries, for the log
}

func (s loadSample) String() string {
	return fmt.Sprintf("session %.0f (%s %s, frame %.0f) FCP %.0f ready %.0f ttfb %.0f html %.0f css %.0f wasm %.0f (body %.0f B) wire %.0f B xfer %.0f B paints [%s]",
		s.Session, s.Method, s.Where, s.Frame, s.FCP, s.Ready, s.TTFB, s.HTML, s.CSS, s.Wasm, s.WasmBody, s.Wire, s.Transfer, s.Paints)
}

type loadRow struct {
	programme, network, visit string
	n                         int
	med                       loadSample
	inFCP, static             int // runs whose session painted in the FCP frame; shown by the static first paint
	methods                   map[string]int
	aim                       float64
}

type loadSiteInfo struct {
	programme           string
	sessions            int
	index, wasm, wasmBr int // bytes
	bundle              int
}

var loadReport struct {
	mu          sync.Mutex
	chrome      string
	runs        int
	perConn     bool
	sites       []loadSiteInfo
	rows        []loadRow
	widgetBr    int // the data-free widget, brotli -q 11
	widgetRaw   int
	widgetMatch bool // the site's wasm minus the section is the widget the site was written from
}

func BenchmarkPageLoad(b *testing.B) {
	if skip != "" {
		b.Skip(skip)
	}
	if setup != nil {
		b.Fatal(setup)
	}
	loadReport.perConn = os.Getenv("AGENDA_BENCH_PER_CONN") == "1"
	loadReport.runs = pageLoadRuns
	if n, err := strconv.Atoi(os.Getenv("AGENDA_BENCH_PAGELOAD_RUNS")); err == nil && n > 0 {
		loadReport.runs = n
	}
	tmp, err := os.MkdirTemp("", "agenda-pageload-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(tmp) })

	programmes := []struct {
		name string
		read func() (*model.Schedule, error)
	}{{"demo", demo}, {"fosdem", pageLoadFOSDEM}}
	for _, p := range programmes {
		b.Run(p.name, func(b *testing.B) {
			s, err := p.read()
			if errors.Is(err, os.ErrNotExist) {
				b.Skipf("FOSDEM cases skip: no corpus at %s (%v)", fosdemXML, err)
			}
			if err != nil {
				b.Fatal(err)
			}
			dir := filepath.Join(tmp, p.name)
			w, err := writeLoadSite(dir, s)
			if err != nil {
				b.Fatal(err)
			}
			if p.name == "demo" {
				loadWidgetSize(b, filepath.Join(dir, w.Wasm))
			}
			info := loadSiteInfo{programme: p.name, sessions: w.Sessions, wasm: w.Raw, wasmBr: w.Brotli, bundle: w.Bundle}
			if st, err := os.Stat(filepath.Join(dir, "index.html")); err == nil {
				info.index = int(st.Size())
			}
			loadReport.mu.Lock()
			loadReport.sites = append(loadReport.sites, info)
			loadReport.mu.Unlock()
			for _, n := range loadNetworks {
				b.Run(n.name, func(b *testing.B) { benchPageLoad(b, p.name, dir, n) })
			}
		})
	}
	printLoadReport()
}

// pageLoadFOSDEM reads FOSDEM 2025 with the project's frab reader; its error
// wraps os.ErrNotExist when the corpus is absent.
func pageLoadFOSDEM() (*model.Schedule, error) {
	if _, err := os.Stat(fosdemXML); err != nil {
		return nil, err
	}
	s, d := frab.ReadFile(fosdemXML)
	if d.HasErrors() {
		return nil, fmt.Errorf("reading %s: %v", fosdemXML, d)
	}
	return s, nil
}

// writeLoadSite is writeSite at agenda site's own brotli quality (11, the
// default) rather than writeSite's quick 4: on FOSDEM's wasm 4 sends some
// 230 KB more, a fifth of a second at 9 Mbit/s. It takes tens of seconds.
func writeLoadSite(dir string, s *model.Schedule) (web.Written, error) {
	return web.Site{Widget: widget, WasmExec: wasmExec, Schedule: s}.Write(dir)
}

// loadWidgetSize takes the bundle's custom section out of the site's wasm
// and compresses what is left, the data-free widget, as agenda site does.
func loadWidgetSize(b *testing.B, wasmFile string) {
	wasm, err := os.ReadFile(wasmFile)
	if err != nil {
		b.Fatal(err)
	}
	bare, err := wasmWithoutSection(wasm, web.BundleSection)
	if err != nil {
		b.Fatal(err)
	}
	var br bytes.Buffer
	w := brotli.NewWriterLevel(&br, brotli.BestCompression)
	w.Write(bare)
	w.Close()
	b.ReportMetric(float64(br.Len())/1024, "widget-brotli-KiB")
	loadReport.mu.Lock()
	loadReport.widgetBr, loadReport.widgetRaw = br.Len(), len(bare)
	loadReport.widgetMatch = bytes.Equal(bare, widget)
	loadReport.mu.Unlock()
}

// wasmWithoutSection returns wasm without the custom section named name: the
// one holding the payload web.Section finds.
func wasmWithoutSection(wasm []byte, name string) ([]byte, error) {
	payload, ok, err := web.Section(wasm, name)
	if err != nil || !ok || len(payload) == 0 {
		return nil, fmt.Errorf("no %s section in the wasm, or an empty one (%v)", name, err)
	}
	rest := wasm[8:]
	for len(rest) > 0 {
		size, n := binary.Uvarint(rest[1:])
		if n <= 0 || size > uint64(len(rest)-1-n) {
			return nil, errors.New("truncated WebAssembly section")
		}
		end := 1 + n + int(size)
		body := rest[1+n : end]
		// The custom section whose body ends where the payload ends.
		if rest[0] == 0 && len(body) >= len(payload) && &body[len(body)-1] == &payload[len(payload)-1] {
			start := len(wasm) - len(rest)
			return slices.Concat(wasm[:start], wasm[start+end:]), nil
		}
		rest = rest[end:]
	}
	return nil, errors.New("the section's payload is not inside the module")
}

func benchPageLoad(b *testing.B, programme, dir string, n loadNetwork) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	em := newNetem(ln, n.rtt, n.bps, loadReport.perConn)
	srv := httptest.NewUnstartedServer(web.Handler(dir))
	srv.Listener.Close()
	srv.Listener = em
	srv.Start()
	defer srv.Close()

	samples := map[string][]loadSample{}
	for run := range loadReport.runs {
		got := loadRun(b, srv, em)
		var line []string
		for _, v := range loadVisits {
			s := got[v]
			samples[v] = append(samples[v], s)
			l := fmt.Sprintf("%s %.0f%s ready %.0f ttfb %.0f %.1f kB", v, s.Session, s.Method, s.Ready, s.TTFB, s.Wire/1000)
			if v == "first" {
				l += fmt.Sprintf(" (wasm body %.0f B)", s.WasmBody)
			}
			line = append(line, l)
		}
		b.Logf("run %d: %s", run+1, strings.Join(line, "; "))
	}
	for _, v := range loadVisits {
		ss := samples[v]
		row := loadRow{programme: programme, network: n.name, visit: v, n: len(ss), med: loadMedians(ss), methods: map[string]int{}}
		for _, s := range ss {
			row.methods[s.Method]++
			if s.FCP > 0 && s.Session <= s.FCP+0.5 {
				row.inFCP++
			}
			if s.Where == "fallback" {
				row.static++
			}
		}
		switch {
		case v == "first":
			row.aim = aimVsPretalx * n.pretalxMs
		case v == "sw" && n.rtt > 0:
			row.aim = aimSecondVisitMs
		}
		b.ReportMetric(row.med.Session, v+"-session-ms")
		b.ReportMetric(row.med.Ready, v+"-ready-ms")
		b.ReportMetric(row.med.Wire/1000, v+"-wire-kB")
		loadReport.mu.Lock()
		loadReport.rows = append(loadReport.rows, row)
		loadReport.mu.Unlock()
	}
}

// loadProbe runs in every document before its own scripts; it keeps what it
// measures on the document under a symbol, adding no global.
const loadProbe = `(() => {
	const P = { element: 0, frame: 0, frame2: 0, where: "", fcp: 0, ready: 0 };
	Object.defineProperty(document, Symbol.for("agenda.pageload"), { value: P });
	const observe = (type, f) => {
		try { new PerformanceObserver((list) => list.getEntries().forEach(f)).observe({ type, buffered: true }); } catch (e) {}
	};
	observe("paint", (e) => { if (e.name === "first-contentful-paint") P.fcp = e.startTime; });
	observe("element", (e) => { if (e.identifier === "agenda-first-session" && !P.element) P.element = e.renderTime || e.startTime; });
	document.addEventListener("agenda:ready", () => { if (!P.ready) P.ready = performance.now(); }, true);
	// Element Timing reports elements that carry elementtiming when they first
	// paint: mark the first session as the parser inserts it.
	const mo = new MutationObserver(() => {
		const el = document.querySelector("agenda-schedule [data-session]");
		if (el) { el.setAttribute("elementtiming", "agenda-first-session"); mo.disconnect(); }
	});
	mo.observe(document, { childList: true, subtree: true });
	const shown = (el) => {
		if (!el || el.getClientRects().length === 0) return false;
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
	};
	const frame = (t) => {
		for (const host of document.querySelectorAll("agenda-schedule")) {
			const where = host.shadowRoot && shown(host.shadowRoot.querySelector("[data-session]")) ? "widget"
				: shown(host.querySelector("[data-session]")) ? "fallback" : "";
			if (where) {
				P.frame = performance.now();
				P.where = where;
				requestAnimationFrame(() => { P.frame2 = performance.now(); });
				return;
			}
		}
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
})()`

const loadProbeDone = `(() => {
	const P = document[Symbol.for("agenda.pageload")];
	const el = document.querySelector("agenda-schedule");
	return !!P && !!el && P.frame2 > 0 && P.fcp > 0 && (P.ready > 0 || el.dataset.state === "error");
})()`

const loadProbeRead = `(() => {
	const P = document[Symbol.for("agenda.pageload")];
	const nav = performance.getEntriesByType("navigation")[0];
	const res = performance.getEntriesByType("resource");
	const wasm = res.find((r) => new URL(r.name).pathname.endsWith(".wasm"));
	return {
		element: P.element, frame: P.frame, frame2: P.frame2, where: P.where, fcp: P.fcp, ready: P.ready,
		ttfb: nav.responseStart, html: nav.responseEnd,
		css: res.filter((r) => r.initiatorType === "link" && new URL(r.name).pathname.endsWith(".css")).reduce((t, r) => Math.max(t, r.responseEnd), 0),
		wasm: wasm ? wasm.responseEnd : 0, wasmBody: wasm ? wasm.encodedBodySize : 0,
		transfer: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),
		state: document.querySelector("agenda-schedule").dataset.state,
		paints: performance.getEntriesByType("paint").map((e) => e.name + " " + e.startTime.toFixed(0)).join(", "),
	};
})()`

// loadRun starts a fresh Chromium and makes the measured visits.
func loadRun(b *testing.B, srv *httptest.Server, em *netem) map[string]loadSample {
	b.Helper()
	profile, err := os.MkdirTemp("", "agenda-pageload-chromium-")
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		for range 20 { // Chromium's helpers may still write for a moment after it quits
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromiumOptions(profile, chromedp.WindowSize(1280, 1024))...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(ctx)
	defer cancelCtx()
	var mu sync.Mutex
	var log []string
	chromedp.ListenTarget(ctx, func(ev any) {
		m, ok := problemText(ev)
		if !ok {
			return
		}
		mu.Lock()
		log = append(log, m)
		mu.Unlock()
	})
	fail := func(format string, args ...any) {
		b.Helper()
		mu.Lock()
		for _, m := range log {
			b.Log(m)
		}
		mu.Unlock()
		b.Fatalf(format, args...)
	}
	var product string
	err = chromedp.Run(ctx,
		// Only Page and Runtime are needed: chromedp's DOM, CSS and Network
		// instrumentation would only slow the page down.
		css.Disable(), dom.Disable(), network.Disable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			if _, err := page.AddScriptToEvaluateOnNewDocument(loadProbe).Do(ctx); err != nil {
				return err
			}
			_, product, _, _, _, err = cdpbrowser.GetVersion().Do(ctx)
			return err
		}),
		chromedp.Navigate("about:blank"),
		chromedp.Sleep(500*time.Millisecond))
	if err != nil {
		fail("starting Chromium: %v", err)
	}
	loadReport.mu.Lock()
	loadReport.chrome = product
	loadReport.mu.Unlock()

	navigate := func(url string) {
		b.Helper()
		if err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
			fail("open %s: %v", url, err)
		}
	}
	// until evaluates expr every 20 ms until it is true; it outlives a page
	// that is being replaced.
	until := func(expr, what string, limit time.Duration) {
		b.Helper()
		var err error
		for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			var ok bool
			if err = chromedp.Run(ctx, chromedp.Evaluate(`(() => { try { return !!(`+expr+`); } catch (e) { return false; } })()`, &ok)); err == nil && ok {
				return
			}
		}
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(`(() => { try { return location.href + " " + JSON.stringify(document[Symbol.for("agenda.pageload")]) +
			" data-state=" + document.querySelector("agenda-schedule").dataset.state; } catch (e) { return String(e); } })()`, &state))
		fail("waiting for %s (last error %v): %s", what, err, state)
	}
	measure := func(path string) loadSample {
		b.Helper()
		em.wire.Store(0)
		navigate(srv.URL + path)
		until(loadProbeDone, path+": a session painted and the widget ready", 2*time.Minute)
		var s loadSample
		if err := chromedp.Run(ctx, chromedp.Evaluate(loadProbeRead, &s)); err != nil {
			fail("reading the probe: %v", err)
		}
		s.Wire = float64(em.wire.Load())
		switch {
		case s.Element > 0:
			s.Session, s.Method = s.Element, "E"
		case s.FCP > 0 && s.Frame <= s.FCP:
			s.Session, s.Method = s.FCP, "F"
		default:
			s.Session, s.Method = s.Frame2, "R"
		}
		if s.State != "ready" {
			fail("%s: data-state=%s, want ready (%v)", path, s.State, s)
		}
		return s
	}
	// later: the attendee comes back some time later: no connection left
	// open, the service worker stopped.
	later := func() {
		b.Helper()
		navigate("about:blank")
		srv.CloseClientConnections()
		if err := chromedp.Run(ctx, serviceworker.Enable(), serviceworker.StopAllWorkers(), serviceworker.Disable()); err != nil {
			fail("stopping the service worker: %v", err)
		}
	}
	controlled := func() {
		b.Helper()
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`navigator.serviceWorker.controller !== null`, &ok)); err != nil || !ok {
			fail("the visit was not controlled by the service worker (%v)", err)
		}
	}

	out := map[string]loadSample{}
	out["first"] = measure("/")

	// The service worker: offline.html once, until it controls the page.
	navigate(srv.URL + "/offline.html")
	until(`navigator.serviceWorker.controller !== null && document.querySelector("agenda-schedule").dataset.state === "ready"`,
		"offline.html controlled by its service worker, the widget ready", 2*time.Minute)
	later()
	out["sw"] = measure("/offline.html")
	controlled()
	navigate("about:blank")
	out["again"] = measure("/offline.html")
	controlled()
	later()
	if err := chromedp.Run(ctx, network.ClearBrowserCache()); err != nil {
		fail("clearing the HTTP cache: %v", err)
	}
	out["sw-nocache"] = measure("/offline.html")
	controlled()
	chromedp.Cancel(ctx)
	return out
}

func loadMedians(ss []loadSample) loadSample {
	col := func(f func(loadSample) float64) float64 { return medianOf(ss, f) }
	return loadSample{
		Session:  col(func(s loadSample) float64 { return s.Session }),
		Element:  col(func(s loadSample) float64 { return s.Element }),
		Frame:    col(func(s loadSample) float64 { return s.Frame }),
		Frame2:   col(func(s loadSample) float64 { return s.Frame2 }),
		FCP:      col(func(s loadSample) float64 { return s.FCP }),
		Ready:    col(func(s loadSample) float64 { return s.Ready }),
		TTFB:     col(func(s loadSample) float64 { return s.TTFB }),
		HTML:     col(func(s loadSample) float64 { return s.HTML }),
		CSS:      col(func(s loadSample) float64 { return s.CSS }),
		Wasm:     col(func(s loadSample) float64 { return s.Wasm }),
		WasmBody: col(func(s loadSample) float64 { return s.WasmBody }),
		Transfer: col(func(s loadSample) float64 { return s.Transfer }),
		Wire:     col(func(s loadSample) float64 { return s.Wire }),
	}
}

func printLoadReport() {
	r := &loadReport
	r.mu.Lock()
	defer r.mu.Unlock()
	var w strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&w, format, args...) }
	downlink := "one 9 Mbit/s downlink shared fairly by all connections"
	if r.perConn {
		downlink = "a 9 Mbit/s downlink per connection (AGENDA_BENCH_PER_CONN=1)"
	}
	p("\nAgenda site-embed page load in headless %s; medians of %d fresh browsers (fresh --user-data-dir each)\n", r.chrome, r.runs)
	p("Sites written by web.Site as agenda site writes them (brotli -q 11), served by web.Handler over loopback HTTP/1.1 (no TLS).\n")
	p("throttled, emulated at the server's listener: +1 round trip per new connection (handshake), +85 ms each way,\n")
	p("  %s; no slow start, loss or TLS.\n", downlink)
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		p("Load average when printed (other work on the machine adds noise): %s", load)
	}
	if r.widgetRaw > 0 {
		match := "identical to the widget the site was written from"
		if !r.widgetMatch {
			match = "DIFFERS from the widget the site was written from"
		}
		p("\nData-free widget: the demo site's wasm minus its %s custom section (%s)\n", web.BundleSection, match)
		p("  raw %s B, brotli -q 11 %s B = %.1f KiB   aim <= %d KiB  %s\n", thousands(r.widgetRaw), thousands(r.widgetBr),
			float64(r.widgetBr)/1024, aimWidgetBrotliKiB, verdict(float64(r.widgetBr)/1024, aimWidgetBrotliKiB))
	}
	if len(r.sites) > 0 {
		p("\n%-8s %8s %12s %12s %12s %12s\n", "site", "sessions", "index.html", "wasm", "wasm.br", "programme")
		for _, s := range r.sites {
			p("%-8s %8d %8.1f KiB %8.1f KiB %8.1f KiB %8.1f KiB\n",
				s.programme, s.sessions, float64(s.index)/1024, float64(s.wasm)/1024, float64(s.wasmBr)/1024, float64(s.bundle)/1024)
		}
		p("(the pages, agenda.js and the wasm go out as their brotli copies)\n")
	}
	if len(r.rows) == 0 {
		fmt.Print(w.String())
		return
	}
	p("\nTimes in ms from the navigation's start (the page's performance.now()); bytes in kB (1000).\n")
	p("  visit    first: index.html, cold. sw: offline.html after its service worker was installed, every connection closed and the\n")
	p("           worker stopped. again: offline.html at once once more (worker running, connections open).\n")
	p("           sw-nocache: as sw with the HTTP cache emptied (the worker answers from its own cache all the same).\n")
	p("  session  when the first [data-session] was painted; how, counted per run: E Element Timing renderTime (the probe sets\n")
	p("           elementtiming as the parser inserts it; Chromium leaves the entry out on some visits), else F first-contentful-paint\n")
	p("           when the first frame with a session laid out in the viewport began before it, else R the rAF time of the next frame.\n")
	p("  FCP      first-contentful-paint. inFCP: runs whose session painted at FCP (a check on the E runs; F runs are FCP by rule).\n")
	p("  frame    rAF time of the first frame with a session laid out in the viewport (before that frame's paint).\n")
	p("  static   runs whose first session shown was the static first paint, not the widget's.\n")
	p("  ready    agenda:ready. ttfb/html: the page's responseStart/responseEnd. css: a stylesheet's responseEnd (0: inline,\n")
	p("           nothing to wait for). wasm: the wasm's responseEnd.\n")
	p("  wire     bytes the server's listener sent during the visit (headers included, the service worker's requests too).\n")
	p("  xfer     navigation + resource transferSize as the page sees them; under a service worker it reports 0 or the page's size\n")
	p("           whatever the network carried, so wire is the figure to read.\n")
	p("  aim      first: session <= %.1f x pretalx's widget on the same programme: pretalx took %d ms on loopback and %d ms\n", aimVsPretalx, pretalxLoopbackMs, pretalxThrottledMs)
	p("           throttled for EuroRust's list (an earlier harness; reference figures, pretalx cannot run here).\n")
	p("           sw, throttled: session < %d ms.\n\n", aimSecondVisitMs)
	p("%-7s %-9s %-10s %2s %7s %-6s %6s %5s %6s %6s %7s %6s %6s %6s %6s %8s %8s  %-7s %s\n",
		"prog", "network", "visit", "n", "session", "how", "FCP", "inFCP", "frame", "static", "ready", "ttfb", "html", "css", "wasm", "wire kB", "xfer kB", "aim", "")
	for _, row := range r.rows {
		m := row.med
		aim, v := "-", ""
		if row.aim > 0 {
			aim, v = fmt.Sprintf("<= %.0f", row.aim), verdict(m.Session, row.aim)
		}
		var how string
		for _, k := range []string{"E", "F", "R"} {
			if row.methods[k] > 0 {
				how += strconv.Itoa(row.methods[k]) + k
			}
		}
		p("%-7s %-9s %-10s %2d %7.0f %-6s %6.0f %2d/%-2d %6.0f %3d/%-2d %7.0f %6.0f %6.0f %6.0f %6.0f %8.1f %8.1f  %-7s %s\n",
			row.programme, row.network, row.visit, row.n, m.Session, how, m.FCP, row.inFCP, row.n, m.Frame, row.static, row.n,
			m.Ready, m.TTFB, m.HTML, m.CSS, m.Wasm, m.Wire/1000, m.Transfer/1000, aim, v)
	}
	fmt.Print(w.String())
}

// netem is the test server's listener: it counts the bytes the server sends
// and, given a round trip or a bandwidth, emulates a slower network on each
// connection it accepts. The server gets one end of a net.Pipe (which has
// the deadlines net/http needs); pumps carry the bytes between the other
// end and Chromium's TCP connection:
//
//   - up (Chromium to server): bytes are handed on half a round trip after
//     they came, and the first not before the connection is a round trip
//     old (the TCP handshake comes first);
//   - down (server to Chromium): bytes queue for the downlink, which sends
//     at bps, round-robin in 4 KiB slices between the connections with
//     something to send, and each slice arrives half a round trip after it
//     left the downlink.
type netem struct {
	net.Listener
	rtt     time.Duration
	bps     float64
	perConn bool
	shared  *emLink // every connection's downlink, unless perConn
	wire    atomic.Int64
}

func newNetem(l net.Listener, rtt time.Duration, bps float64, perConn bool) *netem {
	n := &netem{Listener: l, rtt: rtt, bps: bps, perConn: perConn}
	if !perConn && (rtt > 0 || bps > 0) {
		n.shared = newEmLink(bps, rtt/2, false)
	}
	return n
}

func (n *netem) Close() error {
	if n.shared != nil {
		n.shared.close()
	}
	return n.Listener.Close()
}

func (n *netem) Accept() (net.Conn, error) {
	c, err := n.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if n.rtt == 0 && n.bps == 0 {
		return &emCountingConn{Conn: c, n: &n.wire}, nil
	}
	l := n.shared
	if n.perConn {
		l = newEmLink(n.bps, n.rtt/2, true)
	}
	server, inner := net.Pipe()
	go n.up(c, inner, time.Now())
	go n.down(inner, l.add(c))
	return &emPipeConn{Conn: server, local: c.LocalAddr(), remote: c.RemoteAddr()}, nil
}

type emPacket struct {
	at   time.Time // when it was sent; on the way out of the downlink, when it arrives
	data []byte
}

func (n *netem) up(c, inner net.Conn, accepted time.Time) {
	q := make(chan emPacket, 1024)
	go func() {
		defer inner.Close()
		for p := range q {
			time.Sleep(time.Until(p.at))
			if _, err := inner.Write(p.data); err != nil {
				break
			}
		}
		for range q {
		}
	}()
	buf := make([]byte, 32<<10)
	for {
		k, err := c.Read(buf)
		if k > 0 {
			at := time.Now()
			if open := accepted.Add(n.rtt); at.Before(open) {
				at = open
			}
			q <- emPacket{at.Add(n.rtt / 2), bytes.Clone(buf[:k])}
		}
		if err != nil {
			close(q)
			return
		}
	}
}

func (n *netem) down(inner net.Conn, f *emFlow) {
	buf := make([]byte, 32<<10)
	for {
		k, err := inner.Read(buf)
		if k > 0 {
			n.wire.Add(int64(k))
			f.link.push(f, emPacket{time.Now(), bytes.Clone(buf[:k])})
		}
		if err != nil {
			f.link.finish(f)
			inner.Close()
			return
		}
	}
}

// emLink is a downlink of bps bits per second and a one-way delay.
type emLink struct {
	bps       float64
	delay     time.Duration
	ephemeral bool // one connection's: it stops when that connection ends
	wake      chan struct{}
	stop      chan struct{}
	stopOnce  sync.Once

	mu    sync.Mutex
	flows []*emFlow
	next  int
}

// emFlow is one connection's way down.
type emFlow struct {
	link    *emLink
	conn    net.Conn
	pending []emPacket // written by the server, not yet sent by the downlink
	done    bool       // the server closed: close conn once all is delivered
	out     chan emPacket
}

// emQuantum is the slice of one connection's bytes the downlink sends
// before the next connection's turn.
const emQuantum = 4 << 10

func newEmLink(bps float64, delay time.Duration, ephemeral bool) *emLink {
	l := &emLink{bps: bps, delay: delay, ephemeral: ephemeral, wake: make(chan struct{}, 1), stop: make(chan struct{})}
	go l.run()
	return l
}

func (l *emLink) close() { l.stopOnce.Do(func() { close(l.stop) }) }

func (l *emLink) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

func (l *emLink) add(c net.Conn) *emFlow {
	f := &emFlow{link: l, conn: c, out: make(chan emPacket, 1<<14)}
	go f.deliver()
	l.mu.Lock()
	l.flows = append(l.flows, f)
	l.mu.Unlock()
	return f
}

func (l *emLink) push(f *emFlow, p emPacket) {
	l.mu.Lock()
	f.pending = append(f.pending, p)
	l.mu.Unlock()
	l.signal()
}

func (l *emLink) finish(f *emFlow) {
	l.mu.Lock()
	f.done = true
	l.mu.Unlock()
	l.signal()
}

// take returns the next slice to send, round-robin, and ends the flows that
// are done with nothing left.
func (l *emLink) take() (*emFlow, emPacket, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := 0; i < len(l.flows); {
		if f := l.flows[i]; f.done && len(f.pending) == 0 {
			close(f.out)
			l.flows = slices.Delete(l.flows, i, i+1)
			if l.ephemeral && len(l.flows) == 0 {
				l.close()
			}
			continue
		}
		i++
	}
	for range l.flows {
		l.next %= len(l.flows)
		f := l.flows[l.next]
		l.next++
		if len(f.pending) == 0 {
			continue
		}
		p := f.pending[0]
		if len(p.data) > emQuantum {
			f.pending[0].data = p.data[emQuantum:]
			p.data = p.data[:emQuantum]
		} else {
			f.pending = f.pending[1:]
		}
		return f, p, true
	}
	return nil, emPacket{}, false
}

func (l *emLink) run() {
	var free time.Time // when the downlink has sent all it was given
	for {
		f, p, ok := l.take()
		if !ok {
			select {
			case <-l.wake:
				continue
			case <-l.stop:
				return
			}
		}
		start := p.at // the downlink was idle when the server wrote it
		if free.After(start) {
			start = free // or busy with what came before
		}
		free = start
		if l.bps > 0 {
			free = start.Add(time.Duration(float64(len(p.data)*8) / l.bps * float64(time.Second)))
		}
		f.out <- emPacket{free.Add(l.delay), p.data}
		time.Sleep(time.Until(free))
	}
}

func (f *emFlow) deliver() {
	defer f.conn.Close()
	for p := range f.out {
		time.Sleep(time.Until(p.at))
		if _, err := f.conn.Write(p.data); err != nil {
			f.conn.Close() // Chromium went away: the way up sees it and closes the server's end
			break
		}
	}
	for range f.out {
	}
}

// emPipeConn is the server's end of a net.Pipe, with the TCP connection's
// addresses.
type emPipeConn struct {
	net.Conn
	local, remote net.Addr
}

func (c *emPipeConn) LocalAddr() net.Addr  { return c.local }
func (c *emPipeConn) RemoteAddr() net.Addr { return c.remote }

// emCountingConn counts what the server writes.
type emCountingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *emCountingConn) Write(p []byte) (int, error) {
	k, err := c.Conn.Write(p)
	c.n.Add(int64(k))
	return k, err
}

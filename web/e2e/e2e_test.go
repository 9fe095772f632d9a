package e2e

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/web"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/zola"
)

const chromium = "/usr/bin/chromium"

var (
	baseURL   string // the test site, served over loopback by web.Handler (agenda serve)
	staticURL string // the same site from a plain static host: only the headers in _headers
	skip      string // why every test skips, when it does
	siteDir   string // the served site folder (the benchmarks add files to it)
	widget    []byte // the data-free widget
	wasmExec  []byte // the toolchain's wasm_exec.js
	setup     error  // why every test fails, when it does
)

// TestMain builds the widget (or takes $AGENDA_E2E_WASM, a data-free widget
// built already, as make test passes it), writes the demo's site with
// web.Site, as agenda site does, adds a few test pages, and serves it on
// loopback twice: through web.Handler, and through a plain static host.
func TestMain(m *testing.M) {
	flag.Parse()
	switch _, err := os.Stat(chromium); {
	case testing.Short():
		skip = "end-to-end tests skip in -short mode"
	case err != nil:
		skip = "end-to-end tests need Chromium at " + chromium + ": " + err.Error()
	}
	if skip != "" {
		os.Exit(m.Run())
	}
	tmp, err := os.MkdirTemp("", "agenda-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dir := filepath.Join(tmp, "site")
	siteDir = dir
	setup = buildSite(tmp, dir)
	srv := httptest.NewServer(web.Handler(dir))
	baseURL = srv.URL
	plain := httptest.NewServer(staticHost(dir))
	staticURL = plain.URL
	code := m.Run()
	srv.Close()
	plain.Close()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// readWidget builds the data-free widget, or reads $AGENDA_E2E_WASM, and
// the toolchain's wasm_exec.js.
func readWidget(tmp string) error {
	wasmFile := os.Getenv("AGENDA_E2E_WASM")
	if wasmFile == "" {
		wasmFile = filepath.Join(tmp, "agenda.wasm")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-gcflags=all=-l", "-o", wasmFile, "./cmd/widget") // as make builds it
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("GOOS=js GOARCH=wasm go build ./cmd/widget: %v\n%s", err, out)
		}
	}
	var err error
	if widget, err = os.ReadFile(wasmFile); err != nil {
		return err
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec, err = os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	return err
}

// writeSite writes the site of the programme at path into dir, as agenda site
// does (brotli at quality 4: 11 takes tens of seconds, and the browser
// decodes any quality).
func writeSite(dir string, s *model.Schedule) (web.Written, error) {
	return web.Site{Widget: widget, WasmExec: wasmExec, Schedule: s, BrotliQuality: 4}.Write(dir)
}

func demo() (*model.Schedule, error) {
	s, d := zola.Read("../../content", zola.Options{})
	if d.HasErrors() {
		return nil, fmt.Errorf("content/: %v", d)
	}
	return s, nil
}

func buildSite(tmp, dir string) error {
	if err := readWidget(tmp); err != nil {
		return err
	}
	s, err := demo()
	if err != nil {
		return err
	}
	if _, err := writeSite(dir, s); err != nil {
		return err
	}
	loader, err := os.ReadFile(filepath.Join(dir, web.LoaderFile))
	if err != nil {
		return err
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return err
	}
	// blank.html: the globals of a page without us. broken/: agenda.js
	// whose wasm is missing; nowasm/ the same under the site's own page.
	// two.html: two widgets on one page; badsrc.html: one of them with a src
	// that answers 404. sandboxed.html: the page in an iframe sandboxed
	// without allow-same-origin, where storage throws.
	files := map[string]string{
		"nowasm/index.html": string(index),
		"nowasm/agenda.js":  string(loader),
		"badsrc.html": `<!doctype html><html lang="en"><meta charset="utf-8"><title>bad src</title><script src="agenda.js" async></script>
<h1>A bad src</h1><agenda-schedule id="good" view="list"></agenda-schedule><agenda-schedule id="bad" src="no/such/bundle.bin"></agenda-schedule>`,
		// The frame runs in a process of its own, out of the test's sight: it
		// tells its parent how the widget fared.
		"sandboxed.html": `<!doctype html><html lang="en"><meta charset="utf-8"><title>sandboxed</title>
<script>addEventListener("message", (e) => { document.body.dataset.frame = String(e.data); });</script>
<h1>A partner's sandboxed frame</h1><iframe sandbox="allow-scripts" src="framed.html" title="The schedule" width="1000" height="700"></iframe>`,
		"framed.html": `<!doctype html><html lang="en"><meta charset="utf-8"><title>framed</title><script src="agenda.js" async></script>
<script>
let storage;
try { localStorage.length; storage = "storage works"; } catch (e) { storage = "storage throws"; }
document.addEventListener("agenda:ready", (e) => parent.postMessage("ready, " + e.target.shadowRoot.querySelectorAll("[data-session]").length + " sessions, " + storage, "*"));
</script>
<h1>Framed</h1><agenda-schedule view="list"></agenda-schedule>`,
		"blank.html":        `<!doctype html><title>blank</title>`,
		"broken/index.html": `<!doctype html><title>broken</title><script src="agenda.js" async></script><agenda-schedule><a id="fallback" href="../schedule/">The schedule</a></agenda-schedule>`,
		"broken/agenda.js":  string(loader),
		"two.html": `<!doctype html><html lang="en"><meta charset="utf-8"><title>two</title><script src="agenda.js" async></script>
<h1>Two schedules</h1><agenda-schedule id="one" view="list"></agenda-schedule><agenda-schedule id="two" view="list" room="Side Stage"></agenda-schedule>`,
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// watch runs in every page before its own scripts: it turns what the tests
// look for into console messages, so that it adds no global of its own.
const watch = `
document.addEventListener("securitypolicyviolation", (e) =>
	console.error("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI));
for (const type of ["agenda:ready", "agenda:select", "agenda:favourite"])
	document.addEventListener(type, (e) => console.debug(type, e.target.id || e.target.localName));
`

// browser is one headless Chromium with a fresh profile, and what its pages
// printed.
type browser struct {
	ctx context.Context
	mu  sync.Mutex
	log []message
}

type message struct {
	kind string // console.error, console.debug, ..., exception, log.error, log.warning
	text string
}

func (m message) String() string { return m.kind + ": " + m.text }

// chromiumOptions starts Debian's Chromium headless, as root, with nothing
// that reaches for the network, in the given fresh profile.
func chromiumOptions(profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	return append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
	}, extra...)
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if skip != "" {
		t.Skip(skip)
	}
	if setup != nil {
		t.Fatal(setup)
	}
	// A fresh profile per browser. Not t.TempDir: Chromium's helper
	// processes may still be writing into it for a moment after it quits,
	// which would fail the test; we retry the removal instead.
	profile, err := os.MkdirTemp("", "agenda-e2e-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromiumOptions(profile)...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(ctx)
	t.Cleanup(cancelCtx)
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		var m message
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				if a.Type == runtime.TypeString {
					parts = append(parts, strings.Trim(string(a.Value), `"`))
				} else if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			m = message{"console." + string(ev.Type), strings.Join(parts, " ")}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			m = message{"exception", text}
		case *cdplog.EventEntryAdded:
			m = message{"log." + string(ev.Entry.Level), string(ev.Entry.Source) + ": " + ev.Entry.Text + " " + ev.Entry.URL}
		default:
			return
		}
		b.mu.Lock()
		b.log = append(b.log, m)
		b.mu.Unlock()
	})
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(watch).Do(ctx)
		return err
	})); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, m := range b.messages("") {
				t.Log(m)
			}
		}
	})
	return b
}

// messages returns what the pages printed, of kinds starting with prefix.
func (b *browser) messages(prefix string) []message {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []message
	for _, m := range b.log {
		if strings.HasPrefix(m.kind, prefix) {
			out = append(out, m)
		}
	}
	return out
}

// errors returns console errors, uncaught exceptions and the browser's own
// error reports (CSP violations among them).
func (b *browser) errors() []message {
	var out []message
	for _, m := range b.messages("") {
		if strings.Contains(m.text, "/favicon.ico") {
			continue // test pages have no icon; Chromium asks anyway
		}
		if m.kind == "console.error" || m.kind == "exception" || m.kind == "log.error" {
			out = append(out, m)
		}
	}
	return out
}

// open navigates to path on the test site, or to path itself when it is a URL.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	url := path
	if !strings.Contains(path, "://") {
		url = baseURL + path
	}
	if err := chromedp.Run(b.ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
}

// eval evaluates a JavaScript expression, awaiting it if it is a promise.
func (b *browser) eval(t *testing.T, expr string, out any) {
	t.Helper()
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(expr, out, await)); err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
}

// waitState waits until every agenda-schedule on the page has left
// data-state=loading and fails unless each has data-state=want.
func (b *browser) waitState(t *testing.T, want string) {
	t.Helper()
	const expr = `(() => {
		const els = [...document.querySelectorAll("agenda-schedule")];
		return els.length > 0 && els.every((el) => el.dataset.state && el.dataset.state !== "loading");
	})()`
	var done bool
	err := chromedp.Run(b.ctx, chromedp.Poll(expr, &done, chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	var states []string
	b.eval(t, `[...document.querySelectorAll("agenda-schedule")].map((el) => (el.id || "agenda-schedule") + "=" + (el.dataset.state || ""))`, &states)
	if err != nil {
		t.Fatalf("agenda-schedule still loading (%v): %v", states, err)
	}
	for _, s := range states {
		if !strings.HasSuffix(s, "="+want) {
			t.Fatalf("states %v, want all %s", states, want)
		}
	}
}

// sessions counts [data-session] elements in each instance's shadow root.
func (b *browser) sessions(t *testing.T) []int {
	t.Helper()
	var n []int
	b.eval(t, `[...document.querySelectorAll("agenda-schedule")].map((el) =>
		el.shadowRoot ? el.shadowRoot.querySelectorAll("[data-session]").length : -1)`, &n)
	return n
}

// newGlobals lists the window properties of the page at origin+path that a
// blank page of the same origin lacks.
func (b *browser) newGlobals(t *testing.T, origin, path string) []string {
	t.Helper()
	var blank, got []string
	b.open(t, origin+"/blank.html")
	b.eval(t, `Object.getOwnPropertyNames(window)`, &blank)
	b.open(t, origin+path)
	b.waitState(t, "ready")
	b.eval(t, `Object.getOwnPropertyNames(window)`, &got)
	var added []string
	for _, name := range got {
		if !slices.Contains(blank, name) {
			added = append(added, name)
		}
	}
	slices.Sort(added)
	return added
}

func TestDemoPage(t *testing.T) {
	b := newBrowser(t)
	added := b.newGlobals(t, baseURL, "/")
	if !slices.Equal(added, []string{"Agenda"}) {
		t.Errorf("globals the demo page gained: %v, want only Agenda", added)
	}
	var absent bool
	b.eval(t, `["fs", "process", "path", "Go", "__agendaReady"].every((k) => !(k in window))`, &absent)
	if !absent {
		t.Error("wasm_exec.js's globals (fs, process, path, Go) or __agendaReady leaked onto window")
	}
	if n := b.sessions(t); len(n) != 1 || n[0] < 1 {
		t.Errorf("[data-session] elements in the shadow root: %v, want at least 1", n)
	}
	var api struct {
		Version string
		Ready   bool
		Mount   string
	}
	b.eval(t, `Agenda.ready.then((a) => ({version: Agenda.version, ready: a === Agenda, mount: typeof Agenda.mount}))`, &api)
	if api.Version == "" || !api.Ready || api.Mount != "function" {
		t.Errorf("Agenda after ready: %+v, want a version, ready resolving to Agenda, and mount", api)
	}
	var fallbackHidden bool
	b.eval(t, `(() => { const a = document.querySelector("agenda-schedule a"); return !a || a.getClientRects().length === 0; })()`, &fallbackHidden)
	if !fallbackHidden {
		t.Error("the fallback link is still visible after the widget mounted")
	}
	if got := b.messages("console.debug"); !slices.ContainsFunc(got, func(m message) bool { return strings.HasPrefix(m.text, "agenda:ready") }) {
		t.Errorf("no agenda:ready event reached document (composed, bubbles); debug messages: %v", got)
	}
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// TestMountAPI mounts by hand, before and after the runtime is ready, and
// checks that mounting twice gives the same handle.
func TestMountAPI(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/blank.html")
	var res struct {
		Early, Late string
		Same        bool
		Handle      []string
	}
	b.eval(t, `new Promise((resolve, reject) => {
		const s = document.createElement("script");
		s.src = "agenda.js";
		s.onerror = reject;
		s.onload = async () => {
			const early = document.createElement("div");
			document.body.append(early);
			const h = Agenda.mount(early, { view: "list" });
			const same = Agenda.mount(early, { view: "list" }) === h;
			await Agenda.ready;
			const late = document.createElement("div");
			document.body.append(late);
			Agenda.mount(late, { view: "grid" });
			await new Promise((r) => setTimeout(r, 200));
			resolve({ early: early.dataset.state, late: late.dataset.state, same, handle: Object.keys(h).sort() });
		};
		document.head.append(s);
	})`, &res)
	if res.Early != "ready" || res.Late != "ready" || !res.Same || !slices.Equal(res.Handle, []string{"destroy", "set"}) {
		t.Errorf("Agenda.mount: %+v, want both ready, the same handle twice, with set and destroy", res)
	}
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// TestPartnerPage: the partner's page on its own origin, the widget from a
// plain static host that sends only the headers in _headers; a strict CSP,
// hostile global CSS, and the partner's own Go program with the stock
// wasm_exec.js and its window.Go, window.fs, window.process, window.path.
func TestPartnerPage(t *testing.T) {
	b := newBrowser(t)
	origin := partnerSite(t)
	added := b.newGlobals(t, origin, "/")
	if want := []string{"Agenda", "Go", "fs", "partnerAdd", "path", "process"}; !slices.Equal(added, want) {
		t.Errorf("globals of the partner page: %v, want %v (theirs and Agenda)", added, want)
	}
	var theirs bool
	b.eval(t, `partnerAdd(2, 3) === 5 && typeof window.fs.writeSync === "function" && window.Go === partnerGo.constructor`, &theirs)
	if !theirs {
		t.Error("the partner's own Go program stopped answering, or its globals changed")
	}
	if n := b.sessions(t); len(n) != 2 || n[0] < 1 || n[1] < 1 {
		t.Errorf("[data-session] elements per instance: %v, want two instances with at least 1 each", n)
	}
	// Inside the shadow roots, nothing of partner.css: not its font, colour,
	// letter spacing, nor its display:none on buttons.
	var leaks []string
	b.eval(t, `[...document.querySelectorAll("agenda-schedule")].flatMap((host) => {
		const out = [];
		for (const el of host.shadowRoot.querySelectorAll("[data-session], [data-session] *")) {
			const s = getComputedStyle(el);
			const what = host.id + " <" + el.localName + (el.className ? "." + el.className : "") + ">";
			const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
			if (text && /comic/i.test(s.fontFamily)) out.push(what + " font-family " + s.fontFamily);
			if (text && s.color === "rgb(255, 0, 0)") out.push(what + " color red");
			// partner.css spaces letters by 0.2em; our own small caps use less.
			if (text && Math.abs(parseFloat(s.letterSpacing) / parseFloat(s.fontSize) - 0.2) < 0.01) out.push(what + " letter-spacing " + s.letterSpacing);
			if (el.localName === "button" && s.display === "none" && !el.hidden) out.push(what + " display none");
		}
		return out.slice(0, 5);
	})`, &leaks)
	if len(leaks) > 0 {
		t.Errorf("the partner's CSS leaked into the widget: %v", leaks)
	}
	for _, m := range b.errors() {
		t.Errorf("%v", m) // CSP violations arrive as console errors and log errors
	}
	for _, m := range b.messages("log.") {
		if strings.Contains(m.text, "Content Security Policy") || strings.Contains(m.text, "Content-Security-Policy") {
			t.Errorf("CSP: %v", m)
		}
	}
}

// TestMissingWasm: agenda.wasm answers 404. Every element says so, keeps its
// fallback link visible, and the loader logs one error.
func TestMissingWasm(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/broken/")
	b.waitState(t, "error")
	var visible bool
	b.eval(t, `document.getElementById("fallback").getClientRects().length > 0 && !document.querySelector("agenda-schedule").shadowRoot`, &visible)
	if !visible {
		t.Error("the fallback link is not visible, or a shadow root hides it")
	}
	var ready string
	b.eval(t, `Agenda.ready.then(() => "resolved", (e) => "rejected: " + e.message)`, &ready)
	if !strings.HasPrefix(ready, "rejected") {
		t.Errorf("Agenda.ready: %s, want rejected", ready)
	}
	errs := b.messages("console.error")
	if len(errs) != 1 || !strings.HasPrefix(errs[0].text, "agenda.js:") || !strings.Contains(errs[0].text, "404") {
		t.Errorf("console errors: %v, want one from agenda.js naming the 404", errs)
	}
	if ex := b.messages("exception"); len(ex) > 0 {
		t.Errorf("uncaught: %v", ex)
	}
}

// TestAttributes: attributes are options, changed live; moving the element
// keeps its mount.
func TestAttributes(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	b.waitState(t, "ready")
	const visible = `[...document.querySelector("agenda-schedule").shadowRoot.querySelectorAll("[data-session]")]
		.filter((el) => el.getClientRects().length > 0).length`
	var all int
	b.eval(t, visible, &all)
	if all == 0 {
		t.Fatal("no session is visible")
	}
	// until polls until expr is true, and reports what it waited for if not.
	until := func(expr, what string) {
		t.Helper()
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Poll(expr, &ok, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			var n int
			b.eval(t, visible, &n)
			t.Errorf("%s: %d sessions visible (%v)", what, n, err)
		}
	}
	b.eval(t, `document.querySelector("agenda-schedule").setAttribute("q", "zqxjkv no such session"), true`, new(bool))
	until(visible+` === 0`, "q matching nothing")
	b.eval(t, `document.querySelector("agenda-schedule").removeAttribute("q"), true`, new(bool))
	until(fmt.Sprintf("%s === %d", visible, all), fmt.Sprintf("q removed: want all %d back", all))

	var moved struct {
		State    string
		Sessions int
	}
	b.eval(t, `(async () => {
		const el = document.querySelector("agenda-schedule");
		document.body.append(el); // a move: disconnected, then connected again
		await new Promise((r) => setTimeout(r, 100));
		return { state: el.dataset.state, sessions: el.shadowRoot.querySelectorAll("[data-session]").length };
	})()`, &moved)
	if moved.State != "ready" || moved.Sessions == 0 {
		t.Errorf("after a move: %+v, want still ready with its sessions", moved)
	}
	// Removed (destroyed), then put back: a second mount of the same element.
	b.eval(t, `(async () => {
		const el = document.querySelector("agenda-schedule");
		el.remove();
		await new Promise((r) => setTimeout(r, 100));
		document.body.append(el);
		return true;
	})()`, new(bool))
	until(`document.querySelector("agenda-schedule").dataset.state === "ready" && `+visible+` > 0`, "removed and put back: want ready with sessions")
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

package e2e

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/web"
)

// until evaluates a JavaScript expression until it is true, failing with
// what it waited for. It outlives navigations: an evaluation that fails
// while a page is replaced is tried again.
func (b *browser) until(t *testing.T, expr, what string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var ok bool
		if err = chromedp.Run(b.ctx, chromedp.Evaluate(`(() => { try { return !!(`+expr+`); } catch (e) { return false; } })()`, &ok)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s (last error %v)", what, err)
}

// in is an expression for the element matching sel in the shadow root of the
// agenda-schedule matching host.
func in(host, sel string) string {
	return `document.querySelector(` + quote(host) + `).shadowRoot.querySelector(` + quote(sel) + `)`
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// visibleSessions is an expression for the slugs of the sessions shown by
// the widget matching host.
func visibleSessions(host string) string {
	return `[...document.querySelector(` + quote(host) + `).shadowRoot.querySelectorAll("[data-session]")]
		.filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden").map((el) => el.dataset.session)`
}

// TestFirstPaint: the page agenda site writes shows the whole programme
// before the wasm arrives (here: never arrives), as plain HTML inside
// <agenda-schedule>, marked like the widget's sessions.
func TestFirstPaint(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/nowasm/")
	b.waitState(t, "error")
	var shown []string
	b.eval(t, `[...document.querySelectorAll("agenda-schedule [data-session]")].filter((el) => el.getClientRects().length > 0).map((el) => el.dataset.session)`, &shown)
	s, err := demo()
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != len(s.Sessions) || !strings.Contains(strings.Join(shown, " "), "production-unsafe-rust") {
		t.Errorf("fallback sessions visible: %d, want all %d with the seed talk", len(shown), len(s.Sessions))
	}
	var link string
	b.eval(t, `document.querySelector("agenda-schedule a[href='schedule/']").href`, &link)
	res, err := http.Get(strings.Replace(link, "/nowasm/", "/", 1))
	if err != nil || res.StatusCode != 200 {
		t.Errorf("the fallback's link to the static schedule: %v %v", res.Status, err)
	}
}

// TestSiteEmbed walks the site-embed page as an attendee does: the static
// first paint gives way to the widget without a layout jump; they pick a day,
// search, open a session, star it, and after a reload the star is kept.
func TestSiteEmbed(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	b.waitState(t, "ready")
	var cls float64
	b.eval(t, `new Promise((resolve) => {
		let sum = 0;
		new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
			.observe({ type: "layout-shift", buffered: true });
		requestAnimationFrame(() => requestAnimationFrame(() => resolve(sum)));
	})`, &cls)
	if cls >= 0.05 {
		t.Errorf("cumulative layout shift %.3f as the widget took over, want under 0.05", cls)
	}
	host := "agenda-schedule"
	b.eval(t, `(() => { const d = `+in(host, "#f-day")+`; d.focus(); d.dispatchEvent(new FocusEvent("focusin", { bubbles: true, composed: true }));
		d.value = [...d.options].find((o) => o.textContent.includes("Friday")).value;
		d.dispatchEvent(new Event("change", { bubbles: true })); return true; })()`, new(bool))
	b.until(t, visibleSessions(host)+`.length > 0 && !`+visibleSessions(host)+`.includes("threads-of-silk")`, "Friday only (threads-of-silk is on Thursday)")
	b.eval(t, `(() => { const q = `+in(host, "#q")+`; q.value = "traboules"; q.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`, new(bool))
	b.until(t, `JSON.stringify(`+visibleSessions(host)+`) === '["lifetimes-explained-with-traboules"]'`, "one result for \"traboules\" on Friday")
	b.eval(t, in(host, `[data-session="lifetimes-explained-with-traboules"] .open`)+`.click(), true`, new(bool))
	b.until(t, in(host, "#dlg")+`.open`, "the session's dialog")
	b.eval(t, `(() => { const d = `+in(host, "#dlg")+`; d.close(); return true; })()`, new(bool))
	b.eval(t, in(host, `[data-session="lifetimes-explained-with-traboules"] .star`)+`.click(), true`, new(bool))
	b.until(t, in(host, `[data-session="lifetimes-explained-with-traboules"] .star`)+`.getAttribute("aria-pressed") === "true"`, "the star pressed")

	if err := chromedp.Run(b.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	b.waitState(t, "ready")
	b.until(t, in(host, `[data-session="lifetimes-explained-with-traboules"] .star`)+`.getAttribute("aria-pressed") === "true"`, "the star kept after a reload")
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	// The wasm preloaded by the page is the one the loader fetches: Chromium
	// warns about a preload nobody used, or a second download.
	var fetches int
	b.eval(t, `performance.getEntriesByType("resource").filter((e) => /agenda\.[0-9a-f]+\.wasm$/.test(e.name)).length`, &fetches)
	if fetches != 1 {
		t.Errorf("the wasm was fetched %d times on one page load, want 1", fetches)
	}
	for _, m := range b.messages("log.warning") {
		if strings.Contains(m.text, "preload") {
			t.Errorf("%v", m)
		}
	}
}

// TestTwoInstances: two widgets on one page, each with its own filters, from
// one runtime.
func TestTwoInstances(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/two.html")
	b.waitState(t, "ready")
	var one, two []string
	b.eval(t, visibleSessions("#one"), &one)
	b.eval(t, visibleSessions("#two"), &two)
	if len(one) == 0 || len(two) == 0 || len(two) >= len(one) {
		t.Errorf("sessions shown: %d and %d, want all in the first and Side Stage's fewer in the second", len(one), len(two))
	}
	b.eval(t, `document.getElementById("two").setAttribute("q", "firmware"), true`, new(bool))
	b.until(t, `JSON.stringify(`+visibleSessions("#two")+`) === '["firmware-on-rails"]'`, "the second widget's search")
	var after []string
	b.eval(t, visibleSessions("#one"), &after)
	if len(after) != len(one) {
		t.Errorf("searching the second widget changed the first: %d sessions, want %d", len(after), len(one))
	}
}

// TestBadSrc: a widget whose src answers 404 says so on its own element; the
// other widget on the page keeps working, and a later mount succeeds.
func TestBadSrc(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/badsrc.html")
	b.until(t, `document.getElementById("good").dataset.state === "ready" && document.getElementById("bad").dataset.state === "error"`, "one widget ready, the other in error")
	var msg string
	b.eval(t, `document.getElementById("bad").shadowRoot.querySelector("[role=alert]").textContent`, &msg)
	if !strings.Contains(msg, "no/such/bundle.bin") || !strings.Contains(msg, "404") {
		t.Errorf("the error says %q, want the src and the 404", msg)
	}
	b.eval(t, `document.getElementById("good").setAttribute("q", "traboules"), true`, new(bool))
	b.until(t, `JSON.stringify(`+visibleSessions("#good")+`) === '["lifetimes-explained-with-traboules"]'`, "the good widget's search after the bad one failed")
	b.eval(t, `(() => { const el = document.createElement("div"); el.id = "later"; document.body.append(el); Agenda.mount(el, { room: "Side Stage" }); return true; })()`, new(bool))
	b.until(t, `document.getElementById("later").dataset.state === "ready" && `+visibleSessions("#later")+`.length > 0`, "a later mount")
	// The bad one can be pointed at a good bundle.
	b.eval(t, `document.getElementById("bad").setAttribute("src", "agenda.bin"), true`, new(bool))
	b.until(t, `document.getElementById("bad").dataset.state === "ready" && `+visibleSessions("#bad")+`.length > 0`, "the bad widget after its src was fixed")
	if ex := b.messages("exception"); len(ex) > 0 {
		t.Errorf("uncaught: %v", ex)
	}
}

// TestSandboxedFrame: in an iframe sandboxed without allow-same-origin, the
// page's storage throws on every access; the widget mounts all the same.
func TestSandboxedFrame(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/sandboxed.html")
	b.until(t, `document.body.dataset.frame`, "a word from the sandboxed frame")
	var said string
	b.eval(t, `document.body.dataset.frame`, &said)
	if !strings.HasPrefix(said, "ready, ") || strings.HasPrefix(said, "ready, 0 ") || !strings.HasSuffix(said, "storage throws") {
		t.Errorf("the frame says %q, want ready with sessions, in a frame where storage throws", said)
	}
}

// TestOffline: the attendee opens offline.html once, stars a session; the
// server goes down; a reload shows the whole schedule and the star. A new
// build is deployed and the server comes back: the open page offers a
// reload, and the reload shows the new programme. All under a sub-path.
func TestOffline(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	s, err := demo()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writeSite(dir, s); err != nil {
		t.Fatal(err)
	}
	const prefix = "/2026/schedule"
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, web.Handler(dir)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		srv.Close()
	}
	t.Cleanup(func() { stop() })
	offline := "http://" + addr + prefix + "/offline.html"

	b.open(t, offline)
	b.waitState(t, "ready")
	b.until(t, `navigator.serviceWorker.controller !== null`, "the service worker to control the page")
	b.until(t, `document.getElementById("agenda-offline-status").textContent.includes("without a network")`, "the page to say it works offline")
	// Installable: Chromium's own check of the manifest, icons and worker.
	var problems []*page.InstallabilityError
	if err := chromedp.Run(b.ctx, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		problems, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("not installable: %s %v", p.ErrorID, p.ErrorArguments)
	}
	host := "agenda-schedule"
	b.eval(t, in(host, `[data-session="ownership-for-humans"] .star`)+`.click(), true`, new(bool))
	b.until(t, in(host, `[data-session="ownership-for-humans"] .star`)+`.getAttribute("aria-pressed") === "true"`, "the star pressed")

	// A real outage: the server stops.
	stop()
	if _, err := http.Get(offline); err == nil {
		t.Fatal("the server still answers")
	}
	if err := chromedp.Run(b.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	b.waitState(t, "ready")
	var n []string
	b.eval(t, visibleSessions(host), &n)
	if len(n) != len(s.Sessions) {
		t.Errorf("offline: %d sessions shown, want %d", len(n), len(s.Sessions))
	}
	b.until(t, in(host, `[data-session="ownership-for-humans"] .star`)+`.getAttribute("aria-pressed") === "true"`, "the star kept offline")

	// A new build, deployed while the attendee's page is open.
	for i := range s.Sessions {
		if s.Sessions[i].Slug == "ownership-for-humans" {
			s.Sessions[i].Title = "Ownership for Humans, second edition"
		}
	}
	if _, err := writeSite(dir, s); err != nil {
		t.Fatal(err)
	}
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("the server cannot come back on %s: %v", addr, err)
	}
	srv = &http.Server{Handler: mux}
	go srv.Serve(ln)
	// Some minutes later the attendee comes back to the tab.
	b.eval(t, `(() => { const now = Date.now; Date.now = () => now() + 10 * 60 * 1000; document.dispatchEvent(new Event("visibilitychange")); return true; })()`, new(bool))
	b.until(t, `!document.getElementById("agenda-update").hidden`, `"Schedule updated: reload"`)
	b.eval(t, `window.beforeReload = true, document.querySelector("#agenda-update button").click(), true`, new(bool))
	b.until(t, `!window.beforeReload && document.querySelector("agenda-schedule").dataset.state === "ready"`, "the page reloaded by the button")
	b.until(t, in(host, `[data-session="ownership-for-humans"] .open`)+`.textContent === "Ownership for Humans, second edition"`, "the new title after the reload")
	b.until(t, `document.getElementById("agenda-update").hidden`, "no update offered on the new build")
	for _, m := range b.errors() {
		if !strings.Contains(m.text, "ERR_CONNECTION_REFUSED") && !strings.Contains(m.text, "Failed to fetch") {
			t.Errorf("%v", m)
		}
	}
}

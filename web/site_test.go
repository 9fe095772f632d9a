package web

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/zola"
)

// emptyModule is the smallest valid WebAssembly module, standing in for the
// widget: the site writer only appends to it.
var emptyModule = []byte("\x00asm\x01\x00\x00\x00")

func demo(t *testing.T) *model.Schedule {
	t.Helper()
	s, d := zola.Read("../content", zola.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	return s
}

func TestAppendSection(t *testing.T) {
	data := bytes.Repeat([]byte("bundle"), 1000) // long enough for a 2-byte length
	wasm, err := AppendSection(emptyModule, BundleSection, data)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := Section(wasm, BundleSection)
	if err != nil || !ok || !bytes.Equal(got, data) {
		t.Fatalf("Section = %d bytes, %v, %v", len(got), ok, err)
	}
	if _, ok, _ := Section(wasm, "other"); ok {
		t.Error("found a section that is not there")
	}
	if _, err := AppendSection(wasm, BundleSection, data); err == nil {
		t.Error("a second bundle section was appended")
	}
	for _, bad := range [][]byte{nil, []byte("not wasm"), append(append([]byte{}, emptyModule...), 0, 0x7f)} {
		if _, err := AppendSection(bad, BundleSection, data); err == nil {
			t.Errorf("AppendSection(%q) took it", bad)
		}
	}
}

func TestSiteFiles(t *testing.T) {
	s := demo(t)
	files, w, err := Site{Widget: emptyModule, WasmExec: wasmExec(t), Schedule: s, BrotliQuality: 1, BaseURL: "https://oxidise.example/2026/schedule"}.Files()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^agenda\.[0-9a-f]{10}\.wasm$`).MatchString(w.Wasm) {
		t.Errorf("wasm name %q has no content hash", w.Wasm)
	}
	for _, name := range []string{"agenda.js", w.Wasm, w.Wasm + ".br", w.Wasm + ".gz", "agenda.bin", "index.html", "offline.html", "partner.html",
		"sw.js", "offline.js", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png", "_headers", "index.html.br", "index.html.gz", "agenda.js.br", w.Wasm + ".br", "schedule/index.html", "schedule/2026-10-08.html"} {
		if len(files[name]) == 0 {
			t.Errorf("%s is missing or empty", name)
		}
	}
	// Netlify's and Cloudflare's rules name the files where --base-url serves them.
	for _, rule := range []string{"\n/2026/schedule/\n", "\n/2026/schedule/" + w.Wasm + "\n", "\n/2026/schedule/schedule/\n"} {
		if !strings.Contains(string(files["_headers"]), rule) {
			t.Errorf("_headers has no rule %q:\n%s", strings.TrimSpace(rule), files["_headers"])
		}
	}
	// The programme is inside the wasm, and it is the bundle of s.
	want, _ := bundle.Encode(s)
	got, ok, err := Section(files[w.Wasm], BundleSection)
	if err != nil || !ok || !bytes.Equal(got, want) || !bytes.Equal(files["agenda.bin"], want) {
		t.Errorf("the wasm's bundle section: %v %v; equal %v", ok, err, bytes.Equal(got, want))
	}
	if !strings.Contains(string(files["agenda.js"]), `new URL("`+w.Wasm+`"`) {
		t.Error("agenda.js does not load the hashed wasm")
	}
	for _, page := range []string{"index.html", "offline.html"} {
		html := string(files[page])
		if !strings.Contains(html, "<title>Oxidise Lyon 2026: schedule, 8–9 October 2026</title>") {
			t.Errorf("%s: title is not the programme's name and dates:\n%.300s", page, html)
		}
		// The first paint: every scheduled session, inside the element.
		inside := html[strings.Index(html, "<agenda-schedule"):strings.Index(html, "</agenda-schedule>")]
		if n, want := strings.Count(inside, "data-session="), len(s.Sessions); n != want {
			t.Errorf("%s: %d sessions in the fallback, want %d", page, n, want)
		}
		if !strings.Contains(inside, `data-session="production-unsafe-rust"`) || !strings.Contains(inside, `href="schedule/"`) {
			t.Errorf("%s: the fallback lacks the seed talk or the link to schedule/", page)
		}
	}
	offline := string(files["offline.html"])
	for _, want := range []string{`rel="manifest" href="manifest.webmanifest"`, `src="offline.js"`, `id="agenda-update"`} {
		if !strings.Contains(offline, want) {
			t.Errorf("offline.html lacks %s", want)
		}
	}
	partner := string(files["partner.html"])
	if !strings.Contains(partner, "&lt;script src=&#34;https://oxidise.example/2026/schedule/agenda.js&#34; async&gt;") ||
		!strings.Contains(partner, "script-src &#39;self&#39; https://oxidise.example &#39;wasm-unsafe-eval&#39;") {
		t.Errorf("partner.html does not show the snippet and CSP for the base URL:\n%s", partner)
	}
	// The worker keeps what the offline page runs, under this build's name.
	sw := string(files["sw.js"])
	build := regexp.MustCompile(`<meta name="agenda-build" content="([0-9a-f]+)">`).FindStringSubmatch(offline)
	if build == nil || !strings.Contains(sw, `const VERSION = "`+build[1]+`"`) {
		t.Errorf("sw.js and offline.html do not name the same build")
	}
	for _, asset := range []string{`"offline.html"`, `"agenda.js"`, `"` + w.Wasm + `"`, `"manifest.webmanifest"`} {
		if !strings.Contains(sw, asset) {
			t.Errorf("sw.js does not keep %s", asset)
		}
	}
	var m struct {
		Name     string
		StartURL string `json:"start_url"`
		Icons    []struct{ Src, Sizes string }
	}
	if err := json.Unmarshal(files["manifest.webmanifest"], &m); err != nil || m.StartURL != "offline.html" || len(m.Icons) < 2 {
		t.Errorf("manifest: %+v, %v", m, err)
	}
	for _, ic := range m.Icons {
		if files[ic.Src] == nil {
			t.Errorf("the manifest names %s, which is not written", ic.Src)
		}
	}
}

// A new programme is a new build: new wasm name, new worker version.
func TestSiteBuildsDiffer(t *testing.T) {
	s := demo(t)
	a, wa, err := Site{Widget: emptyModule, WasmExec: wasmExec(t), Schedule: s, BrotliQuality: 1}.Files()
	if err != nil {
		t.Fatal(err)
	}
	s.Sessions[0].Title += " (moved)"
	b, wb, err := Site{Widget: emptyModule, WasmExec: wasmExec(t), Schedule: s, BrotliQuality: 1}.Files()
	if err != nil {
		t.Fatal(err)
	}
	if wa.Wasm == wb.Wasm || bytes.Equal(a["sw.js"], b["sw.js"]) {
		t.Error("a changed programme kept the wasm name or the worker")
	}
	// A new name alone (the wasm's programme aside) is a new build too:
	// the worker must not keep answering with the old pages.
	s.Conference.Name = "Oxidise Lyon (renamed)"
	c, _, err := Site{Widget: emptyModule, WasmExec: wasmExec(t), Schedule: s, BrotliQuality: 1}.Files()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(b["sw.js"], c["sw.js"]) {
		t.Error("a renamed conference kept the worker of the old build")
	}
	if !strings.Contains(string(a["partner.html"]), "without <code>--base-url</code>") {
		t.Error("without a base URL, partner.html does not say what to replace")
	}
}

func TestSiteWriteRemovesStaleWasm(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "agenda.0123456789.wasm.br")
	other := filepath.Join(dir, "notes.txt")
	for _, f := range []string{stale, other} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Site{Widget: emptyModule, WasmExec: wasmExec(t), Schedule: demo(t), BrotliQuality: 1}.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale wasm is still there")
	}
	for _, f := range []string{other, filepath.Join(dir, w.Wasm), filepath.Join(dir, "schedule", "index.html")} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
}

func TestDateRange(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"2026-10-08", "2026-10-08", "8 October 2026"},
		{"2026-10-08", "2026-10-09", "8–9 October 2026"},
		{"2026-09-30", "2026-10-02", "30 September – 2 October 2026"},
		{"2026-12-31", "2027-01-01", "31 December 2026 – 1 January 2027"},
	}
	for _, tt := range tests {
		a, _ := time.Parse(time.DateOnly, tt.a)
		b, _ := time.Parse(time.DateOnly, tt.b)
		if got := dateRange(a, b); got != tt.want {
			t.Errorf("dateRange(%s, %s) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

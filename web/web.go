// Package web writes and serves one programme's deployable site: the loader
// agenda.js, the widget's wasm with the programme inside it (content-hashed,
// with brotli and gzip copies), the site-embed, offline and partner pages with
// the static schedule inside the widget as its first paint, the service
// worker, the web app manifest and icons, the static schedule/, and header
// files for static hosts. It runs in the compiler, never in the browser.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/core"
	"github.com/agendaconf/agenda/widget/export/static"
	"github.com/agendaconf/agenda/widget/model"
)

//go:embed loader.js
var loaderSource []byte

//go:embed site
var siteFiles embed.FS

var pages = template.Must(template.ParseFS(siteFiles, "site/*.html"))

//go:embed site/site.css
var siteCSS string

// placeholder is the line of loader.js that wasm_exec.js replaces, and
// wasmName the expression that names the wasm file.
const (
	placeholder = "/*@wasm_exec.js@*/"
	wasmName    = `/*@wasm@*/"agenda.wasm"`
	attrsList   = `/*@attrs@*/`
)

// attributes are the element's attributes: the widget's options, in kebab
// case (timeZone is time-zone).
func attributes() []byte {
	var names []string
	for _, k := range core.OptionKeys() {
		var b strings.Builder
		for _, r := range k {
			if r >= 'A' && r <= 'Z' {
				b.WriteByte('-')
				r += 'a' - 'A'
			}
			b.WriteRune(r)
		}
		names = append(names, b.String())
	}
	out, _ := json.Marshal(names)
	return out
}

// Loader returns agenda.js: loader.js with wasmExec, the toolchain's
// lib/wasm/wasm_exec.js, inlined verbatim inside the loader's closure, and
// wasm the file name of the module, resolved beside agenda.js.
func Loader(wasmExec []byte, wasm string) []byte {
	// The list after the attributes' marker is the source's own, for a page
	// that loads loader.js as it is; the build writes the widget's.
	i := bytes.Index(loaderSource, []byte(attrsList))
	if i < 0 {
		panic("web: loader.js has no " + attrsList + " list")
	}
	j := i + bytes.IndexByte(loaderSource[i:], ']') + 1
	src := append(append(append([]byte{}, loaderSource[:i]...), attributes()...), loaderSource[j:]...)
	before, after, ok := bytes.Cut(src, []byte(placeholder))
	if !ok {
		panic("web: loader.js has no " + placeholder + " line")
	}
	if !bytes.Contains(before, []byte(wasmName)) {
		panic("web: loader.js does not name its wasm as " + wasmName)
	}
	name, _ := json.Marshal(wasm)
	before = bytes.Replace(before, []byte(wasmName), name, 1)
	out := make([]byte, 0, len(src)+len(wasmExec)+1)
	out = append(out, before...)
	out = append(out, bytes.TrimRight(wasmExec, "\n")...)
	return append(out, after...)
}

// Names of the files a site holds besides the wasm, whose name carries its
// content hash: agenda.0123456789.wasm.
const (
	LoaderFile  = "agenda.js"
	BundleFile  = "agenda.bin" // the programme alone, for other sites' src
	ScheduleDir = "schedule"   // the static schedule, no JavaScript
	HostHeaders = "_headers"   // the headers Netlify and Cloudflare Pages read
)

// builtWasm matches the wasm names Write writes (and removes when stale).
var builtWasm = regexp.MustCompile(`^agenda\.[0-9a-f]{10}\.wasm(\.br|\.gz)?$`)

// Site is one programme's deployable folder.
type Site struct {
	Widget   []byte          // the data-free widget: GOOS=js GOARCH=wasm go build ./cmd/widget
	WasmExec []byte          // lib/wasm/wasm_exec.js of the Go that built Widget
	Schedule *model.Schedule // the programme
	// BaseURL is the address the folder will be served from, for the snippet
	// on the partner page; empty, the snippet names agenda.js relatively.
	BaseURL string
	// BrotliQuality is 0 to 11; 0 means 11, the smallest and slowest (seconds
	// per megabyte). Tests that build a site each run may trade size for time.
	BrotliQuality int
}

// Written says what Write wrote.
type Written struct {
	Wasm           string // the wasm's file name
	Raw, Brotli    int    // its sizes
	Bundle         int    // the bundle's size, inside the wasm
	Sessions, Days int
}

// Files returns every file of the site by slash path, and what they are.
func (s Site) Files() (map[string][]byte, Written, error) {
	var w Written
	if len(s.Widget) < 8 || !bytes.Equal(s.Widget[:4], []byte("\x00asm")) {
		return nil, w, errors.New("the widget is not a WebAssembly module")
	}
	if !bytes.Contains(s.WasmExec, []byte("globalThis.Go = class")) {
		return nil, w, errors.New("wasm_exec.js does not look like Go's lib/wasm/wasm_exec.js")
	}
	if s.Schedule == nil {
		return nil, w, errors.New("no programme")
	}
	data, err := bundle.Encode(s.Schedule)
	if err != nil {
		return nil, w, err
	}
	wasm, err := AppendSection(s.Widget, BundleSection, data)
	if err != nil {
		return nil, w, fmt.Errorf("the widget: %w", err)
	}
	sum := sha256.Sum256(wasm)
	w.Wasm = "agenda." + hex.EncodeToString(sum[:5]) + ".wasm"
	w.Raw, w.Bundle, w.Sessions = len(wasm), len(data), len(s.Schedule.Sessions)

	files := map[string][]byte{
		LoaderFile:     Loader(s.WasmExec, w.Wasm),
		w.Wasm:         wasm,
		BundleFile:     data,
		"icon-192.png": icon(192),
		"icon-512.png": icon(512),
	}
	for _, name := range []string{"icon.svg", "offline.js"} {
		files[name], _ = siteFiles.ReadFile("site/" + name)
	}
	staticFiles, err := static.Files(s.Schedule)
	if err != nil {
		return nil, w, err
	}
	for name, data := range staticFiles {
		files[ScheduleDir+"/"+name] = data
	}
	fallback, err := static.Fallback(s.Schedule, ScheduleDir+"/")
	if err != nil {
		return nil, w, err
	}

	p := s.page(fallback)
	p.Wasm = w.Wasm
	w.Days = p.days
	files["manifest.webmanifest"] = manifest(p.Name)
	// The build names everything the pages show and run, so that a new one
	// means a new sw.js: the service worker answers the offline page from its
	// cache until a changed sw.js brings the next build.
	if p.Build, err = hashOf(files, fallback, p); err != nil {
		return nil, w, err
	}
	for _, pg := range []struct {
		name, template string
		offline        bool
	}{{"index.html", "index.html", false}, {"offline.html", "index.html", true}, {"partner.html", "partner.html", false}} {
		var b bytes.Buffer
		p.Offline = pg.offline
		if err := pages.ExecuteTemplate(&b, pg.template, p); err != nil {
			return nil, w, err
		}
		files[pg.name] = b.Bytes()
	}
	// The service worker keeps what the offline page needs to run.
	files["sw.js"] = serviceWorker(p.Build, []string{"offline.html", LoaderFile, w.Wasm, "offline.js", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png"})
	if err := compressAll(files, s.BrotliQuality); err != nil {
		return nil, w, err
	}
	w.Brotli = len(files[w.Wasm+".br"])

	names := make([]string, 0, len(files)+1)
	for name := range files {
		names = append(names, name)
	}
	names = append(names, HostHeaders)
	sort.Strings(names)
	files[HostHeaders] = HeadersFile(names, servedAt(s.BaseURL))
	return files, w, nil
}

// servedAt is the URL path of base (--base-url), "/" when it has none.
func servedAt(base string) string {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || u.EscapedPath() == "" {
		return "/"
	}
	return u.EscapedPath()
}

// Write writes the site into dir, creating it. Wasm files of earlier builds
// in dir are removed; nothing else is.
func (s Site) Write(dir string) (Written, error) {
	files, w, err := s.Files()
	if err != nil {
		return w, err
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if builtWasm.MatchString(e.Name()) && files[e.Name()] == nil {
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
					return w, err
				}
			}
		}
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return w, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return w, err
		}
	}
	return w, nil
}

// pageData is what the page templates see.
type pageData struct {
	Lang, Name, Dates, Title string
	Build                    string
	Wasm                     string       // preloaded, so that it downloads with the page
	CSS                      template.CSS // inline: a stylesheet request would hold up the first paint by a round trip
	Offline                  bool         // the attendees' page: manifest, worker, update notice
	BaseURL                  string
	FirstDay                 string
	ScheduleHref             string
	Fallback                 template.HTML
	Snippet, CSP             string
	days                     int
}

func (s Site) page(fallback []byte) pageData {
	c := s.Schedule.Conference
	p := pageData{Lang: "en", Name: c.Name, ScheduleHref: ScheduleDir + "/", Fallback: template.HTML(fallback), CSS: template.CSS(siteCSS)}
	if p.Name == "" {
		p.Name = c.ID
	}
	loc := time.UTC
	if l, err := time.LoadLocation(c.TimeZone); err == nil {
		loc = l
	}
	days := s.Schedule.Days(loc)
	p.days = len(days)
	if len(days) > 0 {
		p.FirstDay = days[0].Date
		p.Dates = dateRange(days[0].Start.In(loc), days[len(days)-1].Start.In(loc))
	}
	p.Title = p.Name + ": schedule"
	if p.Dates != "" {
		p.Title += ", " + p.Dates
	}
	loader, scheduleURL, origin := LoaderFile, ScheduleDir+"/", "https://schedule.example"
	if base := strings.TrimRight(s.BaseURL, "/"); base != "" {
		p.BaseURL = base + "/"
		loader, scheduleURL = p.BaseURL+LoaderFile, p.BaseURL+ScheduleDir+"/"
		if i := strings.Index(base, "://"); i >= 0 {
			origin = base
			if j := strings.IndexByte(base[i+3:], '/'); j >= 0 {
				origin = base[:i+3+j]
			}
		}
	}
	p.Snippet = `<script src="` + loader + `" async></script>
<agenda-schedule view="list" lang="en">
  <a href="` + scheduleURL + `">The ` + p.Name + ` schedule</a>
</agenda-schedule>`
	p.CSP = `Content-Security-Policy: script-src 'self' ` + origin + ` 'wasm-unsafe-eval'; connect-src 'self' ` + origin
	return p
}

// dateRange writes two days as people do: "8–9 October 2026",
// "30 September – 2 October 2026", "31 December 2026 – 1 January 2027".
func dateRange(a, b time.Time) string {
	switch {
	case a.Format("2006-01-02") == b.Format("2006-01-02"):
		return a.Format("2 January 2006")
	case a.Year() != b.Year():
		return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
	case a.Month() != b.Month():
		return a.Format("2 January") + " – " + b.Format("2 January 2006")
	}
	return a.Format("2") + "–" + b.Format("2 January 2006")
}

// hashOf names a build by what its pages show and run: the files so far,
// the page templates and scripts, the fallback and what the pages say.
func hashOf(files map[string][]byte, fallback []byte, p pageData) (string, error) {
	h := sha256.New()
	all := maps.Clone(files)
	err := fs.WalkDir(siteFiles, "site", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			all["embedded:"+name], err = siteFiles.ReadFile(name)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	for _, name := range slices.Sorted(maps.Keys(all)) {
		h.Write([]byte(name))
		h.Write(all[name])
	}
	h.Write(fallback)
	for _, v := range []string{p.Lang, p.Name, p.Dates, p.Title, p.BaseURL, p.Snippet, p.CSP, p.Wasm} {
		h.Write([]byte(v + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8]), nil
}

func serviceWorker(build string, assets []string) []byte {
	src, _ := siteFiles.ReadFile("site/sw.js")
	v, _ := json.Marshal(build)
	a, _ := json.Marshal(assets)
	src = bytes.Replace(src, []byte(`/*@version@*/"dev"`), v, 1)
	return bytes.Replace(src, []byte(`/*@assets@*/[]`), a, 1)
}

func manifest(name string) []byte {
	short := name
	if len([]rune(short)) > 12 {
		short = "Schedule"
	}
	m := map[string]any{
		"name":             name + " schedule",
		"short_name":       short,
		"start_url":        "offline.html",
		"scope":            "./",
		"display":          "standalone",
		"background_color": "#ffffff",
		"theme_color":      "#b7410e",
		"icons": []map[string]string{
			{"src": "icon-192.png", "sizes": "192x192", "type": "image/png"},
			{"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
			{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml"},
		},
	}
	out, _ := json.MarshalIndent(m, "", "  ")
	return append(out, '\n')
}

// compressAll adds .br and .gz copies of the files worth compressing, the
// wasm and the pages first among them, all at once: brotli at quality 11
// takes seconds on a few megabytes. A server that serves precompressed
// copies (agenda serve, nginx, Caddy) sends these; hosts that compress on
// their own ignore them.
func compressAll(files map[string][]byte, quality int) error {
	type job struct {
		name, ext string
		out       []byte
		err       error
	}
	var jobs []*job
	for name, data := range files {
		switch path.Ext(name) {
		case ".wasm", ".html", ".js", ".css", ".bin", ".webmanifest", ".svg":
			if len(data) >= 1024 {
				jobs = append(jobs, &job{name: name, ext: ".br"}, &job{name: name, ext: ".gz"})
			}
		}
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			if j.ext == ".br" {
				j.out, j.err = compressBrotli(files[j.name], quality)
			} else {
				j.out, j.err = compressGzip(files[j.name])
			}
		})
	}
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			return fmt.Errorf("compressing %s: %w", j.name, j.err)
		}
		files[j.name+j.ext] = j.out
	}
	return nil
}

func compressBrotli(data []byte, quality int) ([]byte, error) {
	if quality <= 0 || quality > brotli.BestCompression {
		quality = brotli.BestCompression
	}
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, quality)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	err := w.Close()
	return buf.Bytes(), err
}

func compressGzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	err := w.Close()
	return buf.Bytes(), err
}

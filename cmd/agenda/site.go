package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/agendaconf/agenda/web"
)

const siteSynopsis = `site [flags] PATH -o DIR

Writes a complete static site for the programme at PATH (a content folder, a
schedule.xml / schedule.json, or a bundle) into DIR, ready for any static
host or CDN:

  agenda.js                the loader: the one <script> a page adds
  agenda.HASH.wasm         the widget with the programme inside (+ .br, .gz)
  index.html               the schedule page, the programme as its first paint
  offline.html, sw.js      the attendees' page, which works offline once opened,
  manifest.webmanifest     installable (with icon.svg, icon-192.png, icon-512.png)
  partner.html             the snippet other sites copy, and the CSP they need
  schedule/                the static schedule, no JavaScript needed
  agenda.bin               the programme alone, for other widgets' src
  _headers                 CORS, MIME and cache headers (Netlify, Cloudflare Pages)

The widget comes from inside this agenda (make puts it there), so no Go
toolchain is needed. Serve DIR with "agenda serve DIR" or any static server
that sends the headers in _headers (see the README).`

func runSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("site", siteSynopsis, stdout)
	out := fs.String("o", "", "the folder to write (required)")
	baseURL := fs.String("base-url", "", "the address DIR will be served from, such as https://conf.example/2026/schedule/ (for the partner snippet and the paths in _headers)")
	wasmFile := fs.String("wasm", "", "a data-free widget built with GOOS=js GOARCH=wasm go build ./cmd/widget (default: the one inside agenda)")
	execFile := fs.String("wasm-exec", "", "wasm_exec.js of the Go that built --wasm (default: that of the go command)")
	var o loadOptions
	o.register(fs)
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "agenda site: missing -o DIR")
		return 2
	}
	path, ok := onePath("site", pos, stderr)
	if !ok {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "agenda site: %v\n", err)
		return 1
	}
	wasm, wasmExec, err := widgetFiles(*wasmFile, *execFile)
	if err != nil {
		return fail(err)
	}
	s, d := loadSchedule(path, o)
	if code := report(d, false, stderr); code != 0 || s == nil {
		fmt.Fprintln(stderr, "agenda site: no site written")
		return 1
	}
	if len(s.Sessions) == 0 {
		return fail(fmt.Errorf("%s: the programme has no session; nothing to show", path))
	}
	w, err := web.Site{Widget: wasm, WasmExec: wasmExec, Schedule: s, BaseURL: *baseURL}.Write(*out)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", *out, err))
	}
	fmt.Fprintf(stdout, "Wrote %s: %s, %d sessions on %d days; %s %s (%s with brotli; the programme is %s of it).\n",
		*out, s.Conference.Name, w.Sessions, w.Days, w.Wasm, kib(w.Raw), kib(w.Brotli), kib(w.Bundle))
	fmt.Fprintf(stdout, "Try it: agenda serve %s, then open index.html, offline.html or partner.html.\n", filepath.Clean(*out))
	return 0
}

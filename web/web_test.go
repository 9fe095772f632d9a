package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// wasmExec reads the toolchain's wasm_exec.js, the file the site inlines.
func wasmExec(t *testing.T) []byte {
	t.Helper()
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fakeWasm is a valid module header and some bytes that compress well.
var fakeWasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("agenda wasm "), 10000)...)

func TestLoader(t *testing.T) {
	exec := wasmExec(t)
	js := string(Loader(exec, "agenda.0123456789.wasm"))
	if strings.Contains(js, placeholder) {
		t.Error("the placeholder is still in agenda.js")
	}
	open := strings.Index(js, "(function (globalThis) {\n")
	body := strings.Index(js, strings.TrimRight(string(exec), "\n"))
	closeAt := strings.Index(js, "})(scope);")
	if open < 0 || body < 0 || closeAt < 0 || !(open < body && body < closeAt) {
		t.Fatalf("wasm_exec.js is not inlined verbatim inside (function (globalThis) { ... })(scope): open %d, body %d, close %d", open, body, closeAt)
	}
	// Everything outside the inlined file is ours: it may touch the real
	// global object only to read it and to define Agenda.
	ours := js[:body] + js[body+len(strings.TrimRight(string(exec), "\n")):]
	if !strings.HasPrefix(strings.TrimSpace(ours), "//") {
		t.Error("agenda.js does not start with its comment")
	}
	if n := strings.Count(ours, "globalThis"); n != 2 { // "const real = globalThis" and the parameter
		t.Errorf("the loader names globalThis %d times, want 2", n)
	}
	code := regexp.MustCompile(`//[^\n]*`).ReplaceAllString(ours, "") // comments may name window.fs
	if m := regexp.MustCompile(`\bwindow\.|\bself\.|\breal\.[A-Za-z_$]+\s*=[^=]`).FindString(code); m != "" {
		t.Errorf("the loader touches a global (%q) other than through Object.defineProperty(real, \"Agenda\")", m)
	}
	if got := regexp.MustCompile(`defineProperty\(real, "(\w+)"`).FindAllStringSubmatch(ours, -1); len(got) != 1 || got[0][1] != "Agenda" {
		t.Errorf("globals defined: %v, want only Agenda", got)
	}
	for _, want := range []string{`customElements.define("agenda-schedule"`, "instantiateStreaming", "arrayBuffer()", "document.currentScript", `["day","room","kind","track","speaker","language","q","view","time-zone","lang","theme","src","now"]`, "__agendaReady",
		`new URL("agenda.0123456789.wasm"`, `customSections(module, "agenda.bundle")`} {
		if !strings.Contains(ours, want) {
			t.Errorf("the loader lacks %s", want)
		}
	}
}

// site writes the files of a site, with a fake wasm, into a temp folder and
// serves it. The wasm is there under its old fixed name too, with
// precompressed copies of both.
func site(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	br, _ := compressBrotli(fakeWasm, 1)
	gz, _ := compressGzip(fakeWasm)
	files := map[string]string{"demo.bin": "AGENDA", "empty/.keep": "", ".secret": "x", "_headers": "/*\n  X-A: b\n", "sub/_headers": "x",
		"agenda.js": string(Loader(wasmExec(t), "agenda.0123456789.wasm")), "index.html": "<!doctype html><title>x</title>", "partner.css": "*{}",
		"agenda.wasm": string(fakeWasm), "agenda.wasm.br": string(br), "agenda.wasm.gz": string(gz),
		"agenda.0123456789.wasm": string(fakeWasm), "agenda.0123456789.wasm.br": string(br), "agenda.0123456789.wasm.gz": string(gz)}
	for name, data := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir))
	t.Cleanup(srv.Close)
	return srv, dir
}

func TestHandler(t *testing.T) {
	srv, _ := site(t)
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true}, // we set Accept-Encoding ourselves
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	tests := []struct {
		method, path, accept string
		status               int
		header               map[string]string // "" means absent
		body                 []byte            // after decoding, when set
	}{
		{"GET", "/agenda.js", "", 200, map[string]string{"Content-Type": "text/javascript; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300", "Content-Encoding": "", "X-Content-Type-Options": "nosniff"}, nil},
		{"GET", "/agenda.wasm", "", 200, map[string]string{"Content-Type": "application/wasm", "Access-Control-Allow-Origin": "*", "Content-Encoding": "", "Vary": "Accept-Encoding"}, fakeWasm},
		{"GET", "/agenda.wasm", "gzip, deflate, br, zstd", 200, map[string]string{"Content-Type": "application/wasm", "Content-Encoding": "br", "Vary": "Accept-Encoding"}, fakeWasm},
		{"GET", "/agenda.wasm", "gzip", 200, map[string]string{"Content-Type": "application/wasm", "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}, fakeWasm},
		{"GET", "/agenda.wasm", "br;q=0, gzip;q=0.5", 200, map[string]string{"Content-Encoding": "gzip"}, fakeWasm},
		{"GET", "/agenda.wasm", "*", 200, map[string]string{"Content-Encoding": "br"}, fakeWasm},
		{"GET", "/agenda.wasm", "identity", 200, map[string]string{"Content-Encoding": ""}, fakeWasm},
		{"HEAD", "/agenda.wasm", "br", 200, map[string]string{"Content-Type": "application/wasm", "Content-Encoding": "br"}, nil},
		{"GET", "/demo.bin", "", 200, map[string]string{"Content-Type": "application/octet-stream", "Access-Control-Allow-Origin": "*"}, []byte("AGENDA")},
		{"GET", "/", "", 200, map[string]string{"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", "Access-Control-Allow-Origin": ""}, nil},
		{"GET", "/index.html", "", 200, map[string]string{"Content-Type": "text/html; charset=utf-8"}, nil},
		{"GET", "/partner.css", "", 200, map[string]string{"Content-Type": "text/css; charset=utf-8", "Access-Control-Allow-Origin": ""}, nil},
		{"GET", "/empty", "", 301, map[string]string{"Location": "/empty/"}, nil},
		{"GET", "/empty/", "", 404, nil, nil},
		{"GET", "/.secret", "", 404, nil, nil},
		{"GET", "/_headers", "", 404, nil, nil},
		{"GET", "/x/../_headers", "", 404, nil, nil},
		{"GET", "/sub/_headers", "", 200, nil, nil}, // only the root's is the host's
		{"GET", "/empty/.keep", "", 404, nil, nil},
		{"GET", "/../../etc/passwd", "", 404, nil, nil},
		{"GET", "/nope.js", "", 404, nil, nil},
		{"POST", "/agenda.js", "", 405, map[string]string{"Allow": "GET, HEAD"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" "+tt.accept, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			for k, want := range tt.header {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
			if tt.body == nil {
				return
			}
			var r io.Reader = res.Body
			switch res.Header.Get("Content-Encoding") {
			case "br":
				r = brotli.NewReader(r)
			case "gzip":
				if r, err = gzip.NewReader(r); err != nil {
					t.Fatal(err)
				}
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.body) {
				t.Errorf("body: %d bytes, want the %d bytes written", len(got), len(tt.body))
			}
		})
	}
}

func TestHandlerRevalidates(t *testing.T) {
	srv, _ := site(t)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(etag, accept string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/agenda.wasm", nil)
		req.Header.Set("Accept-Encoding", accept)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	br := get("", "br")
	etag := br.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if res := get(etag, "br"); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the brotli ETag: status %d, want 304", res.StatusCode)
	}
	if res := get(etag, "gzip"); res.StatusCode != http.StatusOK {
		t.Errorf("the brotli ETag matched the gzip variant: status %d", res.StatusCode)
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"", "br", false},
		{"br", "br", true},
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate, br, zstd", "gzip", true},
		{"BR;Q=1.0", "br", true},
		{"br;q=0", "br", false},
		{"br;q=0.000", "br", false},
		{"*", "gzip", true},
		{"*;q=0", "gzip", false},
		{"gzip;q=0, *", "gzip", false},
		{"br;q=0.1", "br", true},
		{"identity", "gzip", false},
		{"gzipx", "gzip", false},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

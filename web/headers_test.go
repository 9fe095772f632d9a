package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestHeaders(t *testing.T) {
	const (
		html  = "text/html; charset=utf-8"
		js    = "text/javascript; charset=utf-8"
		short = "public, max-age=300"
	)
	type hdr map[string]string
	cors := func(h hdr) hdr {
		h["Access-Control-Allow-Origin"] = "*"
		h["Cross-Origin-Resource-Policy"] = "cross-origin"
		return h
	}
	tests := []struct {
		name string
		want hdr // besides X-Content-Type-Options: nosniff
	}{
		{"/agenda.js", cors(hdr{"Content-Type": js, "Cache-Control": short})},
		{"agenda.js", cors(hdr{"Content-Type": js, "Cache-Control": short})},
		{"/agenda.0123abcd.wasm", cors(hdr{"Content-Type": "application/wasm", "Cache-Control": "public, max-age=31536000, immutable"})},
		{"/agenda.0123456789abcdef.wasm", cors(hdr{"Content-Type": "application/wasm", "Cache-Control": "public, max-age=31536000, immutable"})},
		{"/agenda.0123abc.wasm", cors(hdr{"Content-Type": "application/wasm", "Cache-Control": short})},           // 7 hex: not a hash of ours
		{"/agenda.0123456789abcdef0.wasm", cors(hdr{"Content-Type": "application/wasm", "Cache-Control": short})}, // 17
		{"/agenda.0123ABCD.wasm", cors(hdr{"Content-Type": "application/wasm", "Cache-Control": short})},          // upper case
		{"/agenda.wasm", cors(hdr{"Content-Type": "application/wasm", "Cache-Control": short})},                   // no hash, may change
		{"/agenda.bin", cors(hdr{"Content-Type": "application/octet-stream", "Cache-Control": short})},            // other sites' src
		{"/talks/fosdem.bin", cors(hdr{"Content-Type": "application/octet-stream", "Cache-Control": short})},      // any bundle
		{"/index.html", hdr{"Content-Type": html, "Cache-Control": "no-cache"}},
		{"/", hdr{"Content-Type": html, "Cache-Control": "no-cache"}},
		{"/schedule/", hdr{"Content-Type": html, "Cache-Control": "no-cache"}},
		{"/schedule/2026-10-08.html", hdr{"Content-Type": html, "Cache-Control": "no-cache"}},
		{"/offline.html", hdr{"Content-Type": html, "Cache-Control": "no-cache"}},
		{"/sw.js", hdr{"Content-Type": js, "Cache-Control": "no-cache"}},
		{"/offline.js", hdr{"Content-Type": js, "Cache-Control": short}},
		{"/manifest.webmanifest", hdr{"Content-Type": "application/manifest+json", "Cache-Control": "no-cache"}},
		{"/schedule/schedule.css", hdr{"Content-Type": "text/css; charset=utf-8", "Cache-Control": short}},
		{"/icon.svg", hdr{"Content-Type": "image/svg+xml", "Cache-Control": short}},
		{"/icon-192.png", hdr{"Content-Type": "image/png", "Cache-Control": short}},
		{"/schedule.ics", hdr{"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": short}},
		{"/schedule.json", hdr{"Content-Type": "application/json", "Cache-Control": short}},
		{"/schedule.xml", hdr{"Content-Type": "application/xml", "Cache-Control": short}},
		{"/README", hdr{"Cache-Control": short}},    // no Content-Type: the server picks one
		{"/notes.txt", hdr{"Cache-Control": short}}, // not ours: not the machine's tables either
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := http.Header{"X-Content-Type-Options": {"nosniff"}}
			for k, v := range tt.want {
				want.Set(k, v)
			}
			if got := Headers(tt.name); !equalHeaders(got, want) {
				t.Errorf("Headers(%q)\n got %v\nwant %v", tt.name, got, want)
			}
		})
	}
}

func equalHeaders(a, b http.Header) bool {
	return maps.EqualFunc(a, b, slices.Equal[[]string])
}

// readHeadersFile reads a _headers file the way the hosts document it: a
// rule's path alone on a line, its headers indented below as "Name: value",
// "#" comments and blank lines between rules.
func readHeadersFile(t *testing.T, data []byte) (map[string]http.Header, []string) {
	t.Helper()
	rules := map[string]http.Header{}
	var order []string
	var cur http.Header
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case len(line) > 2000: // Cloudflare Pages' limit
			t.Errorf("line %d: %d characters", n, len(line))
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			if _, dup := rules[line]; dup || strings.ContainsAny(line, " \t*") {
				t.Errorf("line %d: rule %q repeated or not an exact path", n, line)
			}
			cur = http.Header{}
			rules[line] = cur
			order = append(order, line)
		case strings.HasPrefix(line, "  ") && cur != nil:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || k != http.CanonicalHeaderKey(k) {
				t.Errorf("line %d: %q is not a canonical Name: value", n, line)
			}
			cur.Add(k, v)
		default:
			t.Errorf("line %d: %q is neither a path, a header nor a comment", n, line)
		}
	}
	return rules, order
}

// siteNames are the files of a site as Site.Files names them.
var siteNames = []string{
	"_headers", "agenda.0123456789.wasm", "agenda.0123456789.wasm.br", "agenda.0123456789.wasm.gz",
	"agenda.bin", "agenda.js", "icon-192.png", "icon-512.png", "icon.svg", "index.html",
	"manifest.webmanifest", "offline.html", "offline.js", "partner.html", "schedule/2026-10-08.html",
	"schedule/2026-10-09.html", "schedule/index.html", "schedule/schedule.css", "site.css", "sw.js",
}

func TestHeadersFile(t *testing.T) {
	file := HeadersFile(siteNames, "")
	if !bytes.HasPrefix(file, []byte("# ")) || !bytes.Contains(file, []byte("root")) {
		t.Errorf("the file does not open with a comment on where it must be deployed:\n%s", file)
	}
	rules, order := readHeadersFile(t, file)
	want := map[string]string{ // rule → the file whose headers it carries
		"/":                          "/index.html",
		"/offline":                   "/offline.html",
		"/partner":                   "/partner.html",
		"/schedule/":                 "/schedule/index.html",
		"/schedule/2026-10-08":       "/schedule/2026-10-08.html",
		"/schedule/2026-10-09":       "/schedule/2026-10-09.html",
		"/agenda.0123456789.wasm.br": "", // copies, ...
		"/agenda.0123456789.wasm.gz": "",
		"/_headers":                  "", // ... the file itself
	}
	for _, n := range siteNames {
		if _, ok := want["/"+n]; !ok {
			want["/"+n] = "/" + n
		}
	}
	for rule, of := range want {
		got, ok := rules[rule]
		switch {
		case of == "" && ok:
			t.Errorf("%s has a rule", rule)
		case of != "" && !ok:
			t.Errorf("%s has no rule", rule)
		case of != "" && !equalHeaders(got, Headers(of)):
			t.Errorf("%s: %v, want the headers of %s: %v", rule, got, of, Headers(of))
		}
	}
	for rule := range rules {
		if _, ok := want[rule]; !ok {
			t.Errorf("unexpected rule %s", rule)
		}
	}
	if !slices.IsSorted(order) || len(order) > 100 { // Cloudflare Pages takes 100
		t.Errorf("rules not sorted, or more than 100: %v", order)
	}

	// The same names in another order, with and without a leading slash,
	// give the same file.
	shuffled := slices.Clone(siteNames)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for i := range shuffled[:5] {
		shuffled[i] = "/" + shuffled[i]
	}
	if again := HeadersFile(shuffled, ""); !bytes.Equal(again, file) {
		t.Errorf("the file depends on the order of names:\n%s\n---\n%s", file, again)
	}
}

func TestHeadersFileLeavesOut(t *testing.T) {
	tests := []struct {
		names []string
		rules []string
	}{
		{nil, nil},
		{[]string{".well-known/x", "a/.hidden.js", "_headers"}, nil},
		{[]string{"x.gz"}, []string{"/x.gz"}}, // a file of its own, not a copy
		{[]string{"x.js", "x.js.br", "x.js.gz"}, []string{"/x.js"}},
		{[]string{"talks/:id.html", "a*.js", "with space.js", "tab\t.js", "caf\u00e9.html", "100%.js", "ok:colon.js"}, []string{"/ok:colon.js"}},
		{[]string{"a.html", "a"}, []string{"/a", "/a.html"}}, // the file a keeps its own headers
		{[]string{"docs/index.html"}, []string{"/docs/", "/docs/index.html"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.names, ","), func(t *testing.T) {
			rules, order := readHeadersFile(t, HeadersFile(tt.names, ""))
			if !slices.Equal(order, tt.rules) {
				t.Errorf("rules %q, want %q", order, tt.rules)
			}
			if h, ok := rules["/a"]; ok && h.Get("Cache-Control") == "no-cache" {
				t.Error("the file a got the headers of a.html")
			}
		})
	}
}

// policySite writes the files of siteNames into a temp folder, the wasm as
// ~200 KB of compressible bytes with real .br and .gz copies, and serves it.
func policySite(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	var wasm bytes.Buffer
	wasm.WriteString("\x00asm\x01\x00\x00\x00")
	r := rand.New(rand.NewPCG(1, 2))
	for wasm.Len() < 200<<10 {
		wasm.WriteString(strconv.Itoa(r.IntN(1000)) + " ")
	}
	var br, gz bytes.Buffer
	bw := brotli.NewWriterLevel(&br, 5)
	bw.Write(wasm.Bytes())
	bw.Close()
	gw := gzip.NewWriter(&gz)
	gw.Write(wasm.Bytes())
	gw.Close()
	for _, n := range siteNames {
		data := []byte("content of " + n)
		switch {
		case strings.HasSuffix(n, ".wasm"):
			data = wasm.Bytes()
		case strings.HasSuffix(n, ".wasm.br"):
			data = br.Bytes()
		case strings.HasSuffix(n, ".wasm.gz"):
			data = gz.Bytes()
		case n == "_headers":
			data = HeadersFile(siteNames, "")
		}
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir))
	t.Cleanup(srv.Close)
	return srv, dir
}

// TestHandlerFollowsHeadersFile checks that Handler sends, for every file of a
// site, the headers the site's _headers file gives Netlify and Cloudflare.
func TestHandlerFollowsHeadersFile(t *testing.T) {
	srv, dir := policySite(t)
	data, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	rules, _ := readHeadersFile(t, data)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for rule, want := range rules {
		if !strings.HasSuffix(rule, "/") && path.Ext(rule) == "" {
			continue // /partner: Cloudflare's URL for partner.html, not Handler's
		}
		for _, accept := range []string{"", "gzip, deflate, br, zstd"} {
			t.Run(rule+" "+accept, func(t *testing.T) {
				req, _ := http.NewRequest("GET", srv.URL+rule, nil)
				req.Header.Set("Accept-Encoding", accept)
				res, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					t.Fatalf("status %d", res.StatusCode)
				}
				for k, v := range want {
					if got := res.Header.Values(k); !slices.Equal(got, v) {
						t.Errorf("%s: %q, _headers says %q", k, got, v)
					}
				}
				// A copy goes with its length: the loader shows progress,
				// and the server can sendfile it.
				if n, err := strconv.Atoi(res.Header.Get("Content-Length")); err != nil || n != len(body) {
					t.Errorf("Content-Length %q for a body of %d bytes (%s)", res.Header.Get("Content-Length"), len(body), res.Header.Get("Content-Encoding"))
				}
			})
		}
	}
}

// TestHandlerSymlinks checks that links are followed inside the folder only.
func TestHandlerSymlinks(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("outside"), 0o644)
	os.WriteFile(filepath.Join(outside, "index.html"), []byte("outside"), 0o644)
	srv, dir := policySite(t)
	links := map[string]string{
		"secret.txt":        filepath.Join(outside, "secret.txt"),                      // absolute, out
		"up.txt":            filepath.Join("..", filepath.Base(outside), "secret.txt"), // relative, out
		"elsewhere":         outside,                                                   // a folder out
		"schedule/deep.txt": filepath.Join("..", "..", filepath.Base(outside), "secret.txt"),
		"again.js":          "agenda.js",                          // in
		"days":              "schedule",                           // a folder in
		"site.css.br":       filepath.Join(outside, "secret.txt"), // a copy out: as if absent
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	tests := []struct {
		path     string
		status   int
		encoding string
	}{
		{"/secret.txt", 404, ""},
		{"/up.txt", 404, ""},
		{"/elsewhere/", 404, ""},
		{"/elsewhere/secret.txt", 404, ""},
		{"/elsewhere/index.html", 404, ""},
		{"/schedule/deep.txt", 404, ""},
		{"/again.js", 200, ""},
		{"/days/", 200, ""},
		{"/days/index.html", 200, ""},
		{"/site.css", 200, ""},
		{"/agenda.0123456789.wasm", 200, "br"}, // a copy in
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("Accept-Encoding", "br")
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status || res.Header.Get("Content-Encoding") != tt.encoding || bytes.Contains(body, []byte("outside")) {
				t.Errorf("status %d, encoding %q, body %.40q; want %d, %q and nothing from outside", res.StatusCode, res.Header.Get("Content-Encoding"), body, tt.status, tt.encoding)
			}
		})
	}
}

// TestHandlerFolderReplaced checks that a folder replaced by a deploy (the old
// one moved away, a new one in its place) is served at once.
func TestHandlerFolderReplaced(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	write := func(name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, "schedule"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "schedule", name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("old.html")
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	tests := []struct {
		replace    bool // before the request
		path, want string
	}{
		{false, "/schedule/old.html", "200 old.html"},
		{false, "/schedule/new.html", "404"},
		{true, "/schedule/new.html", "200 new.html"},
		{false, "/schedule/old.html", "404"},
		{false, "/schedule/new.html", "200 new.html"},
	}
	for i, tt := range tests {
		if tt.replace {
			if err := os.Rename(dir, dir+".old"); err != nil {
				t.Fatal(err)
			}
			write("new.html")
		}
		res, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got := strconv.Itoa(res.StatusCode)
		if res.StatusCode == 200 {
			got += " " + string(body)
		}
		if got != tt.want {
			t.Errorf("%d: GET %s: %q, want %q", i, tt.path, got, tt.want)
		}
	}
}

// Deployed under a path (agenda site --base-url), the rules are that path
// plus the root's rules, with the same headers; a path no rule can spell
// falls back to the root's rules and the file says why.
func TestHeadersFileUnderAPath(t *testing.T) {
	root, rootOrder := readHeadersFile(t, HeadersFile(siteNames, "/"))
	for _, tt := range []struct{ at, prefix, says string }{
		{"", "/", "root of its host; agenda site --base-url"},
		{"/2026/schedule/", "/2026/schedule/", "at /2026/schedule/ on its host"},
		{"2026/schedule", "/2026/schedule/", "at /2026/schedule/ on its host"},
		{"/a/../conf//", "/conf/", "at /conf/ on its host"},
		{"/my%20conf/", "/", `cannot spell "/my%20conf/"`},
		{"/talks/:id/", "/", `cannot spell "/talks/:id/"`},
	} {
		t.Run(tt.at, func(t *testing.T) {
			file := HeadersFile(siteNames, tt.at)
			if first, _, _ := bytes.Cut(bytes.SplitN(file, []byte("\n"), 3)[1], []byte("\n")); !bytes.Contains(first, []byte(tt.says)) {
				t.Errorf("second line %q does not say %q", first, tt.says)
			}
			rules, order := readHeadersFile(t, file)
			if len(order) != len(rootOrder) {
				t.Fatalf("%d rules, the root has %d", len(order), len(rootOrder))
			}
			for _, r := range rootOrder {
				got, ok := rules[tt.prefix+r[1:]]
				if !ok {
					t.Errorf("no rule %s%s", tt.prefix, r[1:])
				} else if !equalHeaders(got, root[r]) {
					t.Errorf("%s%s: %v, want %v", tt.prefix, r[1:], got, root[r])
				}
			}
		})
	}
}

package web

import (
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// types are the MIME types that matter, whatever the machine's mime tables say:
// instantiateStreaming insists on application/wasm.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".bin":  "application/octet-stream",
	".json": "application/json",
	".ics":  "text/calendar; charset=utf-8",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
}

// encodings are the precompressed variants Handler looks for, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the site in dir: only GET and HEAD, index.html for a folder,
// 404 for folders without one (no listings) and for dot files. agenda.js,
// agenda.wasm and bundles (*.bin) may be fetched from any origin. A file with a
// .br or .gz copy beside it is served compressed when the client accepts it.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := path.Clean("/" + r.URL.Path)
		if strings.Contains(name, "/.") {
			http.NotFound(w, r)
			return
		}
		file := filepath.Join(dir, filepath.FromSlash(name))
		st, err := os.Stat(file)
		if err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
			file = filepath.Join(file, "index.html")
			st, err = os.Stat(file)
		}
		if err != nil || !st.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}

		h := w.Header()
		ext := path.Ext(name)
		ctype, ok := types[ext]
		if !ok {
			ctype = mime.TypeByExtension(ext)
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		h.Set("Content-Type", ctype)
		h.Set("X-Content-Type-Options", "nosniff")
		base := path.Base(name)
		if base == LoaderFile || base == WasmFile || ext == ".bin" {
			h.Set("Access-Control-Allow-Origin", "*")
		}
		// Names carry no content hash: pages always revalidate, assets after
		// five minutes (a new programme shows up soon after a deploy).
		if ext == ".html" {
			h.Set("Cache-Control", "no-cache")
		} else {
			h.Set("Cache-Control", "public, max-age=300")
		}

		encoding, vary, served := "", false, file
		for _, e := range encodings {
			zst, err := os.Stat(file + e.ext)
			if err != nil || !zst.Mode().IsRegular() {
				continue
			}
			vary = true
			if encoding == "" && accepts(r.Header.Get("Accept-Encoding"), e.name) {
				encoding, served, st = e.name, file+e.ext, zst
			}
		}
		if vary {
			h.Set("Vary", "Accept-Encoding")
		}
		etag := fmt.Sprintf("%x-%x", st.ModTime().UnixNano(), st.Size())
		if encoding != "" {
			h.Set("Content-Encoding", encoding)
			etag += "-" + encoding
		}
		h.Set("ETag", `"`+etag+`"`) // a strong validator per variant
		f, err := os.Open(served)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// accepts reports whether an Accept-Encoding header allows coding, honouring
// q=0 ("gzip;q=0" refuses gzip) and "*".
func accepts(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		token, params, _ := strings.Cut(part, ";")
		token = strings.ToLower(strings.TrimSpace(token))
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		switch token {
		case coding:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}

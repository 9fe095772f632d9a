package web

import (
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
)

// encodings are the precompressed variants Handler looks for, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the site in dir with the headers of Headers: only GET and
// HEAD, index.html for a folder, 404 for folders without one (no listings),
// for dot files and for anything that resolves outside dir (a symbolic link
// pointing out of it). A file with a .br or .gz copy beside it is served
// compressed when the client accepts it, with an ETag per variant.
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
		// Opened per request, so that a folder replaced by a new deploy is
		// served at once; os.Root refuses any path, links included, that
		// leads out of it.
		root, err := os.OpenRoot(dir)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer root.Close()
		file := "." + name // os.Root takes relative names
		st, err := root.Stat(file)
		if err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
			file = "." + name
			st, err = root.Stat(file)
		}
		if err != nil || !st.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}

		h := w.Header()
		setHeaders(h, name)
		if h.Get("Content-Type") == "" {
			// Not sniffed: the body may be a compressed copy.
			ctype := mime.TypeByExtension(path.Ext(name))
			if ctype == "" {
				ctype = "application/octet-stream"
			}
			h.Set("Content-Type", ctype)
		}

		f, encoding, vary, err := openVariant(root, file, r.Header.Get("Accept-Encoding"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
		if vary {
			h.Set("Vary", "Accept-Encoding")
		}
		etag := fmt.Sprintf("%x-%x", st.ModTime().UnixNano(), st.Size())
		if encoding != "" {
			h.Set("Content-Encoding", encoding)
			// ServeContent leaves Content-Length out once Content-Encoding
			// is set, which would send the copy chunked: no download
			// progress for the loader, no sendfile. Its length is known.
			h.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
			etag += "-" + encoding
		}
		h.Set("ETag", `"`+etag+`"`) // a strong validator per variant
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// openVariant opens the best copy of file in root that accept allows, file
// itself when none, and reports its coding ("" for file itself) and whether
// file has copies at all (the response then varies with Accept-Encoding).
func openVariant(root *os.Root, file, accept string) (f *os.File, encoding string, vary bool, err error) {
	for _, e := range encodings {
		if accepts(accept, e.name) {
			zf, err := root.Open(file + e.ext)
			if err != nil {
				continue
			}
			if zst, err := zf.Stat(); err == nil && zst.Mode().IsRegular() {
				return zf, e.name, true, nil
			}
			zf.Close()
		} else if !vary {
			zst, err := root.Stat(file + e.ext)
			vary = err == nil && zst.Mode().IsRegular()
		}
	}
	f, err = root.Open(file)
	return f, "", vary, err
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

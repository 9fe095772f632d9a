package web

import (
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// encodings are the precompressed variants Handler looks for, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the site in dir with the headers of Headers: only GET and
// HEAD, index.html for a folder, 404 for folders without one (no listings),
// for dot files and for anything that resolves outside dir (a symbolic link
// pointing out of it). A file with a .br or .gz copy beside it is served
// compressed when the client accepts it, with an ETag per variant. dir is
// opened once; when a deploy puts a new folder in its place, Handler moves to
// it at the first request the old one cannot answer.
func Handler(dir string) http.Handler {
	site := &siteRoot{dir: dir}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := path.Clean("/" + r.URL.Path)
		// Hidden files, and the host's own config, which Netlify and
		// Cloudflare Pages do not serve either.
		if strings.Contains(name, "/.") || name == "/"+HostHeaders {
			http.NotFound(w, r)
			return
		}
		root := site.get()
		st, err := stat(root, name)
		if err != nil {
			// A deploy may have replaced the folder since it was opened.
			if fresh := site.reopen(root); fresh != nil {
				root = fresh
				st, err = stat(root, name)
			}
		}
		if err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
		}
		// The rest happens in the file's folder: one walk from the root
		// instead of one per copy looked for.
		folder, base := root, path.Base(name)
		if parent := path.Dir(name); parent != "/" && err == nil {
			if folder, err = root.OpenRoot(parent[1:]); err == nil {
				defer folder.Close()
			}
		}
		if err == nil && st.IsDir() {
			st, err = folder.Stat(base)
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

		f, encoding, vary, err := openVariant(folder, base, r.Header.Get("Accept-Encoding"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		if encoding != "" {
			st, err = f.Stat()
			if err != nil {
				http.NotFound(w, r)
				return
			}
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

// stat stats the slash path name ("/" is the folder itself) inside root,
// which refuses any path, links included, that leads out of it.
func stat(root *os.Root, name string) (os.FileInfo, error) {
	if root == nil {
		return nil, os.ErrNotExist
	}
	return root.Stat("." + name)
}

// siteRoot is the folder a Handler serves, opened once rather than for each
// request. A deploy may replace the folder (rm -rf, then a new one); a lookup
// that fails then looks again in the folder now at dir.
type siteRoot struct {
	dir string
	mu  sync.Mutex
	cur atomic.Pointer[os.Root]
}

// get returns the open folder, opening it if need be; nil if it cannot.
func (s *siteRoot) get() *os.Root {
	if r := s.cur.Load(); r != nil {
		return r
	}
	return s.reopen(nil)
}

// reopen opens dir afresh in place of stale, the folder a lookup failed in,
// and returns it; nil when dir is stale's folder still (the miss was real),
// or cannot be opened.
func (s *siteRoot) reopen(stale *os.Root) *os.Root {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.cur.Load(); cur != stale {
		return cur // another request reopened it meanwhile
	}
	r, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil
	}
	if stale != nil {
		was, err1 := stale.Stat(".")
		now, err2 := r.Stat(".")
		if err1 == nil && err2 == nil && os.SameFile(was, now) {
			r.Close()
			return nil
		}
	}
	// The replaced folder stays open: requests may still be reading
	// through it. That is one descriptor per deploy.
	s.cur.Store(r)
	return r
}

// openVariant opens the best copy of file in folder that accept allows, file
// itself when none, and reports its coding ("" for file itself) and whether
// file has copies at all (the response then varies with Accept-Encoding).
func openVariant(folder *os.Root, file, accept string) (f *os.File, encoding string, vary bool, err error) {
	for _, e := range encodings {
		if accepts(accept, e.name) {
			zf, err := folder.Open(file + e.ext)
			if err != nil {
				continue
			}
			if zst, err := zf.Stat(); err == nil && zst.Mode().IsRegular() {
				return zf, e.name, true, nil
			}
			zf.Close()
		} else if !vary {
			zst, err := folder.Stat(file + e.ext)
			vary = err == nil && zst.Mode().IsRegular()
		}
	}
	f, err = folder.Open(file)
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

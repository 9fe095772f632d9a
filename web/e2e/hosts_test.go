package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// staticHost serves dir as a plain static host does (Netlify, Cloudflare
// Pages, a bucket behind a CDN): http.FileServer, no precompressed copies, and
// no header but those the site's _headers file asks for. It proves that the
// headers agenda site documents are all the widget needs.
func staticHost(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rules, err := readHeaders(filepath.Join(dir, "_headers"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		p := path.Clean(r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		for k, v := range rules[p] {
			w.Header()[k] = v
		}
		files.ServeHTTP(w, r)
	})
}

// readHeaders parses the _headers format: a path at the start of a line, then
// its "Name: value" lines indented; # starts a comment.
func readHeaders(file string) (map[string]http.Header, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	rules := map[string]http.Header{}
	var cur http.Header
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch t := strings.TrimSpace(line); {
		case t == "" || strings.HasPrefix(t, "#"):
		case line[0] != ' ' && line[0] != '\t':
			cur = http.Header{}
			rules[t] = cur
		case cur != nil && strings.Contains(t, ":"):
			k, v, _ := strings.Cut(t, ":")
			cur.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		default:
			return nil, fmt.Errorf("%s:%d: %q is neither a path nor a header", file, n, line)
		}
	}
	return rules, sc.Err()
}

var partner struct {
	once sync.Once
	url  string
	err  error
}

// partnerSite serves the hostile partner page (testdata/partner) on an origin
// of its own, loading the widget from the plain static host, with the
// partner's own Go program beside it.
func partnerSite(t *testing.T) string {
	t.Helper()
	partner.once.Do(func() {
		dir, err := os.MkdirTemp("", "agenda-partner-")
		if err != nil {
			partner.err = err
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "partner.wasm"), "./testdata/partnergo")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			partner.err = fmt.Errorf("building the partner's Go program: %v\n%s", err, out)
			return
		}
		files := map[string][]byte{"wasm_exec.js": wasmExec, "blank.html": []byte(`<!doctype html><title>blank</title>`)}
		for _, name := range []string{"index.html", "partner.css", "partner-go.js"} {
			data, err := os.ReadFile(filepath.Join("testdata", "partner", name))
			if err != nil {
				partner.err = err
				return
			}
			files[name] = bytes.ReplaceAll(data, []byte("WIDGET"), []byte(staticURL))
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				partner.err = err
				return
			}
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
		partner.url = srv.URL
		// The server and folder live as long as the test binary.
	})
	if partner.err != nil {
		t.Fatal(partner.err)
	}
	return partner.url
}

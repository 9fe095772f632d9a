package web

import (
	"bytes"
	"maps"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// contentTypes are the MIME types that matter, whatever the machine's mime
// tables say: instantiateStreaming insists on application/wasm, and with
// nosniff a browser refuses a script or style sheet of any other type.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".bin":         "application/octet-stream",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ics":         "text/calendar; charset=utf-8",
	".xml":         "application/xml",
}

// hashedWasm names the widget with its content hash in the name: it never
// changes under that name, so caches may keep it for good.
var hashedWasm = regexp.MustCompile(`^agenda\.[0-9a-f]{8,16}\.wasm$`)

// Cache-Control values of the policy.
const (
	cacheForever = "public, max-age=31536000, immutable"
	// Pages, the service worker and the manifest name the other files: a
	// stale copy would point at a wasm the deploy removed.
	cacheRevalidate = "no-cache"
	// Stable names whose content changes with a deploy (the loader, bundles,
	// icons, style sheets): a new programme shows up within five minutes.
	cacheShort = "public, max-age=300"
)

// Headers returns the response headers of the site file at name, a slash path
// inside the site folder ("/agenda.js", "schedule/index.html"; a name ending
// in "/" means its index.html). It is the one policy behind both Handler and
// HeadersFile:
//
//   - Content-Type for the extensions the site uses, whatever the machine's
//     mime tables say (none for other extensions: the server picks one), and
//     X-Content-Type-Options: nosniff on everything;
//   - Access-Control-Allow-Origin: * and Cross-Origin-Resource-Policy:
//     cross-origin on agenda.js, every .wasm and every .bin, which partner
//     pages on other origins fetch (CORP lets pages with COEP embed them);
//   - Cache-Control: immutable for a hashed agenda.<hex>.wasm, no-cache for
//     pages, sw.js and manifest.webmanifest, five minutes for the rest.
func Headers(name string) http.Header {
	h := make(http.Header, 5)
	setHeaders(h, name)
	return h
}

// setHeaders sets the policy's headers for name on h, as Headers returns them.
func setHeaders(h http.Header, name string) {
	if strings.HasSuffix(name, "/") || name == "" {
		name += "index.html"
	}
	base, ext := path.Base(name), path.Ext(name)
	if ctype, ok := contentTypes[ext]; ok {
		h.Set("Content-Type", ctype)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	if base == LoaderFile || ext == ".wasm" || ext == ".bin" {
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	switch {
	case hashedWasm.MatchString(base):
		h.Set("Cache-Control", cacheForever)
	case ext == ".html" || base == "sw.js" || base == "manifest.webmanifest":
		h.Set("Cache-Control", cacheRevalidate)
	default:
		h.Set("Cache-Control", cacheShort)
	}
}

// HeadersFile returns a _headers file, the format Netlify and Cloudflare Pages
// read from the root of a deploy, giving each site path in names (slash paths
// inside the site folder) the headers Headers gives it. Rules name exact paths,
// never patterns, so that both hosts, whose pattern rules differ, read the file
// alike. at is the URL path the folder is served at ("/2026/schedule/", from
// agenda site's --base-url; "" or "/" for the host's root): the rules are that
// path plus the file's. A path a rule cannot spell (see below) gives root
// rules, and the file's first lines say so.
//
// A page gets a second rule for the URL the hosts serve it at without its
// extension (/partner for partner.html, /schedule/ for schedule/index.html):
// Cloudflare Pages redirects to that URL and matches rules against it.
// Left out are the files neither host serves or that need no rule: dot files,
// _headers itself, .br and .gz copies of a listed file (both hosts compress on
// their own), and names a rule cannot spell exactly: with "*" or a segment
// starting with ":" (patterns to the hosts), white space, "%" or non-ASCII.
//
// Cloudflare Pages takes at most 100 rules: a site of a dozen files and a
// schedule of a week needs about 35.
func HeadersFile(names []string, at string) []byte {
	if at = path.Clean("/" + at); at != "/" {
		at += "/"
	}
	where := "at " + at + " on its host, as --base-url says"
	switch {
	case at == "/":
		where = "at the root of its host; agenda site --base-url names another path"
	case !exactPath(at) || strings.Contains(at, "/."):
		where = "at the root of its host: a rule cannot spell " + strconv.Quote(at)
		at = "/"
	}
	listed := make(map[string]bool, len(names))
	for _, n := range names {
		listed[path.Clean("/"+n)] = true
	}
	rules := make(map[string]string) // URL path → the file whose headers it gets
	for n := range listed {
		if !exactPath(n) || strings.Contains(n, "/.") || n == "/_headers" {
			continue
		}
		if ext := path.Ext(n); (ext == ".br" || ext == ".gz") && listed[strings.TrimSuffix(n, ext)] {
			continue
		}
		rules[n] = n
	}
	aliases := make(map[string]string)
	for n := range rules {
		switch {
		case path.Base(n) == "index.html":
			aliases[strings.TrimSuffix(n, "index.html")] = n
		case path.Ext(n) == ".html":
			aliases[strings.TrimSuffix(n, ".html")] = n
		}
	}
	for alias, n := range aliases {
		if !listed[alias] { // a file of that name keeps its own headers
			rules[alias] = n
		}
	}
	var b bytes.Buffer
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by agenda site.\n")
	b.WriteString("# The paths assume this folder is deployed " + where + ".\n")
	for _, p := range slices.Sorted(maps.Keys(rules)) {
		h := Headers(rules[p])
		b.WriteString("\n" + at + p[1:] + "\n")
		for _, k := range slices.Sorted(maps.Keys(h)) {
			for _, v := range h[k] {
				// Canonical case: Netlify adds a lower-case Content-Type
				// beside its own instead of replacing it.
				b.WriteString("  " + http.CanonicalHeaderKey(k) + ": " + v + "\n")
			}
		}
	}
	return b.Bytes()
}

// exactPath reports whether p can name itself in a _headers rule: the hosts
// read "*" as a splat and ":name" segments as placeholders, a rule line ends
// at white space, and whether they match a rule against the raw or the
// decoded URL path is unsaid, so "%" and non-ASCII are out too.
func exactPath(p string) bool {
	if strings.ContainsAny(p, "*%") || strings.Contains(p, "/:") {
		return false
	}
	for _, r := range p {
		if r <= ' ' || r >= 0x7f {
			return false
		}
	}
	return true
}

package static

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/sanitize"

	"github.com/agendaconf/agenda/internal/schedfuzz"
)

// FuzzFiles writes the static pages or the fallback fragment of a schedule
// built from the input, its descriptions sanitised as every reader does
// (the model holds only sanitised HTML), as it comes or after
// model.Check. Writing fails only when the zone does not load; otherwise
// every page tokenises with x/net/html with no script (or other active)
// element, no on* attribute and only http, https, mailto or relative URLs;
// pages are named index.html, schedule.css and DATE.html; the day pages show
// every scheduled session once, the index every unscheduled one, and the
// fallback every session.
func FuzzFiles(f *testing.F) {
	for _, seed := range schedfuzz.Seeds() {
		f.Add(seed)
	}
	f.Fuzz(fuzzFiles)
}

// fuzzHrefs are the fallback's links to the pages: the documented folder
// URLs and some that html/template must neutralise.
var fuzzHrefs = []string{"", "/schedule/", "https://conf.example/schedule/", "schedule/", "javascript:alert(1)//", " JaVa\tScRiPt:alert(1)//", "data:text/html,<script>alert(1)</script>", "\"><script>alert(1)</script>"}

func fuzzFiles(t *testing.T, data []byte) {
	s := schedfuzz.Schedule(data)
	for i := range s.Sessions {
		s.Sessions[i].Description = sanitize.HTML(s.Sessions[i].Description)
	}
	_, zoneErr := time.LoadLocation(s.Conference.TimeZone)
	// The input's length picks the case, so that each input costs one pass:
	// odd lengths go through Check first, as every reader's output does
	// (the others test the pages on any model), bit 1 picks the pages or
	// the fallback, and the bits above pick the fallback's href.
	if len(data)%2 == 1 {
		model.Check(s)
	}
	scheduled := 0
	for _, ss := range s.Sessions {
		if ss.Scheduled() {
			scheduled++
		}
	}
	if len(data)&2 != 0 {
		frag, err := Fallback(s, fuzzHrefs[len(data)/4%len(fuzzHrefs)])
		if (err != nil) != (zoneErr != nil) {
			t.Fatalf("Fallback: %v, with zone %q", err, s.Conference.TimeZone)
		}
		if n := checkHTML(t, "fallback", frag); err == nil && n != len(s.Sessions) {
			t.Fatalf("the fallback shows %d sessions, want %d", n, len(s.Sessions))
		}
		return
	}
	files, err := Files(s)
	if (err != nil) != (zoneErr != nil) {
		t.Fatalf("Files: %v, with zone %q", err, s.Conference.TimeZone)
	}
	shown := 0
	for name, b := range files {
		switch {
		case name == CSSFile:
			continue
		case name == "index.html":
			if n := checkHTML(t, name, b); n != len(s.Sessions)-scheduled {
				t.Fatalf("index.html shows %d sessions, want the %d unscheduled", n, len(s.Sessions)-scheduled)
			}
		case dayFile(name):
			shown += checkHTML(t, name, b)
		default:
			t.Fatalf("unexpected file name %q", name)
		}
	}
	if err == nil && shown != scheduled {
		t.Fatalf("day pages show %d sessions, want %d", shown, scheduled)
	}
}

// dayFile reports whether name is DATE.html, DATE as time formats
// 2006-01-02 (a year may have a sign or more digits): a plain file name.
func dayFile(name string) bool {
	date, ok := strings.CutSuffix(name, ".html")
	date = strings.TrimPrefix(date, "-")
	return ok && len(date) >= 10 && date[len(date)-6] == '-' && date[len(date)-3] == '-' &&
		strings.Trim(strings.ReplaceAll(date, "-", ""), "0123456789") == "" && !strings.Contains(date, "--")
}

// checkHTML tokenises page and checks that it holds nothing active; it
// returns the number of sessions shown: articles of class session on the
// pages, elements with data-session in the fallback.
func checkHTML(t *testing.T, name string, page []byte) int {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	sessions := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("%s does not tokenise: %v", name, z.Err())
			}
			return sessions
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "frame", "object", "embed", "base", "form":
			t.Fatalf("%s holds a <%s> element: %s", name, tok.Data, tok)
		}
		for _, a := range tok.Attr {
			if tok.Data == "article" && a.Key == "class" && strings.HasPrefix(a.Val, "session ") || a.Key == "data-session" {
				sessions++
			}
		}
		for _, a := range tok.Attr {
			switch {
			case strings.HasPrefix(a.Key, "on"):
				t.Fatalf("%s: event handler attribute in %s", name, tok)
			case a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction" || a.Key == "xlink:href":
				if !safeURL(a.Val) {
					t.Fatalf("%s: unsafe URL %q in %s", name, a.Val, tok)
				}
			}
		}
	}
}

// safeURL reports whether u, read as a browser reads an attribute's URL,
// is http, https, mailto or relative. Browsers strip leading and trailing
// C0 controls and spaces and remove tabs and newlines anywhere, and a scheme
// is ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") before a ':' (URL Standard).
func safeURL(u string) bool {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	i := strings.IndexAny(u, ":/?#")
	if i <= 0 || u[i] != ':' {
		return true // no scheme: relative
	}
	scheme := strings.ToLower(u[:i])
	if strings.Trim(scheme, "abcdefghijklmnopqrstuvwxyz0123456789+-.") != "" || scheme[0] < 'a' || scheme[0] > 'z' {
		return true // not a scheme: a relative path
	}
	return scheme == "http" || scheme == "https" || scheme == "mailto"
}

// The schedule builder below is the one of widget/bundle's FuzzEncodeOpen
// (test files cannot share code across packages); keep them alike.

package static

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/agendaconf/agenda/widget/schedule"
	"github.com/agendaconf/agenda/widget/source/sanitize"
)

// FuzzFiles writes the static pages or the fallback fragment of a schedule
// built from the input, its descriptions sanitised as every reader does
// (the model holds only sanitised HTML), as it comes or after
// schedule.Check. Writing fails only when the zone does not load; otherwise
// every page tokenises with x/net/html with no script (or other active)
// element, no on* attribute and only http, https, mailto or relative URLs;
// pages are named index.html, schedule.css and DATE.html; the day pages show
// every scheduled session once, the index every unscheduled one, and the
// fallback every session.
func FuzzFiles(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(fuzzFiles)
}

// fuzzHrefs are the fallback's links to the pages: the documented folder
// URLs and some that html/template must neutralise.
var fuzzHrefs = []string{"", "/schedule/", "https://conf.example/schedule/", "schedule/", "javascript:alert(1)//", " JaVa\tScRiPt:alert(1)//", "data:text/html,<script>alert(1)</script>", "\"><script>alert(1)</script>"}

func fuzzFiles(t *testing.T, data []byte) {
	s := fuzzSchedule(data)
	for i := range s.Sessions {
		s.Sessions[i].Description = sanitize.HTML(s.Sessions[i].Description)
	}
	_, zoneErr := time.LoadLocation(s.Conference.TimeZone)
	// The input's length picks the case, so that each input costs one pass:
	// odd lengths go through Check first, as every reader's output does
	// (the others test the pages on any model), bit 1 picks the pages or
	// the fallback, and the bits above pick the fallback's href.
	if len(data)%2 == 1 {
		schedule.Check(s)
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

// fuzzSeeds are a few inputs for fuzzSchedule; the fuzzer finds the rest.
func fuzzSeeds() [][]byte {
	r := rand.New(rand.NewPCG(8, 8))
	seeds := [][]byte{nil, bytes.Repeat([]byte{1}, 300), bytes.Repeat([]byte{4, 2, 5, 17}, 100)}
	for i := range 4 { // lengths of each remainder mod 4, which some targets use
		b := make([]byte, 400+i)
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// fuzzStrings are the strings the input can pick by index: shared picks give
// sessions the same rooms, tracks and speakers, and the list holds the
// awkward cases.
var fuzzStrings = []string{
	"", "a", "A", "é", "Main Stage", "b", "ana", "x,y;z\\n", "line\r\nbreak\rcr\nlf\ttab",
	"<p>Text &amp; <em>more</em></p>", "<script>alert(1)</script><a href=javascript:alert(1) onclick=x>", "javascript:alert(1)",
	"https://conf.example/talks/x?a=1&b=2#f", "mailto:a@example.org", "/talks/x", "\u2028\u202e\x00\x1b\x7f\u0085",
	"ß𝔘 " + strings.Repeat("é", 45), "!", "  ", "Ünïcödé ✓ 日本語 🦀", "\uFEFF\u0301",
}

// fuzzZones are the time zones the input can pick: DST at 02:00 (Paris) and
// at midnight (São Paulo before 2019), a skipped day (Apia, 2011), half-hour
// DST (Lord Howe), odd offsets, and a zone far east.
var fuzzZones = []string{"UTC", "Europe/Paris", "America/Sao_Paulo", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Etc/GMT-14"}

// fuzzBases are instants near the clock changes of those zones.
var fuzzBases = []time.Time{
	time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC),
	time.Date(2018, 11, 4, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 30, 0, 0, 0, 0, time.UTC),
	time.Date(2025, 4, 6, 0, 0, 0, 0, time.UTC), time.Unix(0, 0), time.Date(2200, 12, 31, 12, 0, 0, 0, time.UTC),
}

var fuzzDayChanges = []time.Duration{0, 6 * time.Hour, 4*time.Hour + 30*time.Minute, 12 * time.Hour, 2*time.Hour + 30*time.Minute, 23*time.Hour + 59*time.Minute, -time.Hour, 30 * time.Hour}

// fuzzReader hands out the input a piece at a time; past its end, zeros.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fuzzReader) uint(n int) uint64 {
	var v uint64
	for i := range n {
		v |= uint64(r.byte()) << (8 * i)
	}
	return v
}

// str is a string from fuzzStrings, or the next n bytes made valid UTF-8, or
// (rarely, as Encode refuses it) raw bytes.
func (r *fuzzReader) str() string {
	k := r.byte()
	if k < 0xC0 {
		return fuzzStrings[int(k)%len(fuzzStrings)]
	}
	n := int(r.byte())
	if n > len(r.b) {
		n = len(r.b)
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	if k == 0xFF {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func (r *fuzzReader) zone() string {
	switch k := r.byte(); {
	case k < 0xF0:
		return fuzzZones[int(k)%len(fuzzZones)]
	case k == 0xF0:
		return ""
	default:
		return r.str()
	}
}

func (r *fuzzReader) dayChange() time.Duration {
	if k := r.byte(); k < 0xF0 {
		return fuzzDayChanges[int(k)%len(fuzzDayChanges)]
	}
	return time.Duration(r.uint(8))
}

// time is zero, an instant near a clock change (to the minute or the
// second), or any instant the time package can represent.
func (r *fuzzReader) time() time.Time {
	k := r.byte()
	base := fuzzBases[int(k/4)%len(fuzzBases)]
	switch k % 4 {
	case 0:
		return time.Time{}
	case 1:
		return base.Add(time.Duration(int16(r.uint(2))) * time.Minute)
	case 2:
		return base.Add(time.Duration(int32(r.uint(4))) * time.Second)
	}
	// Shifted right: beyond about ±2⁶⁰ seconds time.Time's own arithmetic overflows.
	return time.Unix(int64(r.uint(8))>>3, int64(r.uint(4)))
}

func (r *fuzzReader) end(start time.Time) time.Time {
	switch r.byte() % 4 {
	case 0:
		return time.Time{}
	case 1:
		return start.Add(time.Duration(r.uint(2)) * time.Minute)
	case 2:
		return start.Add(-time.Duration(r.uint(1)) * time.Minute)
	}
	return r.time()
}

// fuzzSchedule builds a small schedule from data: up to 3 rooms, 4 speakers
// and 7 sessions, every field from the input.
func fuzzSchedule(data []byte) *schedule.Schedule {
	r := &fuzzReader{b: data}
	s := &schedule.Schedule{}
	s.Conference = schedule.Conference{ID: r.str(), Name: r.str(), TimeZone: r.zone(), BaseURL: r.str(), DayChange: r.dayChange()}
	for range r.byte() % 4 {
		s.Rooms = append(s.Rooms, r.str())
	}
	for range r.byte() % 5 {
		sp := schedule.Speaker{Slug: r.str(), Name: r.str(), Role: r.str(), Bio: r.str(), URL: r.str()}
		for range r.byte() % 3 {
			sp.Links = append(sp.Links, schedule.Link{Label: r.str(), URL: r.str()})
		}
		s.Speakers = append(s.Speakers, sp)
	}
	for range r.byte() % 8 {
		ss := schedule.Session{Slug: r.str(), Title: r.str(), Room: r.str(), Start: r.time()}
		ss.End = r.end(ss.Start)
		if k := r.byte(); k == 0xFF {
			ss.Kind = schedule.Kind(4 + r.byte()%252) // unknown: Encode refuses it
		} else {
			ss.Kind = schedule.Kind(k % 4)
		}
		for range r.byte() % 4 {
			ss.Speakers = append(ss.Speakers, r.str())
		}
		ss.Track = r.str()
		for range r.byte() % 3 {
			ss.Tags = append(ss.Tags, r.str())
		}
		ss.Description, ss.URL, ss.Location = r.str(), r.str(), r.str()
		s.Sessions = append(s.Sessions, ss)
	}
	return s
}

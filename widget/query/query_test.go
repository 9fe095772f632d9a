package query

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/frab"
	"github.com/agendaconf/agenda/widget/read/zola"
	"github.com/agendaconf/agenda/widget/text/fold"
)

const fosdem = "../../../shared/corpus/fosdem-2025/schedule.xml"

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at returns a venue-local time on October day, 2025, as a UTC instant.
func at(t testing.TB, day, h, m int) time.Time {
	return time.Date(2025, 10, day, h, m, 0, 0, paris(t)).UTC()
}

// small is the test programme: two days, three rooms, every kind, three
// tracks, several speakers per session (one listed twice), accented names,
// HTML descriptions, a session without an end and an unscheduled one.
func small(t testing.TB) *model.Schedule {
	return &model.Schedule{
		Conference: model.Conference{ID: "q-2025", Name: "Query Conf", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Main Stage", "Side Stage", "Workshop Room"},
		Speakers: []model.Speaker{
			{Slug: "jose", Name: "José Fernández"},
			{Slug: "ana", Name: "Ana Łukasiewicz"},
			{Slug: "bob", Name: "Bob Stone"},
			{Slug: "chloe", Name: "Chloé Bernard"},
		},
		Sessions: []model.Session{
			{Slug: "keynote", Title: "Opening Keynote", Room: "Main Stage", Start: at(t, 9, 9, 0), End: at(t, 9, 10, 0),
				Speakers: []string{"ana", "bob"}, Track: "Web", Tags: []string{"keynote"},
				Description: "<p>Welcome to <strong>Paris</strong>!</p>"},
			{Slug: "zero-copy", Title: "Zero-Copy Decoding in Go", Room: "Side Stage", Start: at(t, 9, 10, 30), End: at(t, 9, 11, 15),
				Speakers: []string{"jose"}, Track: "Performance", Tags: []string{"go", "wasm"},
				Description: "<p>Strings &amp; <em>slices</em>, fewer copies.</p>"},
			{Slug: "fuzz-workshop", Title: "Hands-on Fuzzing", Kind: model.Workshop, Room: "Workshop Room", Start: at(t, 9, 10, 30), End: at(t, 9, 12, 30),
				Speakers: []string{"ana", "jose"}, Track: "Performance",
				Description: "<p>Bring a laptop; coffee at the caf&#233; next&nbsp;door.</p>"},
			{Slug: "lunch-1", Title: "Lunch", Kind: model.Break, Start: at(t, 9, 12, 30), End: at(t, 9, 13, 30)},
			{Slug: "embedded-rust", Title: "Embedded Rust on Tiny Chips", Room: "Main Stage", Start: at(t, 10, 9, 0), End: at(t, 10, 9, 45),
				Speakers: []string{"chloe"}, Track: "Embedded", Tags: []string{"rust"},
				Description: "<p>Drivers for <strong>sensors</strong> over &lt;i2c&gt;.</p>"},
			{Slug: "web-perf", Title: "Faster Web Pages", Room: "Side Stage", Start: at(t, 10, 9, 0), End: at(t, 10, 9, 30),
				Speakers: []string{"bob", "chloe"}, Track: "Web",
				Description: "<p>Meet us at the café afterwards.</p>"},
			{Slug: "boat", Title: "Boat trip on the Seine", Kind: model.Activity, Start: at(t, 10, 19, 0), End: at(t, 10, 23, 0),
				Tags: []string{"social"}, Location: "Port de la Bourdonnais"},
			{Slug: "lightning", Title: "Lightning talks", Room: "Main Stage", Start: at(t, 10, 14, 0),
				Speakers: []string{"jose", "bob", "jose"}},
			{Slug: "tbd", Title: "To be announced", Speakers: []string{"chloe"}, Track: "Web"},
		},
	}
}

func open(t testing.TB, s *model.Schedule) *bundle.Bundle {
	t.Helper()
	data, err := bundle.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// slugs lists the sessions in s, sorted.
func slugs(b *bundle.Bundle, s Set) []string {
	var out []string
	for i := range b.NumSessions() {
		if s.Has(i) {
			out = append(out, b.Session(i).Slug())
		}
	}
	slices.Sort(out)
	return out
}

// setOf returns the Set of the named sessions.
func setOf(t testing.TB, b *bundle.Bundle, names ...string) Set {
	t.Helper()
	s := NewSet(b.NumSessions())
	for _, n := range names {
		i, ok := b.SessionBySlug(n)
		if !ok {
			t.Fatalf("no session %q", n)
		}
		s.Add(i)
	}
	return s
}

// must returns i from a bundle lookup that must succeed.
func must(i int, ok bool) int {
	if !ok {
		panic("lookup failed")
	}
	return i
}

func TestSet(t *testing.T) {
	s := NewSet(130)
	if len(s) != 3 || s.Count() != 0 {
		t.Fatalf("NewSet(130) = %d words, %d set", len(s), s.Count())
	}
	for _, i := range []int{0, 63, 64, 129} {
		s.Add(i)
	}
	s.Add(63)
	if s.Count() != 4 || !s.Has(64) || s.Has(65) || s.Has(-1) || s.Has(1000) {
		t.Fatalf("after Add: %b", s)
	}
	s.Remove(64)
	s.Remove(65)
	if s.Count() != 3 || s.Has(64) {
		t.Fatalf("after Remove: %b", s)
	}
	s.Clear()
	if s.Count() != 0 {
		t.Fatalf("after Clear: %b", s)
	}
	if len(NewSet(0)) != 0 || len(NewSet(-5)) != 0 || len(NewSet(64)) != 1 {
		t.Fatal("NewSet sizes")
	}
}

func TestMatch(t *testing.T) {
	b := open(t, small(t))
	x := New(b)
	main := must(b.RoomByName("Main Stage"))
	side := must(b.RoomByName("Side Stage"))
	workshop := must(b.KindByName("workshop"))
	talk := must(b.KindByName("talk"))
	brk := must(b.KindByName("break"))
	perf := must(b.TrackByName("Performance"))
	web := must(b.TrackByName("Web"))
	jose := must(b.SpeakerBySlug("jose"))
	bob := must(b.SpeakerBySlug("bob"))
	unix := func(day, h, m int) int64 { return at(t, day, h, m).Unix() }
	favs := setOf(t, b, "keynote", "boat", "tbd", "lightning")

	all := []string{"boat", "embedded-rust", "fuzz-workshop", "keynote", "lightning", "lunch-1", "tbd", "web-perf", "zero-copy"}
	type F = func(*Filter)
	tests := []struct {
		name string
		set  F
		want []string
	}{
		{"any", func(*Filter) {}, all},
		// One dimension at a time.
		{"day 0", func(f *Filter) { f.Is[Day] = 0 }, []string{"fuzz-workshop", "keynote", "lunch-1", "zero-copy"}},
		{"day 1", func(f *Filter) { f.Is[Day] = 1 }, []string{"boat", "embedded-rust", "lightning", "web-perf"}},
		{"room main", func(f *Filter) { f.Is[Room] = main }, []string{"embedded-rust", "keynote", "lightning"}},
		{"room side", func(f *Filter) { f.Is[Room] = side }, []string{"web-perf", "zero-copy"}},
		{"kind workshop", func(f *Filter) { f.Is[Kind] = workshop }, []string{"fuzz-workshop"}},
		{"kind talk", func(f *Filter) { f.Is[Kind] = talk }, []string{"embedded-rust", "keynote", "lightning", "tbd", "web-perf", "zero-copy"}},
		{"kind break", func(f *Filter) { f.Is[Kind] = brk }, []string{"lunch-1"}},
		{"track performance", func(f *Filter) { f.Is[Track] = perf }, []string{"fuzz-workshop", "zero-copy"}},
		{"track web", func(f *Filter) { f.Is[Track] = web }, []string{"keynote", "tbd", "web-perf"}},
		{"speaker jose", func(f *Filter) { f.Is[Speaker] = jose }, []string{"fuzz-workshop", "lightning", "zero-copy"}},
		{"speaker bob", func(f *Filter) { f.Is[Speaker] = bob }, []string{"keynote", "lightning", "web-perf"}},
		{"only", func(f *Filter) { f.Only = favs }, []string{"boat", "keynote", "lightning", "tbd"}},
		{"only empty", func(f *Filter) { f.Only = NewSet(b.NumSessions()) }, nil},
		{"only short", func(f *Filter) { f.Only = Set{} }, nil},
		// Out of range: nothing; other negatives: any.
		{"day out of range", func(f *Filter) { f.Is[Day] = 99 }, nil},
		{"room out of range", func(f *Filter) { f.Is[Room] = 3 }, nil},
		{"kind out of range", func(f *Filter) { f.Is[Kind] = 200 }, nil},
		{"track out of range", func(f *Filter) { f.Is[Track] = 1 << 20 }, nil},
		{"speaker out of range", func(f *Filter) { f.Is[Speaker] = 4 }, nil},
		{"negative", func(f *Filter) { f.Is[Day], f.Is[Room], f.Is[Speaker] = -7, -100, -2 }, all},
		// Combined.
		{"day 1 main", func(f *Filter) { f.Is[Day], f.Is[Room] = 1, main }, []string{"embedded-rust", "lightning"}},
		{"day 0 talk", func(f *Filter) { f.Is[Day], f.Is[Kind] = 0, talk }, []string{"keynote", "zero-copy"}},
		{"jose day 0", func(f *Filter) { f.Is[Speaker], f.Is[Day] = jose, 0 }, []string{"fuzz-workshop", "zero-copy"}},
		{"web talk bob", func(f *Filter) { f.Is[Track], f.Is[Kind], f.Is[Speaker] = web, talk, bob }, []string{"keynote", "web-perf"}},
		{"side workshop", func(f *Filter) { f.Is[Room], f.Is[Kind] = side, workshop }, nil},
		{"only day 1", func(f *Filter) { f.Only, f.Is[Day] = favs, 1 }, []string{"boat", "lightning"}},
		{"only text", func(f *Filter) { f.Only, f.Text = favs, "fernandez" }, []string{"lightning"}},
		{"text workshop", func(f *Filter) { f.Text, f.Is[Kind] = "fernandez", workshop }, []string{"fuzz-workshop"}},
		{"everything", func(f *Filter) {
			f.Is[Day], f.Is[Room], f.Is[Kind], f.Is[Track], f.Is[Speaker], f.Text, f.Now = 0, side, talk, perf, jose, "copy", unix(9, 10, 0)
		}, []string{"zero-copy"}},
		// Text.
		{"title words", func(f *Filter) { f.Text = "zero copy" }, []string{"zero-copy"}},
		{"title case", func(f *Filter) { f.Text = "ZERO-Copy" }, []string{"zero-copy"}},
		{"title prefix", func(f *Filter) { f.Text = "zer" }, []string{"zero-copy"}},
		{"words any order", func(f *Filter) { f.Text = "decoding zero" }, []string{"zero-copy"}},
		{"speaker accent", func(f *Filter) { f.Text = "fernandez" }, []string{"fuzz-workshop", "lightning", "zero-copy"}},
		{"speaker accented query", func(f *Filter) { f.Text = "  Fernández " }, []string{"fuzz-workshop", "lightning", "zero-copy"}},
		{"speaker stroke", func(f *Filter) { f.Text = "lukasiewicz" }, []string{"fuzz-workshop", "keynote"}},
		{"title and speaker", func(f *Filter) { f.Text = "fuzzing ana" }, []string{"fuzz-workshop"}},
		{"room", func(f *Filter) { f.Text = "main stage" }, []string{"embedded-rust", "keynote", "lightning"}},
		{"track", func(f *Filter) { f.Text = "performance" }, []string{"fuzz-workshop", "zero-copy"}},
		{"tag", func(f *Filter) { f.Text = "wasm" }, []string{"zero-copy"}},
		{"description", func(f *Filter) { f.Text = "sensors" }, []string{"embedded-rust"}},
		{"description entity", func(f *Filter) { f.Text = "i2c" }, []string{"embedded-rust"}},
		{"description numeric entity", func(f *Filter) { f.Text = "cafe" }, []string{"fuzz-workshop", "web-perf"}},
		{"description nbsp", func(f *Filter) { f.Text = "next door" }, []string{"fuzz-workshop"}},
		{"description words", func(f *Filter) { f.Text = "slices copies" }, []string{"zero-copy"}},
		{"description and title", func(f *Filter) { f.Text = "slices decoding" }, []string{"zero-copy"}},
		{"tag names not text", func(f *Filter) { f.Text = "strong" }, nil},
		{"tag names not text with word", func(f *Filter) { f.Text = "sensors strong" }, nil},
		{"entity names not text", func(f *Filter) { f.Text = "amp" }, nil},
		{"no match", func(f *Filter) { f.Text = "kubernetes" }, nil},
		{"one word missing", func(f *Filter) { f.Text = "zero kubernetes" }, nil},
		{"words not joined", func(f *Filter) { f.Text = "zerocopy" }, nil},
		{"empty", func(f *Filter) { f.Text = "" }, all},
		{"spaces", func(f *Filter) { f.Text = "   " }, all},
		{"punctuation", func(f *Filter) { f.Text = " - ! " }, all},
		// Now and next.
		{"now running", func(f *Filter) { f.Now = unix(9, 10, 45) }, []string{"fuzz-workshop", "zero-copy"}},
		{"now at start", func(f *Filter) { f.Now = unix(9, 9, 0) }, []string{"fuzz-workshop", "keynote", "zero-copy"}},
		{"now at end", func(f *Filter) { f.Now = unix(9, 10, 0) }, []string{"fuzz-workshop", "zero-copy"}},
		{"now window edge", func(f *Filter) { f.Now = unix(9, 11, 0) }, []string{"fuzz-workshop", "lunch-1", "zero-copy"}},
		{"now window edge plus one", func(f *Filter) { f.Now = unix(9, 11, 0) - 1 }, []string{"fuzz-workshop", "zero-copy"}},
		{"now soon", func(f *Filter) { f.Now = unix(10, 8, 0) }, []string{"embedded-rust", "web-perf"}},
		{"now no end soon", func(f *Filter) { f.Now = unix(10, 13, 0) }, []string{"lightning"}},
		{"now no end started", func(f *Filter) { f.Now = unix(10, 14, 10) }, nil},
		{"now evening", func(f *Filter) { f.Now = unix(10, 22, 0) }, []string{"boat"}},
		{"now after", func(f *Filter) { f.Now = unix(11, 9, 0) }, nil},
		{"now before", func(f *Filter) { f.Now = unix(1, 9, 0) }, nil},
		{"now and day", func(f *Filter) { f.Now, f.Is[Day] = unix(9, 10, 45), 1 }, nil},
		{"now and favourites", func(f *Filter) { f.Now, f.Only = unix(10, 13, 0), favs }, []string{"lightning"}},
	}
	out := NewSet(b.NumSessions())
	out.Add(0) // Match clears it
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Any()
			tt.set(&f)
			n := x.Match(f, out)
			if got := slugs(b, out); !slices.Equal(got, tt.want) {
				t.Errorf("Match(%+v) = %q, want %q", f, got, tt.want)
			}
			if n != len(tt.want) || n != out.Count() {
				t.Errorf("Match returned %d, want %d (out has %d)", n, len(tt.want), out.Count())
			}
			if m := x.Match(f, nil); m != n {
				t.Errorf("Match(f, nil) = %d, want %d", m, n)
			}
			// A fresh index gives the same answer (no state leaks between queries).
			if m := New(b).Match(f, nil); m != n {
				t.Errorf("fresh index: %d, want %d", m, n)
			}
		})
	}
}

// TestTyping checks that what an Index remembers between keystrokes (typing
// on, deleting, changing other filters meanwhile) never changes an answer.
func TestTyping(t *testing.T) {
	b := open(t, synthetic(t, 200))
	x := New(b)
	out, want := NewSet(b.NumSessions()), NewSet(b.NumSessions())
	texts := []string{"", "r", "ru", "rus", "rust", "rust ", "rust m", "rust me", "rust mém", "rust me", "rust",
		"rus", "rust", "rust", "trust", "rust", "mémoire rust", "rust", "", "c", "ca", "caf", "café", "cafe", "cafes", "cafe", "z"}
	for k, text := range texts {
		for _, day := range []int{-1, k % 3} {
			f := Any()
			f.Text, f.Is[Day] = text, day
			n := x.Match(f, out)
			m := New(b).Match(f, want)
			if n != m || !slices.Equal(out, want) {
				t.Fatalf("keystroke %d (%q, day %d): %d matches, a fresh Index finds %d", k, text, day, n, m)
			}
		}
	}
}

func TestMatchShortOut(t *testing.T) {
	b := open(t, small(t))
	defer func() {
		if recover() == nil {
			t.Error("Match with a Set too small for the bundle did not panic")
		}
	}()
	New(b).Match(Any(), Set{})
}

func TestCounts(t *testing.T) {
	b := open(t, small(t))
	x := New(b)
	jose := must(b.SpeakerBySlug("jose"))
	tests := []struct {
		name string
		set  func(*Filter)
		want [NumFacets][]int // by Dim
	}{
		// Rooms: Main, Side, Workshop. Kinds: talk, workshop, activity,
		// break. Tracks: Embedded, Performance, Web. Speakers: ana, bob,
		// chloe, jose.
		{"any", func(*Filter) {}, [NumFacets][]int{{4, 4}, {3, 2, 1}, {6, 1, 1, 1}, {1, 2, 3}, {2, 3, 3, 3}}},
		{"day 0", func(f *Filter) { f.Is[Day] = 0 }, [NumFacets][]int{{4, 4}, {1, 1, 1}, {2, 1, 0, 1}, {0, 2, 1}, {2, 1, 0, 2}}},
		{"jose", func(f *Filter) { f.Is[Speaker] = jose }, [NumFacets][]int{{2, 1}, {1, 1, 1}, {2, 1, 0, 0}, {0, 2, 0}, {2, 3, 3, 3}}},
		{"text", func(f *Filter) { f.Text = "cafe" }, [NumFacets][]int{{1, 1}, {0, 1, 1}, {1, 1, 0, 0}, {0, 1, 1}, {1, 1, 1, 1}}},
		{"nothing", func(f *Filter) { f.Text = "kubernetes" }, [NumFacets][]int{{0, 0}, {0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0}, {0, 0, 0, 0}}},
	}
	var counts []int
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Any()
			tt.set(&f)
			for d := Day; d <= Speaker; d++ {
				counts = x.Counts(f, d, counts)
				if !slices.Equal(counts, tt.want[d]) {
					t.Errorf("Counts(%+v, %d) = %v, want %v", f, d, counts, tt.want[d])
				}
				checkCounts(t, x, f, d, counts)
			}
		})
	}
	if got := x.Counts(Any(), Facet(99), counts); len(got) != 0 {
		t.Errorf("Counts with an unknown Dim = %v, want empty", got)
	}
	big := make([]int, 10)
	big[9] = 7
	got := x.Counts(Any(), Day, big)
	if &got[0] != &big[0] || len(got) != 2 || big[9] != 7 {
		t.Errorf("Counts did not reuse a large enough slice in place: %v", got)
	}
}

// checkCounts checks counts against Match with each value set in turn.
func checkCounts(t *testing.T, x *Index, f Filter, d Facet, counts []int) {
	t.Helper()
	for v, c := range counts {
		g := f
		switch d {
		case Day:
			g.Is[Day] = v
		case Room:
			g.Is[Room] = v
		case Kind:
			g.Is[Kind] = v
		case Track:
			g.Is[Track] = v
		case Speaker:
			g.Is[Speaker] = v
		}
		if m := x.Match(g, nil); m != c {
			t.Errorf("Counts(%+v, %d)[%d] = %d, but Match with it set gives %d", f, d, v, c, m)
		}
	}
}

func TestHTMLText(t *testing.T) {
	var x Index
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"<p>a<br>b</p>", "a\nb"},
		{"a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &apos;f&apos; g&nbsp;h", "a & b <c> \"d\" 'e' 'f' g\u00a0h"},
		{"caf&#233; caf&#xE9; caf&#XE9;", "café café café"},
		{"&unknown; &#; &#x; &#0; &#xD800; &#99999999; &#12a; &", "&unknown; &#; &#x; &#0; &#xD800; &#99999999; &#12a; &"},
		{"&verylongname; x", "&verylongname; x"},
		{"a <unclosed tag", "a <unclosed tag"}, // the sanitiser never writes one: kept as text
	} {
		if got := x.htmlText(c.in); got != c.want {
			t.Errorf("htmlText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestContent searches the demo conference in content/.
func TestContent(t *testing.T) {
	s, d := zola.Read("../../content", zola.Options{})
	if s == nil || d.HasErrors() {
		t.Fatal(d)
	}
	b := open(t, s)
	x := New(b)
	out := NewSet(b.NumSessions())
	f := Any()
	f.Text = "zero copy"
	x.Match(f, out)
	if i, ok := b.SessionBySlug("production-unsafe-rust"); !ok || !out.Has(i) {
		t.Errorf("%q found %q, want production-unsafe-rust among them", f.Text, slugs(b, out))
	}
	f.Text = "fernandez"
	if n := x.Match(f, out); n == 0 {
		t.Errorf("%q found nothing", f.Text)
	}
	if n := x.Match(Any(), out); n != b.NumSessions() {
		t.Errorf("Any() found %d of %d sessions", n, b.NumSessions())
	}
	for d := Day; d <= Speaker; d++ {
		checkCounts(t, x, f, d, x.Counts(f, d, nil))
	}
}

// TestNoAllocs checks the claim in the package comment on a warm index.
func TestNoAllocs(t *testing.T) {
	b := open(t, synthetic(t, 300))
	x := New(b)
	out := NewSet(b.NumSessions())
	f := Any()
	f.Text = "warm"
	x.Match(f, out)
	var counts []int
	for d := Day; d <= Speaker; d++ {
		counts = x.Counts(f, d, counts)
	}
	queries := []string{"r", "ru", "rus", "rust", "rust ", "rust m", "rust mé", "RUST MÉMOIRE", "zero-copy", ""}
	k := 0
	allocs := testing.AllocsPerRun(100, func() {
		f := Any()
		f.Text = queries[k%len(queries)]
		f.Is[Day] = k%3 - 1
		f.Only = out
		k++
		x.Match(f, out)
		f.Only = nil
		x.Match(f, out)
		for d := Day; d <= Speaker; d++ {
			counts = x.Counts(f, d, counts)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per keystroke, want 0", allocs)
	}
}

// Vocabulary for synthetic programmes, with accents and HTML-worthy words.
var (
	words = strings.Fields(`rust go wasm async zero-copy memory safety compiler performance
		embedded sensor driver kernel network protocol parser fuzzing testing tracing database
		query index cache latency throughput allocation garbage collector runtime scheduler
		thread channel future stream iterator trait generic macro unsafe pointer lifetime
		borrow ownership café naïve résumé mémoire système données réseau sécurité
		observability deployment container cluster edge browser widget schedule conference`)
	firstNames = strings.Fields("José Ana Chloé Inès Søren Łukasz Noémie Zoë François Björn Priya Kenji Amara Tomáš Hana Théo")
	lastNames  = strings.Fields("Fernández Łukasiewicz Bernard Ostergaard Wiśniewski Dupré Novák Kobayashi Okafor Müller Nguyễn Lindqvist Moretti Haddad")
)

// synthetic returns a programme of n sessions over three days and ten rooms,
// each with a description of about 1 KB of HTML.
func synthetic(t testing.TB, n int) *model.Schedule {
	r := rand.New(rand.NewPCG(1, 2))
	s := &model.Schedule{Conference: model.Conference{ID: "synth", Name: "Synthetic", TimeZone: "Europe/Paris"}}
	for i := range 10 {
		s.Rooms = append(s.Rooms, "Room "+strconv.Itoa(i))
	}
	for i := range 300 {
		s.Speakers = append(s.Speakers, model.Speaker{
			Slug: "sp" + strconv.Itoa(i),
			Name: firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))],
		})
	}
	sentence := func(k int) string {
		var b strings.Builder
		for j := range k {
			if j > 0 {
				b.WriteByte(' ')
			}
			w := words[r.IntN(len(words))]
			switch r.IntN(12) {
			case 0:
				w = "<em>" + w + "</em>"
			case 1:
				w = "<strong>" + w + "</strong>"
			case 2:
				w += " &amp;"
			case 3:
				w = "<code>" + w + "</code>"
			}
			b.WriteString(w)
		}
		return b.String()
	}
	for i := range n {
		ss := model.Session{
			Slug:  "s" + strconv.Itoa(i),
			Title: strings.ToUpper(sentence(1)[:1]) + sentence(5)[1:],
			Kind:  model.Kind(r.IntN(4)),
			Room:  s.Rooms[r.IntN(len(s.Rooms))],
			Track: "Track " + strconv.Itoa(r.IntN(8)),
			Tags:  []string{words[r.IntN(len(words))], words[r.IntN(len(words))]},
		}
		if i%50 != 49 {
			ss.Start = at(t, 9+r.IntN(3), 9+r.IntN(9), 15*r.IntN(4))
			ss.End = ss.Start.Add(time.Duration(20+r.IntN(60)) * time.Minute)
		}
		for range 1 + r.IntN(3) {
			ss.Speakers = append(ss.Speakers, s.Speakers[r.IntN(len(s.Speakers))].Slug)
		}
		var d strings.Builder
		for d.Len() < 1000 {
			d.WriteString("<p>" + sentence(8+r.IntN(12)) + ".</p>")
		}
		ss.Description = d.String()
		s.Sessions = append(s.Sessions, ss)
	}
	return s
}

// keystrokes are the successive values of a search box while someone types.
var keystrokes = func() []string {
	var ks []string
	for _, q := range []string{"zero copy", "rust memoire", "fernandez"} {
		for i := 1; i <= len(q); i++ {
			ks = append(ks, q[:i])
		}
	}
	return ks
}()

func benchKeystroke(b *testing.B, bun *bundle.Bundle) {
	x := New(bun)
	out := NewSet(bun.NumSessions())
	f := Any()
	f.Text = "warm up"
	x.Match(f, out)
	b.ReportAllocs()
	b.ResetTimer()
	k := 0
	for b.Loop() {
		f.Text = keystrokes[k]
		if k++; k == len(keystrokes) {
			k = 0
		}
		x.Match(f, out)
	}
}

// BenchmarkKeystroke is one keystroke in the search box over 1,000
// sessions with 1 KB descriptions: Match with the text typed so far.
func BenchmarkKeystroke(b *testing.B) {
	benchKeystroke(b, open(b, synthetic(b, 1000)))
}

// BenchmarkKeystrokeFOSDEM is BenchmarkKeystroke over FOSDEM 2025.
func BenchmarkKeystrokeFOSDEM(b *testing.B) {
	if _, err := os.Stat(fosdem); err != nil {
		b.Skip("../shared/corpus/fosdem-2025 is not here; skipping the FOSDEM benchmark")
	}
	s, d := frab.ReadFile(fosdem)
	if s == nil || d.HasErrors() {
		b.Fatal(d)
	}
	bun := open(b, s)
	b.Logf("FOSDEM 2025: %d sessions", bun.NumSessions())
	benchKeystroke(b, bun)
}

// BenchmarkFilterDay is choosing a day (no text) over 1,000 sessions.
func BenchmarkFilterDay(b *testing.B) {
	bun := open(b, synthetic(b, 1000))
	x := New(bun)
	out := NewSet(bun.NumSessions())
	f := Any()
	b.ReportAllocs()
	d := 0
	for b.Loop() {
		f.Is[Day] = d
		d = (d + 1) % bun.NumDays()
		x.Match(f, out)
	}
}

// BenchmarkCounts is refreshing every facet's numbers (five Counts calls)
// for a day and a search text over 1,000 sessions.
func BenchmarkCounts(b *testing.B) {
	bun := open(b, synthetic(b, 1000))
	x := New(bun)
	f := Any()
	f.Is[Day], f.Text = 1, "rust"
	var counts []int
	for d := Day; d <= Speaker; d++ {
		counts = x.Counts(f, d, counts)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for d := Day; d <= Speaker; d++ {
			counts = x.Counts(f, d, counts)
		}
	}
}

// BenchmarkNew is opening an Index and the first text query (which builds
// the search text) over 1,000 sessions.
func BenchmarkNew(b *testing.B) {
	bun := open(b, synthetic(b, 1000))
	f := Any()
	f.Text = "rust"
	b.ReportAllocs()
	for b.Loop() {
		New(bun).Match(f, nil)
	}
}

func FuzzMatch(f *testing.F) {
	b := open(f, small(f))
	x := New(b)
	n := b.NumSessions()
	f.Add(-1, -1, -1, -1, -1, "", int64(0), uint64(0), false)
	f.Add(0, 1, 0, 2, 3, "zero copy", at(f, 9, 10, 45).Unix(), uint64(0xff), true)
	f.Add(99, -5, 300, 1<<30, -1<<40, "Fernández <strong>", int64(-1), ^uint64(0), true)
	f.Add(-1, -1, -1, -1, -1, "", int64(math.MinInt64), uint64(0), false)
	f.Add(-1, -1, -1, -1, -1, "", int64(math.MaxInt64), uint64(0), false)
	f.Add(-1, -1, -1, -1, -1, "café &amp; ﬁ ß", at(f, 10, 13, 0).Unix(), uint64(5), false)
	f.Fuzz(func(t *testing.T, day, room, kind, track, speaker int, text string, now int64, only uint64, useOnly bool) {
		fl := Any()
		fl.Is[Day], fl.Is[Room], fl.Is[Kind], fl.Is[Track], fl.Is[Speaker], fl.Text, fl.Now = day, room, kind, track, speaker, text, now
		if useOnly {
			fl.Only = Set{only}
		}
		out := NewSet(n)
		c := x.Match(fl, out)
		if c != out.Count() {
			t.Fatalf("Match returned %d, out has %d", c, out.Count())
		}
		words := strings.Fields(fold.Fold(text))
		for i := range n {
			s := b.Session(i)
			want := (day < 0 || s.Day() == day) && (room < 0 || s.Room() == room) &&
				(kind < 0 || int(s.Kind()) == kind) && (track < 0 || s.Track() == track) &&
				(fl.Only == nil || fl.Only.Has(i))
			if want && speaker >= 0 {
				sp := s.Speakers()
				found := false
				for j := range sp.Len() {
					found = found || sp.At(j) == speaker
				}
				want = found
			}
			if want && now != 0 {
				start, end := s.Start(), max(s.End(), s.Start())
				want = s.Scheduled() && (start <= now && now < end || now <= start && start-NextWindow <= now)
			}
			if want && len(words) > 0 {
				txt := string(x.text[x.off[i]:x.off[i+1]])
				for _, w := range words {
					want = want && strings.Contains(txt, w)
				}
			}
			if out.Has(i) != want {
				t.Fatalf("session %s: matched %v, want %v, for %+v", s.Slug(), out.Has(i), want, fl)
			}
		}
		for d := Day; d <= Speaker+1; d++ {
			checkCounts(t, x, fl, d, x.Counts(fl, d, nil))
		}
	})
}

// Warm folds the search text a few sessions at a time, then runs the
// matcher; searching after it finds what searching cold does.
func TestWarm(t *testing.T) {
	b := open(t, small(t))
	cold, warm := New(b), New(b)
	for slices := 0; !warm.Warm(2); slices++ {
		if slices > b.NumSessions()+len(warmQueries) {
			t.Fatal("Warm never finishes")
		}
	}
	for _, q := range []string{"rust", "fernandez", "copy", "zzz", ""} {
		f := Any()
		f.Text = q
		a, c := NewSet(b.NumSessions()), NewSet(b.NumSessions())
		if n, m := warm.Match(f, a), cold.Match(f, c); n != m || !slices.Equal(a, c) {
			t.Errorf("%q: warm finds %d, cold %d", q, n, m)
		}
	}
	if !New(b).Warm(0) == (b.NumSessions() == 0) {
		t.Error("Warm(0) on a fresh index says done")
	}
}

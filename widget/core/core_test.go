package core

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/query"
)

// goClock is Clock on package time, as Intl does it in the browser.
type goClock struct{ loc *time.Location }

func (c goClock) Time(u int64) string { return time.Unix(u, 0).In(c.loc).Format("15:04") }
func (c goClock) Day(u int64) string  { return time.Unix(u, 0).In(c.loc).Format("Monday, January 2") }
func (c goClock) Zone() string        { return c.loc.String() }
func (c goClock) Offset(u int64) int {
	_, off := time.Unix(u, 0).In(c.loc).Zone()
	return off
}

func zone(t testing.TB, name string) goClock {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return goClock{loc}
}

func at(t testing.TB, zoneName, when string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", when, zone(t, zoneName).loc)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}

// conference is two days in Lyon, with a session that overlaps two others
// in the Main Stage, and a boat trip without a room.
func conference(t testing.TB) *model.Schedule {
	p := func(s string) time.Time { return at(t, "Europe/Paris", s) }
	return &model.Schedule{
		Conference: model.Conference{ID: "test-conf", Name: "Test Conf", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Main Stage", "Side Stage"},
		Speakers:   []model.Speaker{{Slug: "ines", Name: "Inès Fernández"}, {Slug: "bob", Name: "Bob"}},
		Sessions: []model.Session{
			{Slug: "a", Title: "Arenas", Kind: model.Talk, Room: "Main Stage", Start: p("2026-10-08 10:00"), End: p("2026-10-08 11:00"), Speakers: []string{"ines"}, Track: "Systems", Language: "fr"},
			{Slug: "b", Title: "Borrowing", Kind: model.Talk, Room: "Main Stage", Start: p("2026-10-08 10:15"), End: p("2026-10-08 11:00"), Speakers: []string{"bob"}},
			{Slug: "c", Title: "Closures", Kind: model.Workshop, Room: "Main Stage", Start: p("2026-10-08 10:30"), End: p("2026-10-08 11:30")},
			{Slug: "side", Title: "Side Talk", Kind: model.Talk, Room: "Side Stage", Start: p("2026-10-08 10:00"), End: p("2026-10-08 10:30"), Description: "<p>Fearless <em>concurrency</em> &amp; more</p>", Language: "en"},
			{Slug: "boat", Title: "Boat Trip", Kind: model.Activity, Location: "Quai Rambaud", Start: p("2026-10-08 19:00"), End: p("2026-10-08 22:00")},
			{Slug: "early", Title: "Early Bird", Kind: model.Talk, Room: "Side Stage", Start: p("2026-10-09 06:30"), End: p("2026-10-09 07:00"), Speakers: []string{"ines"}},
			{Slug: "tbd", Title: "To Be Decided", Kind: model.Talk},
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

func widget(t testing.TB, o Options) *Widget {
	t.Helper()
	clock := zone(t, "Europe/Paris")
	if o.TimeZone == "local" {
		clock = zone(t, "Pacific/Auckland") // the viewer is in Auckland
	}
	return New(open(t, conference(t)), o, "en", clock, func() int64 { return 0 })
}

var sessionTag = regexp.MustCompile(`<article class="([^"]*)" id="s(\d+)" data-session="([^"]+)"[^>]*?( hidden)?>`)

// shown lists the sessions a person sees after f: rendered, not hidden,
// and not hidden by the facet stylesheet.
func shown(c *Widget, f Frame, main string) []string {
	var out []string
	hide := map[string]bool{}
	for _, sel := range strings.Split(strings.TrimSuffix(f.Facets, "{display:none}"), ",") {
		if cls, ok := strings.CutPrefix(sel, ".s:not(."); ok {
			hide[strings.TrimSuffix(cls, ")")] = true
		}
	}
	for _, m := range sessionTag.FindAllStringSubmatch(main, -1) {
		i, _ := strconv.Atoi(m[2])
		if !c.Shown(i) {
			continue
		}
		classes := " " + m[1] + " "
		ok := true
		for cls := range hide {
			if !strings.Contains(classes, " "+cls+" ") {
				ok = false
			}
		}
		if ok {
			out = append(out, m[3])
		}
	}
	return out
}

// all is #main with everything rendered, also what a new view leaves for
// later (the browser renders it a moment after).
func all(c *Widget, f Frame) string {
	c.rendered = ""
	main := c.Update().Main
	for c.Pending() {
		for _, s := range c.More() {
			main += s.HTML
		}
	}
	return main
}

func TestListByDay(t *testing.T) {
	c := widget(t, Options{})
	f := c.Update()
	if !f.NewMain || f.Count != 7 || f.Live != "7 sessions" {
		t.Fatalf("first frame: new %v, count %d, live %q", f.NewMain, f.Count, f.Live)
	}
	var heads []string
	for _, m := range regexp.MustCompile(`<h2 id="dh\d+">([^<]*)</h2>`).FindAllStringSubmatch(f.Main, -1) {
		heads = append(heads, m[1])
	}
	if got := strings.Join(heads, "|"); got != "Thursday, October 8|Friday, October 9|Not yet scheduled" {
		t.Errorf("day headings %q", got)
	}
	if got := strings.Join(shown(c, f, all(c, f)), " "); got != "a side b c boat early tbd" {
		t.Errorf("list order %q", got)
	}
	if again := c.Update(); again.NewMain {
		t.Error("an unchanged state renders #main again")
	}
}

func TestFacets(t *testing.T) {
	for _, tt := range []struct {
		facet, key string
		want       string
	}{
		{"day", "2026-10-09", "early"},
		{"room", "Side Stage", "side early"},
		{"kind", "workshop", "c"},
		{"track", "Systems", "a"},
		{"speaker", "ines", "a early"},
		{"language", "fr", "a"},
		{"room", "No Such Room", "a side b c boat early tbd"}, // a value the programme lacks is no filter
	} {
		t.Run(tt.facet+"="+tt.key, func(t *testing.T) {
			var o Options
			f, _ := query.FacetByName(tt.facet)
			o.Facet[f] = tt.key
			c := widget(t, o)
			fr := c.Update()
			if got := strings.Join(shown(c, fr, all(c, fr)), " "); got != tt.want {
				t.Errorf("shown %q, want %q", got, tt.want)
			}
			if n := len(strings.Fields(tt.want)); fr.Count != n {
				t.Errorf("count %d, want %d", fr.Count, n)
			}
		})
	}
}

func TestSearchAndChoices(t *testing.T) {
	c := widget(t, Options{})
	c.Update()
	c.SetText("CONCURRENCY & more") // in the description, after its markup and entity
	f := c.Update()
	side, _ := c.Bundle().SessionBySlug("side")
	if f.NewMain || f.Count != 1 || !c.Shown(side) || c.Shown(0) {
		t.Errorf("search: new main %v, count %d", f.NewMain, f.Count)
	}
	c.SetText("")
	c.Choose("room", "0")
	f = c.Update()
	if f.Facets != ".s:not(.r0){display:none}" || f.FiltersLabel != "Filters (1)" {
		t.Errorf("facets %q, label %q", f.Facets, f.FiltersLabel)
	}
	if !strings.Contains(f.Chosen[query.Room], `<option value="0" selected>Main Stage (3)</option>`) {
		t.Errorf("the closed room filter: %s", f.Chosen[query.Room])
	}
	if got := c.Choices(query.Kind); !strings.Contains(got, `Talk (2)`) || !strings.Contains(got, `Workshop (1)`) {
		t.Errorf("kind choices within the Main Stage: %s", got)
	}
	for _, bad := range []string{"", "-1", "99", "x", "1e3"} {
		c.Choose("room", bad)
		if c.State().Filter.Is[query.Room] != -1 {
			t.Errorf("Choose(room, %q) = %d, want all", bad, c.State().Filter.Is[query.Room])
		}
	}
}

// A facet is one entry in query.Facets: language gets its filter, its
// words, its classes and its URL key from there.
func TestLanguageFacet(t *testing.T) {
	c := widget(t, Options{})
	f := c.Update()
	if !strings.Contains(c.Skeleton(), `<label>Language<select id="f-language" data-filter="language">`) {
		t.Error("no language filter")
	}
	if !strings.Contains(f.Chosen[query.Language], "All languages") || !strings.Contains(f.Main, " l1") {
		t.Errorf("language: %q, classes in the list: %v", f.Chosen[query.Language], strings.Contains(f.Main, " l1"))
	}
	c.Choose("language", "1")
	c.Params(func(k, v string) {
		if k == "language" && v != "fr" {
			t.Errorf("URL key language = %q, want fr", v)
		}
	})
	if f := c.Update(); f.Facets != ".s:not(.l1){display:none}" || f.Count != 1 {
		t.Errorf("language fr: facets %q, count %d", f.Facets, f.Count)
	}
}

func TestURLParams(t *testing.T) {
	c := widget(t, Options{})
	c.Choose("room", "1")
	c.SetText("early bird")
	c.SetView("grid")
	c.ToggleNow()
	c.Open(5)
	keys := map[string]string{}
	c.Params(func(k, v string) {
		if v != "" {
			keys[k] = v
		}
	})
	want := map[string]string{"room": "Side Stage", "q": "early bird", "view": "grid", "now": "1", "session": "early"}
	if len(keys) != len(want) {
		t.Errorf("params %v, want %v", keys, want)
	}
	for k, v := range want {
		if keys[k] != v {
			t.Errorf("param %s = %q, want %q", k, keys[k], v)
		}
	}
	fresh := widget(t, Options{})
	st := fresh.FromParams(func(k string) (string, bool) { v, ok := keys[k]; return v, ok }, false)
	if a, b := st, c.State(); a.Filter.Is != b.Filter.Is || a.Filter.Text != b.Filter.Text || a.View != b.View || a.NowOnly != b.NowOnly || a.Session != b.Session {
		t.Errorf("round trip: %+v, want %+v", st, c.State())
	}
	// What a URL says is anyone's: unknown values choose nothing.
	junk := map[string]string{"day": "2026-13-45", "room": "<script>", "view": "table", "speaker": "nobody"}
	st = fresh.FromParams(func(k string) (string, bool) { v, ok := junk[k]; return v, ok }, true)
	if st.Filter.Is != query.Any().Is || st.View != "list" {
		t.Errorf("junk params gave %+v", st)
	}
}

// In Auckland, the early session on Friday 9 October in Lyon is on Friday
// afternoon, and the evening boat trip on Thursday in Lyon is Friday
// morning: days, headings, the day filter and the dialog say so.
func TestLocalTimeDates(t *testing.T) {
	c := widget(t, Options{TimeZone: "local"})
	f := c.Update()
	if c.NumDays() != 2 || c.DayKey(0) != "2026-10-08" || c.DayKey(1) != "2026-10-09" {
		t.Fatalf("days %d: %v", c.NumDays(), c.dayKey)
	}
	boat, _ := c.Bundle().SessionBySlug("boat")
	if c.DayOf(boat) != 1 {
		t.Errorf("the boat trip (Friday 06:00 in Auckland) is on day %d", c.DayOf(boat))
	}
	if d := c.Details(boat, ""); !strings.Contains(d, "Friday, October 9, <time") || !strings.Contains(d, ">06:00</time>") {
		t.Errorf("the dialog does not say Friday 06:00:\n%s", d)
	}
	if !strings.Contains(f.ZoneLabel, "Pacific/Auckland (your time)") {
		t.Errorf("zone label %q", f.ZoneLabel)
	}
	// The day filter speaks of Auckland's days, and survives going back to
	// the venue's time by its date.
	c.Choose("day", "1")
	f = c.Update()
	if got := strings.Join(shown(c, f, all(c, f)), " "); got != "boat early" {
		t.Errorf("Friday in Auckland shows %q", got)
	}
	c.SetClock(zone(t, "Europe/Paris"), false)
	f = c.Update()
	if got := strings.Join(shown(c, f, all(c, f)), " "); got != "early" || c.State().Filter.Is[query.Day] != 1 {
		t.Errorf("Friday in Lyon shows %q", got)
	}
}

func TestNowOption(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // RFC 3339 in UTC, "" for not an instant
	}{
		{"2026-10-08T10:20:00+02:00", "2026-10-08T08:20:00Z"},
		{"2026-10-08T08:20Z", "2026-10-08T08:20:00Z"},
		{"2026-10-08 10:20:30.5-01:30", "2026-10-08T11:50:30Z"},
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
		{"2025-02-29T00:00:00Z", ""},
		{"2026-10-08T24:00Z", ""},
		{"2026-10-08T10:20", ""}, // no zone: which instant?
		{"2026-10-08", ""},
		{"now", ""},
		{"", ""},
	} {
		got := ""
		if u, ok := ParseInstant(tt.in); ok {
			got = time.Unix(u, 0).UTC().Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("ParseInstant(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	c := widget(t, Options{Now: "2026-10-08T10:20:00+02:00", View: "grid"})
	f := c.Update()
	if f.NowHidden || !strings.Contains(f.Main, `id="now-line"`) {
		t.Errorf("now and next hidden %v; now line in the grid: %v", f.NowHidden, strings.Contains(f.Main, "now-line"))
	}
	c.ToggleNow()
	f = c.Update()
	if got := strings.Join(shown(c, f, all(c, f)), " "); got != "a b c side" { // the grid: room by room
		t.Errorf("now and next at 10:20 shows %q", got) // running, or starting within 90 minutes
	}
	if off := widget(t, Options{Now: "2027-01-01T00:00:00Z"}).Update(); !off.NowHidden {
		t.Error("now and next offered after the conference")
	}
}

// gridRule finds session i's placement in the grid's stylesheet.
func gridRule(layout string, i int) (row, col string) {
	m := regexp.MustCompile(`#s` + strconv.Itoa(i) + `\{grid-row:([^;]+);grid-column:([^}]+)\}`).FindStringSubmatch(layout)
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

func TestGridLanes(t *testing.T) {
	c := widget(t, Options{View: "grid"})
	f := c.Update()
	cols := map[string]bool{}
	for _, slug := range []string{"a", "b", "c"} {
		i, _ := c.Bundle().SessionBySlug(slug)
		_, col := gridRule(f.Layout, i)
		if !strings.HasSuffix(col, "/span 1") {
			t.Errorf("%s: grid-column %q, want one lane of three", slug, col)
		}
		cols[col] = true
	}
	if len(cols) != 3 {
		t.Errorf("three overlapping sessions share lanes: %v", cols)
	}
	// The boat trip has no room: a column of its own, headed Elsewhere.
	if room, col := gridColumn(f, "boat"); room != "Elsewhere" || col == "" || col == gridColumnOf(f, "side") || col == gridColumnOf(f, "a") {
		t.Errorf("the roomless boat trip is in column %q headed %q (side stage %q, main hall %q)", col, room, gridColumnOf(f, "side"), gridColumnOf(f, "a"))
	}
}

// gridColumn finds the grid column (.col) whose markup holds the session
// with slug, and its header's text.
func gridColumn(f Frame, slug string) (room, col string) {
	at := strings.Index(f.Main, `data-session="`+slug+`"`)
	k := strings.LastIndex(f.Main[:max(at, 0)], `<div class="col" id="`)
	if at < 0 || k < 0 {
		return "", ""
	}
	col = f.Main[k+len(`<div class="col" id="`):]
	col = col[:strings.IndexByte(col, '"')]
	n := strconv.Itoa(strings.Count(f.Main[:k], `<div class="col"`)) // headers are in column order
	if m := regexp.MustCompile(`id="rh` + n + `" part="room">([^<]*)<`).FindStringSubmatch(f.Main); m != nil {
		room = m[1]
	}
	return room, col
}

func gridColumnOf(f Frame, slug string) string { _, col := gridColumn(f, slug); return col }

func TestFavouritesAndClashes(t *testing.T) {
	c := widget(t, Options{View: "mine"})
	c.SetFavourites("a\n\nnobody\nc\na\r\n<script>")
	if got := c.Favourites(); got != "a\nc" {
		t.Errorf("favourites %q", got)
	}
	f := c.Update()
	if !strings.Contains(f.Main, `<p class="clash">Overlaps with Closures</p>`) || f.ExportHidden {
		t.Errorf("my schedule does not flag the overlap, or hides the export:\n%s", f.Main)
	}
	cal := string(c.Calendar(c.MyScheduled(), func(slug string) string { return "https://example.org/#" + slug }, 0))
	for _, want := range []string{"UID:a@test-conf", "UID:c@test-conf", "SUMMARY:Closures", "URL:https://example.org/#a"} {
		if !strings.Contains(cal, want) {
			t.Errorf("calendar lacks %q:\n%s", want, cal)
		}
	}
}

func TestOptionKeys(t *testing.T) {
	var o Options
	for _, k := range OptionKeys() {
		if o.Field(k) == nil {
			t.Errorf("option %q has no field", k)
		}
	}
	if o.Field("nope") != nil {
		t.Error("an unknown option has a field")
	}
}

func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{"2026-10-08T10:20:00+02:00", "2026-10-08T08:20Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999-23:59"} {
		f.Add(s)
	}
	// Strict RFC 3339 (time.Parse also takes a one-digit hour, and
	// ParseInstant also takes a space for T and no seconds).
	strict := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$`)
	f.Fuzz(func(t *testing.T, s string) {
		u, ok := ParseInstant(s)
		want, err := time.Parse(time.RFC3339, s)
		switch {
		case ok && err == nil && u != want.Unix():
			t.Errorf("ParseInstant(%q) = %d; time.Parse gives %d", s, u, want.Unix())
		case !ok && err == nil && strict.MatchString(s):
			t.Errorf("ParseInstant(%q) refuses what time.Parse reads as %d", s, want.Unix())
		}
	})
}

// FuzzParams feeds any fragment keys to a widget: the state it gives is
// always one the widget can show.
func FuzzParams(f *testing.F) {
	f.Add("2026-10-08", "Main Stage", "talk", "grid", "x", "a")
	f.Add("", "<img>", "\x00", "mine", "", "nobody")
	b := open(f, conference(f))
	f.Fuzz(func(t *testing.T, day, room, kind, view, q, session string) {
		c := New(b, Options{}, "fr", zone(t, "Europe/Paris"), nil)
		keys := map[string]string{"day": day, "room": room, "kind": kind, "view": view, "q": q, "session": session}
		c.Apply(c.FromParams(func(k string) (string, bool) { v, ok := keys[k]; return v, ok }, true))
		fr := c.Update()
		for d, v := range c.State().Filter.Is {
			if v < -1 || v >= c.x.NumValues(query.Facet(d)) {
				t.Fatalf("facet %d = %d", d, v)
			}
		}
		if v := c.State().View; v != "list" && v != "grid" && v != "mine" {
			t.Fatalf("view %q", v)
		}
		if strings.Contains(fr.Main+fr.Chosen[query.Room], "<img") {
			t.Fatal("markup from the URL reached the page")
		}
	})
}

// TestEvents drives the widget as the view does: events in, patches out.
func TestEvents(t *testing.T) {
	c := widget(t, Options{})
	first := c.Render("")
	if len(first) < 10 || first[1].Op != SetHTML || first[1].ID != "main" {
		t.Fatalf("first render: %d patches, second %+v", len(first), first[1])
	}
	if ps := c.Render(""); len(ps) != 0 {
		t.Errorf("nothing changed, yet %d patches: %+v", len(ps), ps)
	}
	// A keystroke hides what no longer matches and says how many are left:
	// it never rewrites the list.
	fx := c.Handle(Event{Type: "input", ID: "q", Value: "closures"})
	if !fx.Render || fx.Push {
		t.Errorf("keystroke effect %+v", fx)
	}
	hidden, live := 0, ""
	for _, p := range c.Render("q") {
		switch {
		case p.Op == SetHidden && strings.HasPrefix(p.ID, "s"):
			hidden++
		case p.ID == "live":
			live = p.Value
		case p.Op == SetHTML && p.ID == "main":
			t.Error("a keystroke rewrote the list")
		}
	}
	if hidden != 6 || live != "1 session" {
		t.Errorf("keystroke: %d sessions hidden, live %q", hidden, live)
	}
	// A star: stored, told, and redrawn.
	a, _ := c.Bundle().SessionBySlug("a")
	fx = c.Handle(Event{Type: "click", Action: "star", Arg: strconv.Itoa(a)})
	if fx.Favourite != a || !c.Favourite(a) {
		t.Errorf("star effect %+v", fx)
	}
	if ps := c.Render(""); !hasPatch(ps, Patch{Op: SetText, ID: "st" + strconv.Itoa(a), Value: "★"}) {
		t.Errorf("the star is not redrawn: %+v", ps)
	}
	// Arrow keys move between tabs, and focus follows.
	fx = c.Handle(Event{Type: "keydown", ID: "tab-list", Key: "ArrowLeft"})
	if c.State().View != "mine" || fx.Focus != "tab-mine" || !fx.Push {
		t.Errorf("ArrowLeft from the list: view %s, effect %+v", c.State().View, fx)
	}
	if ps := c.Render(""); !hasPatch(ps, Patch{Op: SetAttr, ID: "tab-mine", Name: "tabindex", Value: "0"}) {
		t.Errorf("the tab's roving tabindex: %+v", ps)
	}
	// On a phone, the filters fold behind a toggle.
	c.Handle(Event{Type: "click", ID: "filters-toggle"})
	if ps := c.Render(""); !hasPatch(ps, Patch{Op: SetAttr, ID: "root", Name: "data-filters", Value: "open"}) {
		t.Errorf("filters toggle: %+v", ps)
	}
	// Anything else a page may dispatch does nothing.
	for _, e := range []Event{{Type: "click", Action: "star", Arg: "99"}, {Type: "click", Action: "open", Arg: "-1"}, {Type: "keydown", ID: "q", Key: "End"}, {Type: "change", Filter: "nope", Value: "1"}} {
		if fx := c.Handle(e); fx.Render || fx.Open >= 0 || fx.Favourite >= 0 {
			t.Errorf("%+v had an effect: %+v", e, fx)
		}
	}
}

func hasPatch(ps []Patch, want Patch) bool {
	for _, p := range ps {
		if p == want {
			return true
		}
	}
	return false
}

// TestFlipsKnowTheirPlace checks Patch.Before, the loader's bound on how far
// down the list a flipped session sits: the number of sessions a person
// sees above it once patched, in the markup's order, with the facet
// stylesheet's hiding counted too.
func TestFlipsKnowTheirPlace(t *testing.T) {
	c := widget(t, Options{})
	var main string
	for _, p := range c.Render("") {
		if p.Op == SetHTML && p.ID == "main" {
			main = p.Value
		}
	}
	var order []int // sessions, as the list shows them
	for _, m := range sessionTag.FindAllStringSubmatch(main, -1) {
		i, _ := strconv.Atoi(m[2])
		order = append(order, i)
	}
	steps := []func(){
		func() { c.SetText("a") },
		func() { c.Choose("room", "0") },
		func() { c.SetText("") },
		func() { c.Choose("room", "") },
	}
	flips, later := 0, 0
	for k, step := range steps {
		step()
		ps := c.Render("")
		f := c.Update()
		seen := map[string]bool{}
		for _, slug := range shown(c, f, main) {
			seen[slug] = true
		}
		want, above := map[string]int{}, 0
		for _, i := range order {
			want["s"+strconv.Itoa(i)] = above
			if seen[c.Bundle().Session(i).Slug()] {
				above++
			}
		}
		for _, p := range ps {
			if p.Op != SetHidden || !strings.HasPrefix(p.ID, "s") {
				continue
			}
			flips++
			if p.Before > 0 {
				later++
			}
			if p.Before != want[p.ID] {
				t.Errorf("step %d: %s flips after %d shown sessions, the list shows %d above it", k, p.ID, p.Before, want[p.ID])
			}
		}
	}
	if flips == 0 || later == 0 {
		t.Fatalf("%d flips, %d below a shown session: the steps test nothing", flips, later)
	}
}

// countingClock counts what it is asked.
type countingClock struct {
	goClock
	asked map[string]int
}

func (c countingClock) Time(u int64) string { c.asked["time"]++; return c.goClock.Time(u) }
func (c countingClock) Day(u int64) string  { c.asked["day"]++; return c.goClock.Day(u) }

// TestClockAskedOnce: core remembers what the clock said (in the browser,
// each answer is a call into Intl), and forgets it with a new clock.
func TestClockAskedOnce(t *testing.T) {
	c := widget(t, Options{})
	clock := countingClock{zone(t, "Europe/Paris"), map[string]int{}}
	c.SetClock(clock, false)
	first := all(c, c.Update())
	asked := clock.asked["time"]
	if asked == 0 || clock.asked["day"] == 0 {
		t.Fatalf("the list asked the clock nothing: %v", clock.asked)
	}
	if again := all(c, c.Update()); again != first || clock.asked["time"] != asked {
		t.Errorf("the same list again asked %d more times", clock.asked["time"]-asked)
	}
	distinct := map[int64]bool{}
	for i := range c.Bundle().NumSessions() {
		s := c.Bundle().Session(i)
		distinct[s.Start()], distinct[s.End()] = true, true
	}
	if asked > len(distinct) {
		t.Errorf("asked %d times for %d distinct times", asked, len(distinct))
	}
	fresh := countingClock{zone(t, "Europe/Paris"), map[string]int{}}
	c.SetClock(fresh, false)
	all(c, c.Update())
	if fresh.asked["time"] == 0 {
		t.Error("a new clock was never asked")
	}
}

// TestGridFlipsKnowTheirColumn: in the grid, a flipped session names the
// room column it sits in, as the markup has it, and its span down that
// column, as the layout sheet places it.
func TestGridFlipsKnowTheirColumn(t *testing.T) {
	c := widget(t, Options{})
	c.SetView("grid")
	var main, layout string
	for _, p := range c.Render("") {
		if p.Op == SetHTML && p.ID == "main" {
			main = p.Value
		}
		if p.Op == SetSheet && p.Name == "layout" {
			layout = p.Value
		}
	}
	var rows int
	if _, err := fmt.Sscanf(layout[strings.Index(layout, ".col{height:calc(")+len(".col{height:calc("):], "%d*", &rows); err != nil || rows <= 0 {
		t.Fatalf("no row count in the layout sheet: %v", err)
	}
	c.SetText("concurrency")
	flips := 0
	for _, p := range c.Render("") {
		if p.Op != SetHidden || !strings.HasPrefix(p.ID, "s") {
			continue
		}
		flips++
		at := strings.Index(main, `id="`+p.ID+`"`)
		col := strings.LastIndex(main[:max(at, 0)], `<div class="col" id="`)
		if at < 0 || col < 0 {
			t.Fatalf("%s: not in a grid column of the markup", p.ID)
		}
		id, _, _ := strings.Cut(main[col+len(`<div class="col" id="`):], `"`)
		if p.Col != id {
			t.Errorf("%s flips in column %q, the markup has it in %q", p.ID, p.Col, id)
		}
		var from, to int
		rule := layout[strings.Index(layout, "#"+p.ID+"{grid-row:")+len(p.ID)+11:]
		if _, err := fmt.Sscanf(rule, "%d/%d", &from, &to); err != nil {
			t.Fatalf("%s: no grid-row in the layout sheet: %v", p.ID, err)
		}
		// Lines from 1: the session spans rows from-1 to to-1 of rows.
		if top, bottom := float64(from-1)/float64(rows)*1000, float64(to-1)/float64(rows)*1000; float64(p.Top) > top || float64(p.Top) < top-1 ||
			float64(p.Bottom) < bottom || float64(p.Bottom) > bottom+1 {
			t.Errorf("%s spans %d-%d thousandths of its column, the layout has rows %d-%d of %d", p.ID, p.Top, p.Bottom, from-1, to-1, rows)
		}
	}
	if flips == 0 {
		t.Fatal("no flip: the test tests nothing")
	}
}

// A programme with no scheduled session has no grid to place sessions on:
// the grid tab shows them as a list, and a search there flips them, each
// spanning its whole (absent) column: the loader flips them at once.
func TestGridWithoutTimesSearches(t *testing.T) {
	s := conference(t)
	for i := range s.Sessions {
		s.Sessions[i].Start, s.Sessions[i].End = time.Time{}, time.Time{}
	}
	c := New(open(t, s), Options{}, "en", zone(t, "Europe/Paris"), func() int64 { return 0 })
	c.SetView("grid")
	c.Render("")
	c.SetText("arenas")
	flips := 0
	for _, p := range c.Render("") {
		if p.Op == SetHidden && strings.HasPrefix(p.ID, "s") {
			flips++
			if p.Top != 0 || p.Bottom != 1000 {
				t.Errorf("%s: span %d-%d, want the whole column", p.ID, p.Top, p.Bottom)
			}
		}
	}
	if flips == 0 {
		t.Fatal("the search flipped nothing: the test tests nothing")
	}
}

package core

import (
	"reflect"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/query"
)

// A new language keeps state and favourites, and the next Render writes
// everything, as a new widget's first one does.
func TestSetLang(t *testing.T) {
	c := widget(t, Options{Q: "a", Facet: [query.NumFacets]string{query.Room: "Main Stage"}})
	c.Render("")
	c.ToggleFavourite(0)
	c.Open(0)
	c.Handle(Event{Type: "click", ID: "filters-toggle"}) // the folded filters, open
	c.Render("")
	st, favs := c.State(), c.Favourites()

	c.SetLang("fr-CA", zone(t, "Europe/Paris"))
	if !reflect.DeepEqual(c.State(), st) || c.Favourites() != favs || c.Lang() != "fr-CA" {
		t.Errorf("after SetLang: state %+v, favourites %q, lang %q", c.State(), c.Favourites(), c.Lang())
	}
	if sk := c.Skeleton(); !strings.Contains(sk, `lang="fr"`) || !strings.Contains(sk, "Mon programme") {
		t.Errorf("skeleton not in French: %.200s", sk)
	}
	got := append([]Patch(nil), c.Render("")...)

	fresh := New(c.Bundle(), Options{}, "fr-CA", zone(t, "Europe/Paris"), func() int64 { return 0 })
	fresh.SetFavourites(favs)
	fresh.Apply(st)
	fresh.Handle(Event{Type: "click", ID: "filters-toggle"})
	if want := fresh.Render(""); !reflect.DeepEqual(got, want) {
		t.Errorf("Render after SetLang:\n%v\nwant a new widget's first:\n%v", got, want)
	}
	if !hasPatch(got, Patch{Op: SetValue, ID: "q", Value: "a"}) || !hasPatch(got, Patch{Op: SetAttr, ID: "root", Name: "data-filters", Value: "open"}) {
		t.Error("the search text or the open filters are not written again")
	}
	for _, p := range c.Render("") {
		if p.Op == SetHTML && p.ID == "main" {
			t.Error("the render after that rewrites #main again")
		}
	}
}

func TestOpened(t *testing.T) {
	c := widget(t, Options{})
	for slug, want := range map[string]bool{"": false, "nobody": false, "side": true, "tbd": true} {
		st := c.State()
		st.Session = slug
		c.Apply(st)
		if i, ok := c.Opened(); ok != want || ok && c.Bundle().Session(i).Slug() != slug {
			t.Errorf("session %q: Opened() = %d, %v", slug, i, ok)
		}
	}
}

func TestPrefixes(t *testing.T) {
	p := Prefixes{}
	steps := []struct {
		take    bool
		arg     string // the id to take with, or the prefix to release
		want    string // what Take returns
		comment string
	}{
		{true, "", "agenda.", "the first unnamed widget"},
		{true, "", "agenda2.", "the second"},
		{true, "talks", "talks.", "a named one: its id"},
		{true, "", "agenda3.", "the third"},
		{false, "agenda2.", "", "the second goes"},
		{true, "", "agenda2.", "its prefix is free again"},
		{false, "agenda.", "", ""},
		{false, "agenda.", "", "released twice: harmless"},
		{false, "", "", "a mount that failed before Take"},
		{true, "", "agenda.", "a reload's first widget finds its keys"},
		{true, "agenda", "agenda.", "an element called agenda shares them, as before"},
	}
	for _, s := range steps {
		if !s.take {
			p.Release(s.arg)
			continue
		}
		if got := p.Take(s.arg); got != s.want {
			t.Errorf("%s: Take(%q) = %q, want %q", s.comment, s.arg, got, s.want)
		}
	}
	if want := (Prefixes{"agenda.": 2, "agenda2.": 1, "agenda3.": 1, "talks.": 1}); !reflect.DeepEqual(p, want) {
		t.Errorf("in use: %v, want %v", p, want)
	}
}

func TestSetFrom(t *testing.T) {
	var o Options
	o.Q, o.Lang = "old", "fr"
	given := o.SetFrom(func(k string) (string, bool) {
		v, ok := map[string]string{"room": "Main Stage", "q": "", "timeZone": "local", "nonsense": "x"}[k]
		return v, ok
	})
	if want := map[string]bool{"room": true, "q": true, "timeZone": true}; !reflect.DeepEqual(given, want) {
		t.Errorf("given = %v, want %v", given, want)
	}
	if o.Facet[query.Room] != "Main Stage" || o.Q != "" || o.TimeZone != "local" || o.Lang != "fr" {
		t.Errorf("options = %+v: want room and zone set, q cleared, lang kept", o)
	}
}

// el is an Element for ReadEvent: its properties, data-* attributes and
// parent.
type el struct {
	props, data map[string]string
	matches     bool // a control Closest looks for
	parent      *el
}

func (e *el) Prop(name string) string { return e.props[name] }

func (e *el) Data(name string) (string, bool) { v, ok := e.data[name]; return v, ok }

func (e *el) Closest(string) (Element, bool) {
	for ; e != nil; e = e.parent {
		if e.matches {
			return e, true
		}
	}
	return nil, false
}

func TestReadEvent(t *testing.T) {
	star := &el{props: map[string]string{"id": "st3"}, data: map[string]string{"star": "3"}, matches: true}
	open := &el{data: map[string]string{"open": "2"}, matches: true, parent: &el{props: map[string]string{"id": "s2"}}}
	tests := []struct {
		name, typ, key string
		target         *el
		want           Event
	}{
		{"typing", "input", "", &el{props: map[string]string{"id": "q", "value": "zero"}}, Event{Type: "input", ID: "q", Value: "zero"}},
		{"a filter", "change", "", &el{props: map[string]string{"id": "f-room", "value": "2"}, data: map[string]string{"filter": "room"}}, Event{Type: "change", ID: "f-room", Value: "2", Filter: "room"}},
		{"a key", "keydown", "End", &el{props: map[string]string{"id": "tab-list"}}, Event{Type: "keydown", ID: "tab-list", Key: "End"}},
		{"the star's text", "click", "", &el{parent: star}, Event{Type: "click", ID: "st3", Action: "star", Arg: "3"}},
		{"a title's button, no id", "click", "", open, Event{Type: "click", Action: "open", Arg: "2"}},
		{"a button by id", "click", "", &el{props: map[string]string{"id": "tz"}, matches: true}, Event{Type: "click", ID: "tz"}},
		{"nothing to act on", "click", "", &el{props: map[string]string{"id": "live"}}, Event{Type: "click", ID: "live"}},
		{"an empty data-close", "click", "", &el{data: map[string]string{"close": ""}, matches: true}, Event{Type: "click", Action: "close"}},
	}
	for _, tt := range tests {
		if got := ReadEvent(tt.typ, tt.key, tt.target); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestFragment(t *testing.T) {
	tests := []struct {
		name, hash, prefix string
		st                 func(c *Widget)
		want               string
	}{
		{"nothing to say", "", "agenda.", func(*Widget) {}, ""},
		{"new keys go last, encoded", "#page=1", "agenda.", func(c *Widget) {
			c.SetText("zéro & co")
			c.SetView("grid")
		}, "#page=1&agenda.q=z%C3%A9ro+%26+co&agenda.view=grid"},
		{"a key keeps its place; an empty one goes", "#agenda.q=old&x=%7E&agenda.view=grid&agenda.q=dup", "agenda.", func(c *Widget) { c.SetText("new") }, "#agenda.q=new&x=%7E"},
		{"another widget's keys stay", "#agenda2.q=b&agenda.x.q=c&talks.view=mine", "agenda.", func(c *Widget) { c.SetText("a") }, "#agenda2.q=b&agenda.x.q=c&talks.view=mine&agenda.q=a"},
		{"an anchor stays", "#schedule", "agenda.", func(*Widget) {}, "#schedule"},
		{"an encoded key is ours", "#agenda%2Eq=old", "agenda.", func(*Widget) {}, ""},
	}
	for _, tt := range tests {
		c := widget(t, Options{})
		tt.st(c)
		if got := c.Fragment(tt.hash, tt.prefix); got != tt.want {
			t.Errorf("%s: Fragment(%q) = %q, want %q", tt.name, tt.hash, got, tt.want)
		}
	}
}

func TestReadFragment(t *testing.T) {
	tests := []struct {
		hash, q, view string
		changed       bool
	}{
		{"", "", "list", false},
		{"#agenda.q=z%C3%A9ro+%26+co&agenda.view=grid", "zéro & co", "grid", true},
		{"#agenda2.q=not+ours&agenda.q=first&agenda.q=second", "first", "list", true},
		{"#agenda%2eq=100%+sure%zz%", "100% sure%zz%", "list", true},
		{"#agenda.q=%FF%FEx", "\xff\xfex", "list", true}, // the browser reads U+FFFD
		{"#agenda.q", "", "list", false},                 // present, empty
	}
	for _, tt := range tests {
		c := widget(t, Options{})
		changed := c.ReadFragment(tt.hash, "agenda.", false)
		if st := c.State(); st.Filter.Text != tt.q || st.View != tt.view || changed != tt.changed {
			t.Errorf("ReadFragment(%q): q %q, view %q, changed %v", tt.hash, st.Filter.Text, st.View, changed)
		}
	}
	// What Fragment writes, ReadFragment reads.
	c := widget(t, Options{})
	c.SetText("a+b=c&d 100%")
	c.Open(2)
	fresh := widget(t, Options{})
	fresh.ReadFragment(c.Fragment("#x=1", "talks."), "talks.", false)
	if !reflect.DeepEqual(fresh.State(), c.State()) {
		t.Errorf("round trip: %+v, want %+v", fresh.State(), c.State())
	}
}

func TestPermalink(t *testing.T) {
	for href, want := range map[string]string{
		"https://conf.example/schedule/#agenda.q=x": "https://conf.example/schedule/#agenda.session=zero+copy",
		"http://localhost:8080/":                    "http://localhost:8080/#agenda.session=zero+copy",
		"file:///home/me/schedule.html":             "#agenda.session=zero+copy",
		"about:srcdoc":                              "#agenda.session=zero+copy",
	} {
		if got := Permalink(href, "agenda.", "zero copy"); got != want {
			t.Errorf("Permalink(%q) = %q, want %q", href, got, want)
		}
	}
}

func TestStore(t *testing.T) {
	storage := map[string]string{"kept": "from storage"}
	var refuse, blocked bool
	s := Store{
		Get: func(k string) string {
			if blocked {
				panic("SecurityError")
			}
			return storage[k]
		},
		Set: func(k, v string) {
			if refuse {
				panic("QuotaExceededError")
			}
			storage[k] = v
		},
	}
	steps := []struct {
		do              func()
		key, want, what string
	}{
		{func() {}, "kept", "from storage", "storage works"},
		{func() { s.Save("a", "1") }, "a", "1", "saved"},
		{func() { refuse = true; s.Save("a", "2") }, "a", "2", "storage full: memory keeps it"},
		{func() { refuse = false; storage["a"] = "3" }, "a", "2", "memory wins over storage"},
		{func() { s.Save("a", "4") }, "a", "4", "storage takes it again"},
		{func() { storage["a"] = "5" }, "a", "5", "and memory forgot it"},
		{func() { blocked = true }, "kept", "", "reading storage throws"},
		{func() { refuse = true; s.Save("b", "6") }, "b", "6", "blocked: memory keeps it"},
	}
	for _, st := range steps {
		st.do()
		if got := s.Load(st.key); got != st.want {
			t.Errorf("%s: Load(%q) = %q, want %q", st.what, st.key, got, st.want)
		}
	}
}

func TestAppendFlips(t *testing.T) {
	b := AppendFlips([]byte("x"), []Patch{{Op: SetHidden, ID: "s12", On: true, Before: 40}, {Op: SetText, ID: "live"},
		{Op: SetHidden, ID: "s13", Before: 40}, {Op: SetHidden, ID: "s14", Col: "c3", Before: 7, Top: 250, Bottom: 300}, {Op: SetHidden, ID: "d1", On: true}})
	if string(b) != "x -s12:40 +s13:40 +s14:c3:250:300 -d1:0" {
		t.Errorf("batch %q", b)
	}
	if ZoneOption(true) != "local" || ZoneOption(false) != "venue" {
		t.Error("ZoneOption")
	}
}

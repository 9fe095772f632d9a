// Package core is the widget without the browser: what the attendee chose
// (state, its URL encoding, favourites), which sessions match, which days a
// time zone gives, and the markup and stylesheets that show it. It runs in
// the browser (under widget/view, which owns the DOM) and natively, so
// `go test` checks what the widget shows in milliseconds.
//
// Runs in: both: in the browser under widget/view, and natively in tests.
package core

import (
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/query"
)

// Clock formats instants for people, in the zone the widget shows (the
// venue's or the viewer's). In the browser it is Intl; natively, package
// time.
type Clock interface {
	Time(unix int64) string // a time of day: "10:30 AM"
	Day(unix int64) string  // the date unix falls on: "Friday, October 9"
	Offset(unix int64) int  // seconds east of UTC at unix; asked only of the viewer's zone
	Zone() string           // the zone's name, for the label: "Europe/Paris"
}

// cachedClock remembers what its Clock said: a programme repeats the same
// start times and days many times, and a browser's Intl is slow to ask.
type cachedClock struct {
	Clock
	words map[int64]string // by time; a day by its time negated, less one
}

func (c *cachedClock) Time(unix int64) string { return c.say(unix, unix, c.Clock.Time) }
func (c *cachedClock) Day(unix int64) string  { return c.say(unix, -unix-1, c.Clock.Day) }

func (c *cachedClock) say(unix, key int64, ask func(int64) string) string {
	s, ok := c.words[key]
	if !ok {
		s = ask(unix)
		c.words[key] = s
	}
	return s
}

// State is what the attendee chose; it round-trips through the URL fragment.
type State struct {
	Filter  query.Filter
	View    string // list, grid or mine
	Local   bool   // times in the viewer's zone, not the venue's
	NowOnly bool   // "now and next"
	Session string // the session whose details are open
}

// Widget is one schedule's state and everything derived from it. It is not
// safe for concurrent use; the browser has one thread anyway.
type Widget struct {
	b     *bundle.Bundle
	x     *query.Index
	words *words
	lang  string // as asked for, for Intl
	clock Clock
	theme string
	st    State
	favs  query.Set
	now   int64        // from the now option; 0: ask Now
	Now   func() int64 // the real time, Unix seconds; set by the caller

	// Days in the shown zone: day[i] is session i's (-1: unscheduled),
	// dayAt[d] an instant on day d, dayKey[d] its date "2026-10-09".
	day    []int32
	dayAt  []int64
	dayKey []string

	dom              view      // what Render last wrote
	patches          []Patch   // Render's, reused
	ids              []string  // sessionID's
	cols             []string  // grid column ids by room+1 (cx, c0, c1...)
	spans            []uint32  // grid: each session's rows down its column, in thousandths (top<<16 | bottom)
	match, textMatch query.Set // the filter's result, and the sessions the hidden attribute shows
	applied          query.Filter
	rendered         string // the key of the markup in #main
	pending          []int  // sessions still to render, in order
	scratch          []byte
}

// New makes a widget for b. lang is the UI language; clock shows times in
// the venue's zone, or the viewer's when o.TimeZone is "local"; now tells
// the real time.
func New(b *bundle.Bundle, o Options, lang string, clock Clock, now func() int64) *Widget {
	n := b.NumSessions()
	c := &Widget{b: b, x: query.New(b), words: wordsFor(lang), lang: lang, theme: o.ThemeName(), Now: now,
		favs: query.NewSet(n), match: query.NewSet(n), textMatch: query.NewSet(n)}
	c.st = State{Filter: query.Any(), View: "list"}
	c.SetClock(clock, o.TimeZone == "local") // first: the day option names a day of the shown zone
	c.SetOptions(o, nil)
	return c
}

// SetLang speaks lang from now on, with clock in lang for times and days.
// Every word is in the markup: the view writes a new Skeleton, and the next
// Render writes all of it afresh. State and favourites stay.
func (c *Widget) SetLang(lang string, clock Clock) {
	c.lang, c.words = lang, wordsFor(lang)
	c.SetClock(clock, c.st.Local)
	c.dom = view{filters: c.dom.filters} // the new skeleton has its filters folded
}

// Bundle is the programme shown.
func (c *Widget) Bundle() *bundle.Bundle { return c.b }

// State is the attendee's current choice.
func (c *Widget) State() State { return c.st }

// Lang is the language asked for, for Intl: "en-GB" (the words may be
// another's, English for a language the widget does not speak).
func (c *Widget) Lang() string { return c.lang }

// SetOptions applies options from the host; given says which were given
// (nil: all of them). Language and theme are the caller's to apply.
func (c *Widget) SetOptions(o Options, given map[string]bool) {
	has := func(k string) bool { return given == nil || given[k] }
	for f := range query.NumFacets {
		if has(query.Facets[f].Name) {
			c.st.Filter.Is[f] = c.find(f, o.Facet[f])
		}
	}
	if has("q") {
		c.st.Filter.Text = o.Q
	}
	if has("view") && (o.View == "list" || o.View == "grid" || o.View == "mine") {
		c.st.View = o.View
	}
	if has("now") {
		c.now, _ = ParseInstant(o.Now)
	}
	if has("theme") {
		c.theme = o.ThemeName()
	}
}

// find is the index of facet f's value called key, -1 if none is.
func (c *Widget) find(f query.Facet, key string) int {
	if key == "" {
		return -1
	}
	if f == query.Day {
		for d, k := range c.dayKey {
			if k == key {
				return d
			}
		}
		return -1
	}
	if v, ok := query.Facets[f].Find(c.b, key); ok {
		return v
	}
	return -1
}

// key is the name of facet f's value v in URLs and attributes.
func (c *Widget) key(f query.Facet, v int) string {
	if v < 0 || v >= c.x.NumValues(f) {
		return ""
	}
	if f == query.Day {
		return c.dayKey[v]
	}
	return query.Facets[f].Key(c.b, v)
}

// SetClock shows times with clock: the venue's zone, or the viewer's when
// local. Days are the zone's dates, so a chosen day is carried over by its
// date when it still exists.
func (c *Widget) SetClock(clock Clock, local bool) {
	old := ""
	if c.dayKey != nil {
		old = c.key(query.Day, c.st.Filter.Is[query.Day])
	}
	c.clock, c.st.Local = &cachedClock{Clock: clock, words: map[int64]string{}}, local
	c.days()
	if c.dayKey != nil && old != "" {
		c.st.Filter.Is[query.Day] = c.find(query.Day, old)
	}
	c.rendered = ""
}

// days sorts every scheduled session into the shown zone's dates. In the
// venue's zone these are the bundle's days, which begin at the conference's
// day change (a party at 01:00 belongs to the day before); in the viewer's
// zone they are plain calendar dates, so Auckland sees Friday for a session
// on Friday morning there.
func (c *Widget) days() {
	b := c.b
	n := b.NumSessions()
	c.day, c.dayAt, c.dayKey = make([]int32, n), c.dayAt[:0], c.dayKey[:0]
	if !c.st.Local {
		for d := range b.NumDays() {
			c.dayAt = append(c.dayAt, b.Day(d).StartUnix+12*3600)
			c.dayKey = append(c.dayKey, b.Day(d).Date)
		}
		for i := range n {
			c.day[i] = int32(b.Session(i).Day())
		}
		c.x.ResetDays()
		return
	}
	last := int64(-1 << 62)
	for i := range n {
		s := b.Session(i)
		if !s.Scheduled() {
			c.day[i] = -1
			continue
		}
		date := floorDiv(s.Start()+int64(c.clock.Offset(s.Start())), 86400)
		if date != last { // sessions are in start order, so dates only grow
			last = date
			c.dayAt = append(c.dayAt, s.Start())
			c.dayKey = append(c.dayKey, dateKey(date))
		}
		c.day[i] = int32(len(c.dayKey) - 1)
	}
	c.x.SetDays(c.day, len(c.dayKey))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// dateKey writes days since 1970-01-01 as "2026-10-09".
func dateKey(days int64) string {
	// civil_from_days, after Howard Hinnant.
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	var p page
	p.int(int(y))
	p.raw("-")
	if m < 10 {
		p.raw("0")
	}
	p.int(int(m)).raw("-")
	if d < 10 {
		p.raw("0")
	}
	p.int(int(d))
	return p.String()
}

// NumDays is how many days the shown zone gives the programme.
func (c *Widget) NumDays() int { return len(c.dayKey) }

// DayKey is day d's date, "2026-10-09".
func (c *Widget) DayKey(d int) string { return c.dayKey[d] }

// DayOf is session i's day in the shown zone, -1 if it is not scheduled.
func (c *Widget) DayOf(i int) int { return int(c.day[i]) }

// NowUnix is the instant "now" means: the now option, else the real time.
func (c *Widget) NowUnix() int64 {
	if c.now != 0 || c.Now == nil {
		return c.now
	}
	return c.Now()
}

// Running reports whether the conference is on at the current instant, so
// "now and next" means something.
func (c *Widget) Running() bool {
	n := c.b.NumDays()
	if n == 0 {
		return false
	}
	now := c.NowUnix()
	return now >= c.b.Day(0).StartUnix && now < c.b.Day(n-1).StartUnix+36*3600
}

// Params writes the state as URL fragment keys (without the instance's
// prefix); an empty value means the key is absent.
func (c *Widget) Params(set func(key, value string)) {
	f := c.st.Filter
	for d := range query.NumFacets {
		set(query.Facets[d].Name, c.key(d, f.Is[d]))
	}
	set("q", f.Text)
	view := c.st.View
	if view == "list" {
		view = ""
	}
	set("view", view)
	now := ""
	if c.st.NowOnly {
		now = "1"
	}
	set("now", now)
	set("session", c.st.Session)
}

// FromParams is the state the URL fragment keys give. A page's first
// reading (merge) overrides the options' state with the keys present; the
// back button's starts from the defaults, as the keys say everything. The
// time zone choice stays either way: it is not in the URL.
func (c *Widget) FromParams(get func(key string) (string, bool), merge bool) State {
	st := State{Filter: query.Any(), View: "list", Local: c.st.Local}
	if merge {
		st = c.st
	}
	for d := range query.NumFacets {
		if v, ok := get(query.Facets[d].Name); ok {
			st.Filter.Is[d] = c.find(d, v)
		}
	}
	if v, ok := get("q"); ok {
		st.Filter.Text = v
	}
	if v, ok := get("view"); ok && (v == "list" || v == "grid" || v == "mine") {
		st.View = v
	}
	if _, ok := get("now"); ok || !merge {
		st.NowOnly = ok
	}
	if v, ok := get("session"); ok || !merge {
		st.Session = v
	}
	return st
}

// Opened is the session whose details the state names, if it names one
// in the programme.
func (c *Widget) Opened() (int, bool) {
	i, ok := c.b.SessionBySlug(c.st.Session)
	return i, ok && c.st.Session != ""
}

// Prefixes are the URL fragment key prefixes of the widgets on a page, so
// that two keep apart and a reload finds each one's keys again: the host
// element's id, else "agenda." for the first unnamed widget, "agenda2." for
// the next. A prefix is in use from Take to Release.
type Prefixes map[string]int

// Take returns the prefix of a widget in an element with id ("": none).
func (p Prefixes) Take(id string) string {
	prefix := id + "."
	if id == "" {
		prefix = "agenda."
		for n := 2; p[prefix] > 0; n++ {
			prefix = "agenda" + strconv.Itoa(n) + "."
		}
	}
	p[prefix]++
	return prefix
}

// Release gives back a prefix Take returned.
func (p Prefixes) Release(prefix string) {
	if p[prefix]--; p[prefix] <= 0 {
		delete(p, prefix)
	}
}

// Apply makes st the state, and reports whether that changed anything.
func (c *Widget) Apply(st State) bool {
	a, b := st.Filter, c.st.Filter
	if a.Is == b.Is && a.Text == b.Text && a.Now == b.Now && st.View == c.st.View && st.NowOnly == c.st.NowOnly && st.Session == c.st.Session && st.Local == c.st.Local {
		return false
	}
	c.st = st
	return true
}

// SetText is a keystroke in the search box.
func (c *Widget) SetText(q string) { c.st.Filter.Text = q }

// Choose sets the facet named name to the value the filter's select gave
// (an index; "" or anything else: all).
func (c *Widget) Choose(name, value string) {
	f, ok := query.FacetByName(name)
	if !ok {
		return
	}
	v, err := Atoi(value)
	if err != nil || v < 0 || v >= c.x.NumValues(f) {
		v = -1
	}
	c.st.Filter.Is[f] = v
}

// Clear drops every filter; My schedule goes back to the list.
func (c *Widget) Clear() {
	c.st.Filter = query.Any()
	c.st.NowOnly = false
	if c.st.View == "mine" {
		c.st.View = "list"
	}
}

// ToggleNow turns "now and next" on or off.
func (c *Widget) ToggleNow() { c.st.NowOnly = !c.st.NowOnly }

// SetView shows list, grid or mine; it reports whether that changed.
func (c *Widget) SetView(v string) bool {
	if v == c.st.View || v != "list" && v != "grid" && v != "mine" {
		return false
	}
	c.st.View = v
	return true
}

// Open and Close record which session's details are shown.
func (c *Widget) Open(i int) { c.st.Session = c.b.Session(i).Slug() }
func (c *Widget) Close()     { c.st.Session = "" }

// Favourite reports whether session i is starred.
func (c *Widget) Favourite(i int) bool { return c.favs.Has(i) }

// ToggleFavourite stars or unstars session i and returns the new state.
func (c *Widget) ToggleFavourite(i int) bool {
	if i < 0 || i >= c.b.NumSessions() {
		return false
	}
	if c.favs.Has(i) {
		c.favs.Remove(i)
		return false
	}
	c.favs.Add(i)
	return true
}

// Favourites is the starred sessions' slugs, one per line, for storage:
// slugs survive a rebuild that reorders sessions.
func (c *Widget) Favourites() string {
	var slugs []string
	for i := range c.b.NumSessions() {
		if c.favs.Has(i) {
			slugs = append(slugs, c.b.Session(i).Slug())
		}
	}
	return strings.Join(slugs, "\n")
}

// SetFavourites stars what storage held. Anything that is not a session's
// slug (a removed session, any string at all) is dropped quietly.
func (c *Widget) SetFavourites(s string) {
	for s != "" {
		var slug string
		slug, s, _ = strings.Cut(s, "\n")
		if i, ok := c.b.SessionBySlug(slug); ok && slug != "" {
			c.favs.Add(i)
		}
	}
}

// MyScheduled is the starred sessions that have a time, for the calendar.
func (c *Widget) MyScheduled() []int {
	var all []int
	for i := range c.b.NumSessions() {
		if c.favs.Has(i) && c.b.Session(i).Scheduled() {
			all = append(all, i)
		}
	}
	return all
}

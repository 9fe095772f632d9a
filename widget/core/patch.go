package core

import (
	"strconv"

	"github.com/agendaconf/agenda/widget/query"
)

// Op is what a Patch does to the element it names.
type Op uint8

// The operations: each is one DOM call in the view.
const (
	SetText   Op = iota // textContent = Value
	SetHTML             // innerHTML = Value
	SetAttr             // setAttribute(Name, Value)
	DelAttr             // removeAttribute(Name)
	SetHidden           // the hidden attribute, on when On
	SetValue            // value = Value (the search box)
	SetSheet            // the stylesheet named Name (layout or facets) = Value
	Append              // insertAdjacentHTML("beforeend", Value)
)

// Patch is one change to the widget's shadow root, to the element whose id
// is ID. The view applies patches in order and knows nothing else of what
// the widget shows.
type Patch struct {
	Op    Op
	ID    string
	Name  string
	Value string
	On    bool
	// On a session's SetHidden, where it is, for the loader to flip what
	// may be on screen first (see AppendFlips): in the grid, Col is its room
	// column's id, and Top and Bottom its span down the column in
	// thousandths of the column's height; in a list, Before is how many
	// sessions are shown above it once patched, a bound on how far down it
	// sits.
	Col         string
	Before      int
	Top, Bottom int
}

// view is what core knows of the DOM it patched: the last frame, which
// sessions and day sections are rendered and shown, what each select holds.
type view struct {
	last     Frame
	fresh    bool         // nothing applied yet: every part is written
	rendered query.Set    // sessions in the DOM
	shown    query.Set    // of those, the ones not hidden
	days     map[int]bool // day sections in the DOM (-1: unscheduled), shown or not
	selects  [query.NumFacets]string
	stars    map[int]struct{} // stars to redraw
	filters  bool             // the folded filters are open (phones)
	drawn    bool             // ...as last patched
}

// Render matches the state and returns the patches that bring the DOM
// from the last Render to it. active is the id of the focused element: an
// open filter lists every choice, with counts.
func (c *Widget) Render(active string) []Patch {
	f := c.Update()
	v := &c.dom
	if v.rendered == nil {
		n := c.b.NumSessions()
		v.rendered, v.shown, v.fresh = query.NewSet(n), query.NewSet(n), true
	}
	ps := c.patches[:0] // reused: a keystroke should not feed the collector
	add := func(p Patch) { ps = append(ps, p) }
	text := func(id, now, was string) {
		if now != was || v.fresh {
			add(Patch{Op: SetText, ID: id, Value: now})
		}
	}
	flag := func(id string, now, was bool) {
		if now != was || v.fresh {
			add(Patch{Op: SetHidden, ID: id, On: now})
		}
	}
	attr := func(id, name, now, was string) {
		if now != was || v.fresh {
			add(Patch{Op: SetAttr, ID: id, Name: name, Value: now})
		}
	}
	if f.NewMain {
		add(Patch{Op: SetSheet, Name: "layout", Value: f.Layout})
		add(Patch{Op: SetHTML, ID: "main", Value: f.Main})
		v.rendered.Clear()
		v.shown.Clear()
		v.days = map[int]bool{}
		c.markRendered(f.Main)
	}
	attr("main", "aria-labelledby", f.Panel, v.last.Panel)
	if f.Facets != v.last.Facets || v.fresh {
		add(Patch{Op: SetSheet, Name: "facets", Value: f.Facets})
	}
	// Sessions and days whose hidden attribute no longer says the truth;
	// new markup was born right.
	before, grid := 0, c.st.View == "grid" // sessions shown above i: rendered, matching, facets included
	for i := range c.b.NumSessions() {
		rendered := v.rendered.Has(i)
		if want := c.Shown(i); rendered && want != v.shown.Has(i) {
			p := Patch{Op: SetHidden, ID: c.sessionID(i), On: !want, Before: before}
			if grid {
				// The whole column, unless the grid placed it (a day with
				// no session is shown as the list).
				p.Col, p.Bottom = c.container(i, true), 1000
				if i < len(c.spans) {
					p.Top, p.Bottom = int(c.spans[i]>>16), int(c.spans[i]&0xffff)
				}
			}
			add(p)
			if want {
				v.shown.Add(i)
			} else {
				v.shown.Remove(i)
			}
		}
		if rendered && c.match.Has(i) {
			before++
		}
	}
	for d, was := range v.days {
		if want := c.DayShown(d); want != was {
			add(Patch{Op: SetHidden, ID: "d" + strconv.Itoa(d+1), On: !want})
			v.days[d] = want
		}
	}
	for i := range v.stars {
		id := "st" + strconv.Itoa(i)
		fav := c.favs.Has(i)
		add(Patch{Op: SetAttr, ID: id, Name: "aria-pressed", Value: strconv.FormatBool(fav)})
		star := "☆"
		if fav {
			star = "★"
		}
		add(Patch{Op: SetText, ID: id, Value: star})
		delete(v.stars, i)
	}
	for d := range query.NumFacets {
		id := "f-" + query.Facets[d].Name
		html := f.Chosen[d]
		if id == active {
			html = c.Choices(d)
		}
		if html != v.selects[d] {
			add(Patch{Op: SetHTML, ID: id, Value: html})
			v.selects[d] = html
		}
	}
	text("live", f.Live, v.last.Live)
	text("filters-toggle", f.FiltersLabel, v.last.FiltersLabel)
	text("empty-text", f.EmptyText, v.last.EmptyText)
	text("tz", f.ZoneLabel, v.last.ZoneLabel)
	if f.Query != v.last.Query {
		add(Patch{Op: SetValue, ID: "q", Value: f.Query})
	}
	flag("empty", f.EmptyHidden, v.last.EmptyHidden)
	flag("export", f.ExportHidden, v.last.ExportHidden)
	flag("now", f.NowHidden, v.last.NowHidden)
	attr("now", "aria-pressed", strconv.FormatBool(f.NowPressed), strconv.FormatBool(v.last.NowPressed))
	attr("tz", "aria-pressed", strconv.FormatBool(f.ZonePressed), strconv.FormatBool(v.last.ZonePressed))
	if f.View != v.last.View || v.fresh { // tabs: aria-selected and a roving tabindex
		for _, t := range []string{"list", "grid", "mine"} {
			add(Patch{Op: SetAttr, ID: "tab-" + t, Name: "aria-selected", Value: strconv.FormatBool(t == f.View)})
			tab := "-1"
			if t == f.View {
				tab = "0"
			}
			add(Patch{Op: SetAttr, ID: "tab-" + t, Name: "tabindex", Value: tab})
		}
	}
	if v.filters != v.drawn {
		ps = append(ps, c.filterPatches()...)
		v.drawn = v.filters
	}
	v.last, v.fresh = f, false
	c.patches = ps
	return ps
}

// sessionID is "s12" for session 12, made once per session.
func (c *Widget) sessionID(i int) string {
	if c.ids == nil {
		c.ids = make([]string, c.b.NumSessions())
	}
	if c.ids[i] == "" {
		c.ids[i] = "s" + strconv.Itoa(i)
	}
	return c.ids[i]
}

// Warm prepares up to n more sessions' search text, and reports whether
// all are ready: the view calls it while the attendee has not typed yet.
func (c *Widget) Warm(n int) bool { return c.x.Warm(n) }

// markRendered notes the sessions and day sections in markup core wrote:
// ids s12 and d3, in that form only.
func (c *Widget) markRendered(html string) {
	v := &c.dom
	for k := 0; k+4 < len(html); k++ {
		if html[k] != ' ' || html[k+1] != 'i' || html[k+2] != 'd' || html[k+3] != '=' || html[k+4] != '"' {
			continue
		}
		j := k + 5
		e := j
		for e < len(html) && html[e] != '"' {
			e++
		}
		id := html[j:e]
		if len(id) < 2 {
			continue
		}
		n, err := Atoi(id[1:])
		switch {
		case err != nil:
		case id[0] == 's' && n < c.b.NumSessions():
			v.rendered.Add(n)
			if c.Shown(n) {
				v.shown.Add(n)
			}
		case id[0] == 'd':
			v.days[n-1] = c.DayShown(n - 1)
		}
	}
}

// MorePatches renders the next slice of sessions a new view left for later
// (More), as patches; none when everything is shown.
func (c *Widget) MorePatches() []Patch {
	var ps []Patch
	for _, s := range c.More() {
		ps = append(ps, Patch{Op: Append, ID: s.In, Value: s.HTML})
		for _, i := range s.Sessions {
			c.dom.rendered.Add(i)
			if c.Shown(i) {
				c.dom.shown.Add(i)
			}
		}
	}
	return ps
}

// Event is what the view reads off a DOM event in the widget.
type Event struct {
	Type   string // click, input, change, keydown...
	ID     string // the id of the element acted on: the target, or for a click the closest control
	Value  string // the target's value (the search box, a select)
	Key    string // keydown: the key
	Filter string // change: the select's data-filter
	Action string // click: star, open, ics, view or close, from the closest control's data-* attribute
	Arg    string // that attribute's value
}

// Effect is what the view does after an event, beyond rendering.
type Effect struct {
	Render, Push bool   // call Render; record the state in history
	Open         int    // the session whose details to show, -1 none
	Close        bool   // close the details
	Download     []int  // offer these sessions' calendar...
	File         string // ...under this name
	Focus        string // the id to focus afterwards
	Favourite    int    // the session starred or unstarred, -1 none: store, tell the page
	Zone         bool   // the time zone choice changed: a new clock, stored
}

// Handle applies an event in the widget to the state.
func (c *Widget) Handle(e Event) Effect {
	fx := Effect{Open: -1, Favourite: -1}
	session := func() (int, bool) {
		i, err := Atoi(e.Arg)
		return i, err == nil && i >= 0 && i < c.b.NumSessions()
	}
	switch e.Type {
	case "input":
		if e.ID == "q" {
			c.SetText(e.Value)
			fx.Render = true
		}
	case "change":
		if _, ok := query.FacetByName(e.Filter); ok {
			c.Choose(e.Filter, e.Value)
			fx.Render, fx.Push = true, true
		}
	case "keydown": // arrows, Home and End move between tabs
		views := []string{"list", "grid", "mine"}
		cur := 0
		for k, v := range views {
			if "tab-"+v == e.ID && c.st.View == v {
				cur = k + 1
			}
		}
		if cur == 0 {
			break
		}
		n, ok := tabStep(e.Key, cur-1)
		if !ok {
			break
		}
		c.SetView(views[n%3])
		fx.Render, fx.Push, fx.Focus = true, true, "tab-"+views[n%3]
	case "click":
		switch e.Action {
		case "star":
			if i, ok := session(); ok && c.b.Kind(int(c.b.Session(i).Kind())) != "break" {
				c.ToggleFavourite(i)
				if c.dom.stars == nil {
					c.dom.stars = map[int]struct{}{}
				}
				c.dom.stars[i] = struct{}{}
				fx.Favourite, fx.Render = i, true
				if c.st.View == "mine" && !c.favs.Has(i) {
					fx.Focus = "live" // the star is gone with its session: keep focus nearby
				}
			}
		case "open":
			if i, ok := session(); ok {
				c.Open(i)
				fx.Open, fx.Push = i, true
			}
		case "ics":
			if i, ok := session(); ok {
				fx.Download, fx.File = []int{i}, c.b.Session(i).Slug()+".ics"
			}
		case "view":
			fx.Render = c.SetView(e.Arg)
			fx.Push = fx.Render
		case "close":
			fx.Close = true
		}
		switch e.ID {
		case "clear":
			c.Clear()
			fx.Render, fx.Push, fx.Focus = true, true, "q"
		case "tz":
			c.st.Local = !c.st.Local
			fx.Zone, fx.Render = true, true
		case "now":
			c.ToggleNow()
			fx.Render, fx.Push = true, true
		case "export":
			fx.Download, fx.File = c.MyScheduled(), c.b.Conference().ID+"-my-schedule.ics"
		case "filters-toggle":
			c.dom.filters = !c.dom.filters
			fx.Render = true
		case "dlg": // the backdrop
			fx.Close = true
		}
	}
	return fx
}

// filterPatches opens or closes the folded filters as Handle left them.
func (c *Widget) filterPatches() []Patch {
	if c.dom.filters {
		return []Patch{{Op: SetAttr, ID: "filters-toggle", Name: "aria-expanded", Value: "true"}, {Op: SetAttr, ID: "root", Name: "data-filters", Value: "open"}}
	}
	return []Patch{{Op: SetAttr, ID: "filters-toggle", Name: "aria-expanded", Value: "false"}, {Op: DelAttr, ID: "root", Name: "data-filters"}}
}

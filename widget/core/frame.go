package core

import (
	"errors"
	"strconv"

	"github.com/agendaconf/agenda/widget/query"
)

// Frame is what the page should show for the current state. The view
// writes each part only when it differs from what it wrote last.
type Frame struct {
	// NewMain is set when the view (or its day, zone, favourites) changed:
	// Main and Layout are then #main's markup and the layout stylesheet.
	NewMain      bool
	Main, Layout string
	Panel        string // the id of the tab that labels #main
	Facets       string // the stylesheet that hides sessions outside the chosen facets
	Count        int    // matching sessions
	Live         string // the live region: "12 sessions"
	FiltersLabel string // "Filters (2)"
	EmptyHidden  bool
	EmptyText    string
	Query        string
	View         string // the selected tab
	NowHidden    bool   // "now and next" means nothing outside the conference
	NowPressed   bool
	ZoneLabel    string
	ZonePressed  bool
	ExportHidden bool
	// Chosen is each closed filter's markup: "All rooms", or the chosen
	// room and its count. A filter lists every choice only when it is
	// opened (Choices): a thousand speakers per keystroke would cost more
	// than all the rest.
	Chosen [query.NumFacets]string
}

// Update matches the state and returns the frame that shows it.
func (c *Widget) Update() Frame {
	w, st := c.words, &c.st
	f := st.Filter
	if st.View == "mine" {
		f.Only = c.favs
	}
	if st.NowOnly {
		f.Now = c.NowUnix()
	}
	if st.View == "grid" {
		f.Is[query.Day] = -1 // the grid shows one day; the day filter picks which
	}
	// Two mechanisms hide what does not match, each where it is cheap.
	// Facets: every session carries a class per value (y1 r3 k0 t2 p17), so
	// one tiny rule such as .s:not(.r3) hides a whole room at once, however
	// many sessions that is. Text, "now" and favourites: the hidden
	// attribute, flipped only on sessions whose state changed, so a
	// keystroke touches few nodes.
	n := c.x.Match(f, c.match)
	if !f.Faceted() {
		copy(c.textMatch, c.match) // no facet chosen: the same question
	} else {
		rest := f
		rest.Is = query.Any().Is
		c.x.Match(rest, c.textMatch)
	}
	c.applied = f
	fr := Frame{Count: n, Query: st.Filter.Text, View: st.View, Panel: "tab-" + st.View}
	fr.NewMain, fr.Main, fr.Layout = c.render()
	fr.Facets = c.facetCSS(f)
	fr.Live = w.count(n)
	active := 0
	for d, v := range f.Is {
		if v >= 0 || d == int(query.Day) && st.Filter.Is[d] >= 0 {
			active++
		}
	}
	fr.FiltersLabel = w.filters
	if active > 0 {
		fr.FiltersLabel += " (" + strconv.Itoa(active) + ")"
	}
	noFavs := st.View == "mine" && c.favs.Count() == 0
	fr.EmptyHidden = n > 0 && !noFavs
	fr.EmptyText = w.noResults
	if noFavs {
		fr.EmptyText = w.emptyMine
	}
	fr.NowHidden, fr.NowPressed = !c.Running() && !st.NowOnly, st.NowOnly
	fr.ZonePressed = st.Local
	where := w.venueTime
	if st.Local {
		where = w.yourTime
	}
	fr.ZoneLabel = w.timesIn + " " + c.clock.Zone() + " (" + where + ")"
	fr.ExportHidden = st.View != "mine" || c.favs.Count() == 0
	for d := range query.NumFacets {
		fr.Chosen[d] = c.chosen(d, n)
	}
	return fr
}

// Shown reports whether session i's hidden attribute should be off: it
// passes the filters that facet classes do not express.
func (c *Widget) Shown(i int) bool { return c.textMatch.Has(i) }

// DayShown reports whether day d (-1: the unscheduled) has a match.
func (c *Widget) DayShown(d int) bool {
	for i := range c.b.NumSessions() {
		if int(c.day[i]) == d && c.match.Has(i) {
			return true
		}
	}
	return false
}

// facetCSS is the rule that hides sessions outside the chosen facets.
func (c *Widget) facetCSS(f query.Filter) string {
	var p page
	for d, v := range f.Is {
		if v >= 0 {
			if len(p) > 0 {
				p.raw(",")
			}
			p.raw(".s:not(.").raw(string(query.Facets[d].Class)).int(v).raw(")")
		}
	}
	if len(p) > 0 {
		p.raw("{display:none}")
	}
	return p.String()
}

// chosen is a closed filter's markup: "All …", or its chosen value with
// the number of matches.
func (c *Widget) chosen(d query.Facet, n int) string {
	v := c.st.Filter.Is[d]
	var p page
	p.raw(`<option value="">`).esc(c.anyName(d)).raw(`</option>`)
	if v >= 0 {
		count := n
		if d == query.Day && c.applied.Is[d] < 0 {
			// The grid ignores the day filter when matching: count that day.
			count = 0
			for i := range c.b.NumSessions() {
				if int(c.day[i]) == v && c.match.Has(i) {
					count++
				}
			}
		}
		p.raw(`<option value="`).int(v).raw(`" selected>`).esc(c.optionName(d, v)).raw(` (`).int(count).raw(`)</option>`)
	}
	return p.String()
}

// Choices is filter d's markup when it is opened: every choice with how
// many sessions it would match.
func (c *Widget) Choices(d query.Facet) string {
	counts := c.x.Counts(c.applied, d, nil)
	selected := c.st.Filter.Is[d]
	p := page(c.scratch[:0])
	p.raw(`<option value="">`).esc(c.anyName(d)).raw(`</option>`)
	for v, n := range counts {
		if n == 0 && v != selected && d == query.Speaker {
			continue // a thousand speakers with nothing to show only get in the way
		}
		p.raw(`<option value="`).int(v).raw(`"`)
		if v == selected {
			p.raw(` selected`)
		}
		p.raw(`>`).esc(c.optionName(d, v)).raw(` (`).int(n).raw(`)</option>`)
	}
	c.scratch = p
	return p.String()
}

// Atoi is strconv.Atoi, with the same results for every string, without the
// quoting code strconv's errors link (about 3 KiB of the wasm after brotli).
// What it reads comes from the widget's own markup, or from a page that
// changed it.
func Atoi(s string) (int, error) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	if s == "" {
		return 0, errNotInt
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, errNotInt
		}
		if n >= (1<<64-1)/10+1 || n*10+uint64(c-'0') < n*10 {
			n = 1<<64 - 1 // overflow: strconv stops reading here
			break
		}
		n = n*10 + uint64(c-'0')
	}
	switch {
	case !neg && n >= 1<<63:
		return 1<<63 - 1, errNotInt
	case neg && n > 1<<63:
		return -1 << 63, errNotInt
	case neg:
		return -int(n), nil
	}
	return int(n), nil
}

var errNotInt = errors.New("not an integer")

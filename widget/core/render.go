package core

import (
	"strconv"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/core/grid"
	"github.com/agendaconf/agenda/widget/query"
	"github.com/agendaconf/agenda/widget/text/richtext"
)

// Skeleton is the markup that does not change while filtering: controls,
// the live region, the empty state, the view container and the dialog.
func (c *Widget) Skeleton() string {
	w := c.words
	var p page
	p.raw(`<div class="root" id="root" part="root" data-theme="`).esc(c.theme).raw(`" lang="`).esc(w.lang).raw(`">`)
	p.raw(`<div class="bar" part="controls">`)
	p.raw(`<div class="tabs" role="tablist" aria-label="`).esc(w.views).raw(`">`)
	for _, v := range []struct{ id, label string }{{"list", w.list}, {"grid", w.grid}, {"mine", w.mine}} {
		p.raw(`<button type="button" role="tab" id="tab-`).raw(v.id).raw(`" data-view="`).raw(v.id).raw(`" aria-controls="main">`).esc(v.label).raw(`</button>`)
	}
	p.raw(`</div>`)
	p.raw(`<label class="search">`).esc(w.search).raw(`<input type="search" id="q" part="search" autocomplete="off" placeholder="`).esc(w.searchHint).raw(`"></label>`)
	// On a phone the filters fold away behind one button (see the container
	// query in style.go); on wider screens the button is not shown.
	p.raw(`<button type="button" class="filters-toggle" id="filters-toggle" aria-expanded="false" aria-controls="filters">`).esc(w.filters).raw(`</button>`)
	p.raw(`<div class="filters" id="filters">`)
	for d := range query.NumFacets {
		name := query.Facets[d].Name
		p.raw(`<label`)
		if !c.worthFiltering(d) {
			p.raw(` hidden`)
		}
		p.raw(`>`).esc(w.facet(name)[0]).raw(`<select id="f-`).raw(name).raw(`" data-filter="`).raw(name).raw(`"></select></label>`)
	}
	p.raw(`<button type="button" id="now" aria-pressed="false" hidden>`).esc(w.nowNext).raw(`</button>`)
	p.raw(`</div></div>`)
	p.raw(`<div class="status"><p id="live" role="status" aria-live="polite"></p>`)
	// The zone label is a button on screen and plain text in print.
	p.raw(`<button type="button" class="tz" id="tz" aria-pressed="false"></button>`)
	p.raw(`<button type="button" id="export" hidden>`).esc(w.exportMine).raw(`</button></div>`)
	p.raw(`<div class="empty" id="empty" hidden><p id="empty-text">`).esc(w.noResults).raw(`</p><button type="button" id="clear">`).esc(w.clear).raw(`</button></div>`)
	p.raw(`<div id="main" role="tabpanel"></div>`)
	p.raw(`<dialog id="dlg" aria-labelledby="dlg-title" part="dialog"></dialog>`)
	p.raw(`</div>`)
	return p.String()
}

// worthFiltering reports whether facet d splits the programme: two values,
// or one that some sessions lack.
func (c *Widget) worthFiltering(d query.Facet) bool {
	switch n := c.x.NumValues(d); {
	case n > 1:
		return true
	case n == 1:
		for i := range c.b.NumSessions() {
			if len(c.x.Values(d, i)) == 0 {
				return true
			}
		}
	}
	return false
}

func (c *Widget) anyName(d query.Facet) string { return c.words.facet(query.Facets[d].Name)[1] }

// optionName is what a filter calls value v.
func (c *Widget) optionName(d query.Facet, v int) string {
	switch d {
	case query.Day:
		return c.dayName(v)
	case query.Kind:
		return c.words.kindName(c.b.Kind(v))
	}
	return query.Facets[d].Label(c.b, v)
}

// dayName is day d in the shown zone, in words.
func (c *Widget) dayName(d int) string { return c.clock.Day(c.dayAt[d]) }

// firstSlice is how many sessions a new view renders at once: a few
// screens' worth. The rest follow in slices of laterSlice (More), one per
// task, so a thousand-session programme neither delays the first paint nor
// blocks input.
const (
	firstSlice = 60
	laterSlice = 150
)

// chunk is how many sessions of the list share one box that the browser
// skips while it is off screen (content-visibility): a hundred boxes to
// watch at FOSDEM instead of a thousand. Smaller boxes mean less rendered
// beyond the screen's edges: with 10 rather than 25, FOSDEM's "ru" keystroke
// (491 sessions hidden) paints in 13.3 ms rather than 17 (BenchmarkSearchPaint,
// median of 5 fresh browsers, two rounds).
const chunk = 10

// render returns #main's markup and layout when the view (or the grid's
// day, the zone, the favourites) changed since the last call.
func (c *Widget) render() (changed bool, html, layout string) {
	view := c.st.View
	day := max(c.st.Filter.Is[query.Day], 0)
	key := view + "/" + strconv.FormatBool(c.st.Local)
	if view == "grid" {
		key += "/" + strconv.Itoa(day) // the grid shows one day at a time
	}
	if view == "mine" {
		key += "/" + c.Favourites()
	}
	if key == c.rendered {
		return false, "", ""
	}
	c.rendered = key
	c.pending = c.pending[:0]
	switch view {
	case "grid":
		html, layout = c.grid(day)
	case "mine":
		html = c.list(c.favs)
	default:
		html = c.list(nil)
	}
	return true, html, layout
}

// Slice is a run of sessions rendered later into one container: In is
// its id, a list day's section (d1, d2...; d0 for the unscheduled) or a
// grid room's column (c3 for room 3, cx for the sessions without a room).
type Slice struct {
	In       string
	HTML     string
	Sessions []int
}

// More renders the next slice of sessions the view left for later: none
// when everything is shown.
func (c *Widget) More() []Slice {
	if len(c.pending) == 0 {
		return nil
	}
	grid := c.st.View == "grid"
	next := c.pending[:min(laterSlice, len(c.pending))]
	var out []Slice
	for k := 0; k < len(next); {
		in := c.container(next[k], grid)
		p := page(nil)
		j := k
		for ; j < len(next) && c.container(next[j], grid) == in; j++ {
			if grid {
				c.card(&p, c.b.Session(next[j]))
				continue
			}
			if (j-k)%chunk == 0 {
				if j > k {
					p.raw(`</div>`)
				}
				p.raw(`<div class="chunk">`)
			}
			c.session(&p, c.b.Session(next[j]), "")
		}
		if !grid {
			p.raw(`</div>`)
		}
		out = append(out, Slice{In: in, HTML: p.String(), Sessions: next[k:j:j]})
		k = j
	}
	c.pending = c.pending[len(next):]
	return out
}

// container is the id of the element session i goes in.
func (c *Widget) container(i int, grid bool) string {
	if !grid {
		return "d" + strconv.Itoa(int(c.day[i])+1)
	}
	r := c.b.Session(i).Room()
	if c.cols == nil {
		c.cols = make([]string, c.b.NumRooms()+1)
	}
	if c.cols[r+1] == "" { // a keystroke asks for hundreds
		c.cols[r+1] = "cx"
		if r >= 0 {
			c.cols[r+1] = "c" + strconv.Itoa(r)
		}
	}
	return c.cols[r+1]
}

// Pending reports whether More has sessions left.
func (c *Widget) Pending() bool { return len(c.pending) > 0 }

// list renders sessions by day, then start time; breaks as separators and
// unscheduled sessions in their own section at the end. With only set, just
// those sessions (My schedule), with overlapping ones flagged.
func (c *Widget) list(only query.Set) string {
	b, w := c.b, c.words
	p := page(c.scratch[:0])
	clashes := c.clashes(only)
	day, rendered, inChunk := -2, 0, 0
	for i := 0; i < b.NumSessions(); i++ {
		if only != nil && !only.Has(i) {
			continue
		}
		s := b.Session(i)
		d := int(c.day[i])
		if d != day {
			if inChunk > 0 {
				p.raw(`</div>`)
				inChunk = 0
			}
			if day != -2 {
				p.raw(`</section>`)
			}
			day = d
			p.raw(`<section class="day" id="d`).int(d + 1).raw(`" aria-labelledby="dh`).int(d + 1).raw(`"`)
			if !c.DayShown(d) {
				p.raw(` hidden`)
			}
			p.raw(`><h2 id="dh`).int(d + 1).raw(`">`)
			if d < 0 {
				p.esc(w.unscheduled)
			} else {
				p.esc(c.dayName(d))
			}
			p.raw(`</h2>`)
		}
		if only == nil && rendered >= firstSlice {
			c.pending = append(c.pending, i)
			continue
		}
		rendered++
		if inChunk == 0 {
			p.raw(`<div class="chunk">`)
		}
		c.session(&p, s, clashes[i])
		if inChunk++; inChunk == chunk {
			p.raw(`</div>`)
			inChunk = 0
		}
	}
	if inChunk > 0 {
		p.raw(`</div>`)
	}
	if day != -2 {
		p.raw(`</section>`)
	}
	c.scratch = p
	return p.String()
}

// session renders one session of the list. Every rendered session carries
// data-session and part="session": host pages and tests rely on them.
func (c *Widget) session(p *page, s bundle.Session, clash string) {
	w := c.words
	c.article(p, s)
	p.raw(`<div class="when">`)
	if s.Scheduled() {
		c.timeRange(p, s)
	}
	p.raw(`</div><div class="body">`)
	c.title(p, s)
	p.raw(`<p class="meta">`)
	if r := s.RoomName(); r != "" {
		p.raw(`<span class="room">`).esc(r).raw(`</span>`)
	} else if l := s.Location(); l != "" {
		p.raw(`<span class="room">`).esc(l).raw(`</span>`)
	}
	p.raw(`<span class="kind">`).esc(w.kindName(s.KindName())).raw(`</span>`)
	if t := s.TrackName(); t != "" {
		p.raw(`<span class="track">`).esc(t).raw(`</span>`)
	}
	p.raw(`</p>`)
	c.speakers(p, s)
	if clash != "" {
		p.raw(`<p class="clash">`).esc(w.overlaps).raw(` `).esc(clash).raw(`</p>`)
	}
	p.raw(`</div>`)
	c.star(p, s)
	p.raw(`</article>`)
}

// card renders one session of the grid: title, times and speakers in one
// paragraph, and the star: five elements, against thirteen for a session
// of the list, since its column names the room and the dialog tells the
// rest. A keystroke that hides a few hundred sessions tears down that many
// fewer boxes.
func (c *Widget) card(p *page, s bundle.Session) {
	c.article(p, s)
	c.title(p, s)
	p.raw(`<p class="when">`).keep(c.clock.Time(s.Start()))
	if s.End() > s.Start() {
		p.raw(`–`).keep(c.clock.Time(s.End()))
	}
	for j := 0; j < s.NumSpeakers(); j++ {
		sep := ", "
		if j == 0 {
			sep = "\n" // a line of its own (white-space:pre-line)
		}
		p.raw(sep).esc(c.b.Speaker(s.Speaker(j)).Name)
	}
	p.raw(`</p>`)
	c.star(p, s)
	p.raw(`</article>`)
}

// article opens a session's element: its facet classes (see facetCSS), the
// id Render patches, and hidden when the search leaves it out.
func (c *Widget) article(p *page, s bundle.Session) {
	i := s.Index()
	p.raw(`<article class="s`)
	if c.b.Kind(int(s.Kind())) == "break" {
		p.raw(` brk`)
	}
	for d := range query.NumFacets {
		for _, v := range c.x.Values(d, i) {
			p.raw(" ").raw(string(query.Facets[d].Class)).int(int(v))
		}
	}
	p.raw(`" id="s`).int(i).raw(`" data-session="`).esc(s.Slug()).raw(`" part="session" aria-labelledby="t`).int(i).raw(`"`)
	if !c.textMatch.Has(i) {
		p.raw(` hidden`)
	}
	p.raw(`>`)
}

func (c *Widget) title(p *page, s bundle.Session) {
	i := s.Index()
	p.raw(`<h3 id="t`).int(i).raw(`"><button type="button" class="open" data-open="`).int(i).raw(`">`).esc(s.Title()).raw(`</button></h3>`)
}

func (c *Widget) speakers(p *page, s bundle.Session) {
	if s.NumSpeakers() == 0 {
		return
	}
	p.raw(`<p class="who">`)
	for j := 0; j < s.NumSpeakers(); j++ {
		if j > 0 {
			p.raw(`, `)
		}
		p.esc(c.b.Speaker(s.Speaker(j)).Name)
	}
	p.raw(`</p>`)
}

// star is the favourite button; breaks have none.
func (c *Widget) star(p *page, s bundle.Session) {
	i := s.Index()
	if c.b.Kind(int(s.Kind())) == "break" {
		return
	}
	fav := c.favs.Has(i)
	p.raw(`<button type="button" class="star" id="st`).int(i).raw(`" data-star="`).int(i).raw(`" aria-pressed="`).raw(strconv.FormatBool(fav)).raw(`" aria-label="`).esc(c.words.addStar).raw(`: `).esc(s.Title()).raw(`">`)
	if fav {
		p.raw(`★`)
	} else {
		p.raw(`☆`)
	}
	p.raw(`</button>`)
}

func (c *Widget) timeRange(p *page, s bundle.Session) {
	p.raw(`<time datetime="`).utc(s.Start()).raw(`">`).esc(c.clock.Time(s.Start())).raw(`</time>`)
	if s.End() > s.Start() {
		p.raw(`–<time datetime="`).utc(s.End()).raw(`">`).esc(c.clock.Time(s.End())).raw(`</time>`)
	}
}

// clashes names, for each session in only, the title of a favourite it overlaps.
func (c *Widget) clashes(only query.Set) map[int]string {
	out := map[int]string{}
	if only == nil {
		return out
	}
	b := c.b
	var favs []int
	for i := 0; i < b.NumSessions(); i++ {
		if only.Has(i) && b.Session(i).Scheduled() {
			favs = append(favs, i)
		}
	}
	for x, i := range favs { // sessions are in start order
		si := b.Session(i)
		for _, j := range favs[x+1:] {
			sj := b.Session(j)
			if sj.Start() >= si.End() {
				break
			}
			if _, ok := out[i]; !ok {
				out[i] = sj.Title()
			}
			if _, ok := out[j]; !ok {
				out[j] = si.Title()
			}
		}
	}
	return out
}

// slot is the grid's time step in seconds.
const slot = 5 * 60

// grid renders one day with rooms as columns over a time axis: sessions
// that overlap in a room sit side by side in lanes, and sessions without a
// room have a column of their own. Positions go to a constructable
// stylesheet (layout), never to style attributes.
//
// Each room is a box of its own (.col) on a fixed time scale, which the
// browser skips while it is scrolled out of sight (content-visibility): a
// keystroke at FOSDEM restyles the few rooms on screen, not all forty. Rows
// are therefore of fixed height: with rows sized to their content, every
// room would have to be laid out to place any.
func (c *Widget) grid(day int) (html, layout string) {
	b, w := c.b, c.words
	var on []int
	var items []grid.Item
	for i := range b.NumSessions() {
		if int(c.day[i]) == day {
			s := b.Session(i)
			on = append(on, i)
			items = append(items, grid.Item{Start: s.Start(), End: s.End(), Room: s.Room()})
		}
	}
	if len(on) == 0 {
		return c.list(nil), ""
	}
	g := grid.Place(items, slot)
	var p, l page
	l.raw(`.grid{grid-template-columns:`)
	l = g.AppendTracks(l, grid.DefaultSizes)
	l.raw(`}.times,.col{grid-template-rows:repeat(`).int(g.Rows).raw(`,var(--slot))}`)
	// A column as tall as its rows, whatever it holds (contain:size): a
	// session shown or hidden in it lays out that column, not the grid.
	l.raw(`.col{height:calc(`).int(g.Rows).raw(`*var(--slot))}`)
	// The grid shows one day: say which (the day filter picks another).
	p.raw(`<h2 class="grid-day">`).esc(c.dayName(day)).raw(`</h2>`)
	p.raw(`<div class="grid-wrap" tabindex="0" role="region" aria-labelledby="tab-grid"><div class="grid" id="grid" role="presentation"><div class="corner"></div>`)
	for k, col := range g.Columns {
		name, id := w.elsewhere, "cx"
		if col.Room >= 0 {
			name, id = b.Room(col.Room), "c"+strconv.Itoa(col.Room)
		}
		p.raw(`<div class="rh" id="rh`).int(k).raw(`" part="room">`).esc(name).raw(`</div>`)
		start, span := col.GridColumn()
		l.raw(`#rh`).int(k).raw(`,#`).raw(id).raw(`{grid-column:`).int(start).raw(`/span `).int(span).raw(`}`)
		l.raw(`#`).raw(id).raw(`{grid-template-columns:repeat(`).int(span).raw(`,minmax(0,1fr))}`)
	}
	p.raw(`<div class="times">`)
	for t, n := g.T0, 0; n*1800 < g.Rows*slot; t, n = t+1800, n+1 {
		p.raw(`<div class="tm" id="tm`).int(n).raw(`">`).esc(c.clock.Time(t)).raw(`</div>`)
		l.raw(`#tm`).int(n).raw(`{grid-row:`).int(1 + g.Row(t)).raw(`/span 6}`)
	}
	p.raw(`</div>`)
	// Sessions by column, in time order within each. The day's first
	// sessions come at once, the rest in later slices (More), column by
	// column.
	byCol := make([][]int, len(g.Columns))
	for k := range on {
		col := g.Spots[k].Column
		byCol[col] = append(byCol[col], k)
		sp := g.Spots[k]
		l.raw(`#s`).int(on[k]).raw(`{grid-row:`).int(1 + sp.RowFrom).raw(`/`).int(1 + sp.RowTo).
			raw(`;grid-column:`).int(1 + sp.Track - g.Columns[col].Track).raw(`/span `).int(sp.Span).raw(`}`)
		if c.spans == nil {
			c.spans = make([]uint32, b.NumSessions())
		}
		c.spans[on[k]] = uint32(sp.RowFrom*1000/g.Rows)<<16 | uint32((sp.RowTo*1000+g.Rows-1)/g.Rows)
	}
	for _, ks := range byCol {
		p.raw(`<div class="col" id="`).raw(c.container(on[ks[0]], true)).raw(`">`)
		for _, k := range ks {
			if k < firstSlice {
				c.card(&p, b.Session(on[k]))
			} else {
				c.pending = append(c.pending, on[k])
			}
		}
		p.raw(`</div>`)
	}
	// Now, as a line across the day, when it falls on it.
	if now := c.NowUnix(); now >= g.T0 && now < g.T0+int64(g.Rows)*slot {
		p.raw(`<div class="now-line" id="now-line" aria-hidden="true"></div>`)
		l.raw(`#now-line{margin-top:calc(var(--slot)*`).int(g.Row(now)).raw(`)}`)
	}
	p.raw(`</div></div>`)
	return p.String(), l.String()
}

// Details renders the dialog's content for session i.
func (c *Widget) Details(i int, permalink string) string {
	b, w := c.b, c.words
	s := b.Session(i)
	var p page
	// Focus starts at the title, so the dialog opens at its top, not
	// scrolled down to the buttons at the end of a long description.
	p.raw(`<h2 id="dlg-title" tabindex="-1" autofocus>`).esc(s.Title()).raw(`</h2><p class="meta">`)
	if s.Scheduled() {
		p.raw(`<span>`).esc(c.clock.Day(s.Start())).raw(`, `)
		c.timeRange(&p, s)
		p.raw(`</span>`)
	} else {
		p.raw(`<span>`).esc(w.unscheduled).raw(`</span>`)
	}
	if r := s.RoomName(); r != "" {
		p.raw(`<span>`).esc(r).raw(`</span>`)
	}
	if l := s.Location(); l != "" {
		p.raw(`<span>`).esc(l).raw(`</span>`)
	}
	p.raw(`<span>`).esc(w.kindName(s.KindName())).raw(`</span>`)
	if t := s.TrackName(); t != "" {
		p.raw(`<span>`).esc(t).raw(`</span>`)
	}
	p.raw(`</p>`)
	p.raw(`<div class="desc">`).rich(s.Description()).raw(`</div>`)
	if s.NumSpeakers() > 0 {
		p.raw(`<div class="people"><h3>`).esc(w.speakers).raw(`</h3>`)
		for j := 0; j < s.NumSpeakers(); j++ {
			sp := b.Speaker(s.Speaker(j))
			p.raw(`<div><h4>`).esc(sp.Name).raw(`</h4>`)
			if sp.Role != "" {
				p.raw(`<p class="meta">`).esc(sp.Role).raw(`</p>`)
			}
			p.rich(sp.Bio)
			if sp.URL != "" || sp.Links.Len() > 0 {
				start := len(p)
				p.raw(`<p class="links">`)
				empty := len(p)
				c.link(&p, sp.URL, sp.Name)
				for k := 0; k < sp.Links.Len(); k++ {
					l := sp.Links.At(k)
					c.link(&p, l.URL, l.Label)
				}
				if len(p) == empty { // every link was left out
					p = p[:start]
				} else {
					p.raw(`</p>`)
				}
			}
			p.raw(`</div>`)
		}
		p.raw(`</div>`)
	}
	p.raw(`<div class="actions">`)
	if s.Scheduled() {
		p.raw(`<button type="button" data-ics="`).int(i).raw(`">`).esc(w.addToCalendar).raw(`</button>`)
	}
	p.raw(`<a href="`).esc(permalink).raw(`" data-permalink>`).esc(w.permalink).raw(`</a>`)
	p.raw(`<button type="button" data-close>`).esc(w.close).raw(`</button></div>`)
	return p.String()
}

// link writes an external link. Anyone can write a bundle: a link that is
// not http, https or mailto (javascript:, data:, ...) is left out.
func (c *Widget) link(p *page, url, label string) {
	if !richtext.SafeURL(url) {
		return
	}
	p.raw(`<a href="`).esc(url).raw(`" rel="noopener" target="_blank">`).esc(label).raw(`</a>`)
}

//go:build js && wasm

package view

import (
	"strconv"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/query"
	"github.com/agendaconf/agenda/widget/text/richtext"
)

// skeleton is the markup that does not change while filtering: controls, the
// live region, the empty state, the view container and the dialog.
func (in *Instance) skeleton() string {
	w, b := in.w, in.b
	var p page
	p.raw(`<div class="root" part="root" data-theme="`).esc(in.theme()).raw(`" lang="`).esc(w.lang).raw(`">`)
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
	in.selectHTML(&p, "day", w.day, b.NumDays() > 1)
	in.selectHTML(&p, "room", w.room, b.NumRooms() > 1)
	in.selectHTML(&p, "kind", w.kind, b.NumKinds() > 1)
	in.selectHTML(&p, "track", w.track, b.NumTracks() > 0)
	in.selectHTML(&p, "speaker", w.speaker, b.NumSpeakers() > 0)
	p.raw(`<button type="button" id="now" aria-pressed="false"`)
	if !in.running() {
		p.raw(` hidden`)
	}
	p.raw(`>`).esc(w.nowNext).raw(`</button>`)
	p.raw(`</div></div>`)
	p.raw(`<div class="status"><p id="live" role="status" aria-live="polite"></p>`)
	p.raw(`<button type="button" class="tz" id="tz" aria-pressed="false"></button>`)
	p.raw(`<button type="button" id="export" hidden>`).esc(w.exportMine).raw(`</button></div>`)
	p.raw(`<div class="empty" id="empty" hidden><p id="empty-text">`).esc(w.noResults).raw(`</p><button type="button" id="clear">`).esc(w.clear).raw(`</button></div>`)
	p.raw(`<div id="main" role="tabpanel"></div>`)
	p.raw(`<dialog id="dlg" aria-labelledby="dlg-title" part="dialog"></dialog>`)
	p.raw(`</div>`)
	return p.String()
}

func (in *Instance) selectHTML(p *page, name, label string, show bool) {
	p.raw(`<label`)
	if !show {
		p.raw(` hidden`)
	}
	p.raw(`>`).esc(label).raw(`<select id="f-`).raw(name).raw(`" data-filter="`).raw(name).raw(`"></select></label>`)
}

func (in *Instance) anyName(dim query.Dim) string {
	w := in.w
	return [...]string{w.anyDay, w.anyRoom, w.anyKind, w.anyTrack, w.anySpeak}[dim]
}

// optionName is what a filter calls value v.
func (in *Instance) optionName(dim query.Dim, v int) string {
	b := in.b
	switch dim {
	case query.DimDay:
		return in.clock.Day(b.Day(v).StartUnix + 12*3600)
	case query.DimRoom:
		return b.Room(v)
	case query.DimKind:
		return in.w.kindName(b.Kind(v))
	case query.DimTrack:
		return b.Track(v)
	}
	return b.Speaker(v).Name
}

// options renders a filter's choices with how many sessions each would match.
func (in *Instance) options(dim query.Dim, selected int, counts []int) string {
	p := page(in.scratch[:0])
	p.raw(`<option value="">`).esc(in.anyName(dim)).raw(`</option>`)
	for v, n := range counts {
		name := in.optionName(dim, v)
		if n == 0 && v != selected && dim == query.DimSpeaker {
			continue // a thousand speakers with nothing to show only get in the way
		}
		p.raw(`<option value="`).int(v).raw(`"`)
		if v == selected {
			p.raw(` selected`)
		}
		p.raw(`>`).esc(name).raw(` (`).int(n).raw(`)</option>`)
	}
	in.scratch = p
	return p.String()
}

// list renders sessions by day, then start time; breaks as separators and
// unscheduled sessions in their own section at the end. With only set, just
// those sessions (My schedule), with overlapping ones flagged.
func (in *Instance) list(only query.Set) string {
	b, w := in.b, in.w
	p := page(in.scratch[:0])
	clashes := in.clashes(only)
	day, rendered := -2, 0
	for i := 0; i < b.NumSessions(); i++ {
		if only != nil && !only.Has(i) {
			continue
		}
		s := b.Session(i)
		d := s.Day()
		if !s.Scheduled() {
			d = -1
		}
		if d != day {
			if day != -2 {
				p.raw(`</section>`)
			}
			day = d
			p.raw(`<section class="day" id="d`).int(d + 1).raw(`" aria-labelledby="dh`).int(d + 1).raw(`"`)
			if !in.dayHasMatch(d) {
				p.raw(` hidden`)
			}
			p.raw(`><h2 id="dh`).int(d + 1).raw(`">`)
			if d < 0 {
				p.esc(w.unscheduled)
			} else {
				p.esc(in.clock.Day(b.Day(d).StartUnix + 12*3600))
			}
			p.raw(`</h2>`)
		}
		if only == nil && rendered >= firstSlice {
			in.pending = append(in.pending, i)
			continue
		}
		rendered++
		in.session(&p, s, clashes[i])
	}
	if day != -2 {
		p.raw(`</section>`)
	}
	in.scratch = p
	return p.String()
}

// session renders one session. Every rendered session carries data-session
// and part="session": host pages and tests rely on them.
func (in *Instance) session(p *page, s bundle.Session, clash string) {
	b, w := in.b, in.w
	i := s.Index()
	brk := b.Kind(int(s.Kind())) == "break"
	p.raw(`<article class="s`)
	if brk {
		p.raw(` brk`)
	}
	// Facet classes: see setFacets.
	if s.Scheduled() {
		p.raw(` y`).int(s.Day())
	}
	if r := s.Room(); r >= 0 {
		p.raw(` r`).int(r)
	}
	p.raw(` k`).int(int(s.Kind()))
	if t := s.Track(); t >= 0 {
		p.raw(` t`).int(t)
	}
	for j := 0; j < s.NumSpeakers(); j++ {
		p.raw(` p`).int(s.Speaker(j))
	}
	p.raw(`" id="s`).int(i).raw(`" data-session="`).esc(s.Slug()).raw(`" part="session" aria-labelledby="t`).int(i).raw(`"`)
	if !in.textMatch.Has(i) {
		p.raw(` hidden`)
	}
	p.raw(`>`)
	p.raw(`<div class="when">`)
	if s.Scheduled() {
		in.timeRange(p, s)
	}
	p.raw(`</div><div class="body"><h3 id="t`).int(i).raw(`"><button type="button" class="open" data-open="`).int(i).raw(`">`).esc(s.Title()).raw(`</button></h3>`)
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
	if s.NumSpeakers() > 0 {
		p.raw(`<p class="who">`)
		for j := 0; j < s.NumSpeakers(); j++ {
			if j > 0 {
				p.raw(`, `)
			}
			p.esc(b.Speaker(s.Speaker(j)).Name)
		}
		p.raw(`</p>`)
	}
	if clash != "" {
		p.raw(`<p class="clash">`).esc(w.overlaps).raw(` `).esc(clash).raw(`</p>`)
	}
	p.raw(`</div>`)
	if !brk {
		fav := in.favs.Has(i)
		p.raw(`<button type="button" class="star" data-star="`).int(i).raw(`" aria-pressed="`).raw(strconv.FormatBool(fav)).raw(`" aria-label="`).esc(w.addStar).raw(`: `).esc(s.Title()).raw(`">`)
		if fav {
			p.raw(`★`)
		} else {
			p.raw(`☆`)
		}
		p.raw(`</button>`)
	}
	p.raw(`</article>`)
}

func (in *Instance) timeRange(p *page, s bundle.Session) {
	p.raw(`<time datetime="`).utc(s.Start()).raw(`">`).esc(in.clock.Time(s.Start())).raw(`</time>`)
	if s.End() > s.Start() {
		p.raw(`–<time datetime="`).utc(s.End()).raw(`">`).esc(in.clock.Time(s.End())).raw(`</time>`)
	}
}

// clashes names, for each session in only, the title of a favourite it overlaps.
func (in *Instance) clashes(only query.Set) map[int]string {
	out := map[int]string{}
	if only == nil {
		return out
	}
	b := in.b
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

// grid renders one day with rooms as columns over a time axis. Positions go to
// a constructable stylesheet (layout), never to style attributes.
func (in *Instance) grid(day int) (html, layout string) {
	b := in.b
	list := b.SessionsOnDay(day)
	if list.Len() == 0 {
		return in.list(nil), ""
	}
	cols := map[int]int{}
	var rooms []int
	t0, t1 := int64(1<<62), int64(0)
	for k := 0; k < list.Len(); k++ {
		s := b.Session(list.At(k))
		if r := s.Room(); r >= 0 {
			if _, ok := cols[r]; !ok {
				cols[r] = 0
				rooms = append(rooms, r)
			}
		}
		t0 = min(t0, s.Start())
		t1 = max(t1, s.End(), s.Start()+slot)
	}
	// Rooms in the bundle's order; sessions without a room span them all.
	sortInts(rooms)
	for c, r := range rooms {
		cols[r] = c + 2
	}
	t0 -= t0 % 1800
	if rem := t1 % 1800; rem != 0 {
		t1 += 1800 - rem
	}
	rows := int((t1 - t0) / slot)
	lanes := map[int][]int64{} // per column, when each lane is free again
	var p, l page
	l.raw(`.grid{grid-template-columns:5.5rem repeat(`).int(max(len(rooms), 1)).raw(`,minmax(11rem,1fr));grid-template-rows:auto repeat(`).int(rows).raw(`,minmax(.55rem,auto))}`)
	// The grid shows one day: say which (the day filter picks another).
	p.raw(`<h2 class="grid-day">`).esc(in.clock.Day(b.Day(day).StartUnix + 12*3600)).raw(`</h2>`)
	p.raw(`<div class="grid-wrap" tabindex="0" role="region" aria-labelledby="tab-grid"><div class="grid" role="presentation"><div class="corner"></div>`)
	for c, r := range rooms {
		p.raw(`<div class="rh" id="rh`).int(c).raw(`" part="room">`).esc(b.Room(r)).raw(`</div>`)
		l.raw(`#rh`).int(c).raw(`{grid-column:`).int(c + 2).raw(`}`)
	}
	for t, n := t0, 0; t < t1; t, n = t+1800, n+1 {
		row := 2 + int((t-t0)/slot)
		p.raw(`<div class="tm" id="tm`).int(n).raw(`">`).esc(in.clock.Time(t)).raw(`</div>`)
		l.raw(`#tm`).int(n).raw(`{grid-row:`).int(row).raw(`/span 6}`)
	}
	for k := 0; k < list.Len(); k++ {
		i := list.At(k)
		s := b.Session(i)
		from := 2 + int((s.Start()-t0)/slot)
		to := 2 + int((s.End()-t0+slot-1)/slot)
		if to <= from {
			to = from + 1
		}
		if k < firstSlice {
			in.session(&p, s, "")
		} else {
			in.pending = append(in.pending, i)
		}
		l.raw(`#s`).int(i).raw(`{grid-row:`).int(from).raw(`/`).int(to).raw(`;grid-column:`)
		if c, ok := cols[s.Room()]; ok && s.Room() >= 0 {
			l.int(c)
			// Sessions that overlap in one room (real programmes have them)
			// are stepped to the right, each still readable, not stacked.
			lane := 0
			for lane < len(lanes[c]) && lanes[c][lane] > s.Start() {
				lane++
			}
			if lane == len(lanes[c]) {
				lanes[c] = append(lanes[c], 0)
			}
			lanes[c][lane] = max(s.End(), s.Start()+1)
			if lane > 0 {
				l.raw(`;margin-left:`).int(lane * 2).raw(`rem;z-index:`).int(lane)
			}
		} else {
			l.raw(`2/-1`)
		}
		l.raw(`}`)
	}
	p.raw(`</div></div>`)
	return p.String(), l.String()
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// details renders the dialog's content for session i.
func (in *Instance) details(i int) string {
	b, w := in.b, in.w
	s := b.Session(i)
	var p page
	// Focus starts at the title, so the dialog opens at its top, not
	// scrolled down to the buttons at the end of a long description.
	p.raw(`<h2 id="dlg-title" tabindex="-1" autofocus>`).esc(s.Title()).raw(`</h2><p class="meta">`)
	if s.Scheduled() {
		p.raw(`<span>`).esc(in.clock.Day(s.Start())).raw(`, `)
		in.timeRange(&p, s)
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
				in.link(&p, sp.URL, sp.Name)
				for k := 0; k < sp.Links.Len(); k++ {
					l := sp.Links.At(k)
					in.link(&p, l.URL, l.Label)
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
	p.raw(`<a href="`).esc(in.permalink(s.Slug())).raw(`" data-permalink>`).esc(w.permalink).raw(`</a>`)
	p.raw(`<button type="button" data-close>`).esc(w.close).raw(`</button></div>`)
	return p.String()
}

// link writes an external link. Anyone can write a bundle: a link that is
// not http, https or mailto (javascript:, data:, ...) is left out.
func (in *Instance) link(p *page, url, label string) {
	if !richtext.SafeURL(url) {
		return
	}
	p.raw(`<a href="`).esc(url).raw(`" rel="noopener" target="_blank">`).esc(label).raw(`</a>`)
}

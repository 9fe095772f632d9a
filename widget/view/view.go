//go:build js && wasm

// Package view is the DOM layer of the widget: it mounts a schedule into a
// host element's shadow root, renders it as escaped HTML strings, filters by
// rewriting one constructable stylesheet, and keeps favourites, the time zone
// choice and filter state in localStorage and the URL fragment.
package view

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/query"
)

// Options are what a host page says: the element's attributes or the object
// passed to Agenda.mount. Empty means "not given".
type Options struct {
	Day, Room, Track, Kind, Speaker, Q string
	View                               string // list, grid or mine
	TimeZone                           string // venue or local
	Lang, Theme, Src                   string
}

// optionKeys maps JS option names to fields, in one place for parse and tests.
var optionKeys = []string{"day", "room", "track", "kind", "speaker", "q", "view", "timeZone", "lang", "theme", "src"}

func (o *Options) field(key string) *string {
	switch key {
	case "day":
		return &o.Day
	case "room":
		return &o.Room
	case "track":
		return &o.Track
	case "kind":
		return &o.Kind
	case "speaker":
		return &o.Speaker
	case "q":
		return &o.Q
	case "view":
		return &o.View
	case "timeZone":
		return &o.TimeZone
	case "lang":
		return &o.Lang
	case "theme":
		return &o.Theme
	case "src":
		return &o.Src
	}
	return nil
}

// ParseOptions reads a plain JS object of strings; it also reports which keys
// were present, so Set changes only those. The object is the host's: a
// getter that throws makes ParseOptions panic (see protect).
func ParseOptions(v js.Value) (Options, map[string]bool) {
	var o Options
	given := map[string]bool{}
	if v.Type() != js.TypeObject {
		return o, given
	}
	for _, k := range optionKeys {
		x := reflectGet(v, k)
		switch x.Type() {
		case js.TypeString:
			*o.field(k) = x.String()
			given[k] = true
		case js.TypeNull:
			given[k] = true
		}
	}
	return o, given
}

// state is what the attendee chose; it round-trips through the URL fragment.
type state struct {
	filter  query.Filter
	view    string
	local   bool
	now     bool
	session string
}

// Instance is one mounted schedule. Instances share nothing but the bundle and
// the base stylesheet.
type Instance struct {
	id                 int // in mounted, and the host's __agendaInstance
	host, shadow, root js.Value
	b                  *bundle.Bundle
	x                  *query.Index
	w                  *words
	opts               Options
	clock              *clock
	st                 state
	match, favs        query.Set
	textMatch          query.Set // matches of the filters shown by hidden attributes
	facetSheet         js.Value  // hides by day, room, kind, track and speaker
	facetCSS           string
	counts             []int
	scratch            []byte
	prefix             string // URL fragment key prefix, e.g. "agenda."
	narrow             bool
	rendered           string // the view and day currently in #main
	listeners          []listener
	observer           js.Value
	layoutSheet        js.Value
	nodes              []js.Value // rendered sessions by index, for flipping hidden
	dayNodes           []js.Value // rendered day sections: unscheduled first, then by day
	shown              query.Set  // sessions currently not hidden
	dayShown           []bool
	optionHTML         [5]string    // last options written to each select
	stale              [5]bool      // filters whose choices changed since last opened
	filterNow          query.Filter // the filter last applied, for the counts
	pending            []int        // sessions still to render, in order
	more               js.Func      // renders the next slice of pending
	moreTimer          js.Value
	urlTimer           js.Value // a pending URL write, see writeURL
	urlPush            bool
	urlFlush           js.Func
	el                 struct{ main, live, empty, q, tz, now, export, dlg js.Value }
	selects            [5]js.Value
	destroyed          bool
	lastDownload       string // the last calendar offered, for tests
}

type listener struct {
	target js.Value
	typ    string
	fn     js.Func
	window bool // added through dom/v2 on the window
}

// hiddenName is "hidden" made a JS string once: flipping a thousand sessions
// should not encode it a thousand times.
var hiddenName = js.ValueOf("hidden")

// delegated are the events the instance's one listener handles.
var delegated = []string{"click", "input", "change", "keydown", "focusin", "pointerdown"}

var (
	baseSheet js.Value // shared by every instance
	mounted   = map[int]*Instance{}
	nextID    = 1
)

// Mount shows b in host, or why it cannot (the instance is then destroyed).
// Mounting an element that is already mounted replaces the old instance, so
// mounting twice is harmless.
func Mount(host js.Value, b *bundle.Bundle, o Options) *Instance {
	in := &Instance{host: host, b: b, opts: o, id: nextID}
	nextID++
	protect(in.fail, in.mount)
	return in
}

func (in *Instance) mount() {
	host, b := in.host, in.b
	if id := host.Get("__agendaInstance"); id.Type() == js.TypeNumber {
		if old := mounted[id.Int()]; old != nil {
			old.Destroy()
		}
	}
	mounted[in.id] = in
	host.Set("__agendaInstance", in.id)
	in.prefix = prefixFor(host)
	in.shadow = shadowOf(host)
	in.w = wordsFor(in.lang())
	in.x = query.New(b)
	in.match = query.NewSet(b.NumSessions())
	in.textMatch = query.NewSet(b.NumSessions())
	in.facetSheet = newSheet("")
	in.favs = query.NewSet(b.NumSessions())
	in.loadFavourites()
	in.st = in.initialState()
	in.clock = newClock(in.lang(), b.Conference().TimeZone, in.st.local)

	in.layoutSheet = newSheet("")
	in.shown = query.NewSet(b.NumSessions())
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base(), in.layoutSheet, in.facetSheet))
	in.shadow.Set("innerHTML", in.skeleton())
	in.root = in.shadow.Call("querySelector", ".root")
	for _, k := range []struct {
		f  *js.Value
		id string
	}{{&in.el.main, "main"}, {&in.el.live, "live"}, {&in.el.empty, "empty"}, {&in.el.q, "q"}, {&in.el.tz, "tz"}, {&in.el.now, "now"}, {&in.el.export, "export"}, {&in.el.dlg, "dlg"}} {
		*k.f = in.shadow.Call("getElementById", k.id)
	}
	for d, name := range []string{"day", "room", "kind", "track", "speaker"} {
		in.selects[d] = in.shadow.Call("getElementById", "f-"+name)
	}
	// One delegated listener serves every control of this instance.
	handler := in.funcOf(in.onEvent)
	in.listeners = append(in.listeners, listener{target: in.root, typ: "click", fn: handler})
	for _, typ := range delegated {
		in.root.Call("addEventListener", typ, handler)
	}
	for _, typ := range []string{"popstate", "hashchange"} {
		// Plain syscall/js here: dom/v2's typed events would pull every event
		// type into the wasm (about 40 KB after brotli) for a callback that
		// reads none of them.
		fn := in.funcOf(func([]js.Value) { in.fromURL() })
		in.listeners = append(in.listeners, listener{typ: typ, fn: fn, window: true})
		js.Global().Call("addEventListener", typ, fn)
	}
	in.urlFlush = in.funcOf(func([]js.Value) { in.flushURL() })
	in.more = in.funcOf(func([]js.Value) { in.renderMore() })
	in.listeners = append(in.listeners, listener{fn: in.urlFlush}, listener{fn: in.more})
	closed := in.funcOf(func([]js.Value) {
		if in.st.session != "" {
			in.st.session = ""
			in.writeURL(false)
		}
	})
	in.listeners = append(in.listeners, listener{target: in.el.dlg, typ: "close", fn: closed})
	in.el.dlg.Call("addEventListener", "close", closed)
	in.watchWidth()

	in.update(false)
	host.Get("dataset").Set("state", "ready")
	in.dispatch("agenda:ready", nil)
	if in.st.session != "" {
		if i, ok := b.SessionBySlug(in.st.session); ok {
			in.openDetails(i, false)
		}
	}
}

// funcOf is js.FuncOf for the instance's listeners and timers: they do
// nothing once it is destroyed, and a panic in one takes down this instance
// alone (see protect).
func (in *Instance) funcOf(fn func(args []js.Value)) js.Func {
	return funcOf(in.fail, func(args []js.Value) {
		if !in.destroyed {
			fn(args)
		}
	})
}

// fail replaces the instance with an error that says why.
func (in *Instance) fail(why string) {
	catch(in.Destroy)
	MountError(in.host, wordsFor(in.opts.Lang).failed+why)
}

// MountError shows msg in host instead of a schedule: never a blank box.
func MountError(host js.Value, msg string) {
	js.Global().Get("console").Call("error", "agenda: "+msg)
	shadow := shadowOf(host)
	shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base()))
	var p page
	p.raw(`<div class="root" data-theme="auto"><p class="error" role="alert" part="error">`).esc(msg).raw(`</p></div>`)
	shadow.Set("innerHTML", p.String())
	host.Get("dataset").Set("state", "error")
}

// shadowOf returns the host's open shadow root, attaching one the first time.
func shadowOf(host js.Value) js.Value {
	if s := host.Get("shadowRoot"); s.Truthy() {
		return s
	}
	o := js.Global().Get("Object").New()
	o.Set("mode", "open")
	return host.Call("attachShadow", o)
}

func base() js.Value {
	if !baseSheet.Truthy() {
		baseSheet = newSheet(baseCSS)
	}
	return baseSheet
}

func newSheet(css string) js.Value {
	s := js.Global().Get("CSSStyleSheet").New()
	s.Call("replaceSync", css)
	return s
}

// prefixFor names an instance's keys in the URL fragment: the element's id,
// else "agenda." for the first unnamed instance on the page, "agenda2." for the
// next, so a reload of the same page finds its own keys again.
func prefixFor(host js.Value) string {
	if id := host.Get("id"); id.Type() == js.TypeString && id.String() != "" {
		return id.String() + "."
	}
	n := 1
	for _, other := range mounted {
		if !other.host.Equal(host) && !other.destroyed && strings.HasPrefix(other.prefix, "agenda") && other.host.Get("id").String() == "" {
			n++
		}
	}
	if n == 1 {
		return "agenda."
	}
	return "agenda" + strconv.Itoa(n) + "."
}

func (in *Instance) lang() string {
	if in.opts.Lang != "" {
		return in.opts.Lang
	}
	if l := js.Global().Get("navigator").Get("language"); l.Type() == js.TypeString {
		return l.String()
	}
	return "en"
}

func (in *Instance) theme() string {
	switch in.opts.Theme {
	case "light", "dark":
		return in.opts.Theme
	}
	return "auto"
}

// Set applies new options from the host (an attribute changed, or
// handle.set) and returns the instance now showing them: a new language or
// theme mounts afresh in the same element.
func (in *Instance) Set(o Options, given map[string]bool) *Instance {
	if in.destroyed {
		return in
	}
	for k := range given {
		*in.opts.field(k) = *o.field(k)
	}
	if given["lang"] || given["theme"] {
		return Mount(in.host, in.b, in.opts)
	}
	if given["timeZone"] {
		in.setLocal(in.opts.TimeZone == "local")
	}
	in.optionsToState(&in.st, given)
	in.update(false)
	return in
}

// Destroy unmounts: listeners and observers are released, the shadow root emptied.
// It also cleans up after a mount that failed half way.
func (in *Instance) Destroy() {
	if in.destroyed {
		return
	}
	catch(in.flushURL)
	in.destroyed = true
	delete(mounted, in.id)
	if in.moreTimer.Truthy() {
		js.Global().Call("clearTimeout", in.moreTimer)
	}
	for _, l := range in.listeners {
		if l.window {
			js.Global().Call("removeEventListener", l.typ, l.fn)
		} else if l.typ == "click" && l.target.Equal(in.root) {
			for _, typ := range delegated {
				l.target.Call("removeEventListener", typ, l.fn)
			}
		} else if l.typ != "" {
			l.target.Call("removeEventListener", l.typ, l.fn)
		}
	}
	for _, l := range in.listeners {
		l.fn.Release()
	}
	if in.observer.Truthy() {
		in.observer.Call("disconnect")
	}
	if in.host.Get("__agendaInstance").Equal(js.ValueOf(in.id)) {
		in.host.Delete("__agendaInstance")
	}
	in.shadow.Set("innerHTML", "")
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New())
}

// initialState merges, lowest first: defaults, options, the remembered time
// zone choice, and the URL fragment (a shared link or the back button).
func (in *Instance) initialState() state {
	st := state{filter: query.Any(), view: "list"}
	all := map[string]bool{}
	for _, k := range optionKeys {
		all[k] = true
	}
	in.optionsToState(&st, all)
	st.local = in.opts.TimeZone == "local"
	if v := in.load("timeZone"); v != "" && in.opts.TimeZone == "" {
		st.local = v == "local"
	}
	in.readURL(&st)
	return st
}

func (in *Instance) optionsToState(st *state, given map[string]bool) {
	b, o := in.b, in.opts
	if given["day"] {
		st.filter.Day = lookup(o.Day, b.DayByDate)
	}
	if given["room"] {
		st.filter.Room = lookup(o.Room, b.RoomByName)
	}
	if given["kind"] {
		st.filter.Kind = lookup(o.Kind, b.KindByName)
	}
	if given["track"] {
		st.filter.Track = lookup(o.Track, b.TrackByName)
	}
	if given["speaker"] {
		st.filter.Speaker = lookup(o.Speaker, b.SpeakerBySlug)
	}
	if given["q"] {
		st.filter.Text = o.Q
	}
	if given["view"] && (o.View == "list" || o.View == "grid" || o.View == "mine") {
		st.view = o.View
	}
}

func lookup(name string, find func(string) (int, bool)) int {
	if i, ok := find(name); ok && name != "" {
		return i
	}
	return -1
}

// update brings the DOM in line with the state: the view if it changed, then
// the filter stylesheet, the counts and the live region. push records the
// change in the browser history.
func (in *Instance) update(push bool) {
	f := in.st.filter
	if in.st.view == "mine" {
		f.Only = in.favs
	}
	if in.st.now {
		f.Now = int64(js.Global().Get("Date").Call("now").Float() / 1000)
	}
	if in.st.view == "grid" && !in.narrow {
		f.Day = -1 // the grid shows one day; the day filter picks which
	}
	// Two mechanisms hide what does not match, each where it is cheap.
	// Day, room, kind, track and speaker: every session carries classes for
	// them (y1 r3 k0 t2 p17), so one tiny rule such as .s:not(.r3) in the
	// facet sheet hides a whole room at once, however many sessions that is.
	// Text, "now" and favourites: the hidden attribute, flipped only on
	// sessions whose state changed, so a keystroke touches few nodes.
	rest := f
	rest.Day, rest.Room, rest.Kind, rest.Track, rest.Speaker = -1, -1, -1, -1, -1
	n := in.x.Match(f, in.match)
	if f.Day < 0 && f.Room < 0 && f.Kind < 0 && f.Track < 0 && f.Speaker < 0 {
		copy(in.textMatch, in.match) // no facet chosen: the same question
	} else {
		in.x.Match(rest, in.textMatch)
	}
	in.renderView() // new markup is born with the right hidden attributes
	in.setFacets(f)
	for i, node := range in.nodes {
		if want := in.textMatch.Has(i); node.Truthy() && want != in.shown.Has(i) {
			node.Call("toggleAttribute", hiddenName, !want)
			if want {
				in.shown.Add(i)
			} else {
				in.shown.Remove(i)
			}
		}
	}
	for d, node := range in.dayNodes {
		if want := in.dayHasMatch(d - 1); node.Truthy() && want != in.dayShown[d] {
			node.Call("toggleAttribute", hiddenName, !want)
			in.dayShown[d] = want
		}
	}

	// Counts in the filters are written when a filter gets focus (see
	// refreshOptions): rebuilding a thousand speaker options per keystroke
	// would cost more than everything else. The chosen option's count is
	// the number of matches, known already.
	in.filterNow = f
	in.stale = [5]bool{true, true, true, true, true}
	in.labelChosen(n)
	if active := in.shadow.Get("activeElement"); active.Truthy() && active.Get("tagName").String() == "SELECT" {
		in.refreshOptions(active) // the filter in use lists its choices again
	}
	element(in.el.live).SetTextContent(in.w.count(n))
	active := 0
	for _, v := range [...]int{in.st.filter.Day, f.Room, f.Kind, f.Track, f.Speaker} {
		if v >= 0 {
			active++
		}
	}
	toggle := in.w.filters
	if active > 0 {
		toggle += " (" + strconv.Itoa(active) + ")"
	}
	element(in.shadow.Call("getElementById", "filters-toggle")).SetTextContent(toggle)
	in.el.empty.Set("hidden", n > 0 && !(in.st.view == "mine" && in.favs.Count() == 0))
	emptyText := in.w.noResults
	if in.st.view == "mine" && in.favs.Count() == 0 {
		emptyText = in.w.emptyMine
	}
	in.shadow.Call("getElementById", "empty-text").Set("textContent", emptyText)
	if in.el.q.Get("value").String() != in.st.filter.Text {
		in.el.q.Set("value", in.st.filter.Text)
	}
	element(in.el.now).SetAttribute("aria-pressed", strconv.FormatBool(in.st.now))
	element(in.el.tz).SetAttribute("aria-pressed", strconv.FormatBool(in.st.local))
	label := in.w.timesIn + " " + in.clock.zone + " (" + in.w.venueTime + ")"
	if in.st.local {
		label = in.w.timesIn + " " + in.clock.zone + " (" + in.w.yourTime + ")"
	}
	element(in.el.tz).SetTextContent(label)
	in.el.export.Set("hidden", in.st.view != "mine" || in.favs.Count() == 0)
	in.tabs()
	in.writeURL(push)
}

func (in *Instance) dayHasMatch(d int) bool {
	if d < 0 {
		for i := in.b.NumSessions() - 1; i >= 0 && !in.b.Session(i).Scheduled(); i-- {
			if in.match.Has(i) {
				return true
			}
		}
		return false
	}
	l := in.b.SessionsOnDay(d)
	for k := 0; k < l.Len(); k++ {
		if in.match.Has(l.At(k)) {
			return true
		}
	}
	return false
}

// renderView writes #main when the view (or the grid's day) changed.
func (in *Instance) renderView() {
	view := in.st.view
	if view == "grid" && in.narrow {
		view = "list" // too narrow for columns: the list reads better
	}
	day := in.st.filter.Day
	if day < 0 {
		day = 0
	}
	key := view + "/" + strconv.FormatBool(in.st.local)
	if view == "grid" {
		key += "/" + strconv.Itoa(day) // the grid shows one day at a time
	}
	if view == "mine" {
		key += "/" + strconv.Itoa(in.favs.Count()) + in.favKey()
	}
	// The panel is labelled by the chosen tab even when the markup stays (a
	// narrow grid is the list).
	element(in.el.main).SetAttribute("aria-labelledby", "tab-"+in.st.view)
	if key == in.rendered {
		return
	}
	in.rendered = key
	in.pending = in.pending[:0]
	layout := ""
	var html string
	switch view {
	case "grid":
		html, layout = in.grid(day)
	case "mine":
		html = in.list(in.favs)
	default:
		html = in.list(nil)
	}
	in.layoutSheet.Call("replaceSync", layout)
	main := element(in.el.main)
	main.SetInnerHTML(html)
	in.collectNodes()
	in.scheduleMore()
}

// firstSlice is how many sessions mount renders before it returns: a few
// screens' worth. The rest follow in slices of laterSlice, one per task, so a
// thousand-session programme neither delays the first paint nor blocks input.
const (
	firstSlice = 60
	laterSlice = 150
)

func (in *Instance) scheduleMore() {
	if len(in.pending) > 0 && !in.moreTimer.Truthy() && !in.destroyed {
		in.moreTimer = js.Global().Call("setTimeout", in.more, 0)
	}
}

// renderMore appends the next slice of pending sessions to their day section
// (list) or to the grid.
func (in *Instance) renderMore() {
	in.moreTimer = js.Value{}
	if in.destroyed || len(in.pending) == 0 {
		return
	}
	grid := in.el.main.Call("querySelector", ".grid")
	slice := in.pending[:min(laterSlice, len(in.pending))]
	p := page(in.scratch[:0])
	for k := 0; k < len(slice); {
		// A run of sessions that share a container goes in with one call.
		container := grid
		d := in.b.Session(slice[k]).Day()
		if !grid.Truthy() {
			if !in.b.Session(slice[k]).Scheduled() {
				d = -1
			}
			container = in.dayNodes[d+1]
		}
		p = p[:0]
		j := k
		for ; j < len(slice); j++ {
			s := in.b.Session(slice[j])
			sd := s.Day()
			if !s.Scheduled() {
				sd = -1
			}
			if !grid.Truthy() && sd != d {
				break
			}
			in.session(&p, s, "")
		}
		if container.Truthy() {
			container.Call("insertAdjacentHTML", "beforeend", p.String())
			for _, i := range slice[k:j] {
				in.collect(js.Global().Get("Array").New(in.shadow.Call("getElementById", "s"+strconv.Itoa(i))))
			}
		}
		k = j
	}
	in.scratch = p
	in.pending = in.pending[len(slice):]
	in.scheduleMore()
}

// refreshOptions writes one filter's choices, with their counts, if they
// changed since it was last opened.
func (in *Instance) refreshOptions(sel js.Value) {
	for d := range in.selects {
		if !in.selects[d].Equal(sel) || !in.stale[d] {
			continue
		}
		in.stale[d] = false
		f := in.filterNow
		dim := query.Dim(d)
		in.counts = in.x.Counts(f, dim, in.counts)
		v := [...]int{f.Day, f.Room, f.Kind, f.Track, f.Speaker}[d]
		if dim == query.DimDay {
			v = in.st.filter.Day
		}
		if html := in.options(dim, v, in.counts); html != in.optionHTML[d] {
			element(sel).SetInnerHTML(html)
			in.optionHTML[d] = html
		}
	}
}

// labelChosen keeps the closed filters right without building their lists:
// each shows "All …" or its chosen value with the number of matches.
func (in *Instance) labelChosen(n int) {
	f := in.filterNow
	for d, sel := range in.selects {
		dim := query.Dim(d)
		v := [...]int{f.Day, f.Room, f.Kind, f.Track, f.Speaker}[d]
		if dim == query.DimDay {
			v = in.st.filter.Day
		}
		count := n
		if v >= 0 && dim == query.DimDay && in.st.view == "grid" && !in.narrow {
			// The grid ignores the day filter when matching: count that day.
			count = 0
			l := in.b.SessionsOnDay(v)
			for k := 0; k < l.Len(); k++ {
				if in.match.Has(l.At(k)) {
					count++
				}
			}
		}
		value := ""
		if v >= 0 {
			value = strconv.Itoa(v)
		}
		if in.optionHTML[d] != "" && sel.Get("value").String() == value {
			if v >= 0 {
				if o := sel.Get("selectedOptions"); o.Length() > 0 {
					element(o.Index(0)).SetTextContent(in.optionName(dim, v) + " (" + strconv.Itoa(count) + ")")
				}
			}
			continue
		}
		var p page
		p.raw(`<option value="">`).esc(in.anyName(dim)).raw(`</option>`)
		if v >= 0 {
			p.raw(`<option value="`).int(v).raw(`" selected>`).esc(in.optionName(dim, v)).raw(` (`).int(count).raw(`)</option>`)
		}
		element(sel).SetInnerHTML(p.String())
		in.optionHTML[d] = p.String()
	}
}

// collectNodes remembers the rendered session and day elements, all shown.
func (in *Instance) collectNodes() {
	n := in.b.NumSessions()
	if in.nodes == nil {
		in.nodes = make([]js.Value, n)
		in.dayNodes = make([]js.Value, in.b.NumDays()+1)
		in.dayShown = make([]bool, in.b.NumDays()+1)
	}
	clear(in.nodes)
	clear(in.dayNodes)
	in.shown.Clear()
	in.collect(in.el.main.Call("querySelectorAll", "[data-session],section.day"))
}

// setFacets writes the rule that hides sessions outside the chosen day,
// room, kind, track and speaker.
func (in *Instance) setFacets(f query.Filter) {
	var p page
	for _, c := range [...]struct {
		class string
		v     int
	}{{"y", f.Day}, {"r", f.Room}, {"k", f.Kind}, {"t", f.Track}, {"p", f.Speaker}} {
		if c.v >= 0 {
			if len(p) > 0 {
				p.raw(",")
			}
			p.raw(".s:not(.").raw(c.class).int(c.v).raw(")")
		}
	}
	if len(p) > 0 {
		p.raw("{display:none}")
	}
	if css := p.String(); css != in.facetCSS {
		in.facetSheet.Call("replaceSync", css)
		in.facetCSS = css
	}
}

// collect adds rendered nodes; their hidden attribute was written from in.textMatch.
func (in *Instance) collect(list js.Value) {
	n := in.b.NumSessions()
	for k := 0; k < list.Length(); k++ {
		node := list.Index(k)
		id := node.Get("id").String()
		i, err := atoi(id[1:])
		if err != nil {
			continue
		}
		switch {
		case id[0] == 's' && i < n:
			in.nodes[i] = node
			if in.textMatch.Has(i) {
				in.shown.Add(i)
			}
		case id[0] == 'd' && i < len(in.dayNodes):
			in.dayNodes[i] = node
			in.dayShown[i] = in.dayHasMatch(i - 1)
		}
	}
}

func (in *Instance) favKey() string {
	var b strings.Builder
	for i := 0; i < in.b.NumSessions(); i++ {
		if in.favs.Has(i) {
			b.WriteString(strconv.Itoa(i))
			b.WriteByte(',')
		}
	}
	return b.String()
}

// tabs reflects the view in the tab list: roving tabindex, aria-selected.
func (in *Instance) tabs() {
	for _, v := range []string{"list", "grid", "mine"} {
		t := element(in.shadow.Call("getElementById", "tab-"+v))
		sel := v == in.st.view
		t.SetAttribute("aria-selected", strconv.FormatBool(sel))
		if sel {
			t.SetTabIndex(0)
		} else {
			t.SetTabIndex(-1)
		}
	}
}

// running reports whether the event is on now, so "now and next" means something.
func (in *Instance) running() bool {
	n := in.b.NumDays()
	if n == 0 {
		return false
	}
	now := int64(js.Global().Get("Date").Call("now").Float() / 1000)
	return now >= in.b.Day(0).StartUnix && now < in.b.Day(n-1).StartUnix+36*3600
}

// onEvent is the instance's one delegated listener.
func (in *Instance) onEvent(args []js.Value) {
	ev := arg(args, 0)
	if ev.Type() != js.TypeObject {
		return
	}
	target := ev.Get("target")
	if target.Get("closest").Type() != js.TypeFunction {
		return // not an element: an event a script dispatched on a text node
	}
	switch ev.Get("type").String() {
	case "input":
		if target.Get("id").String() == "q" {
			in.st.filter.Text = target.Get("value").String()
			in.update(false)
		}
	case "change":
		if f := target.Get("dataset").Get("filter"); f.Type() == js.TypeString {
			v, err := atoi(target.Get("value").String())
			if err != nil {
				v = -1 // "": all
			}
			switch f.String() {
			case "day":
				in.st.filter.Day = v
			case "room":
				in.st.filter.Room = v
			case "kind":
				in.st.filter.Kind = v
			case "track":
				in.st.filter.Track = v
			case "speaker":
				in.st.filter.Speaker = v
			}
			in.update(true)
		}
	case "keydown":
		in.onKey(ev, target)
	case "focusin", "pointerdown":
		if target.Get("tagName").String() == "SELECT" {
			in.refreshOptions(target)
		}
	case "click":
		in.onClick(ev, target)
	}
}

func (in *Instance) onClick(ev, target js.Value) {
	el := target.Call("closest", "[data-star],[data-open],[data-view],[data-ics],[data-close],#clear,#tz,#now,#export,#filters-toggle")
	if el.IsNull() {
		if target.Equal(in.el.dlg) { // a click on the backdrop
			in.closeDetails()
		}
		return
	}
	ds := el.Get("dataset")
	switch {
	case ds.Get("star").Type() == js.TypeString:
		i, _ := atoi(ds.Get("star").String())
		in.toggleFavourite(i, el)
	case ds.Get("open").Type() == js.TypeString:
		i, _ := atoi(ds.Get("open").String())
		in.openDetails(i, true)
	case ds.Get("view").Type() == js.TypeString:
		in.setView(ds.Get("view").String())
	case ds.Get("ics").Type() == js.TypeString:
		i, _ := atoi(ds.Get("ics").String())
		in.downloadICS([]int{i}, in.b.Session(i).Slug()+".ics")
	case ds.Get("close").Type() == js.TypeString:
		in.closeDetails()
	default:
		switch el.Get("id").String() {
		case "clear":
			in.st.filter = query.Any()
			in.st.now = false
			if in.st.view == "mine" {
				in.st.view = "list"
			}
			in.update(true)
			element(in.el.q).Focus()
		case "tz":
			in.setLocal(!in.st.local)
			in.update(false)
		case "now":
			in.st.now = !in.st.now
			in.update(true)
		case "filters-toggle":
			open := el.Call("getAttribute", "aria-expanded").String() != "true"
			element(el).SetAttribute("aria-expanded", strconv.FormatBool(open))
			if open {
				element(in.root).SetAttribute("data-filters", "open")
			} else {
				in.root.Call("removeAttribute", "data-filters")
			}
		case "export":
			var all []int
			for i := 0; i < in.b.NumSessions(); i++ {
				if in.favs.Has(i) && in.b.Session(i).Scheduled() {
					all = append(all, i)
				}
			}
			in.downloadICS(all, in.b.Conference().ID+"-my-schedule.ics")
		}
	}
}

// onKey moves between tabs with the arrow keys, Home and End.
func (in *Instance) onKey(ev, target js.Value) {
	if target.Get("role").Type() != js.TypeString || target.Call("getAttribute", "role").String() != "tab" {
		return
	}
	views := []string{"list", "grid", "mine"}
	cur := 0
	for i, v := range views {
		if v == in.st.view {
			cur = i
		}
	}
	next := cur
	switch ev.Get("key").String() {
	case "ArrowRight", "ArrowDown":
		next = (cur + 1) % len(views)
	case "ArrowLeft", "ArrowUp":
		next = (cur + len(views) - 1) % len(views)
	case "Home":
		next = 0
	case "End":
		next = len(views) - 1
	default:
		return
	}
	ev.Call("preventDefault")
	in.setView(views[next])
	element(in.shadow.Call("getElementById", "tab-"+views[next])).Focus()
}

func (in *Instance) setView(v string) {
	if v == in.st.view {
		return
	}
	in.st.view = v
	in.update(true)
}

func (in *Instance) setLocal(local bool) {
	in.st.local = local
	in.clock = newClock(in.lang(), in.b.Conference().TimeZone, local)
	in.rendered = ""
	if local {
		in.store("timeZone", "local")
	} else {
		in.store("timeZone", "venue")
	}
}

func (in *Instance) toggleFavourite(i int, btn js.Value) {
	fav := !in.favs.Has(i)
	if fav {
		in.favs.Add(i)
	} else {
		in.favs.Remove(i)
	}
	in.saveFavourites()
	star := element(btn)
	star.SetAttribute("aria-pressed", strconv.FormatBool(fav))
	if fav {
		star.SetTextContent("★")
	} else {
		star.SetTextContent("☆")
	}
	in.dispatch("agenda:favourite", map[string]any{"slug": in.b.Session(i).Slug(), "favourite": fav})
	if in.st.view == "mine" {
		in.update(false)
		if !fav { // the star is gone with its session: keep focus nearby
			element(in.el.live).Focus()
		}
	}
}

func (in *Instance) openDetails(i int, push bool) {
	in.st.session = in.b.Session(i).Slug()
	element(in.el.dlg).SetInnerHTML(in.details(i))
	if !in.el.dlg.Get("open").Bool() {
		in.el.dlg.Call("showModal")
	}
	if push {
		in.writeURL(true)
	}
	in.dispatch("agenda:select", map[string]any{"slug": in.st.session})
}

func (in *Instance) closeDetails() {
	if in.el.dlg.Get("open").Bool() {
		in.el.dlg.Call("close")
	}
	if in.st.session != "" {
		in.st.session = ""
		in.writeURL(false)
	}
}

func (in *Instance) dispatch(name string, detail map[string]any) {
	o := js.Global().Get("Object").New()
	o.Set("bubbles", true)
	o.Set("composed", true)
	if detail != nil {
		o.Set("detail", detail)
	}
	in.host.Call("dispatchEvent", js.Global().Get("CustomEvent").New(name, o))
}

// watchWidth switches the grid to the list when the widget's own box, not the
// window, is narrower than a grid can use.
func (in *Instance) watchWidth() {
	ro := js.Global().Get("ResizeObserver")
	if !ro.Truthy() {
		return
	}
	fn := in.funcOf(func(args []js.Value) {
		if len(args) == 0 || args[0].Length() == 0 {
			return
		}
		w := args[0].Index(0).Get("contentRect").Get("width").Float()
		if narrow := w > 0 && w < 700; narrow != in.narrow {
			in.narrow = narrow
			in.update(false)
		}
	})
	in.listeners = append(in.listeners, listener{fn: fn})
	in.observer = ro.New(fn)
	in.observer.Call("observe", in.host)
}

// element gives dom/v2's typed API for a node we know is an HTML element.
// Building the struct directly, rather than dom.WrapElement, keeps dom/v2's
// table of every element type (about 40 KB after brotli) out of the wasm.
func element(v js.Value) *dom.BasicHTMLElement {
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// atoi is strconv.Atoi, with the same results for every string, without the
// quoting code strconv's errors link (about 3 KiB of the wasm after brotli).
// What it reads comes from our own markup, or from a page that changed it.
func atoi(s string) (int, error) {
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

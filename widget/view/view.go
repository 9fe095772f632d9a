//go:build js && wasm

// Package view is the widget's thin browser layer (GOOS=js): it mounts a
// core.Widget into a host element's shadow root, writes the frames core
// computes, and carries events, Intl, storage and the URL fragment to and
// from it. What the widget shows is decided in widget/core.
package view

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/core"
	"github.com/agendaconf/agenda/widget/query"
)

// Instance is one mounted schedule. Instances share nothing but the bundle and
// the base stylesheet.
type Instance struct {
	id                   int // in mounted, and the host's __agendaInstance
	host, shadow, root   js.Value
	c                    *core.Widget
	opts                 Options
	prefix               string // URL fragment key prefix, e.g. "agenda."
	conf                 string // the conference's id, for storage keys
	last                 core.Frame
	chosen               [query.NumFacets]string // markup last written to each select
	layout, facets       js.Value                // stylesheets: grid positions; hidden facets
	nodes, dayNodes      []js.Value              // rendered sessions by index; day sections, unscheduled first
	shown                query.Set               // sessions whose hidden attribute is off
	dayShown             []bool
	el                   struct{ main, live, empty, emptyText, q, tz, now, export, dlg, toggle js.Value }
	selects              [query.NumFacets]js.Value
	funcs                []js.Func
	handler, more, flush js.Func
	moreTimer            js.Value
	urlTimer             js.Value // a pending URL write, see writeURL
	urlPush, destroyed   bool
}

// Options are core's options, read from the host.
type Options = core.Options

// delegated are the events the instance's one listener handles.
var delegated = []string{"click", "input", "change", "keydown", "focusin", "pointerdown"}

var (
	baseSheet js.Value // shared by every instance
	mounted   = map[int]*Instance{}
	nextID    = 1
	hidden    = js.ValueOf("hidden") // made a JS string once, not per node
)

// Mount shows b in host, or why it cannot (the instance is then destroyed).
// Mounting an element that is already mounted replaces the old instance, so
// mounting twice is harmless.
func Mount(host js.Value, b *bundle.Bundle, o Options) *Instance {
	in := &Instance{host: host, opts: o, id: nextID}
	nextID++
	protect(in.fail, func() { in.mount(b) })
	return in
}

func (in *Instance) mount(b *bundle.Bundle) {
	host := in.host
	if id := host.Get("__agendaInstance"); id.Type() == js.TypeNumber {
		if old := mounted[id.Int()]; old != nil {
			old.Destroy()
		}
	}
	mounted[in.id] = in
	host.Set("__agendaInstance", in.id)
	in.prefix, in.conf = prefixFor(host), b.Conference().ID
	in.shadow = shadowOf(host)
	lang := in.opts.Lang
	if l := js.Global().Get("navigator").Get("language"); lang == "" && l.Type() == js.TypeString {
		lang = l.String()
	}
	o := in.opts
	if v := in.load("timeZone"); v != "" && o.TimeZone == "" {
		o.TimeZone = v // the attendee's last choice, unless the page says
	}
	clock := newClock(lang, b.Conference().TimeZone, o.TimeZone == "local")
	in.c = core.New(b, o, lang, clock, func() int64 { return int64(js.Global().Get("Date").Call("now").Float() / 1000) })
	in.c.SetFavourites(in.load("favourites"))
	in.readURL(true)

	in.layout, in.facets = newSheet(""), newSheet("")
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base(), in.layout, in.facets))
	in.shadow.Set("innerHTML", in.c.Skeleton())
	in.root = in.shadow.Call("querySelector", ".root")
	get := func(id string) js.Value { return in.shadow.Call("getElementById", id) }
	in.el.main, in.el.live, in.el.empty, in.el.emptyText, in.el.q = get("main"), get("live"), get("empty"), get("empty-text"), get("q")
	in.el.tz, in.el.now, in.el.export, in.el.dlg, in.el.toggle = get("tz"), get("now"), get("export"), get("dlg"), get("filters-toggle")
	for d := range in.selects {
		in.selects[d] = get("f-" + query.Facets[d].Name)
	}
	n := b.NumSessions()
	in.nodes, in.shown = make([]js.Value, n), query.NewSet(n)
	// One delegated listener serves every control of this instance.
	in.handler = in.funcOf(in.onEvent)
	for _, typ := range delegated {
		in.root.Call("addEventListener", typ, in.handler)
	}
	for _, typ := range []string{"popstate", "hashchange"} {
		js.Global().Call("addEventListener", typ, in.handler)
	}
	in.el.dlg.Call("addEventListener", "close", in.handler)
	in.flush = in.funcOf(func([]js.Value) { in.flushURL() })
	in.more = in.funcOf(func([]js.Value) { in.renderMore() })

	in.update(false)
	host.Get("dataset").Set("state", "ready")
	in.dispatch("agenda:ready", nil)
	if i, ok := b.SessionBySlug(in.c.State().Session); ok && in.c.State().Session != "" {
		in.openDetails(i, false)
	}
}

// funcOf is js.FuncOf for the instance's listeners and timers: they do
// nothing once it is destroyed, and a panic in one takes down this instance
// alone (see protect). Destroy releases them.
func (in *Instance) funcOf(fn func(args []js.Value)) js.Func {
	f := funcOf(in.fail, func(args []js.Value) {
		if !in.destroyed {
			fn(args)
		}
	})
	in.funcs = append(in.funcs, f)
	return f
}

// fail replaces the instance with an error that says why.
func (in *Instance) fail(why string) {
	catch(in.Destroy)
	MountError(in.host, core.Failed(in.opts.Lang, "", why))
}

// MountError shows msg in host instead of a schedule: never a blank box.
func MountError(host js.Value, msg string) {
	js.Global().Get("console").Call("error", "agenda: "+msg)
	shadow := shadowOf(host)
	shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base()))
	shadow.Set("innerHTML", core.ErrorHTML(msg))
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
		baseSheet = newSheet(core.CSS)
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

// Set applies new options from the host (an attribute changed, or
// handle.set) and returns the instance now showing them: a new language
// mounts afresh in the same element, since every word is in the markup.
func (in *Instance) Set(o Options, given map[string]bool) *Instance {
	if in.destroyed {
		return in
	}
	for k := range given {
		*in.opts.Field(k) = *o.Field(k)
	}
	if given["lang"] {
		return Mount(in.host, in.c.Bundle(), in.opts)
	}
	if given["timeZone"] {
		in.setLocal(in.opts.TimeZone == "local")
	}
	in.c.SetOptions(in.opts, given)
	if given["theme"] {
		in.root.Call("setAttribute", "data-theme", in.opts.ThemeName())
	}
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
	for _, t := range []js.Value{in.moreTimer, in.urlTimer} {
		if t.Truthy() {
			js.Global().Call("clearTimeout", t)
		}
	}
	if in.root.Truthy() {
		for _, typ := range delegated {
			in.root.Call("removeEventListener", typ, in.handler)
		}
		for _, typ := range []string{"popstate", "hashchange"} {
			js.Global().Call("removeEventListener", typ, in.handler)
		}
		in.el.dlg.Call("removeEventListener", "close", in.handler)
	}
	for _, f := range in.funcs {
		f.Release()
	}
	if in.host.Get("__agendaInstance").Equal(js.ValueOf(in.id)) {
		in.host.Delete("__agendaInstance")
	}
	in.shadow.Set("innerHTML", "")
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New())
}

// update asks core for the frame the state gives and writes what differs
// from the last one. push records the change in the browser history.
func (in *Instance) update(push bool) {
	f, last := in.c.Update(), &in.last
	in.el.main.Call("setAttribute", "aria-labelledby", f.Panel)
	if f.NewMain {
		if in.moreTimer.Truthy() {
			js.Global().Call("clearTimeout", in.moreTimer)
			in.moreTimer = js.Value{}
		}
		in.layout.Call("replaceSync", f.Layout)
		in.el.main.Set("innerHTML", f.Main) // new markup is born with the right hidden attributes
		clear(in.nodes)
		in.dayNodes = make([]js.Value, in.c.NumDays()+1)
		in.dayShown = make([]bool, len(in.dayNodes))
		in.shown.Clear()
		in.collect(in.el.main.Call("querySelectorAll", "[data-session],section.day"))
		in.scheduleMore()
	}
	if f.Facets != last.Facets || f.NewMain {
		in.facets.Call("replaceSync", f.Facets)
	}
	for i, node := range in.nodes {
		if want := in.c.Shown(i); node.Truthy() && want != in.shown.Has(i) {
			node.Call("toggleAttribute", hidden, !want)
			if want {
				in.shown.Add(i)
			} else {
				in.shown.Remove(i)
			}
		}
	}
	for d, node := range in.dayNodes {
		if want := in.c.DayShown(d - 1); node.Truthy() && want != in.dayShown[d] {
			node.Call("toggleAttribute", hidden, !want)
			in.dayShown[d] = want
		}
	}
	active := in.shadow.Get("activeElement")
	for d, sel := range in.selects {
		html := f.Chosen[d]
		if sel.Equal(active) {
			html = in.c.Choices(query.Facet(d)) // the filter in use lists its choices again
		}
		if html != in.chosen[d] {
			sel.Set("innerHTML", html)
			in.chosen[d] = html
		}
	}
	text := func(el js.Value, now, was string) {
		if now != was || f.NewMain && el.Equal(in.el.live) {
			el.Set("textContent", now)
		}
	}
	text(in.el.live, f.Live, last.Live)
	text(in.el.toggle, f.FiltersLabel, last.FiltersLabel)
	text(in.el.emptyText, f.EmptyText, last.EmptyText)
	text(in.el.tz, f.ZoneLabel, last.ZoneLabel)
	if in.el.q.Get("value").String() != f.Query {
		in.el.q.Set("value", f.Query)
	}
	in.el.empty.Set("hidden", f.EmptyHidden)
	in.el.export.Set("hidden", f.ExportHidden)
	in.el.now.Set("hidden", f.NowHidden)
	in.el.now.Call("setAttribute", "aria-pressed", strconv.FormatBool(f.NowPressed))
	in.el.tz.Call("setAttribute", "aria-pressed", strconv.FormatBool(f.ZonePressed))
	for _, v := range []string{"list", "grid", "mine"} { // roving tabindex
		t := in.shadow.Call("getElementById", "tab-"+v)
		t.Call("setAttribute", "aria-selected", strconv.FormatBool(v == f.View))
		t.Set("tabIndex", map[bool]int{true: 0, false: -1}[v == f.View])
	}
	in.last = f
	in.writeURL(push)
}

func (in *Instance) scheduleMore() {
	if in.c.Pending() && !in.moreTimer.Truthy() && !in.destroyed {
		in.moreTimer = js.Global().Call("setTimeout", in.more, 0)
	}
}

// renderMore appends the next slice of sessions to their day section (list)
// or to the grid, one call per container.
func (in *Instance) renderMore() {
	in.moreTimer = js.Value{}
	for _, s := range in.c.More() {
		container := in.el.main.Call("querySelector", ".grid")
		if !s.Grid && s.Day+1 < len(in.dayNodes) {
			container = in.dayNodes[s.Day+1]
		}
		if container.Truthy() {
			container.Call("insertAdjacentHTML", "beforeend", s.HTML)
			for _, i := range s.Sessions {
				in.collect(js.Global().Get("Array").New(in.shadow.Call("getElementById", "s"+strconv.Itoa(i))))
			}
		}
	}
	in.scheduleMore()
}

// collect adds rendered nodes; their hidden attribute was written from core.Shown.
func (in *Instance) collect(list js.Value) {
	for k := 0; k < list.Length(); k++ {
		node := list.Index(k)
		id := node.Get("id").String()
		i, err := core.Atoi(id[1:])
		switch {
		case err != nil:
		case id[0] == 's' && i >= 0 && i < len(in.nodes):
			in.nodes[i] = node
			if in.c.Shown(i) {
				in.shown.Add(i)
			}
		case id[0] == 'd' && i >= 0 && i < len(in.dayNodes):
			in.dayNodes[i] = node
			in.dayShown[i] = in.c.DayShown(i - 1)
		}
	}
}

// onEvent is the instance's one listener, for the widget's own events and
// the window's history.
func (in *Instance) onEvent(args []js.Value) {
	ev := arg(args, 0)
	if ev.Type() != js.TypeObject {
		return
	}
	target := ev.Get("target")
	switch ev.Get("type").String() {
	case "popstate", "hashchange":
		in.fromURL()
		return
	case "close":
		if in.c.State().Session != "" {
			in.c.Close()
			in.writeURL(false)
		}
		return
	}
	if target.Get("closest").Type() != js.TypeFunction {
		return // not an element: an event a script dispatched on a text node
	}
	switch ev.Get("type").String() {
	case "input":
		if target.Get("id").String() == "q" {
			in.c.SetText(target.Get("value").String())
			in.update(false)
		}
	case "change":
		if f := target.Get("dataset").Get("filter"); f.Type() == js.TypeString {
			in.c.Choose(f.String(), target.Get("value").String())
			in.update(true)
		}
	case "keydown":
		in.onKey(ev, target)
	case "focusin", "pointerdown":
		for d, sel := range in.selects {
			if sel.Equal(target) {
				if html := in.c.Choices(query.Facet(d)); html != in.chosen[d] {
					sel.Set("innerHTML", html)
					in.chosen[d] = html
				}
			}
		}
	case "click":
		in.onClick(target)
	}
}

func (in *Instance) onClick(target js.Value) {
	el := target.Call("closest", "[data-star],[data-open],[data-view],[data-ics],[data-close],#clear,#tz,#now,#export,#filters-toggle")
	if el.IsNull() {
		if target.Equal(in.el.dlg) { // a click on the backdrop
			in.closeDetails()
		}
		return
	}
	ds := el.Get("dataset")
	data := func(k string) (int, bool) {
		v := ds.Get(k)
		if v.Type() != js.TypeString {
			return 0, false
		}
		i, err := core.Atoi(v.String())
		return i, err == nil && i >= 0 && i < in.c.Bundle().NumSessions()
	}
	if i, ok := data("star"); ok {
		in.toggleFavourite(i, el)
	} else if i, ok := data("open"); ok {
		in.openDetails(i, true)
	} else if i, ok := data("ics"); ok {
		in.downloadICS([]int{i}, in.c.Bundle().Session(i).Slug()+".ics")
	} else if v := ds.Get("view"); v.Type() == js.TypeString {
		in.setView(v.String())
	} else if ds.Get("close").Type() == js.TypeString {
		in.closeDetails()
	}
	switch el.Get("id").String() {
	case "clear":
		in.c.Clear()
		in.update(true)
		in.el.q.Call("focus")
	case "tz":
		in.setLocal(!in.c.State().Local)
		in.update(false)
	case "now":
		in.c.ToggleNow()
		in.update(true)
	case "filters-toggle":
		open := el.Call("getAttribute", "aria-expanded").String() != "true"
		el.Call("setAttribute", "aria-expanded", strconv.FormatBool(open))
		if open {
			in.root.Call("setAttribute", "data-filters", "open")
		} else {
			in.root.Call("removeAttribute", "data-filters")
		}
	case "export":
		in.downloadICS(in.c.MyScheduled(), in.c.Bundle().Conference().ID+"-my-schedule.ics")
	}
}

// onKey moves between tabs with the arrow keys, Home and End.
func (in *Instance) onKey(ev, target js.Value) {
	if target.Get("role").Type() != js.TypeString || target.Call("getAttribute", "role").String() != "tab" {
		return
	}
	views := []string{"list", "grid", "mine"}
	cur := strings.Index("list grid mine", in.c.State().View) / 5
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
	in.shadow.Call("getElementById", "tab-"+views[next]).Call("focus")
}

func (in *Instance) setView(v string) {
	if in.c.SetView(v) {
		in.update(true)
	}
}

func (in *Instance) setLocal(local bool) {
	in.c.SetClock(newClock(in.c.Lang(), in.c.Bundle().Conference().TimeZone, local), local)
	in.store("timeZone", map[bool]string{true: "local", false: "venue"}[local])
}

func (in *Instance) toggleFavourite(i int, btn js.Value) {
	fav := in.c.ToggleFavourite(i)
	in.store("favourites", in.c.Favourites())
	btn.Call("setAttribute", "aria-pressed", strconv.FormatBool(fav))
	btn.Set("textContent", map[bool]string{true: "★", false: "☆"}[fav])
	in.dispatch("agenda:favourite", map[string]any{"slug": in.c.Bundle().Session(i).Slug(), "favourite": fav})
	if in.c.State().View == "mine" {
		in.update(false)
		if !fav { // the star is gone with its session: keep focus nearby
			in.el.live.Call("focus")
		}
	}
}

func (in *Instance) openDetails(i int, push bool) {
	in.c.Open(i)
	in.el.dlg.Set("innerHTML", in.c.Details(i, in.permalink(in.c.Bundle().Session(i).Slug())))
	if !in.el.dlg.Get("open").Bool() {
		in.el.dlg.Call("showModal")
	}
	if push {
		in.writeURL(true)
	}
	in.dispatch("agenda:select", map[string]any{"slug": in.c.State().Session})
}

func (in *Instance) closeDetails() {
	if in.el.dlg.Get("open").Bool() {
		in.el.dlg.Call("close")
	}
	if in.c.State().Session != "" {
		in.c.Close()
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

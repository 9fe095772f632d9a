//go:build js && wasm

// Package view is the widget's thin browser layer (GOOS=js): it mounts a
// core.Widget into a host element's shadow root, writes the frames core
// computes, and carries events, Intl, storage and the URL fragment to and
// from it. What the widget shows is decided in widget/core.
//
// Runs in: the browser (GOOS=js) only.
package view

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/core"
)

// Instance is one mounted schedule. Instances share nothing but the bundle and
// the base stylesheet.
type Instance struct {
	id                  int // in mounted
	host, shadow, root  js.Value
	c                   *core.Widget
	opts                Options
	prefix              string              // URL fragment key prefix, e.g. "agenda."
	conf                string              // the conference's id, for storage keys
	sheets              map[string]js.Value // layout: grid positions; facets: what the filters hide
	nodes               map[string]js.Value // elements by id, until #main is rewritten
	funcs               []js.Func
	more, flush         js.Func
	listening           js.Value // an AbortController whose signal every listener has
	moreTimer, urlTimer js.Value // pending renderMore and URL write (see writeURL)
	urlPush, destroyed  bool
	warm                bool   // the search text is folded
	batch               []byte // hidden flips for the loader's __agendaFlip
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
	if old := mountedOn(host); old != nil {
		old.Destroy()
	}
	mounted[in.id] = in
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

	in.sheets = map[string]js.Value{"layout": newSheet(""), "facets": newSheet("")}
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base(), in.sheets["layout"], in.sheets["facets"]))
	in.shadow.Set("innerHTML", in.c.Skeleton())
	in.root = in.shadow.Call("getElementById", "root")
	in.nodes = map[string]js.Value{}
	// One listener serves every control of this instance, the dialog's
	// close and the window's history.
	// Destroy removes them all at once, through the signal.
	handler, signal := in.funcOf(in.onEvent), js.Global().Get("Object").New()
	in.listening = js.Global().Get("AbortController").New()
	signal.Set("signal", in.listening.Get("signal"))
	for _, typ := range delegated {
		in.root.Call("addEventListener", typ, handler, signal)
	}
	js.Global().Call("addEventListener", "popstate", handler, signal)
	js.Global().Call("addEventListener", "hashchange", handler, signal)
	in.node("dlg").Call("addEventListener", "close", handler, signal)
	in.flush = in.funcOf(func([]js.Value) { in.flushURL() })
	in.more = in.funcOf(func([]js.Value) { in.renderMore() })

	in.update(false)
	host.Get("dataset").Set("state", "ready")
	in.dispatch("agenda:ready", nil)
	if i, ok := b.SessionBySlug(in.c.State().Session); ok && in.c.State().Session != "" {
		in.openDetails(i, false)
	}
}

// mountedOn is the live instance in host, if any: the page's handles live
// in the loader, the instances here, and nothing on the element itself.
func mountedOn(host js.Value) *Instance {
	for _, in := range mounted {
		if in.host.Equal(host) {
			return in
		}
	}
	return nil
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
		in.setZone(in.opts.TimeZone == "local")
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
	if in.listening.Truthy() {
		in.listening.Call("abort")
	}
	for _, f := range in.funcs {
		f.Release()
	}
	in.shadow.Set("innerHTML", "")
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New())
}

// update renders the state: core says what changed, as patches. push
// records the change in the browser history.
func (in *Instance) update(push bool) {
	active := in.shadow.Get("activeElement")
	id := ""
	if active.Truthy() {
		id = active.Get("id").String()
	}
	in.apply(in.c.Render(id))
	in.scheduleMore()
	in.writeURL(push)
}

// node is the element with id in the shadow root, remembered: a keystroke
// may flip a thousand sessions.
func (in *Instance) node(id string) js.Value {
	n, ok := in.nodes[id]
	if !ok {
		n = in.shadow.Call("getElementById", id)
		in.nodes[id] = n
	}
	return n
}

func (in *Instance) apply(ps []core.Patch) {
	flip := js.Global().Get("__agendaFlip") // the loader's: many hidden flips in one call
	batch := in.batch[:0]
	for _, p := range ps {
		if p.Op == core.SetHidden && flip.Type() == js.TypeFunction {
			sign := byte('+')
			if p.On {
				sign = '-'
			}
			batch = append(append(batch, ' ', sign), p.ID...)
			continue
		}
		if p.Op == core.SetSheet {
			in.sheets[p.Name].Call("replaceSync", p.Value)
			continue
		}
		n := in.node(p.ID)
		if n.IsNull() {
			continue // a session still to come (renderMore)
		}
		switch p.Op {
		case core.SetText:
			n.Set("textContent", p.Value)
		case core.SetHTML:
			n.Set("innerHTML", p.Value)
			if p.ID == "main" {
				clear(in.nodes) // its sessions are new elements
				in.nodes["main"] = n
			}
		case core.SetAttr:
			n.Call("setAttribute", p.Name, p.Value)
		case core.DelAttr:
			n.Call("removeAttribute", p.Name)
		case core.SetHidden:
			n.Call("toggleAttribute", hidden, p.On)
		case core.SetValue:
			if n.Get("value").String() != p.Value {
				n.Set("value", p.Value)
			}
		case core.Append:
			n.Call("insertAdjacentHTML", "beforeend", p.Value)
		}
	}
	if len(batch) > 0 {
		flip.Invoke(in.shadow, string(batch))
	}
	in.batch = batch
}

// scheduleMore renders the sessions a new view left for later, then
// prepares the search text, a slice per task: a thousand sessions neither
// delay the first paint nor block input, and the first keystroke finds the
// text folded.
func (in *Instance) scheduleMore() {
	if !in.moreTimer.Truthy() && !in.destroyed && (in.c.Pending() || !in.warm) {
		in.moreTimer = js.Global().Call("setTimeout", in.more, 0)
	}
}

func (in *Instance) renderMore() {
	in.moreTimer = js.Value{}
	if in.c.Pending() {
		in.apply(in.c.MorePatches())
	} else {
		in.warm = in.c.Warm(100)
	}
	in.scheduleMore()
}

// onEvent is the instance's one listener: core decides what an event in
// the widget means; the history's are the URL's.
func (in *Instance) onEvent(args []js.Value) {
	ev := arg(args, 0)
	if ev.Type() != js.TypeObject {
		return
	}
	typ, target := ev.Get("type").String(), ev.Get("target")
	switch typ {
	case "popstate", "hashchange":
		in.fromURL()
		return
	case "close": // the dialog closed (Escape too): forget its session. Not
		// closeDetails: the event comes a task later, maybe after another
		// session's dialog opened, which must stay open.
		if !in.node("dlg").Get("open").Bool() && in.c.State().Session != "" {
			in.c.Close()
			in.writeURL(false)
		}
		return
	}
	if target.Get("closest").Type() != js.TypeFunction {
		return // not an element: an event a script dispatched on a text node
	}
	e := core.Event{Type: typ, ID: target.Get("id").String(), Key: str(ev.Get("key"))}
	switch typ {
	case "input", "change":
		e.Value, e.Filter = str(target.Get("value")), str(target.Get("dataset").Get("filter"))
	case "focusin", "pointerdown": // a filter about to open lists its choices
		if target.Get("tagName").String() == "SELECT" {
			in.apply(in.c.Render(e.ID))
		}
		return
	case "click":
		if el := target.Call("closest", "[data-star],[data-open],[data-view],[data-ics],[data-close],button[id]"); !el.IsNull() {
			e.ID = el.Get("id").String()
			for _, a := range []string{"star", "open", "view", "ics", "close"} {
				if v := el.Get("dataset").Get(a); v.Type() == js.TypeString {
					e.Action, e.Arg = a, v.String()
					break
				}
			}
		}
	}
	fx := in.c.Handle(e)
	if fx.Zone {
		in.setZone(in.c.State().Local)
	}
	if fx.Favourite >= 0 {
		in.store("favourites", in.c.Favourites())
		in.dispatch("agenda:favourite", map[string]any{"slug": in.c.Bundle().Session(fx.Favourite).Slug(), "favourite": in.c.Favourite(fx.Favourite)})
	}
	if fx.Render {
		in.update(fx.Push)
	}
	if fx.Open >= 0 {
		in.openDetails(fx.Open, fx.Push)
	}
	if fx.Close {
		in.closeDetails()
	}
	if fx.Download != nil {
		in.downloadICS(fx.Download, fx.File)
	}
	if fx.Focus != "" {
		in.node(fx.Focus).Call("focus")
	}
	if typ == "keydown" && fx.Focus != "" {
		ev.Call("preventDefault") // the arrow moved between tabs, not the page
	}
}

// setZone shows times in the viewer's zone, or the venue's, and remembers
// the choice.
func (in *Instance) setZone(local bool) {
	in.c.SetClock(newClock(in.c.Lang(), in.c.Bundle().Conference().TimeZone, local), local)
	zone := "venue"
	if local {
		zone = "local"
	}
	in.store("timeZone", zone)
}

// str is v as a string, "" when it is not one.
func str(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

func (in *Instance) openDetails(i int, push bool) {
	in.c.Open(i)
	in.node("dlg").Set("innerHTML", in.c.Details(i, in.permalink(in.c.Bundle().Session(i).Slug())))
	if !in.node("dlg").Get("open").Bool() {
		in.node("dlg").Call("showModal")
	}
	if push {
		in.writeURL(true)
	}
	in.dispatch("agenda:select", map[string]any{"slug": in.c.State().Session})
}

func (in *Instance) closeDetails() {
	if in.node("dlg").Get("open").Bool() {
		in.node("dlg").Call("close")
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

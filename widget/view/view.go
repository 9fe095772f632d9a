//go:build js && wasm

// Package view is the widget's thin browser layer: it mounts a core.Widget,
// which decides what is shown, in a host element's shadow root, writes the
// frames it computes and carries events, Intl, storage and the URL fragment.
//
// Runs in: the browser (GOOS=js) only.
package view

import (
	"cmp"
	"syscall/js"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/core"
)

// Instance is one mounted schedule. Instances share only the bundle and the base stylesheet.
type Instance struct {
	host, shadow, root  js.Value
	c                   *core.Widget
	opts                Options
	prefix, conf        string              // of its keys in the URL fragment ("agenda.") and in storage
	sheets              map[string]js.Value // layout: grid positions; facets: what the filters hide
	nodes               map[string]js.Value // elements by id, until their markup is rewritten
	funcs               []js.Func
	more, flush         js.Func
	listening           js.Value  // an AbortController whose signal every listener has
	moreTimer, urlTimer js.Value  // pending renderMore and URL write (see writeURL)
	urlDue              time.Time // ...due once the attendee pauses
	urlPush, destroyed  bool
	warm                bool   // the search text is folded
	batch               []byte // hidden flips for the loader's __agendaFlip
}

type Options = core.Options // read from the host

// takeover tells the instance in a shadow root that a new mount or an error
// takes its place (see claim): mounting twice is harmless, and which element
// holds which handle is the loader's to know, not Go's.
const takeover = "agenda:takeover"

// listened are the events the instance's one listener hears on its shadow root (not
// #root: a new skeleton keeps them), while capturing: the dialog's close does not bubble.
var listened = []string{"click", "input", "change", "keydown", "focusin", "pointerdown", "close", takeover}

var (
	baseSheet js.Value               // shared by every instance
	prefixes  = core.Prefixes{}      // of the live instances' URL keys
	hidden    = js.ValueOf("hidden") // made a JS string once, not per node
)

// Mount shows b in host, or why it cannot (the instance is then destroyed).
func Mount(host js.Value, b *bundle.Bundle, o Options) *Instance {
	in := &Instance{host: host, opts: o}
	protect(in.fail, func() { in.mount(b) })
	return in
}

func (in *Instance) mount(b *bundle.Bundle) {
	in.shadow = claim(in.host)
	in.prefix, in.conf = prefixes.Take(str(in.host.Get("id"))), b.Conference().ID
	o := in.opts
	o.TimeZone = cmp.Or(o.TimeZone, in.load("timeZone")) // the attendee's last choice, unless the page says
	lang := in.lang()
	in.c = core.New(b, o, lang, newClock(lang, b.Conference().TimeZone, o.TimeZone == "local"), func() int64 { return time.Now().Unix() })
	in.c.SetFavourites(in.load("favourites"))
	in.c.ReadFragment(hash(), in.prefix, true)

	in.sheets = map[string]js.Value{"layout": newSheet(""), "facets": newSheet("")}
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base(), in.sheets["layout"], in.sheets["facets"]))
	// One listener for all; Destroy removes them at once, through the signal.
	handler := in.funcOf(in.onEvent)
	in.listening = js.Global().Get("AbortController").New()
	opts := js.ValueOf(map[string]any{"signal": in.listening.Get("signal"), "capture": true})
	for _, typ := range listened {
		in.shadow.Call("addEventListener", typ, handler, opts)
	}
	js.Global().Call("addEventListener", "popstate", handler, opts)
	js.Global().Call("addEventListener", "hashchange", handler, opts)
	in.flush = in.funcOf(func([]js.Value) {
		if wait := time.Until(in.urlDue); wait > 0 && in.urlTimer.Truthy() { // typing goes on
			in.urlTimer = js.Global().Call("setTimeout", in.flush, wait.Milliseconds()+1)
			return
		}
		in.flushURL()
	})
	in.more = in.funcOf(func([]js.Value) { in.renderMore() })
	in.draw()
	in.host.Get("dataset").Set("state", "ready")
	in.dispatch("agenda:ready", nil)
	if i, ok := in.c.Opened(); ok {
		in.openDetails(i, false)
	}
}

func (in *Instance) lang() string {
	return cmp.Or(in.opts.Lang, str(js.Global().Get("navigator").Get("language")))
}

func (in *Instance) draw() {
	in.shadow.Set("innerHTML", in.c.Skeleton())
	in.root = in.shadow.Call("getElementById", "root")
	in.nodes = map[string]js.Value{}
	in.update(false)
}

// funcOf is funcOf for the instance's listeners and timers: a panic in one
// takes down this instance alone. Destroy stops and releases them.
func (in *Instance) funcOf(fn func(args []js.Value)) js.Func {
	f := funcOf(in.fail, fn)
	in.funcs = append(in.funcs, f)
	return f
}

func (in *Instance) fail(why string) { failed(in.host, in, in.opts.Lang, "", why) }

// failed takes down in (if any) and shows in host why, in lang, and which
// src would not load, if that is why: never a blank box.
func failed(host js.Value, in *Instance, lang, src, why string) {
	catch(in.Destroy)
	msg := core.Failed(lang, src, why)
	js.Global().Get("console").Call("error", "agenda: "+msg)
	shadow := claim(host)
	shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New(base()))
	shadow.Set("innerHTML", core.ErrorHTML(msg))
	host.Get("dataset").Set("state", "error")
}

// claim is the host's open shadow root (attached the first time) for a new
// schedule or an error: the instance that showed there steps aside.
func claim(host js.Value) js.Value {
	s := host.Get("shadowRoot")
	if !s.Truthy() {
		return host.Call("attachShadow", map[string]any{"mode": "open"})
	}
	s.Call("dispatchEvent", js.Global().Get("Event").New(takeover))
	return s
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

// Set applies the host's options o, of which the given ones changed. A new
// language or theme rewrites the skeleton, where every word is, in place:
// state, favourites, the open dialog, listeners and stylesheets stay.
func (in *Instance) Set(o Options, given map[string]bool) {
	in.opts = o
	if given["timeZone"] {
		in.setZone(o.TimeZone == "local")
	}
	in.c.SetOptions(o, given)
	if given["lang"] || given["theme"] {
		lang := in.lang()
		in.c.SetLang(lang, newClock(lang, in.c.Bundle().Conference().TimeZone, in.c.State().Local))
		in.draw()
		if i, ok := in.c.Opened(); ok {
			in.showDetails(i)
		}
		return
	}
	in.update(false)
}

// Destroy unmounts, also after a mount that failed half way, and takes nil.
func (in *Instance) Destroy() {
	if in == nil || in.destroyed {
		return
	}
	catch(in.flushURL)
	in.destroyed = true
	prefixes.Release(in.prefix)
	js.Global().Call("clearTimeout", in.moreTimer) // undefined: none
	js.Global().Call("clearTimeout", in.urlTimer)
	if in.listening.Truthy() {
		in.listening.Call("abort")
	}
	for _, f := range in.funcs {
		f.Release()
	}
	in.shadow.Set("innerHTML", "")
	in.shadow.Set("adoptedStyleSheets", js.Global().Get("Array").New())
}

// update renders the state; push records the change in the browser history.
func (in *Instance) update(push bool) {
	focused := ""
	if a := in.shadow.Get("activeElement"); a.Truthy() {
		focused = str(a.Get("id"))
	}
	in.apply(in.c.Render(focused))
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
	// The loader's __agendaFlip makes many hidden flips in one call, before the other
	// writes: it reads the layout (a flip of what new markup replaces is harmless).
	flip := js.Global().Get("__agendaFlip")
	loader := flip.Type() == js.TypeFunction
	if in.batch = core.AppendFlips(in.batch[:0], ps); loader && len(in.batch) > 0 {
		flip.Invoke(in.shadow, string(in.batch))
	}
	for _, p := range ps {
		if p.Op == core.SetHidden && loader {
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
			if n.Get("value").String() != p.Value { // else the caret jumps
				n.Set("value", p.Value)
			}
		case core.Append:
			n.Call("insertAdjacentHTML", "beforeend", p.Value)
		}
	}
}

// scheduleMore renders the sessions a new view left for later, then folds the
// search text, a slice per task: a thousand sessions neither delay the first
// paint nor block input, and the first keystroke finds the text folded.
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

// onEvent is the one listener: core decides what an event in the widget means.
func (in *Instance) onEvent(args []js.Value) {
	ev := arg(args, 0)
	typ, target := ev.Get("type").String(), ev.Get("target")
	switch {
	case typ == takeover:
		in.Destroy()
	case typ == "popstate" || typ == "hashchange":
		in.fromURL()
	case typ == "close": // the dialog closed (Escape too): forget its session. Not
		// closeDetails: the event comes a task later, maybe after another
		// session's dialog opened, which must stay open.
		if !in.node("dlg").Get("open").Bool() {
			in.forget()
		}
	case typ == "keydown" && !core.TabKey(str(ev.Get("key"))):
		// typing: the input event that follows is what counts
	case target.Get("closest").Type() != js.TypeFunction:
		// not an element: an event a script dispatched on a text node
	case typ == "focusin" || typ == "pointerdown": // a filter about to open lists its choices
		if target.Get("tagName").String() == "SELECT" {
			in.apply(in.c.Render(str(target.Get("id"))))
		}
	default:
		in.effect(in.c.Handle(core.ReadEvent(typ, str(ev.Get("key")), &element{target})), ev)
	}
}

func (in *Instance) effect(fx core.Effect, ev js.Value) {
	if fx.Zone {
		in.setZone(in.c.State().Local)
	}
	if fx.Favourite >= 0 {
		in.save("favourites", in.c.Favourites())
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
		if ev.Get("type").String() == "keydown" {
			ev.Call("preventDefault") // the arrow moved between tabs, not the page
		}
	}
}

// element is a DOM element as core.ReadEvent reads it.
type element struct{ v js.Value }

func (e *element) Prop(name string) string { return str(e.v.Get(name)) }
func (e *element) Data(name string) (string, bool) {
	v := e.v.Get("dataset").Get(name)
	return str(v), v.Type() == js.TypeString
}

func (e *element) Closest(selector string) (core.Element, bool) {
	el := e.v.Call("closest", selector)
	return &element{el}, !el.IsNull()
}

// str is v as a string, "" when it is not one.
func str(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// setZone shows times in the viewer's zone, or the venue's, and remembers it.
func (in *Instance) setZone(local bool) {
	in.c.SetClock(newClock(in.c.Lang(), in.c.Bundle().Conference().TimeZone, local), local)
	in.save("timeZone", core.ZoneOption(local))
}

func (in *Instance) openDetails(i int, push bool) {
	in.c.Open(i)
	in.showDetails(i)
	in.writeURL(push)
	in.dispatch("agenda:select", map[string]any{"slug": in.c.State().Session})
}

func (in *Instance) showDetails(i int) {
	dlg := in.node("dlg")
	dlg.Set("innerHTML", in.c.Details(i, in.permalink(in.c.Bundle().Session(i).Slug())))
	if !dlg.Get("open").Bool() {
		dlg.Call("showModal")
	}
}

func (in *Instance) closeDetails() {
	in.node("dlg").Call("close") // none if closed already
	in.forget()
}

func (in *Instance) forget() {
	if in.c.State().Session != "" {
		in.c.Close()
		in.writeURL(false)
	}
}

// dispatch tells the page, on the host; detail nil is null.
func (in *Instance) dispatch(name string, detail any) {
	o := map[string]any{"bubbles": true, "composed": true, "detail": detail}
	in.host.Call("dispatchEvent", js.Global().Get("CustomEvent").New(name, o))
}

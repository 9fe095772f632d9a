//go:build js && wasm

package view

import (
	"strings"
	"syscall/js"

	"github.com/agendaconf/agenda/widget/text/richtext"
)

// The URL fragment holds filters and view as prefixed keys, e.g.
// #agenda.day=2026-10-08&agenda.q=zero, so links and the back button work
// and two instances on one page keep apart. Other keys are left alone.

func (in *Instance) params() js.Value {
	hash := js.Global().Get("location").Get("hash").String()
	return js.Global().Get("URLSearchParams").New(strings.TrimPrefix(hash, "#"))
}

// readURL makes the fragment's keys the state; it reports whether that
// changed anything.
func (in *Instance) readURL(merge bool) bool {
	p := in.params()
	return in.c.Apply(in.c.FromParams(func(k string) (string, bool) {
		v := p.Call("get", in.prefix+k)
		if v.Type() != js.TypeString {
			return "", false
		}
		return v.String(), true
	}, merge))
}

// fromURL follows the back button or an edited URL.
func (in *Instance) fromURL() {
	if in.urlTimer.Truthy() { // the URL the attendee went to wins over ours
		js.Global().Call("clearTimeout", in.urlTimer)
		in.urlTimer = js.Value{}
		in.urlPush = false
	}
	if !in.readURL(false) {
		return
	}
	in.update(false)
	if i, ok := in.c.Bundle().SessionBySlug(in.c.State().Session); ok && in.c.State().Session != "" {
		in.openDetails(i, false)
	} else {
		in.closeDetails()
	}
}

// writeURL records the state in the URL fragment a moment later, so that
// typing does not wait on the browser's history (replaceState costs more than
// the rest of a keystroke) and a burst of changes makes one history entry.
func (in *Instance) writeURL(push bool) {
	in.urlPush = in.urlPush || push
	if !in.urlTimer.Truthy() && !in.destroyed {
		in.urlTimer = js.Global().Call("setTimeout", in.flush, 250)
	}
}

// flushURL writes a pending state to the URL now.
func (in *Instance) flushURL() {
	if !in.urlTimer.Truthy() || in.destroyed {
		return
	}
	js.Global().Call("clearTimeout", in.urlTimer)
	in.urlTimer = js.Value{}
	push := in.urlPush
	in.urlPush = false
	p := in.params()
	in.c.Params(func(k, v string) {
		if v == "" {
			p.Call("delete", in.prefix+k)
		} else {
			p.Call("set", in.prefix+k, v)
		}
	})
	loc := js.Global().Get("location")
	hash := p.Call("toString").String()
	if hash != "" {
		hash = "#" + hash
	}
	if hash == loc.Get("hash").String() {
		return
	}
	url := loc.Get("pathname").String() + loc.Get("search").String() + hash
	// History may refuse (a sandboxed iframe's opaque origin, a router that
	// wraps it): then the URL just does not follow, and the widget carries on.
	catch(func() {
		h := js.Global().Get("history")
		if push {
			h.Call("pushState", js.Null(), "", url)
		} else {
			h.Call("replaceState", h.Get("state"), "", url)
		}
	})
}

// permalink is this page's address opened on one session. A page that has
// no web address (file:, about:srcdoc, blob:) gets a link within itself:
// an href is only ever http, https, mailto or a fragment.
func (in *Instance) permalink(slug string) string {
	p := js.Global().Get("URLSearchParams").New()
	p.Call("set", in.prefix+"session", slug)
	frag := "#" + p.Call("toString").String()
	page, _, _ := strings.Cut(js.Global().Get("location").Get("href").String(), "#")
	if !richtext.SafeURL(page) {
		return frag
	}
	return page + frag
}

// Storage: favourites live under the conference id and the session slug, so
// they survive a rebuild that reorders sessions. Storage may be missing, full
// or blocked (private modes, partner iframes, where merely reading
// localStorage throws): then memory keeps what it would not, for the page's
// life. What storage returns is anyone's: any string, any length.

// memory holds what storage refused, by key; it wins over storage.
var memory = map[string]string{}

func (in *Instance) key(name string) string {
	return "agenda:" + in.conf + ":" + name
}

// storage calls localStorage[method](args...); it panics where storage throws.
func storage(method string, args ...any) js.Value {
	return reflectGet(js.Global(), "localStorage").Call(method, args...)
}

func (in *Instance) load(name string) (v string) {
	k := in.key(name)
	if v, ok := memory[k]; ok {
		return v
	}
	catch(func() {
		if x := storage("getItem", k); x.Type() == js.TypeString {
			v = x.String()
		}
	})
	return v
}

func (in *Instance) store(name, v string) {
	k := in.key(name)
	if catch(func() { storage("setItem", k, v) }) == nil {
		delete(memory, k)
	} else {
		memory[k] = v
	}
}

// downloadICS offers the calendar of sessions as a file called name.
func (in *Instance) downloadICS(sessions []int, name string) {
	data := in.c.Calendar(sessions, in.permalink, in.c.Now())
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	o := js.Global().Get("Object").New()
	o.Set("type", "text/calendar;charset=utf-8")
	blob := js.Global().Get("Blob").New(js.Global().Get("Array").New(arr), o)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("hidden", true)
	in.root.Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
}

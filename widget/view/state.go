//go:build js && wasm

package view

import (
	"syscall/js"
	"time"

	"github.com/agendaconf/agenda/widget/core"
)

// hash is the URL fragment, where each widget keeps its state (see core.Fragment).
func hash() string { return js.Global().Get("location").Get("hash").String() }

// fromURL follows the back button or an edited URL.
func (in *Instance) fromURL() {
	js.Global().Call("clearTimeout", in.urlTimer) // the URL the attendee went to wins over ours
	in.urlTimer, in.urlPush = js.Value{}, false
	if !in.c.ReadFragment(hash(), in.prefix, false) {
		return
	}
	in.update(false)
	if i, ok := in.c.Opened(); ok {
		in.openDetails(i, false)
	} else {
		in.closeDetails()
	}
}

// writeURL records the state in the URL fragment once the attendee pauses, so typing never waits on history
// (replaceState costs more than a keystroke). One timer, not one per key: fired early, it waits (see mount).
func (in *Instance) writeURL(push bool) {
	const quiet = 600 * time.Millisecond // more than between two keys of someone typing
	in.urlPush, in.urlDue = in.urlPush || push, time.Now().Add(quiet)
	if !in.urlTimer.Truthy() && !in.destroyed {
		in.urlTimer = js.Global().Call("setTimeout", in.flush, int(quiet/time.Millisecond))
	}
}

// flushURL writes a pending state to the URL now.
func (in *Instance) flushURL() {
	if !in.urlTimer.Truthy() || in.destroyed {
		return
	}
	js.Global().Call("clearTimeout", in.urlTimer)
	push := in.urlPush
	in.urlTimer, in.urlPush = js.Value{}, false
	frag := in.c.Fragment(hash(), in.prefix)
	if frag == hash() {
		return
	}
	loc := js.Global().Get("location")
	url := loc.Get("pathname").String() + loc.Get("search").String() + frag
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

func (in *Instance) permalink(slug string) string {
	return core.Permalink(js.Global().Get("location").Get("href").String(), in.prefix, slug)
}

// store is localStorage where the page lets it (read with Reflect.get: it may
// throw). Keys hold the conference id, favourites the sessions' slugs, which
// survive a rebuild that reorders sessions.
var store = core.Store{
	Get: func(k string) string { return str(reflectGet(js.Global(), "localStorage").Call("getItem", k)) },
	Set: func(k, v string) { reflectGet(js.Global(), "localStorage").Call("setItem", k, v) },
}

func (in *Instance) load(name string) string { return store.Load("agenda:" + in.conf + ":" + name) }
func (in *Instance) save(name, v string)     { store.Save("agenda:"+in.conf+":"+name, v) }

// downloadICS offers the calendar of sessions as a file called name.
func (in *Instance) downloadICS(sessions []int, name string) {
	data := in.c.Calendar(sessions, in.permalink, in.c.Now())
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": "text/calendar;charset=utf-8"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	js.Global().Get("Object").Call("assign", a, map[string]any{"href": url, "download": name, "hidden": true})
	in.root.Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
}

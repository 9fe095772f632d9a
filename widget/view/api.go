//go:build js && wasm

package view

import (
	"errors"
	"syscall/js"
	"unsafe"

	"github.com/agendaconf/agenda/widget/bundle"
)

// API builds the one object the loader receives: {version, mount(element,
// options) -> {set(options), destroy()}}. data is the programme's bundle that
// came with the wasm (nil when none did), used unless options.src names
// another. API keeps data: the caller must never write it again.
func API(version string, data []byte) js.Value {
	var embedded *bundle.Bundle
	embeddedErr := errNoBundle
	if data != nil {
		embedded, embeddedErr = bundle.Open(unsafe.String(unsafe.SliceData(data), len(data)))
	}
	api := js.Global().Get("Object").New()
	api.Set("version", version)
	api.Set("mount", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeObject {
			js.Global().Get("console").Call("error", "agenda: mount needs an element")
			return js.Null()
		}
		host := args[0]
		var opts js.Value
		if len(args) > 1 {
			opts = args[1]
		}
		o, _ := ParseOptions(opts)
		h := &handle{host: host}
		if o.Src != "" {
			h.fetch(o)
		} else if embeddedErr != nil {
			MountError(host, wordsFor(o.Lang).failed+embeddedErr.Error())
		} else {
			h.mount(embedded, o)
		}
		return h.js()
	}))
	return api
}

// errNoBundle is why a widget without src cannot mount from a module that
// carries no programme (one built by go build, not by agenda site).
var errNoBundle = errors.New("this agenda.wasm carries no programme (write the site with agenda site), and no src was given")

// handle is what mount returns. It survives the wait for a src bundle: set
// and destroy before it arrives are remembered.
type handle struct {
	host      js.Value
	in        *Instance
	pending   Options
	given     map[string]bool
	destroyed bool
	funcs     []js.Func
}

func (h *handle) mount(b *bundle.Bundle, o Options) {
	defer func() {
		if r := recover(); r != nil {
			msg := "internal error"
			if e, ok := r.(error); ok {
				msg = e.Error()
			}
			MountError(h.host, wordsFor(o.Lang).failed+msg)
		}
	}()
	h.in = Mount(h.host, b, o)
	if h.given != nil {
		h.in = h.in.Set(h.pending, h.given)
	}
}

// fetch loads a bundle from o.Src (a partner showing another event, fresh data
// without a rebuild), then mounts it, or shows why it could not.
func (h *handle) fetch(o Options) {
	h.host.Get("dataset").Set("state", "loading")
	w := wordsFor(o.Lang)
	fail := func(why string) {
		if !h.destroyed {
			MountError(h.host, w.failedSrc+o.Src+": "+why)
		}
	}
	var onResp, onBuf, onErr js.Func
	release := func() { onResp.Release(); onBuf.Release(); onErr.Release() }
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer release()
		msg := "network error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		fail(msg)
		return nil
	})
	onBuf = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer release()
		arr := js.Global().Get("Uint8Array").New(args[0])
		data := make([]byte, arr.Length())
		js.CopyBytesToGo(data, arr)
		// The bundle keeps pointing into data, which nothing writes again:
		// no need for a second copy of a megabyte as a string.
		b, err := bundle.Open(unsafe.String(unsafe.SliceData(data), len(data)))
		if err != nil {
			fail(err.Error())
			return nil
		}
		if !h.destroyed {
			h.mount(b, o)
		}
		return nil
	})
	onResp = js.FuncOf(func(_ js.Value, args []js.Value) any {
		r := args[0]
		if !r.Get("ok").Bool() {
			defer release()
			fail("HTTP " + r.Get("status").Call("toString").String())
			return nil
		}
		return r.Call("arrayBuffer").Call("then", onBuf, onErr)
	})
	js.Global().Call("fetch", o.Src).Call("then", onResp).Call("catch", onErr)
}

func (h *handle) js() js.Value {
	o := js.Global().Get("Object").New()
	set := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		opts, given := ParseOptions(args[0])
		if h.in != nil {
			h.in = h.in.Set(opts, given)
			return nil
		}
		if h.given == nil {
			h.given = map[string]bool{}
		}
		for k := range given {
			*h.pending.field(k) = *opts.field(k)
			h.given[k] = true
		}
		return nil
	})
	destroy := js.FuncOf(func(js.Value, []js.Value) any {
		if h.destroyed {
			return nil
		}
		h.destroyed = true
		if h.in != nil {
			h.in.Destroy()
		}
		for _, f := range h.funcs {
			f.Release()
		}
		return nil
	})
	h.funcs = []js.Func{set, destroy}
	o.Set("set", set)
	o.Set("destroy", destroy)
	return o
}

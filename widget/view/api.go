//go:build js && wasm

package view

import (
	"errors"
	"strconv"
	"syscall/js"
	"unsafe"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/core"
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
		host := arg(args, 0)
		if host.Type() != js.TypeObject {
			js.Global().Get("console").Call("error", "agenda: mount needs an element")
			return js.Null()
		}
		h := &handle{host: host, embedded: embedded, embeddedErr: embeddedErr}
		o := h.js() // first: even a widget that fails at once can be set or destroyed
		protect(h.oops, func() {
			h.opts, _ = ParseOptions(arg(args, 1))
			h.load()
		})
		return o
	}))
	return api
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
	for _, k := range core.OptionKeys() {
		x := reflectGet(v, k)
		switch x.Type() {
		case js.TypeString:
			*o.Field(k) = x.String()
			given[k] = true
		case js.TypeNull:
			given[k] = true
		}
	}
	return o, given
}

// errNoBundle is why a widget without src cannot mount from a module that
// carries no programme (one built by go build, not by agenda site).
var errNoBundle = errors.New("this agenda.wasm carries no programme (write the site with agenda site), and no src was given")

// One Go runtime serves every widget on the page, and a panic that leaves a
// js.FuncOf callback ends it: every widget stops answering. So each way in
// from JS (mount, set, destroy, listeners, timers, fetch callbacks) goes
// through protect, which turns a panic into an error shown on that widget
// alone. A JS exception inside Call, New or Invoke becomes a panic (js.Error)
// that recover sees; one inside js.Value.Get unwinds through the wasm where
// nothing can catch it, so properties that may throw (storage, a host's
// options object) are read with Reflect.get through Call.

// catch runs fn and returns what it panicked with, nil if it did not.
func catch(fn func()) (r any) {
	defer func() { r = recover() }()
	fn()
	return nil
}

// protect runs fn; a panic in it goes to fail, as words, and no further.
func protect(fail func(why string), fn func()) {
	if r := catch(fn); r != nil {
		catch(func() { fail(why(r)) })
	}
}

// funcOf is js.FuncOf behind protect, for callbacks that return nothing.
// Not inlined: the wasm would carry a copy of its closures per caller.
//
//go:noinline
func funcOf(fail func(why string), fn func(args []js.Value)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		protect(fail, func() { fn(args) })
		return nil
	})
}

// why puts what a panic carried into words.
func why(r any) (s string) {
	s = "internal error"
	catch(func() {
		switch e := r.(type) {
		case js.Error: // its Error method reads .message, which a thrown string lacks
			s = text(e.Value)
		case error:
			s = e.Error()
		case string:
			s = e
		}
	})
	return s
}

// text is String(v) in JS: "TypeError: Failed to fetch". It panics if v's
// toString throws.
func text(v js.Value) string { return js.Global().Call("String", v).String() }

// reflectGet is Reflect.get(o, k): see the note above catch.
func reflectGet(o js.Value, k string) js.Value { return js.Global().Get("Reflect").Call("get", o, k) }

// arg is args[i], undefined when the caller passed fewer.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// handle is what mount returns. It outlives the wait for a src bundle, an
// error and a change of src: options set meanwhile are kept in opts.
type handle struct {
	host        js.Value
	opts        Options // every option given so far
	in          *Instance
	embedded    *bundle.Bundle
	embeddedErr error
	loads       int // counts loads: a response to an earlier one is dropped
	destroyed   bool
	funcs       []js.Func
}

// load shows the programme opts.Src names, or the embedded one.
func (h *handle) load() {
	h.loads++
	switch {
	case h.opts.Src != "":
		h.fetch(h.loads, h.opts.Src)
	case h.embeddedErr != nil:
		h.fail("", h.embeddedErr.Error())
	default:
		h.in = Mount(h.host, h.embedded, h.opts)
	}
}

// fail takes down what the widget shows and says why instead; src names the
// bundle that would not load, if that is the reason.
func (h *handle) fail(src, why string) {
	if h.destroyed {
		return
	}
	if h.in != nil {
		catch(h.in.Destroy)
	}
	MountError(h.host, core.Failed(h.opts.Lang, src, why))
}

func (h *handle) oops(why string) { h.fail("", why) }

// fetch loads a bundle from src (a partner showing another event, fresh data
// without a rebuild), then mounts it, or shows why it could not. What is
// shown stays until then; a later load or destroy makes this one moot.
func (h *handle) fetch(load int, src string) {
	h.host.Get("dataset").Set("state", "loading")
	var onResp, onBuf, onErr js.Func
	done := func(why string, data []byte) {
		onResp.Release()
		onBuf.Release()
		onErr.Release()
		if load != h.loads || h.destroyed {
			return
		}
		if why == "" {
			// The bundle keeps pointing into data, which nothing writes
			// again: no need for a second copy of a megabyte as a string.
			b, err := bundle.Open(unsafe.String(unsafe.SliceData(data), len(data)))
			if err == nil {
				h.in = Mount(h.host, b, h.opts)
				return
			}
			why = err.Error()
		}
		h.fail(src, why)
	}
	fail := func(why string) { done(why, nil) }
	onErr = funcOf(fail, func(args []js.Value) { done(text(arg(args, 0)), nil) })
	onBuf = funcOf(fail, func(args []js.Value) {
		arr := js.Global().Get("Uint8Array").New(arg(args, 0))
		data := make([]byte, arr.Length())
		js.CopyBytesToGo(data, arr)
		done("", data)
	})
	onResp = funcOf(fail, func(args []js.Value) {
		r := arg(args, 0)
		if r.Type() != js.TypeObject {
			done("no response", nil)
			return
		}
		if !r.Get("ok").Truthy() {
			why := "HTTP"
			if s := r.Get("status"); s.Type() == js.TypeNumber {
				why += " " + strconv.Itoa(s.Int())
			}
			done(why, nil)
			return
		}
		r.Call("arrayBuffer").Call("then", onBuf, onErr)
	})
	protect(fail, func() { js.Global().Call("fetch", src).Call("then", onResp, onErr) })
}

func (h *handle) js() js.Value {
	o := js.Global().Get("Object").New()
	set := funcOf(h.oops, func(args []js.Value) {
		if h.destroyed {
			return
		}
		opts, given := ParseOptions(arg(args, 0))
		src := h.opts.Src
		for k := range given {
			*h.opts.Field(k) = *opts.Field(k)
		}
		shown := h.in != nil && !h.in.destroyed
		if shown {
			h.in = h.in.Set(opts, given)
		} // else loading or failed: the next mount reads h.opts
		if given["src"] && (h.opts.Src != src || !shown) {
			h.load() // a new programme, with the other options as they are now
		}
	})
	destroy := funcOf(h.oops, func([]js.Value) {
		if h.destroyed {
			return
		}
		h.destroyed = true
		if h.in != nil {
			catch(h.in.Destroy)
		}
		for _, f := range h.funcs {
			f.Release()
		}
	})
	h.funcs = []js.Func{set, destroy}
	o.Set("set", set)
	o.Set("destroy", destroy)
	return o
}

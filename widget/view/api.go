//go:build js && wasm

package view

import (
	"errors"
	"strconv"
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
		embedded, embeddedErr = openBundle(data)
	}
	return js.ValueOf(map[string]any{"version": version, "mount": js.FuncOf(func(_ js.Value, args []js.Value) any {
		host := arg(args, 0)
		if host.Type() != js.TypeObject {
			js.Global().Get("console").Call("error", "agenda: mount needs an element")
			return js.Null()
		}
		h := &handle{host: host, embedded: embedded, embeddedErr: embeddedErr}
		o := h.js() // first: even a widget that fails at once can be set or destroyed
		protect(h.oops, func() {
			readOptions(arg(args, 1), &h.opts)
			h.load()
		})
		return o
	})})
}

// openBundle reads a bundle in place: it keeps pointing into data, which
// nothing writes again, so a megabyte is not copied into a string.
func openBundle(data []byte) (*bundle.Bundle, error) {
	return bundle.Open(unsafe.String(unsafe.SliceData(data), len(data)))
}

// readOptions sets the options a plain JS object gives (strings; null clears
// one) and says which. A getter of the host's that throws panics (see protect).
func readOptions(v js.Value, o *Options) map[string]bool {
	return o.SetFrom(func(k string) (string, bool) {
		if v.Type() != js.TypeObject {
			return "", false
		}
		x := reflectGet(v, k)
		return str(x), x.Type() == js.TypeString || x.IsNull()
	})
}

// errNoBundle: a wasm built by go build, not by agenda site, and no src.
var errNoBundle = errors.New("this agenda.wasm carries no programme (write the site with agenda site), and no src was given")

// One Go runtime serves every widget on the page, and a panic that leaves a
// js.FuncOf callback ends it: so each way in from JS goes through protect,
// which shows the panic on that widget alone. A JS exception in Call, New or
// Invoke is a panic recover sees; one in js.Value.Get unwinds where nothing
// can catch it: properties that may throw are read with Reflect.get.

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

// text is String(v) in JS, "TypeError: Failed to fetch"; it panics if toString throws.
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

// handle is what mount returns; it owns the instance it mounts, and outlives
// the wait for a src bundle, an error and a change of src.
type handle struct {
	host        js.Value
	opts        Options // every option given so far
	in          *Instance
	embedded    *bundle.Bundle
	embeddedErr error
	loads       int // counts loads: a response to an earlier one is dropped
	destroyed   bool
}

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

// fail shows why instead of the widget; src is the bundle that would not load, if any.
func (h *handle) fail(src, why string) {
	if !h.destroyed {
		failed(h.host, h.in, h.opts.Lang, src, why)
	}
}

func (h *handle) oops(why string) { h.fail("", why) }

// fetch mounts the bundle at src (another event's, fresh data), or says why
// not. What is shown stays until then; a later load or destroy makes it moot.
func (h *handle) fetch(load int, src string) {
	h.host.Get("dataset").Set("state", "loading")
	var next, onErr js.Func
	done := func(b *bundle.Bundle, err error) {
		next.Release()
		onErr.Release()
		switch {
		case load != h.loads || h.destroyed: // moot
		case err != nil:
			h.fail(src, err.Error())
		default:
			h.in = Mount(h.host, b, h.opts)
		}
	}
	fail := func(why string) { done(nil, errors.New(why)) }
	onErr = funcOf(fail, func(args []js.Value) { fail(text(arg(args, 0))) })
	// next takes the response, then its body.
	next = funcOf(fail, func(args []js.Value) {
		switch r := arg(args, 0); {
		case r.InstanceOf(js.Global().Get("ArrayBuffer")):
			data := make([]byte, r.Get("byteLength").Int())
			js.CopyBytesToGo(data, js.Global().Get("Uint8Array").New(r))
			done(openBundle(data))
		case !r.Get("ok").Truthy():
			fail("HTTP " + strconv.Itoa(r.Get("status").Int()))
		default:
			r.Call("arrayBuffer").Call("then", next, onErr)
		}
	})
	protect(fail, func() { js.Global().Call("fetch", src).Call("then", next, onErr) })
}

// noop stands in for a destroyed handle's methods: a page may call them
// again, and a released js.Func only logs "call to released function".
var noop = js.FuncOf(func(js.Value, []js.Value) any { return nil })

func (h *handle) js() (o js.Value) {
	var set, destroy js.Func
	set = funcOf(h.oops, func(args []js.Value) {
		src := h.opts.Src
		given := readOptions(arg(args, 0), &h.opts)
		shown := h.in != nil && !h.in.destroyed // else loading or failed: the next mount reads h.opts
		if shown {
			h.in.Set(h.opts, given)
		}
		if given["src"] && (h.opts.Src != src || !shown) {
			h.load() // a new programme, with the other options as they are now
		}
	})
	destroy = funcOf(h.oops, func([]js.Value) {
		h.destroyed = true
		catch(h.in.Destroy)
		o.Set("set", noop)
		o.Set("destroy", noop)
		set.Release()
		destroy.Release()
	})
	return js.ValueOf(map[string]any{"set": set, "destroy": destroy})
}

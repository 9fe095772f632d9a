//go:build js && wasm

// Command widget is the WebAssembly module, free of data: `agenda site`
// appends the programme's bundle to it as a custom section, which the loader
// hands over before main runs. main gives the loader its API and keeps
// running: one Go runtime serves every schedule on the page.
package main

import (
	"syscall/js"

	"github.com/agendaconf/agenda/widget/view"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	// The loader put __agendaBundle (a Uint8Array, if the module has a
	// bundle) and __agendaReady in our scope; without a loader, no API.
	g := js.Global()
	var data []byte
	if b := g.Get("__agendaBundle"); b.InstanceOf(g.Get("Uint8Array")) {
		data = make([]byte, b.Length())
		js.CopyBytesToGo(data, b)
	}
	if ready := g.Get("__agendaReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(view.API(version, data))
	}
	select {}
}

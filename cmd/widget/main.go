//go:build js && wasm

// Command widget is the WebAssembly module: it embeds the demo bundle, hands
// the loader its API (mount, set, destroy, version) and keeps running, since
// one Go runtime serves every schedule on the page.
package main

import (
	_ "embed"
	"syscall/js"

	"github.com/agendaconf/agenda/widget/view"
)

// demo.bin is built from content/ by `make bundle`; a test in this package
// checks that it is up to date.
//
//go:embed demo.bin
var demo string

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	api := view.API(version, demo)
	// The loader put __agendaReady in the scope it runs us in; without a
	// loader (tests, a bare page) the API is simply not handed over.
	if ready := js.Global().Get("__agendaReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(api)
	}
	select {} // never return: every mounted schedule lives in this runtime
}

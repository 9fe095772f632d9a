//go:build js && wasm

// Command partnergo is the partner page's own Go program, run by the stock
// wasm_exec.js with its window.Go, window.fs and window.process: the widget
// must neither break it nor be broken by it.
package main

import "syscall/js"

func main() {
	js.Global().Set("partnerAdd", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	}))
	select {}
}

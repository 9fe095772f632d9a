// Package e2e drives the demo pages in headless Chromium, served over
// loopback by web.Handler, with the real agenda.wasm built from ./cmd/widget.
package e2e

// Package web assembles and serves the widget's site: the loader agenda.js,
// agenda.wasm with its precompressed copies, and the demo host pages.
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
)

//go:embed loader.js
var loaderSource []byte

//go:embed demo
var demo embed.FS

// placeholder is the line of loader.js that wasm_exec.js replaces.
const placeholder = "/*@wasm_exec.js@*/"

// Loader returns agenda.js: loader.js with wasmExec, the toolchain's
// lib/wasm/wasm_exec.js, inlined verbatim inside the loader's closure.
func Loader(wasmExec []byte) []byte {
	before, after, ok := bytes.Cut(loaderSource, []byte(placeholder))
	if !ok {
		panic("web: loader.js has no " + placeholder + " line")
	}
	out := make([]byte, 0, len(loaderSource)+len(wasmExec)+1)
	out = append(out, before...)
	out = append(out, bytes.TrimRight(wasmExec, "\n")...)
	return append(out, after...)
}

// Names of the files WriteSite writes besides the demo pages.
const (
	LoaderFile = "agenda.js"
	WasmFile   = "agenda.wasm"
)

// WriteSite writes the site into dir, creating it: agenda.js (from wasmExec),
// agenda.wasm with agenda.wasm.br and agenda.wasm.gz beside it, and the demo
// pages. wasmExec is the lib/wasm/wasm_exec.js of the Go that built wasm.
func WriteSite(dir string, wasm, wasmExec []byte) error {
	return Site{Wasm: wasm, WasmExec: wasmExec}.Write(dir)
}

// Site is what WriteSite writes, for callers that need to tune it.
type Site struct {
	Wasm     []byte // agenda.wasm, built with GOOS=js GOARCH=wasm from ./cmd/widget
	WasmExec []byte // lib/wasm/wasm_exec.js of the Go that built Wasm
	// BrotliQuality is 0 to 11; 0 means 11, the smallest and slowest (seconds
	// per megabyte). Tests that build a site each run may trade size for time.
	BrotliQuality int
}

// Write writes the site into dir, as WriteSite does.
func (s Site) Write(dir string) error {
	wasm, wasmExec := s.Wasm, s.WasmExec
	if len(wasm) < 8 || !bytes.Equal(wasm[:4], []byte("\x00asm")) {
		return errors.New("agenda.wasm is not a WebAssembly module")
	}
	if !bytes.Contains(wasmExec, []byte("globalThis.Go = class")) {
		return errors.New("wasm_exec.js does not look like Go's lib/wasm/wasm_exec.js")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Brotli at quality 11 takes seconds on a few megabytes: run both at once.
	var br, gz []byte
	var brErr, gzErr error
	var wg sync.WaitGroup
	quality := s.BrotliQuality
	if quality <= 0 || quality > brotli.BestCompression {
		quality = brotli.BestCompression
	}
	wg.Go(func() { br, brErr = compressBrotli(wasm, quality) })
	wg.Go(func() { gz, gzErr = compressGzip(wasm) })
	wg.Wait()
	if err := errors.Join(brErr, gzErr); err != nil {
		return fmt.Errorf("compressing agenda.wasm: %w", err)
	}
	files := map[string][]byte{
		LoaderFile:       Loader(wasmExec),
		WasmFile:         wasm,
		WasmFile + ".br": br,
		WasmFile + ".gz": gz,
	}
	err := fs.WalkDir(demo, "demo", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := demo.ReadFile(path)
		files[filepath.FromSlash(path[len("demo/"):])] = data
		return err
	})
	if err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func compressBrotli(data []byte, quality int) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, quality)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	err := w.Close()
	return buf.Bytes(), err
}

func compressGzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	err := w.Close()
	return buf.Bytes(), err
}

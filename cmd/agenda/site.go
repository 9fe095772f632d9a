package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/agendaconf/agenda/web"
	"github.com/agendaconf/agenda/widget/export/static"
)

const siteSynopsis = `site -o DIR [--wasm FILE] [--wasm-exec FILE] [--schedule PATH]

Assembles the widget's site in DIR: agenda.js (the loader, with the Go
toolchain's wasm_exec.js inside it), agenda.wasm with brotli and gzip copies,
and the demo pages. With --schedule, also the static schedule (no JavaScript)
in DIR/schedule/, which the demo pages link to as their fallback.
Serve it with "agenda serve DIR".`

func runSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("site", siteSynopsis, stdout)
	out := fs.String("o", "", "the folder to write (required)")
	wasmFile := fs.String("wasm", "bin/agenda.wasm", "the widget, built with GOOS=js GOARCH=wasm from ./cmd/widget")
	execFile := fs.String("wasm-exec", "", "wasm_exec.js of the Go that built the widget (default: $(go env GOROOT)/lib/wasm/wasm_exec.js)")
	sched := fs.String("schedule", "", "a programme (content folder, schedule.xml/json or bundle) to write as the static fallback schedule")
	var o loadOptions
	o.register(fs)
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "agenda site: unexpected argument %q; run \"agenda site --help\"\n", pos[0])
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "agenda site: missing -o DIR")
		return 2
	}
	schedPath := ""
	if *sched != "" {
		var ok bool
		if schedPath, ok = onePath("site", []string{*sched}, stderr); !ok {
			return 2
		}
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "agenda site: %v\n", err)
		return 1
	}
	wasm, err := os.ReadFile(*wasmFile)
	if err != nil {
		return fail(fmt.Errorf("%w (build it with: GOOS=js GOARCH=wasm go build -o %s ./cmd/widget)", err, *wasmFile))
	}
	if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		return fail(fmt.Errorf("%s: not a WebAssembly module", *wasmFile))
	}
	goVersion := ""
	if *execFile == "" {
		root, version, err := goEnv()
		if err != nil {
			return fail(fmt.Errorf("finding wasm_exec.js: %w; name it with --wasm-exec", err))
		}
		*execFile, goVersion = filepath.Join(root, "lib", "wasm", "wasm_exec.js"), version
	}
	wasmExec, err := os.ReadFile(*execFile)
	if err != nil {
		return fail(err)
	}
	// wasm_exec.js and the runtime inside agenda.wasm talk a private protocol
	// that changes between Go releases: they must come from the same Go.
	if goVersion != "" && !bytes.Contains(wasm, []byte(goVersion)) {
		fmt.Fprintf(stderr, "agenda site: warning: %s was not built by %s, whose wasm_exec.js is used; pass the right one with --wasm-exec\n", *wasmFile, goVersion)
	}
	if schedPath != "" {
		s, d := loadSchedule(schedPath, o)
		if code := report(d, false, stderr); code != 0 || s == nil {
			fmt.Fprintln(stderr, "agenda site: no site written")
			return 1
		}
		if err := os.MkdirAll(filepath.Join(*out, "schedule"), 0o755); err != nil {
			return fail(err)
		}
		if err := static.Write(filepath.Join(*out, "schedule"), s); err != nil {
			return fail(err)
		}
	}
	if err := web.WriteSite(*out, wasm, wasmExec); err != nil {
		return fail(fmt.Errorf("%s: %w", *out, err))
	}
	br, _ := os.Stat(filepath.Join(*out, web.WasmFile+".br"))
	loader, _ := os.Stat(filepath.Join(*out, web.LoaderFile))
	var brSize, loaderSize int
	if br != nil && loader != nil {
		brSize, loaderSize = int(br.Size()), int(loader.Size())
	}
	fmt.Fprintf(stdout, "Wrote %s: %s (%s), %s (%s, %s with brotli). Serve it with: agenda serve %s\n",
		*out, web.LoaderFile, kib(loaderSize), web.WasmFile, kib(len(wasm)), kib(brSize), *out)
	return 0
}

// goEnv returns GOROOT and GOVERSION of the go command on PATH, the one that
// builds the widget; $GOROOT alone when there is no go command.
func goEnv() (root, version string, err error) {
	outb, err := exec.Command("go", "env", "GOROOT", "GOVERSION").Output()
	if err != nil {
		if root := os.Getenv("GOROOT"); root != "" {
			return root, "", nil
		}
		return "", "", fmt.Errorf("go env GOROOT: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(outb)), "\n")
	if len(lines) != 2 || lines[0] == "" {
		return "", "", fmt.Errorf("go env GOROOT GOVERSION printed %q", outb)
	}
	return strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1]), nil
}

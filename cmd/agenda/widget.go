package main

import (
	"embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The data-free widget and its wasm_exec.js, when make put them in embed/
// before building us (see embed/README.md).
//
//go:embed embed
var embedded embed.FS

// widgetFiles returns the widget and wasm_exec.js: from the files named, else
// those embedded at build time. When a file is named but not its
// wasm_exec.js, that of the go command on PATH is taken, and the widget must
// have been built by the same Go.
func widgetFiles(wasmFile, execFile string) (wasm, wasmExec []byte, err error) {
	if wasmFile == "" && execFile == "" {
		wasm, err1 := embedded.ReadFile("embed/agenda.wasm")
		wasmExec, err2 := embedded.ReadFile("embed/wasm_exec.js")
		if err1 == nil && err2 == nil {
			return wasm, wasmExec, nil
		}
		return nil, nil, fmt.Errorf("this agenda was built without the widget inside it: build it with make (or make, then go build ./cmd/agenda), or name one with --wasm FILE")
	}
	if wasmFile == "" {
		if wasm, err = embedded.ReadFile("embed/agenda.wasm"); err != nil {
			return nil, nil, fmt.Errorf("this agenda was built without the widget inside it: name one with --wasm FILE")
		}
	} else if wasm, err = os.ReadFile(wasmFile); err != nil {
		return nil, nil, fmt.Errorf("%w (build it with: GOOS=js GOARCH=wasm go build -o %s ./cmd/widget)", err, wasmFile)
	}
	goVersion := ""
	if execFile == "" {
		root, version, err := goEnv()
		if err != nil {
			return nil, nil, fmt.Errorf("finding wasm_exec.js: %w; name it with --wasm-exec", err)
		}
		execFile, goVersion = filepath.Join(root, "lib", "wasm", "wasm_exec.js"), version
	}
	if wasmExec, err = os.ReadFile(execFile); err != nil {
		return nil, nil, err
	}
	// wasm_exec.js and the runtime inside the wasm talk a private protocol
	// that changes between Go releases: they must come from the same Go.
	if goVersion != "" && !strings.Contains(string(wasm), goVersion) {
		return nil, nil, fmt.Errorf("%s was not built by %s, whose wasm_exec.js this would use; name the right one with --wasm-exec", wasmFile, goVersion)
	}
	return wasm, wasmExec, nil
}

// goEnv returns GOROOT and GOVERSION of the go command on PATH; $GOROOT
// alone when there is no go command.
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

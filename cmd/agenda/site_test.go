package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeWasm writes a WebAssembly header and some bytes: enough for "agenda site".
func fakeWasm(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "agenda.wasm")
	data := append([]byte("\x00asm\x01\x00\x00\x00"), strings.Repeat("not really a widget ", 500)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSite(t *testing.T) {
	wasm := fakeWasm(t)
	out := filepath.Join(t.TempDir(), "web")
	code, stdout, stderr := agenda("site", "-o", out, "--wasm", wasm, "--schedule", "../../content")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "agenda serve "+out) {
		t.Errorf("stdout %q does not say how to serve the site", stdout)
	}
	// The fake wasm names no Go version: the check that wasm_exec.js and
	// agenda.wasm come from the same Go warns.
	if !strings.Contains(stderr, "warning:") || !strings.Contains(stderr, "--wasm-exec") {
		t.Errorf("stderr %q, want a warning that the wasm was not built by this Go", stderr)
	}
	for _, name := range []string{"agenda.js", "agenda.wasm", "agenda.wasm.br", "agenda.wasm.gz", "index.html", "partner.html", "schedule/index.html"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	js, _ := os.ReadFile(filepath.Join(out, "agenda.js"))
	if !strings.Contains(string(js), "globalThis.Go = class") {
		t.Error("agenda.js does not contain wasm_exec.js")
	}
}

func TestSiteWasmExecFlag(t *testing.T) {
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("no go command:", err)
	}
	exec := filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js")
	out := t.TempDir()
	if code, _, stderr := agenda("site", "-o", out, "--wasm", fakeWasm(t), "--wasm-exec", exec); code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := agenda("site", "-o", out, "--wasm", fakeWasm(t), "--wasm-exec", "../../README.md"); code != 1 || !strings.Contains(stderr, "wasm_exec.js") {
		t.Errorf("a wasm_exec.js that is not Go's: exit %d, stderr %q", code, stderr)
	}
}

func TestSiteUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"site", "--help"}, 0, ""},
		{[]string{"site"}, 2, "missing -o DIR"},
		{[]string{"site", "-o", "x", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"site", "-o", "x", "--wasm", "no/such.wasm"}, 1, "build it with: GOOS=js GOARCH=wasm"},
		{[]string{"site", "-o", "x", "--wasm", "../../README.md"}, 1, "not a WebAssembly module"},
		{[]string{"site", "-o", "x", "--wasm", "../../README.md", "--schedule", "no/such"}, 2, "no/such: no such file or folder"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if len(tt.args) > 2 {
				tt.args[2] = filepath.Join(t.TempDir(), tt.args[2])
			}
			code, stdout, stderr := agenda(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.stderr != "" && (!strings.Contains(stderr, tt.stderr) || strings.Count(stderr, "\n") != 1) {
				t.Errorf("stderr %q, want one line containing %q", stderr, tt.stderr)
			}
			if tt.code == 0 && !strings.Contains(stdout, "--wasm-exec") {
				t.Errorf("help %q does not list --wasm-exec", stdout)
			}
		})
	}
}

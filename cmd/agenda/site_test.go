package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeWasm writes the smallest valid WebAssembly module, with a custom
// section of filler: enough for "agenda site", which only appends to it.
func fakeWasm(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "agenda.wasm")
	filler := "not really a widget"
	data := append([]byte("\x00asm\x01\x00\x00\x00\x00"), byte(1+len(filler)), 0)
	data = append(data, filler...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// goWasmExec is the go command's wasm_exec.js, or a skip without one.
func goWasmExec(t *testing.T) string {
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("no go command:", err)
	}
	return filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js")
}

func TestSite(t *testing.T) {
	wasm, wasmExec := fakeWasm(t), goWasmExec(t)
	bin := filepath.Join(t.TempDir(), "demo.bin")
	if code, _, stderr := agenda("build", "../../content", "-o", bin); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	tests := []struct {
		name  string
		args  []string
		title string
	}{
		{"content folder", []string{"../../content"}, "<title>Oxidise Lyon 2026: schedule, 8–9 October 2026</title>"},
		{"renamed", []string{"../../content", "--name", "Oxidise Lyon (draft)"}, "<title>Oxidise Lyon (draft): schedule, 8–9 October 2026</title>"},
		{"bundle", []string{bin}, "<title>Oxidise Lyon 2026: schedule, 8–9 October 2026</title>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "web")
			args := append([]string{"site", "-o", out, "--wasm", wasm, "--wasm-exec", wasmExec}, tt.args...)
			code, stdout, stderr := agenda(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "agenda serve "+out) || !strings.Contains(stdout, "38 sessions on 2 days") {
				t.Errorf("stdout %q does not sum up the site and say how to serve it", stdout)
			}
			for _, name := range []string{"agenda.js", "index.html", "offline.html", "partner.html", "sw.js", "manifest.webmanifest", "_headers", "schedule/index.html", "agenda.bin"} {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Error(err)
				}
			}
			wasms, _ := filepath.Glob(filepath.Join(out, "agenda.*.wasm"))
			if len(wasms) != 1 || !regexp.MustCompile(`agenda\.[0-9a-f]{10}\.wasm$`).MatchString(wasms[0]) {
				t.Errorf("hashed wasm: %v", wasms)
			}
			index, _ := os.ReadFile(filepath.Join(out, "index.html"))
			if !strings.Contains(string(index), tt.title) {
				t.Errorf("index.html lacks %s", tt.title)
			}
		})
	}
}

func TestSiteUsage(t *testing.T) {
	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, "talks"), 0o755)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"site", "--help"}, 0, ""},
		{[]string{"site", "../../content"}, 2, "missing -o DIR"},
		{[]string{"site", "-o", "OUT"}, 2, "want exactly one PATH"},
		{[]string{"site", "-o", "OUT", "no/such"}, 2, "no/such: no such file or folder"},
		{[]string{"site", "-o", "OUT", "--wasm", "no/such.wasm", "--wasm-exec", "../../README.md", "../../content"}, 1, "build it with: GOOS=js GOARCH=wasm"},
		{[]string{"site", "-o", "OUT", "--wasm", "../../README.md", "--wasm-exec", "WASMEXEC", "../../content"}, 1, "not a WebAssembly module"},
		{[]string{"site", "-o", "OUT", "--wasm", "WASM", "--wasm-exec", "../../README.md", "../../content"}, 1, "wasm_exec.js does not look like Go's"},
		{[]string{"site", "-o", "OUT", "--wasm", "WASM", "--wasm-exec", "WASMEXEC", empty}, 1, "no session"},
		{[]string{"site", "-o", "OUT", "--wasm", "WASM", "--wasm-exec", "WASMEXEC", "--tz", "Mars/Olympus", "../../content"}, 1, "no site written"},
	}
	wasm, wasmExec := fakeWasm(t), goWasmExec(t)
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				switch a {
				case "OUT":
					args[i] = filepath.Join(t.TempDir(), "web")
				case "WASM":
					args[i] = wasm
				case "WASMEXEC":
					args[i] = wasmExec
				}
			}
			code, stdout, stderr := agenda(args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.stderr != "" && !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr, tt.stderr)
			}
			if tt.code == 0 && !strings.Contains(stdout, "-base-url") {
				t.Errorf("help %q does not list --base-url", stdout)
			}
		})
	}
}

// An agenda built without the widget inside says how to get one.
func TestSiteWithoutEmbeddedWidget(t *testing.T) {
	if _, err := embedded.ReadFile("embed/agenda.wasm"); err == nil {
		t.Skip("this agenda was built after make: the widget is inside it")
	}
	code, _, stderr := agenda("site", "-o", t.TempDir(), "../../content")
	if code != 1 || !strings.Contains(stderr, "built without the widget") || !strings.Contains(stderr, "make") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

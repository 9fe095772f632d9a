//go:build !js

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestLinkedPackages keeps the wasm small: each of these packages alone adds
// 60 KB to 1.5 MB after brotli (see ../../shared/docs/design.md).
func TestLinkedPackages(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	if !deps["github.com/agendaconf/agenda/widget/view"] {
		t.Fatalf("the dependency list looks wrong:\n%s", out)
	}
	for _, banned := range []string{"encoding/json", "fmt", "time/tzdata", "html/template", "text/template", "net/http", "html", "golang.org/x/net/html"} {
		if deps[banned] {
			t.Errorf("the wasm links %s", banned)
		}
	}
}

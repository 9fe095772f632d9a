package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/internal/corpus"
)

const euroRust = "../../../shared/corpus/eurorust-2025/content"

func agenda(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string // stdout contains this
		stderr string // stderr is exactly one line containing this
	}{
		{args: []string{"--help"}, code: 0, stdout: "agenda check"},
		{args: []string{"check", "--help"}, code: 0, stdout: "--strict"},
		{args: []string{"build", "-h"}, code: 0, stdout: "-o"},
		{args: []string{"dump", "--help"}, code: 0, stdout: "--json"},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"check", "--nope", "../../content"}, code: 2, stderr: "flag provided but not defined: -nope"},
		{args: []string{"check", "no/such/folder"}, code: 2, stderr: "no/such/folder: no such file or folder"},
		{args: []string{"check"}, code: 2, stderr: "want exactly one PATH, got 0"},
		{args: []string{"build", "../../content"}, code: 2, stderr: "missing -o"},
		{args: []string{"dump", "missing.bin"}, code: 2, stderr: "missing.bin: no such file"},
		{args: []string{"check", "--year", "soon", "../../content"}, code: 2, stderr: "invalid value"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := agenda(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.stdout)
			}
			if tt.stderr != "" && (!strings.Contains(stderr, tt.stderr) || strings.Count(stderr, "\n") != 1) {
				t.Errorf("stderr %q, want one line containing %q", stderr, tt.stderr)
			}
			if tt.code == 2 && stdout != "" {
				t.Errorf("a usage error printed to stdout: %q", stdout)
			}
		})
	}
}

// writeFile writes content to dir/name, making the folders it needs.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) { writeFile(t, dir, name, content) }
	write("agenda.toml", "name = \"T\"\nid = \"t\"\ntime_zone = \"Europe/Paris\"\nyear = 2025\n")
	write("talks/a.md", "+++\ntitle = \"A\"\n[extra]\ndate = \"October 9\"\ntime = \"10:00-10:30\"\nstgae = \"Main\"\n+++\n")

	code, stdout, _ := agenda("check", dir)
	want := filepath.Join(dir, "talks", "a.md") + `:6:1: warning: unknown key "extra.stgae" is ignored`
	if code != 0 || !strings.HasPrefix(stdout, want) {
		t.Errorf("check = %d %q, want 0 and %q", code, stdout, want)
	}
	if code, _, _ := agenda("check", "--strict", dir); code != 1 {
		t.Errorf("check --strict with a warning = %d, want 1", code)
	}
	write("talks/b.md", "+++\ntitle = \"B\"\n[extra]\ndate = Thursday\n+++\n")
	code, stdout, _ = agenda("check", dir)
	if code != 1 || !strings.Contains(stdout, filepath.Join(dir, "talks", "b.md")+":4:") || !strings.Contains(stdout, ": error: ") {
		t.Errorf("check with an error = %d %q, want 1 and the error's line", code, stdout)
	}
	// Stable order: two runs print the same.
	if _, again, _ := agenda("check", dir); again != stdout {
		t.Errorf("output differs between runs:\n%s\n%s", stdout, again)
	}
}

func TestDemoIsStrictlyClean(t *testing.T) {
	code, stdout, stderr := agenda("check", "--strict", "../../content")
	if code != 0 || stdout != "" {
		t.Fatalf("check --strict content = %d\n%s%s", code, stdout, stderr)
	}
}

type dumped struct {
	Conference struct{ ID, Name, TimeZone string }
	Sessions   []struct {
		Slug, Title, Kind, Room, Start, End string
		Speakers                            []string
	}
}

func buildAndDump(t *testing.T, args ...string) dumped {
	t.Helper()
	out := filepath.Join(t.TempDir(), "b.bin")
	code, stdout, stderr := agenda(append(append([]string{"build"}, args...), "-o", out)...)
	if code != 0 || !strings.Contains(stdout, "sessions") {
		t.Fatalf("build = %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = agenda("dump", "--json", out)
	if code != 0 {
		t.Fatalf("dump = %d %s", code, stderr)
	}
	var d dumped
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	// The contract: sessions sorted by start (unscheduled last), room, slug; both times or none.
	for i, s := range d.Sessions {
		if (s.Start == "") != (s.End == "") || s.Slug == "" || s.Title == "" || s.Speakers == nil {
			t.Errorf("session %+v breaks the dump contract", s)
		}
		if i == 0 {
			continue
		}
		p := d.Sessions[i-1]
		ordered := p.Start != "" && s.Start == "" ||
			p.Start < s.Start || p.Start == s.Start && (p.Room < s.Room || p.Room == s.Room && p.Slug < s.Slug)
		if !ordered {
			t.Errorf("sessions out of order: %s then %s", p.Slug, s.Slug)
		}
	}
	return d
}

func TestBuildDumpDemo(t *testing.T) {
	d := buildAndDump(t, "../../content")
	if d.Conference.ID != "oxidise-lyon-2026" || d.Conference.TimeZone != "Europe/Paris" {
		t.Errorf("conference = %+v", d.Conference)
	}
	found := false
	for _, s := range d.Sessions {
		if s.Slug == "production-unsafe-rust" {
			found = s.Start == "2026-10-09T14:30:00Z" && s.End == "2026-10-09T15:00:00Z" && s.Room == "Main Stage"
		}
	}
	if !found {
		t.Error("seed talk not at 16:30 Paris on Friday 9 October 2026")
	}
}

func TestEuroRustThroughTheCLI(t *testing.T) {
	corpus.Need(t, euroRust, "the EuroRust test")
	if code, stdout, _ := agenda("check", euroRust, "--tz", "Europe/Paris", "--year", "2025"); code != 0 {
		t.Fatalf("check = %d\n%s", code, stdout)
	}
	d := buildAndDump(t, euroRust, "--tz", "Europe/Paris", "--year", "2025")
	for _, s := range d.Sessions {
		if s.Slug == "production-unsafe-rust" {
			if s.Room != "Main Stage" || s.Start != "2025-10-09T11:45:00Z" || s.End != "2025-10-09T12:15:00Z" {
				t.Errorf("production-unsafe-rust = %+v", s)
			}
			return
		}
	}
	t.Error("production-unsafe-rust missing from the dump")
}

package zola

import (
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// A --- page in the Zola layout is read like a +++ one: same keys, same
// types, same diagnostics, on the YAML's own lines.
func TestYAMLPageInZolaLayout(t *testing.T) {
	yamlTalk := "---\ntitle: A talk\nextra:\n  date: 2025-10-09\n  time: \"10:00-10:30\"\n  stage: Main Stage\n  speakers: [ann]\n  track: Async\n---\nbody\n"
	yamlAnn := "---\ntitle: \"Speaker: Ann\"\nextra:\n  name: Ann Example\n---\n"
	s, d := readFiles(t, map[string]string{"talks/x.md": yamlTalk, "speakers/ann.md": yamlAnn, "agenda.toml": "rooms = [\"Main Stage\"]\n"})
	if len(d) != 0 {
		t.Fatalf("diagnostics:\n%v", d)
	}
	if len(s.Sessions) != 1 {
		t.Fatalf("sessions = %+v", s.Sessions)
	}
	got := s.Sessions[0]
	if !got.Start.Equal(time.Date(2025, 10, 9, 8, 0, 0, 0, time.UTC)) || !got.End.Equal(time.Date(2025, 10, 9, 8, 30, 0, 0, time.UTC)) ||
		got.Room != "Main Stage" || got.Track != "Async" || len(got.Speakers) != 1 || got.Speakers[0] != "ann" || got.Pos.Line != 5 {
		t.Errorf("session = %+v", got)
	}
	if s.Speakers[0].Name != "Ann Example" {
		t.Errorf("speaker = %+v", s.Speakers[0])
	}

	tests := []struct {
		name, page string
		sev        diag.Severity
		line, col  int
		msg, hint  string
	}{
		{"wrong type", "---\ntitle: A talk\nextra:\n  stage: 3\n---\n", diag.Error, 4, 10, "extra.stage is a number (3), but must be a string", `write stage: "3"`},
		{"extra not a table", "---\ntitle: A talk\nextra: yes\n---\n", diag.Error, 3, 8, "extra is a string (\"yes\"), but must be a table", "extra: on a line of its own"},
		{"unknown key", "---\ntitle: A talk\nextra:\n  stgae: Main\n---\n", diag.Warning, 4, 3, `unknown key "extra.stgae" is ignored`, "known keys"},
		{"bad yaml", "---\ntitle: A talk\nextra:\n  stage: [\n---\n", diag.Error, 4, 1, "invalid YAML: did not find expected node content", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := read(t, tt.page)
			for _, x := range d {
				if x.Pos.File == "c/talks/x.md" && x.Severity == tt.sev && x.Pos.Line == tt.line && x.Pos.Col == tt.col && x.Message == tt.msg {
					if len(tt.hint) > 0 && !strings.Contains(x.Hint, tt.hint) {
						t.Errorf("hint %q, want %q", x.Hint, tt.hint)
					}
					return
				}
			}
			t.Errorf("want %v %d:%d %q; got\n%v", tt.sev, tt.line, tt.col, tt.msg, d)
		})
	}
}

package zola

import (
	stdflag "flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

var update = stdflag.Bool("update", false, "rewrite the golden files")

// sessionLine is a session as the tests compare it: slug, kind, start and
// end in UTC, room, track, speakers.
func sessionLine(s model.Session) string {
	f := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format(time.RFC3339)
	}
	return strings.Join([]string{s.Slug, s.Kind.String(), f(s.Start), f(s.End), "room=" + s.Room, "track=" + s.Track, "speakers=" + strings.Join(s.Speakers, ",")}, " ")
}

// Other generators' layouts, each mapped by its agenda.toml, read to the
// right instants, rooms, kinds and speakers.
func TestMappedLayouts(t *testing.T) {
	tests := []struct {
		dir      string
		sessions []string
		speakers map[string]string // slug -> name
		diags    []string          // every diagnostic, relative to the folder
		descs    map[string]string // slug -> description, from the page's body
	}{
		{dir: "hugo-yaml", sessions: []string{
			"keynote talk 2023-10-16T13:00:00Z 2023-10-16T14:00:00Z room=Hall A track=Community speakers=ada-lovelace",
			"workshop workshop 2023-10-16T14:00:00Z 2023-10-16T16:00:00Z room=Hall B track= speakers=grace",
			"lunch break 2023-10-16T16:00:00Z 2023-10-16T17:00:00Z room= track= speakers=",
		}, speakers: map[string]string{"ada-lovelace": "Ada Lovelace", "grace": "Grace Hopper"},
			descs: map[string]string{
				"keynote":  "<p>Welcome.</p>",
				"workshop": `<p>Say <strong>hello</strong> to the <a href="https://conf.example/" rel="noopener">conference</a>.</p>`,
				"lunch":    "",
			}},
		{dir: "hugo-toml", sessions: []string{
			"rust-async talk 2024-05-02T08:00:00Z 2024-05-02T08:45:00Z room=Saal 1 track= speakers=ferris-crab",
			"local talk 2024-05-02T12:30:00Z 2024-05-02T14:00:00Z room=Saal 2 track= speakers=ferris-crab,zoe-ng",
		}, speakers: map[string]string{"ferris-crab": "Ferris Crab", "zoe-ng": "Zoë Ng"},
			descs: map[string]string{"rust-async": "<p>How <code>async</code> works under the hood.</p>\n" + `<p>Slides: <a href="https://slides.example/rust-async" rel="noopener">https://slides.example/rust-async</a></p>`, "local": ""}},
		{dir: "jekyll", sessions: []string{
			"typed-yaml talk 2024-07-12T09:20:00Z 2024-07-12T10:00:00Z room=Big Hall track=Data speakers=jan-novak",
			"liquid workshop 2024-07-12T12:00:00Z 2024-07-12T13:30:00Z room=Lab track= speakers=jan-novak",
			"closing talk 2024-07-12T15:00:00Z 2024-07-12T15:30:00Z room=Big Hall track= speakers=",
		}, speakers: map[string]string{"jan-novak": "Jan Novák"},
			descs: map[string]string{"typed-yaml": "<p>YAML that <em>type-checks</em>:</p>\n<ol>\n<li>schemas</li>\n<li><s>guessing</s> validation</li>\n</ol>"}},
		{dir: "astro", sessions: []string{
			"typed-content talk 2024-07-12T09:20:00Z 2024-07-12T10:00:00Z room=Main track=Content speakers=jane-doe",
			"panel talk 2024-07-12T15:00:00Z 2024-07-12T16:00:00Z room=Main track= speakers=jane-doe",
			"drinks activity 2024-07-12T17:00:00Z 2024-07-12T20:00:00Z room= track= speakers=",
		}, speakers: map[string]string{"jane-doe": "Jane Doe"},
			// The MDX pages' imports and components are not text.
			descs: map[string]string{"typed-content": "", "panel": "<p>A panel on <strong>islands</strong>.</p>", "drinks": ""},
			diags: []string{`src/content/talks/panel.mdx:3:7: warning: kind "panel" is not a kind Agenda knows; read as a talk (mapped by testdata/mapped/astro/agenda.toml:6 kind_field = "kind"; map it under [sessions.kinds]: "panel" = "talk" (or workshop, activity, break))`}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "mapped", tt.dir)
			s, d := Read(dir, Options{})
			var got []string
			for _, ss := range s.Sessions {
				got = append(got, sessionLine(ss))
			}
			if strings.Join(got, "\n") != strings.Join(tt.sessions, "\n") {
				t.Errorf("sessions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.sessions, "\n"))
			}
			names := map[string]string{}
			for _, sp := range s.Speakers {
				names[sp.Slug] = sp.Name
			}
			if len(names) != len(tt.speakers) {
				t.Errorf("speakers = %v, want %v", names, tt.speakers)
			}
			for slug, name := range tt.speakers {
				if names[slug] != name {
					t.Errorf("speaker %s = %q, want %q", slug, names[slug], name)
				}
			}
			for _, ss := range s.Sessions {
				if want, ok := tt.descs[ss.Slug]; ok && ss.Description != want {
					t.Errorf("%s: description %q, want %q", ss.Slug, ss.Description, want)
				}
			}
			var ds []string
			for _, x := range d {
				ds = append(ds, strings.TrimPrefix(x.String(), dir+string(filepath.Separator)))
			}
			if strings.Join(ds, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(ds, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

// Mapped fields that are missing or of the wrong type name the page's line
// and the mapping's line in agenda.toml. The output is a format: golden.
func TestMappedDiagnostics(t *testing.T) {
	config := `time_zone = "Europe/Paris"
[[sessions]]
folder = "talks"
kind_field = "type"
[sessions.kinds]
lunch = "brek"
[sessions.fields]
start = "starts_at"
duration = "length"
room = "where"
speakers = "who"
titel = "name"
[speakers]
folder = "people"
colour = "red"
`
	files := map[string]string{
		"agenda.toml":     config,
		"talks/a.md":      "---\ntitle: No start\n---\n",
		"talks/b.md":      "---\ntitle: Wrong types\nstarts_at: [1, 2]\nwhere: {x: 1}\nwho: 3.5\n---\n",
		"talks/c.md":      "---\ntitle: Bad length\nstarts_at: 2026-10-08T10:00:00+02:00\nlength: soon\n---\n",
		"talks/d.md":      "---\ntitle: No end\nstarts_at: 2026-10-08 11:00\n---\n",
		"talks/e.md":      "+++\ntitle = \"TOML\"\nstarts_at = 2026-10-08T12:00:00+02:00\nlength = 30\nwho = [\"nobody-here\"]\n+++\n",
		"talks/f.mdx":     "---\ntitle: Bad\n  yaml: [\n---\n",
		"talks/g.md":      "---\nstarts_at: 2026-10-08T13:00:00+02:00\nlength: \"0:45\"\ntype: coffee\n---\n",
		"talks/skip.html": "<p>not a page</p>",
	}
	s, d := readFiles(t, files)
	var out strings.Builder
	for _, ss := range s.Sessions {
		out.WriteString(sessionLine(ss) + "\n")
	}
	for _, x := range d {
		out.WriteString(x.String() + "\n")
	}
	golden := filepath.Join("testdata", "mapped", "diagnostics.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("got:\n%s\nwant (%s; go test -run TestMappedDiagnostics -update):\n%s", out.String(), golden, want)
	}
	// The issue's own example: the page's line and the mapping's line.
	if !strings.Contains(out.String(), `c/talks/b.md:3:12: error: starts_at is a list, but must be a date and time (mapped by c/agenda.toml:8 start = "starts_at")`) {
		t.Error("no diagnostic naming both lines for a wrong type")
	}
	if errs, _ := d.Count(); errs == 0 {
		t.Error("no errors")
	}
	_ = diag.Error
}

package inspect

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agendaconf/agenda/widget/read/zola"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, content := range files {
		m[name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	}
	return m
}

// The agenda.toml init writes for each folder, and what it says it could
// not guess, are formats: golden. Every one of them is a mapping
// zola.ParseMapping reads without a word.
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
		o    Options
	}{
		{"hugo-yaml", os.DirFS("../zola/testdata/mapped/hugo-yaml"), Options{}},
		{"hugo-toml", os.DirFS("../zola/testdata/mapped/hugo-toml"), Options{TimeZone: "Europe/Berlin"}},
		{"jekyll", os.DirFS("../zola/testdata/mapped/jekyll"), Options{}},
		{"astro", os.DirFS("../zola/testdata/mapped/astro"), Options{Name: "Astro Conf"}},
		{"zola-content", os.DirFS("../../../content"), Options{}},
		{"unguessed", mapFS(map[string]string{
			"talks/a.md": "---\ntitle: A\nstarts_at: 2025-03-01T10:00:00+01:00\nends_at: 2025-03-01T10:30:00+01:00\nformat: AMA\n---\n",
			"talks/b.md": "---\ntitle: B\nstarts_at: 2025-03-01T11:00:00+01:00\nends_at: 2025-03-01T11:30:00+01:00\nformat: Keynote\nwho: [ann]\n---\n",
			"talks/c.md": "---\ntitle: [broken\n---\n",
		}), Options{}},
		{"hugo-site", mapFS(map[string]string{
			"content/_index.md":        "+++\ntitle = \"Site\"\n+++\n",
			"content/posts/hello.md":   "+++\ntitle = \"Hello\"\ndate = 2025-01-10T09:00:00-05:00\ntags = [\"news\"]\n+++\n",
			"content/posts/second.md":  "+++\ntitle = \"Second\"\ndate = 2025-02-10T09:00:00-05:00\n+++\n",
			"content/events/meetup.md": "+++\ntitle = \"Meetup\"\n[params]\nstarts = 2025-05-10T18:00:00-04:00\nduration = 120\nvenue = \"Pub\"\nhosts = [\"Ann Lee\"]\ntype = \"Social\"\n+++\n",
			"content/events/talk.md":   "+++\ntitle = \"Talk\"\n[params]\nstarts = 2025-05-11T18:00:00-04:00\nduration = 45\nvenue = \"Hall\"\nhosts = [\"Bo\"]\ntype = \"Talk\"\n+++\n",
			"public/events/x.md":       "+++\ntitle = \"built\"\n+++\n",
			"node_modules/y/README.md": "---\nname: y\n---\n",
		}), Options{TimeZone: "Europe/Paris"}},
		{"days-without-year", mapFS(map[string]string{
			"_sessions/day-1/a.md": "---\ntitle: A\ndate: Friday, July 12\ntime: \"10:00\"\nends: \"10:30\"\nroom: Hall\n---\n",
			"_sessions/day-2/b.md": "---\ntitle: B\ndate: Saturday, July 13\ntime: \"11:00\"\nends: \"11:45\"\nroom: hall\nauthors: [Bo]\n---\n",
			"_people/bo/index.md":  "---\nname: Bo\nwebsite: https://bo.example\nmastodon: \"@bo\"\n---\n",
			"_authors/ann.md":      "---\nname: Ann\n---\n",
			"notes.md":             "no front matter\n",
		}), Options{}},
		{"speakers-only", mapFS(map[string]string{
			"speakers/ann.md": "---\nname: Ann\n---\n",
		}), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Inspect(tt.fsys, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			g := r.Guess(tt.o)
			data := g.TOML()
			if _, d := zola.ParseMapping(data, "agenda.toml"); len(d) > 0 {
				t.Errorf("the mapping written does not read cleanly:\n%v\n%s", d, data)
			}
			again := r.Guess(tt.o).TOML()
			if string(again) != string(data) {
				t.Errorf("two guesses differ")
			}
			got := string(data) + "\n---- missing\n" + strings.Join(g.Missing, "\n") + "\n---- notes\n" + strings.Join(g.Notes, "\n") + "\n"
			file := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs (go test -update rewrites it); got:\n%s", file, got)
			}
		})
	}
}

// Whatever the pages hold, init writes a mapping that reads without an
// error, and the same one twice.
func FuzzGuess(f *testing.F) {
	f.Add("---\ntitle: A\nstarts_at: 2025-03-01T10:00:00+01:00\ntype: \"Key\\\"note\\n\"\nroom: \"\\u202eHall\"\n---\n", "sessions/x y")
	f.Add("+++\ntitle = \"A\"\n[extra]\ndate = \"Friday, July 12\"\ntime = \"10:00-11:00\"\n+++\n", "talks")
	f.Add("---\n\"a.b\\nc\": 1\nwhen: 10:00\nday: Monday 3\nkind: [x]\n---\n", "_sessions/day-1")
	f.Fuzz(func(t *testing.T, page, dir string) {
		if !fs.ValidPath(dir) || dir == "." {
			return
		}
		fsys := mapFS(map[string]string{dir + "/a.md": page, dir + "/b.md": page + "\n", "people/c.md": page})
		r, err := Inspect(fsys, "x")
		if err != nil {
			return
		}
		data := r.Guess(Options{}).TOML()
		if _, d := zola.ParseMapping(data, "agenda.toml"); d.HasErrors() {
			t.Errorf("%v\n%s", d, data)
		}
		if again := r.Guess(Options{}).TOML(); string(again) != string(data) {
			t.Error("two guesses differ")
		}
	})
}

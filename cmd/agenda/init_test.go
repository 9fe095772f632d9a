package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/zola"
)

const mappedFolders = "../../widget/read/zola/testdata/mapped"

// copyTree copies the folder src to dst, leaving out its agenda.toml.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() || rel == zola.ConfigFile {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, dst, rel, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sessionLines are the sessions of a programme as init must keep them:
// slug, kind, instants, room (case aside: agenda.toml's rooms spell them),
// track and speakers by name.
func sessionLines(s *model.Schedule) []string {
	f := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format(time.RFC3339)
	}
	var out []string
	for _, ss := range s.Sessions {
		var names []string
		for _, slug := range ss.Speakers {
			if sp := s.Speaker(slug); sp != nil {
				names = append(names, sp.Name)
			} else {
				names = append(names, "?"+slug)
			}
		}
		sort.Strings(names)
		out = append(out, strings.Join([]string{ss.Slug, ss.Kind.String(), f(ss.Start), f(ss.End),
			"room=" + strings.ToLower(ss.Room), "track=" + ss.Track, "speakers=" + strings.Join(names, ",")}, " "))
	}
	sort.Strings(out)
	return out
}

// handZone is the time zone of a folder's hand-written agenda.toml.
func handZone(t *testing.T, dir string) string {
	t.Helper()
	var c struct {
		TimeZone string `toml:"time_zone"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, zola.ConfigFile), &c); err != nil {
		t.Fatal(err)
	}
	return c.TimeZone
}

// agenda init on each mapped test folder, its agenda.toml taken away,
// writes a mapping agenda check accepts as it is, and that reads the same
// sessions as the hand-written one.
func TestInitMappedLayouts(t *testing.T) {
	for _, name := range []string{"hugo-yaml", "hugo-toml", "jekyll", "astro"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(mappedFolders, name)
			dir := filepath.Join(t.TempDir(), name)
			copyTree(t, src, dir)
			code, stdout, stderr := agenda("init", "--tz", handZone(t, src), dir)
			if code != 0 || stdout != "" {
				t.Fatalf("init: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
			}
			if strings.Contains(stderr, "TODO") || !strings.Contains(stderr, "wrote "+filepath.Join(dir, "agenda.toml")) {
				t.Errorf("init says:\n%s", stderr)
			}
			code, stdout, _ = agenda("check", "--strict", dir)
			if code != 0 || stdout != "" {
				written, _ := os.ReadFile(filepath.Join(dir, "agenda.toml"))
				t.Fatalf("check: exit %d:\n%s\nof the agenda.toml init wrote:\n%s", code, stdout, written)
			}
			want, _ := zola.Read(src, zola.Options{})
			got, _ := zola.Read(dir, zola.Options{})
			if len(want.Sessions) == 0 {
				t.Fatal("the hand-written mapping reads no session")
			}
			if g, w := strings.Join(sessionLines(got), "\n"), strings.Join(sessionLines(want), "\n"); g != w {
				t.Errorf("sessions read through init's mapping:\n%s\nthrough the hand-written one:\n%s", g, w)
			}
		})
	}
}

// Without --tz, init leaves time_zone a TODO, says so with the offsets it
// saw, and check has that one warning.
func TestInitNoZone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hugo-yaml")
	copyTree(t, filepath.Join(mappedFolders, "hugo-yaml"), dir)
	code, _, stderr := agenda("init", dir)
	if code != 0 || !strings.Contains(stderr, "TODO: could not guess time_zone: 3 date-times carry the offset -04:00") {
		t.Fatalf("init: exit %d, stderr:\n%s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "agenda.toml"))
	if !strings.Contains(string(data), "# time_zone = \"\"") {
		t.Errorf("time_zone is not a commented TODO:\n%s", data)
	}
	code, stdout, _ := agenda("check", dir)
	if code != 0 || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "warning: no time zone given") {
		t.Errorf("check: exit %d:\n%s", code, stdout)
	}
}

// A key init cannot guess is a commented TODO in the file and a line on
// stderr; the file is still one check accepts.
func TestInitUnguessed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "talks/a.md", "---\ntitle: A\nstarts_at: 2025-03-01T10:00:00+01:00\nends_at: 2025-03-01T10:30:00+01:00\nspeakers: [Ann]\n---\n")
	writeFile(t, dir, "talks/b.md", "---\ntitle: B\nstarts_at: 2025-03-01T11:00:00+01:00\nends_at: 2025-03-01T11:30:00+01:00\n---\n")
	code, _, stderr := agenda("init", "--tz", "Europe/Paris", dir)
	if code != 0 || !strings.Contains(stderr, "TODO: could not guess room of the sessions in talks/: no key looks like the room") {
		t.Fatalf("init: exit %d, stderr:\n%s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "agenda.toml"))
	if !strings.Contains(string(data), "# TODO: no key looks like the room\n# room = \"\"\n") {
		t.Errorf("the room is not a commented TODO:\n%s", data)
	}
	if code, stdout, _ := agenda("check", "--strict", dir); code != 0 || stdout != "" {
		t.Errorf("check: exit %d:\n%s", code, stdout)
	}
}

// On a folder in Zola's layout, init says so and writes the conference's
// keys only; the folder reads as it did with its own agenda.toml.
func TestInitZolaLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	copyTree(t, "../../content", dir)
	code, _, stderr := agenda("init", "--tz", "Europe/Paris", dir)
	if code != 0 || !strings.Contains(stderr, "is in Zola's layout (activities/, breaks/, speakers/, talks/, workshops/), which Agenda reads without a mapping") {
		t.Fatalf("init: exit %d, stderr:\n%s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "agenda.toml"))
	for _, want := range []string{"name = \"Oxidise Lyon 2026\"\n", "time_zone = \"Europe/Paris\"\n", "year = 2026\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("agenda.toml lacks %q:\n%s", want, data)
		}
	}
	if strings.Contains(string(data), "[[sessions]]") {
		t.Errorf("a mapping for Zola's own layout:\n%s", data)
	}
	if code, stdout, _ := agenda("check", "--strict", dir); code != 0 || stdout != "" {
		t.Errorf("check: exit %d:\n%s", code, stdout)
	}
	want, _ := zola.Read("../../content", zola.Options{})
	got, _ := zola.Read(dir, zola.Options{})
	if g, w := strings.Join(sessionLines(got), "\n"), strings.Join(sessionLines(want), "\n"); g != w {
		t.Errorf("sessions:\n%s\nwant:\n%s", g, w)
	}
}

// A site whose content/ is in Zola's layout: init points at content/.
func TestInitZolaSite(t *testing.T) {
	site := t.TempDir()
	copyTree(t, "../../content", filepath.Join(site, "content"))
	writeFile(t, site, "config.toml", "title = \"x\"\n")
	content := filepath.Join(site, "content")
	code, stdout, stderr := agenda("init", site)
	if code != 1 || stdout != "" || stderr != "agenda init: "+content+" is in Zola's layout, which Agenda reads without a mapping: run agenda init "+content+" (or agenda check "+content+"); nothing written\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "agenda.toml")); err == nil {
		t.Error("an agenda.toml was written")
	}
}

func TestInitFlags(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "talks/a.md", "---\ntitle: A\nstart: 2025-03-01T10:00:00+01:00\nlength: 30\nroom: Hall\n---\n")
	config := filepath.Join(dir, "agenda.toml")

	code, stdout, stderr := agenda("init", "-o", "-", "--tz", "Europe/Paris", dir)
	if code != 0 || !strings.HasPrefix(stdout, "# agenda.toml for ") || !strings.Contains(stdout, "start = \"start\"\n") || !strings.Contains(stderr, "wrote standard output") {
		t.Errorf("-o -: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(config); err == nil {
		t.Errorf("-o - wrote %s", config)
	}
	if code, _, stderr := agenda("init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	first, _ := os.ReadFile(config)
	if code, _, stderr := agenda("init", "--name", "Other", dir); code != 1 || !strings.Contains(stderr, "exists; pass --force") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("over an existing file: exit %d, stderr %q", code, stderr)
	}
	if now, _ := os.ReadFile(config); string(now) != string(first) {
		t.Errorf("the existing file was changed")
	}
	if code, _, stderr := agenda("init", "--force", "--name", "Other Conf", dir); code != 0 {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}
	if now, _ := os.ReadFile(config); !strings.Contains(string(now), "name = \"Other Conf\"") {
		t.Errorf("--force did not replace the file:\n%s", now)
	}
	other := filepath.Join(t.TempDir(), "x.toml")
	if code, _, _ := agenda("init", "-o", other, dir); code != 0 {
		t.Errorf("-o FILE: exit %d", code)
	} else if _, err := os.Stat(other); err != nil {
		t.Errorf("-o FILE: %v", err)
	}

	empty := t.TempDir()
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"init", "--tz", "Mars/Olympus", dir}, 2, `unknown time zone "Mars/Olympus"`},
		{[]string{"init", config}, 2, "is not a folder"},
		{[]string{"init"}, 2, "want exactly one PATH"},
		{[]string{"init", empty}, 1, "no .md, .mdx or .markdown page with front matter"},
		{[]string{"init", "--year", "20255", dir}, 2, "--year 20255 is out of range"},
	} {
		code, stdout, stderr := agenda(tt.args...)
		if code != tt.code || stdout != "" || !strings.Contains(stderr, tt.stderr) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and one line with %q", tt.args, code, stdout, stderr, tt.code, tt.stderr)
		}
	}
	if code, stdout, _ := agenda("init", "--help"); code != 0 || !strings.Contains(stdout, "--force") {
		t.Errorf("--help: exit %d: %s", code, stdout)
	}
}

// check on a folder of another generator's pages suggests agenda init.
func TestCheckSuggestsInit(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "src/content/talks/a.mdx", "---\ntitle: A\nstartsAt: 2025-03-01T10:00:00+01:00\n---\n")
	code, stdout, _ := agenda("check", dir)
	if code != 1 || !strings.Contains(stdout, "agenda init "+dir+" writes one from the pages it finds") {
		t.Errorf("check: exit %d:\n%s", code, stdout)
	}
}

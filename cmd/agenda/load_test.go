package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/internal/corpus"
)

// frabTestdata holds the frab reader's hand-written files.
const frabTestdata = "../../widget/read/frab/testdata"

// offsetsXML has offsets on every <date> but no <time_zone_name>.
const offsetsXML = `<?xml version="1.0"?>
<schedule>
  <conference><acronym>offsets</acronym><title>Offsets</title></conference>
  <day index="1" date="2025-03-01">
    <room name="Main">
      <event guid="g1" id="1"><date>2025-03-01T10:00:00+01:00</date><duration>0:30</duration><title>Ten</title><slug>ten</slug></event>
    </room>
  </day>
</schedule>
`

func TestLoadFlags(t *testing.T) {
	dir := t.TempDir()
	xmlPath := filepath.Join(dir, "schedule.xml")
	if err := os.WriteFile(xmlPath, []byte(offsetsXML), 0o644); err != nil {
		t.Fatal(err)
	}
	named := filepath.Join(dir, "named.xml")
	if err := os.WriteFile(named, []byte(strings.Replace(offsetsXML, "</title></conference>", "</title><time_zone_name>Europe/Paris</time_zone_name></conference>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "content") // a content folder without agenda.toml
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	bundlePath := filepath.Join(dir, "named.bin")
	if code, _, stderr := agenda("build", named, "-o", bundlePath); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string // lines of the output that must be there, in part
		not  []string // and text that must not
	}{
		{name: "no --tz: the offsets are named", args: []string{"check", xmlPath}, code: 0,
			want: []string{"schedule.xml:3:3: warning: the conference has no time zone", "+01:00", "--tz"}},
		{name: "--tz applies to schedule.xml", args: []string{"check", "--tz", "Europe/Paris", xmlPath}, code: 0,
			not: []string{"warning", "error"}},
		{name: "--tz against the offsets", args: []string{"check", "--tz", "America/New_York", xmlPath}, code: 0,
			want: []string{`schedule.xml:6:7: warning: --tz "America/New_York" contradicts the file`, "+01:00 where America/New_York has -05:00"}},
		{name: "the file's zone wins", args: []string{"check", "--tz", "Europe/Lisbon", named}, code: 0,
			want: []string{`named.xml:3:3: warning: --tz "Europe/Lisbon" is not used`}},
		{name: "a bad --tz, schedule.xml", args: []string{"check", "--tz", "Mars/Olympus", named}, code: 1,
			want: []string{`--tz: error: unknown time zone "Mars/Olympus"; it is ignored`}, not: []string{"agenda.toml", "is not used"}},
		{name: "a bad --tz, content folder", args: []string{"check", "--tz", "Mars/Olympus", folder}, code: 1,
			want: []string{`--tz: error: unknown time zone "Mars/Olympus"; it is ignored`}, not: []string{"agenda.toml: error"}},
		{name: "--year is checked", args: []string{"check", "--year", "2024", named}, code: 0,
			want: []string{"--year: warning: --year 2024 is not used", "in 2025"}},
		{name: "--year that agrees", args: []string{"check", "--year", "2025", named}, code: 0,
			not: []string{"warning"}},
		{name: "--tz and a bundle", args: []string{"check", "--tz", "Asia/Tokyo", bundlePath}, code: 0,
			want: []string{`named.bin: warning: --tz "Asia/Tokyo" is not used: the bundle was built for "Europe/Paris"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := agenda(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(stdout, n) {
					t.Errorf("output has %q:\n%s", n, stdout)
				}
			}
		})
	}
	t.Run("--tz sets the zone of schedule.xml", func(t *testing.T) {
		out := filepath.Join(dir, "paris.bin")
		if code, _, stderr := agenda("build", "--tz", "Europe/Paris", xmlPath, "-o", out); code != 0 {
			t.Fatalf("build: %s", stderr)
		}
		_, stdout, _ := agenda("dump", "--json", out)
		if !strings.Contains(stdout, `"timeZone":"Europe/Paris"`) && !strings.Contains(stdout, `"timeZone": "Europe/Paris"`) {
			t.Errorf("dump: %s", stdout)
		}
	})
}

// TestUnsafeURLsGoNowhere builds, dumps and exports files that carry
// javascript: and data: URLs in every URL field: none of them comes out.
func TestUnsafeURLsGoNowhere(t *testing.T) {
	payloads := []string{"javascript:", "data:text", "data:image", "alert("}
	for _, name := range []string{"unsafe-urls.xml", "unsafe-urls.json", "unsafe-urls-hub.json"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(frabTestdata, name)
			dir := t.TempDir()
			bin := filepath.Join(dir, "s.bin")
			outputs := map[string]string{}
			run := func(label string, args ...string) {
				code, stdout, stderr := agenda(args...)
				if code != 0 {
					t.Fatalf("%s: exit %d\n%s", label, code, stderr)
				}
				outputs[label] = stdout
			}
			code, stdout, _ := agenda("check", src)
			if code != 0 || !strings.Contains(stdout, "is not a web address and is dropped") {
				t.Errorf("check: exit %d\n%s", code, stdout)
			}
			run("build", "build", src, "-o", bin)
			data, err := os.ReadFile(bin)
			if err != nil {
				t.Fatal(err)
			}
			outputs["bundle"] = string(data)
			run("dump", "dump", bin)
			run("dump --json", "dump", "--json", bin)
			for _, f := range []string{"ics", "frab-json", "frab-xml"} {
				run("export "+f, "export", f, src)
				run("export "+f+" from the bundle", "export", f, bin)
			}
			html := filepath.Join(dir, "html")
			run("export html", "export", "html", src, "-o", html)
			err = filepath.WalkDir(html, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				outputs[p] = string(b)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for label, out := range outputs {
				for _, bad := range payloads {
					if i := strings.Index(strings.ToLower(out), bad); i >= 0 {
						t.Errorf("%s holds %q: …%s…", label, bad, out[max(0, i-60):min(len(out), i+60)])
					}
				}
			}
			// The safe link is still there: the files are read, not emptied.
			if !strings.Contains(outputs["bundle"], "https://ada.example/") {
				t.Error("the bundle lost the safe link https://ada.example/")
			}
		})
	}
}

// TestFOSDEMCheck is issue 8's acceptance: FOSDEM 2025 still reads as 943
// sessions on 2 days, now that days change at 09:00.
func TestFOSDEMCheck(t *testing.T) {
	path := "../../../shared/corpus/fosdem-2025/schedule.xml"
	corpus.Need(t, path, "TestFOSDEMCheck")
	code, stdout, stderr := agenda("build", path, "-o", filepath.Join(t.TempDir(), "f.bin"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "943 sessions (943 scheduled)") || !strings.Contains(stdout, "2 days (2025-02-01, 2025-02-02)") {
		t.Errorf("summary: %s", stdout)
	}
	if code, stdout, _ := agenda("check", path); code != 0 || strings.Contains(stdout, "error") {
		t.Errorf("check: exit %d\n%s", code, stdout)
	}
}

// pretalxTestdata is the pretalx reader's hand-written widget JSON.
const pretalxTestdata = "../../widget/read/pretalx/testdata/widget.json"

// c3vocJSON is a minimal c3voc schedule.json (the frab reader's).
const c3vocJSON = `{"schedule":{"version":"1","conference":{"acronym":"c3","title":"C3","time_zone_name":"UTC","days":[` +
	`{"date":"2025-01-01","rooms":{"R":[{"id":1,"guid":"g","date":"2025-01-01T10:00:00Z","start":"10:00","duration":"0:30",` +
	`"room":"R","title":"T","type":"workshop","persons":[{"id":1,"name":"N"}]}]}}]}}}`

// TestLoadDetectsPretalx: a .json file is read as pretalx's widget data when
// its top level has "talks" and no "schedule", and as a c3voc schedule.json
// otherwise, whatever its name.
func TestLoadDetectsPretalx(t *testing.T) {
	dir := t.TempDir()
	widget, err := os.ReadFile(pretalxTestdata)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"widget.json":           string(widget),
		"talks-only.json":       `{"talks": [{"code": "X1", "title": "Only", "start": "2025-01-01T10:00:00Z", "duration": 30}], "timezone": "UTC"}`,
		"c3voc.json":            c3vocJSON,
		"c3voc-talks.json":      `{"talks": [], ` + c3vocJSON[1:], // a "schedule" key: c3voc, extra keys aside
		"democon/schedule.json": string(widget),
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file string
		args []string
		want []string // parts of agenda dump --json of the built bundle
	}{
		{file: "widget.json", args: []string{"--name", "DemoCon 2025", "--id", "democon"}, want: []string{
			`"id":"democon"`, `"name":"DemoCon 2025"`, `"timeZone":"Europe/Berlin"`,
			`{"slug":"ab12cd","title":"Opening","kind":"talk","room":"Hall A","start":"2025-03-29T09:00:00Z","end":"2025-03-29T09:30:00Z","speakers":["Ada Lovelace"]}`,
			`{"slug":"ef34gh","title":"Two people, one talk","kind":"talk","room":"Workshop room","start":"2025-03-29T10:00:00Z","end":"2025-03-29T10:45:00Z","speakers":["Ada Lovelace","Grace Hopper"]}`,
			`"slug":"lunch-2025-03-29-1200","title":"Lunch","kind":"break"`,
			`{"slug":"mn78op","title":"Summer time","kind":"talk","room":"Kino","start":"2025-03-30T08:00:00Z","end":"2025-03-30T09:00:00Z","speakers":["Grace Hopper"]}`,
			`{"slug":"coffee-2025-03-30-1130","title":"Coffee","kind":"break","room":"Kino","start":"2025-03-30T09:30:00Z","end":"2025-03-30T09:45:00Z"`,
		}},
		{file: "talks-only.json", want: []string{`"id":"talks-only"`, `"slug":"x1","title":"Only","kind":"talk"`}},
		{file: "democon/schedule.json", want: []string{`"id":"democon"`, `"slug":"ab12cd"`}},
		{file: "c3voc.json", want: []string{`"id":"c3"`, `"title":"T","kind":"workshop"`}},
		{file: "c3voc-talks.json", want: []string{`"id":"c3"`, `"title":"T","kind":"workshop"`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, bin := filepath.Join(dir, tt.file), filepath.Join(t.TempDir(), "s.bin")
			if code, stdout, stderr := agenda(append(append([]string{"build"}, tt.args...), src, "-o", bin)...); code != 0 {
				t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
			}
			_, stdout, _ := agenda("dump", "--json", bin)
			compact := strings.NewReplacer("\n", "", " ", "").Replace(stdout)
			for _, w := range tt.want {
				if !strings.Contains(compact, strings.ReplaceAll(w, " ", "")) {
					t.Errorf("dump lacks %s:\n%s", w, stdout)
				}
			}
		})
	}
}

// TestCheckPretalx is the end-to-end check of a pretalx widget JSON: its
// warnings, with the file's lines, and --name silencing the one about the
// conference's name.
func TestCheckPretalx(t *testing.T) {
	code, stdout, stderr := agenda("check", pretalxTestdata)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, w := range []string{
		`widget.json: warning: pretalx's widget data does not name the conference`,
		`widget.json:51:5: warning: talk IJ56KL ("Lost and found") is in room 99, which the rooms list does not have`,
		`widget.json:51:5: warning: talk IJ56KL ("Lost and found") names speaker "GHOST9"`,
		`widget.json:133:5: warning: speaker "NONAME" has no name and is left out`,
	} {
		if !strings.Contains(stdout, w) {
			t.Errorf("check lacks %q:\n%s", w, stdout)
		}
	}
	if code, stdout, _ := agenda("check", "--strict", "--name", "DemoCon", pretalxTestdata); code != 1 || strings.Contains(stdout, "does not name the conference") {
		t.Errorf("check --strict --name: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := agenda("check", "--tz", "Europe/Paris", "--name", "DemoCon", pretalxTestdata); code != 0 || !strings.Contains(stdout, `--tz "Europe/Paris" is not used`) {
		t.Errorf("check --tz: exit %d\n%s", code, stdout)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

// writeBundle encodes a hand-made schedule, as anyone may, into a file.
func writeBundle(t testing.TB, s *model.Schedule) string {
	t.Helper()
	data, err := bundle.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.bin")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func paris(t testing.TB, day, hm string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, loc)
	if err != nil {
		t.Fatal(err)
	}
	return at.UTC()
}

// TestDumpClockChange: on 26 October 2025 Paris goes from CEST (+2) to CET
// (+1) at 03:00. The bundle's one offset per day (at noon, +1) put 01:30 at
// 00:30; times now come from the zone, and name it on that day, where 02:30
// comes twice.
func TestDumpClockChange(t *testing.T) {
	// The hour from 02:00 to 03:00 comes twice; time.Date may pick either.
	cest := time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC) // 02:30 CEST
	cet := cest.Add(time.Hour)                             // 02:30 CET
	if paris(t, "2025-10-26", "01:30") != cest.Add(-time.Hour) || paris(t, "2025-10-26", "03:30") != cet.Add(time.Hour) {
		t.Fatal("the test's idea of the clock change is wrong")
	}
	s := &model.Schedule{
		Conference: model.Conference{ID: "dst", Name: "DST Conf", TimeZone: "Europe/Paris"},
		Rooms:      []string{"A", "B"},
		Sessions: []model.Session{
			{Slug: "before", Title: "Before", Room: "A", Start: paris(t, "2025-10-26", "01:30"), End: cest.Add(-30 * time.Minute)},
			{Slug: "first-half-past-two", Title: "First 02:30", Room: "A", Start: cest, End: cest.Add(20 * time.Minute)},
			{Slug: "second-half-past-two", Title: "Second 02:30", Room: "B", Start: cet, End: cet.Add(20 * time.Minute)},
			{Slug: "after", Title: "After", Room: "A", Start: paris(t, "2025-10-26", "03:30"), End: paris(t, "2025-10-26", "04:00")},
			{Slug: "next-day", Title: "Next day", Room: "A", Start: paris(t, "2025-10-27", "10:00"), End: paris(t, "2025-10-27", "10:30")},
			{Slug: "summer", Title: "Summer", Room: "A", Start: paris(t, "2025-10-25", "10:00"), End: paris(t, "2025-10-25", "10:30")},
		},
	}
	code, stdout, stderr := agenda("dump", writeBundle(t, s))
	if code != 0 {
		t.Fatalf("dump = %d %s", code, stderr)
	}
	for _, want := range []string{
		"\n2025-10-25\n  10:00-10:30  A ",
		"  01:30 CEST-02:00 CEST  A ",
		"  02:30 CEST-02:50 CEST  A ",
		"  02:30 CET-02:50 CET  B ",
		"  03:30 CET-04:00 CET  A ",
		"\n2025-10-27\n  10:00-10:30  A ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dump lacks %q:\n%s", want, stdout)
		}
	}
}

// TestDumpUnknownZone: a bundle naming a zone no database has (it was
// written by hand) is listed in UTC, and says so.
func TestDumpUnknownZone(t *testing.T) {
	path := writeBundle(t, &model.Schedule{
		Conference: model.Conference{ID: "z", Name: "Z", TimeZone: "Europe/Paris"},
		Sessions:   []model.Session{{Slug: "a", Title: "A", Start: paris(t, "2025-10-09", "10:00"), End: paris(t, "2025-10-09", "11:00")}},
	})
	for _, zone := range []string{"Mars/Olympus_Mons", "Local", ""} {
		if got, name := venueZone(zone); got != time.UTC || !strings.Contains(name, "unknown") {
			t.Errorf("venueZone(%q) = %v %q, want UTC, said to be unknown", zone, got, name)
		}
	}
	if code, stdout, _ := agenda("dump", path); code != 0 || !strings.Contains(stdout, "10:00-11:00") {
		t.Errorf("dump = %d\n%s", code, stdout)
	}
}

// hostileText is what a title, room or name may hold in a bundle anyone
// wrote: a screen clear, a window title, a hyperlink, a fake line, a
// right-to-left override, C1 CSI, DEL.
const hostileText = "T\x1b[2J\x1b]0;pwned\x07\x1b]8;;https://evil/\x07link\x1b]8;;\x07\nFAKE LINE\r\u202eevil\u009b31m\x7f"

func hostileBundle(t testing.TB) string {
	t.Helper()
	return writeBundle(t, &model.Schedule{
		Conference: model.Conference{ID: "id" + hostileText, Name: "Conf" + hostileText, TimeZone: "Europe/Paris"},
		Rooms:      []string{"Room" + hostileText},
		Speakers:   []model.Speaker{{Slug: "s", Name: "Name" + hostileText}},
		Sessions: []model.Session{
			{Slug: "slug" + hostileText, Title: "Title" + hostileText, Room: "Room" + hostileText, Speakers: []string{"s"},
				Start: paris(t, "2025-10-09", "10:00"), End: paris(t, "2025-10-09", "11:00")},
			{Slug: "later", Title: "Later" + hostileText, Room: "Room" + hostileText},
		},
	})
}

// controls lists the runes of s that diag.Control names, but line ends.
func controls(s string) []rune {
	var out []rune
	for _, r := range s {
		if r != '\n' && diag.Control(r) {
			out = append(out, r)
		}
	}
	return out
}

// TestDumpEscapes: nothing from a bundle reaches the terminal raw, and each
// session stays on its line; --json keeps the exact text for scripts.
func TestDumpEscapes(t *testing.T) {
	path := hostileBundle(t)
	code, stdout, stderr := agenda("dump", path)
	if code != 0 {
		t.Fatalf("dump = %d %s", code, stderr)
	}
	if c := controls(stdout); len(c) > 0 {
		t.Errorf("dump printed controls %q:\n%s", c, stdout)
	}
	if n := strings.Count(stdout, "\n"); n != 7 || strings.Contains(stdout, "\nFAKE LINE") {
		t.Errorf("dump printed %d lines, want 7 (heading, blank, day, session, blank, heading, session):\n%s", n, stdout)
	}
	for _, want := range []string{`TitleT\x1b[2J\x1b]0;pwned\x07`, `\nFAKE LINE\r\u202eevil\u009b31m\x7f`, "— Name"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dump lacks %q:\n%s", want, stdout)
		}
	}

	code, stdout, _ = agenda("dump", "--json", path)
	if c := controls(stdout); code != 0 || len(c) > 0 {
		t.Errorf("dump --json = %d, printed controls %q", code, c)
	}
	var d dumped
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	if d.Conference.Name != "Conf"+hostileText || len(d.Sessions) != 2 || d.Sessions[0].Title != "Title"+hostileText ||
		d.Sessions[0].Room != "Room"+hostileText || d.Sessions[0].Speakers[0] != "Name"+hostileText {
		t.Errorf("dump --json changed the text: %+v", d)
	}
}

// TestOutputEscapes: check and build print content (diagnostics quote
// rooms and titles; the summary names the conference) escaped too.
func TestOutputEscapes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) { writeFile(t, dir, name, content) }
	// TOML's \u escapes put the controls into the strings (the reader
	// makes the room's line break a space).
	write("agenda.toml", `name = "Conf\u001b]0;pwned\u0007"`+"\nid = \"c\"\ntime_zone = \"Europe/Paris\"\nyear = 2025\n")
	for _, n := range []string{"a", "b"} {
		write("talks/"+n+".md", "+++\ntitle = \"Talk\\u001b[2J\\u202e"+n+"\"\n[extra]\ndate = \"October 9\"\ntime = \"10:00-10:30\"\nstage = \"Main\\u001b[31m\\nStage\"\n+++\n")
	}
	code, stdout, _ := agenda("check", dir)
	if !strings.Contains(stdout, `"Main\x1b[31m Stage"`) || len(controls(stdout)) > 0 || strings.Count(stdout, "\n") != strings.Count(stdout, ": warning: ")+strings.Count(stdout, ": error: ") {
		t.Errorf("check = %d, want each diagnostic on one escaped line:\n%q", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "b.bin")
	code, stdout, stderr := agenda("build", dir, "-o", out)
	if code != 0 || !strings.Contains(stdout, `Conf\x1b]0;pwned\x07`) || len(controls(stdout)) > 0 || len(controls(stderr)) > 0 {
		t.Errorf("build = %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	if code, _, stderr := agenda("check", "no/such/\x1b[2Jfile"); code != 2 || len(controls(stderr)) > 0 {
		t.Errorf("check of a missing path = %d, stderr %q", code, stderr)
	}
}

// TestYears: --year takes only years a calendar can hold (four digits) and
// a programme may use; a hand-made bundle's years are checked on reading.
func TestYears(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"check", "--year", "99999", "../../content"}, 2},
		{[]string{"check", "../../content", "--year", "20255"}, 2},
		{[]string{"check", "--year", "1969", "../../content"}, 2},
		{[]string{"check", "--year=-1", "../../content"}, 2},
		{[]string{"build", "--year", "2201", "../../content", "-o", filepath.Join(t.TempDir(), "x.bin")}, 2},
		{[]string{"export", "ics", "--year", "99999", "../../content"}, 2},
		{[]string{"check", "--year", "1970", "../../content"}, 0},
		{[]string{"check", "--year", "2200", "../../content"}, 0},
		{[]string{"check", "--year", "0", "../../content"}, 0}, // not given
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, stderr := agenda(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, stderr)
			}
			if tc.code == 2 && (!strings.Contains(stderr, "out of range; want a year from 1970 to 2200") || strings.Count(stderr, "\n") != 1) {
				t.Errorf("stderr %q, want one line saying the range", stderr)
			}
		})
	}

	for _, when := range []time.Time{time.Date(2300, 1, 1, 10, 0, 0, 0, time.UTC), time.Date(1900, 1, 1, 10, 0, 0, 0, time.UTC)} {
		path := writeBundle(t, &model.Schedule{
			Conference: model.Conference{ID: "y", Name: "Y", TimeZone: "UTC"},
			Sessions:   []model.Session{{Slug: "far", Title: "Far", Start: when, End: when.Add(time.Hour)}},
		})
		code, stdout, stderr := agenda("export", "ics", path)
		if code == 0 || strings.Contains(stdout, "DTSTART") || !strings.Contains(stderr, `session "far" runs from year `) {
			t.Errorf("export ics of a session in %d = %d\nstdout %s\nstderr %s", when.Year(), code, stdout, stderr)
		}
	}
}

// FuzzJSONControls: the JSON dump with the controls escaped still decodes
// to the same text, and holds no control rune raw.
func FuzzJSONControls(f *testing.F) {
	for _, s := range []string{"plain", hostileText, "\xff\xfe", "é\u2028\u202e\u0085", `"\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data, err := json.Marshal(map[string]string{"k": s})
		if err != nil {
			t.Skip()
		}
		out := jsonControls(data)
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("jsonControls(%q) = %q: %v", data, out, err)
		}
		var want map[string]string
		json.Unmarshal(data, &want)
		if back["k"] != want["k"] {
			t.Fatalf("jsonControls changed %q to %q", want["k"], back["k"])
		}
		for _, r := range string(out) {
			if diag.Control(r) && r != '\n' {
				t.Fatalf("jsonControls(%q) = %q keeps %U", data, out, r)
			}
		}
		if !utf8.Valid(out) {
			t.Fatalf("jsonControls(%q) = %q is not UTF-8", data, out)
		}
	})
}

// FuzzDumpText: whatever a bundle's titles, rooms and names hold, the text
// dump prints them escaped, one session a line.
func FuzzDumpText(f *testing.F) {
	f.Add("Title", "Room", "Name")
	f.Add(hostileText, "\u202e", "\x9b2J")
	f.Fuzz(func(t *testing.T, title, room, name string) {
		if !utf8.ValidString(title+room+name) || room == "" {
			t.Skip() // bundles hold UTF-8; an empty room is no room
		}
		data, err := bundle.Encode(&model.Schedule{
			Conference: model.Conference{ID: "f", Name: "F", TimeZone: "Europe/Paris"},
			Rooms:      []string{room},
			Speakers:   []model.Speaker{{Slug: "s", Name: name}},
			Sessions: []model.Session{{Slug: "a", Title: title, Room: room, Speakers: []string{"s"},
				Start: time.Date(2025, 10, 9, 8, 0, 0, 0, time.UTC), End: time.Date(2025, 10, 9, 9, 0, 0, 0, time.UTC)}},
		})
		if err != nil {
			t.Skip()
		}
		b, err := bundle.Open(string(data))
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		dumpText(b, &out)
		if c := controls(out.String()); len(c) > 0 {
			t.Fatalf("dumpText printed controls %q:\n%s", c, out.String())
		}
		if n := strings.Count(out.String(), "\n"); n != 4 {
			t.Fatalf("dumpText printed %d lines, want 4:\n%s", n, out.String())
		}
	})
}

// TestReadBundleLanguage: a bundle read back for the exports keeps each
// session's language (and track), "" where it had none.
func TestReadBundleLanguage(t *testing.T) {
	at := paris(t, "2025-10-09", "10:00")
	in := &model.Schedule{
		Conference: model.Conference{ID: "l", Name: "L", TimeZone: "Europe/Paris"},
		Sessions: []model.Session{
			{Slug: "a", Title: "A", Start: at, End: at.Add(time.Hour), Track: "T", Language: "en"},
			{Slug: "b", Title: "B", Start: at.Add(time.Hour), End: at.Add(2 * time.Hour), Language: "Deutsch"},
			{Slug: "c", Title: "C", Start: at.Add(2 * time.Hour), End: at.Add(3 * time.Hour)},
			{Slug: "d", Title: "D", Language: "en"},
		},
	}
	s, d := readBundleFile(writeBundle(t, in))
	if d.HasErrors() {
		t.Fatal(d)
	}
	got := map[string]string{}
	for _, ss := range s.Sessions {
		got[ss.Slug] = ss.Track + "/" + ss.Language
	}
	for _, tc := range []struct{ slug, want string }{{"a", "T/en"}, {"b", "/Deutsch"}, {"c", "/"}, {"d", "/en"}} {
		if got[tc.slug] != tc.want {
			t.Errorf("session %s: track/language %q, want %q", tc.slug, got[tc.slug], tc.want)
		}
	}
	// Through the CLI: a bundle exported as schedule.json keeps them.
	code, stdout, stderr := agenda("export", "frab-json", writeBundle(t, in))
	if code != 0 || !strings.Contains(stdout, `"language": "Deutsch"`) || !strings.Contains(stdout, `"language": null`) {
		t.Errorf("export frab-json of a bundle = %d\nstderr %s\nstdout %s", code, stderr, stdout)
	}
}

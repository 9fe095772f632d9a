package zola

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"

	corpusdir "github.com/agendaconf/agenda/internal/corpus"
)

const corpus = "../../../../shared/corpus/eurorust-2025/content"

func talk(extra string) string {
	return "+++\ntitle = \"A talk\"\n[extra]\n" + extra + "\n+++\nbody\n"
}

const okTalk = "date = \"Thursday, October 9, 2025\"\ntime = \"10:00-10:30\"\nstage = \"Main Stage\"\nspeakers = [\"ann\"]\n"
const ann = "+++\ntitle = \"Speaker: Ann\"\n[extra]\nname = \"Ann Example\"\n+++\n"

// read runs the reader over one talk file (plus speaker ann) and returns the
// session, if any, and the diagnostics about that file.
func read(t *testing.T, content string) (*model.Session, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{
		"talks/x.md":      {Data: []byte(content)},
		"speakers/ann.md": {Data: []byte(ann)},
	}
	s, d := ReadFS(fsys, "c", Options{ID: "t", TimeZone: "Europe/Paris", Year: 2025})
	for i := range s.Sessions {
		if s.Sessions[i].Slug == "x" {
			return &s.Sessions[i], d
		}
	}
	return nil, d
}

func has(d diag.List, sev diag.Severity, file string, line int, text string) bool {
	for _, x := range d {
		if x.Severity == sev && x.Pos.File == file && (line == 0 || x.Pos.Line == line) && strings.Contains(x.Message, text) {
			return true
		}
	}
	return false
}

func TestBadInput(t *testing.T) {
	nested := strings.Repeat("<div><b>", 10000) + "deep" + strings.Repeat("</b></div>", 5000)
	huge := strings.Repeat("<p>lorem ipsum dolor</p>", 3<<20/24)
	tests := []struct {
		name    string
		content string
		sev     diag.Severity
		line    int
		diag    string // a diagnostic on talks/x.md containing this; "" for none
		session bool   // whether the session must be read
		desc    func(string) bool
	}{
		{name: "empty file", content: "", sev: diag.Error, line: 1, diag: "empty"},
		{name: "no front matter", content: "# Just markdown\n", sev: diag.Error, line: 1, diag: "no front matter"},
		{name: "unterminated", content: "+++\ntitle = \"x\"\n", sev: diag.Error, line: 1, diag: "never closed"},
		{name: "invalid toml", content: "+++\ntitle = \"x\"\n[extra]\ndate = Thursday\n+++\n", sev: diag.Error, line: 4, diag: "invalid TOML"},
		{name: "wrong type", content: talk("speakers = \"ann\""), sev: diag.Error, line: 4, diag: "extra.speakers"},
		{name: "binary garbage", content: "\x00\x01\x02\xff\xfe garbage", sev: diag.Error, line: 1, diag: "UTF-8"},
		{name: "non-utf8", content: talk("description = \"caf\xe9\""), sev: diag.Error, line: 4, diag: "UTF-8"},
		{name: "bom", content: "\xef\xbb\xbf" + talk(okTalk), session: true},
		{name: "crlf", content: strings.ReplaceAll(talk(okTalk), "\n", "\r\n"), session: true},
		{name: "unknown key", content: talk(okTalk + "stgae = \"Side Stage\""), sev: diag.Warning, line: 8, diag: `unknown key "extra.stgae"`, session: true},
		{name: "3 MB description", content: talk(okTalk + "description = \"" + huge + "\""), sev: diag.Warning, line: 8, diag: "KiB long", session: true,
			desc: func(s string) bool { return strings.HasPrefix(s, "<p>lorem") }},
		{name: "6 MB description", content: talk(okTalk + "description = \"" + huge + huge + "\""), sev: diag.Error, line: 2, diag: "the front matter is 6.0 MiB long; Agenda reads at most 4.0 MiB"},
		{name: "10000 nested tags", content: talk(okTalk + "description = \"" + nested + "\""), sev: diag.Warning, line: 8, diag: "KiB long", session: true,
			desc: func(s string) bool {
				return strings.Contains(s, "deep") && !strings.Contains(s, "<div") && strings.Count(s, "<b>") == strings.Count(s, "</b>")
			}},
		{name: "script", content: talk(okTalk + `description = "<p>hi<script>alert(1)</script></p>"`), session: true,
			desc: func(s string) bool { return s == "<p>hi</p>" }},
		{name: "onerror", content: talk(okTalk + `description = "<img src=x onerror=alert(1)><p onclick='x()'>ok</p>"`), session: true,
			desc: func(s string) bool { return s == "<p>ok</p>" }},
		{name: "javascript url", content: talk(okTalk + `description = "<a href='javascript:alert(1)'>click</a>"`), session: true,
			desc: func(s string) bool { return !strings.Contains(s, "javascript") && strings.Contains(s, "click") }},
		{name: "data url", content: talk(okTalk + `description = "<a href='data:text/html,<script>x</script>'>d</a>"`), session: true,
			desc: func(s string) bool { return !strings.Contains(s, "data:") && !strings.Contains(s, "<a") }},
		{name: "link gets noopener", content: talk(okTalk + `description = "<a href='https://example.org'>x</a>"`), session: true,
			desc: func(s string) bool { return strings.Contains(s, `rel="noopener"`) }},
		{name: "broken markup", content: talk(okTalk + `description = "<p>a</p<p>b<p>c"`), session: true,
			desc: func(s string) bool { return strings.Count(s, "<p>") == strings.Count(s, "</p>") }},
		{name: "end before start", content: talk(strings.Replace(okTalk, "10:00-10:30", "17:00-16:00", 1)), sev: diag.Error, line: 5, diag: "ends (16:00) before it starts (17:00)", session: true},
		{name: "unknown speaker", content: talk(strings.Replace(okTalk, `"ann"`, `"bob"`, 1)), sev: diag.Warning, line: 7, diag: `unknown speaker "bob"`, session: true},
		{name: "placeholder", content: "+++\ntitle = \"TBA\"\n[extra]\nspeakers = [\"TBA\"]\n+++\n", sev: diag.Warning, line: 2, diag: "placeholder session", session: true},
		{name: "weekday", content: talk(strings.Replace(okTalk, "Thursday", "Wednesday", 1)), sev: diag.Warning, line: 4, diag: "says Wednesday but October 9, 2025 is a Thursday", session: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss, d := read(t, tt.content)
			file := filepath.Join("c", "talks", "x.md")
			if tt.diag != "" && !has(d, tt.sev, file, tt.line, tt.diag) {
				t.Errorf("want %v on %s:%d containing %q; got:\n%v", tt.sev, file, tt.line, tt.diag, d)
			}
			if tt.diag == "" && len(d) > 0 {
				t.Errorf("want no diagnostics; got:\n%v", d)
			}
			for _, x := range d {
				if x.Severity == diag.Error && x.Hint == "" {
					t.Errorf("error without a hint on what to do: %v", x)
				}
			}
			if tt.session != (ss != nil) {
				t.Fatalf("session read = %v, want %v", ss != nil, tt.session)
			}
			if ss != nil && tt.desc != nil && !tt.desc(ss.Description) {
				d := ss.Description
				if len(d) > 200 {
					d = d[:200] + "…"
				}
				t.Errorf("description = %q", d)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	fsys := fstest.MapFS{
		"agenda.toml":        {Data: []byte("name = \"Conf\"\nid = \"conf\"\ntime_zone = \"Europe/Paris\"\nyear = 2025\nrooms = [\"Main Stage\", \"Side Stage\"]\n")},
		"talks/open.md":      {Data: []byte(talk("date = \"Friday, October 10\"\ntime = \"09:00–09:30\"\nstage = \"Opening talk on the Main Stage\"\nspeakers = []"))},
		"talks/late.md":      {Data: []byte(talk("date = \"October 10, 2025\"\ntime = \"23:30-00:30\"\nstage = \"Side Stage \"\nspeakers = []"))},
		"talks/dst.md":       {Data: []byte(talk("date = \"Sunday, October 26, 2025\"\ntime = \"10:00-10:30\"\nstage = \"Main Stage\"\nspeakers = []"))},
		"workshops/two.md":   {Data: []byte(talk("day = \"October 9, 2025\"\ntime = \"11:00–12:00 & 14:00–15:00\"\nstage = \"Side Stage\""))},
		"activities/tour.md": {Data: []byte(talk("date = \"Thursday, October 09, and Friday, October 10, 2025\"\ntime = \"18:00-19:00\"\nlocation = \"1 Rue X\"\nlocation_name = \"Café\""))},
		"talks/later.md":     {Data: []byte(talk("date = \"\"\ntime = \"\"\nstage = \"\""))},
		"talks/_index.md":    {Data: []byte("+++\ntitle = \"Talks\"\n+++\n")},
		"speakers/_index.md": {Data: []byte("+++\ntitle = \"Speakers\"\n+++\n")},
		"code-of-conduct.md": {Data: []byte("+++\ntitle = \"CoC\"\n+++\n")},
	}
	s, d := ReadFS(fsys, "c", Options{})
	type want struct{ start, end, room string }
	wants := map[string]want{
		"open":   {"2025-10-10T07:00:00Z", "2025-10-10T07:30:00Z", "Main Stage"},
		"late":   {"2025-10-10T21:30:00Z", "2025-10-10T22:30:00Z", "Side Stage"},
		"dst":    {"2025-10-26T09:00:00Z", "2025-10-26T09:30:00Z", "Main Stage"}, // CET after the change
		"two":    {"2025-10-09T09:00:00Z", "2025-10-09T10:00:00Z", "Side Stage"},
		"two-2":  {"2025-10-09T12:00:00Z", "2025-10-09T13:00:00Z", "Side Stage"},
		"tour":   {"2025-10-09T16:00:00Z", "2025-10-09T17:00:00Z", ""},
		"tour-2": {"2025-10-10T16:00:00Z", "2025-10-10T17:00:00Z", ""},
		"later":  {"", "", ""},
	}
	if len(s.Sessions) != len(wants) {
		t.Fatalf("got %d sessions, want %d:\n%v", len(s.Sessions), len(wants), d)
	}
	for _, ss := range s.Sessions {
		w, ok := wants[ss.Slug]
		if !ok {
			t.Errorf("unexpected session %q", ss.Slug)
			continue
		}
		start, end := "", ""
		if ss.Scheduled() {
			start, end = ss.Start.Format(time.RFC3339), ss.End.Format(time.RFC3339)
		}
		if (want{start, end, ss.Room}) != w {
			t.Errorf("%s = %v %v %q, want %v", ss.Slug, start, end, ss.Room, w)
		}
	}
	if s.Sessions[len(s.Sessions)-1].Slug != "later" {
		t.Errorf("unscheduled session is not last")
	}
	if !has(d, diag.Warning, filepath.Join("c", "talks", "open.md"), 6, `assumed "Main Stage"`) {
		t.Errorf("no warning for the room assumed from a stage sentence:\n%v", d)
	}
	if !has(d, diag.Warning, filepath.Join("c", "talks", "late.md"), 5, "past midnight") {
		t.Errorf("no warning for the midnight crossing:\n%v", d)
	}
	if got := strings.Join(s.Rooms, ","); got != "Main Stage,Side Stage" {
		t.Errorf("rooms = %s", got)
	}
	if s.Conference != (model.Conference{ID: "conf", Name: "Conf", TimeZone: "Europe/Paris", Pos: diag.Pos{File: filepath.Join("c", ConfigFile)}}) {
		t.Errorf("conference = %+v", s.Conference)
	}
	if tour := s.Sessions[3]; tour.Location != "Café, 1 Rue X" && s.Sessions[4].Location != "Café, 1 Rue X" {
		t.Errorf("location not kept")
	}
}

// TestDemoContent checks our own demo: it must read with no diagnostics at all.
func TestDemoContent(t *testing.T) {
	s, d := Read("../../../content", Options{})
	if len(d) > 0 {
		t.Fatalf("content/ has diagnostics:\n%v", d)
	}
	if len(s.Sessions) < 21 || len(s.Rooms) != 3 || len(s.Days(mustLoc(t, s.Conference.TimeZone))) != 2 {
		t.Fatalf("content/ has %d sessions, %d rooms", len(s.Sessions), len(s.Rooms))
	}
}

// TestEuroRust reads the real EuroRust 2025 folder: it has no errors, every
// page with a readable date and time is placed, and the seed talk is where the
// site says it is.
func TestEuroRust(t *testing.T) {
	corpusdir.Need(t, corpus, "the EuroRust corpus test")
	s, d := Read(corpus, Options{TimeZone: "Europe/Paris", Year: 2025})
	if d.HasErrors() {
		t.Fatalf("errors:\n%v", d)
	}
	byFile := map[string][]*model.Session{}
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		byFile[ss.Pos.File] = append(byFile[ss.Pos.File], ss)
	}
	// Every session page whose date and time both parse must be placed.
	for _, dir := range []string{"talks", "workshops", "activities"} {
		entries, _ := os.ReadDir(filepath.Join(corpus, dir))
		for _, e := range entries {
			file := filepath.Join(corpus, dir, e.Name())
			var p sessionPage
			fsys := os.DirFS(corpus)
			r := &reader{fsys: fsys, prefix: corpus}
			if r.decode(dir+"/"+e.Name(), &p, "") == nil {
				t.Errorf("%s: not decodable", file)
				continue
			}
			date := string(p.Extra.Date)
			if date == "" {
				date = string(p.Extra.Day)
			}
			_, _, dp := parseDates(date, 2025)
			spans, _, sp := parseSpans(string(p.Extra.Time))
			if date == "" || p.Extra.Time == "" || dp != "" || sp != "" {
				continue
			}
			found := false
			for _, ss := range s.Sessions {
				if strings.HasPrefix(ss.Slug, strings.TrimSuffix(e.Name(), ".md")) && ss.Scheduled() {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: date %q time %q (%d spans) parse, but no session is placed", file, date, p.Extra.Time, len(spans))
			}
		}
	}
	for _, ss := range s.Sessions {
		if ss.Slug == "production-unsafe-rust" {
			if ss.Room != "Main Stage" || ss.Start.Format(time.RFC3339) != "2025-10-09T11:45:00Z" || ss.End.Format(time.RFC3339) != "2025-10-09T12:15:00Z" {
				t.Errorf("production-unsafe-rust = %s %v–%v", ss.Room, ss.Start, ss.End)
			}
			return
		}
	}
	t.Error("production-unsafe-rust not read")
}

func mustLoc(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func FuzzReadPage(f *testing.F) {
	f.Add(talk(okTalk))
	f.Add("+++\ntitle = \"x\"\n[extra]\ndate = \"Thursday, October 09, and Friday, October 10, 2025\"\ntime = \"11:00–12:00 & 14:00–15:00\"\n+++")
	f.Add("\xef\xbb\xbf+++\r\n[extra]\r\nspeakers = [1]\r\n+++")
	f.Add("+++\n[[extra.mentors]]\nname = \"Ané\"\n+++")
	f.Add("+++\ntitle = \"x\"\n+++\n# A *body*\n\n{% q(a=\"}}\") %}\n- [l](javascript:x)\n{{ yt() }}<script>x</script>\n")
	f.Fuzz(func(t *testing.T, content string) {
		s, d := ReadFS(fstest.MapFS{"talks/x.md": {Data: []byte(content)}}, "c", Options{ID: "t", TimeZone: "Europe/Paris", Year: 2025})
		for _, ss := range s.Sessions {
			if ss.Scheduled() && ss.End.Before(ss.Start) {
				t.Fatalf("session ends before it starts without an error: %v", d)
			}
		}
		for _, x := range d {
			if x.Pos.File == "" {
				t.Fatalf("diagnostic without a file: %v", x)
			}
		}
	})
}

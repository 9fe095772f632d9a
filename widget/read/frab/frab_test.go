package frab

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"

	corpusdir "github.com/agendaconf/agenda/internal/corpus"
)

// corpus is the shared real-world corpus, read in place (never copied).
const corpus = "../../../../shared/corpus"

func corpusFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(corpus, rel)
	corpusdir.Need(t, p, "reading the shared corpus")
	return p
}

func errorsOf(l diag.List) []string {
	var out []string
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

func mustContain(t *testing.T, l diag.List, sev diag.Severity, parts ...string) diag.Diagnostic {
	t.Helper()
	for _, d := range l {
		if d.Severity != sev {
			continue
		}
		ok := true
		for _, p := range parts {
			if !strings.Contains(d.String(), p) {
				ok = false
			}
		}
		if ok {
			return d
		}
	}
	t.Fatalf("no %s containing %q in:\n%s", sev, parts, list(l))
	return diag.Diagnostic{}
}

func list(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

func TestFOSDEM(t *testing.T) {
	path := corpusFile(t, "fosdem-2025/schedule.xml")
	s, l := ReadFile(path)
	if s == nil {
		t.Fatalf("nil schedule:\n%s", list(l))
	}
	if errs := errorsOf(l); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	loc, err := time.LoadLocation(s.Conference.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Sessions); got != 943 {
		t.Errorf("sessions = %d, want 943", got)
	}
	if got := len(s.Rooms); got != 29 {
		t.Errorf("rooms = %d, want 29: %q", got, s.Rooms)
	}
	if got := len(s.Days(loc)); got != 2 {
		t.Errorf("days = %d, want 2", got)
	}
	// Days run from 09:00 to 08:59 the next morning, and <day_change> says 09:00:00.
	want := model.Conference{ID: "fosdem-2025", Name: "FOSDEM 2025", TimeZone: "Europe/Brussels", BaseURL: "https://fosdem.org/2025/schedule/",
		DayChange: 9 * time.Hour, Pos: diag.Pos{File: path, Line: 4, Col: 3}}
	if s.Conference != want {
		t.Errorf("conference = %+v, want %+v", s.Conference, want)
	}
	// Rooms keep the file's order: K.3.201 is the first room that holds events.
	if s.Rooms[0] != "K.3.201" {
		t.Errorf("first room = %q, want K.3.201", s.Rooms[0])
	}
	// <event guid="852280ac-..." id="6210"> on line 100:
	// 2025-02-01T10:35:00+01:00, 00:25, K.3.201, Mikhail Gudim.
	var ss *model.Session
	for i := range s.Sessions {
		if s.Sessions[i].Slug == "fosdem-2025-6210-a-new-approach-to-callee-saved-registers-in-llvm" {
			ss = &s.Sessions[i]
		}
	}
	if ss == nil {
		t.Fatal("event 6210 not found")
	}
	checks := []struct{ name, got, want string }{
		{"start", ss.Start.Format(time.RFC3339), "2025-02-01T09:35:00Z"},
		{"end", ss.End.Format(time.RFC3339), "2025-02-01T10:00:00Z"},
		{"room", ss.Room, "K.3.201"},
		{"title", ss.Title, "A New Approach to Callee-Saved Registers in LLVM"},
		{"track", ss.Track, "LLVM"},
		{"kind", ss.Kind.String(), "talk"},
		{"speakers", strings.Join(ss.Speakers, ","), "mikhail-gudim"},
		{"pos", ss.Pos.String(), path + ":100:7"},
		{"url", ss.URL, "https://fosdem.org/2025/schedule/event/fosdem-2025-6210-a-new-approach-to-callee-saved-registers-in-llvm/"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("event 6210 %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !strings.HasPrefix(ss.Description, "<p>Currently LLVM saves") {
		t.Errorf("description = %.60q…", ss.Description)
	}
	if sp := s.Speaker("mikhail-gudim"); sp == nil || sp.Name != "Mikhail Gudim" {
		t.Errorf("speaker mikhail-gudim = %+v", sp)
	}
	for i := range s.Sessions {
		if !s.Sessions[i].Scheduled() || s.Sessions[i].Pos.Line == 0 {
			t.Fatalf("session %+v has no time or no line", s.Sessions[i])
		}
	}
}

func TestC3VOCExamples(t *testing.T) {
	// change and days: the days' ends past midnight set the day change (camp
	// 04:00; the hub 06:00, so its 00:15 talk stays on the 27th; pretalx 03:59
	// +01:00, read in UTC: 03:00), and no session spills into an extra day.
	for _, tc := range []struct {
		name   string
		change time.Duration
		days   int
	}{
		{"frab-camp2019.json", 4 * time.Hour, 5},
		{"hub-schedule2.json", 6 * time.Hour, 1},
		{"pretalx-democon.json", 3 * time.Hour, 3},
		{"pretalx-rc3.json", 3 * time.Hour, 4},
	} {
		name := tc.name
		t.Run(name, func(t *testing.T) {
			s, l := ReadFile(corpusFile(t, "c3voc/examples/"+name))
			if s == nil {
				t.Fatalf("nil schedule:\n%s", list(l))
			}
			if errs := errorsOf(l); len(errs) > 0 {
				t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
			}
			if len(s.Sessions) == 0 || len(s.Rooms) == 0 || len(s.Speakers) == 0 {
				t.Fatalf("sessions %d, rooms %d, speakers %d", len(s.Sessions), len(s.Rooms), len(s.Speakers))
			}
			for _, ss := range s.Sessions {
				if !ss.Scheduled() || ss.End.Before(ss.Start) || ss.Room == "" || ss.Title == "" {
					t.Errorf("bad session %+v", ss)
				}
				if ss.Pos.Line == 0 {
					t.Errorf("session %q has no line", ss.Slug)
				}
			}
			loc, _ := time.LoadLocation(s.Conference.TimeZone)
			if s.Conference.DayChange != tc.change || len(s.Days(loc)) != tc.days {
				t.Errorf("day change %v and %d days, want %v and %d", s.Conference.DayChange, len(s.Days(loc)), tc.change, tc.days)
			}
		})
	}
	t.Run("details", func(t *testing.T) {
		s, _ := ReadFile(corpusFile(t, "c3voc/examples/hub-schedule2.json"))
		ss := s.Sessions[0]
		if ss.Slug != "38c3-opening-ceremony" || ss.Room != "Saal 1" || ss.Track != "CCC" ||
			ss.Start.Format(time.RFC3339) != "2024-12-27T09:30:00Z" || ss.End.Format(time.RFC3339) != "2024-12-27T10:00:00Z" {
			t.Errorf("hub event = %+v", ss)
		}
		if sp := s.Speaker("gabriela-bogk"); sp == nil || !strings.Contains(sp.Bio, "hacker formerly known") {
			t.Errorf("hub speaker bio from schedule.persons: %+v", sp)
		}
		s, _ = ReadFile(corpusFile(t, "c3voc/examples/pretalx-democon.json"))
		if want := []string{"Gray Room", "Tan Room"}; strings.Join(s.Rooms, "|") != strings.Join(want, "|") {
			t.Errorf("democon rooms = %q, want %q", s.Rooms, want)
		}
		kinds := map[model.Kind]int{}
		for _, ss := range s.Sessions {
			kinds[ss.Kind]++
		}
		if kinds[model.Talk] != 27 || kinds[model.Workshop] != 9 {
			t.Errorf("democon kinds = %v, want 27 talks and 9 workshops", kinds)
		}
		_, l := ReadFile(corpusFile(t, "c3voc/examples/pretalx-rc3.json"))
		mustContain(t, l, diag.Warning, "no time zone", "assuming UTC")
	})
}

func TestC3VOCInvalid(t *testing.T) {
	path := corpusFile(t, "c3voc/examples/invalid-example.json")
	_, l := ReadFile(path)
	if !l.HasErrors() {
		t.Fatalf("invalid-example.json read without errors:\n%s", list(l))
	}
	// What makes it invalid: the event id is a string, the person id is not a
	// number, and the room list sits in schedule instead of conference.
	mustContain(t, l, diag.Error, path+":24:", `has id "2814"`, "integer")
	mustContain(t, l, diag.Error, `person "Mänu"`, `"dsadf"`)
	mustContain(t, l, diag.Error, "schedule.rooms", "conference.rooms")
}

// xmlDoc builds a small schedule.xml with one day (2025-03-01, Europe/Paris)
// in room "Main" holding the given <event> bodies.
func xmlDoc(events ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><acronym>Test Conf</acronym><title>Test Conf</title><time_zone_name>Europe/Paris</time_zone_name></conference>
  <day index="1" date="2025-03-01" start="2025-03-01T08:00:00+01:00">
    <room name="Main">
`)
	for i, e := range events {
		fmt.Fprintf(&b, "      <event guid=\"g%d\" id=\"%d\">%s</event>\n", i, i+1, e)
	}
	b.WriteString("    </room>\n  </day>\n</schedule>\n")
	return b.String()
}

func TestDurationsAndTimes(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	local := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	tests := []struct {
		name       string
		event      string
		start, end time.Time
		warn       string
	}{
		{"H:MM", `<start>10:00</start><duration>0:30</duration>`, local("2025-03-01 10:00"), local("2025-03-01 10:30"), ""},
		{"HH:MM", `<start>10:00</start><duration>00:30</duration>`, local("2025-03-01 10:00"), local("2025-03-01 10:30"), ""},
		{"HH:MM:SS", `<start>10:00</start><duration>00:30:00</duration>`, local("2025-03-01 10:00"), local("2025-03-01 10:30"), ""},
		{"1:15", `<start>10:00</start><duration>1:15</duration>`, local("2025-03-01 10:00"), local("2025-03-01 11:15"), ""},
		{"date wins over start", `<date>2025-03-01T14:00:00+01:00</date><start>10:00</start><duration>00:45</duration>`,
			local("2025-03-01 14:00"), local("2025-03-01 14:45"), ""},
		{"date with other offset", `<date>2025-03-01T14:00:00Z</date><duration>01:00</duration>`,
			local("2025-03-01 15:00"), local("2025-03-01 16:00"), ""},
		{"midnight crossing", `<start>23:30</start><duration>1:00</duration>`, local("2025-03-01 23:30"), local("2025-03-02 00:30"), ""},
		{"after midnight belongs to the night", `<start>01:00</start><duration>0:30</duration>`, local("2025-03-02 01:00"), local("2025-03-02 01:30"), ""},
		{"bad duration", `<start>10:00</start><duration>half an hour</duration>`, local("2025-03-01 10:00"), local("2025-03-01 10:00"), "unreadable duration"},
		{"minutes over 59", `<start>10:00</start><duration>0:75</duration>`, local("2025-03-01 10:00"), local("2025-03-01 10:00"), "unreadable duration"},
		{"no start", `<duration>0:30</duration>`, time.Time{}, time.Time{}, "left unscheduled"},
		{"bad start", `<start>25:00</start><duration>0:30</duration>`, time.Time{}, time.Time{}, "unreadable start"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, l := Read("t.xml", []byte(xmlDoc(`<title>X</title>`+tc.event)))
			if s == nil || len(s.Sessions) != 1 {
				t.Fatalf("schedule %+v\n%s", s, list(l))
			}
			ss := s.Sessions[0]
			if !ss.Start.Equal(tc.start) || !ss.End.Equal(tc.end) {
				t.Errorf("got %v – %v, want %v – %v", ss.Start, ss.End, tc.start, tc.end)
			}
			if ss.Start.Location() != time.UTC {
				t.Errorf("start not in UTC: %v", ss.Start.Location())
			}
			if tc.warn != "" {
				mustContain(t, l, diag.Warning, "t.xml:6:", tc.warn)
			} else if len(l) > 0 {
				t.Errorf("unexpected diagnostics:\n%s", list(l))
			}
		})
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0:30", 30 * time.Minute, true},
		{"00:30", 30 * time.Minute, true},
		{"00:30:00", 30 * time.Minute, true},
		{"1:15", 75 * time.Minute, true},
		{"01:15:30", 75*time.Minute + 30*time.Second, true},
		{"100:00", 100 * time.Hour, true},
		{"", 0, false},
		{"30", 0, false},
		{"0:3", 0, false},
		{"0:60", 0, false},
		{"-1:00", 0, false},
		{"1:00:00:00", 0, false},
		{"9999:00", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseDuration(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRepeatedSlugsAndIDs(t *testing.T) {
	doc := `<?xml version="1.0"?>
<schedule>
  <conference><acronym>c</acronym><title>C</title><time_zone_name>UTC</time_zone_name></conference>
  <day date="2025-03-01">
    <room name="A">
      <event guid="g1" id="7"><start>10:00</start><duration>0:30</duration><slug>same</slug><title>First</title></event>
      <event guid="g2" id="7"><start>11:00</start><duration>0:30</duration><slug>same</slug><title>Second</title></event>
      <event guid="g3" id="9"><start>12:00</start><duration>0:30</duration><slug>same</slug><title>Third</title></event>
      <event guid="g4" id="10"><start>13:00</start><duration>0:30</duration><title>Fourth: the Talk!</title></event>
    </room>
  </day>
</schedule>`
	s, l := Read("r.xml", []byte(doc))
	if l.HasErrors() {
		t.Fatalf("errors:\n%s", list(l))
	}
	var slugs []string
	for _, ss := range s.Sessions {
		slugs = append(slugs, ss.Slug)
	}
	if got, want := strings.Join(slugs, " "), "same same-2 same-3 fourth-the-talk"; got != want {
		t.Errorf("slugs = %q, want %q", got, want)
	}
	mustContain(t, l, diag.Warning, "r.xml:7:", `"Second" repeats slug "same" of "First" at r.xml:6`, `"same-2"`)
	mustContain(t, l, diag.Warning, "r.xml:8:", `"Third" repeats slug "same"`, `"same-3"`)
	mustContain(t, l, diag.Warning, "r.xml:7:", `repeats id "7" of "First"`)
}

func TestSpeakers(t *testing.T) {
	doc := xmlDoc(
		`<start>10:00</start><duration>0:30</duration><title>A</title><persons><person id="1">José Núñez</person><person id="2">Ada Lovelace</person></persons>`,
		`<start>11:00</start><duration>0:30</duration><title>B</title><persons><person id="1">José Núñez</person></persons>`,
		`<start>12:00</start><duration>0:30</duration><title>C</title><persons><person id="3">Jose Nunez</person><person id="3">Jose Nunez</person></persons>`,
		`<start>13:00</start><duration>0:30</duration><title>D</title><persons><person id="4">  </person><person id="5">Владимир</person></persons>`,
	)
	s, l := Read("s.xml", []byte(doc))
	if l.HasErrors() {
		t.Fatalf("errors:\n%s", list(l))
	}
	got := map[string]string{}
	for _, sp := range s.Speakers {
		got[sp.Slug] = sp.Name
	}
	want := map[string]string{"jose-nunez": "José Núñez", "ada-lovelace": "Ada Lovelace", "jose-nunez-2": "Jose Nunez", "speaker-5": "Владимир"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("speakers = %v, want %v", got, want)
	}
	bySlug := map[string][]string{}
	for _, ss := range s.Sessions {
		bySlug[ss.Slug] = ss.Speakers
	}
	if fmt.Sprint(bySlug) != fmt.Sprint(map[string][]string{
		"a": {"jose-nunez", "ada-lovelace"}, "b": {"jose-nunez"}, "c": {"jose-nunez-2"}, "d": {"speaker-5"},
	}) {
		t.Errorf("session speakers = %v", bySlug)
	}
	mustContain(t, l, diag.Warning, `"José Núñez" (id:1) and "Jose Nunez" (id:3) share the slug "jose-nunez"`)
	mustContain(t, l, diag.Warning, "id:4", "no name")
}

func TestKinds(t *testing.T) {
	tests := map[string]model.Kind{
		"":                              model.Talk,
		"lecture":                       model.Talk,
		"Talk 30 min + 10min Q&A":       model.Talk,
		"LightningTalk 15min 10min Q&A": model.Talk,
		"devroom":                       model.Talk,
		"Workshop 60 Min":               model.Workshop,
		"hands-on":                      model.Workshop,
		"WORKSHOP":                      model.Workshop,
		"break":                         model.Break,
		"Pause":                         model.Break,
		"Lunch break":                   model.Break,
		"meetup":                        model.Activity,
		"OTHER":                         model.Activity,
		"party":                         model.Activity,
		"self-organized session":        model.Activity,
		"performance":                   model.Activity,
	}
	for in, want := range tests {
		if got := kindOf(in); got != want {
			t.Errorf("kindOf(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	// Through the reader: abstract and description are joined, both sanitised.
	s, _ := Read("h.xml", []byte(xmlDoc(`<start>10:00</start><duration>0:30</duration><title>T</title>`+
		`<abstract>&lt;p&gt;Abstract&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</abstract>`+
		`<description>Plain text: 1 &lt; 2</description>`)))
	if got, want := s.Sessions[0].Description, "<p>Abstract</p>\n<p>Plain text: 1 &lt; 2</p>"; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, in string
		nilSched bool
		msg      []string
	}{
		{"empty", "", true, []string{"e.txt: error: the file is empty"}},
		{"blank", " \n\t ", true, []string{"empty"}},
		{"garbage", "\n\nhello world, not a schedule", true, []string{"e.txt:3: error:", `starts with "hello world, not a s…"`}},
		{"binary", "\x00\x01\x02", true, []string{"not a schedule.xml or schedule.json"}},
		{"html page", "<!DOCTYPE html><html><body>404</body></html>", true, []string{"root element is <html>"}},
		{"xml with nothing", "<schedule></schedule>", true, []string{"neither a <conference> nor any <event>"}},
		{"truncated before anything", "<schedule><confer", true, []string{"broken XML"}},
		{"truncated xml", xmlDoc(`<start>10:00</start><duration>0:30</duration><title>Kept</title>`)[:400], false, []string{"broken XML", "unexpected EOF"}},
		{"mismatched tags", "<schedule><conference><title>x</conference></schedule>", true, []string{"e.txt:1: error: broken XML"}},
		{"an element after the root", "<schedule><conference><title>x</title></conference></schedule>\n<extra/>", false, []string{"e.txt:2:1: error: broken XML: <extra> after the end of <schedule>"}},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC"?><schedule/>`, true, []string{"EBCDIC"}},
		{"broken json", "{\n  \"schedule\": {\n    \"version\": \"1\",,\n", true, []string{"e.txt:3:", "broken JSON"}},
		{"json without schedule", `{"foo": 1}`, true, []string{`no "schedule" object`}},
		{"json without conference", `{"schedule": {"version": "1"}}`, true, []string{"no schedule.conference"}},
		{"json version not a string", `{"schedule": {"version": 1, "conference": {"title": "T", "acronym": "x", "days": []}}}`, false,
			[]string{"schedule.version must be a string"}},
		{"json wrong type", `{"schedule": {"version": "1", "conference": {"title": 5, "acronym": "x", "days": []}}}`, false,
			[]string{"e.txt:1:", "wrong type at schedule.conference.title: found number where a string belongs"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, l := Read("e.txt", []byte(tc.in))
			if (s == nil) != tc.nilSched {
				t.Errorf("schedule = %+v, want nil: %v", s, tc.nilSched)
			}
			mustContain(t, l, diag.Error, tc.msg...)
		})
	}
	t.Run("truncated xml keeps what was read", func(t *testing.T) {
		doc := xmlDoc(`<start>10:00</start><duration>0:30</duration><title>Kept</title>`, `<title>Lost</title>`)
		s, l := Read("e.xml", []byte(doc[:strings.Index(doc, "Lost")]))
		if s == nil || len(s.Sessions) != 1 || s.Sessions[0].Title != "Kept" {
			t.Fatalf("schedule = %+v\n%s", s, list(l))
		}
		mustContain(t, l, diag.Error, "e.xml:7: error: broken XML")
	})
	t.Run("missing file", func(t *testing.T) {
		s, l := ReadFile(filepath.Join(t.TempDir(), "nope.xml"))
		if s != nil {
			t.Error("schedule for a missing file")
		}
		mustContain(t, l, diag.Error, "nope.xml: error: cannot read the schedule")
	})
}

func TestXMLDetails(t *testing.T) {
	t.Run("no zone", func(t *testing.T) {
		doc := strings.Replace(xmlDoc(`<start>10:00</start><duration>0:30</duration><title>X</title>`), "<time_zone_name>Europe/Paris</time_zone_name>", "", 1)
		s, l := Read("z.xml", []byte(doc))
		mustContain(t, l, diag.Warning, "no time zone", "assuming UTC")
		if s.Conference.TimeZone != "UTC" || s.Sessions[0].Start.Format(time.RFC3339) != "2025-03-01T10:00:00Z" {
			t.Errorf("zone %q, start %v", s.Conference.TimeZone, s.Sessions[0].Start)
		}
	})
	t.Run("unknown zone", func(t *testing.T) {
		doc := strings.Replace(xmlDoc(`<start>10:00</start><duration>0:30</duration><title>X</title>`), "Europe/Paris", "Mars/Olympus", 1)
		_, l := Read("z.xml", []byte(doc))
		mustContain(t, l, diag.Error, "z.xml:3:", `unknown time zone "Mars/Olympus"`)
	})
	t.Run("latin-1, entities, room order, kinds", func(t *testing.T) {
		doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<schedule><conference><acronym>Caf\xe9 Conf</acronym><title>Caf\xe9&nbsp;Conf</title><time_zone_name>UTC</time_zone_name></conference>" +
			`<day date="2025-03-01"><room name="Zed"/><room name="Empty"></room><room name="Alpha">` +
			`<event id="1"><start>10:00</start><duration>1:00</duration><title>Lunch</title><type>break</type></event>` +
			`<event id="2"><start>10:00</start><duration>1:00</duration><room>Zed</room><title>Hack</title><type>workshop</type></event>` +
			`</room></day></schedule>`
		s, l := Read("l.xml", []byte(doc))
		if l.HasErrors() {
			t.Fatalf("errors:\n%s", list(l))
		}
		if s.Conference.ID != "cafe-conf" || s.Conference.Name != "Caf\u00e9\u00a0Conf" {
			t.Errorf("conference = %+v", s.Conference)
		}
		if got := strings.Join(s.Rooms, ","); got != "Zed,Alpha" {
			t.Errorf("rooms = %q, want Zed,Alpha (file order, empty rooms left out)", got)
		}
		if s.Sessions[0].Room != "Zed" || s.Sessions[0].Kind != model.Workshop || s.Sessions[1].Kind != model.Break {
			t.Errorf("sessions = %+v", s.Sessions)
		}
	})
}

func TestJSONInline(t *testing.T) {
	doc := `{
  "schedule": {
    "version": "1.0",
    "base_url": "https://example.org/",
    "conference": {
      "acronym": "demo", "title": "Demo", "time_zone_name": "Europe/Berlin",
      "rooms": [{"name": "Second", "guid": "r2"}, {"name": "First", "guid": "r1"}],
      "days": [
        {"index": 1, "date": "2025-06-01", "day_start": "2025-06-01T06:00:00+02:00", "day_end": "2025-06-02T05:59:00+02:00",
         "rooms": {
          "First": [
            {"id": 1, "guid": "e1", "date": "2025-06-01T23:30:00+02:00", "start": "23:30", "duration": "1:00", "room": "First",
             "slug": "late", "title": "Late", "type": "Party", "track": null, "abstract": null, "description": "Dance\n\nall night",
             "persons": [{"id": 5, "public_name": "Zoë", "biography": "<b>DJ</b><script>x</script>"}]}
          ],
          "Second": [
            {"id": 2, "guid": "e2", "date": "2025-06-01T10:00:00+02:00", "start": "10:00", "duration": "00:30:00", "room": "Second",
             "slug": "early", "title": "Early", "type": "Talk", "persons": []},
            {"id": 3, "guid": "e3", "start": "09:00", "duration": "00:30", "room": "Second",
             "title": "No date", "type": "Talk"}
          ]
        }}
      ]
    }
  }
}`
	s, l := Read("d.json", []byte(doc))
	if s == nil {
		t.Fatalf("nil schedule\n%s", list(l))
	}
	// The third event lacks fields the schema requires.
	mustContain(t, l, diag.Error, "d.json:19:", `"No date"`, "lacks date")
	if got := strings.Join(s.Rooms, ","); got != "Second,First" {
		t.Errorf("rooms = %q, want conference.rooms order", got)
	}
	if len(s.Sessions) != 3 {
		t.Fatalf("sessions = %+v", s.Sessions)
	}
	nd, early, late := s.Sessions[0], s.Sessions[1], s.Sessions[2]
	if late.Slug != "late" || late.Kind != model.Activity || late.End.Format(time.RFC3339) != "2025-06-01T22:30:00Z" || late.Pos.Line != 12 {
		t.Errorf("late = %+v", late)
	}
	if late.Description != "<p>Dance</p><p>all night</p>" {
		t.Errorf("late description = %q", late.Description)
	}
	if early.End.Sub(early.Start) != 30*time.Minute || early.Pos.Line != 17 {
		t.Errorf("early = %+v", early)
	}
	if nd.Slug != "no-date" || nd.Start.Format(time.RFC3339) != "2025-06-01T07:00:00Z" {
		t.Errorf("event without date = %+v", nd)
	}
	sp := s.Speaker("zoe")
	if sp == nil || sp.Bio != "<b>DJ</b>" {
		t.Errorf("speaker = %+v", sp)
	}
	if s.Conference.BaseURL != "https://example.org/" || s.Conference.TimeZone != "Europe/Berlin" {
		t.Errorf("conference = %+v", s.Conference)
	}
}

func BenchmarkReadFOSDEM(b *testing.B) {
	data, err := os.ReadFile(corpusFile(b, "fosdem-2025/schedule.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if s, _ := Read("schedule.xml", data); s == nil {
			b.Fatal("nil schedule")
		}
	}
}

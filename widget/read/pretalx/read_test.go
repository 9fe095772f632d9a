package pretalx

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

// row is a session as the tests compare it.
func row(s *model.Schedule, ss *model.Session) string {
	var names []string
	for _, slug := range ss.Speakers {
		names = append(names, s.Speaker(slug).Name)
	}
	when := "unscheduled"
	if ss.Scheduled() {
		when = ss.Start.UTC().Format(time.RFC3339) + " " + ss.End.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("%s | %s | %s | %s | %s | %s | %s | %s", ss.Slug, ss.Title, ss.Kind, ss.Room, when, ss.Track, strings.Join(names, ", "), ss.Language)
}

func diags(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestWidget reads testdata/widget.json, written by hand in the shape
// pretalx's Schedule.build_data gives: two days either side of the switch to
// summer time in Berlin, three rooms named in two languages, a talk with two
// speakers, one in a room the rooms list lacks, a lunch break in two rooms, a
// coffee break in the older shape without slot_type, and a blocker.
func TestWidget(t *testing.T) {
	s, l := ReadFile("testdata/widget.json", Options{})
	if s == nil {
		t.Fatalf("no schedule: %v", diags(l))
	}
	var rows []string
	for i := range s.Sessions {
		rows = append(rows, row(s, &s.Sessions[i]))
	}
	same(t, "sessions", rows, []string{
		"ab12cd | Opening | talk | Hall A | 2025-03-29T09:00:00Z 2025-03-29T09:30:00Z | Community | Ada Lovelace | en",
		"ef34gh | Two people, one talk | talk | Workshop room | 2025-03-29T10:00:00Z 2025-03-29T10:45:00Z | Security | Ada Lovelace, Grace Hopper | de",
		// In Hall A and the workshop room at once: one break, in neither.
		"lunch-2025-03-29-1200 | Lunch | break |  | 2025-03-29T11:00:00Z 2025-03-29T12:00:00Z |  |  | ",
		// Room 99 and track 7 are in no list, speaker GHOST9 neither.
		"ij56kl | Lost and found | talk |  | 2025-03-29T13:00:00Z 2025-03-29T14:00:00Z |  | Linus Torvalds | en",
		"qr90st | Night session | talk | Hall A | 2025-03-30T00:00:00Z 2025-03-30T00:30:00Z |  | Linus Torvalds | en",
		// After 02:00 CET became 03:00 CEST: +02:00. NONAME has no name.
		"mn78op | Summer time | talk | Kino | 2025-03-30T08:00:00Z 2025-03-30T09:00:00Z | Security | Grace Hopper | en",
		"coffee-2025-03-30-1130 | Coffee | break | Kino | 2025-03-30T09:30:00Z 2025-03-30T09:45:00Z |  |  | ",
	})
	same(t, "rooms", s.Rooms, []string{"Hall A", "Workshop room", "Kino"})
	var speakers []string
	for _, sp := range s.Speakers {
		speakers = append(speakers, sp.Slug+" "+sp.Name+" "+sp.Pos.String())
	}
	same(t, "speakers", speakers, []string{ // UNUSED gives no talk: left out
		"ada-lovelace Ada Lovelace testdata/widget.json:130:5",
		"grace-hopper Grace Hopper testdata/widget.json:131:5",
		"linus-torvalds Linus Torvalds testdata/widget.json:132:5",
	})
	c := s.Conference
	if c.ID != "widget" || c.Name != "widget" || c.TimeZone != "Europe/Berlin" || c.DayChange != 4*time.Hour {
		t.Errorf("conference %+v", c)
	}
	// The night session belongs to Saturday's programme.
	if day := s.DayOf(s.Sessions[4].Start, mustZone(t, "Europe/Berlin")); day != "2025-03-29" {
		t.Errorf("the night session is on %s", day)
	}
	if d := s.Sessions[0].Description; d != "Welcome to **DemoCon**.\n\nSee you there." {
		t.Errorf("description (the script is gone) %q", d)
	}
	if d := s.Sessions[1].Description; d != "<p>A talk with <em>two</em> speakers.</p>" {
		t.Errorf("description %q", d)
	}
	if p := s.Sessions[0].Pos.String(); p != "testdata/widget.json:3:5" {
		t.Errorf("position %s", p)
	}
	same(t, "diagnostics", diags(l), []string{
		`testdata/widget.json: warning: pretalx's widget data does not name the conference; it is called "widget" after the file (pass --name (and --id) with the conference's name)`,
		`testdata/widget.json:51:5: warning: talk IJ56KL ("Lost and found") is in room 99, which the rooms list does not have; it is shown without a room (download the file from pretalx again)`,
		`testdata/widget.json:51:5: warning: talk IJ56KL ("Lost and found") is in track 7, which the tracks list does not have; it is shown without a track (download the file from pretalx again)`,
		`testdata/widget.json:51:5: warning: talk IJ56KL ("Lost and found") names speaker "GHOST9", who is not in the speakers list; they are left out (download the file from pretalx again)`,
		`testdata/widget.json:133:5: warning: speaker "NONAME" has no name and is left out (give the speaker a name in pretalx)`,
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// doc builds a widget JSON with the given talks and top-level extras.
func doc(talks string, extra ...string) string {
	rest := `"timezone": "Europe/Berlin", "event_start": "2025-03-01", "event_end": "2025-03-01",
  "rooms": [{"id": 1, "name": {"en": "Hall", "de": "Saal"}}, {"id": 2, "name": {"fr": "Salle", "de": "Raum"}}],
  "tracks": [{"id": 1, "name": {"de": "Sicherheit", "en": "Security"}}],
  "speakers": [{"code": "S1", "name": "Ann"}, {"code": "S2", "name": "Ann"}]`
	for _, e := range extra {
		rest += ", " + e
	}
	return "{\n  \"talks\": [" + talks + "],\n  " + rest + "\n}\n"
}

const talkA = `{"code": "AAA", "title": "A", "room": 1, "track": 1, "speakers": ["S1", "S2"], "start": "2025-03-01T10:00:00+01:00", "end": "2025-03-01T10:30:00+01:00"}`

func TestOptions(t *testing.T) {
	data := []byte(doc(talkA + `, {"id": 9, "title": {"de": "Pause", "en": "Break"}, "room": 2, "start": "2025-03-01T09:30:00Z", "duration": 15}`))
	t.Run("name, id, language", func(t *testing.T) {
		s, l := Read("x.json", data, Options{Name: "DemoCon 2025", ID: "democon", Language: "de"})
		if len(l) != 0 {
			t.Errorf("diagnostics %v", diags(l))
		}
		if s.Conference.Name != "DemoCon 2025" || s.Conference.ID != "democon" {
			t.Errorf("conference %+v", s.Conference)
		}
		var rows []string
		for i := range s.Sessions {
			rows = append(rows, row(s, &s.Sessions[i]))
		}
		same(t, "sessions", rows, []string{
			// Two speakers named alike: two people, two slugs.
			"aaa | A | talk | Saal | 2025-03-01T09:00:00Z 2025-03-01T09:30:00Z | Sicherheit | Ann, Ann | ",
			// Room 2 has no French... and no English: German, as asked.
			"pause-2025-03-01-1030 | Pause | break | Raum | 2025-03-01T09:30:00Z 2025-03-01T09:45:00Z |  |  | ",
		})
		same(t, "speakers", []string{s.Speakers[0].Slug, s.Speakers[1].Slug}, []string{"ann", "ann-2"})
	})
	t.Run("English by default, else the first text", func(t *testing.T) {
		s, _ := Read("x.json", data, Options{Name: "x"})
		same(t, "rooms", s.Rooms, []string{"Hall", "Salle"})
		if s.Sessions[0].Track != "Security" || s.Sessions[1].Title != "Break" {
			t.Errorf("track %q, break %q", s.Sessions[0].Track, s.Sessions[1].Title)
		}
	})
	t.Run("the most common language when none is English", func(t *testing.T) {
		d := strings.NewReplacer(`"en": "Hall", `, "", `, "en": "Security"`, "", `, "en": "Break"`, "").Replace(string(data))
		s, _ := Read("x.json", []byte(d), Options{Name: "x"})
		same(t, "rooms", s.Rooms, []string{"Saal", "Raum"})
	})
	t.Run("the file's folder names a schedule.json", func(t *testing.T) {
		s, l := Read("downloads/38c3/schedule.json", data, Options{})
		if s.Conference.ID != "38c3" || s.Conference.Name != "38c3" || len(l) != 1 {
			t.Errorf("conference %+v, %v", s.Conference, diags(l))
		}
	})
	t.Run("--tz against the file's zone, --year", func(t *testing.T) {
		_, l := Read("x.json", data, Options{Name: "x", TimeZone: "Europe/Lisbon", Year: 2024})
		same(t, "diagnostics", diags(l), []string{
			`--year: warning: --year 2024 is not used: pretalx's times carry their own year, and the sessions are in 2025 (leave --year out; it fills in years for Zola content folders)`,
			`x.json:3:15: warning: --tz "Europe/Lisbon" is not used: the file names its own zone, "Europe/Berlin" (timezone) (leave --tz out, or fix the event's time zone in pretalx if the file is wrong)`,
		})
	})
}

func TestZone(t *testing.T) {
	noZone := strings.Replace(doc(talkA), `"timezone": "Europe/Berlin", `, "", 1)
	tests := []struct {
		name, data string
		o          Options
		zone       string
		diags      []string
	}{
		{name: "--tz when the file names none", data: noZone, o: Options{Name: "x", TimeZone: "Europe/Paris"}, zone: "Europe/Paris"},
		{name: "UTC for want of a zone", data: noZone, o: Options{Name: "x"}, zone: "UTC", diags: []string{
			`x.json: warning: the file names no time zone (timezone); assuming UTC (pass the venue's zone with --tz, e.g. --tz Europe/Berlin)`,
			`x.json:2:13: warning: the time zone "UTC" contradicts 2 of the file's times (first here: +01:00 where UTC has +00:00) (check the zone; times are placed by their offsets, the zone only says at what hour to show them)`,
		}},
		{name: "an unknown zone", data: strings.Replace(doc(talkA), "Europe/Berlin", "Mars/Olympus", 1), o: Options{Name: "x", TimeZone: "Europe/Berlin"}, zone: "Europe/Berlin", diags: []string{
			`x.json:3:15: error: unknown time zone "Mars/Olympus" (timezone); using --tz "Europe/Berlin" (use an IANA zone name such as Europe/Berlin)`,
		}},
		{name: "a zone that contradicts the offsets", data: strings.Replace(doc(talkA), "Europe/Berlin", "America/New_York", 1), o: Options{Name: "x"}, zone: "America/New_York", diags: []string{
			`x.json:2:13: warning: timezone "America/New_York" contradicts 2 of the file's times (first here: +01:00 where America/New_York has -05:00) (check the zone; times are placed by their offsets, the zone only says at what hour to show them)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, l := Read("x.json", []byte(tt.data), tt.o)
			same(t, "diagnostics", diags(l), tt.diags)
			if s.Conference.TimeZone != tt.zone {
				t.Errorf("zone %q", s.Conference.TimeZone)
			}
			if got := s.Sessions[0].Start.UTC().Format(time.RFC3339); got != "2025-03-01T09:00:00Z" {
				t.Errorf("start %s: the offset decides", got)
			}
		})
	}
}

func TestTimes(t *testing.T) {
	talks := `{"code": "D1", "title": "By duration", "room": 1, "start": "2025-03-01T10:00:00+01:00", "duration": 40},
	{"code": "N1", "title": "No end", "room": 1, "start": "2025-03-01T12:00:00+01:00"},
	{"code": "U1", "title": "Unscheduled", "room": 1, "start": null},
	{"code": "B1", "title": "Bad", "room": 1, "start": "tomorrow", "end": "2025-03-01T12:00:00+01:00"},
	{"code": "L1", "title": "Local", "room": 1, "start": "2025-03-01T14:00:00", "end": "2025-03-01T14:30:00.500+01:00"},
	{"code": "E1", "title": "Early", "room": 2, "start": "2025-03-01T02:00:00+01:00", "end": "2025-03-01T02:30:00+01:00"}`
	s, l := Read("x.json", []byte(doc(talks)), Options{Name: "x"})
	var rows []string
	for i := range s.Sessions {
		rows = append(rows, row(s, &s.Sessions[i]))
	}
	same(t, "sessions", rows, []string{
		"e1 | Early | talk | Salle | 2025-03-01T01:00:00Z 2025-03-01T01:30:00Z |  |  | ",
		"d1 | By duration | talk | Hall | 2025-03-01T09:00:00Z 2025-03-01T09:40:00Z |  |  | ",
		"n1 | No end | talk | Hall | 2025-03-01T11:00:00Z 2025-03-01T11:00:00Z |  |  | ",
		"l1 | Local | talk | Hall | 2025-03-01T13:00:00Z 2025-03-01T13:30:00Z |  |  | ",
		"b1 | Bad | talk | Hall | unscheduled |  |  | ",
		"u1 | Unscheduled | talk | Hall | unscheduled |  |  | ",
	})
	same(t, "diagnostics", diags(l), []string{
		`x.json:3:2: warning: talk N1 ("No end") has no end or duration; it is shown as ending when it starts (give it a duration in pretalx)`,
		`x.json:4:2: warning: talk U1 ("Unscheduled") has no start; it is left unscheduled (schedule it in pretalx and release the schedule)`,
		`x.json:5:2: warning: talk B1 ("Bad") has an unreadable start "tomorrow"; it is left unscheduled (write it as ISO 8601, e.g. 2025-03-01T10:30:00+01:00)`,
	})
	// E1 starts at 02:00 on the first day: days change at midnight, not 04:00.
	if dc := s.Conference.DayChange; dc != 0 {
		t.Errorf("DayChange %v", dc)
	}
}

// TestBroken: files that are not a pretalx widget JSON, or too big or deep
// to read, give one clear error and no schedule; damaged parts give errors
// naming the entry.
func TestBroken(t *testing.T) {
	deep := `{"talks": [], "rooms": [` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `]}`
	tests := []struct {
		name, data string
		nilOut     bool
		diags      []string
	}{
		{name: "empty", data: " \n", nilOut: true, diags: []string{`x.json: error: the file is empty (download /<event>/schedule/widgets/schedule.json from pretalx again)`}},
		{name: "a list", data: `[1]`, nilOut: true, diags: []string{`x.json: error: not a pretalx widget schedule.json: the top level is not an object (download /<event>/schedule/widgets/schedule.json from pretalx)`}},
		{name: "no talks or rooms", data: `{"version": "1"}`, nilOut: true, diags: []string{`x.json: error: not a pretalx widget schedule.json: there is no "talks" or "rooms" list at the top (download /<event>/schedule/widgets/schedule.json from pretalx)`}},
		{name: "truncated", data: "{\"talks\": [\n {\"code\": \"A\"", nilOut: true, diags: []string{`x.json:2:14: error: broken JSON: unexpected end of JSON input (the file looks truncated or damaged; download it again (jq . shows JSON errors))`}},
		{name: "a syntax error", data: "{\"talks\": [\n {\"code\": A}]}", nilOut: true, diags: []string{`x.json:2:11: error: broken JSON: invalid character 'A' looking for beginning of value (the file looks truncated or damaged; download it again (jq . shows JSON errors))`}},
		{name: "too deep", data: deep, nilOut: true, diags: []string{`x.json:1:55: error: lists and objects are nested more than 32 deep, more than a pretalx schedule.json ever is (give the pretalx widget schedule.json itself; it nests 4 deep)`}},
		{name: "too big", data: `{"talks": [], "x": "` + strings.Repeat("x", MaxSize) + `"}`, nilOut: true, diags: []string{`x.json: error: the file is 64 MiB, more than the 64 MiB a pretalx schedule.json may have (give the pretalx widget schedule.json itself; even the largest conferences serve a few megabytes)`}},
		{name: "talks not a list", data: `{"talks": {"a": 1}, "rooms": []}`, diags: []string{
			`x.json: warning: the schedule has no talks (release a schedule in pretalx first; the widget data only holds released talks)`,
			`x.json:1:11: error: "talks" must be a list, not {"a": 1} (download the file from pretalx again)`,
		}},
		{name: "wrong types", data: "{\"talks\": [\n 5,\n {\"code\": \"T\", \"title\": 7, \"room\": null, \"start\": \"2025-03-01T10:00:00Z\", \"duration\": 5},\n {\"code\": \"U\", \"title\": \"U\", \"speakers\": \"ADA\", \"start\": \"2025-03-01T11:00:00Z\", \"duration\": 5}],\n \"timezone\": \"UTC\"}", diags: []string{
			`x.json:2:2: error: talks[0]: wrong type at the entry: found number where an object belongs (this is not how pretalx writes it; download the file from pretalx again)`,
			`x.json:3:2: warning: talk T has no title (give it a title in pretalx)`,
			`x.json:3:2: error: talks[1]: title is a number, not a text or an object from language to text (fix the value's type; pretalx writes names as "Hall" or {"en": "Hall"})`,
			`x.json:4:2: error: talks[2]: wrong type at speakers: found string where a list belongs (this is not how pretalx writes it; download the file from pretalx again)`,
		}},
		{name: "trailing data", data: `{"talks": [], "rooms": []} {}`, diags: []string{
			`x.json: warning: the schedule has no talks (release a schedule in pretalx first; the widget data only holds released talks)`,
			`x.json:1:28: error: more after the end of the top-level object: "{}" (the file holds two documents or trailing garbage; download it again)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, l := Read("x.json", []byte(tt.data), Options{Name: "x", TimeZone: "UTC"})
			if (s == nil) != tt.nilOut {
				t.Errorf("schedule %v", s)
			}
			same(t, "diagnostics", diags(l), tt.diags)
		})
	}
}

func TestRepeats(t *testing.T) {
	talks := `{"code": "AAA", "title": "One", "room": 1, "start": "2025-03-01T10:00:00+01:00", "duration": 30},
	{"code": "aaa", "title": "Two", "room": 2, "start": "2025-03-01T10:00:00+01:00", "duration": 30},
	{"title": "Lunch", "room": 1, "start": "2025-03-01T12:00:00+01:00", "duration": 30},
	{"title": "Lunch", "room": 2, "start": "2025-03-01T12:00:00+01:00", "duration": 45}`
	s, l := Read("x.json", []byte(doc(talks)), Options{Name: "x"})
	var slugs []string
	for _, ss := range s.Sessions {
		slugs = append(slugs, ss.Slug+" "+ss.Room)
	}
	same(t, "slugs", slugs, []string{"aaa Hall", "aaa-2 Salle", "lunch-2025-03-01-1200 Hall", "lunch-2025-03-01-1200-2 Salle"})
	same(t, "diagnostics", diags(l), []string{
		`x.json:3:2: warning: talk aaa ("Two") repeats the code of "One" at x.json:2:13; its slug becomes "aaa-2" (pretalx gives every talk its own code; download the file again)`,
	})
}

func TestDetect(t *testing.T) {
	tests := []struct {
		data string
		want bool
	}{
		{doc(talkA), true},
		{`{"rooms": [], "talks": []}`, true},
		{"\xef\xbb\xbf {\"talks\": []}", true},
		{`{"talks": [{"code": "A"`, true}, // broken, but its keys say pretalx: Read reports it
		{`{"schedule": {"version": "1", "conference": {}}}`, false},
		{`{"talks": [], "schedule": {}}`, false},
		{`{"rooms": []}`, false},
		{`{}`, false},
		{`[{"talks": []}]`, false},
		{`<schedule/>`, false},
		{``, false},
		{`{"version": "1", "talks`, false},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%.40q) = %v", tt.data, got)
		}
	}
}

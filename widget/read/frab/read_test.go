package frab

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

// Tests for issue 8: who a speaker is, which day a session after midnight
// belongs to, --tz and --year, the persons block, slugs and links.

// want is a diagnostic a case expects: its severity and parts of its text.
type want struct {
	sev   diag.Severity
	parts []string
}

func warn(parts ...string) want { return want{diag.Warning, parts} }
func fail(parts ...string) want { return want{diag.Error, parts} }

// expect checks that l holds each of ws and nothing else but the
// diagnostics whose text contains one of allow.
func expect(t *testing.T, l diag.List, ws []want, allow ...string) {
	t.Helper()
	used := make([]bool, len(l))
	for _, w := range ws {
		found := false
		for i, d := range l {
			if used[i] || d.Severity != w.sev {
				continue
			}
			ok := true
			for _, p := range w.parts {
				ok = ok && strings.Contains(d.String(), p)
			}
			if ok {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no %s containing %q in:\n%s", w.sev, w.parts, list(l))
		}
	}
next:
	for i, d := range l {
		if used[i] {
			continue
		}
		for _, a := range allow {
			if strings.Contains(d.String(), a) {
				continue next
			}
		}
		t.Errorf("unexpected %s", d)
	}
}

// speakersOf maps each session's slug to its speakers' names.
func speakersOf(s *model.Schedule) map[string]string {
	out := map[string]string{}
	for _, ss := range s.Sessions {
		var names []string
		for _, slug := range ss.Speakers {
			names = append(names, s.Speaker(slug).Name)
		}
		out[ss.Slug] = strings.Join(names, ", ")
	}
	return out
}

// jsonDoc builds a classic schedule.json with one day (2025-06-01,
// Europe/Berlin) whose rooms hold the given events, each a JSON object body.
func jsonDoc(rooms map[string][]string) string {
	var names []string
	for r := range rooms {
		names = append(names, r)
	}
	sort.Strings(names)
	var rs []string
	n := 0
	for _, r := range names {
		var evs []string
		for _, e := range rooms[r] {
			n++
			evs = append(evs, fmt.Sprintf(`{"id": %d, "guid": "g%d", "room": %q, "type": "Talk", "duration": "0:30", %s}`, n, n, r, e))
		}
		rs = append(rs, fmt.Sprintf("%q: [%s]", r, strings.Join(evs, ",\n")))
	}
	return `{"schedule": {"version": "1", "conference": {"acronym": "t", "title": "T", "time_zone_name": "Europe/Berlin",
  "days": [{"index": 1, "date": "2025-06-01", "rooms": {` + strings.Join(rs, ",\n") + `}}]}}}`
}

func TestSpeakerIdentity(t *testing.T) {
	ev := func(at, persons string) string {
		return `<start>` + at + `</start><duration>0:30</duration><title>At ` + at + `</title><persons>` + persons + `</persons>`
	}
	jev := func(at, persons string) string {
		return `"date": "2025-06-01T` + at + `:00+02:00", "start": "` + at + `", "title": "At ` + at + `", "persons": [` + persons + `]`
	}
	tests := []struct {
		name  string
		doc   string
		want  map[string]string // session slug -> speaker names
		diags []want
	}{
		{
			name:  "an id reused for another person",
			doc:   xmlDoc(ev("10:00", `<person id="7">Alice Archer</person>`), ev("11:00", `<person id="7">Bob Baker</person>`), ev("12:00", `<person id="7">Alice Archer</person>`)),
			want:  map[string]string{"at-10-00": "Alice Archer", "at-11-00": "Bob Baker", "at-12-00": "Alice Archer"},
			diags: []want{warn("t.xml:7:", `person id "7" names both "Alice Archer" (t.xml:6:`, `and "Bob Baker"`, "read as two people")},
		},
		{
			name: "id 0 is no id",
			doc:  xmlDoc(ev("10:00", `<person id="0">Alice Archer</person>`), ev("11:00", `<person id="0">Bob Baker</person>`), ev("12:00", `<person id="0">Alice Archer</person>`)),
			want: map[string]string{"at-10-00": "Alice Archer", "at-11-00": "Bob Baker", "at-12-00": "Alice Archer"},
		},
		{
			name: "one id, one name, however spaced or cased",
			doc:  xmlDoc(ev("10:00", `<person id="3">Alice Archer</person>`), ev("11:00", `<person id="3">alice   ARCHER</person>`)),
			want: map[string]string{"at-10-00": "Alice Archer", "at-11-00": "Alice Archer"},
		},
		{
			name: "the guid decides over the id",
			doc: xmlDoc(ev("10:00", `<person guid="p1" id="3">Alice Archer</person>`), ev("11:00", `<person guid="p1" id="9">Alice A.</person>`),
				ev("12:00", `<person guid="p2" id="3">Bob Baker</person>`)),
			want: map[string]string{"at-10-00": "Alice Archer", "at-11-00": "Alice Archer", "at-12-00": "Bob Baker"},
		},
		{
			name: "json: an id reused, id 0, and two sub-schedules at the same time",
			doc: jsonDoc(map[string][]string{
				"Hall A": {jev("10:00", `{"id": 1, "public_name": "Alice Archer"}`), jev("11:00", `{"id": 0, "name": "Carol Clark"}`)},
				"Hall B": {jev("10:00", `{"id": 1, "public_name": "Bob Baker"}`), jev("11:00", `{"id": 0, "name": "Dan Dale"}`)},
			}),
			want: map[string]string{"at-10-00": "Alice Archer", "at-11-00": "Carol Clark", "at-10-00-2": "Bob Baker", "at-11-00-2": "Dan Dale"},
			// Before: one speaker in two places at once, twice, and Bob and Dan lost.
			diags: []want{warn(`person id "1" names both "Alice Archer"`, `and "Bob Baker"`)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "t.xml"
			if strings.HasPrefix(tt.doc, "{") {
				name = "t.json"
			}
			s, l := Read(name, []byte(tt.doc))
			if s == nil {
				t.Fatalf("nil schedule:\n%s", list(l))
			}
			if got := speakersOf(s); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("speakers = %v\nwant       %v", got, tt.want)
			}
			expect(t, l, tt.diags, "repeats slug")
		})
	}
}

// dayXML builds a schedule.xml (Europe/Paris) with one <day> per element of
// days, each "date|start|end|event bodies separated by ;;" (start and end
// may be empty; each event gets slug e<n>).
func dayXML(conf string, days ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>
<schedule>
  <conference><acronym>d</acronym><title>D</title><time_zone_name>Europe/Paris</time_zone_name>` + conf + `</conference>
`)
	n := 0
	for i, d := range days {
		f := strings.SplitN(d, "|", 4)
		fmt.Fprintf(&b, `  <day index="%d" date="%s"`, i+1, f[0])
		if f[1] != "" {
			fmt.Fprintf(&b, ` start="%s"`, f[1])
		}
		if f[2] != "" {
			fmt.Fprintf(&b, ` end="%s"`, f[2])
		}
		b.WriteString(">\n    <room name=\"Main\">\n")
		for _, e := range strings.Split(f[3], ";;") {
			if e == "" {
				continue
			}
			n++
			fmt.Fprintf(&b, "      <event guid=\"g%d\" id=\"%d\"><slug>e%d</slug><title>E%d</title><duration>0:30</duration>%s</event>\n", n, n, n, n, e)
		}
		b.WriteString("    </room>\n  </day>\n")
	}
	b.WriteString("</schedule>\n")
	return b.String()
}

func date(s string) string { return "<date>" + s + "</date>" }

func TestDayChange(t *testing.T) {
	tests := []struct {
		name   string
		doc    string
		change time.Duration
		days   map[string]string // slug -> conference day
		diags  []want
	}{
		{
			name: "days from 09:00 to 04:00",
			doc: dayXML("",
				"2025-03-01|2025-03-01T09:00:00+01:00|2025-03-02T04:00:00+01:00|"+date("2025-03-01T20:00:00+01:00")+";;"+date("2025-03-02T01:30:00+01:00"),
				"2025-03-02|2025-03-02T09:00:00+01:00|2025-03-03T04:00:00+01:00|"+date("2025-03-02T10:00:00+01:00")+";;"+date("2025-03-03T02:00:00+01:00")),
			change: 4 * time.Hour,
			days:   map[string]string{"e1": "2025-03-01", "e2": "2025-03-01", "e3": "2025-03-02", "e4": "2025-03-02"},
		},
		{
			name: "pretalx writes 03:59",
			doc: dayXML("", "2025-03-01|2025-03-01T04:00:00+01:00|2025-03-02T03:59:00+01:00|"+date("2025-03-02T03:30:00+01:00"),
				"2025-03-02|2025-03-02T04:00:00+01:00|2025-03-03T03:59:00+01:00|"+date("2025-03-02T04:00:00+01:00")),
			change: 4 * time.Hour,
			days:   map[string]string{"e1": "2025-03-01", "e2": "2025-03-02"},
		},
		{
			name: "FOSDEM: <day_change> and days to 08:59",
			doc: dayXML("<day_change>09:00:00</day_change>",
				"2025-02-01|2025-02-01T09:00:00+01:00|2025-02-02T08:59:00+01:00|"+date("2025-02-01T09:00:00+01:00"),
				"2025-02-02|2025-02-02T09:00:00+01:00|2025-02-03T08:59:00+01:00|"+date("2025-02-02T18:00:00+01:00")),
			change: 9 * time.Hour,
			days:   map[string]string{"e1": "2025-02-01", "e2": "2025-02-02"},
		},
		{
			name: "days disagree: the earliest end that keeps every session",
			doc: dayXML("",
				"2025-03-01|2025-03-01T09:00:00+01:00|2025-03-02T04:00:00+01:00|"+date("2025-03-02T01:00:00+01:00"),
				"2025-03-02|2025-03-02T09:00:00+01:00|2025-03-03T06:00:00+01:00|"+date("2025-03-03T05:00:00+01:00")),
			change: 6 * time.Hour,
			days:   map[string]string{"e1": "2025-03-01", "e2": "2025-03-02"},
		},
		{
			name: "days disagree, nothing after 04:00",
			doc: dayXML("",
				"2025-03-01|2025-03-01T09:00:00+01:00|2025-03-02T04:00:00+01:00|"+date("2025-03-02T01:00:00+01:00"),
				"2025-03-02|2025-03-02T09:00:00+01:00|2025-03-03T06:00:00+01:00|"+date("2025-03-03T03:00:00+01:00")),
			change: 4 * time.Hour,
			days:   map[string]string{"e1": "2025-03-01", "e2": "2025-03-02"},
		},
		{
			name: "no time keeps every session in its day",
			doc: dayXML("",
				"2025-03-01|2025-03-01T09:00:00+01:00|2025-03-02T04:00:00+01:00|"+date("2025-03-02T05:00:00+01:00"),
				"2025-03-02|2025-03-02T09:00:00+01:00|2025-03-03T06:00:00+01:00|"+date("2025-03-02T04:30:00+01:00")),
			change: 4 * time.Hour,
			days:   map[string]string{"e1": "2025-03-02", "e2": "2025-03-02"},
			diags:  []want{warn("t.xml:6:", "1 session falls outside the day it is listed under", "04:00", `"E1"`)},
		},
		{
			name:   "days without start or end change at midnight",
			doc:    dayXML("", "2025-03-01|||"+date("2025-03-01T23:30:00+01:00")+";;"+date("2025-03-02T00:30:00+01:00")),
			change: 0,
			days:   map[string]string{"e1": "2025-03-01", "e2": "2025-03-02"},
			diags:  []want{warn("t.xml:7:", "1 session falls outside the day it is listed under", "midnight")},
		},
		{
			name: "json: day_start and day_end",
			doc: `{"schedule": {"version": "1", "conference": {"acronym": "j", "title": "J", "time_zone_name": "Europe/Berlin", "days": [
  {"index": 1, "date": "2020-12-27", "day_start": "2020-12-27T04:00:00+01:00", "day_end": "2020-12-28T03:59:00+01:00", "rooms": {"R": [
    {"id": 1, "guid": "a", "date": "2020-12-28T01:00:00+01:00", "start": "01:00", "duration": "0:30", "room": "R", "slug": "late", "title": "Late", "type": "Talk"}]}},
  {"index": 2, "date": "2020-12-28", "day_start": "2020-12-28T04:00:00+01:00", "day_end": "2020-12-29T03:59:00+01:00", "rooms": {"R": [
    {"id": 2, "guid": "b", "date": "2020-12-28T11:00:00+01:00", "start": "11:00", "duration": "0:30", "room": "R", "slug": "early", "title": "Early", "type": "Talk"}]}}]}}}`,
			change: 4 * time.Hour,
			days:   map[string]string{"late": "2020-12-27", "early": "2020-12-28"},
		},
		{
			name: "json hub: days[].start and end, events outside the days",
			doc: `{"schedule": {"version": "1", "conference": {"acronym": "h", "title": "H", "time_zone_name": "Europe/Berlin", "days": [
  {"index": 1, "date": "2024-12-27", "start": "2024-12-27T09:30:00+00:00", "end": "2024-12-28T06:00:00+01:00"},
  {"index": 2, "date": "2024-12-28", "start": "2024-12-28T06:00:00+01:00", "end": "2024-12-28T17:45:00+00:00"}]},
  "events": [{"guid": "a", "start": "2024-12-28T00:15:00+01:00", "end": "2024-12-28T00:55:00+01:00", "slug": "night", "title": "Night", "room": "Saal 1"}]}}`,
			change: 6 * time.Hour,
			days:   map[string]string{"night": "2024-12-27"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "t.xml"
			if strings.HasPrefix(tt.doc, "{") {
				name = "t.json"
			}
			s, l := Read(name, []byte(tt.doc))
			if s == nil {
				t.Fatalf("nil schedule:\n%s", list(l))
			}
			if s.Conference.DayChange != tt.change {
				t.Errorf("DayChange = %v, want %v", s.Conference.DayChange, tt.change)
			}
			loc, _ := time.LoadLocation(s.Conference.TimeZone)
			got := map[string]string{}
			for _, ss := range s.Sessions {
				got[ss.Slug] = s.DayOf(ss.Start, loc)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.days) {
				t.Errorf("days = %v, want %v", got, tt.days)
			}
			expect(t, l, tt.diags)
		})
	}
}

func TestClockOnlyNight(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	tests := []struct {
		name       string
		start, end string // the day's attributes
		at         string // the event's <start>
		want       string // its start, Paris time
	}{
		{"a night after the day's start", "2025-03-01T08:00:00+01:00", "", "01:00", "2025-03-02 01:00"},
		{"the day's start is its first session", "2025-03-01T10:30:00+01:00", "2025-03-01T18:00:00+01:00", "09:00", "2025-03-01 09:00"},
		{"a morning before the day's start", "2025-03-01T09:00:00+01:00", "2025-03-02T04:00:00+01:00", "08:30", "2025-03-01 08:30"},
		{"a night before the day's end", "2025-03-01T09:00:00+01:00", "2025-03-02T04:00:00+01:00", "01:00", "2025-03-02 01:00"},
		{"at the day's end", "2025-03-01T09:00:00+01:00", "2025-03-02T04:00:00+01:00", "04:00", "2025-03-01 04:00"},
		{"an end at 03:59 means 04:00", "2025-03-01T04:00:00+01:00", "2025-03-02T03:59:00+01:00", "03:59", "2025-03-02 03:59"},
		{"no start or end", "", "", "01:00", "2025-03-01 01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, l := Read("t.xml", []byte(dayXML("", "2025-03-01|"+tt.start+"|"+tt.end+"|<start>"+tt.at+"</start>")))
			if s == nil || len(s.Sessions) != 1 {
				t.Fatalf("schedule %+v\n%s", s, list(l))
			}
			if got := s.Sessions[0].Start.In(paris).Format("2006-01-02 15:04"); got != tt.want {
				t.Errorf("start = %s, want %s", got, tt.want)
			}
			if day := s.DayOf(s.Sessions[0].Start, paris); day != "2025-03-01" {
				t.Errorf("conference day = %s, want 2025-03-01", day)
			}
			expect(t, l, nil)
		})
	}
}

func TestZoneAndYear(t *testing.T) {
	// Offsets on every date but no time_zone_name, as some exports write.
	offsets := strings.Replace(dayXML("", "2025-03-01|||"+date("2025-03-01T10:00:00+01:00")+";;"+date("2025-03-01T11:00:00+01:00")),
		"<time_zone_name>Europe/Paris</time_zone_name>", "", 1)
	named := dayXML("", "2025-03-01|||"+date("2025-03-01T10:00:00+01:00"))
	// Only clock times: the zone decides the instants.
	clocks := strings.Replace(dayXML("", "2025-03-01|||<start>10:00</start>"), "<time_zone_name>Europe/Paris</time_zone_name>", "", 1)
	jsonOffsets := `{"schedule": {"version": "1", "conference": {"acronym": "j", "title": "J", "days": [
  {"index": 1, "date": "2020-12-27", "day_start": "2020-12-27T04:00:00+01:00", "day_end": "2020-12-28T03:59:00+01:00", "rooms": {"R": [
    {"id": 1, "guid": "a", "date": "2020-12-27T11:00:00+01:00", "start": "11:00", "duration": "0:30", "room": "R", "title": "A", "type": "Talk"}]}}]}}}`
	tests := []struct {
		name  string
		doc   string
		o     Options
		zone  string
		start string // first session, RFC 3339 UTC
		diags []want
	}{
		{name: "offsets, no zone, no flag", doc: offsets, zone: "UTC", start: "2025-03-01T09:00:00Z",
			diags: []want{warn("t.xml:3:", "no time zone", "assuming UTC", "+01:00", "--tz")}},
		{name: "offsets and --tz", doc: offsets, o: Options{TimeZone: "Europe/Paris"}, zone: "Europe/Paris", start: "2025-03-01T09:00:00Z"},
		{name: "--tz contradicts the offsets", doc: offsets, o: Options{TimeZone: "Asia/Tokyo"}, zone: "Asia/Tokyo", start: "2025-03-01T09:00:00Z",
			diags: []want{warn("t.xml:6:", `--tz "Asia/Tokyo"`, "2 times", "+01:00", "+09:00")}},
		{name: "an unknown --tz", doc: offsets, o: Options{TimeZone: "Mars/Olympus"}, zone: "UTC", start: "2025-03-01T09:00:00Z",
			diags: []want{fail("--tz: error:", `unknown time zone "Mars/Olympus"`), warn("no time zone", "assuming UTC")}},
		{name: "the file's zone wins", doc: named, o: Options{TimeZone: "Europe/Lisbon"}, zone: "Europe/Paris", start: "2025-03-01T09:00:00Z",
			diags: []want{warn("t.xml:3:", `--tz "Europe/Lisbon" is not used`, `"Europe/Paris"`)}},
		{name: "the same zone twice", doc: named, o: Options{TimeZone: "Europe/Paris"}, zone: "Europe/Paris", start: "2025-03-01T09:00:00Z"},
		{name: "clock times in the --tz zone", doc: clocks, o: Options{TimeZone: "Europe/Paris"}, zone: "Europe/Paris", start: "2025-03-01T09:00:00Z"},
		{name: "clock times without a zone", doc: clocks, zone: "UTC", start: "2025-03-01T10:00:00Z",
			diags: []want{warn("no time zone", "assuming UTC")}},
		{name: "a file's own zone contradicts its offsets", doc: strings.Replace(named, "Europe/Paris", "UTC", 1), zone: "UTC", start: "2025-03-01T09:00:00Z",
			diags: []want{warn("t.xml:6:", `time_zone_name "UTC"`, "+01:00")}},
		{name: "json: offsets and --tz", doc: jsonOffsets, o: Options{TimeZone: "Europe/Berlin"}, zone: "Europe/Berlin", start: "2020-12-27T10:00:00Z"},
		{name: "--year agrees", doc: named, o: Options{Year: 2025}, zone: "Europe/Paris", start: "2025-03-01T09:00:00Z"},
		{name: "--year disagrees", doc: named, o: Options{Year: 2024}, zone: "Europe/Paris", start: "2025-03-01T09:00:00Z",
			diags: []want{warn("--year: warning:", "--year 2024", "2025")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "t.xml"
			if strings.HasPrefix(tt.doc, "{") {
				name = "t.json"
			}
			s, l := ReadWith(name, []byte(tt.doc), tt.o)
			if s == nil || len(s.Sessions) == 0 {
				t.Fatalf("schedule %+v\n%s", s, list(l))
			}
			if s.Conference.TimeZone != tt.zone {
				t.Errorf("zone = %q, want %q", s.Conference.TimeZone, tt.zone)
			}
			if got := s.Sessions[0].Start.Format(time.RFC3339); got != tt.start {
				t.Errorf("start = %s, want %s", got, tt.start)
			}
			expect(t, l, tt.diags)
		})
	}
}

func TestPersonsBlock(t *testing.T) {
	doc := func(inline, block string) string {
		d := xmlDoc(`<start>10:00</start><duration>0:30</duration><title>T</title><persons>` + inline + `</persons>`)
		return strings.Replace(d, "</schedule>", "  <persons>\n"+block+"\n  </persons>\n</schedule>", 1)
	}
	tests := []struct {
		name  string
		doc   string
		want  model.Speaker // Slug, Name, Bio, URL and Links are compared
		diags []want
	}{
		{
			name: "FOSDEM: biography by id",
			doc:  doc(`<person id="4744">Mikhail Gudim</person>`, `<person id="4744"><name>Mikhail Gudim</name><slug>mikhail_gudim</slug><biography>&lt;p&gt;Compiler engineer.&lt;/p&gt;</biography><links><link href="https://example.org/mg">Homepage</link></links></person>`),
			want: model.Speaker{Slug: "mikhail-gudim", Name: "Mikhail Gudim", Bio: "<p>Compiler engineer.</p>", Links: []model.Link{{Label: "Homepage", URL: "https://example.org/mg"}}},
		},
		{
			name: "extended_biography when biography is empty",
			doc:  doc(`<person id="1">Ada</person>`, `<person id="1"><name>Ada</name><biography></biography><extended_biography>Longer.</extended_biography><url>https://ada.example/</url></person>`),
			want: model.Speaker{Slug: "ada", Name: "Ada", Bio: "<p>Longer.</p>", URL: "https://ada.example/"},
		},
		{
			name: "by guid, with the name the event leaves out",
			doc:  doc(`<person guid="p-1"></person>`, `<person guid="p-1" id="5"><name>Grace</name><biography>Admiral.</biography></person>`),
			want: model.Speaker{Slug: "grace", Name: "Grace", Bio: "<p>Admiral.</p>"},
		},
		{
			name: "an id that names another person is not their biography",
			doc:  doc(`<person id="7">Alice</person>`, `<person id="7"><name>Bob</name><biography>Not Alice.</biography></person>`),
			want: model.Speaker{Slug: "alice", Name: "Alice"},
		},
		{
			name: "a link without a label is labelled by its host",
			doc:  doc(`<person id="2">Bea</person>`, `<person id="2"><name>Bea</name><links><link href="https://social.example/@bea"></link></links></person>`),
			want: model.Speaker{Slug: "bea", Name: "Bea", Links: []model.Link{{Label: "social.example", URL: "https://social.example/@bea"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, l := Read("p.xml", []byte(tt.doc))
			if s == nil || len(s.Speakers) != 1 {
				t.Fatalf("schedule %+v\n%s", s, list(l))
			}
			sp := s.Speakers[0]
			sp.Pos = diag.Pos{}
			if fmt.Sprintf("%+v", sp) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("speaker = %+v\nwant      %+v", sp, tt.want)
			}
			expect(t, l, tt.diags)
		})
	}
}

func TestSlugsKeptWhole(t *testing.T) {
	long := "fosdem-2025-5379-how-is-development-and-collaboration-done-in-public-sector-open-source-software-projects-insights-from-six-mature-case-studies"
	title := strings.Repeat("A very long title ", 10) + "end"
	tests := []struct{ name, event, want string }{
		{"the file's slug, 143 characters", "<slug>" + long + "</slug><title>T</title>", long},
		{"the file's slug ends with a hyphen", "<slug>we-asked-maintainers-to-find-out-</slug><title>T</title>", "we-asked-maintainers-to-find-out-"},
		{"a slug from a long title", "<title>" + title + "</title>", strings.TrimSuffix(strings.Repeat("a-very-long-title-", 10), "-") + "-end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, l := Read("s.xml", []byte(xmlDoc(`<start>10:00</start><duration>0:30</duration>`+tt.event)))
			if s == nil || len(s.Sessions) != 1 {
				t.Fatalf("schedule %+v\n%s", s, list(l))
			}
			if got := s.Sessions[0].Slug; got != tt.want {
				t.Errorf("slug = %q (%d), want %q (%d)", got, len(got), tt.want, len(tt.want))
			}
			expect(t, l, nil)
		})
	}
}

// TestUnsafeURLs reads files that carry javascript: and data: URLs in every
// URL field: none of them reaches the model, each dropped link is named.
func TestUnsafeURLs(t *testing.T) {
	tests := []struct {
		file  string
		diags []want
		links int // safe speaker links that stay
	}{
		{"unsafe-urls.xml", []want{
			warn("unsafe-urls.xml:4:", "base URL", "javascript:alert('base_url')"),
			warn("unsafe-urls.xml:12:", `session "javascript-event": URL "javascript:alert('event url')"`),
			warn("unsafe-urls.xml:35:", `session "data-event": URL "data:text/html,<script>alert('event url')</script>"`),
			warn("unsafe-urls.xml:12:", `speaker "ada-lovelace": URL "javascript:alert('person url')"`),
			warn("unsafe-urls.xml:12:", `speaker "ada-lovelace": link "Mastodon" "javascript:alert('person link')"`),
			warn("unsafe-urls.xml:35:", `speaker "grace-hopper": URL "data:text/html,<script>alert('person url')</script>"`),
			warn("unsafe-urls.xml:35:", `speaker "grace-hopper": link "Avatar" "data:image/svg+xml`),
		}, 1},
		{"unsafe-urls.json", []want{
			warn("unsafe-urls.json:", "base URL", "javascript:alert('base_url')"),
			warn("unsafe-urls.json:21:", `session "javascript-event": URL "javascript:alert('event url')"`),
			warn("unsafe-urls.json:43:", `session "data-event": URL "data:text/html,<script>alert('event url')</script>"`),
			warn("unsafe-urls.json:21:", `speaker "ada-lovelace": URL "javascript:alert('person url')"`),
			warn("unsafe-urls.json:21:", `speaker "ada-lovelace": link "Mastodon" "javascript:alert('person link')"`),
			warn("unsafe-urls.json:43:", `speaker "grace-hopper": URL "data:text/html,<script>alert('person url')</script>"`),
			warn("unsafe-urls.json:43:", `speaker "grace-hopper": link "Avatar" "data:image/svg+xml`),
		}, 1},
		{"unsafe-urls-hub.json", []want{
			warn("unsafe-urls-hub.json:", "base URL", "data:text/html,<script>alert('base_url')</script>"),
			warn("unsafe-urls-hub.json:15:", `session "hub-event": URL "javascript:alert('event url')"`),
			warn("unsafe-urls-hub.json:15:", `speaker "ada-lovelace": URL "data:text/html,<script>alert('person url')</script>"`),
			warn("unsafe-urls-hub.json:15:", `speaker "ada-lovelace": link "Mastodon" "javascript:alert('person link')"`),
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s, l := ReadFile(filepath.Join("testdata", tt.file))
			if s == nil || len(s.Sessions) == 0 || len(s.Speakers) == 0 {
				t.Fatalf("schedule %+v\n%s", s, list(l))
			}
			expect(t, l, tt.diags)
			// Nothing of the payloads is left anywhere in the model.
			all, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"javascript:", "data:text", "data:image", "alert("} {
				if strings.Contains(strings.ToLower(string(all)), bad) {
					t.Errorf("%q reached the model:\n%s", bad, all)
				}
			}
			links := 0
			for _, sp := range s.Speakers {
				links += len(sp.Links)
			}
			if links != tt.links {
				t.Errorf("%d speaker links kept, want %d (the safe ones)", links, tt.links)
			}
		})
	}
}

// TestTestdataIsSmall keeps the hand-written files hand-sized: corpus files
// are read in place, never copied here.
func TestTestdataIsSmall(t *testing.T) {
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() > 16<<10 {
			t.Errorf("%s is %d bytes; testdata holds small hand-written files only", f, st.Size())
		}
	}
}

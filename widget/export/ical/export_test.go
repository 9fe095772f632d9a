package ical

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
	"time"

	goical "github.com/arran4/golang-ical"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/export/internal/exporttest"
	"github.com/agendaconf/agenda/widget/model"
)

// open encodes s and opens the bundle, as `agenda export ics` does.
func open(t testing.TB, s *model.Schedule) *bundle.Bundle {
	t.Helper()
	data, err := bundle.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeSchedule writes the calendar of every session of s with the venue's
// zone, as `agenda export ics` does: model, bundle, Calendar, Write.
func writeSchedule(t testing.TB, s *model.Schedule) []byte {
	t.Helper()
	b := open(t, s)
	c := Calendar(b, All(b), nil)
	if loc, err := time.LoadLocation(c.TimeZone); err == nil {
		c.Location = loc
	}
	return Write(nil, c, exporttest.Stamp)
}

type parsed struct {
	summary, location, url, description string
	start, end                          time.Time
}

// parse reads an ICS file with a third-party iCalendar parser and returns its
// events by UID.
func parse(t *testing.T, b []byte) map[string]parsed {
	t.Helper()
	cal, err := goical.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("iCalendar parser rejects our output: %v", err)
	}
	out := map[string]parsed{}
	for _, ev := range cal.Events() {
		uid := ev.Id()
		if _, dup := out[uid]; dup {
			t.Errorf("duplicate UID %q", uid)
		}
		start, err := ev.GetStartAt()
		if err != nil {
			t.Fatalf("event %s: DTSTART: %v", uid, err)
		}
		end, err := ev.GetEndAt()
		if err != nil {
			end = time.Time{}
		}
		get := func(p goical.ComponentProperty) string {
			if v := ev.GetProperty(p); v != nil {
				return v.Value
			}
			return ""
		}
		if get(goical.ComponentPropertyDtstamp) != "20250901T080000Z" {
			t.Errorf("event %s: DTSTAMP %q", uid, get(goical.ComponentPropertyDtstamp))
		}
		out[uid] = parsed{
			summary:     get(goical.ComponentPropertySummary),
			location:    get(goical.ComponentPropertyLocation),
			url:         get(goical.ComponentPropertyUrl),
			description: get(goical.ComponentPropertyDescription),
			start:       start.UTC(), end: end.UTC(),
		}
	}
	return out
}

// checkSame checks that the parsed events are exactly the scheduled sessions of s.
func checkSame(t *testing.T, s *model.Schedule, got map[string]parsed) {
	t.Helper()
	n := 0
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		if !ss.Scheduled() {
			continue
		}
		n++
		uid := UID(s.Conference.ID, ss.Slug)
		p, ok := got[uid]
		if !ok {
			t.Errorf("session %s (UID %s) missing from the calendar", ss.Slug, uid)
			continue
		}
		if p.summary != ss.Title {
			t.Errorf("%s: SUMMARY %q, want %q", ss.Slug, p.summary, ss.Title)
		}
		if !p.start.Equal(ss.Start) {
			t.Errorf("%s: DTSTART %v, want %v", ss.Slug, p.start, ss.Start.UTC())
		}
		if !ss.End.IsZero() && !ss.End.Before(ss.Start) && !p.end.Equal(ss.End) {
			t.Errorf("%s: DTEND %v, want %v", ss.Slug, p.end, ss.End.UTC())
		}
		if ss.Room != "" && !strings.HasPrefix(p.location, ss.Room) {
			t.Errorf("%s: LOCATION %q, want room %q", ss.Slug, p.location, ss.Room)
		}
		if strings.Contains(p.description, "<p>") || strings.Contains(p.description, "&amp;") {
			t.Errorf("%s: DESCRIPTION is not plain text: %q", ss.Slug, p.description)
		}
	}
	if len(got) != n {
		t.Errorf("calendar has %d events, schedule %d scheduled sessions", len(got), n)
	}
}

func TestHandBuilt(t *testing.T) {
	s := exporttest.Sample()
	b := writeSchedule(t, s)
	got := parse(t, b)
	checkSame(t, s, got)
	p := got["opening@democonf"]
	if p.url != "https://democonf.example/talks/opening" {
		t.Errorf("URL %q", p.url)
	}
	if d := p.description; !strings.HasPrefix(d, "Ada Lovelace, Grace Hopper\n\nWelcome & hello.") {
		t.Errorf("DESCRIPTION %q", d)
	}
	if strings.Contains(string(b), "unscheduled@") {
		t.Errorf("unscheduled session exported")
	}
	if !bytes.Contains(b, []byte("TZID=Europe/Paris")) {
		t.Errorf("venue zone not used")
	}
	exporttest.Golden(t, "testdata/sample.ics", b)
}

func TestContent(t *testing.T) {
	s := exporttest.Content(t)
	b := writeSchedule(t, s)
	checkSame(t, s, parse(t, b))
	exporttest.Golden(t, "testdata/content.ics", b)
}

// TestContentReordered checks that UIDs do not depend on file or session order.
func TestContentReordered(t *testing.T) {
	s := exporttest.Content(t)
	want := uids(s)
	r := exporttest.ContentReordered(t)
	rand.New(rand.NewSource(7)).Shuffle(len(r.Sessions), func(i, j int) { r.Sessions[i], r.Sessions[j] = r.Sessions[j], r.Sessions[i] })
	got := parse(t, writeSchedule(t, r))
	for uid, p := range want {
		if q, ok := got[uid]; !ok || q.summary != p.summary || !q.start.Equal(p.start) {
			t.Errorf("UID %s: after reordering got %+v, want %+v", uid, q, p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d events after reordering, %d before", len(got), len(want))
	}
}

func uids(s *model.Schedule) map[string]parsed {
	out := map[string]parsed{}
	for i := range s.Sessions {
		if ss := &s.Sessions[i]; ss.Scheduled() {
			out[UID(s.Conference.ID, ss.Slug)] = parsed{summary: ss.Title, start: ss.Start.UTC()}
		}
	}
	return out
}

func TestEuroRust(t *testing.T) {
	s := exporttest.EuroRust(t)
	b := writeSchedule(t, s)
	got := parse(t, b)
	checkSame(t, s, got)
	if len(got) < 30 {
		t.Errorf("only %d EuroRust sessions in the calendar", len(got))
	}
}

// TestEvent checks the rules of Event, which the widget and the command
// line share.
func TestEvent(t *testing.T) {
	s := exporttest.Sample()
	for i := range s.Sessions {
		switch ss := &s.Sessions[i]; ss.Slug {
		case "axum-workshop":
			ss.URL = "/talks/axum" // relative: means nothing in a calendar
			ss.Tags = []string{"Web", "rust", "workshop", ""}
		case "closing":
			ss.URL = "javascript:alert(1)" // a hand-made bundle
			ss.Speakers = []string{"nameless"}
		}
	}
	s.Speakers = append(s.Speakers, model.Speaker{Slug: "nameless"})
	b := open(t, s)
	ev := map[string]VEvent{}
	for i := 0; i < b.NumSessions(); i++ {
		ev[b.Session(i).Slug()] = Event(b, i, "https://widget.example/#agenda.session="+b.Session(i).Slug())
	}
	for _, tc := range []struct {
		slug, what, got, want string
	}{
		{"opening", "Description", ev["opening"].Description, "Ada Lovelace, Grace Hopper\n\nWelcome & hello.\n\nSee the FAQ (https://democonf.example/faq); bring snacks, water\\tand a laptop."},
		{"opening", "URL", ev["opening"].URL, "https://democonf.example/talks/opening"},
		{"opening", "Location", ev["opening"].Location, "Main Stage"},
		{"opening", "Categories", strings.Join(ev["opening"].Categories, "|"), "talk|Community|welcome"},
		{"axum-workshop", "Description", ev["axum-workshop"].Description, "Ada Lovelace"},
		{"axum-workshop", "URL", ev["axum-workshop"].URL, "https://widget.example/#agenda.session=axum-workshop"},
		{"axum-workshop", "Categories", strings.Join(ev["axum-workshop"].Categories, "|"), "workshop|Web|rust"},
		{"closing", "URL", ev["closing"].URL, "https://widget.example/#agenda.session=closing"},
		{"closing", "Description", ev["closing"].Description, "nameless"},
		{"boat-trip", "Location", ev["boat-trip"].Location, "Quai Rambaud, 69002 Lyon"},
		{"lunch", "Location", ev["lunch"].Location, ""},
		{"lunch", "Description", ev["lunch"].Description, "In the hall."},
		{"lunch", "Categories", strings.Join(ev["lunch"].Categories, "|"), "break"},
		{"closing", "Summary", ev["closing"].Summary, "Closing <remarks>"},
		{"closing", "UID", ev["closing"].UID, "closing@democonf"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %s = %q, want %q", tc.slug, tc.what, tc.got, tc.want)
		}
	}
	if e := ev["opening"]; !e.Start.Equal(s.Sessions[0].Start) || !e.End.Equal(s.Sessions[0].End) {
		t.Errorf("opening: %v to %v, want %v to %v", e.Start, e.End, s.Sessions[0].Start, s.Sessions[0].End)
	}

	// A room and a location.
	s.Sessions[0].Location = "Hall A, 1 rue X"
	b = open(t, s)
	i, _ := b.SessionBySlug("opening")
	if got := Event(b, i, "").Location; got != "Main Stage (Hall A, 1 rue X)" {
		t.Errorf("room and location: %q", got)
	}

	// Calendar: the fallback by slug, else the base URL; an unsafe
	// fallback gives no URL; unscheduled sessions are left out.
	j, _ := b.SessionBySlug("axum-workshop")
	u, _ := b.SessionBySlug("unscheduled")
	c := Calendar(b, []int{j, u, i}, func(slug string) string { return "https://w.example/#" + slug })
	if len(c.Events) != 2 || c.Events[0].UID != "axum-workshop@democonf" || c.Events[0].URL != "https://w.example/#axum-workshop" || c.Events[1].URL != "https://democonf.example/talks/opening" {
		t.Errorf("Calendar with a fallback: %+v", c.Events)
	}
	if c.Name != "DemoConf 2026" || c.TimeZone != "Europe/Paris" || c.Location != nil {
		t.Errorf("Calendar: name %q, zone %q, location %v", c.Name, c.TimeZone, c.Location)
	}
	if c := Calendar(b, []int{j}, nil); c.Events[0].URL != "https://democonf.example" {
		t.Errorf("Calendar without a fallback: URL %q, want the base URL", c.Events[0].URL)
	}
	if c := Calendar(b, []int{j}, func(string) string { return "#agenda.session=x" }); c.Events[0].URL != "" {
		t.Errorf("Calendar with a relative fallback: URL %q, want none", c.Events[0].URL)
	}
	if c := Calendar(b, nil, nil); len(c.Events) != 0 {
		t.Errorf("Calendar of no session has %d events", len(c.Events))
	}
}

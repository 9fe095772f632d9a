package icsexport

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/agendaconf/agenda/widget/export/internal/exporttest"
	"github.com/agendaconf/agenda/widget/ics"
	"github.com/agendaconf/agenda/widget/model"
)

var stamp = exporttest.Stamp

type parsed struct {
	summary, location, url, description string
	start, end                          time.Time
}

// parse reads an ICS file with a third-party iCalendar parser and returns its
// events by UID.
func parse(t *testing.T, b []byte) map[string]parsed {
	t.Helper()
	cal, err := ical.ParseCalendar(bytes.NewReader(b))
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
		get := func(p ical.ComponentProperty) string {
			if v := ev.GetProperty(p); v != nil {
				return v.Value
			}
			return ""
		}
		if get(ical.ComponentPropertyDtstamp) != "20250901T080000Z" {
			t.Errorf("event %s: DTSTAMP %q", uid, get(ical.ComponentPropertyDtstamp))
		}
		out[uid] = parsed{
			summary:     get(ical.ComponentPropertySummary),
			location:    get(ical.ComponentPropertyLocation),
			url:         get(ical.ComponentPropertyUrl),
			description: get(ical.ComponentPropertyDescription),
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
		uid := ics.UID(s.Conference.ID, ss.Slug)
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
	b := Write(s, stamp)
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
	b := Write(s, stamp)
	checkSame(t, s, parse(t, b))
	exporttest.Golden(t, "testdata/content.ics", b)
}

// TestContentReordered checks that UIDs do not depend on file or session order.
func TestContentReordered(t *testing.T) {
	s := exporttest.Content(t)
	want := uids(s)
	r := exporttest.ContentReordered(t)
	rand.New(rand.NewSource(7)).Shuffle(len(r.Sessions), func(i, j int) { r.Sessions[i], r.Sessions[j] = r.Sessions[j], r.Sessions[i] })
	got := parse(t, Write(r, stamp))
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
			out[ics.UID(s.Conference.ID, ss.Slug)] = parsed{summary: ss.Title, start: ss.Start.UTC()}
		}
	}
	return out
}

func TestEuroRust(t *testing.T) {
	s := exporttest.EuroRust(t)
	b := Write(s, stamp)
	got := parse(t, b)
	checkSame(t, s, got)
	if len(got) < 30 {
		t.Errorf("only %d EuroRust sessions in the calendar", len(got))
	}
}

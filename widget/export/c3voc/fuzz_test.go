package c3voc

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/model"

	"github.com/agendaconf/agenda/internal/schedfuzz"
)

// FuzzExport writes a schedule built from the input as schedule.json or
// schedule.xml, as it comes or after model.Check (which every reader
// runs). Writing fails only when the zone does not load; otherwise
// encoding/json or encoding/xml reads the file back with every scheduled
// session once, under a numbered day and its room, with a unique GUID, id
// and slug of the documented patterns, its title and its language (made
// valid text; an unknown language is null in JSON and absent in XML).
// After Check, the JSON's days and event times parse, each event lies on its
// conference day as DayChange defines it, and the day begins on its date, at
// or before its events.
func FuzzExport(f *testing.F) {
	for _, seed := range schedfuzz.Seeds() {
		f.Add(seed)
	}
	f.Fuzz(fuzzExport)
}

func fuzzExport(t *testing.T, data []byte) {
	s := schedfuzz.Schedule(data)
	var loc *time.Location
	if s.Conference.TimeZone == "" {
		loc = time.UTC
	} else if l, err := time.LoadLocation(s.Conference.TimeZone); err == nil {
		loc = l
	}
	// The input's length picks the case, so that each input costs one pass:
	// odd lengths go through Check first, as every reader's output does
	// (the others test the writers on any model), and bit 1 picks the format.
	checked := len(data)%2 == 1
	if checked {
		model.Check(s)
	}
	write, check := JSON, func(b []byte) { checkJSON(t, s, b, loc, checked) }
	if len(data)&2 != 0 {
		write, check = XML, func(b []byte) { checkXML(t, s, b) }
	}
	b, err := write(s)
	if (err == nil) != (loc != nil) {
		t.Fatalf("error %v, with zone %q", err, s.Conference.TimeZone)
	}
	if loc != nil {
		check(b)
	}
}

type jsonOut struct {
	Schedule struct {
		Conference struct {
			Acronym   string `json:"acronym"`
			DaysCount int    `json:"daysCount"`
			Days      []struct {
				Index    int          `json:"index"`
				Date     string       `json:"date"`
				DayStart string       `json:"day_start"`
				DayEnd   string       `json:"day_end"`
				Rooms    jsonOutRooms `json:"rooms"`
			} `json:"days"`
		} `json:"conference"`
	} `json:"schedule"`
}

// jsonOutRooms reads the rooms object in order and keeps repeated names,
// which a map would merge: two names made of different invalid UTF-8 are
// both written as U+FFFD (readers never produce invalid UTF-8).
type jsonOutRooms []struct {
	name   string
	events []jsonOutEv
}

func (r *jsonOutRooms) UnmarshalJSON(b []byte) error {
	d := json.NewDecoder(bytes.NewReader(b))
	if _, err := d.Token(); err != nil { // the object's '{'
		return err
	}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return err
		}
		var evs []jsonOutEv
		if err := d.Decode(&evs); err != nil {
			return err
		}
		*r = append(*r, struct {
			name   string
			events []jsonOutEv
		}{k.(string), evs})
	}
	return nil
}

type jsonOutEv struct {
	GUID  string `json:"guid"`
	ID    int    `json:"id"`
	Date  string `json:"date"`
	Start string `json:"start"`
	Room  string `json:"room"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// Language is required by the schema: null, or the language.
	Language json.RawMessage `json:"language"`
}

func checkJSON(t *testing.T, s *model.Schedule, b []byte, loc *time.Location, checked bool) {
	t.Helper()
	var out jsonOut
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(&out); err != nil || d.More() {
		t.Fatalf("schedule.json does not parse: %v", err)
	}
	c := out.Schedule.Conference
	if !acronymOK(c.Acronym) || c.DaysCount != len(c.Days) {
		t.Fatalf("acronym %q, daysCount %d for %d days", c.Acronym, c.DaysCount, len(c.Days))
	}
	ev := events{t: t, s: s}
	for i, dy := range c.Days {
		if dy.Index != i+1 {
			t.Fatalf("day %d has index %d", i, dy.Index)
		}
		var start, end time.Time
		dc := s.Conference.DayChange
		dayRule := checked && dc >= 0 && dc < 24*time.Hour // a time of day, as readers make it
		if dayRule {
			start, end = parseTime(t, dy.DayStart), parseTime(t, dy.DayEnd)
			// A day before one the zone skipped (Apia, 2011-12-30) may end as
			// it begins: its next day change does not exist.
			if !start.Before(end) && !(start.Equal(end) && skipped(dy.Date, 1, loc)) ||
				start.In(loc).Format("2006-01-02") != dy.Date {
				t.Fatalf("day %s runs from %s to %s", dy.Date, dy.DayStart, dy.DayEnd)
			}
		}
		for _, r := range dy.Rooms {
			room := r.name
			for _, e := range r.events {
				if e.Room != room || !jsonSlug(e.Slug) {
					t.Fatalf("event %+v in room %q", e, room)
				}
				var lang *string
				if string(e.Language) != "null" {
					lang = new(string)
					if err := json.Unmarshal(e.Language, lang); err != nil {
						t.Fatalf("event %q: language %s: %v", e.Slug, e.Language, err)
					}
				}
				ss := ev.add(e.GUID, e.ID, e.Slug, e.Title, lang, jsonText)
				if !dayRule || ss == nil {
					continue
				}
				at := parseTime(t, e.Date)
				if !at.Equal(ss.Start.Truncate(time.Second)) || e.Start != at.In(loc).Format("15:04") {
					t.Fatalf("event %q at %s %s, want %v", e.Slug, e.Date, e.Start, ss.Start.In(loc))
				}
				if w := schedfuzz.WallDay(at, loc, dc); w != dy.Date && w != "" {
					t.Fatalf("event %q at %s (day change %v) is on day %s, want %s", e.Slug, e.Date, dc, dy.Date, w)
				}
				if at.Before(start) {
					t.Fatalf("event %q at %s precedes its day %s, which begins %s", e.Slug, e.Date, dy.Date, dy.DayStart)
				}
			}
		}
	}
	ev.done()
}

type xmlOut struct {
	Conference struct {
		Acronym string `xml:"acronym"`
	} `xml:"conference"`
	Days []struct {
		Index int    `xml:"index,attr"`
		Date  string `xml:"date,attr"`
		Rooms []struct {
			Name   string `xml:"name,attr"`
			Events []struct {
				GUID  string `xml:"guid,attr"`
				ID    int    `xml:"id,attr"`
				Room  string `xml:"room"`
				Slug  string `xml:"slug"`
				Title string `xml:"title"`
				// Language is optional: absent when unknown.
				Language *string `xml:"language"`
			} `xml:"event"`
		} `xml:"room"`
	} `xml:"day"`
}

func checkXML(t *testing.T, s *model.Schedule, b []byte) {
	t.Helper()
	var out xmlOut
	if err := xml.Unmarshal(b, &out); err != nil {
		t.Fatalf("schedule.xml does not decode: %v", err)
	}
	if !acronymOK(out.Conference.Acronym) {
		t.Fatalf("acronym %q", out.Conference.Acronym)
	}
	ev := events{t: t, s: s}
	for i, dy := range out.Days {
		if dy.Index != i+1 {
			t.Fatalf("day %d has index %d", i, dy.Index)
		}
		for _, r := range dy.Rooms {
			for _, e := range r.Events {
				if e.Room != r.Name || !vocSlug(e.Slug) {
					t.Fatalf("event %+v in room %q", e, r.Name)
				}
				ev.add(e.GUID, e.ID, e.Slug, e.Title, e.Language, xmlText)
			}
		}
	}
	ev.done()
}

// uniqueSlugs reports whether the scheduled sessions' slugs are unique, as
// Check requires: the GUIDs, made from them, are then unique too.
func uniqueSlugs(s *model.Schedule) bool {
	seen := map[string]bool{}
	for _, ss := range s.Sessions {
		if ss.Scheduled() {
			if seen[ss.Slug] {
				return false
			}
			seen[ss.Slug] = true
		}
	}
	return true
}

// events matches the events of one file with the scheduled sessions of s.
type events struct {
	t      *testing.T
	s      *model.Schedule
	seen   map[string]bool // GUIDs, ids and slugs
	unique bool            // the scheduled sessions' slugs are unique
	n      int
}

// add checks one event and returns its session, nil when slugs repeat. lang
// is the event's language, nil when the file gives none (null or absent).
func (ev *events) add(guid string, id int, slug, title string, lang *string, text func(string) string) *model.Session {
	ev.t.Helper()
	if ev.seen == nil {
		ev.seen = map[string]bool{}
		ev.unique = uniqueSlugs(ev.s)
	}
	ev.n++
	unique := ev.unique
	for _, k := range []string{"guid " + guid, "id " + strconv.Itoa(id), "slug " + slug} {
		if ev.seen[k] && (unique || !strings.HasPrefix(k, "guid ")) {
			ev.t.Fatalf("%s twice", k)
		}
		ev.seen[k] = true
	}
	if id <= 0 || len(guid) != 36 || guid[14] != '5' {
		ev.t.Fatalf("event %q: id %d, GUID %q", slug, id, guid)
	}
	for i := range ev.s.Sessions {
		ss := &ev.s.Sessions[i]
		if ss.Scheduled() && GUID(ev.s.Conference.ID, ss.Slug) == guid {
			if !unique {
				return nil // which of the sessions with this slug is unknown
			}
			if got, want := title, text(ss.Title); got != want {
				ev.t.Fatalf("event %q: title %q, want %q", slug, got, want)
			}
			if (lang == nil) != (ss.Language == "") || lang != nil && *lang != text(ss.Language) {
				ev.t.Fatalf("event %q: language %v, want %q", slug, lang, ss.Language)
			}
			return ss
		}
	}
	ev.t.Fatalf("event %q: GUID %s is no scheduled session's", slug, guid)
	return nil
}

func (ev *events) done() {
	ev.t.Helper()
	n := 0
	for i := range ev.s.Sessions {
		if ev.s.Sessions[i].Scheduled() {
			n++
		}
	}
	if ev.n != n {
		ev.t.Fatalf("%d events for %d scheduled sessions", ev.n, n)
	}
}

// skipped reports whether the date days after date is one loc skipped.
func skipped(date string, days int, loc *time.Location) bool {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return false
	}
	d = d.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc).Day() != d.Day()
}

// acronymOK checks the JSON Schema's acronym pattern ^[a-z0-9_-][a-z0-9_]{3,}.
func acronymOK(s string) bool {
	return len(s) >= 4 && strings.Trim(s[:1], "abcdefghijklmnopqrstuvwxyz0123456789_-") == "" &&
		strings.Trim(s[1:], "abcdefghijklmnopqrstuvwxyz0123456789_") == ""
}

// jsonSlug checks the JSON Schema's slug pattern ^[a-z0-9_-]+[a-z0-9]$.
func jsonSlug(s string) bool {
	return len(s) >= 2 && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == "" &&
		strings.Trim(s[len(s)-1:], "abcdefghijklmnopqrstuvwxyz0123456789") == ""
}

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad date-time: %v", err)
	}
	return at
}

// jsonText is s as encoding/json writes it: each invalid byte as U+FFFD.
func jsonText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// xmlText is s as encoding/xml writes and reads it: invalid bytes and
// characters XML cannot hold as U+FFFD.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return utf8.RuneError
	}, jsonText(s))
}

// The schedule builder below is the one of widget/bundle's FuzzEncodeOpen
// (test files cannot share code across packages); keep them alike.

// Package model is the model that every reader produces and every writer
// (bundle, exports) consumes: a conference, its rooms, speakers and sessions,
// with times as UTC instants.
//
// Runs in: the compiler.
package model

import (
	"sort"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// Kind is what sort of session it is; the folder or the source format decides.
type Kind uint8

const (
	Talk Kind = iota
	Workshop
	Activity
	Break
)

var kindNames = [...]string{"talk", "workshop", "activity", "break"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "talk"
}

// ParseKind maps a name such as "workshop" to its Kind.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return Talk, false
}

// Kinds lists every kind in display order.
func Kinds() []Kind { return []Kind{Talk, Workshop, Activity, Break} }

// Conference describes the event as a whole.
type Conference struct {
	ID       string // stable identifier, used for storage keys and calendar UIDs
	Name     string
	TimeZone string // IANA name of the venue's zone, e.g. "Europe/Paris"
	BaseURL  string // optional; session permalinks are built on it
	// DayChange is when, in venue time, one conference day gives way to the
	// next: with 6h, a session at 01:30 on Saturday belongs to Friday's
	// programme (its day filter, its grid, its static page). 0 is midnight.
	DayChange time.Duration
	Pos       diag.Pos `json:"-"` // where the conference is described, for diagnostics
}

// Speaker is a person who gives sessions.
type Speaker struct {
	Slug string // unique key, e.g. "muskan-paliwal"
	Name string
	Role string // e.g. "Senior Engineer at Example"
	Bio  string // sanitised HTML
	URL  string // the speaker's own page
	// Links are further profiles (Mastodon, Bluesky, GitHub, …) with a label each.
	Links []Link
	Pos   diag.Pos `json:"-"`
}

// Link is a labelled URL.
type Link struct {
	Label string
	URL   string
}

// Session is one thing on the programme: a talk, workshop, activity or break.
// A session without Start is unscheduled.
type Session struct {
	Slug        string // unique key, stable across rebuilds
	Title       string
	Kind        Kind
	Room        string // room name, or "" when none is known
	Start, End  time.Time
	Speakers    []string // speaker slugs, in billing order
	Track       string
	Language    string // the language it is given in, as the source writes it ("en", "de", "English"), trimmed; "" when unknown
	Tags        []string
	Description string   // sanitised HTML
	URL         string   // permalink, if the source has one
	Location    string   // a street address for off-site activities
	Pos         diag.Pos `json:"-"` // where it was read, for diagnostics
}

// Scheduled reports whether the session has a time.
func (s *Session) Scheduled() bool { return !s.Start.IsZero() }

// Schedule is a whole conference programme.
type Schedule struct {
	Conference Conference
	Rooms      []string // display order
	Speakers   []Speaker
	Sessions   []Session
}

// Speaker returns the speaker with the given slug, or nil.
func (s *Schedule) Speaker(slug string) *Speaker {
	for i := range s.Speakers {
		if s.Speakers[i].Slug == slug {
			return &s.Speakers[i]
		}
	}
	return nil
}

// Sort puts sessions in programme order (start, then room order, then slug;
// unscheduled last), speakers by slug, and appends rooms that sessions use but
// Rooms does not list yet, in order of first use.
func (s *Schedule) Sort() {
	known := make(map[string]bool, len(s.Rooms))
	for _, r := range s.Rooms {
		known[r] = true
	}
	// Rooms first used at one time are added by name: the order of the input
	// must not show in the output.
	byStart := append([]Session(nil), s.Sessions...)
	sort.SliceStable(byStart, func(i, j int) bool {
		if a, b := byStart[i].Start, byStart[j].Start; !a.Equal(b) {
			return a.Before(b)
		}
		return byStart[i].Room < byStart[j].Room
	})
	for _, ss := range byStart {
		if ss.Room != "" && !known[ss.Room] {
			known[ss.Room] = true
			s.Rooms = append(s.Rooms, ss.Room)
		}
	}
	order := make(map[string]int, len(s.Rooms)+1)
	for i, r := range s.Rooms {
		order[r] = i
	}
	order[""] = len(s.Rooms) // no room: after every room
	sort.SliceStable(s.Sessions, func(i, j int) bool {
		a, b := &s.Sessions[i], &s.Sessions[j]
		if a.Scheduled() != b.Scheduled() {
			return a.Scheduled()
		}
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if ra, rb := order[a.Room], order[b.Room]; ra != rb {
			return ra < rb
		}
		return a.Slug < b.Slug
	})
	sort.SliceStable(s.Speakers, func(i, j int) bool { return s.Speakers[i].Slug < s.Speakers[j].Slug })
}

// Day is one conference day of the event in the venue's zone.
type Day struct {
	Date      string    // "2025-10-09"
	Start     time.Time // the day's beginning: that date at DayChange, venue time
	StartUnix int64
}

// DayOf returns the conference day that instant t belongs to, as a date
// ("2025-10-09") in the venue's zone loc: its calendar date, or the day before
// when t's wall clock reads earlier than the conference's DayChange. The
// wall clock, not the time since midnight: on the days the clocks change the
// two differ by an hour, and some zones have no midnight at all.
//
// A date the zone skipped whole (Apia went from 29 to 31 December 2011) has
// no day change, so no instant is on its conference day: the day before it
// takes its early hours.
func (s *Schedule) DayOf(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	y, m, d := t.Date()
	day := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	if wallClock(t) < s.Conference.DayChange {
		day = day.AddDate(0, 0, -1)
		for k := 0; k < 2 && time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc).Day() != day.Day(); k++ {
			day = day.AddDate(0, 0, -1)
		}
	}
	return day.Format("2006-01-02")
}

// wallClock is the time of day t's clock shows.
func wallClock(t time.Time) time.Duration {
	h, m, sec := t.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second + time.Duration(t.Nanosecond())
}

// dayStart returns the first instant of date's conference day: the earliest
// instant whose wall clock on that date reads DayChange or later. When that
// wall time is skipped (clocks forward), the day starts at the change; when
// it happens twice (clocks back), at the first.
func dayStart(y int, m time.Month, d int, change time.Duration, loc *time.Location) time.Time {
	at := func(t time.Time) bool { // t is on the date, at or after the change
		ty, tm, td := t.Date()
		return ty == y && tm == m && td == d && wallClock(t) >= change
	}
	c := time.Date(y, m, d, int(change/time.Hour), int(change%time.Hour/time.Minute), int(change%time.Minute/time.Second), int(change%time.Second), loc)
	if !at(c) { // skipped: the first instant of the new offset
		if start, end := c.ZoneBounds(); at(end) {
			c = end
		} else if at(start) {
			c = start
		}
	}
	// An earlier instant may show a wall clock at or after the change too:
	// the hour that repeats, or the day's start after a skipped midnight.
	for step := 0; step < 4; step++ {
		start, _ := c.ZoneBounds()
		if start.Before(c) && at(start) { // the skipped wall time's day: from the change
			c = start
		}
		prev := start.Add(-time.Nanosecond)
		if start.IsZero() || !at(prev) {
			break
		}
		_, offPrev := prev.Zone()
		_, offC := c.Zone()
		e := c.Add(-time.Duration(offPrev-offC) * time.Second) // the same wall time before the change
		if !e.Before(start) || !at(e) {
			e = start // else the change itself is the earliest such instant
			if !at(e) {
				break
			}
		}
		c = e
	}
	return c
}

// Days returns the conference days on which scheduled sessions start, in
// order (see DayOf). loc is the venue's zone.
func (s *Schedule) Days(loc *time.Location) []Day {
	seen := map[string]bool{}
	var days []Day
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		if !ss.Scheduled() {
			continue
		}
		date := s.DayOf(ss.Start, loc)
		if seen[date] {
			continue
		}
		seen[date] = true
		d, _ := time.Parse("2006-01-02", date)
		start := dayStart(d.Year(), d.Month(), d.Day(), s.Conference.DayChange, loc)
		days = append(days, Day{Date: date, Start: start.UTC(), StartUnix: start.Unix()})
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Date < days[j].Date })
	return days
}

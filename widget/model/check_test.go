package model

import (
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
)

func at(hm string) time.Time {
	t, _ := time.Parse("2006-01-02 15:04", "2025-10-09 "+hm)
	return t
}

func TestCheck(t *testing.T) {
	talk := func(slug, room, from, to string, speakers ...string) Session {
		return Session{Slug: slug, Room: room, Start: at(from), End: at(to), Speakers: speakers, Pos: diag.Pos{File: slug + ".md", Line: 5}}
	}
	tests := []struct {
		name     string
		sessions []Session
		want     []string // "severity: part of the message", in order
	}{
		{name: "clean", sessions: []Session{talk("a", "Main", "10:00", "10:30", "x"), talk("b", "Main", "10:30", "11:00", "x")}},
		{name: "room overlap", sessions: []Session{talk("a", "Main", "10:00", "10:30"), talk("b", "Main", "10:15", "10:45")},
			want: []string{`warning: session "b" overlaps "a" in room "Main"`}},
		{name: "other rooms", sessions: []Session{talk("a", "Main", "10:00", "10:30"), talk("b", "Side", "10:15", "10:45")}},
		{name: "speaker twice", sessions: []Session{talk("a", "Main", "10:00", "10:30", "x"), talk("b", "Side", "10:15", "10:45", "x")},
			want: []string{`warning: speaker "x" is in two places at once: "a" and "b"`}},
		{name: "duplicate slug", sessions: []Session{talk("a", "Main", "10:00", "10:30"), talk("a", "Side", "11:00", "11:30")},
			want: []string{`error: duplicate session slug "a", also used at a.md:5`}},
		{name: "ends before it starts", sessions: []Session{talk("a", "Main", "10:30", "10:00")},
			want: []string{`error: session "a" ends`}},
		{name: "breaks may share a room", sessions: []Session{
			{Slug: "lunch", Kind: Break, Room: "Main", Start: at("12:00"), End: at("13:00")},
			talk("a", "Main", "12:30", "13:00")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Check(&Schedule{Sessions: tt.sessions, Speakers: []Speaker{{Slug: "x"}}})
			if len(d) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(d), len(tt.want), d)
			}
			for i, w := range tt.want {
				got := d[i].Severity.String() + ": " + d[i].Message
				if !strings.HasPrefix(got, w) {
					t.Errorf("diagnostic %d = %q, want %q", i, got, w)
				}
			}
		})
	}
}

func TestSortAndDays(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	s := &Schedule{Rooms: []string{"Side"}, Sessions: []Session{
		{Slug: "later"},
		{Slug: "b", Room: "Main", Start: at("10:00"), End: at("10:30")},
		{Slug: "a", Room: "Side", Start: at("10:00"), End: at("10:30")},
		{Slug: "night", Room: "Main", Start: at("22:30"), End: at("23:00")}, // 00:30 on the 10th in Paris
	}}
	s.Sort()
	var got []string
	for _, ss := range s.Sessions {
		got = append(got, ss.Slug)
	}
	if strings.Join(got, " ") != "a b night later" || strings.Join(s.Rooms, " ") != "Side Main" {
		t.Errorf("order %v, rooms %v", got, s.Rooms)
	}
	days := s.Days(paris)
	if len(days) != 2 || days[0].Date != "2025-10-09" || days[1].Date != "2025-10-10" || days[0].StartUnix != time.Date(2025, 10, 9, 0, 0, 0, 0, paris).Unix() {
		t.Errorf("days = %+v", days)
	}
}

func TestDayOf(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		change time.Duration
		at     string
		want   string
	}{
		{0, "2025-02-01 00:30", "2025-02-01"},
		{0, "2025-02-01 23:59", "2025-02-01"},
		{6 * time.Hour, "2025-02-01 05:59", "2025-01-31"},
		{6 * time.Hour, "2025-02-01 06:00", "2025-02-01"},
		{4 * time.Hour, "2025-03-30 03:30", "2025-03-29"}, // the night the clocks go forward
		{4 * time.Hour, "2025-10-26 02:30", "2025-10-25"}, // and back
	}
	for _, tt := range tests {
		s := &Schedule{Conference: Conference{DayChange: tt.change}}
		if got := s.DayOf(at(tt.at), paris); got != tt.want {
			t.Errorf("DayOf(%s) with day change %v = %s, want %s", tt.at, tt.change, got, tt.want)
		}
	}
	s := &Schedule{Conference: Conference{DayChange: 6 * time.Hour}, Sessions: []Session{
		{Slug: "late", Start: at("2025-02-02 01:30")}, {Slug: "evening", Start: at("2025-02-01 20:00")}, {Slug: "sunday", Start: at("2025-02-02 09:00")},
	}}
	days := s.Days(paris)
	if len(days) != 2 || days[0].Date != "2025-02-01" || !days[0].Start.Equal(at("2025-02-01 06:00")) || days[1].Date != "2025-02-02" {
		t.Errorf("Days = %+v, want Saturday from 06:00 and Sunday", days)
	}
	// Apia skipped 30 December 2011: at 03:00 on the 31st, with the day
	// changing at 06:00, it is still the 29th's conference day.
	apia, err := time.LoadLocation("Pacific/Apia")
	if err != nil {
		t.Skip(err)
	}
	s = &Schedule{Conference: Conference{DayChange: 6 * time.Hour}}
	if got := s.DayOf(time.Date(2011, 12, 31, 3, 0, 0, 0, apia), apia); got != "2011-12-29" {
		t.Errorf("DayOf(2011-12-31 03:00 in Apia) = %s, want 2011-12-29", got)
	}
}

func TestYearsOutOfRange(t *testing.T) {
	for _, tt := range []struct {
		start string
		ok    bool
	}{{"2026-10-08T09:00:00Z", true}, {"1970-01-01T00:00:00Z", true}, {"2200-12-31T22:00:00Z", true}, {"1969-12-31T23:00:00Z", false}, {"2201-01-01T00:00:00Z", false}} {
		start, _ := time.Parse(time.RFC3339, tt.start)
		s := &Schedule{Sessions: []Session{{Slug: "x", Start: start, End: start.Add(time.Hour)}}}
		l := Check(s)
		if got := !l.HasErrors() && s.Sessions[0].Scheduled(); got != tt.ok {
			t.Errorf("a session at %s: accepted %v, want %v (%v)", tt.start, got, tt.ok, l)
		}
	}
}

// Days and DayOf on the days the clocks change, and in a zone whose clocks
// once skipped midnight (found by FuzzEncodeOpen).
func TestDaysAcrossClockChanges(t *testing.T) {
	zone := func(name string) *time.Location {
		l, err := time.LoadLocation(name)
		if err != nil {
			t.Skip(err)
		}
		return l
	}
	paris, saoPaulo := zone("Europe/Paris"), zone("America/Sao_Paulo")
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tt := range []struct {
		loc    *time.Location
		change time.Duration
		at     string // an instant
		day    string // its conference day
		start  string // that day's first instant
	}{
		{paris, 6 * time.Hour, "2025-03-30T06:30:00+02:00", "2025-03-30", "2025-03-30T06:00:00+02:00"},
		{paris, 6 * time.Hour, "2025-10-26T05:30:00+01:00", "2025-10-25", "2025-10-25T06:00:00+02:00"},
		{paris, 150 * time.Minute, "2025-10-26T02:31:00+02:00", "2025-10-26", "2025-10-26T02:30:00+02:00"}, // 02:30 happens twice: the first
		{paris, 150 * time.Minute, "2025-03-30T03:00:00+02:00", "2025-03-30", "2025-03-30T03:00:00+02:00"}, // 02:30 never happens: the change
		{saoPaulo, 6 * time.Hour, "2018-11-05T02:00:00-02:00", "2018-11-04", "2018-11-04T06:00:00-02:00"},
		{saoPaulo, 0, "2018-11-04T10:00:00-02:00", "2018-11-04", "2018-11-04T01:00:00-02:00"}, // no midnight that day
	} {
		s := &Schedule{Conference: Conference{DayChange: tt.change}, Sessions: []Session{{Slug: "x", Start: utc(tt.at)}}}
		if got := s.DayOf(utc(tt.at), tt.loc); got != tt.day {
			t.Errorf("%s, day change %v: DayOf = %s, want %s", tt.at, tt.change, got, tt.day)
		}
		days := s.Days(tt.loc)
		if len(days) != 1 || days[0].Date != tt.day || !days[0].Start.Equal(utc(tt.start)) {
			t.Errorf("%s, day change %v: Days = %+v, want %s from %s", tt.at, tt.change, days, tt.day, tt.start)
		}
	}
}

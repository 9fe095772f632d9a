// Package icsexport turns a schedule model into an iCalendar file for
// `agenda export ics`; the writing itself is package ics, which the widget
// shares.
package icsexport

import (
	"time"

	"github.com/agendaconf/agenda/widget/ics"
	"github.com/agendaconf/agenda/widget/model"
)

// Calendar converts s into an ics.Calendar: one event per scheduled session, in
// programme order; unscheduled sessions are left out.
func Calendar(s *model.Schedule) ics.Calendar {
	c := ics.Calendar{Name: s.Conference.Name, TimeZone: s.Conference.TimeZone}
	if loc, err := time.LoadLocation(c.TimeZone); err == nil {
		c.Location = loc
	}
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		if !ss.Scheduled() {
			continue
		}
		c.Events = append(c.Events, Event(s, ss))
	}
	return c
}

// Event converts one session. The description names the speakers first, then
// the session's own text as plain text.
func Event(s *model.Schedule, ss *model.Session) ics.Event {
	e := ics.Event{
		UID:      ics.UID(s.Conference.ID, ss.Slug),
		Summary:  ss.Title,
		Location: location(ss),
		URL:      ss.URL,
		Start:    ss.Start.UTC(),
		End:      ss.End.UTC(),
	}
	if e.URL == "" {
		e.URL = s.Conference.BaseURL
	}
	desc := ""
	if names := SpeakerNames(s, ss); names != "" {
		desc = names + "\n\n"
	}
	desc += ics.PlainText(ss.Description)
	for len(desc) > 0 && desc[len(desc)-1] == '\n' {
		desc = desc[:len(desc)-1]
	}
	e.Description = desc
	e.Categories = categories(ss)
	return e
}

// SpeakerNames joins the session's speakers' names in billing order.
func SpeakerNames(s *model.Schedule, ss *model.Session) string {
	out := ""
	for i, slug := range ss.Speakers {
		name := slug
		if sp := s.Speaker(slug); sp != nil && sp.Name != "" {
			name = sp.Name
		}
		if i > 0 {
			out += ", "
		}
		out += name
	}
	return out
}

func location(ss *model.Session) string {
	switch {
	case ss.Room != "" && ss.Location != "":
		return ss.Room + " (" + ss.Location + ")"
	case ss.Room != "":
		return ss.Room
	}
	return ss.Location
}

func categories(ss *model.Session) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range append([]string{ss.Kind.String(), ss.Track}, ss.Tags...) {
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// Write returns the iCalendar file of s with the given DTSTAMP.
func Write(s *model.Schedule, stamp time.Time) []byte {
	return ics.Write(nil, Calendar(s), stamp)
}

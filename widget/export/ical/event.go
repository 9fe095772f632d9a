package ical

import (
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/text/htmltext"
	"github.com/agendaconf/agenda/widget/text/richtext"
)

// Calendar returns the calendar of sessions (indices into b, in the order
// given; All(b) for every session in programme order); unscheduled sessions
// are left out. fallbackURL gives the URL of a session
// (by slug) that has no http, https or mailto URL of its own: the widget
// passes its permalink; nil means the conference's base URL.
//
// Times are in UTC (Location is nil). A caller with a zone database sets
// Location to the loaded TimeZone (the bundle's venue zone) to have Write
// give local times and a VTIMEZONE; this package never loads zones.
func Calendar(b *bundle.Bundle, sessions []int, fallbackURL func(slug string) string) VCalendar {
	conf := b.Conference()
	c := VCalendar{Name: conf.Name, TimeZone: conf.TimeZone}
	for _, i := range sessions {
		s := b.Session(i)
		if !s.Scheduled() {
			continue
		}
		fallback := conf.BaseURL
		if fallbackURL != nil {
			fallback = fallbackURL(s.Slug())
		}
		c.Events = append(c.Events, Event(b, i, fallback))
	}
	return c
}

// All returns the indices of every session of b, in programme order.
func All(b *bundle.Bundle) []int {
	all := make([]int, b.NumSessions())
	for i := range all {
		all[i] = i
	}
	return all
}

// Event returns the calendar event of session i of b, 0 <= i <
// b.NumSessions():
//
//   - SUMMARY: the title;
//   - DESCRIPTION: the speakers' names in billing order, a blank line, then
//     the description as plain text (htmltext.Text);
//   - LOCATION: the room, and the location (an address) in parentheses
//     after it: "Main Stage", "Boat (Quai Rambaud)" or the location alone;
//   - URL: the session's own URL when it is http, https or mailto, else
//     fallbackURL when it is, else none (a relative URL means nothing in a
//     calendar);
//   - CATEGORIES: the kind, the track, then the tags, each once.
//
// The session should be scheduled: an unscheduled one gets the Unix epoch
// as its start.
func Event(b *bundle.Bundle, i int, fallbackURL string) VEvent {
	s := b.Session(i)
	start := s.Start()
	e := VEvent{
		UID:         UID(b.Conference().ID, s.Slug()),
		Summary:     s.Title(),
		Description: description(b, s),
		Location:    location(s.RoomName(), s.Location()),
		URL:         safeURL(s.URL(), fallbackURL),
		Start:       time.Unix(start, 0).UTC(),
		Categories:  categories(s),
	}
	if end := s.End(); end >= start {
		e.End = time.Unix(end, 0).UTC()
	}
	return e
}

func description(b *bundle.Bundle, s bundle.Session) string {
	var d []byte
	for j := 0; j < s.NumSpeakers(); j++ {
		sp := b.Speaker(s.Speaker(j))
		name := sp.Name
		if name == "" {
			name = sp.Slug
		}
		if j > 0 {
			d = append(d, ", "...)
		}
		d = append(d, name...)
	}
	if len(d) > 0 {
		d = append(d, "\n\n"...)
	}
	d = htmltext.AppendText(d, s.Description())
	for len(d) > 0 && d[len(d)-1] == '\n' { // speakers and no description
		d = d[:len(d)-1]
	}
	return string(d)
}

func location(room, loc string) string {
	switch {
	case room != "" && loc != "":
		return room + " (" + loc + ")"
	case room != "":
		return room
	}
	return loc
}

func safeURL(own, fallback string) string {
	if richtext.SafeURL(own) {
		return own
	}
	if richtext.SafeURL(fallback) {
		return fallback
	}
	return ""
}

func categories(s bundle.Session) []string {
	out := make([]string, 0, 2+s.NumTags())
	add := func(c string) {
		if c == "" {
			return
		}
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	add(s.KindName())
	add(s.TrackName())
	for j := 0; j < s.NumTags(); j++ {
		add(s.Tag(j))
	}
	return out
}

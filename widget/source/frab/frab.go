// Package frab reads conference programmes exported as pentabarf/frab
// schedule.xml or c3voc schedule.json (frab, pretalx, the CCC hub) into the
// schedule model, with diagnostics.
package frab

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/diag"
	"github.com/agendaconf/agenda/widget/fold"
	"github.com/agendaconf/agenda/widget/schedule"
	"github.com/agendaconf/agenda/widget/source/sanitize"
)

// Read parses data (XML or JSON, detected from content: first non-space byte
// '<' or '{'); name is the file path used in diagnostics.
//
// The schedule is nil only when nothing usable could be read; the diagnostics
// then hold an error that says why. Otherwise it is sorted and checked
// (schedule.Check), and the diagnostics hold everything found on the way.
func Read(name string, data []byte) (*schedule.Schedule, diag.List) {
	file := diag.Pos{File: name}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 byte order mark
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	var l diag.List
	if len(trimmed) == 0 {
		l.Error(file, "the file is empty", "export the schedule again as schedule.xml or schedule.json")
		return nil, l
	}
	b := newBuilder(name)
	switch trimmed[0] {
	case '<':
		b.readXML(data)
	case '{':
		b.readJSON(data)
	default:
		l.Error(diag.Pos{File: name, Line: 1 + bytes.Count(data[:len(data)-len(trimmed)], []byte("\n"))},
			"not a schedule.xml or schedule.json: it starts with "+quote(prefix(trimmed)),
			"give a frab/pentabarf schedule.xml (starting with '<') or a c3voc schedule.json (starting with '{')")
		return nil, l
	}
	return b.finish()
}

// ReadFile reads the file at path with Read.
func ReadFile(path string) (*schedule.Schedule, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		var l diag.List
		l.Error(diag.Pos{File: path}, "cannot read the schedule: "+err.Error(), "check the path and the file's permissions")
		return nil, l
	}
	return Read(path, data)
}

// event is one event as the XML and JSON readers find it, before any of it is
// interpreted. Both formats carry the same fields under the same names.
type event struct {
	pos                   diag.Pos
	id, guid              string
	slug, title, typ      string
	track, room, url      string
	date                  string // full start, ISO 8601 with offset
	start                 string // "HH:MM" on day, or a full ISO 8601 time (c3voc hub)
	end                   string // full end, ISO 8601 (c3voc hub and newer exports)
	duration              string
	day                   *day
	abstract, description string
	persons               []person
}

// day is the <day> or days[] entry an event is listed under.
type day struct {
	date  string    // "2025-02-01"
	start time.Time // when the programme day begins, if the file says
}

// person is one speaker reference in an event.
type person struct {
	key  string // what identifies the person in the file: id, guid, code or name
	name string
	bio  string
	url  string
}

// builder turns events into a Schedule and collects diagnostics.
type builder struct {
	name   string
	s      *schedule.Schedule
	d      diag.List
	usable bool // something worth returning was read

	zone      string // time_zone_name as given
	zonePos   diag.Pos
	events    []event
	roomOrder []string // rooms as the file lists them

	loc          *time.Location
	speakerByKey map[string]int    // person key -> index in s.Speakers
	speakerSlug  map[string]string // speaker slug -> person key
	sessionSlug  map[string]int    // session slug -> index in s.Sessions
	ids          map[string]int    // event id or guid -> index in s.Sessions
}

func newBuilder(name string) *builder {
	return &builder{
		name:         name,
		s:            &schedule.Schedule{},
		speakerByKey: map[string]int{},
		speakerSlug:  map[string]string{},
		sessionSlug:  map[string]int{},
		ids:          map[string]int{},
	}
}

func (b *builder) file() diag.Pos { return diag.Pos{File: b.name} }

// finish interprets the collected events and returns the result of Read.
func (b *builder) finish() (*schedule.Schedule, diag.List) {
	if !b.usable {
		if !b.d.HasErrors() {
			b.d.Error(b.file(), "no schedule found in the file", "give a frab/pentabarf schedule.xml or a c3voc schedule.json")
		}
		return nil, b.d
	}
	c := &b.s.Conference
	c.TimeZone = strings.TrimSpace(b.zone)
	switch {
	case c.TimeZone == "":
		b.d.Warn(b.zonePos, "the conference has no time zone (time_zone_name); assuming UTC",
			"add the venue's IANA zone, e.g. Europe/Brussels, so times without an offset are read right")
		c.TimeZone = "UTC"
		b.loc = time.UTC
	default:
		loc, err := time.LoadLocation(c.TimeZone)
		if err != nil || strings.EqualFold(c.TimeZone, "local") {
			b.d.Error(b.zonePos, "unknown time zone "+quote(c.TimeZone)+"; assuming UTC",
				"use an IANA zone name such as Europe/Berlin")
			c.TimeZone = "UTC"
			loc = time.UTC
		}
		b.loc = loc
	}
	if c.ID == "" {
		c.ID = fold.Slug(strings.TrimSuffix(filepath.Base(b.name), filepath.Ext(b.name)))
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	for i := range b.events {
		b.addEvent(&b.events[i])
	}
	if len(b.s.Sessions) == 0 {
		b.d.Warn(b.file(), "the schedule has no events", "check that the export includes the programme, not only the conference")
	}
	// Rooms: the file's order, keeping only rooms that hold a session (the
	// others would be empty columns); Sort appends rooms no list names.
	used := map[string]bool{}
	for i := range b.s.Sessions {
		used[b.s.Sessions[i].Room] = true
	}
	listed := map[string]bool{}
	for _, r := range b.roomOrder {
		if used[r] && !listed[r] {
			listed[r] = true
			b.s.Rooms = append(b.s.Rooms, r)
		}
	}
	b.s.Sort()
	b.d = append(b.d, schedule.Check(b.s)...)
	b.d.Sort()
	return b.s, b.d
}

// addRoom records a room in the order the file lists it.
func (b *builder) addRoom(name string) {
	if name = strings.TrimSpace(name); name != "" {
		b.roomOrder = append(b.roomOrder, name)
	}
}

// addEvent turns one event into a Session and its Speakers.
func (b *builder) addEvent(ev *event) {
	ss := schedule.Session{
		Title: clean(ev.title),
		Kind:  kindOf(ev.typ),
		Room:  clean(ev.room),
		Track: clean(ev.track),
		URL:   strings.TrimSpace(ev.url),
		Pos:   ev.pos,
	}
	if ss.Title == "" {
		b.d.Warn(ev.pos, "event "+b.evName(ev)+" has no title", "give it a title in the source system")
	}
	ss.Start, ss.End = b.times(ev)
	ss.Description = joinHTML(sanitize.HTML(ev.abstract), sanitize.HTML(ev.description))
	ss.Slug = b.sessionSlugFor(ev, ss.Title)

	// Repeated ids: not fatal, but calendar apps use them as UIDs and would
	// merge the two events.
	for _, k := range []struct{ what, v string }{{"guid", ev.guid}, {"id", ev.id}} {
		if k.v == "" {
			continue
		}
		key := k.what + ":" + k.v
		if prev, ok := b.ids[key]; ok {
			p := &b.s.Sessions[prev]
			b.d.Warn(ev.pos, "event "+quote(ss.Title)+" repeats "+k.what+" "+quote(k.v)+" of "+quote(p.Title)+" at "+p.Pos.String(),
				"give every event its own "+k.what+"; calendar apps may merge the two")
			break
		}
		b.ids[key] = len(b.s.Sessions)
	}

	seen := map[string]bool{}
	for _, p := range ev.persons {
		slug := b.speaker(p, ev.pos)
		if slug != "" && !seen[slug] {
			seen[slug] = true
			ss.Speakers = append(ss.Speakers, slug)
		}
	}
	b.s.Sessions = append(b.s.Sessions, ss)
}

// evName names an event in a message by its title, else its id.
func (b *builder) evName(ev *event) string {
	switch {
	case strings.TrimSpace(ev.title) != "":
		return quote(clean(ev.title))
	case ev.guid != "":
		return "with guid " + quote(ev.guid)
	case ev.id != "":
		return "with id " + quote(ev.id)
	}
	return "at " + ev.pos.String()
}

// sessionSlugFor picks a unique slug: the file's, else one made from the
// title, else from the id. A repeat becomes slug-2, slug-3, ...
func (b *builder) sessionSlugFor(ev *event, title string) string {
	slug := strings.TrimSpace(ev.slug)
	if !safeSlug(slug) {
		slug = fold.Slug(slug)
	}
	if slug == "" {
		slug = fold.Slug(title)
	}
	if slug == "" {
		slug = fold.Slug("event-" + firstNonEmpty(ev.id, ev.guid))
	}
	if len(slug) > 120 {
		slug = strings.TrimRight(slug[:120], "-")
	}
	if prev, taken := b.sessionSlug[slug]; taken {
		base := slug
		slug = base + "-" + strconv.Itoa(firstFree(b.sessionSlug, base))
		p := &b.s.Sessions[prev]
		b.d.Warn(ev.pos, "event "+quote(title)+" repeats slug "+quote(base)+" of "+quote(p.Title)+" at "+p.Pos.String()+"; it becomes "+quote(slug),
			"give every event its own slug in the source system so links stay stable")
	}
	b.sessionSlug[slug] = len(b.s.Sessions)
	return slug
}

// firstFree returns the first n >= 2 such that base-n is not in m.
func firstFree(m map[string]int, base string) int {
	n := 2
	for {
		if _, ok := m[base+"-"+strconv.Itoa(n)]; !ok {
			return n
		}
		n++
	}
}

// speaker returns the slug of the speaker p, adding the speaker the first
// time the person is seen. Two different people whose names make the same slug
// get slug, slug-2, ... in the order they appear.
func (b *builder) speaker(p person, pos diag.Pos) string {
	p.name = clean(p.name)
	key := p.key
	if key == "" {
		key = "name:" + p.name
	}
	if i, ok := b.speakerByKey[key]; ok {
		sp := &b.s.Speakers[i]
		if sp.Bio == "" && p.bio != "" {
			sp.Bio = sanitize.HTML(p.bio)
		}
		if sp.URL == "" {
			sp.URL = strings.TrimSpace(p.url)
		}
		return sp.Slug
	}
	if p.name == "" {
		b.d.Warn(pos, "a person ("+key+") has no name and is left out", "give the person a public name in the source system")
		return ""
	}
	base := fold.Slug(p.name)
	if base == "" {
		base = fold.Slug("speaker-" + strings.TrimPrefix(strings.TrimPrefix(key, "id:"), "guid:"))
	}
	slug := base
	for n := 2; ; n++ {
		other, taken := b.speakerSlug[slug]
		if !taken {
			break
		}
		if n == 2 {
			sp := &b.s.Speakers[b.speakerByKey[other]]
			b.d.Warn(pos, "speakers "+quote(sp.Name)+" ("+other+") and "+quote(p.name)+" ("+key+") share the slug "+quote(base)+"; the second gets a numbered one",
				"if they are one person, merge them in the source system")
		}
		slug = base + "-" + strconv.Itoa(n)
	}
	b.speakerSlug[slug] = key
	b.speakerByKey[key] = len(b.s.Speakers)
	b.s.Speakers = append(b.s.Speakers, schedule.Speaker{
		Slug: slug,
		Name: p.name,
		Bio:  sanitize.HTML(p.bio),
		URL:  strings.TrimSpace(p.url),
		Pos:  pos,
	})
	return slug
}

// times works out when an event starts and ends. The start is <date> (a full
// ISO 8601 time) when present, else the day's date plus <start> in the
// conference zone; a start before the day's own start belongs to the night
// after it. The end is start plus <duration>, or <end> when there is no
// usable duration. An event with no start is left unscheduled.
func (b *builder) times(ev *event) (start, end time.Time) {
	name := b.evName(ev)
	if s := strings.TrimSpace(ev.date); s != "" {
		t, ok := parseInstant(s, b.loc)
		if ok {
			start = t
		} else {
			b.d.Warn(ev.pos, "event "+name+" has an unreadable date "+quote(s)+"; using its day and start instead",
				"write it as ISO 8601, e.g. 2025-02-01T10:30:00+01:00")
		}
	}
	if s := strings.TrimSpace(ev.start); start.IsZero() && s != "" {
		if t, ok := parseInstant(s, b.loc); ok {
			start = t
		} else if h, m, ok := parseClock(s); ok {
			if ev.day == nil || ev.day.date == "" {
				b.d.Warn(ev.pos, "event "+name+" has a start time but no date; it is left unscheduled",
					"give it a <date> or list it under a <day date=...>")
			} else if d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(ev.day.date), b.loc); err != nil {
				b.d.Warn(ev.pos, "event "+name+" is on a day with an unreadable date "+quote(ev.day.date)+"; it is left unscheduled",
					"write day dates as YYYY-MM-DD")
			} else {
				start = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, b.loc)
				if !ev.day.start.IsZero() && start.Before(ev.day.start) {
					start = time.Date(d.Year(), d.Month(), d.Day()+1, h, m, 0, 0, b.loc)
				}
			}
		} else {
			b.d.Warn(ev.pos, "event "+name+" has an unreadable start "+quote(s)+"; it is left unscheduled",
				"write it as HH:MM, e.g. 09:30")
		}
	}
	if start.IsZero() {
		if strings.TrimSpace(ev.date) == "" && strings.TrimSpace(ev.start) == "" {
			b.d.Warn(ev.pos, "event "+name+" has no date or start; it is left unscheduled", "give it a date and a start time")
		}
		return time.Time{}, time.Time{}
	}
	start = start.UTC()
	if s := strings.TrimSpace(ev.duration); s != "" {
		if d, ok := parseDuration(s); ok {
			return start, start.Add(d)
		}
		b.d.Warn(ev.pos, "event "+name+" has an unreadable duration "+quote(s),
			"write it as H:MM or HH:MM:SS, e.g. 00:30")
	}
	if s := strings.TrimSpace(ev.end); s != "" {
		if t, ok := parseInstant(s, b.loc); ok {
			return start, t.UTC()
		}
		b.d.Warn(ev.pos, "event "+name+" has an unreadable end "+quote(s), "write it as ISO 8601, e.g. 2025-02-01T11:00:00+01:00")
	}
	if strings.TrimSpace(ev.duration) == "" && strings.TrimSpace(ev.end) == "" {
		b.d.Warn(ev.pos, "event "+name+" has no duration; it is shown as ending when it starts", "give it a duration such as 00:30")
	}
	return start, start
}

// parseInstant reads an ISO 8601 date-time. Without an offset it is taken in loc.
func parseInstant(s string, loc *time.Location) (time.Time, bool) {
	if len(s) < 16 || s[4] != '-' || s[10] != 'T' && s[10] != ' ' {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseClock reads "H:MM", "HH:MM" or "HH:MM:SS" as a time of day (seconds
// are ignored).
func parseClock(s string) (h, m int, ok bool) {
	d, ok := parseDuration(s)
	if !ok || d >= 24*time.Hour {
		return 0, 0, false
	}
	return int(d / time.Hour), int(d % time.Hour / time.Minute), true
}

// parseDuration reads "0:30", "00:30", "1:15" and "00:30:00" (hours, minutes,
// optional seconds; minutes and seconds below 60, at most 999 hours).
func parseDuration(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 3 || i > 0 && len(p) != 2 {
			return 0, false
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return 0, false
			}
			n[i] = n[i]*10 + int(p[j]-'0')
		}
		if i > 0 && n[i] >= 60 {
			return 0, false
		}
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, true
}

// kindOf maps a frab/pretalx event type to a Kind. Types are free text
// ("lecture", "Talk 30 min + 10min Q&A", "Workshop 60 Min", "OTHER", "devroom"),
// so the words of the type decide, first match wins:
//
//	workshop, hands-on, tutorial, lab, training, course, hackathon -> Workshop
//	break, pause, lunch, coffee, breakfast, tea                    -> Break
//	meetup, meeting, activity, party, social, other, game, bof,
//	  self-organized, sos, performance, concert, music, art, film,
//	  movie, tour, excursion, dinner, reception, networking, assembly -> Activity
//	anything else (talk, lecture, lightning talk, keynote, panel,
//	  discussion, devroom, podium, ...)                           -> Talk
func kindOf(typ string) schedule.Kind {
	words := strings.FieldsFunc(strings.ToLower(typ), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	})
	for _, w := range words {
		switch w {
		case "workshop", "workshops", "hands", "handson", "tutorial", "lab", "training", "course", "hackathon":
			return schedule.Workshop
		}
		if strings.Contains(w, "workshop") {
			return schedule.Workshop
		}
	}
	for _, w := range words {
		switch w {
		case "break", "pause", "lunch", "coffee", "breakfast", "tea", "coffeebreak":
			return schedule.Break
		}
	}
	for _, w := range words {
		switch w {
		case "meetup", "meeting", "activity", "activities", "party", "social", "other", "game", "games", "bof",
			"self", "selforganized", "sos", "performance", "concert", "music", "art", "film", "movie",
			"tour", "excursion", "dinner", "reception", "networking", "assembly":
			return schedule.Activity
		}
	}
	return schedule.Talk
}

// clean collapses runs of white space in a title or name.
func clean(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\t' || c == '\r' || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func joinHTML(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p == "" {
			continue
		}
		dup := false
		for _, q := range out {
			if q == p {
				dup = true
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func quote(s string) string { return strconv.Quote(s) }

// prefix returns the first few characters of data for a message.
func prefix(data []byte) string {
	s := string(data)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}

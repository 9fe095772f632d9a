// Package frab reads conference programmes exported as pentabarf/frab
// schedule.xml or c3voc schedule.json (frab, pretalx, the CCC hub) into the
// schedule model, with diagnostics.
//
// Runs in: the compiler.
package frab

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/input"
	"github.com/agendaconf/agenda/widget/read/sanitize"
	"github.com/agendaconf/agenda/widget/read/venue"
	"github.com/agendaconf/agenda/widget/text/fold"
)

// Options are what the command line adds to a file: agenda's --tz and --year.
type Options struct {
	// TimeZone is the venue's IANA zone for a file that names none
	// (time_zone_name). A file's own zone wins, with a warning when the two
	// differ; so does a zone that contradicts the file's UTC offsets.
	TimeZone string
	// Year is only checked: frab and c3voc dates always carry their year
	// (ISO 8601), so there is nothing for it to fill in. A Year in which no
	// session falls is a warning.
	Year int
}

// Read parses data (XML or JSON, detected from content: first non-space byte
// '<' or '{'); name is the file path used in diagnostics.
//
// The schedule is nil only when nothing usable could be read; the diagnostics
// then hold an error that says why. Otherwise it is sorted and checked
// (model.Check, which also drops unsafe links), and the diagnostics hold
// everything found on the way.
func Read(name string, data []byte) (*model.Schedule, diag.List) {
	return ReadWith(name, data, Options{})
}

// ReadWith is Read with options from the command line.
func ReadWith(name string, data []byte, o Options) (*model.Schedule, diag.List) {
	file := diag.Pos{File: name}
	data = input.TrimBOM(data)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	var l diag.List
	if len(trimmed) == 0 {
		l.Error(file, "the file is empty", "export the schedule again as schedule.xml or schedule.json")
		return nil, l
	}
	b := newBuilder(name)
	b.opts = o
	switch trimmed[0] {
	case '<':
		b.readXML(data)
	case '{':
		b.readJSON(data)
	default:
		l.Error(diag.Pos{File: name, Line: 1 + bytes.Count(data[:len(data)-len(trimmed)], []byte("\n"))},
			"not a schedule.xml or schedule.json: it starts with "+quote(diag.Excerpt(trimmed)),
			"give a frab/pentabarf schedule.xml (starting with '<') or a c3voc schedule.json (starting with '{')")
		return nil, l
	}
	return b.finish()
}

// ReadFile reads the file at path with Read.
func ReadFile(path string) (*model.Schedule, diag.List) {
	return ReadFileWith(path, Options{})
}

// ReadFileWith reads the file at path with ReadWith.
func ReadFileWith(path string, o Options) (*model.Schedule, diag.List) {
	return input.ReadFile(path, func(name string, data []byte) (*model.Schedule, diag.List) {
		return ReadWith(name, data, o)
	})
}

// event is one event as the XML and JSON readers find it, before any of it is
// interpreted. Both formats carry the same fields under the same names.
type event struct {
	pos                   diag.Pos
	id, guid              string
	slug, title, typ      string
	track, room, url      string
	language              string
	date                  string // full start, ISO 8601 with offset
	start                 string // "HH:MM" on day, or a full ISO 8601 time (c3voc hub)
	end                   string // full end, ISO 8601 (c3voc hub and newer exports)
	duration              string
	day                   *day
	abstract, description string
	persons               []person
}

// day is a <day> or days[] entry, the one an event is listed under.
type day struct {
	date       string // "2025-02-01"
	start, end string // when the programme day begins and ends (ISO 8601), if the file says
	pos        diag.Pos

	// Worked out once the venue's zone is known (resolveDays):
	from, to time.Time
	// night is the time of day, in venue time, at which the day ends the
	// morning after its date (to, where to falls on the next date); 0 if the
	// day ends by midnight or does not say.
	night time.Duration
	// turn is the time of day before which a clock time listed under the
	// day is in the night after its date: night, else the conference's
	// <day_change>, else the day's own start; 0 for none.
	turn time.Duration
}

// person is one speaker reference in an event, or an entry of a file's
// persons list.
type person struct {
	id, guid, code string // as the file gives them; id "0" means none
	name, bio, url string
	links          []model.Link
	pos            diag.Pos
}

// builder turns events into a Schedule and collects diagnostics.
type builder struct {
	name   string
	s      *model.Schedule
	d      diag.List
	usable bool // something worth returning was read

	opts           Options
	zone           string // time_zone_name as given
	zonePos        diag.Pos
	dayChange      string // <day_change>, "09:00:00" (FOSDEM), as given
	dayChangePos   diag.Pos
	dayChangeClock time.Duration // dayChange, read
	days           []*day
	events         []event
	roomOrder      []string // rooms as the file lists them
	directory      []person // a top-level persons list (FOSDEM's schedule.xml): bios and links

	loc          *time.Location
	zoneFrom     string // what named the zone: "time_zone_name", "--tz", or "" (UTC for want of one)
	offsets      []offset
	dir          personIndex
	sessionDay   []*day            // the day each session is listed under, by index in s.Sessions before sorting
	speakerByKey map[string]int    // person identity -> index in s.Speakers
	speakerSlug  map[string]string // speaker slug -> person identity
	speakerWho   map[string]string // speaker slug -> the person as messages name them
	idNames      map[string]idUse  // "id 7" -> the first person read with that id
	sessionSlug  map[string]int    // session slug -> index in s.Sessions
	ids          map[string]int    // event id or guid -> index in s.Sessions
}

// offset is a UTC offset a time in the file states.
type offset struct {
	pos diag.Pos
	at  time.Time
	off int // seconds east of UTC
}

// idUse is the first person read under an id, for the warning when the id
// turns up with another name.
type idUse struct {
	name string
	pos  diag.Pos
}

func newBuilder(name string) *builder {
	return &builder{
		name:         name,
		s:            &model.Schedule{},
		speakerByKey: map[string]int{},
		speakerSlug:  map[string]string{},
		speakerWho:   map[string]string{},
		idNames:      map[string]idUse{},
		sessionSlug:  map[string]int{},
		ids:          map[string]int{},
	}
}

func (b *builder) file() diag.Pos { return diag.Pos{File: b.name} }

// finish interprets the collected events and returns the result of Read.
func (b *builder) finish() (*model.Schedule, diag.List) {
	if !b.usable {
		if !b.d.HasErrors() {
			b.d.Error(b.file(), "no schedule found in the file", "give a frab/pentabarf schedule.xml or a c3voc schedule.json")
		}
		return nil, b.d
	}
	c := &b.s.Conference
	b.resolveZone()
	if c.ID == "" {
		c.ID = fold.Slug(strings.TrimSuffix(filepath.Base(b.name), filepath.Ext(b.name)))
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	b.resolveDays()
	b.dir = indexPersons(b.directory)
	for i := range b.events {
		b.addEvent(&b.events[i])
	}
	if len(b.s.Sessions) == 0 {
		b.d.Warn(b.file(), "the schedule has no events", "check that the export includes the programme, not only the conference")
	}
	b.checkOffsets()
	input.CheckYear(&b.d, b.s, b.loc, b.opts.Year, "schedule.xml and schedule.json dates")
	b.chooseDayChange()
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
	b.d = append(b.d, model.Check(b.s)...)
	b.d.Sort()
	return b.s, b.d
}

// resolveZone decides the venue's zone: the file's time_zone_name when it
// has one, else Options.TimeZone, else UTC. (The warning for UTC waits for
// checkOffsets, which can say what offsets the file's times carry.)
func (b *builder) resolveZone() {
	z := venue.Resolve(&b.d, venue.Source{Zone: b.zone, Pos: b.zonePos, Key: "time_zone_name", Fix: "fix time_zone_name in the source system"}, b.opts.TimeZone)
	b.loc, b.s.Conference.TimeZone, b.zoneFrom = z.Loc, z.Name, z.From
}

// checkOffsets compares the UTC offsets the file's times carry with the
// venue's zone at those instants. Times stand by their offsets either way; a
// wrong zone shows them at the wrong hour. An offset of zero is read as UTC
// notation (the hub writes some times so), not as a claim about the venue.
func (b *builder) checkOffsets() {
	var first *offset
	n := 0
	for i := range b.offsets {
		o := &b.offsets[i]
		if _, want := o.at.In(b.loc).Zone(); o.off == want || o.off == 0 && b.zoneFrom != "" {
			continue
		}
		n++
		if first == nil || before(o.pos, first.pos) {
			first = o
		}
	}
	if b.zoneFrom == "" {
		msg, hint := "the conference has no time zone (time_zone_name); assuming UTC",
			"add the venue's IANA zone, e.g. Europe/Brussels, so times without an offset are read right, or pass --tz"
		if first != nil {
			msg += ", but its times carry the offset " + input.Offset(first.off) + ", so they would show at the wrong hour"
			hint = "pass the venue's zone with --tz (e.g. --tz Europe/Brussels), or add time_zone_name to the file"
		}
		b.d.Warn(b.zonePos, msg, hint)
		return
	}
	if first == nil {
		return
	}
	_, want := first.at.In(b.loc).Zone()
	times := strconv.Itoa(n) + " times carry offsets"
	if n == 1 {
		times = "1 time carries an offset"
	}
	zone := b.s.Conference.TimeZone
	if b.zoneFrom == "--tz" {
		b.d.Warn(first.pos, "--tz "+quote(zone)+" contradicts the file: "+times+" that "+zone+" does not have then (first here: "+
			input.Offset(first.off)+" where "+zone+" has "+input.Offset(want)+")",
			"check --tz; times are placed by their offsets, the zone only says at what hour to show them")
		return
	}
	b.d.Warn(first.pos, "time_zone_name "+quote(zone)+" contradicts the file's own times: "+times+" that "+zone+" does not have then (first here: "+
		input.Offset(first.off)+" where "+zone+" has "+input.Offset(want)+")",
		"fix time_zone_name or the offsets in the source system; times are placed by their offsets, the zone only says at what hour to show them")
}

// before orders positions by line; one without a line (a JSON day) comes last.
func before(a, b diag.Pos) bool {
	if (a.Line == 0) != (b.Line == 0) {
		return b.Line == 0
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// resolveDays reads the days' start and end in the venue's zone and works out
// when each day's night ends.
func (b *builder) resolveDays() {
	var change time.Duration
	if s := strings.TrimSpace(b.dayChange); s != "" {
		if h, m, ok := parseClock(s); ok {
			change = time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
		} else {
			b.d.Warn(b.dayChangePos, "unreadable <day_change> "+quote(s)+"; it is ignored", "write it as HH:MM:SS, e.g. 09:00:00")
		}
	}
	for _, d := range b.days {
		date, err := time.ParseInLocation("2006-01-02", d.date, b.loc)
		if err != nil {
			continue // events under it are reported as they are read
		}
		d.from = b.dayTime(d.start, d.pos)
		d.to = b.dayTime(d.end, d.pos)
		if !d.to.IsZero() {
			end := d.to.In(b.loc)
			if end.Minute() == 59 { // pretalx ends days at 03:59, FOSDEM at 08:59: the minute before the next day
				end = end.Truncate(time.Minute).Add(time.Minute).In(b.loc)
			}
			if end.Format("2006-01-02") == date.AddDate(0, 0, 1).Format("2006-01-02") {
				d.night = clockOf(end)
			}
		}
		switch {
		case d.night > 0:
			d.turn = d.night
		case !d.to.IsZero():
			// The day ends by midnight: it has no night.
		case change > 0:
			d.turn = change
		case !d.from.IsZero() && d.from.In(b.loc).Format("2006-01-02") == d.date:
			d.turn = clockOf(d.from.In(b.loc))
		}
	}
	b.dayChangeClock = change
}

// dayTime reads a day's start or end, noting its offset.
func (b *builder) dayTime(s string, pos diag.Pos) time.Time {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}
	}
	t, off, ok := parseInstantOffset(s, b.loc)
	if !ok {
		b.d.Warn(pos, "the day has an unreadable start or end "+quote(s)+"; it is ignored", "write it as ISO 8601, e.g. 2025-02-01T09:00:00+01:00")
		return time.Time{}
	}
	if off != nil {
		b.offsets = append(b.offsets, offset{pos: pos, at: t, off: *off})
	}
	return t
}

// clockOf is t's time of day on the wall clock.
func clockOf(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
}

// chooseDayChange sets Conference.DayChange, the time at which one conference
// day gives way to the next. The file states it as the days' ends past
// midnight and FOSDEM's <day_change>; failing those, the days' starts. Of
// these (and midnight, last), the earliest that keeps every session in the
// day the file lists it under wins; when none does, the one that strays
// fewest, with a warning.
func (b *builder) chooseDayChange() {
	seen := map[time.Duration]bool{0: true}
	var stated, starts []time.Duration
	add := func(list *[]time.Duration, c time.Duration) {
		if c > 0 && c < 24*time.Hour && !seen[c] {
			seen[c] = true
			*list = append(*list, c)
		}
	}
	for _, d := range b.days {
		add(&stated, d.night)
	}
	add(&stated, b.dayChangeClock)
	for _, d := range b.days {
		if !d.from.IsZero() && d.from.In(b.loc).Format("2006-01-02") == d.date {
			add(&starts, clockOf(d.from.In(b.loc)))
		}
	}
	candidates := stated
	if len(candidates) == 0 {
		candidates = starts
	}
	sort.Slice(candidates, func(i, j int) bool { return candidates[i] < candidates[j] })
	candidates = append(candidates, 0)

	c := &b.s.Conference
	best, bestStray, firstStray := time.Duration(0), -1, -1
	for _, cand := range candidates {
		c.DayChange = cand
		n, first := 0, -1
		for i := range b.s.Sessions {
			ss, d := &b.s.Sessions[i], b.sessionDay[i]
			if d == nil || !ss.Scheduled() || !validDate(d.date) {
				continue
			}
			if b.s.DayOf(ss.Start, b.loc) != d.date {
				if n++; first < 0 {
					first = i
				}
			}
		}
		if bestStray < 0 || n < bestStray {
			best, bestStray, firstStray = cand, n, first
		}
		if n == 0 {
			break
		}
	}
	c.DayChange = best
	if bestStray <= 0 {
		return
	}
	ss := &b.s.Sessions[firstStray]
	at := "midnight"
	if best > 0 {
		at = fmt.Sprintf("%02d:%02d", int(best/time.Hour), int(best%time.Hour/time.Minute))
	}
	what := strconv.Itoa(bestStray) + " sessions fall outside the day they are listed under"
	if bestStray == 1 {
		what = "1 session falls outside the day it is listed under"
	}
	b.d.Warn(ss.Pos, what+", whatever time one day gives way to the next; days change at "+at+
		" (first: "+quote(ss.Title)+", listed under "+b.sessionDay[firstStray].date+", on "+b.s.DayOf(ss.Start, b.loc)+")",
		"check the session's date against its day, and the days' start and end")
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// addRoom records a room in the order the file lists it.
func (b *builder) addRoom(name string) {
	if name = strings.TrimSpace(name); name != "" {
		b.roomOrder = append(b.roomOrder, name)
	}
}

// addEvent turns one event into a Session and its Speakers.
func (b *builder) addEvent(ev *event) {
	ss := model.Session{
		Title: clean(ev.title),
		Kind:  kindOf(ev.typ),
		Room:  clean(ev.room),
		Track: clean(ev.track),
		// Kept as the file gives it ("en", "de"); an empty element is unknown.
		Language: clean(ev.language),
		URL:      strings.TrimSpace(ev.url),
		Pos:      ev.pos,
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
		slug := b.speaker(b.dir.complete(p), ev.pos)
		if slug != "" && !seen[slug] {
			seen[slug] = true
			ss.Speakers = append(ss.Speakers, slug)
		}
	}
	b.s.Sessions = append(b.s.Sessions, ss)
	b.sessionDay = append(b.sessionDay, ev.day)
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
// title, else from the id. A repeat becomes slug-2, slug-3, ... Slugs are
// never cut: the file's is the source's own key (FOSDEM's run to 180
// characters and match its URLs), and cutting one made from a title could
// make two events collide.
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

// identity says who a person is. Merged frab and c3voc schedules reuse
// person ids across their sub-schedules, and some write id 0 for everyone
// without an account, so an id alone names nobody: the guid decides when there
// is one, else the id (or pretalx code) and the name together, else the name.
// byID is "id 7" when an id took part, for the warning when it names two
// people.
func identity(p person) (key, byID string) {
	name := nameKey(p.name)
	switch {
	case p.guid != "":
		return "guid:" + p.guid, ""
	case hasID(p.id):
		return "id:" + p.id + "\x00" + name, "id " + quote(p.id)
	case p.code != "":
		return "code:" + p.code + "\x00" + name, "code " + quote(p.code)
	}
	return "name:" + name, ""
}

// hasID reports whether id identifies anyone: "", "0" and "00" do not.
func hasID(id string) bool { return strings.TrimLeft(id, "0") != "" }

// nameKey compares names: case and spacing aside, the same name.
func nameKey(name string) string { return strings.ToLower(clean(name)) }

// who names a person in a message by what the file identifies them with.
func who(p person) string {
	switch {
	case p.guid != "":
		return "guid:" + p.guid
	case hasID(p.id):
		return "id:" + p.id
	case p.code != "":
		return "code:" + p.code
	}
	return "no id"
}

// speaker returns the slug of the speaker p, adding the speaker the first
// time the person is seen. Two different people whose names make the same slug
// get slug, slug-2, ... in the order they appear.
func (b *builder) speaker(p person, pos diag.Pos) string {
	p.name = clean(p.name)
	key, byID := identity(p)
	if i, ok := b.speakerByKey[key]; ok {
		sp := &b.s.Speakers[i]
		if sp.Bio == "" && p.bio != "" {
			sp.Bio = sanitize.HTML(p.bio)
		}
		if u := strings.TrimSpace(p.url); !model.SafeURL(sp.URL) && model.SafeURL(u) {
			sp.URL = u
		}
		if len(sp.Links) == 0 {
			sp.Links = p.links
		}
		return sp.Slug
	}
	if p.name == "" {
		b.d.Warn(pos, "a person ("+who(p)+") has no name and is left out", "give the person a public name in the source system")
		return ""
	}
	if byID != "" {
		if first, ok := b.idNames[byID]; !ok {
			b.idNames[byID] = idUse{name: p.name, pos: pos}
		} else {
			b.d.Warn(pos, "person "+byID+" names both "+quote(first.name)+" ("+first.pos.String()+") and "+quote(p.name)+"; they are read as two people",
				"merged schedules reuse ids: give each person a guid, or an id of their own, in the source system")
		}
	}
	base := fold.Slug(p.name)
	if base == "" {
		base = fold.Slug("speaker-" + firstNonEmpty(p.guid, strings.TrimLeft(p.id, "0"), p.code))
	}
	if base == "" {
		base = "speaker"
	}
	slug := base
	for n := 2; ; n++ {
		other, taken := b.speakerSlug[slug]
		if !taken {
			break
		}
		if n == 2 {
			sp := &b.s.Speakers[b.speakerByKey[other]]
			b.d.Warn(pos, "speakers "+quote(sp.Name)+" ("+b.speakerWho[sp.Slug]+") and "+quote(p.name)+" ("+who(p)+") share the slug "+quote(base)+"; the second gets a numbered one",
				"if they are one person, merge them in the source system")
		}
		slug = base + "-" + strconv.Itoa(n)
	}
	b.speakerSlug[slug] = key
	b.speakerWho[slug] = who(p)
	b.speakerByKey[key] = len(b.s.Speakers)
	b.s.Speakers = append(b.s.Speakers, model.Speaker{
		Slug:  slug,
		Name:  p.name,
		Bio:   sanitize.HTML(p.bio),
		URL:   strings.TrimSpace(p.url),
		Links: p.links,
		Pos:   pos,
	})
	return slug
}

// personIndex finds a person's entry in the file's persons list.
type personIndex struct {
	byGUID map[string]*person
	byKey  map[string]*person   // identity, for id and name together
	byID   map[string][]*person // id alone, for an event that names nobody
}

func indexPersons(list []person) personIndex {
	x := personIndex{byGUID: map[string]*person{}, byKey: map[string]*person{}, byID: map[string][]*person{}}
	for i := range list {
		p := &list[i]
		if p.guid != "" {
			x.byGUID[p.guid] = p
		}
		if hasID(p.id) {
			q := *p
			q.guid = ""
			if k, _ := identity(q); p.name != "" {
				x.byKey[k] = p
			}
			x.byID[p.id] = append(x.byID[p.id], p)
		}
	}
	return x
}

// complete fills in what an event leaves out of a person (name, bio, URL,
// links) from the persons list: the entry with the same guid, else with the
// same id and name, else the only entry with that id when either side has no
// name. An entry whose id names someone else is not theirs.
func (x personIndex) complete(p person) person {
	var e *person
	if p.guid != "" {
		e = x.byGUID[p.guid]
	}
	if e == nil && hasID(p.id) {
		q := p
		q.guid = ""
		k, _ := identity(q)
		e = x.byKey[k]
		if same := x.byID[p.id]; e == nil && len(same) == 1 && (clean(p.name) == "" || same[0].name == "") {
			e = same[0]
		}
	}
	if e == nil {
		return p
	}
	if clean(p.name) == "" {
		p.name = e.name
	}
	if p.guid == "" && e.guid != "" && nameKey(p.name) == nameKey(e.name) {
		p.guid = e.guid
	}
	p.bio = firstNonEmpty(p.bio, e.bio)
	p.url = firstNonEmpty(p.url, e.url)
	if len(p.links) == 0 {
		p.links = e.links
	}
	return p
}

// link makes a labelled link; without a label, the URL's host names it.
func link(label, href string) (model.Link, bool) {
	href = strings.TrimSpace(href)
	if href == "" {
		return model.Link{}, false
	}
	label = clean(label)
	if label == "" {
		if u, err := url.Parse(href); err == nil && u.Host != "" {
			label = u.Host
		} else {
			label = href
		}
	}
	return model.Link{Label: label, URL: href}, true
}

// times works out when an event starts and ends. The start is <date> (a full
// ISO 8601 time) when present, else the day's date plus <start> in the
// conference zone; a start before the day's turn (its end past midnight, else
// the conference's <day_change>, else its own start; see resolveDays) belongs
// to the night after its date. The end is start plus <duration>, or <end>
// when there is no usable duration. An event with no start is left
// unscheduled.
func (b *builder) times(ev *event) (start, end time.Time) {
	name := b.evName(ev)
	if s := strings.TrimSpace(ev.date); s != "" {
		t, ok := b.instant(s, ev.pos)
		if ok {
			start = t
		} else {
			b.d.Warn(ev.pos, "event "+name+" has an unreadable date "+quote(s)+"; using its day and start instead",
				"write it as ISO 8601, e.g. 2025-02-01T10:30:00+01:00")
		}
	}
	if s := strings.TrimSpace(ev.start); start.IsZero() && s != "" {
		if t, ok := b.instant(s, ev.pos); ok {
			start = t
		} else if h, m, ok := parseClock(s); ok {
			if ev.day == nil || ev.day.date == "" {
				b.d.Warn(ev.pos, "event "+name+" has a start time but no date; it is left unscheduled",
					"give it a <date> or list it under a <day date=...>")
			} else if d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(ev.day.date), b.loc); err != nil {
				b.d.Warn(ev.pos, "event "+name+" is on a day with an unreadable date "+quote(ev.day.date)+"; it is left unscheduled",
					"write day dates as YYYY-MM-DD")
			} else {
				next := 0
				if clock := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute; clock < ev.day.turn {
					next = 1
				}
				start = time.Date(d.Year(), d.Month(), d.Day()+next, h, m, 0, 0, b.loc)
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
		if t, ok := b.instant(s, ev.pos); ok {
			return start, t.UTC()
		}
		b.d.Warn(ev.pos, "event "+name+" has an unreadable end "+quote(s), "write it as ISO 8601, e.g. 2025-02-01T11:00:00+01:00")
	}
	if strings.TrimSpace(ev.duration) == "" && strings.TrimSpace(ev.end) == "" {
		b.d.Warn(ev.pos, "event "+name+" has no duration; it is shown as ending when it starts", "give it a duration such as 00:30")
	}
	return start, start
}

// instant reads an event's ISO 8601 time, noting the offset it carries.
func (b *builder) instant(s string, pos diag.Pos) (time.Time, bool) {
	t, off, ok := parseInstantOffset(s, b.loc)
	if ok && off != nil {
		b.offsets = append(b.offsets, offset{pos: pos, at: t, off: *off})
	}
	return t, ok
}

// parseInstantOffset reads an ISO 8601 date-time, and the offset it states
// (seconds east of UTC), or nil when it states none: then it is taken in loc.
func parseInstantOffset(s string, loc *time.Location) (time.Time, *int, bool) {
	if len(s) < 16 || s[4] != '-' || s[10] != 'T' && s[10] != ' ' {
		return time.Time{}, nil, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			_, off := t.Zone()
			return t, &off, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil, true
		}
	}
	return time.Time{}, nil, false
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
func kindOf(typ string) model.Kind {
	words := strings.FieldsFunc(strings.ToLower(typ), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	})
	for _, w := range words {
		switch w {
		case "workshop", "workshops", "hands", "handson", "tutorial", "lab", "training", "course", "hackathon":
			return model.Workshop
		}
		if strings.Contains(w, "workshop") {
			return model.Workshop
		}
	}
	for _, w := range words {
		switch w {
		case "break", "pause", "lunch", "coffee", "breakfast", "tea", "coffeebreak":
			return model.Break
		}
	}
	for _, w := range words {
		switch w {
		case "meetup", "meeting", "activity", "activities", "party", "social", "other", "game", "games", "bof",
			"self", "selforganized", "sos", "performance", "concert", "music", "art", "film", "movie",
			"tour", "excursion", "dinner", "reception", "networking", "assembly":
			return model.Activity
		}
	}
	return model.Talk
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

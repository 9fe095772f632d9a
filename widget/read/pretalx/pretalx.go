// Package pretalx reads the JSON that pretalx serves to its own schedule
// widget, https://pretalx.example/<event>/schedule/widgets/schedule.json,
// into the schedule model, with diagnostics. (pretalx's c3voc export,
// /<event>/schedule/export/schedule.json, is the frab reader's.)
//
// The format, as pretalx builds it (Schedule.build_data in
// src/pretalx/schedule/models/schedule.py, served by widget_data in
// src/pretalx/agenda/views/widget.py):
//
//	{"talks": [...], "version": "1.0", "schedule_id": 7,
//	 "timezone": "Europe/Berlin", "event_start": "2025-03-01", "event_end": "2025-03-02",
//	 "tracks":   [{"id": 3, "name": NAME, "description": NAME, "color": "#..."}],
//	 "rooms":    [{"id": 5, "name": NAME, "description": NAME}],
//	 "speakers": [{"code": "ABCDEF", "name": "Ada", "avatar": URL or null, ...}]}
//
// A talk (a scheduled submission) is {"code", "id", "title", "abstract",
// "speakers": [speaker codes], "track": track id or null, "room": room id,
// "start", "end" (ISO 8601 with the venue's offset), "duration" (minutes),
// "updated", "state", "content_locale", "do_not_record"}. A break is a slot
// without a submission: {"id", "title": NAME, "start" (UTC), "end", "room",
// "slot_type": "break"}; pretalx before 2025 leaves slot_type out, and
// "blocker" slots (which only organisers see) are left out here. A NAME is a
// string or an object from language code to text, {"en": "Hall", "de":
// "Saal"}. The file names neither the conference nor the talks' types.
//
// How it maps: a talk becomes a session of kind talk whose slug is its code
// in lower case, with its room's and track's names, its speakers (by code,
// named from the speakers list) and its abstract, sanitised. Breaks become
// sessions of kind break; a break pretalx repeats in several rooms at the
// same time under the same title is one session, in no room when it spans
// more than one. Times are the exact instants the file gives.
//
// One language for the whole file: Options.Language, else English when any
// name has it, else the language most names have (the first met on a tie).
// A name without that language shows its first non-empty text.
//
// Runs in: the compiler.
package pretalx

import (
	"bytes"
	"fmt"
	"path/filepath"
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

// Limits on a file, checked before it is decoded: far above any real
// programme (pretalx's largest, the Chaos Communication Congress, serves
// about 2 MB nested 4 deep).
const (
	MaxSize  = 64 << 20 // bytes
	MaxDepth = 32       // arrays and objects nested in one another
)

// Options are what the command line adds to a file.
type Options struct {
	// TimeZone is the venue's IANA zone for a file that names none
	// ("timezone"). The file's own zone wins, with a warning when the two
	// differ.
	TimeZone string
	// Year is only checked: pretalx's times carry their year. A Year in
	// which no session falls is a warning.
	Year int
	// Name and ID name the conference, which the widget JSON does not.
	// Without Name, a warning says so and the name is made from the file's
	// path.
	Name, ID string
	// Language is the language code whose texts names are read in
	// ("en", "de"); see the package comment for the default.
	Language string
}

// Read parses a pretalx widget schedule.json; name is the file path used in
// diagnostics.
//
// The schedule is nil only when nothing usable could be read; the diagnostics
// then hold an error that says why. Otherwise it is sorted and checked
// (model.Check), and the diagnostics hold everything found on the way.
func Read(name string, data []byte, o Options) (*model.Schedule, diag.List) {
	b := &builder{name: name, opts: o, s: &model.Schedule{}}
	file := diag.Pos{File: name}
	data = input.TrimBOM(data)
	if len(data) > MaxSize {
		b.d.Error(file, fmt.Sprintf("the file is %d MiB, more than the %d MiB a pretalx schedule.json may have", len(data)>>20, MaxSize>>20),
			"give the pretalx widget schedule.json itself; even the largest conferences serve a few megabytes")
		return nil, b.d
	}
	if len(bytes.TrimSpace(data)) == 0 {
		b.d.Error(file, "the file is empty", "download /<event>/schedule/widgets/schedule.json from pretalx again")
		return nil, b.d
	}
	b.lines = newLines(name, data)
	if off := checkDepth(data); off >= 0 {
		b.d.Error(b.lines.pos(off), "lists and objects are nested more than "+strconv.Itoa(MaxDepth)+" deep, more than a pretalx schedule.json ever is",
			"give the pretalx widget schedule.json itself; it nests 4 deep")
		return nil, b.d
	}
	f := b.decode(data)
	if f == nil {
		return nil, b.d
	}
	b.build(f)
	return b.s, b.d
}

// ReadFile reads the file at path with Read.
func ReadFile(path string, o Options) (*model.Schedule, diag.List) {
	return input.ReadFile(path, func(name string, data []byte) (*model.Schedule, diag.List) {
		return Read(name, data, o)
	})
}

type builder struct {
	name  string
	opts  Options
	s     *model.Schedule
	d     diag.List
	lines lines

	loc      *time.Location
	zoneFrom string // "timezone", "--tz", or "" (UTC for want of one)
	lang     string
	offsets  []offset
}

// offset is a UTC offset a time in the file states.
type offset struct {
	pos diag.Pos
	at  time.Time
	off int
}

// build turns the decoded file into the schedule.
func (b *builder) build(f *file) {
	c := &b.s.Conference
	c.Pos = diag.Pos{File: b.name}
	b.resolveZone(f)
	b.conference()

	var names []text
	for _, r := range f.rooms {
		names = append(names, r.v.Name)
	}
	for _, t := range f.tracks {
		names = append(names, t.v.Name)
	}
	for _, t := range f.talks {
		names = append(names, t.v.Title)
	}
	b.lang = chooseLanguage(b.opts.Language, names)

	rooms, roomOrder := b.roomIndex(f.rooms)
	tracks := map[string]string{}
	for _, t := range f.tracks {
		if id := input.RawText(t.v.ID); id != "" {
			if _, dup := tracks[id]; !dup {
				tracks[id] = clean(t.v.Name.pick(b.lang))
			}
		}
	}
	speakers := b.speakerIndex(f)

	slugs := map[string]int{} // session slug -> index in s.Sessions
	breaks := map[string]int{}
	for i := range f.talks {
		t := &f.talks[i]
		if code := input.RawText(t.v.Code); code != "" {
			b.talk(t, code, rooms, tracks, speakers, slugs)
			continue
		}
		if slotType := rawString(t.v.SlotType); slotType == "blocker" {
			continue
		}
		b.breakSlot(t, rooms, slugs, breaks)
	}
	if !f.hasTalks {
		b.d.Warn(c.Pos, "the file has no \"talks\" list, so there are no sessions", "download the whole schedule from pretalx")
	} else if len(b.s.Sessions) == 0 {
		b.d.Warn(c.Pos, "the schedule has no talks", "release a schedule in pretalx first; the widget data only holds released talks")
	}

	used := map[string]bool{}
	for i := range b.s.Sessions {
		used[b.s.Sessions[i].Room] = true
	}
	listed := map[string]bool{}
	for _, r := range roomOrder {
		if used[r] && !listed[r] {
			listed[r] = true
			b.s.Rooms = append(b.s.Rooms, r)
		}
	}
	b.checkOffsets()
	input.CheckYear(&b.d, b.s, b.loc, b.opts.Year, "pretalx's times")
	b.dayChange(f.start)
	b.s.Sort()
	b.d = append(b.d, model.Check(b.s)...)
	b.d.Sort()
}

// conference names the conference from the options, else from the path:
// the file's name, or its folder's when the file has pretalx's own name
// (schedule.json), which would name every pretalx event alike.
func (b *builder) conference() {
	c := &b.s.Conference
	c.ID, c.Name = strings.TrimSpace(b.opts.ID), strings.TrimSpace(b.opts.Name)
	if c.ID == "" {
		base := strings.TrimSuffix(filepath.Base(b.name), filepath.Ext(b.name))
		if dir := filepath.Base(filepath.Dir(b.name)); base == "schedule" && fold.Slug(dir) != "" && dir != "widgets" {
			base = dir
		}
		c.ID = fold.Slug(base)
	}
	if c.ID == "" {
		c.ID = fold.Slug(c.Name)
	}
	if c.ID == "" {
		c.ID = "pretalx"
	}
	if c.Name == "" {
		c.Name = c.ID
		b.d.Warn(c.Pos, "pretalx's widget data does not name the conference; it is called "+quote(c.Name)+" after the file",
			"pass --name (and --id) with the conference's name")
	}
}

// resolveZone decides the venue's zone: the file's "timezone" when it has
// one, else Options.TimeZone, else UTC.
func (b *builder) resolveZone(f *file) {
	z := venue.Resolve(&b.d, venue.Source{Zone: f.timezone, Pos: f.zonePos, Key: "timezone", Fix: "fix the event's time zone in pretalx"}, b.opts.TimeZone)
	b.loc, b.s.Conference.TimeZone, b.zoneFrom = z.Loc, z.Name, z.From
	if z.From == "" && strings.TrimSpace(f.timezone) == "" {
		b.d.Warn(f.zonePos, "the file names no time zone (timezone); assuming UTC",
			"pass the venue's zone with --tz, e.g. --tz Europe/Berlin")
	}
}

// roomIndex maps room ids to names, and lists the names in file order.
func (b *builder) roomIndex(list []item[roomJSON]) (map[string]string, []string) {
	rooms := map[string]string{}
	var order []string
	for _, r := range list {
		id := input.RawText(r.v.ID)
		if id == "" {
			b.d.Warn(r.pos, "a room has no id, so no talk can be in it", "download the file from pretalx again")
			continue
		}
		if _, dup := rooms[id]; dup {
			b.d.Warn(r.pos, "room id "+id+" is listed twice; the first is used", "download the file from pretalx again")
			continue
		}
		name := clean(r.v.Name.pick(b.lang))
		if name == "" {
			name = "Room " + id
			b.d.Warn(r.pos, "room "+id+" has no name; it is called "+quote(name), "name the room in pretalx")
		}
		rooms[id] = name
		order = append(order, name)
	}
	return rooms, order
}

// speakerIndex adds the speakers that talks name, in the order of the
// speakers list, and maps their codes to slugs ("" for one left out for want
// of a name, which is reported here). Two people whose names make
// the same slug get slug, slug-2, ...
func (b *builder) speakerIndex(f *file) map[string]string {
	named := map[string]bool{}
	for _, t := range f.talks {
		if input.RawText(t.v.Code) == "" {
			continue
		}
		for _, sp := range t.v.Speakers {
			named[input.RawText(sp)] = true
		}
	}
	bySlug := map[string]bool{}
	out := map[string]string{}
	seen := map[string]bool{}
	for _, sp := range f.speakers {
		code := input.RawText(sp.v.Code)
		if code == "" || seen[code] {
			if code == "" {
				b.d.Warn(sp.pos, "a speaker has no code, so no talk can name them", "download the file from pretalx again")
			} else {
				b.d.Warn(sp.pos, "speaker code "+quote(code)+" is listed twice; the first is used", "download the file from pretalx again")
			}
			continue
		}
		seen[code] = true
		if !named[code] {
			continue
		}
		name := clean(sp.v.Name.pick(b.lang))
		if name == "" {
			b.d.Warn(sp.pos, "speaker "+quote(code)+" has no name and is left out", "give the speaker a name in pretalx")
			out[code] = ""
			continue
		}
		base := fold.Slug(name)
		if base == "" {
			base = fold.Slug("speaker-" + code)
		}
		slug := base
		for n := 2; bySlug[slug]; n++ {
			slug = base + "-" + strconv.Itoa(n)
		}
		bySlug[slug] = true
		out[code] = slug
		b.s.Speakers = append(b.s.Speakers, model.Speaker{Slug: slug, Name: name, Pos: sp.pos})
	}
	return out
}

// talk adds a submission's slot.
func (b *builder) talk(t *item[talkJSON], code string, rooms, tracks, speakers map[string]string, slugs map[string]int) {
	x := &t.v
	title := clean(x.Title.pick(b.lang))
	who := "talk " + code
	if title != "" {
		who += " (" + quote(title) + ")"
	}
	if title == "" {
		b.d.Warn(t.pos, who+" has no title", "give it a title in pretalx")
		title = code
	}
	ss := model.Session{
		Title:       title,
		Kind:        model.Talk,
		Language:    clean(rawString(x.ContentLocale)),
		Description: sanitize.HTML(x.Abstract.pick(b.lang)),
		Pos:         t.pos,
	}
	ss.Room = b.room(x.Room, rooms, who, t.pos)
	if id := input.RawText(x.Track); id != "" {
		if name, ok := tracks[id]; ok {
			ss.Track = name
		} else {
			b.d.Warn(t.pos, who+" is in track "+id+", which the tracks list does not have; it is shown without a track",
				"download the file from pretalx again")
		}
	}
	ss.Start, ss.End = b.times(x, who, t.pos)
	seen := map[string]bool{}
	for _, r := range x.Speakers {
		sc := input.RawText(r)
		slug, listed := speakers[sc]
		switch {
		case !listed:
			b.d.Warn(t.pos, who+" names speaker "+quote(sc)+", who is not in the speakers list; they are left out",
				"download the file from pretalx again")
		case slug != "" && !seen[slug]: // "": nameless, reported in the list
			seen[slug] = true
			ss.Speakers = append(ss.Speakers, slug)
		}
	}
	slug := fold.Slug(code)
	if slug == "" {
		slug = "talk"
	}
	if prev, taken := slugs[slug]; taken {
		base := slug
		slug = free(slugs, base)
		p := &b.s.Sessions[prev]
		b.d.Warn(t.pos, who+" repeats the code of "+quote(p.Title)+" at "+p.Pos.String()+"; its slug becomes "+quote(slug),
			"pretalx gives every talk its own code; download the file again")
	}
	ss.Slug = slug
	slugs[slug] = len(b.s.Sessions)
	b.s.Sessions = append(b.s.Sessions, ss)
}

// room resolves a talk's room id.
func (b *builder) room(r []byte, rooms map[string]string, who string, pos diag.Pos) string {
	id := input.RawText(r)
	if id == "" {
		return ""
	}
	if name, ok := rooms[id]; ok {
		return name
	}
	b.d.Warn(pos, who+" is in room "+id+", which the rooms list does not have; it is shown without a room",
		"download the file from pretalx again")
	return ""
}

// breakSlot adds a break, or adds its room to the same break in another room.
func (b *builder) breakSlot(t *item[talkJSON], rooms map[string]string, slugs, breaks map[string]int) {
	x := &t.v
	title := clean(x.Title.pick(b.lang))
	who := "break " + quote(title)
	if title == "" {
		title, who = "Break", "a break"
	}
	if id := input.RawText(x.ID); id != "" {
		who += " (id " + id + ")"
	}
	room := b.room(x.Room, rooms, who, t.pos)
	start, end := b.times(x, who, t.pos)
	key := title + "\x00" + start.String() + "\x00" + end.String()
	if i, ok := breaks[key]; ok && !start.IsZero() {
		if ss := &b.s.Sessions[i]; ss.Room != room {
			ss.Room = "" // in more than one room: in none
		}
		return
	}
	var base string
	if start.IsZero() {
		base = fold.Slug(title + " " + input.RawText(x.ID))
	} else {
		base = fold.Slug(title + " " + start.In(b.loc).Format("2006-01-02 1504"))
	}
	if base == "" {
		base = "break"
	}
	slug := base
	if _, taken := slugs[slug]; taken {
		slug = free(slugs, base)
	}
	breaks[key] = len(b.s.Sessions)
	slugs[slug] = len(b.s.Sessions)
	b.s.Sessions = append(b.s.Sessions, model.Session{
		Slug: slug, Title: title, Kind: model.Break, Room: room, Start: start, End: end, Pos: t.pos,
	})
}

// free returns base-n for the first n >= 2 not in m.
func free(m map[string]int, base string) string {
	for n := 2; ; n++ {
		s := base + "-" + strconv.Itoa(n)
		if _, ok := m[s]; !ok {
			return s
		}
	}
}

// times reads a slot's start and end: the end is "end", else start plus
// "duration" minutes. A slot without a readable start is left unscheduled.
func (b *builder) times(x *talkJSON, who string, pos diag.Pos) (start, end time.Time) {
	s := rawString(x.Start)
	if s == "" {
		b.d.Warn(pos, who+" has no start; it is left unscheduled", "schedule it in pretalx and release the schedule")
		return time.Time{}, time.Time{}
	}
	start, ok := b.instant(s, pos)
	if !ok {
		b.d.Warn(pos, who+" has an unreadable start "+quote(s)+"; it is left unscheduled", "write it as ISO 8601, e.g. 2025-03-01T10:30:00+01:00")
		return time.Time{}, time.Time{}
	}
	if e := rawString(x.End); e != "" {
		if t, ok := b.instant(e, pos); ok {
			return start, t
		}
		b.d.Warn(pos, who+" has an unreadable end "+quote(e), "write it as ISO 8601, e.g. 2025-03-01T11:00:00+01:00")
	}
	if d := input.RawText(x.Duration); d != "" {
		if m, err := strconv.Atoi(d); err == nil && m >= 0 && m <= 100*24*60 {
			return start, start.Add(time.Duration(m) * time.Minute)
		}
		b.d.Warn(pos, who+" has an unreadable duration "+quote(d), "pretalx gives durations in whole minutes, e.g. 30")
	} else if !present(x.End) {
		b.d.Warn(pos, who+" has no end or duration; it is shown as ending when it starts", "give it a duration in pretalx")
	}
	return start, start
}

// instant reads an ISO 8601 time in UTC, noting the offset it states; one
// without an offset is in the venue's zone.
func (b *builder) instant(s string, pos diag.Pos) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			_, off := t.Zone()
			b.offsets = append(b.offsets, offset{pos: pos, at: t, off: off})
			return t.UTC(), true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, b.loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// checkOffsets warns when the offsets the file's times carry are not the
// venue zone's at those instants: the times stand, but the zone shows them
// at the wrong hour. An offset of zero is UTC notation (pretalx writes
// breaks' starts so), not a claim about the venue.
func (b *builder) checkOffsets() {
	var first *offset
	n := 0
	for i := range b.offsets {
		o := &b.offsets[i]
		if _, want := o.at.In(b.loc).Zone(); o.off == want || o.off == 0 {
			continue
		}
		if n++; first == nil {
			first = o
		}
	}
	if first == nil {
		return
	}
	_, want := first.at.In(b.loc).Zone()
	zone := b.s.Conference.TimeZone
	what := "the time zone " + quote(zone)
	switch b.zoneFrom {
	case "timezone":
		what = "timezone " + quote(zone)
	case "--tz":
		what = "--tz " + quote(zone)
	}
	b.d.Warn(first.pos, fmt.Sprintf("%s contradicts %d of the file's times (first here: %s where %s has %s)",
		what, n, input.Offset(first.off), zone, input.Offset(want)),
		"check the zone; times are placed by their offsets, the zone only says at what hour to show them")
}

// dayChange sets when one conference day gives way to the next: 04:00, the
// hour at which pretalx's own schedule.json export turns its days, so that
// a late-night session stays on the evening it belongs to and both pretalx
// files give the same days; midnight when a session starts before 04:00 on
// the first day (event_start, else the first session's date), which 04:00
// would move to the day before the event.
func (b *builder) dayChange(eventStart string) {
	const turn = 4 * time.Hour
	first := eventStart
	if _, err := time.Parse("2006-01-02", first); err != nil {
		first = ""
		for i := range b.s.Sessions {
			if ss := &b.s.Sessions[i]; ss.Scheduled() {
				if d := ss.Start.In(b.loc).Format("2006-01-02"); first == "" || d < first {
					first = d
				}
			}
		}
	}
	for i := range b.s.Sessions {
		ss := &b.s.Sessions[i]
		if !ss.Scheduled() {
			continue
		}
		local := ss.Start.In(b.loc)
		if local.Format("2006-01-02") <= first && clock(local) < turn {
			b.s.Conference.DayChange = 0
			return
		}
	}
	b.s.Conference.DayChange = turn
}

func clock(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
}

// clean collapses runs of white space in a title or name.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

package frab

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/input"
	"github.com/agendaconf/agenda/widget/text/fold"
)

// The c3voc schedule.json (../shared/corpus/c3voc/schema.json) comes in two
// layouts, both read here:
//
//   - classic (frab, pretalx): schedule.conference.days[].rooms is an object
//     from room name to that room's events, each with date, start and
//     duration;
//   - hub ("schedule 2", the CCC hub): schedule.events is one flat list whose
//     events carry start and end as full dates and room and track as objects,
//     and schedule.persons holds the speakers' bios.
//
// Fields the schema requires and the widget depends on are checked in code
// (see validate), so a broken export fails with a message rather than with a
// half-empty programme.

type jsonFile struct {
	Schedule *jsonSchedule `json:"schedule"`
}

type jsonSchedule struct {
	Version    json.RawMessage `json:"version"`
	BaseURL    string          `json:"base_url"`
	Conference *jsonConference `json:"conference"`
	Rooms      json.RawMessage `json:"rooms"`  // not allowed here by the schema
	Events     []jsonEvent     `json:"events"` // hub layout
	Persons    []jsonPerson    `json:"persons"`
}

type jsonConference struct {
	Acronym  string      `json:"acronym"`
	Title    string      `json:"title"`
	TimeZone string      `json:"time_zone_name"`
	URL      string      `json:"url"`
	Rooms    []jsonRoom  `json:"rooms"`
	Tracks   []jsonTrack `json:"tracks"`
	Days     []jsonDay   `json:"days"`
}

type jsonRoom struct {
	Name string `json:"name"`
	GUID string `json:"guid"`
}

type jsonTrack struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type jsonDay struct {
	Date     string   `json:"date"`
	DayStart string   `json:"day_start"`
	DayEnd   string   `json:"day_end"`
	Start    string   `json:"start"` // hub
	End      string   `json:"end"`   // hub
	Rooms    *roomMap `json:"rooms"`
}

type jsonEvent struct {
	ID           json.RawMessage `json:"id"`
	GUID         *string         `json:"guid"`
	Code         string          `json:"code"`
	Date         *string         `json:"date"`
	Start        *string         `json:"start"`
	End          string          `json:"end"`
	Duration     *string         `json:"duration"`
	Room         json.RawMessage `json:"room"`  // a name, or {"name", "guid"} in the hub layout
	Track        json.RawMessage `json:"track"` // a name, null, or {"name", "slug"}
	Slug         string          `json:"slug"`
	URL          string          `json:"url"`
	Title        *string         `json:"title"`
	Type         *string         `json:"type"`
	Language     *string         `json:"language"` // "en", "de", or null
	Abstract     *string         `json:"abstract"`
	Description  *string         `json:"description"`
	Persons      []jsonPerson    `json:"persons"`
	Participants []jsonPerson    `json:"participants"` // hub
}

type jsonPerson struct {
	ID         json.RawMessage `json:"id"`
	GUID       string          `json:"guid"`
	Code       string          `json:"code"`
	Name       string          `json:"name"`
	PublicName string          `json:"public_name"`
	Biography  *string         `json:"biography"`
	URL        string          `json:"url"`
	Links      []jsonLink      `json:"links"`
}

// jsonLink is the schema's Reference: a link with a title and a type.
type jsonLink struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Type  string `json:"type"`
}

// roomMap is days[].rooms: room names in file order, each with its events.
// encoding/json's maps would lose the order.
type roomMap struct {
	names  []string
	events [][]jsonEvent
	errs   []error // type errors inside, kept so that decoding goes on
}

func (m *roomMap) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		m.errs = append(m.errs, errors.New("days[].rooms must be an object from room name to a list of events"))
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		var evs []jsonEvent
		if err := dec.Decode(&evs); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return err
			}
			m.errs = append(m.errs, err)
		}
		m.names = append(m.names, name)
		m.events = append(m.events, evs)
	}
	return nil
}

// readJSON reads a c3voc schedule.json.
func (b *builder) readJSON(data []byte) {
	var f jsonFile
	if err := json.Unmarshal(data, &f); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			b.d.Error(b.at(data, se.Offset), "broken JSON: "+se.Error(),
				"the file looks truncated or damaged; export it again (jq . shows JSON errors)")
			return
		case errors.As(err, &te):
			b.d.Error(b.at(data, te.Offset), input.TypeError(te, "the top level"), "fix the value's type; see the c3voc schema.json")
		default:
			b.d.Error(b.file(), "cannot read the JSON: "+err.Error(), "export the schedule again")
			return
		}
	}
	sc := f.Schedule
	if sc == nil {
		b.d.Error(b.file(), "not a c3voc schedule.json: there is no \"schedule\" object at the top",
			"give a schedule.json exported by frab, pretalx or the hub, shaped {\"schedule\": {\"version\": ..., \"conference\": {...}}}")
		return
	}
	conf := sc.Conference
	if conf == nil && len(sc.Events) == 0 {
		b.d.Error(b.file(), "schedule.json has no schedule.conference, so there is nothing to read",
			"export the whole schedule; the conference object holds its title, days and events")
		return
	}
	b.usable = true
	if conf == nil {
		conf = &jsonConference{}
	}
	lines := indexLines(data)
	hub := sc.Events != nil

	// Structural checks of what the schema requires.
	switch v := bytes.TrimSpace(sc.Version); {
	case len(v) == 0 || string(v) == "null":
		b.d.Error(b.file(), "schedule.version is missing", "add the export's version string, e.g. \"version\": \"1.0\"")
	case v[0] != '"':
		b.d.Error(b.file(), "schedule.version must be a string, not "+string(v), "put the version in quotes")
	}
	if r := bytes.TrimSpace(sc.Rooms); len(r) > 0 {
		b.d.Error(b.file(), "schedule.rooms is not allowed by the c3voc schema: the room list belongs in schedule.conference.rooms",
			"move the \"rooms\" list into \"conference\"")
		var rooms []jsonRoom
		if json.Unmarshal(r, &rooms) == nil && len(conf.Rooms) == 0 {
			conf.Rooms = rooms
		}
	}
	if strings.TrimSpace(conf.Title) == "" {
		b.d.Error(b.file(), "schedule.conference.title is missing", "add the conference's name as \"title\"")
	}
	if strings.TrimSpace(conf.Acronym) == "" {
		b.d.Error(b.file(), "schedule.conference.acronym is missing", "add a short identifier such as \"democon\" as \"acronym\"")
	}
	if !hub && conf.Days == nil {
		b.d.Error(b.file(), "schedule.conference.days is missing, so there are no events",
			"export the whole programme; each day lists its rooms and their events")
	}

	b.s.Conference.ID = fold.Slug(firstNonEmpty(conf.Acronym, conf.Title))
	b.s.Conference.Name = clean(firstNonEmpty(conf.Title, conf.Acronym))
	b.s.Conference.BaseURL = firstNonEmpty(sc.BaseURL, conf.URL)
	b.s.Conference.Pos = b.file()
	b.zone, b.zonePos = conf.TimeZone, b.file()

	for _, r := range conf.Rooms {
		b.addRoom(r.Name)
	}
	bios := map[string]jsonPerson{} // hub: speakers' details by guid
	for _, p := range sc.Persons {
		if p.GUID != "" {
			bios[p.GUID] = p
		}
	}
	add := func(x *jsonEvent, room string, d *day, where string) {
		ev := b.jsonEvent(x, room, d, conf, bios)
		ev.pos = lines.pos(b.name, x)
		b.validate(x, &ev, hub, where)
		b.events = append(b.events, ev)
	}
	for i := range conf.Days {
		jd := &conf.Days[i]
		where := "schedule.conference.days[" + strconv.Itoa(i) + "]"
		d := &day{date: strings.TrimSpace(jd.Date), start: firstNonEmpty(jd.DayStart, jd.Start), end: firstNonEmpty(jd.DayEnd, jd.End), pos: b.file()}
		b.days = append(b.days, d)
		if !hub {
			if d.date == "" {
				b.d.Error(b.file(), where+".date is missing", "give every day its date as YYYY-MM-DD")
			}
			if jd.Rooms == nil {
				b.d.Error(b.file(), where+" ("+d.date+") has no rooms", "every day needs \"rooms\": {room name: [events]}")
			}
		}
		if jd.Rooms == nil {
			continue
		}
		for _, err := range jd.Rooms.errs {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				b.d.Error(b.file(), where+".rooms: "+input.TypeError(te, "the top level"), "fix the value's type; see the c3voc schema.json")
			} else {
				b.d.Error(b.file(), where+".rooms: "+err.Error(), "see the c3voc schema.json")
			}
		}
		for j, room := range jd.Rooms.names {
			b.addRoom(room)
			for k := range jd.Rooms.events[j] {
				add(&jd.Rooms.events[j][k], room, d, where+".rooms["+quote(room)+"]["+strconv.Itoa(k)+"]")
			}
		}
	}
	for i := range sc.Events {
		add(&sc.Events[i], "", nil, "schedule.events["+strconv.Itoa(i)+"]")
	}
}

// jsonEvent converts a decoded event, resolving the hub layout's room, track
// and person references.
func (b *builder) jsonEvent(x *jsonEvent, room string, d *day, conf *jsonConference, bios map[string]jsonPerson) event {
	ev := event{
		id:       input.RawText(x.ID),
		guid:     str(x.GUID),
		slug:     x.Slug,
		title:    str(x.Title),
		typ:      str(x.Type),
		url:      x.URL,
		language: str(x.Language),
		date:     str(x.Date), start: str(x.Start), end: x.End, duration: str(x.Duration),
		day:      d,
		abstract: str(x.Abstract), description: str(x.Description),
	}
	// Room: a name, or an object naming it or pointing at conference.rooms.
	ev.room = room
	if r := bytes.TrimSpace(x.Room); len(r) > 0 && r[0] == '{' {
		var o jsonRoom
		_ = json.Unmarshal(r, &o)
		ev.room = o.Name
		for _, cr := range conf.Rooms {
			if ev.room == "" && o.GUID != "" && cr.GUID == o.GUID {
				ev.room = cr.Name
			}
		}
	} else if s := input.RawText(r); s != "" {
		ev.room = s
	}
	// Track: a name, or an object with a name or a slug from conference.tracks.
	if t := bytes.TrimSpace(x.Track); len(t) > 0 && t[0] == '{' {
		var o jsonTrack
		_ = json.Unmarshal(t, &o)
		ev.track = o.Name
		for _, ct := range conf.Tracks {
			if ev.track == "" && o.Slug != "" && ct.Slug == o.Slug {
				ev.track = ct.Name
			}
		}
		if ev.track == "" {
			ev.track = o.Slug
		}
	} else {
		ev.track = input.RawText(t)
	}
	for _, list := range [][]jsonPerson{x.Persons, x.Participants} {
		for _, p := range list {
			full, ok := bios[p.GUID]
			if !ok {
				full = p
			}
			pp := person{
				id:   input.RawText(p.ID),
				guid: strings.TrimSpace(p.GUID),
				code: strings.TrimSpace(p.Code),
				name: firstNonEmpty(p.Name, p.PublicName, full.Name, full.PublicName),
				bio:  firstNonEmpty(str(p.Biography), str(full.Biography)),
				url:  firstNonEmpty(p.URL, full.URL),
			}
			links := p.Links
			if len(links) == 0 {
				links = full.Links
			}
			for _, l := range links {
				if ln, ok := link(firstNonEmpty(l.Title, l.Type), l.URL); ok {
					pp.links = append(pp.links, ln)
				}
			}
			ev.persons = append(ev.persons, pp)
		}
	}
	return ev
}

// validate reports what an event lacks or has in the wrong shape, as the
// c3voc schema defines it. where is the event's path in the file.
func (b *builder) validate(x *jsonEvent, ev *event, hub bool, where string) {
	var missing []string
	need := func(name string, ok bool) {
		if !ok {
			missing = append(missing, name)
		}
	}
	present := func(r json.RawMessage) bool {
		r = bytes.TrimSpace(r)
		return len(r) > 0 && string(r) != "null"
	}
	need("guid", x.GUID != nil)
	if hub {
		need("start", x.Start != nil)
		need("end or duration", x.End != "" || x.Duration != nil)
	} else {
		need("id", present(x.ID))
		need("date", x.Date != nil)
		need("start", x.Start != nil)
		need("duration", x.Duration != nil)
		need("room", present(x.Room))
		need("type", x.Type != nil)
	}
	need("title", x.Title != nil)
	name := b.evName(ev) + " (" + where + ")"
	if len(missing) > 0 {
		b.d.Error(ev.pos, "event "+name+" lacks "+strings.Join(missing, ", "),
			"schedule.json events need guid, id, date, start, duration, room, title and type; export the schedule again")
	}
	if present(x.ID) && !isInteger(x.ID) {
		b.d.Error(ev.pos, "event "+name+" has id "+string(bytes.TrimSpace(x.ID))+"; the c3voc schema wants a positive integer",
			"write the id as a bare number, e.g. \"id\": 2814, or leave it out and rely on guid")
	}
	for _, list := range [][]jsonPerson{x.Persons, x.Participants} {
		for _, p := range list {
			who := firstNonEmpty(p.Name, p.PublicName)
			if who == "" && p.GUID == "" {
				b.d.Error(ev.pos, "a person of event "+name+" has no name or public_name", "give every person a name")
			}
			if present(p.ID) && !isPersonID(p.ID) {
				b.d.Error(ev.pos, "person "+quote(who)+" of event "+name+" has id "+string(bytes.TrimSpace(p.ID))+"; the c3voc schema wants an integer",
					"write the person id as a bare number (frab), or leave it out and give \"code\" and \"name\" (pretalx)")
			}
		}
	}
}

// isInteger reports whether r is a JSON number without fraction or exponent,
// at least 1.
func isInteger(r json.RawMessage) bool {
	r = bytes.TrimSpace(r)
	if len(r) == 0 || r[0] == '0' && len(r) == 1 {
		return false
	}
	for _, c := range r {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isPersonID reports whether r is a JSON integer. Unlike events' ids, a
// person's may be 0: some exports give 0 to everyone without an account.
func isPersonID(r json.RawMessage) bool {
	r = bytes.TrimPrefix(bytes.TrimSpace(r), []byte("-"))
	return isInteger(r) || string(r) == "0"
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// at turns a byte offset into a position.
func (b *builder) at(data []byte, off int64) diag.Pos {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return diag.Pos{File: b.name, Line: line, Col: col}
}

// jsonLines knows the line of every "guid" and "slug" value in the file, found
// in one pass over the raw bytes, so that events get a line number although
// encoding/json keeps none.
type jsonLines struct {
	guid, slug map[string]int
}

func indexLines(data []byte) jsonLines {
	l := jsonLines{guid: map[string]int{}, slug: map[string]int{}}
	line, last := 1, 0
	for off := 0; off < len(data); {
		i := bytes.IndexByte(data[off:], '"')
		if i < 0 {
			break
		}
		i += off
		var m map[string]int
		switch {
		case bytes.HasPrefix(data[i:], []byte(`"guid"`)):
			m = l.guid
		case bytes.HasPrefix(data[i:], []byte(`"slug"`)):
			m = l.slug
		}
		j := i + 1 // past the string that starts at i
		for j < len(data) && data[j] != '"' {
			if data[j] == '\\' {
				j++
			}
			j++
		}
		off = j + 1
		if m == nil {
			continue
		}
		// "key" <ws> : <ws> "value"
		k := off
		for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n') {
			k++
		}
		if k >= len(data) || data[k] != ':' {
			continue
		}
		k++
		for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n') {
			k++
		}
		if k >= len(data) || data[k] != '"' {
			continue
		}
		end := bytes.IndexByte(data[k+1:], '"')
		if end < 0 {
			break
		}
		v := data[k+1 : k+1+end]
		if bytes.IndexByte(v, '\\') >= 0 {
			continue
		}
		line += bytes.Count(data[last:i], []byte("\n"))
		last = i
		if _, ok := m[string(v)]; !ok {
			m[string(v)] = line
		}
		off = k + 2 + end
	}
	return l
}

// pos returns the line of an event's guid, else of its slug, else the file.
func (l jsonLines) pos(name string, x *jsonEvent) diag.Pos {
	p := diag.Pos{File: name}
	if x.GUID != nil {
		p.Line = l.guid[*x.GUID]
	}
	if p.Line == 0 && x.Slug != "" {
		p.Line = l.slug[x.Slug]
	}
	return p
}

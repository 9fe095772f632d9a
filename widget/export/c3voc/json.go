package c3voc

import (
	"bytes"
	"encoding/json"
	"regexp"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

// SchemaURL is the JSON Schema the output declares and follows.
const SchemaURL = "https://c3voc.de/schedule/schema.json"

type jsonFile struct {
	Schema    string       `json:"$schema"`
	Generator jsonGen      `json:"generator"`
	Schedule  jsonSchedule `json:"schedule"`
}

type jsonGen struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonSchedule struct {
	Version    string         `json:"version"`
	BaseURL    string         `json:"base_url,omitempty"`
	Conference jsonConference `json:"conference"`
}

type jsonConference struct {
	Acronym          string      `json:"acronym"`
	Title            string      `json:"title"`
	Start            string      `json:"start"`
	End              string      `json:"end"`
	DaysCount        int         `json:"daysCount"`
	TimeslotDuration string      `json:"timeslot_duration"`
	TimeZoneName     string      `json:"time_zone_name,omitempty"`
	URL              string      `json:"url,omitempty"`
	Tracks           []jsonTrack `json:"tracks"`
	Rooms            []jsonRoom  `json:"rooms"`
	Days             []jsonDay   `json:"days"`
}

type jsonTrack struct {
	Name string `json:"name"`
}

type jsonRoom struct {
	Name string `json:"name"`
	GUID string `json:"guid"`
}

type jsonDay struct {
	Index    int       `json:"index"`
	Date     string    `json:"date"`
	DayStart string    `json:"day_start"`
	DayEnd   string    `json:"day_end"`
	Rooms    roomsJSON `json:"rooms"`
}

// roomsJSON is an object from room name to events that keeps the rooms' order.
type roomsJSON struct {
	names  []string
	events [][]jsonEvent
}

func (r roomsJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range r.names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(r.events[i])
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type jsonEvent struct {
	GUID        string       `json:"guid"`
	ID          int          `json:"id"`
	Date        string       `json:"date"`
	Start       string       `json:"start"`
	End         string       `json:"end,omitempty"`
	Duration    string       `json:"duration"`
	Room        string       `json:"room"`
	Slug        string       `json:"slug"`
	URL         string       `json:"url"`
	Title       string       `json:"title"`
	Subtitle    string       `json:"subtitle"`
	Track       *string      `json:"track"`
	Type        string       `json:"type"`
	Language    *string      `json:"language"` // null when unknown: the schema requires the key
	Abstract    string       `json:"abstract"`
	Description string       `json:"description"`
	Persons     []jsonPerson `json:"persons"`
	Links       []jsonLink   `json:"links"`
}

// jsonPerson is a pretalx-style person (name, no numeric id), with
// public_name too for older readers.
type jsonPerson struct {
	Name       string `json:"name"`
	PublicName string `json:"public_name"`
	GUID       string `json:"guid"`
	Biography  string `json:"biography,omitempty"`
	URL        string `json:"url,omitempty"`
}

type jsonLink struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	Type  string `json:"type,omitempty"`
}

// tzPattern is the schema's pattern for time_zone_name.
var tzPattern = regexp.MustCompile(`^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$`)

// JSON returns s as a c3voc schedule.json. Unscheduled sessions are left out.
func JSON(s *model.Schedule) ([]byte, error) {
	d, err := build(s)
	if err != nil {
		return nil, err
	}
	c := s.Conference
	f := jsonFile{
		Schema:    SchemaURL,
		Generator: jsonGen{Name: "agenda", URL: "https://github.com/agendaconf/agenda"},
		Schedule: jsonSchedule{
			Version: d.version,
			Conference: jsonConference{
				Acronym:          d.acronym,
				Title:            c.Name,
				Start:            d.start,
				End:              d.end,
				DaysCount:        len(d.days),
				TimeslotDuration: d.timeslot,
				Tracks:           []jsonTrack{},
				Rooms:            []jsonRoom{},
				Days:             []jsonDay{},
			},
		},
	}
	if f.Schedule.Conference.Title == "" {
		f.Schedule.Conference.Title = d.acronym
	}
	if isHTTP(c.BaseURL) {
		f.Schedule.BaseURL = c.BaseURL
		f.Schedule.Conference.URL = c.BaseURL
	}
	if tz := d.loc.String(); tzPattern.MatchString(tz) {
		f.Schedule.Conference.TimeZoneName = tz
	}
	for _, t := range d.tracks {
		f.Schedule.Conference.Tracks = append(f.Schedule.Conference.Tracks, jsonTrack{Name: t})
	}
	for _, r := range d.rooms {
		if r == "" {
			continue // sessions for everyone, in no particular room
		}
		f.Schedule.Conference.Rooms = append(f.Schedule.Conference.Rooms, jsonRoom{Name: r, GUID: roomGUID(c.ID, r)})
	}
	for _, dy := range d.days {
		jd := jsonDay{Index: dy.index, Date: dy.date, DayStart: dy.start.Format(time.RFC3339), DayEnd: dy.end.Format(time.RFC3339)}
		for _, r := range dy.rooms {
			evs := make([]jsonEvent, 0, len(r.events))
			for _, e := range r.events {
				evs = append(evs, d.jsonEvent(e))
			}
			jd.Rooms.names = append(jd.Rooms.names, r.name)
			jd.Rooms.events = append(jd.Rooms.events, evs)
		}
		f.Schedule.Conference.Days = append(f.Schedule.Conference.Days, jd)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (d *doc) jsonEvent(e *event) jsonEvent {
	ss := e.ss
	start := ss.Start.In(d.loc)
	je := jsonEvent{
		GUID:     e.guid,
		ID:       e.id,
		Date:     start.Format(time.RFC3339),
		Start:    start.Format("15:04"),
		Duration: d.duration(e),
		Room:     e.room,
		Slug:     e.slugJSON,
		URL:      e.url,
		Title:    ss.Title,
		Type:     ss.Kind.String(),
		Abstract: plain(ss.Description),
		Persons:  []jsonPerson{},
		Links:    []jsonLink{},
	}
	if !ss.End.Before(ss.Start) {
		je.End = ss.End.In(d.loc).Format(time.RFC3339)
	}
	if ss.Track != "" {
		t := ss.Track
		je.Track = &t
	}
	if ss.Language != "" {
		l := ss.Language
		je.Language = &l
	}
	for _, slug := range ss.Speakers {
		p := jsonPerson{Name: d.speakerName(slug), GUID: personGUID(d.s.Conference.ID, slug)}
		p.PublicName = p.Name
		if sp := d.speakerOf[slug]; sp != nil {
			p.Biography = plain(sp.Bio)
			if isHTTP(sp.URL) {
				p.URL = sp.URL
			}
		}
		je.Persons = append(je.Persons, p)
	}
	return je
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

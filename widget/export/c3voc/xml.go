package c3voc

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

type xmlSchedule struct {
	XMLName    xml.Name      `xml:"schedule"`
	Generator  xmlGenerator  `xml:"generator"`
	Version    string        `xml:"version"`
	Conference xmlConference `xml:"conference"`
	Days       []xmlDay      `xml:"day"`
}

type xmlGenerator struct {
	Name string `xml:"name,attr"`
}

type xmlConference struct {
	Acronym          string     `xml:"acronym"`
	Title            string     `xml:"title"`
	Start            string     `xml:"start"`
	End              string     `xml:"end"`
	Days             int        `xml:"days"`
	TimeslotDuration string     `xml:"timeslot_duration"`
	BaseURL          string     `xml:"base_url,omitempty"`
	TimeZoneName     string     `xml:"time_zone_name,omitempty"`
	Tracks           []xmlTrack `xml:"track"`
}

type xmlTrack struct {
	Name string `xml:"name,attr"`
	Text string `xml:",chardata"`
}

type xmlDay struct {
	Index int       `xml:"index,attr"`
	Date  string    `xml:"date,attr"`
	Start string    `xml:"start,attr"`
	End   string    `xml:"end,attr"`
	Rooms []xmlRoom `xml:"room"`
}

type xmlRoom struct {
	Name   string     `xml:"name,attr"`
	GUID   string     `xml:"guid,attr"`
	Events []xmlEvent `xml:"event"`
}

type xmlEvent struct {
	GUID        string      `xml:"guid,attr"`
	ID          int         `xml:"id,attr"`
	Date        string      `xml:"date"`
	Start       string      `xml:"start"`
	Duration    string      `xml:"duration"`
	Room        string      `xml:"room"`
	Slug        string      `xml:"slug"`
	URL         string      `xml:"url,omitempty"`
	Title       string      `xml:"title"`
	Subtitle    string      `xml:"subtitle"`
	Track       string      `xml:"track"`
	Type        string      `xml:"type"`
	Abstract    string      `xml:"abstract"`
	Description string      `xml:"description"`
	Persons     []xmlPerson `xml:"persons>person"`
	Language    string      `xml:"language,omitempty"` // optional in the XSD
	Links       xmlLinks    `xml:"links"`
}

type xmlPerson struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:",chardata"`
}

type xmlLinks struct {
	Links []xmlLink `xml:"link"`
}

type xmlLink struct {
	Href  string `xml:"href,attr"`
	Title string `xml:",chardata"`
}

// XML returns s as a frab/pentabarf schedule.xml that validates against the
// c3voc XSD. Unscheduled sessions are left out; abstracts are the sanitised
// HTML of the descriptions.
func XML(s *model.Schedule) ([]byte, error) {
	d, err := build(s)
	if err != nil {
		return nil, err
	}
	c := s.Conference
	x := xmlSchedule{
		Generator: xmlGenerator{Name: "agenda"},
		Version:   d.version,
		Conference: xmlConference{
			Acronym:          d.acronym,
			Title:            c.Name,
			Start:            d.start,
			End:              d.end,
			Days:             len(d.days),
			TimeslotDuration: d.timeslot,
		},
	}
	if x.Conference.Title == "" {
		x.Conference.Title = d.acronym
	}
	if isHTTP(c.BaseURL) {
		x.Conference.BaseURL = c.BaseURL
	}
	if d.loc != time.UTC || c.TimeZone != "" {
		x.Conference.TimeZoneName = d.loc.String()
	}
	for _, t := range d.tracks {
		x.Conference.Tracks = append(x.Conference.Tracks, xmlTrack{Name: t, Text: t})
	}
	for _, dy := range d.days {
		xd := xmlDay{Index: dy.index, Date: dy.date, Start: dy.start.Format(time.RFC3339), End: dy.end.Format(time.RFC3339)}
		for _, r := range dy.rooms {
			xr := xmlRoom{Name: r.name, GUID: roomGUID(c.ID, r.name)}
			for _, e := range r.events {
				xr.Events = append(xr.Events, d.xmlEvent(e))
			}
			xd.Rooms = append(xd.Rooms, xr)
		}
		x.Days = append(x.Days, xd)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func (d *doc) xmlEvent(e *event) xmlEvent {
	ss := e.ss
	start := ss.Start.In(d.loc)
	xe := xmlEvent{
		GUID:        e.guid,
		ID:          e.id,
		Date:        start.Format(time.RFC3339),
		Start:       start.Format("15:04"),
		Duration:    d.duration(e),
		Room:        e.room,
		Slug:        e.slugXML,
		Title:       ss.Title,
		Track:       ss.Track,
		Type:        ss.Kind.String(),
		Abstract:    ss.Description,
		Description: "",
		Language:    ss.Language,
	}
	if isHTTP(e.url) {
		xe.URL = e.url
	}
	for _, slug := range ss.Speakers {
		xe.Persons = append(xe.Persons, xmlPerson{GUID: personGUID(d.s.Conference.ID, slug), Name: d.speakerName(slug)})
	}
	return xe
}

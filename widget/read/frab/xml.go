package frab

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/text/fold"
)

// The parts of schedule.xml that the reader uses (see
// ../shared/corpus/c3voc/xsd/schedule.xml.xsd for the whole format):
//
//	<schedule>
//	  <conference><acronym/><title/><time_zone_name/><base_url/><day_change/></conference>
//	  <day date="2025-02-01" start="2025-02-01T09:00:00+01:00" end="2025-02-02T08:59:00+01:00">
//	    <room name="K.3.201">
//	      <event guid="..." id="6210">
//	        <date/><start/><duration/><room/><slug/><url/><title/><track/><type/>
//	        <language/><abstract/><description/><persons><person id="4744">Name</person></persons>
//	      </event>
//	...
//	  <persons>  (FOSDEM; not in the XSD)
//	    <person id="4744"><name/><biography/><extended_biography/><url/><links><link href="">Label</link></links></person>
//	  </persons>

type xmlConference struct {
	Acronym   string `xml:"acronym"`
	Title     string `xml:"title"`
	TimeZone  string `xml:"time_zone_name"`
	BaseURL   string `xml:"base_url"`
	DayChange string `xml:"day_change"`
}

type xmlEvent struct {
	GUID        string      `xml:"guid,attr"`
	ID          string      `xml:"id,attr"`
	Date        string      `xml:"date"`
	Start       string      `xml:"start"`
	End         string      `xml:"end"`
	Duration    string      `xml:"duration"`
	Room        string      `xml:"room"`
	Slug        string      `xml:"slug"`
	URL         string      `xml:"url"`
	Title       string      `xml:"title"`
	Track       string      `xml:"track"`
	Type        string      `xml:"type"`
	Language    string      `xml:"language"`
	Abstract    string      `xml:"abstract"`
	Description string      `xml:"description"`
	Persons     []xmlPerson `xml:"persons>person"`
}

type xmlPerson struct {
	ID   string `xml:"id,attr"`
	GUID string `xml:"guid,attr"`
	Name string `xml:",chardata"`
}

// xmlDirPerson is an entry of the top-level persons list.
type xmlDirPerson struct {
	ID         string `xml:"id,attr"`
	GUID       string `xml:"guid,attr"`
	Name       string `xml:"name"`
	PublicName string `xml:"public_name"`
	Biography  string `xml:"biography"`
	Extended   string `xml:"extended_biography"`
	URL        string `xml:"url"`
	Links      []struct {
		Href  string `xml:"href,attr"`
		Label string `xml:",chardata"`
	} `xml:"links>link"`
}

// readXML reads a pentabarf/frab schedule.xml. It streams the tokens so that
// it knows which <day> and <room> each <event> is in and on which line the
// event starts; each <event> and the <conference> are then decoded whole.
// On a syntax error it keeps the events read so far.
func (b *builder) readXML(data []byte) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Entity = xml.HTMLEntity // &nbsp; and friends turn up in real exports
	dec.CharsetReader = charsetReader
	var (
		stack    []string // names of the open elements
		curDay   *day
		curRoom  string
		sawRoot  bool
		sawConfr bool
	)
loop:
	for {
		// Where the next token starts: for an element, its '<'.
		line, col := dec.InputPos()
		at := diag.Pos{File: b.name, Line: line, Col: col}
		tok, err := dec.Token()
		if err == io.EOF {
			if sawRoot && len(stack) > 0 {
				b.xmlError(dec, errors.New("unexpected end of file in <"+stack[len(stack)-1]+">"))
			}
			break
		}
		if err != nil {
			b.xmlError(dec, err)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if !sawRoot {
				sawRoot = true
				if name != "schedule" {
					b.d.Error(at, "not a frab/pentabarf schedule.xml: the root element is <"+name+">, not <schedule>",
						"export the schedule as schedule.xml from frab, pretalx or pentabarf")
					return
				}
				stack = append(stack, name)
				continue
			}
			if len(stack) == 0 {
				// encoding/xml lets a second root element through; the old
				// code indexed an empty stack here.
				b.d.Error(at, "broken XML: <"+name+"> after the end of <schedule>; it is ignored",
					"the file looks damaged or two files were joined; export it again (xmllint --noout shows XML errors)")
				break loop
			}
			parent := stack[len(stack)-1]
			switch {
			case name == "conference" && parent == "schedule":
				var c xmlConference
				pos := at
				if err := dec.DecodeElement(&c, &t); err != nil {
					b.xmlError(dec, err)
					break loop
				}
				sawConfr = true
				b.s.Conference.ID = fold.Slug(c.Acronym)
				b.s.Conference.Name = clean(c.Title)
				b.s.Conference.BaseURL = strings.TrimSpace(c.BaseURL)
				b.s.Conference.Pos = pos
				b.zone, b.zonePos = c.TimeZone, pos
				b.dayChange, b.dayChangePos = c.DayChange, pos
				if b.s.Conference.ID == "" {
					b.s.Conference.ID = fold.Slug(c.Title)
				}
				continue
			case name == "day" && parent == "schedule":
				curDay = &day{date: attr(t, "date"), start: attr(t, "start"), end: attr(t, "end"), pos: at}
				b.days = append(b.days, curDay)
			case name == "person" && parent == "persons" && len(stack) == 2:
				// <schedule><persons><person>: the persons list, not an event's.
				var x xmlDirPerson
				if err := dec.DecodeElement(&x, &t); err != nil {
					b.xmlError(dec, err)
					break loop
				}
				p := person{
					id: strings.TrimSpace(x.ID), guid: strings.TrimSpace(x.GUID),
					name: clean(firstNonEmpty(x.Name, x.PublicName)),
					// extended_biography only stands in for a missing biography:
					// a speaker card wants the short one.
					bio: firstNonEmpty(x.Biography, x.Extended),
					url: strings.TrimSpace(x.URL), pos: at,
				}
				for _, l := range x.Links {
					if ln, ok := link(l.Label, l.Href); ok {
						p.links = append(p.links, ln)
					}
				}
				b.directory = append(b.directory, p)
				continue
			case name == "room" && parent == "day":
				curRoom = attr(t, "name")
				b.addRoom(curRoom)
			case name == "event":
				pos := at
				var x xmlEvent
				if err := dec.DecodeElement(&x, &t); err != nil {
					b.xmlError(dec, err)
					break loop
				}
				ev := event{
					pos:  pos,
					id:   strings.TrimSpace(x.ID),
					guid: strings.TrimSpace(x.GUID),
					slug: x.Slug, title: x.Title, typ: x.Type, track: x.Track, language: x.Language, url: x.URL,
					date: x.Date, start: x.Start, end: x.End, duration: x.Duration,
					room:     firstNonEmpty(x.Room, curRoom),
					day:      curDay,
					abstract: x.Abstract, description: x.Description,
				}
				for _, p := range x.Persons {
					ev.persons = append(ev.persons, person{id: strings.TrimSpace(p.ID), guid: strings.TrimSpace(p.GUID), name: p.Name})
				}
				b.events = append(b.events, ev)
				continue
			}
			stack = append(stack, name)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch t.Name.Local {
			case "day":
				curDay = nil
			case "room":
				curRoom = ""
			}
		}
	}
	b.usable = sawConfr || len(b.events) > 0
	switch {
	case !sawRoot && !b.d.HasErrors():
		b.d.Error(b.file(), "no XML element found", "give a frab/pentabarf schedule.xml")
	case sawRoot && !b.usable && !b.d.HasErrors():
		b.d.Error(b.file(), "the schedule.xml has neither a <conference> nor any <event>", "export the whole schedule again")
	case b.usable && !sawConfr:
		b.d.Warn(b.file(), "the schedule has no <conference>", "export the whole schedule.xml, including its <conference> element")
	}
}

// pos is the decoder's current line.
func (b *builder) pos(dec *xml.Decoder) diag.Pos {
	line, col := dec.InputPos()
	return diag.Pos{File: b.name, Line: line, Col: col}
}

// xmlError reports a syntax error at its line. What was read before it is kept.
func (b *builder) xmlError(dec *xml.Decoder, err error) {
	pos := b.pos(dec)
	pos.Col = 0
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		pos.Line = se.Line
		msg = se.Msg
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of file"
	}
	b.d.Error(pos, "broken XML: "+msg, "the file looks truncated or damaged; export it again (xmllint --noout shows XML errors)")
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// charsetReader lets the decoder read the encodings besides UTF-8 that old
// pentabarf exports declare.
func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252":
		// Close enough for schedules: windows-1252's 0x80-0x9F punctuation
		// is rare and would only show as control characters.
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(data)+len(data)/8)
		for _, c := range data {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, errors.New("unsupported encoding " + quote(charset) + "; save the file as UTF-8")
}

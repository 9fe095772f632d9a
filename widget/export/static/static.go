// Package static writes a schedule as plain, accessible HTML pages (an index
// and one page per day, with one small stylesheet and no JavaScript) for search
// engines, readers with scripts off, and the widget's fallback content.
//
// Runs in: the compiler.
package static

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

// CSSFile is the name of the stylesheet every page links to.
const CSSFile = "schedule.css"

//go:embed schedule.css
var css []byte

//go:embed page.html
var pageHTML string

var page = template.Must(template.New("page").Parse(pageHTML))

//go:embed fallback.html
var fallbackHTML string

var fallback = template.Must(template.New("fallback").Parse(fallbackHTML))

type fallbackData struct {
	Href, Zone  string
	Days        []dayLink
	ByDay       map[string][]item
	Unscheduled []item
}

// Files returns every file of the static schedule by name: index.html, one
// YYYY-MM-DD.html per day, and schedule.css. Descriptions are the readers'
// sanitised HTML and go in as they are; everything else is escaped.
func Files(s *model.Schedule) (map[string][]byte, error) {
	p, err := prepare(s)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{CSSFile: css}
	render := func(name string, d pageData) error {
		var b bytes.Buffer
		if err := page.Execute(&b, d); err != nil {
			return err
		}
		files[name] = b.Bytes()
		return nil
	}
	if err := render("index.html", pageData{Conference: p.title, Title: p.title, Days: p.days, Zone: p.zone, Index: true, Unscheduled: p.unscheduled}); err != nil {
		return nil, err
	}
	days := p.days
	for i, d := range days {
		pd := pageData{Conference: p.title, Title: d.Label + " – " + p.title, Heading: d.Label, Days: days, Current: d.Date, Zone: p.zone, Sessions: p.byDay[d.Date]}
		if i > 0 {
			pd.Prev = &days[i-1]
		}
		if i+1 < len(days) {
			pd.Next = &days[i+1]
		}
		if err := render(d.File, pd); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Fallback returns the whole programme as one compact HTML fragment (a
// heading per day, one line per session) for a page to put inside
// <agenda-schedule>: readers and crawlers without JavaScript get the
// programme, and everyone sees sessions before the widget arrives. Each
// session is marked data-session="SLUG", as the widget marks its own, and
// links to its entry in the static pages at href (a folder URL ending in /).
// Headings start at level 2, under the page's h1.
func Fallback(s *model.Schedule, href string) ([]byte, error) {
	p, err := prepare(s)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = fallback.Execute(&b, fallbackData{Href: href, Zone: p.zone, Days: p.days, ByDay: p.byDay, Unscheduled: p.unscheduled})
	return b.Bytes(), err
}

// prepared is a schedule laid out for the pages: sorted, in the venue's
// zone, grouped by day.
type prepared struct {
	title, zone string
	days        []dayLink
	byDay       map[string][]item
	unscheduled []item
}

func prepare(s *model.Schedule) (*prepared, error) {
	loc := time.UTC
	if tz := s.Conference.TimeZone; tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			return nil, errors.New("time zone " + strconv.Quote(tz) + ": " + err.Error())
		}
		loc = l
	}
	s = s.Sorted() // programme order, whatever the input's; s itself untouched

	p := &prepared{title: s.Conference.Name, zone: s.Conference.TimeZone, byDay: map[string][]item{}}
	if p.title == "" {
		p.title = s.Conference.ID
	}
	if p.zone == "" {
		p.zone = "UTC"
	}
	for _, d := range s.Days(loc) {
		p.days = append(p.days, dayLink{Date: d.Date, File: d.Date + ".html", Label: d.Start.In(loc).Format("Monday 2 January 2006")})
	}
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		it := item{
			Slug:        ss.Slug,
			Title:       ss.Title,
			Kind:        ss.Kind.String(),
			Room:        ss.Room,
			Location:    ss.Location,
			Track:       ss.Track,
			URL:         ss.URL,
			Description: template.HTML(ss.Description), // sanitised by the readers
		}
		for _, slug := range ss.Speakers {
			sp := speaker{Name: slug}
			if p := s.Speaker(slug); p != nil {
				sp.Name, sp.Role = p.Name, p.Role
			}
			it.Speakers = append(it.Speakers, sp)
		}
		if !ss.Scheduled() {
			p.unscheduled = append(p.unscheduled, it)
			continue
		}
		start := ss.Start.In(loc)
		it.Start, it.StartISO = start.Format("15:04"), start.Format(time.RFC3339)
		if !ss.End.Before(ss.Start) && !ss.End.IsZero() {
			end := ss.End.In(loc)
			it.End, it.EndISO = end.Format("15:04"), end.Format(time.RFC3339)
		}
		date := s.DayOf(ss.Start, loc)
		p.byDay[date] = append(p.byDay[date], it)
	}
	return p, nil
}

// Write writes the files of the static schedule into dir, creating it.
func Write(dir string, s *model.Schedule) error {
	files, err := Files(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

type pageData struct {
	Conference  string
	Title       string
	Heading     string
	Zone        string
	Index       bool
	Days        []dayLink
	Current     string
	Prev, Next  *dayLink
	Sessions    []item
	Unscheduled []item
}

type dayLink struct{ Date, File, Label string }

type item struct {
	Slug, Title, Kind, Room, Location, Track, URL string
	Start, End, StartISO, EndISO                  string
	Speakers                                      []speaker
	Description                                   template.HTML
}

type speaker struct{ Name, Role string }

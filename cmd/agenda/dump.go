package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

func runDump(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("dump", "dump [--json] FILE.bin\n\nLists the sessions of a bundle, in venue time; --json prints the stable\nscripting format with times in RFC 3339 UTC.", stdout)
	asJSON := fs.Bool("json", false, "print JSON: {conference:{id,name,timeZone}, sessions:[{slug,title,kind,room,start,end,speakers}]}")
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	path, ok := onePath("dump", pos, stderr)
	if !ok {
		return 2
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "agenda dump: %s\n", diag.Escape(err.Error()))
		return 1
	}
	b, err := bundle.Open(string(data))
	if err != nil {
		fmt.Fprintf(stderr, "agenda dump: %s: %s\n", diag.Escape(path), diag.Escape(err.Error()))
		return 1
	}
	if *asJSON {
		return dumpJSON(b, stdout, stderr)
	}
	dumpText(b, stdout)
	return 0
}

// dumpSession is one session of the --json form. Field names and order are a
// contract that scripts rely on: change them only with a new format.
type dumpSession struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind"`
	Room     string   `json:"room"`
	Start    string   `json:"start,omitempty"`
	End      string   `json:"end,omitempty"`
	Speakers []string `json:"speakers"`
}

type dumpDoc struct {
	Conference struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		TimeZone string `json:"timeZone"`
	} `json:"conference"`
	Sessions []dumpSession `json:"sessions"`
}

func dumpJSON(b *bundle.Bundle, stdout, stderr io.Writer) int {
	var doc dumpDoc
	c := b.Conference()
	doc.Conference.ID, doc.Conference.Name, doc.Conference.TimeZone = c.ID, c.Name, c.TimeZone
	doc.Sessions = []dumpSession{}
	for i := 0; i < b.NumSessions(); i++ {
		s := b.Session(i)
		ds := dumpSession{Slug: s.Slug(), Title: s.Title(), Kind: s.KindName(), Room: s.RoomName(), Speakers: []string{}}
		if s.Scheduled() {
			ds.Start = time.Unix(s.Start(), 0).UTC().Format(time.RFC3339)
			ds.End = time.Unix(s.End(), 0).UTC().Format(time.RFC3339)
		}
		for j := 0; j < s.NumSpeakers(); j++ {
			ds.Speakers = append(ds.Speakers, b.Speaker(s.Speaker(j)).Name)
		}
		doc.Sessions = append(doc.Sessions, ds)
	}
	// Start (unscheduled last), then room, then slug: RFC 3339 UTC sorts as text.
	sort.SliceStable(doc.Sessions, func(i, j int) bool {
		a, b := doc.Sessions[i], doc.Sessions[j]
		if (a.Start == "") != (b.Start == "") {
			return a.Start != ""
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Room != b.Room {
			return a.Room < b.Room
		}
		return a.Slug < b.Slug
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		fmt.Fprintf(stderr, "agenda dump: %s\n", diag.Escape(err.Error()))
		return 1
	}
	if _, err := stdout.Write(jsonControls(buf.Bytes())); err != nil {
		fmt.Fprintf(stderr, "agenda dump: %s\n", diag.Escape(err.Error()))
		return 1
	}
	return 0
}

// dumpText lists the bundle for a person: a heading per day, venue time.
// Times come from the bundle's zone, so a day when the clocks change shows
// each session at its own offset; on such a day each time names its zone
// (01:30 CEST, 02:30 CET), as the hour repeats. Text from the bundle is
// escaped (diag.Escape): a title must not be able to drive the terminal.
func dumpText(b *bundle.Bundle, w io.Writer) {
	c := b.Conference()
	loc, zone := venueZone(c.TimeZone)
	fmt.Fprintf(w, "%s (%s), times in %s\n", diag.Escape(c.Name), diag.Escape(c.ID), diag.Escape(zone))
	mixed := map[int]bool{} // days whose sessions do not all share one offset
	first := map[int]int{}
	for i := 0; i < b.NumSessions(); i++ {
		s := b.Session(i)
		if !s.Scheduled() {
			continue
		}
		for _, t := range []int64{s.Start(), s.End()} {
			_, off := time.Unix(t, 0).In(loc).Zone()
			if o, ok := first[s.Day()]; !ok {
				first[s.Day()] = off
			} else if o != off {
				mixed[s.Day()] = true
			}
		}
	}
	day := -2
	for i := 0; i < b.NumSessions(); i++ {
		s := b.Session(i)
		if !s.Scheduled() {
			if day != -1 {
				fmt.Fprintf(w, "\nNot yet scheduled\n")
				day = -1
			}
			fmt.Fprintf(w, "  %-11s  %-14s %-8s %s%s\n", "", diag.Escape(s.RoomName()), diag.Escape(s.KindName()), diag.Escape(s.Title()), speakerSuffix(b, s))
			continue
		}
		if s.Day() != day {
			day = s.Day()
			fmt.Fprintf(w, "\n%s\n", diag.Escape(b.Day(day).Date))
		}
		layout := "15:04"
		if mixed[day] {
			layout = "15:04 MST"
		}
		from, to := time.Unix(s.Start(), 0).In(loc).Format(layout), time.Unix(s.End(), 0).In(loc).Format(layout)
		fmt.Fprintf(w, "  %s-%s  %-14s %-8s %s%s\n", from, to, diag.Escape(s.RoomName()), diag.Escape(s.KindName()), diag.Escape(s.Title()), speakerSuffix(b, s))
	}
}

// venueZone loads the bundle's zone, and names it for the heading. A zone
// this machine does not know (a hand-made bundle; time/tzdata is linked in,
// so never a real one) falls back to UTC and says so; "" and "Local" would
// load, as UTC and as this machine's zone, and are no venue's.
func venueZone(name string) (*time.Location, string) {
	if name != "" && name != "Local" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, name
		}
	}
	return time.UTC, "UTC (the bundle's zone " + strconv.Quote(name) + " is unknown)"
}

func speakerSuffix(b *bundle.Bundle, s bundle.Session) string {
	var names []string
	for j := 0; j < s.NumSpeakers(); j++ {
		names = append(names, b.Speaker(s.Speaker(j)).Name)
	}
	if len(names) == 0 {
		return ""
	}
	return " — " + diag.Escape(strings.Join(names, ", "))
}

// jsonControls writes the runes diag.Control names as \uXXXX escapes in
// JSON that encoding/json wrote: it escapes C0 controls and U+2028/9 but
// leaves DEL, C1 and the bidi controls raw. Outside strings JSON is ASCII,
// so they only ever stand in strings, where the escape means the same.
func jsonControls(data []byte) []byte {
	out := data[:0:0]
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r >= 0x7f && diag.Control(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	return out
}

// readBundleFile turns a bundle back into a model, so every export can start
// from a bundle as well as from sources.
func readBundleFile(path string) (*model.Schedule, diag.List) {
	var d diag.List
	data, err := os.ReadFile(path)
	if err != nil {
		d.Error(diag.Pos{File: path}, "cannot read the bundle: "+err.Error(), "check the path")
		return nil, d
	}
	b, err := bundle.Open(string(data))
	if err != nil {
		d.Error(diag.Pos{File: path}, err.Error(), "rebuild it with agenda build")
		return nil, d
	}
	c := b.Conference()
	s := &model.Schedule{Conference: model.Conference{ID: c.ID, Name: c.Name, TimeZone: c.TimeZone, BaseURL: c.BaseURL}}
	for i := 0; i < b.NumRooms(); i++ {
		s.Rooms = append(s.Rooms, b.Room(i))
	}
	for i := 0; i < b.NumSpeakers(); i++ {
		sp := b.Speaker(i)
		m := model.Speaker{Slug: sp.Slug, Name: sp.Name, Role: sp.Role, Bio: sp.Bio, URL: sp.URL, Pos: diag.Pos{File: path}}
		for j := 0; j < sp.Links.Len(); j++ {
			l := sp.Links.At(j)
			m.Links = append(m.Links, model.Link{Label: l.Label, URL: l.URL})
		}
		s.Speakers = append(s.Speakers, m)
	}
	for i := 0; i < b.NumSessions(); i++ {
		bs := b.Session(i)
		kind, _ := model.ParseKind(bs.KindName())
		ss := model.Session{Slug: bs.Slug(), Title: bs.Title(), Kind: kind, Room: bs.RoomName(), Track: bs.TrackName(),
			Language: bs.LanguageName(), Description: bs.Description(), URL: bs.URL(), Location: bs.Location(), Pos: diag.Pos{File: path}}
		if bs.Scheduled() {
			ss.Start, ss.End = time.Unix(bs.Start(), 0).UTC(), time.Unix(bs.End(), 0).UTC()
			// A bundle can be written by hand: a year no calendar line or
			// page can hold must not reach the exports.
			if y, z := ss.Start.Year(), ss.End.Year(); !yearOK(y) || !yearOK(z) {
				d.Error(diag.Pos{File: path}, fmt.Sprintf("session %q runs from year %d to %d, outside %d-%d", bs.Slug(), y, z, minYear, maxYear),
					"the bundle is damaged or was not written by agenda build; rebuild it")
			}
		}
		for j := 0; j < bs.NumSpeakers(); j++ {
			ss.Speakers = append(ss.Speakers, b.Speaker(bs.Speaker(j)).Slug)
		}
		for j := 0; j < bs.NumTags(); j++ {
			ss.Tags = append(ss.Tags, bs.Tag(j))
		}
		s.Sessions = append(s.Sessions, ss)
	}
	return s, d
}

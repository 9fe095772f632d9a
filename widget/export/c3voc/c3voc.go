// Package c3voc writes a schedule as the frab/c3voc interchange formats,
// schedule.json and schedule.xml, which Giggity, ConfClerk, EventFahrplan and
// the FOSDEM companion apps read.
//
// Event GUIDs are UUIDv5 over the conference id and the session slug, so they
// stay the same across rebuilds; numeric ids (which the XML requires) are
// derived from them. Days run from midnight to midnight in the venue's zone.
// The JSON carries descriptions as plain text, as frab and pretalx do; the XML
// carries the sanitised HTML, as pentabarf and FOSDEM do.
//
// Runs in: the compiler.
package c3voc

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/text/htmltext"
)

// namespaceURL is the RFC 9562 namespace for URLs.
var namespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// Namespace is the UUIDv5 namespace of every GUID this package makes: the
// UUIDv5 of the project's URL in the URL namespace. It must never change.
var Namespace = uuid5(namespaceURL, "https://github.com/agendaconf/agenda")

// GUID returns the stable GUID of a session: UUIDv5(Namespace, confID + "/" + slug).
func GUID(confID, slug string) string { return format(uuid5(Namespace, confID+"/"+slug)) }

// personGUID and roomGUID live in their own parts of the name space.
func personGUID(confID, slug string) string {
	return format(uuid5(Namespace, confID+"/speakers/"+slug))
}
func roomGUID(confID, name string) string { return format(uuid5(Namespace, confID+"/rooms/"+name)) }

func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u
}

func format(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// doc is what both formats say, worked out once.
type doc struct {
	s         *model.Schedule
	loc       *time.Location
	acronym   string
	version   string
	start     string // first day, YYYY-MM-DD
	end       string // last day
	timeslot  string // HH:MM
	tracks    []string
	rooms     []string // every room an event uses, in the schedule's order
	days      []day
	speakerOf map[string]*model.Speaker
}

type day struct {
	index      int
	date       string
	start, end time.Time
	rooms      []room
}

type room struct {
	name   string
	events []*event
}

type event struct {
	ss       *model.Session
	guid     string
	id       int
	room     string
	slugJSON string
	slugXML  string
	url      string // always an absolute URI, for the JSON
}

// build groups the scheduled sessions of s by venue-local day and room.
func build(s *model.Schedule) (*doc, error) {
	loc := time.UTC
	if tz := s.Conference.TimeZone; tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			return nil, errors.New("time zone " + strconv.Quote(tz) + ": " + err.Error())
		}
		loc = l
	}
	// Work on a copy in programme order, so the output does not depend on the
	// order of the sessions in the model.
	s = s.Sorted()
	d := &doc{s: s, loc: loc, acronym: Acronym(s.Conference.ID, s.Conference.Name), speakerOf: map[string]*model.Speaker{}}
	for i := range s.Speakers {
		d.speakerOf[s.Speakers[i].Slug] = &s.Speakers[i]
	}

	var evs []*event
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		if !ss.Scheduled() {
			continue
		}
		e := &event{ss: ss, guid: GUID(s.Conference.ID, ss.Slug), room: roomName(ss)}
		e.url = ss.URL
		if !isHTTP(e.url) {
			e.url = s.Conference.BaseURL
		}
		if !isHTTP(e.url) {
			e.url = "urn:uuid:" + e.guid
		}
		evs = append(evs, e)
	}
	assignIDs(evs)
	assignSlugs(evs, d.acronym)

	// Rooms: the schedule's order, then any other name in order of first use.
	seenRoom := map[string]bool{}
	used := map[string]bool{}
	for _, e := range evs {
		used[e.room] = true
	}
	for _, r := range s.Rooms {
		if !seenRoom[r] {
			seenRoom[r] = true
			d.rooms = append(d.rooms, r)
		}
	}
	for _, e := range evs {
		if !seenRoom[e.room] {
			seenRoom[e.room] = true
			d.rooms = append(d.rooms, e.room)
		}
	}

	seenTrack := map[string]bool{}
	for _, e := range evs {
		if t := e.ss.Track; t != "" && !seenTrack[t] {
			seenTrack[t] = true
			d.tracks = append(d.tracks, t)
		}
	}

	byDate := map[string]*day{}
	for i, sd := range s.Days(loc) {
		t := sd.Start.In(loc)
		next := time.Date(t.Year(), t.Month(), t.Day()+1, t.Hour(), t.Minute(), 0, 0, loc) // the next day change
		d.days = append(d.days, day{index: i + 1, date: sd.Date, start: t, end: next})
	}
	for i := range d.days {
		byDate[d.days[i].date] = &d.days[i]
	}
	for _, e := range evs {
		dy := byDate[s.DayOf(e.ss.Start, loc)]
		if end := e.ss.End.In(loc); end.After(dy.end) {
			dy.end = end
		}
		k := -1
		for j := range dy.rooms {
			if dy.rooms[j].name == e.room {
				k = j
			}
		}
		if k < 0 {
			dy.rooms = append(dy.rooms, room{name: e.room})
			k = len(dy.rooms) - 1
		}
		dy.rooms[k].events = append(dy.rooms[k].events, e)
	}
	order := map[string]int{}
	for i, r := range d.rooms {
		order[r] = i
	}
	for i := range d.days {
		rs := d.days[i].rooms
		sort.SliceStable(rs, func(a, b int) bool { return order[rs[a].name] < order[rs[b].name] })
		for _, r := range rs {
			sort.SliceStable(r.events, func(a, b int) bool { return r.events[a].ss.Start.Before(r.events[b].ss.Start) })
		}
	}
	if n := len(d.days); n > 0 {
		d.start, d.end = d.days[0].date, d.days[n-1].date
	} else {
		today := time.Unix(0, 0).In(loc).Format("2006-01-02")
		d.start, d.end = today, today
	}
	d.timeslot = timeslot(evs, loc)
	d.version = version(evs)
	return d, nil
}

// roomName is the session's room, else the address of an off-site activity,
// else "" (a break for everyone, say).
func roomName(ss *model.Session) string {
	if ss.Room != "" {
		return ss.Room
	}
	return ss.Location
}

func isHTTP(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// assignIDs gives every event a positive integer id derived from its GUID, so
// that it stays the same across rebuilds; a clash (rare) takes the next free
// number, in slug order so that the result does not depend on event order.
func assignIDs(evs []*event) {
	sorted := append([]*event(nil), evs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ss.Slug < sorted[j].ss.Slug })
	taken := map[int]bool{}
	for _, e := range sorted {
		b, _ := hex.DecodeString(strings.ReplaceAll(e.guid, "-", "")[:8])
		id := int(binary.BigEndian.Uint32(b)&0x7fffffff)%1_000_000_000 + 1
		for taken[id] {
			id = id%1_000_000_000 + 1
		}
		taken[id] = true
		e.id = id
	}
}

// assignSlugs makes each slug valid for both formats: the JSON wants
// [a-z0-9_-]+ ending in a letter or digit, the XML (voc-slug-new) wants
// at least four of [a-z0-9_], a '-', and at least four more of [a-z0-9_-].
// A slug that already fits is kept as it is.
func assignSlugs(evs []*event, acronym string) {
	seen, seenXML := map[string]bool{}, map[string]bool{}
	for _, e := range evs {
		// Unique in both formats: "talk" and "conf-talk" are both conf-talk
		// in the XML of a conference whose acronym is conf.
		s := JSONSlug(e.ss.Slug)
		for base, n := s, 2; seen[s] || seenXML[XMLSlug(acronym, s)]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		seen[s] = true
		e.slugJSON = s
		e.slugXML = XMLSlug(acronym, s)
		seenXML[e.slugXML] = true
	}
}

// JSONSlug returns slug made to fit the schedule.json pattern ^[a-z0-9_-]+[a-z0-9]$.
func JSONSlug(slug string) string {
	b := []byte(strings.ToLower(slug))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			b[i] = '-'
		}
	}
	s := strings.TrimRight(string(b), "-_")
	if len(s) < 2 {
		s = "session-" + s
		s = strings.TrimRight(s, "-_")
	}
	return s
}

// XMLSlug returns slug (already a JSONSlug) made to fit the schedule.xml
// voc-slug-new pattern, by putting the acronym in front when needed.
func XMLSlug(acronym, slug string) string {
	if vocSlug(slug) {
		return slug
	}
	for len(slug) < 4 {
		slug += "_"
	}
	return strings.ReplaceAll(acronym, "-", "_") + "-" + slug
}

func vocSlug(s string) bool {
	i := strings.IndexByte(s, '-')
	if i < 4 || len(s)-i-1 < 4 {
		return false
	}
	for j := 0; j < len(s); j++ {
		c := s[j]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' && j >= i) {
			return false
		}
	}
	return true
}

// Acronym returns the conference's short name in the form both formats accept
// (the JSON Schema's ^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$): the id,
// lower-cased, with anything else, '-' included, turned into '_'.
func Acronym(id, name string) string {
	if id == "" {
		id = name
	}
	b := []byte(strings.ToLower(id))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			b[i] = '_'
		}
	}
	s := string(b)
	for len(s) < 4 {
		s += "_"
	}
	return s
}

// timeslot is the largest whole number of minutes (at most 15) that divides
// every start and duration, as HH:MM.
func timeslot(evs []*event, loc *time.Location) string {
	g := 15
	for _, e := range evs {
		t := e.ss.Start.In(loc)
		g = gcd(g, t.Hour()*60+t.Minute())
		if e.ss.End.After(e.ss.Start) {
			g = gcd(g, int(e.ss.End.Sub(e.ss.Start)/time.Minute))
		}
	}
	if g < 1 {
		g = 1
	}
	return hhmm(time.Duration(g) * time.Minute)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// version changes whenever anything an app shows changes, and only then.
func version(evs []*event) string {
	h := sha1.New()
	for _, e := range evs {
		for _, f := range []string{e.guid, e.ss.Title, e.room, e.ss.Start.UTC().Format(time.RFC3339), e.ss.End.UTC().Format(time.RFC3339), e.ss.Description, strings.Join(e.ss.Speakers, ",")} {
			h.Write([]byte(f))
			h.Write([]byte{0})
		}
	}
	return "agenda-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// hhmm formats a duration as HH:MM (hours may exceed 24).
func hhmm(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int(d / time.Minute)
	h := strconv.Itoa(m / 60)
	if len(h) < 2 {
		h = "0" + h
	}
	mm := strconv.Itoa(m % 60)
	if len(mm) < 2 {
		mm = "0" + mm
	}
	return h + ":" + mm
}

func (d *doc) duration(e *event) string {
	if e.ss.End.Before(e.ss.Start) {
		return "00:00"
	}
	return hhmm(e.ss.End.Sub(e.ss.Start))
}

// speakerName returns the display name of a speaker slug.
func (d *doc) speakerName(slug string) string {
	if sp := d.speakerOf[slug]; sp != nil && sp.Name != "" {
		return sp.Name
	}
	return slug
}

// plain turns sanitised HTML into plain text, for the JSON.
func plain(html string) string { return htmltext.Text(html) }

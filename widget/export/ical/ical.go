// Package ical writes iCalendar (RFC 5545) files from a bundle: one event
// builder (Event, Calendar) and one writer (Write, WriteUTC) for the command
// line's `agenda export ics` and for the widget's per-session and favourites
// downloads, so that both give the same events. It stays small enough for
// GOOS=js: no fmt, no encoding/json, no time/tzdata, no widget/model, and no
// zone loading (a caller with a zone database loads the venue's zone).
//
// Runs in: both: agenda export ics, and the widget's downloads.
package ical

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/model/civil"
)

// VCalendar is what Write turns into a VCALENDAR; Calendar fills it in from
// a bundle.
type VCalendar struct {
	Name string // X-WR-CALNAME, shown by calendar apps as the calendar's title
	// TimeZone is the venue's IANA zone, e.g. "Europe/Paris". When Location is
	// that zone (loaded by the caller), events are written in it with a
	// VTIMEZONE; otherwise (nil, as in the wasm, which has no zone database,
	// or UTC) times are written in UTC. Write never loads zones itself: the
	// loading code alone would cost the wasm about 27 KB after brotli.
	TimeZone string
	Location *time.Location
	Events   []VEvent
}

// VEvent is one VEVENT; Event fills it in from a session of a bundle.
type VEvent struct {
	UID         string // stable across rebuilds; see UID
	Summary     string
	Description string // plain text; see htmltext.Text
	Location    string // the room, or an address
	URL         string
	Start, End  time.Time // instants; End may be zero
	Categories  []string
}

// MaxLine is the longest content line Write produces, in octets, without the CRLF.
const MaxLine = 75

// UID returns the calendar UID of a session: the same for the same conference
// and session slug, whatever else changes.
func UID(confID, slug string) string {
	if confID == "" {
		confID = "agenda"
	}
	return slug + "@" + confID
}

// Write appends the iCalendar text of c to dst and returns the extended slice.
// stamp is the DTSTAMP of every event (the time the file was made); pass a
// fixed one for reproducible output. Lines end in CRLF and are folded at 75
// octets without splitting a UTF-8 sequence.
func Write(dst []byte, c VCalendar, stamp time.Time) []byte {
	if c.Location == nil || c.TimeZone == "" || c.TimeZone == "UTC" || c.TimeZone == "Etc/UTC" {
		return WriteUTC(dst, c, stamp)
	}
	z := &zone{name: c.TimeZone, loc: c.Location}
	return write(dst, c, stamp, z.header, z.local)
}

// WriteUTC is Write with every time in UTC, as when c.Location is nil. It is
// for the widget, which has no zone database: it does not link the VTIMEZONE
// code (about 6 KiB of the wasm after brotli), nor, as it formats times with
// package civil, the time package's zone lookups.
func WriteUTC(dst []byte, c VCalendar, stamp time.Time) []byte {
	return write(dst, c, stamp, nil, nil)
}

// write writes c with times in UTC, or, when header and local are not nil,
// in a zone: header writes the zone's properties and VTIMEZONE and returns
// the DTSTART and DTEND parameter that names it, local formats a time in it.
// They are func values, so that only Write, never WriteUTC, links the zone
// code; an interface would not do, as its method types would make the linker
// keep time.Time's String method and with it the layout engine.
func write(dst []byte, c VCalendar, stamp time.Time, header func(*writer, []VEvent) string, local func(time.Time) string) []byte {
	w := writer{b: dst}
	w.line("BEGIN", "", "VCALENDAR")
	w.line("VERSION", "", "2.0")
	w.line("PRODID", "", "-//agendaconf//Agenda//EN")
	w.line("CALSCALE", "", "GREGORIAN")
	w.line("METHOD", "", "PUBLISH")
	if c.Name != "" {
		w.line("X-WR-CALNAME", "", escape(c.Name))
	}
	tzParam := ""
	if header != nil {
		tzParam = header(&w, c.Events)
	}
	dtstamp := utcStamp(stamp)
	for i := range c.Events {
		e := &c.Events[i]
		w.line("BEGIN", "", "VEVENT")
		w.line("UID", "", escape(e.UID))
		w.line("DTSTAMP", "", dtstamp)
		w.line("DTSTART", tzParam, dateTime(e.Start, local))
		if !e.End.IsZero() && !e.End.Before(e.Start) {
			w.line("DTEND", tzParam, dateTime(e.End, local))
		}
		w.line("SUMMARY", "", escape(e.Summary))
		if e.Description != "" {
			w.line("DESCRIPTION", "", escape(e.Description))
		}
		if e.Location != "" {
			w.line("LOCATION", "", escape(e.Location))
		}
		if u := uri(e.URL); u != "" {
			w.line("URL", "", u)
		}
		if len(e.Categories) > 0 {
			var cats []string
			for _, c := range e.Categories {
				if c != "" {
					cats = append(cats, escape(c))
				}
			}
			if len(cats) > 0 {
				w.line("CATEGORIES", "", strings.Join(cats, ","))
			}
		}
		w.line("END", "", "VEVENT")
	}
	w.line("END", "", "VCALENDAR")
	return w.b
}

type writer struct{ b []byte }

// line appends "NAME;PARAMS:VALUE" folded, with CRLF.
func (w *writer) line(name, params, value string) {
	n := w.put(name, 0)
	n = w.put(params, n)
	n = w.put(":", n)
	w.put(value, n)
	w.b = append(w.b, "\r\n"...)
}

// put appends s to a content line that has n octets on its current physical
// line, folding it before a character that would not fit, and returns the
// octets on the last physical line. (A method, not a closure in line: the
// wasm would carry four inlined copies of it.)
func (w *writer) put(s string, n int) int {
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		if n+size > MaxLine {
			w.b = append(w.b, "\r\n "...)
			n = 1
		}
		w.b = append(w.b, s[i:i+size]...)
		n += size
		i += size
	}
	return n
}

// zone is a loaded IANA zone, for write.
type zone struct {
	name string
	loc  *time.Location
}

func (z *zone) header(w *writer, events []VEvent) string {
	w.line("X-WR-TIMEZONE", "", escape(z.name))
	w.timezone(z.name, z.loc, events)
	return ";TZID=" + paramValue(z.name)
}

func (z *zone) local(t time.Time) string { return localStamp(t.In(z.loc)) }

// timezone writes a VTIMEZONE for loc that covers every event: one STANDARD or
// DAYLIGHT observance per period of the zone, with explicit onsets (no RRULE),
// and no TZNAME (abbreviations are ambiguous).
func (w *writer) timezone(name string, loc *time.Location, events []VEvent) {
	var first, last time.Time
	for i := range events {
		for _, t := range [2]time.Time{events[i].Start, events[i].End} {
			if t.IsZero() {
				continue
			}
			if first.IsZero() || t.Before(first) {
				first = t
			}
			if last.IsZero() || t.After(last) {
				last = t
			}
		}
	}
	if first.IsZero() {
		first = time.Unix(0, 0)
		last = first
	}
	w.line("BEGIN", "", "VTIMEZONE")
	w.line("TZID", "", escape(name))
	t := first.In(loc)
	for i := 0; i < 100; i++ {
		start, end := t.ZoneBounds()
		_, to := t.Zone()
		from := to
		onset := start
		if start.IsZero() {
			onset = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(to) * time.Second)
		} else {
			_, from = start.Add(-time.Second).Zone()
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		w.line("BEGIN", "", kind)
		// The onset is local time as it was before the change (RFC 5545 3.6.5).
		w.line("DTSTART", "", localStamp(onset.UTC().Add(time.Duration(from)*time.Second)))
		w.line("TZOFFSETFROM", "", offset(from))
		w.line("TZOFFSETTO", "", offset(to))
		w.line("END", "", kind)
		if end.IsZero() || end.After(last) {
			break
		}
		t = end
	}
	w.line("END", "", "VTIMEZONE")
}

// dateTime formats t with local, or as UTC with a Z when local is nil.
func dateTime(t time.Time, local func(time.Time) string) string {
	if local == nil {
		return utcStamp(t)
	}
	return local(t)
}

// utcStamp formats t in UTC as YYYYMMDDTHHMMSSZ: the RFC 3339 text of
// package civil (not t.UTC().Date(), which would link the time package's
// zone code) without its separators.
func utcStamp(t time.Time) string {
	var buf [32]byte
	b := civil.AppendRFC3339UTC(buf[:0], t.Unix()) // [-]YYYY-MM-DDTHH:MM:SSZ
	n := len(b) - len("-01-02T15:04:05Z")          // the year's length
	out := make([]byte, 0, len(b)-4)
	out = append(out, b[:n]...)
	for _, c := range b[n:] {
		if c != '-' && c != ':' {
			out = append(out, c)
		}
	}
	return string(out)
}

// localStamp formats t's wall clock as YYYYMMDDTHHMMSS.
func localStamp(t time.Time) string {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return wall(y, int(mo), d, h, mi, s)
}

// wall formats a date and clock as YYYYMMDDTHHMMSS.
func wall(y, mo, d, h, mi, s int) string {
	b := make([]byte, 0, 16)
	b = pad(b, y, 4)
	b = pad(b, mo, 2)
	b = pad(b, d, 2)
	b = append(b, 'T')
	b = pad(b, h, 2)
	b = pad(b, mi, 2)
	b = pad(b, s, 2)
	return string(b)
}

func pad(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// offset formats a UTC offset in seconds as +HHMM (or +HHMMSS when needed).
func offset(sec int) string {
	b := []byte{'+'}
	if sec < 0 {
		b[0] = '-'
		sec = -sec
	}
	b = pad(b, sec/3600, 2)
	b = pad(b, sec/60%60, 2)
	if sec%60 != 0 {
		b = pad(b, sec%60, 2)
	}
	return string(b)
}

// escape makes s a TEXT value: backslash, semicolon and comma escaped, line
// breaks as \n, other control characters dropped, invalid UTF-8 replaced.
func escape(s string) string {
	b := make([]byte, 0, len(s)+8)
	invalid := false // the previous byte was invalid UTF-8
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			// Each run of invalid bytes becomes one U+FFFD, as with
			// strings.ToValidUTF8, which costs the wasm more than this.
			_, n := utf8.DecodeRuneInString(s[i:])
			if n == 1 {
				if !invalid {
					b = append(b, "\uFFFD"...)
				}
				invalid = true
				continue
			}
			b = append(b, s[i:i+n]...)
			i += n - 1
			invalid = false
			continue
		}
		invalid = false
		switch {
		case c == '\\' || c == ';' || c == ',':
			b = append(b, '\\', c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b = append(b, `\n`...)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\t':
			b = append(b, c)
		case c < 0x20 || c == 0x7f:
			// RFC 5545 TEXT excludes control characters.
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// Unescape reverses the TEXT escaping of a property value (after unfolding).
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// uri keeps a URL value as it is (URI values are not TEXT-escaped) but drops
// characters that cannot appear in one.
func uri(s string) string {
	s = strings.TrimSpace(s)
	// A loop rather than strings.Map, which the wasm would link for this alone.
	var b []byte
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			if b == nil {
				b = append(make([]byte, 0, len(s)), s[:i]...)
			}
		} else if b != nil {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	if b == nil {
		return s
	}
	return string(b)
}

// paramValue quotes a parameter value when it holds ; : or , (RFC 5545 3.1).
func paramValue(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, ";:,") {
		return `"` + s + `"`
	}
	return s
}

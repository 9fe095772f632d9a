package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/export/internal/exporttest"
	"github.com/agendaconf/agenda/widget/model"

	"github.com/agendaconf/agenda/internal/schedfuzz"
)

// FuzzExport exports a schedule built from the input, as it comes or after
// model.Check (which every reader runs), through a bundle and Calendar, then
// Write in the venue's zone (the command line's way) and WriteUTC (the
// widget's way). Each calendar must be well-formed RFC 5545: CRLF lines of
// at most 75 octets, folded lines starting with a space and not splitting
// UTF-8, no control characters in values, TEXT values escaped, BEGIN and END
// nested, one event per scheduled session of the bundle with its UID, title,
// start and end; after Check, times must have four-digit years. (FuzzWrite,
// in ical_test.go, fuzzes the writer alone.)
func FuzzExport(f *testing.F) {
	for _, seed := range schedfuzz.Seeds() {
		f.Add(seed)
	}
	f.Fuzz(fuzzWrite)
}

func fuzzWrite(t *testing.T, data []byte) {
	s := schedfuzz.Schedule(data)
	var loc *time.Location // the venue's zone when Write uses it, else nil
	if l, err := time.LoadLocation(s.Conference.TimeZone); err == nil && s.Conference.TimeZone != "" && s.Conference.TimeZone != "UTC" && s.Conference.TimeZone != "Etc/UTC" {
		loc = l
	}
	// Odd-length inputs go through Check first, as every reader's output
	// does; the others test the writer on any model. One pass each keeps an
	// input well under a millisecond.
	checked := len(data)%2 == 1
	if checked {
		model.Check(s)
	}
	enc, err := bundle.Encode(s)
	if err != nil {
		return // no zone, or one that does not load: no bundle, no calendar
	}
	b, err := bundle.Open(string(enc))
	if err != nil {
		t.Fatalf("Open(Encode(s)): %v", err)
	}
	c := Calendar(b, All(b), nil)
	c.Location = loc
	checkICS(t, b, Write(nil, c, exporttest.Stamp), checked, loc)
	checkICS(t, b, WriteUTC(nil, c, exporttest.Stamp), checked, nil)
}

// checkICS checks the calendar b written from bundle bd. checked says its
// schedule went through model.Check; loc is the zone of b's times, nil for UTC.
func checkICS(t *testing.T, bd *bundle.Bundle, b []byte, checked bool, loc *time.Location) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatalf("the calendar does not end in CRLF: %q", tail(string(b)))
	}
	var lines []string // content lines, unfolded
	for i, l := range strings.Split(string(b[:len(b)-2]), "\r\n") {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			t.Fatalf("line %d holds a bare CR or LF: %q", i, l)
		case len(l) > MaxLine:
			t.Fatalf("line %d is %d octets: %q", i, len(l), l)
		case !utf8.ValidString(l):
			t.Fatalf("line %d is not valid UTF-8 (a fold split a character?): %q", i, l)
		case l == "":
			t.Fatalf("line %d is empty", i)
		case l[0] == ' ' || l[0] == '\t':
			if i == 0 {
				t.Fatalf("the calendar starts with a continuation line: %q", l)
			}
			lines[len(lines)-1] += l[1:]
		default:
			lines = append(lines, l)
		}
	}

	var scheduled []bundle.Session
	for i := 0; i < bd.NumSessions(); i++ {
		if bd.Session(i).Scheduled() {
			scheduled = append(scheduled, bd.Session(i))
		}
	}
	var stack []string
	events := 0
	var props map[string][2]string // of the current event: params, value
	for n, l := range lines {
		name, params, value := split(t, l)
		for _, c := range value {
			if c < 0x20 && c != '\t' || c == 0x7f {
				t.Fatalf("control character %U in %q", c, l)
			}
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				props = map[string][2]string{}
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s closes %q", value, stack)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 && n != len(lines)-1 {
				t.Fatalf("content after END:%s: %q", value, lines[n+1])
			}
			if value == "VEVENT" {
				if events >= len(scheduled) {
					t.Fatalf("more events than the %d scheduled sessions", len(scheduled))
				}
				checkEvent(t, bd, scheduled[events], props, checked, loc)
				events++
			}
			continue
		}
		if len(stack) == 0 {
			t.Fatalf("content line outside VCALENDAR: %q", l)
		}
		switch name {
		case "SUMMARY", "DESCRIPTION", "LOCATION", "UID", "X-WR-CALNAME", "X-WR-TIMEZONE", "TZID", "CATEGORIES":
			checkText(t, l, value, name == "CATEGORIES")
		}
		if props != nil && stack[len(stack)-1] == "VEVENT" {
			if _, dup := props[name]; dup {
				t.Fatalf("%s twice in an event", name)
			}
			props[name] = [2]string{params, value}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed %q", stack)
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("not one VCALENDAR: first %q, last %q", lines[0], lines[len(lines)-1])
	}
	if events != len(scheduled) {
		t.Fatalf("%d events for %d scheduled sessions", events, len(scheduled))
	}
}

// split splits a content line into its name, parameters and value. The
// only parameter written is TZID, quoted when it holds ; : or , (RFC 5545
// 3.1, 3.2).
func split(t *testing.T, l string) (name, params, value string) {
	t.Helper()
	i := strings.IndexAny(l, ";:")
	if i <= 0 || strings.Trim(l[:i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		t.Fatalf("bad content line: %q", l)
	}
	name, rest := l[:i], l[i:]
	if rest[0] == ';' {
		p, ok := strings.CutPrefix(rest, ";TZID=")
		end := strings.IndexAny(p, `;:"`)
		if strings.HasPrefix(p, `"`) {
			end = strings.IndexByte(p[1:], '"') + 2
		}
		if !ok || end <= 0 || strings.ContainsAny(p[:end], ",") && p[0] != '"' {
			t.Fatalf("bad parameters: %q", l)
		}
		params, rest = rest[:len(";TZID=")+end], p[end:]
	}
	value, ok := strings.CutPrefix(rest, ":")
	if !ok {
		t.Fatalf("bad content line: %q", l)
	}
	return name, params, value
}

// checkText checks a TEXT value's escaping (RFC 5545 3.3.11): a backslash
// only before \ ; , n or N, no bare ';', and no bare ',' but between the
// values of a list.
func checkText(t *testing.T, line, v string, list bool) {
	t.Helper()
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if i+1 == len(v) || !strings.ContainsRune(`\;,nN`, rune(v[i+1])) {
				t.Fatalf("bad escape in %q", line)
			}
			i++
		case ';':
			t.Fatalf("unescaped ';' in %q", line)
		case ',':
			if !list {
				t.Fatalf("unescaped ',' in %q", line)
			}
		}
	}
}

// checkEvent checks one VEVENT's properties (parameters and value by name)
// against its session.
func checkEvent(t *testing.T, b *bundle.Bundle, ss bundle.Session, props map[string][2]string, checked bool, loc *time.Location) {
	t.Helper()
	for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY"} {
		if _, ok := props[p]; !ok {
			t.Fatalf("event of %q has no %s: %q", ss.Slug(), p, props)
		}
	}
	if got, want := Unescape(props["UID"][1]), text(UID(b.Conference().ID, ss.Slug())); got != want {
		t.Fatalf("UID %q, want %q", got, want)
	}
	if got, want := Unescape(props["SUMMARY"][1]), text(ss.Title()); got != want {
		t.Fatalf("SUMMARY %q, want %q", got, want)
	}
	stamp := func(tm time.Time) string {
		if loc == nil {
			return tm.UTC().Format("20060102T150405Z")
		}
		return tm.In(loc).Format("20060102T150405")
	}
	for _, p := range []struct {
		name string
		at   int64
	}{{"DTSTART", ss.Start()}, {"DTEND", ss.End()}} {
		v, ok := props[p.name]
		if !ok {
			if p.name == "DTEND" && ss.End() < ss.Start() {
				continue
			}
			t.Fatalf("event of %q has no %s", ss.Slug(), p.name)
		}
		want := stamp(time.Unix(p.at, 0))
		if v[1] != want || (loc == nil) != (v[0] == "") {
			t.Fatalf("%s%s:%s, want %s (%d)", p.name, v[0], v[1], want, p.at)
		}
		// After Check, a four-digit year (RFC 5545 3.3.5).
		if checked && len(strings.TrimSuffix(v[1], "Z")) != len("20060102T150405") {
			t.Fatalf("%s%s:%s: not a four-digit year", p.name, v[0], v[1])
		}
	}
}

// text is what a TEXT value of s reads back as: invalid UTF-8 as U+FFFD,
// line breaks as LF, other control characters (but tab) dropped.
func text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// The schedule builder below is the one of widget/bundle's FuzzEncodeOpen
// (test files cannot share code across packages); keep them alike.

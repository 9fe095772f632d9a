// Package schedfuzz builds small, awkward schedules out of fuzz input, for
// the fuzz targets of the bundle and the exporters: strings that are empty,
// long, hostile or invalid UTF-8, zones with odd clock changes, times around
// them, day changes inside skipped hours. It is linked only into tests.
package schedfuzz

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

// Seeds are a few inputs for Schedule; the fuzzer finds the rest.
func Seeds() [][]byte {
	r := rand.New(rand.NewPCG(8, 8))
	seeds := [][]byte{nil, bytes.Repeat([]byte{1}, 300), bytes.Repeat([]byte{4, 2, 5, 17}, 100)}
	for i := range 4 { // lengths of each remainder mod 4, which some targets use
		b := make([]byte, 400+i)
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// fuzzStrings are the strings the input can pick by index: shared picks give
// sessions the same rooms, tracks, languages and speakers, and the list holds
// the awkward cases.
var fuzzStrings = []string{
	"", "a", "A", "é", "Main Stage", "b", "ana", "x,y;z\\n", "line\r\nbreak\rcr\nlf\ttab",
	"<p>Text &amp; <em>more</em></p>", "<script>alert(1)</script><a href=javascript:alert(1) onclick=x>", "javascript:alert(1)",
	"https://conf.example/talks/x?a=1&b=2#f", "mailto:a@example.org", "/talks/x", "\u2028\u202e\x00\x1b\x7f\u0085",
	"ß𝔘 " + strings.Repeat("é", 45), "!", "  ", "Ünïcödé ✓ 日本語 🦀", "\uFEFF\u0301",
}

// fuzzZones are the time zones the input can pick: DST at 02:00 (Paris) and
// at midnight (São Paulo before 2019), a skipped day (Apia, 2011), half-hour
// DST (Lord Howe), odd offsets, and a zone far east.
var fuzzZones = []string{"UTC", "Europe/Paris", "America/Sao_Paulo", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Etc/GMT-14"}

// fuzzBases are instants near the clock changes of those zones.
var fuzzBases = []time.Time{
	time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC),
	time.Date(2018, 11, 4, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 30, 0, 0, 0, 0, time.UTC),
	time.Date(2025, 4, 6, 0, 0, 0, 0, time.UTC), time.Unix(0, 0), time.Date(2200, 12, 31, 12, 0, 0, 0, time.UTC),
}

var fuzzDayChanges = []time.Duration{0, 6 * time.Hour, 4*time.Hour + 30*time.Minute, 12 * time.Hour, 2*time.Hour + 30*time.Minute, 23*time.Hour + 59*time.Minute, -time.Hour, 30 * time.Hour}

// fuzzReader hands out the input a piece at a time; past its end, zeros.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fuzzReader) uint(n int) uint64 {
	var v uint64
	for i := range n {
		v |= uint64(r.byte()) << (8 * i)
	}
	return v
}

// str is a string from fuzzStrings, or the next n bytes made valid UTF-8, or
// (rarely, as Encode refuses it) raw bytes.
func (r *fuzzReader) str() string {
	k := r.byte()
	if k < 0xC0 {
		return fuzzStrings[int(k)%len(fuzzStrings)]
	}
	n := int(r.byte())
	if n > len(r.b) {
		n = len(r.b)
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	if k == 0xFF {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func (r *fuzzReader) zone() string {
	switch k := r.byte(); {
	case k < 0xF0:
		return fuzzZones[int(k)%len(fuzzZones)]
	case k == 0xF0:
		return ""
	default:
		return r.str()
	}
}

func (r *fuzzReader) dayChange() time.Duration {
	if k := r.byte(); k < 0xF0 {
		return fuzzDayChanges[int(k)%len(fuzzDayChanges)]
	}
	return time.Duration(r.uint(8))
}

// time is zero, an instant near a clock change (to the minute or the
// second), or any instant the time package can represent.
func (r *fuzzReader) time() time.Time {
	k := r.byte()
	base := fuzzBases[int(k/4)%len(fuzzBases)]
	switch k % 4 {
	case 0:
		return time.Time{}
	case 1:
		return base.Add(time.Duration(int16(r.uint(2))) * time.Minute)
	case 2:
		return base.Add(time.Duration(int32(r.uint(4))) * time.Second)
	}
	// Shifted right: beyond about ±2⁶⁰ seconds time.Time's own arithmetic overflows.
	return time.Unix(int64(r.uint(8))>>3, int64(r.uint(4)))
}

func (r *fuzzReader) end(start time.Time) time.Time {
	switch r.byte() % 4 {
	case 0:
		return time.Time{}
	case 1:
		return start.Add(time.Duration(r.uint(2)) * time.Minute)
	case 2:
		return start.Add(-time.Duration(r.uint(1)) * time.Minute)
	}
	return r.time()
}

// Schedule builds a small schedule from data: up to 3 rooms, 4 speakers
// and 7 sessions, every field from the input.
func Schedule(data []byte) *model.Schedule {
	r := &fuzzReader{b: data}
	s := &model.Schedule{}
	s.Conference = model.Conference{ID: r.str(), Name: r.str(), TimeZone: r.zone(), BaseURL: r.str(), DayChange: r.dayChange()}
	for range r.byte() % 4 {
		s.Rooms = append(s.Rooms, r.str())
	}
	for range r.byte() % 5 {
		sp := model.Speaker{Slug: r.str(), Name: r.str(), Role: r.str(), Bio: r.str(), URL: r.str()}
		for range r.byte() % 3 {
			sp.Links = append(sp.Links, model.Link{Label: r.str(), URL: r.str()})
		}
		s.Speakers = append(s.Speakers, sp)
	}
	for range r.byte() % 8 {
		ss := model.Session{Slug: r.str(), Title: r.str(), Room: r.str(), Start: r.time()}
		ss.End = r.end(ss.Start)
		if k := r.byte(); k == 0xFF {
			ss.Kind = model.Kind(4 + r.byte()%252) // unknown: Encode refuses it
		} else {
			ss.Kind = model.Kind(k % 4)
		}
		for range r.byte() % 4 {
			ss.Speakers = append(ss.Speakers, r.str())
		}
		ss.Track = r.str()
		for range r.byte() % 3 {
			ss.Tags = append(ss.Tags, r.str())
		}
		ss.Description, ss.URL, ss.Location = r.str(), r.str(), r.str()
		s.Sessions = append(s.Sessions, ss)
	}
	// Languages come last, so that the saved inputs of the fuzz targets,
	// written before sessions had one, still build the schedules they found
	// (with no language: past the input's end every pick is "").
	for i := range s.Sessions {
		s.Sessions[i].Language = r.str()
	}
	return s
}

// WallDay is the conference day of t as Conference.DayChange documents it:
// t's date in the venue, or, when its wall clock is earlier than dc, the
// venue's date before; "" when that date is one the zone skipped (Apia,
// 2011-12-30), for which either date is defensible.
func WallDay(t time.Time, loc *time.Location, dc time.Duration) string {
	t = t.In(loc)
	h, m, s := t.Clock()
	y, mo, d := t.Date()
	if time.Duration(h)*time.Hour+time.Duration(m)*time.Minute+time.Duration(s)*time.Second+time.Duration(t.Nanosecond()) >= dc {
		return t.Format("2006-01-02")
	}
	p := time.Date(y, mo, d-1, 12, 0, 0, 0, time.UTC)
	if time.Date(p.Year(), p.Month(), p.Day(), 12, 0, 0, 0, loc).Day() != p.Day() {
		return ""
	}
	return p.Format("2006-01-02")
}

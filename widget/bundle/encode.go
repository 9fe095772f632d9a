package bundle

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/fold"
	"github.com/agendaconf/agenda/widget/schedule"
)

// Encode returns the bundle for s. s is not modified: Encode sorts a copy
// (schedule.Schedule.Sort), so the order of s.Sessions and s.Speakers does not
// matter and the same schedule always gives the same bytes.
//
// Sessions naming a speaker slug that s.Speakers lacks (schedule.Check warns
// about these) get a stand-in speaker whose name is the slug. Of speakers that
// share a slug (a Check error) the first after sorting is kept. The venue's
// time zone must load with time.LoadLocation.
func Encode(s *schedule.Schedule) ([]byte, error) {
	if s.Conference.TimeZone == "" {
		return nil, errors.New("bundle: the conference has no time zone")
	}
	loc, err := time.LoadLocation(s.Conference.TimeZone)
	if err != nil {
		return nil, errors.New("bundle: time zone " + strconv.Quote(s.Conference.TimeZone) + ": " + err.Error())
	}
	c := *s
	c.Rooms = append([]string(nil), s.Rooms...)
	c.Sessions = append([]schedule.Session(nil), s.Sessions...)
	c.Speakers = append([]schedule.Speaker(nil), s.Speakers...)
	c.Sort()

	e := &encoder{strs: map[string]uint32{}}

	// Speakers: unique by slug, plus stand-ins, ordered by slug.
	spk := c.Speakers[:0:0]
	known := map[string]bool{}
	for _, sp := range c.Speakers {
		if !known[sp.Slug] {
			known[sp.Slug] = true
			spk = append(spk, sp)
		}
	}
	for i := range c.Sessions {
		for _, sl := range c.Sessions[i].Speakers {
			if !known[sl] {
				known[sl] = true
				spk = append(spk, schedule.Speaker{Slug: sl, Name: sl})
			}
		}
	}
	sort.SliceStable(spk, func(i, j int) bool { return spk[i].Slug < spk[j].Slug })
	spkIndex := make(map[string]int, len(spk))
	for i, sp := range spk {
		spkIndex[sp.Slug] = i
	}

	days := c.Days(loc)
	dayIndex := make(map[string]int, len(days))
	for i, d := range days {
		dayIndex[d.Date] = i
	}
	roomIndex := map[string]int{}
	for i, r := range c.Rooms {
		if _, ok := roomIndex[r]; !ok {
			roomIndex[r] = i
		}
	}
	var tracks []string
	trackIndex := map[string]int{}
	for i := range c.Sessions {
		if t := c.Sessions[i].Track; t != "" {
			if _, ok := trackIndex[t]; !ok {
				trackIndex[t] = -1
				tracks = append(tracks, t)
			}
		}
	}
	sort.Strings(tracks)
	for i, t := range tracks {
		trackIndex[t] = i
	}
	kinds := schedule.Kinds()
	switch {
	case len(days) > maxSmallID:
		return nil, errors.New("bundle: too many days (" + itoa(len(days)) + ")")
	case len(c.Rooms) > maxSmallID:
		return nil, errors.New("bundle: too many rooms (" + itoa(len(c.Rooms)) + ")")
	case len(tracks) > maxSmallID:
		return nil, errors.New("bundle: too many tracks (" + itoa(len(tracks)) + ")")
	}

	var sec [numSections][]byte

	cf := c.Conference
	for _, v := range []string{cf.ID, cf.Name, cf.TimeZone, cf.BaseURL} {
		sec[secConference] = e.ref(sec[secConference], v)
	}
	for _, d := range days {
		r := e.ref(sec[secDays], d.Date)
		r = binary.LittleEndian.AppendUint64(r, uint64(d.StartUnix))
		r = binary.LittleEndian.AppendUint32(r, uint32(int32(d.Offset)))
		sec[secDays] = binary.LittleEndian.AppendUint32(r, 0)
	}
	for _, r := range c.Rooms {
		sec[secRooms] = e.ref(sec[secRooms], r)
	}
	for _, k := range kinds {
		sec[secKinds] = e.ref(sec[secKinds], k.String())
	}
	for _, t := range tracks {
		sec[secTracks] = e.ref(sec[secTracks], t)
	}
	nLinks := 0
	for _, sp := range spk {
		r := sec[secSpeakers]
		for _, v := range []string{sp.Slug, sp.Name, sp.Role, sp.Bio, sp.URL} {
			r = e.ref(r, v)
		}
		sec[secSpeakers] = appendRange(r, nLinks, len(sp.Links))
		for _, l := range sp.Links {
			sec[secLinks] = e.ref(e.ref(sec[secLinks], l.Label), l.URL)
		}
		nLinks += len(sp.Links)
	}

	byDay := make([][]int, len(days))
	byRoom := make([][]int, len(c.Rooms))
	bySpeaker := make([][]int, len(spk))
	byKind := make([][]int, len(kinds))
	byTrack := make([][]int, len(tracks))
	var ints []uint32
	nTags := 0
	var buf []byte
	for i := range c.Sessions {
		ss := &c.Sessions[i]
		if int(ss.Kind) >= len(kinds) {
			return nil, errors.New("bundle: session " + strconv.Quote(ss.Slug) + ": unknown kind " + itoa(int(ss.Kind)))
		}
		room, track, day := none16, none16, none16
		var start, end int64
		if ss.Room != "" {
			room = roomIndex[ss.Room]
			byRoom[room] = append(byRoom[room], i)
		}
		if ss.Track != "" {
			track = trackIndex[ss.Track]
			byTrack[track] = append(byTrack[track], i)
		}
		if ss.Scheduled() {
			start = ss.Start.Unix()
			day = dayIndex[ss.Start.In(loc).Format("2006-01-02")]
			byDay[day] = append(byDay[day], i)
		}
		if !ss.End.IsZero() {
			end = ss.End.Unix()
		}
		byKind[ss.Kind] = append(byKind[ss.Kind], i)

		// Search text.
		buf = fold.AppendFold(buf[:0], ss.Title)
		for _, sl := range ss.Speakers {
			buf = appendFolded(buf, spk[spkIndex[sl]].Name)
		}
		buf = appendFolded(buf, ss.Room)
		buf = appendFolded(buf, ss.Track)
		for _, t := range ss.Tags {
			buf = appendFolded(buf, t)
		}
		buf = appendFolded(buf, htmlText(ss.Description))

		r := sec[secSessions]
		for _, v := range []string{ss.Slug, ss.Title, ss.Description, ss.URL, ss.Location, string(buf)} {
			r = e.ref(r, v)
		}
		r = binary.LittleEndian.AppendUint64(r, uint64(start))
		r = binary.LittleEndian.AppendUint64(r, uint64(end))
		r = appendRange(r, len(ints), len(ss.Speakers))
		seen := map[int]bool{}
		for _, sl := range ss.Speakers {
			sp := spkIndex[sl]
			ints = append(ints, uint32(sp))
			if !seen[sp] {
				seen[sp] = true
				bySpeaker[sp] = append(bySpeaker[sp], i)
			}
		}
		r = appendRange(r, nTags, len(ss.Tags))
		for _, t := range ss.Tags {
			sec[secTags] = e.ref(sec[secTags], t)
		}
		nTags += len(ss.Tags)
		r = binary.LittleEndian.AppendUint16(r, uint16(room))
		r = binary.LittleEndian.AppendUint16(r, uint16(track))
		r = binary.LittleEndian.AppendUint16(r, uint16(day))
		sec[secSessions] = append(r, uint8(ss.Kind), 0)
	}
	for _, ix := range []struct {
		s     int
		lists [][]int
	}{{secByDay, byDay}, {secByRoom, byRoom}, {secBySpeaker, bySpeaker}, {secByKind, byKind}, {secByTrack, byTrack}} {
		for _, l := range ix.lists {
			sec[ix.s] = appendRange(sec[ix.s], len(ints), len(l))
			for _, v := range l {
				ints = append(ints, uint32(v))
			}
		}
	}
	for _, v := range ints {
		sec[secInts] = binary.LittleEndian.AppendUint32(sec[secInts], v)
	}
	bySlug := make([]int, len(c.Sessions))
	for i := range bySlug {
		bySlug[i] = i
	}
	sort.SliceStable(bySlug, func(i, j int) bool { return c.Sessions[bySlug[i]].Slug < c.Sessions[bySlug[j]].Slug })
	for _, v := range bySlug {
		sec[secBySlug] = binary.LittleEndian.AppendUint32(sec[secBySlug], uint32(v))
	}
	sec[secStrings] = e.str

	// Assemble: header, section table, sections in table order.
	head := fixedHead + 8*numSections
	total := head
	for _, b := range sec {
		total += len(b)
	}
	if uint64(total) > 1<<32-1 || len(ints) > 1<<32-1 {
		return nil, errors.New("bundle: too large (" + itoa(total) + " bytes)")
	}
	out := make([]byte, 0, total)
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint16(out, Version)
	out = binary.LittleEndian.AppendUint16(out, 0)
	out = binary.LittleEndian.AppendUint32(out, uint32(total))
	out = binary.LittleEndian.AppendUint32(out, 0) // checksum, below
	out = binary.LittleEndian.AppendUint32(out, numSections)
	off := head
	for _, b := range sec {
		out = binary.LittleEndian.AppendUint32(out, uint32(off))
		out = binary.LittleEndian.AppendUint32(out, uint32(len(b)))
		off += len(b)
	}
	for _, b := range sec {
		out = append(out, b...)
	}
	binary.LittleEndian.PutUint32(out[12:], crc32.ChecksumIEEE(out[crcFrom:]))
	return out, nil
}

// encoder builds the string table.
type encoder struct {
	str  []byte
	strs map[string]uint32
}

// ref appends the reference of v, adding v to the string table if new.
func (e *encoder) ref(dst []byte, v string) []byte {
	off, ok := e.strs[v]
	if !ok && v != "" {
		off = uint32(len(e.str))
		e.strs[v] = off
		e.str = append(e.str, v...)
	}
	dst = binary.LittleEndian.AppendUint32(dst, off)
	return binary.LittleEndian.AppendUint32(dst, uint32(len(v)))
}

func appendRange(dst []byte, first, n int) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(first))
	return binary.LittleEndian.AppendUint32(dst, uint32(n))
}

// appendFolded appends a space and the folded s to buf, if s folds to anything.
func appendFolded(buf []byte, s string) []byte {
	n := len(buf)
	if n > 0 {
		buf = append(buf, ' ')
	}
	buf = fold.AppendFold(buf, s)
	if len(buf) == n+1 {
		buf = buf[:n]
	}
	return buf
}

// htmlText returns the text of an HTML fragment: tags become spaces and the
// common character references are decoded. It is only used for the search
// text, so it is deliberately simple.
func htmlText(h string) string {
	if !strings.ContainsAny(h, "<&") {
		return h
	}
	var b strings.Builder
	for i := 0; i < len(h); {
		switch h[i] {
		case '<':
			j := strings.IndexByte(h[i:], '>')
			if j < 0 {
				return b.String()
			}
			b.WriteByte(' ')
			i += j + 1
		case '&':
			j := strings.IndexByte(h[i:], ';')
			if j < 0 || j > 10 {
				b.WriteByte('&')
				i++
				continue
			}
			if r, ok := entity(h[i+1 : i+j]); ok {
				b.WriteRune(r)
			} else {
				b.WriteString(h[i : i+j+1])
			}
			i += j + 1
		default:
			b.WriteByte(h[i])
			i++
		}
	}
	return b.String()
}

func entity(name string) (rune, bool) {
	switch name {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	case "nbsp":
		return ' ', true
	}
	if len(name) > 1 && name[0] == '#' {
		base, digits := 10, name[1:]
		if digits[0] == 'x' || digits[0] == 'X' {
			base, digits = 16, digits[1:]
		}
		if v, err := strconv.ParseUint(digits, base, 21); err == nil && v > 0 && v <= 0x10FFFF {
			return rune(v), true
		}
	}
	return 0, false
}

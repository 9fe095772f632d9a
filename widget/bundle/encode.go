package bundle

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/text/fold"
)

// Encode returns the bundle for s. s is not modified: Encode sorts a copy
// (model.Schedule.Sort), so the order of s.Sessions and s.Speakers does not
// matter and the same schedule always gives the same bytes.
//
// Sessions naming a speaker slug that s.Speakers lacks (model.Check warns
// about these) get a stand-in speaker whose name is the slug. Of speakers that
// share a slug (a Check error) the first after sorting is kept. The venue's
// time zone must load with time.LoadLocation.
func Encode(s *model.Schedule) ([]byte, error) {
	if s.Conference.TimeZone == "" {
		return nil, errors.New("bundle: the conference has no time zone")
	}
	loc, err := time.LoadLocation(s.Conference.TimeZone)
	if err != nil {
		return nil, errors.New("bundle: time zone " + strconv.Quote(s.Conference.TimeZone) + ": " + err.Error())
	}
	c := *s.Sorted()

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
				spk = append(spk, model.Speaker{Slug: sl, Name: sl})
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
	tracks, trackIndex := distinct(c.Sessions, func(ss *model.Session) string { return ss.Track })
	langs, langIndex := distinct(c.Sessions, func(ss *model.Session) string { return ss.Language })
	kinds := model.Kinds()
	switch {
	case len(days) > maxSmallID:
		return nil, errors.New("bundle: too many days (" + itoa(len(days)) + ")")
	case len(c.Rooms) > maxSmallID:
		return nil, errors.New("bundle: too many rooms (" + itoa(len(c.Rooms)) + ")")
	case len(tracks) > maxSmallID:
		return nil, errors.New("bundle: too many tracks (" + itoa(len(tracks)) + ")")
	case len(langs) > maxSmallID:
		return nil, errors.New("bundle: too many languages (" + itoa(len(langs)) + ")")
	}

	var (
		sec     [numSections][]byte
		strs    [][]string // the string groups, in string order
		spkCol  [numSpkStrings][]string
		linkCol [numLinkStrings][]string
		sesCol  [numSesStrings][]string
		tags    []string
	)
	cf := c.Conference
	for _, v := range []uint32{uint32(len(days)), uint32(len(c.Rooms)), uint32(len(kinds)), uint32(len(tracks)), uint32(len(spk)), uint32(len(c.Sessions)), uint32(len(langs))} {
		sec[secCounts] = binary.LittleEndian.AppendUint32(sec[secCounts], v)
	}
	strs = append(strs, []string{cf.ID, cf.Name, cf.TimeZone, cf.BaseURL})
	var dates []string
	for _, d := range days {
		dates = append(dates, d.Date)
		sec[secDays] = binary.LittleEndian.AppendUint64(sec[secDays], uint64(d.StartUnix))
	}
	var kindNames []string
	for _, k := range kinds {
		kindNames = append(kindNames, k.String())
	}
	strs = append(strs, dates, c.Rooms, kindNames, tracks, langs)
	for _, sp := range spk {
		spkCol[spkSlug] = append(spkCol[spkSlug], sp.Slug)
		spkCol[spkName] = append(spkCol[spkName], sp.Name)
		spkCol[spkRole] = append(spkCol[spkRole], sp.Role)
		spkCol[spkBio] = append(spkCol[spkBio], sp.Bio)
		spkCol[spkURL] = append(spkCol[spkURL], sp.URL)
		sec[secLinkCounts] = binary.AppendUvarint(sec[secLinkCounts], uint64(len(sp.Links)))
		for _, l := range sp.Links {
			linkCol[linkLabel] = append(linkCol[linkLabel], l.Label)
			linkCol[linkURL] = append(linkCol[linkURL], l.URL)
		}
	}
	strs = append(strs, spkCol[:]...)
	strs = append(strs, linkCol[:]...)

	roomW, trackW, langW, dayW := smallWidth(uint64(len(c.Rooms))), smallWidth(uint64(len(tracks))), smallWidth(uint64(len(langs))), smallWidth(uint64(len(days)))
	appendSmall := func(dst []byte, w, v int) []byte {
		if w == 1 {
			return append(dst, uint8(v))
		}
		return binary.LittleEndian.AppendUint16(dst, uint16(v))
	}
	for i := range c.Sessions {
		ss := &c.Sessions[i]
		if int(ss.Kind) >= len(kinds) {
			return nil, errors.New("bundle: session " + strconv.Quote(ss.Slug) + ": unknown kind " + itoa(int(ss.Kind)))
		}
		room, track, lang, day := none16, none16, none16, none16
		var start, end int64
		if ss.Room != "" {
			room = roomIndex[ss.Room]
		}
		if ss.Track != "" {
			track = trackIndex[ss.Track]
		}
		if ss.Language != "" {
			lang = langIndex[ss.Language]
		}
		if ss.Scheduled() {
			start = ss.Start.Unix()
			day = dayIndex[c.DayOf(ss.Start, loc)]
		}
		if !ss.End.IsZero() {
			end = ss.End.Unix()
		}

		// Keywords: the description is left out (see doc.go).
		buf := fold.AppendFold(nil, ss.Title)
		for _, sl := range ss.Speakers {
			buf = appendFolded(buf, spk[spkIndex[sl]].Name)
		}
		buf = appendFolded(buf, ss.Room)
		buf = appendFolded(buf, ss.Track)
		for _, t := range ss.Tags {
			buf = appendFolded(buf, t)
		}

		sesCol[sesTitle] = append(sesCol[sesTitle], ss.Title)
		sesCol[sesSearch] = append(sesCol[sesSearch], string(buf))
		sesCol[sesSlug] = append(sesCol[sesSlug], ss.Slug)
		sesCol[sesURL] = append(sesCol[sesURL], ss.URL)
		sesCol[sesDesc] = append(sesCol[sesDesc], ss.Description)
		sesCol[sesLoc] = append(sesCol[sesLoc], ss.Location)
		sec[secStart] = binary.LittleEndian.AppendUint64(sec[secStart], uint64(start))
		sec[secEnd] = binary.LittleEndian.AppendUint64(sec[secEnd], uint64(end)-uint64(start))
		sec[secRoom] = appendSmall(sec[secRoom], roomW, room)
		sec[secTrack] = appendSmall(sec[secTrack], trackW, track)
		sec[secLanguage] = appendSmall(sec[secLanguage], langW, lang)
		sec[secDay] = appendSmall(sec[secDay], dayW, day)
		sec[secKind] = append(sec[secKind], uint8(ss.Kind))
		sec[secSpkCounts] = binary.AppendUvarint(sec[secSpkCounts], uint64(len(ss.Speakers)))
		for _, sl := range ss.Speakers {
			sec[secSpk] = binary.AppendUvarint(sec[secSpk], uint64(spkIndex[sl]))
		}
		sec[secTagCounts] = binary.AppendUvarint(sec[secTagCounts], uint64(len(ss.Tags)))
		tags = append(tags, ss.Tags...)
	}
	// Sessions: rows of the first sesRow fields, then field by field.
	var rows []string
	for i := range c.Sessions {
		for f := range sesRow {
			rows = append(rows, sesCol[f][i])
		}
	}
	strs = append(strs, rows)
	strs = append(strs, sesCol[sesRow:]...)
	strs = append(strs, tags)
	bySlug := make([]int, len(c.Sessions))
	for i := range bySlug {
		bySlug[i] = i
	}
	sort.SliceStable(bySlug, func(i, j int) bool { return c.Sessions[bySlug[i]].Slug < c.Sessions[bySlug[j]].Slug })
	for _, v := range bySlug {
		if len(c.Sessions) > maxNarrow {
			sec[secBySlug] = binary.LittleEndian.AppendUint32(sec[secBySlug], uint32(v))
		} else {
			sec[secBySlug] = binary.LittleEndian.AppendUint16(sec[secBySlug], uint16(v))
		}
	}
	for _, g := range strs {
		for _, v := range g {
			if !utf8.ValidString(v) {
				return nil, errors.New("bundle: " + strconv.Quote(v) + " is not valid UTF-8")
			}
			sec[secStrings] = append(append(sec[secStrings], v...), term)
		}
	}

	// Assemble: header, section table, sections in table order.
	head := fixedHead + 8*numSections
	total := head
	for _, b := range sec {
		total += len(b)
	}
	if uint64(total) > 1<<32-1 {
		return nil, errors.New("bundle: too large (" + itoa(total) + " bytes)")
	}
	out := make([]byte, 0, total)
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint16(out, Version)
	out = binary.LittleEndian.AppendUint16(out, 0) // flags
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

// distinct returns the distinct non-empty values of field over sessions,
// sorted, and the index of each.
func distinct(sessions []model.Session, field func(*model.Session) string) ([]string, map[string]int) {
	var out []string
	index := map[string]int{}
	for i := range sessions {
		if v := field(&sessions[i]); v != "" {
			if _, ok := index[v]; !ok {
				index[v] = -1
				out = append(out, v)
			}
		}
	}
	sort.Strings(out)
	for i, v := range out {
		index[v] = i
	}
	return out, index
}

// appendFolded appends a space and the folded s to buf, if s folds to anything.
func appendFolded(buf []byte, s string) []byte {
	n := len(buf)
	if n > 0 {
		buf = append(buf, ' ')
	}
	m := len(buf)
	buf = fold.AppendFold(buf, s)
	if len(buf) == m { // nothing folded: no space either
		buf = buf[:n]
	}
	return buf
}

package bundle

import (
	"errors"
	"hash/crc32"
	"math/bits"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Most accessors below are marked go:noinline. Inlined, their bounds checks
// and slicing are copied into the hundreds of places the widget calls them
// from, which cost the wasm about 11 KiB after brotli; a call costs a few
// nanoseconds.

// Version is the format version this build reads and writes.
const Version = 4

const (
	magic      = "AGND"
	fixedHead  = 20 // magic, version, flags, length, crc, section count
	crcFrom    = 16 // the checksum covers [crcFrom, length)
	none16     = 0xFFFF
	none8      = 0xFF
	maxKinds   = 256
	maxSmallID = none16 - 1 // days, rooms, tracks and languages are uint16 with 0xFFFF for none
	term       = 0xFF       // ends every string; never part of valid UTF-8
	numCounts  = 7          // days, rooms, kinds, tracks, speakers, sessions, languages
	daySize    = 8          // int64 start: the day's beginning (see schedule.DayOf)
	maxNarrow  = 1 << 16    // up to this many sessions, by-slug entries are uint16
)

// Section numbers, in table order.
const (
	secCounts     = iota // uint32 × numCounts
	secDays              // int64 × days
	secLinkCounts        // uvarint × speakers
	secStart             // int64 × sessions
	secEnd               // int64 × sessions: end - start, wrapping
	secRoom              // small index × sessions
	secTrack             // small index × sessions
	secLanguage          // small index × sessions
	secDay               // small index × sessions
	secKind              // uint8 × sessions
	secSpkCounts         // uvarint × sessions
	secSpk               // uvarint × Σ speaker counts
	secTagCounts         // uvarint × sessions
	secBySlug            // uint16 or uint32 × sessions
	secStrings           // every string, each followed by term, in string order
	numSections
)

var sectionNames = [numSections]string{
	"counts", "days", "link counts", "start", "end", "room", "track", "language", "day", "kind",
	"speaker counts", "speakers", "tag counts", "by-slug", "strings",
}

// The string fields of speakers, links and sessions. Speakers' and links'
// are stored field by field (all slugs, then all names, ...); sessions' are
// stored as rows of title, keywords and URL, then field by field.
const (
	spkSlug = iota
	spkName
	spkRole
	spkBio
	spkURL
	numSpkStrings
)

const (
	linkLabel = iota
	linkURL
	numLinkStrings
)

const (
	sesTitle  = iota // the first sesRow fields are stored as rows
	sesSearch        //
	sesURL           //
	sesSlug
	sesLoc
	sesDesc
	numSesStrings
	sesRow = 3
)

// The index lists, computed by Open.
const (
	ixDay = iota
	ixRoom
	ixSpeaker
	ixKind
	ixTrack
	ixLanguage
	numIndexes
)

// Bundle is an opened bundle. Everything it returns is a substring of, or
// computed from, the data passed to Open; nothing is copied.
type Bundle struct {
	data string
	str  string // the strings section

	// String tables, windows on the offsets table built by Open.
	conf, days, rooms, kinds, tracks, langs, tags strtab
	spk                                           [numSpkStrings]strtab
	link                                          [numLinkStrings]strtab
	ses                                           [numSesStrings]strtab

	// Tables built by Open, windows on the same allocation: the links of
	// speaker i are linkFirst[i]:linkFirst[i+1], the speakers of session i
	// spkList[spkFirst[i]:spkFirst[i+1]], and so on.
	linkFirst, spkFirst, tagFirst []uint32
	spkList, ixList               []uint32
	ixFirst                       [numIndexes][]uint32

	dayStart                                 string
	start, end, room, track, lang, day, kind string
	bySlug                                   string
	roomW, trackW, langW, dayW, slugW        int // bytes per entry
	nd, nr, nk, nt, nlg, nsp, ns             int
}

// strtab is a window on the offsets table: string k of the table is
// str[off[stride·k] : off[stride·k+1]-1].
type strtab struct {
	off    []uint32
	stride int
}

// Conference describes the event.
type Conference struct {
	ID       string
	Name     string
	TimeZone string // IANA name, e.g. "Europe/Paris"
	BaseURL  string
}

// Day is one conference day that has scheduled sessions. Local times come
// from the venue's zone name, never from a stored offset: one offset per day
// is wrong on the days the clocks change.
type Day struct {
	Date      string // "2025-10-09"
	StartUnix int64  // UTC unix seconds of the day's beginning: local midnight, or the conference's day change
}

// Speaker is a person who gives sessions.
type Speaker struct {
	Slug, Name, Role string
	Bio              string // sanitised HTML
	URL              string
	Links            Links
}

// Link is a labelled URL.
type Link struct{ Label, URL string }

// Links is a speaker's list of links.
type Links struct {
	b     *Bundle
	first int
	n     int
}

// Len returns the number of links.
func (l Links) Len() int { return l.n }

// At returns link i, 0 <= i < Len().
//
//go:noinline
func (l Links) At(i int) Link {
	if uint(i) >= uint(l.n) {
		panic("bundle: link index out of range")
	}
	k := l.first + i
	return Link{Label: l.b.text(l.b.link[linkLabel], k), URL: l.b.text(l.b.link[linkURL], k)}
}

// List is a read-only list of indices (of sessions or speakers). The zero
// List is empty.
type List struct{ ix []uint32 }

// Len returns the number of entries.
func (l List) Len() int { return len(l.ix) }

// At returns entry i, 0 <= i < Len().
func (l List) At(i int) int { return int(l.ix[i]) }

// Open checks data and returns a Bundle reading it in place. data is usually a
// string from go:embed or a fetched file. Open validates everything up front;
// it returns an error, never panics, on malformed input.
func Open(data string) (*Bundle, error) {
	if len(data) < len(magic) {
		if data == magic[:len(data)] {
			return nil, shortHeader(len(data))
		}
		return nil, notBundle(data)
	}
	if data[:4] != magic {
		return nil, notBundle(data)
	}
	if len(data) < fixedHead {
		return nil, shortHeader(len(data))
	}
	if v := u16(data, 4); v != Version {
		return nil, errors.New("bundle: version " + itoa(int(v)) + " not supported (this build reads " + itoa(Version) + ")")
	}
	if f := u16(data, 6); f != 0 {
		return nil, errors.New("bundle: unknown flags 0x" + strconv.FormatUint(uint64(f), 16) + " (this build reads version " + itoa(Version) + " without flags)")
	}
	total := u32(data, 8)
	if uint64(total) > uint64(len(data)) {
		return nil, truncated(int(total), len(data))
	}
	if uint64(total) < uint64(len(data)) {
		return nil, errors.New("bundle: length mismatch: header says " + itoa(int(total)) + " bytes, have " + itoa(len(data)))
	}
	if int(total) < fixedHead {
		return nil, corrupt("header says " + itoa(int(total)) + " bytes, less than the header itself")
	}
	if crc32.ChecksumIEEE(bytesOf(data[crcFrom:])) != u32(data, 12) {
		return nil, errors.New("bundle: checksum mismatch (file corrupted?)")
	}
	if n := u32(data, 16); n != numSections {
		return nil, corrupt(itoa(int(n)) + " sections, version " + itoa(Version) + " has " + itoa(numSections))
	}
	head := fixedHead + numSections*8
	if len(data) < head {
		return nil, corrupt("header says " + itoa(len(data)) + " bytes, less than its own section table")
	}
	var sec [numSections]string
	for i := range numSections {
		off, n := uint64(u32(data, fixedHead+8*i)), uint64(u32(data, fixedHead+8*i+4))
		if off < uint64(head) || off+n > uint64(len(data)) {
			return nil, corrupt("section " + sectionNames[i] + " [" + itoa(int(off)) + ", +" + itoa(int(n)) + ") outside the data (" + itoa(len(data)) + " bytes)")
		}
		sec[i] = data[off : off+n]
	}
	b := &Bundle{data: data}
	if err := b.open(&sec); err != nil {
		return nil, err
	}
	return b, nil
}

// smallWidth is the width in bytes of an index below n, or none.
func smallWidth(n uint64) int {
	if n < none8 {
		return 1
	}
	return 2
}

// open checks the sections and builds the tables; see Open.
func (b *Bundle) open(sec *[numSections]string) error {
	c := sec[secCounts]
	if len(c) != 4*numCounts {
		return corrupt("counts section is " + itoa(len(c)) + " bytes, want " + itoa(4*numCounts))
	}
	// Every count is checked against the size of a section before anything
	// is allocated, so Open allocates at most a few times the data's size.
	nd, nr, nk, nt, nsp, ns := uint64(u32(c, 0)), uint64(u32(c, 4)), uint64(u32(c, 8)), uint64(u32(c, 12)), uint64(u32(c, 16)), uint64(u32(c, 20))
	nlg := uint64(u32(c, 24))
	switch {
	case nd > maxSmallID:
		return corrupt(itoa(int(nd)) + " days")
	case nr > maxSmallID:
		return corrupt(itoa(int(nr)) + " rooms")
	case nt > maxSmallID:
		return corrupt(itoa(int(nt)) + " tracks")
	case nlg > maxSmallID:
		return corrupt(itoa(int(nlg)) + " languages")
	case nk > maxKinds:
		return corrupt(itoa(int(nk)) + " kinds")
	}
	b.roomW, b.trackW, b.langW, b.dayW, b.slugW = smallWidth(nr), smallWidth(nt), smallWidth(nlg), smallWidth(nd), 2
	if ns > maxNarrow {
		b.slugW = 4
	}
	for _, f := range [...]struct {
		s    int
		n, w uint64
	}{
		{secDays, nd, daySize}, {secStart, ns, 8}, {secEnd, ns, 8}, {secRoom, ns, uint64(b.roomW)},
		{secTrack, ns, uint64(b.trackW)}, {secLanguage, ns, uint64(b.langW)}, {secDay, ns, uint64(b.dayW)}, {secKind, ns, 1},
		{secBySlug, ns, uint64(b.slugW)},
	} {
		if uint64(len(sec[f.s])) != f.n*f.w {
			return corrupt("section " + sectionNames[f.s] + " is " + itoa(len(sec[f.s])) + " bytes, want " + itoa(int(f.n*f.w)))
		}
	}
	// First pass over the varints: check them, add them up.
	nl, err := uvarints(sec[secLinkCounts], "link counts", nsp, nil)
	if err != nil {
		return err
	}
	nSpk, err := uvarints(sec[secSpkCounts], "speaker counts", ns, nil)
	if err != nil {
		return err
	}
	if _, err := uvarints(sec[secSpk], "speakers", nSpk, nil); err != nil {
		return err
	}
	ntg, err := uvarints(sec[secTagCounts], "tag counts", ns, nil)
	if err != nil {
		return err
	}
	str := sec[secStrings]
	nStr := 4 + nd + nr + nk + nt + nlg + numSpkStrings*nsp + numLinkStrings*nl + numSesStrings*ns + ntg
	if nStr > uint64(len(str)) {
		return corrupt("the string table has " + itoa(len(str)) + " bytes, too few for " + itoa(int(nStr)) + " strings")
	}

	// One allocation for every table: offsets of the strings; prefix sums of
	// links, speakers and tags; speaker lists; the indexes (each list of
	// sessions is at most as long as the sessions and speaker lists); marks.
	nIx := (numIndexes-1)*ns + nSpk
	tab := make([]uint32, (nStr+1)+(nsp+1)+2*(ns+1)+nSpk+(nd+nr+nsp+nk+nt+nlg+numIndexes)+nIx+nsp)
	next := func(n uint64) []uint32 { return cut(&tab, n) }
	off := next(nStr + 1)
	if err := scan(str, off); err != nil {
		return err
	}
	b.str = str
	// The string tables, in string order: each is n records of len(t)
	// strings, stored field by field.
	one := func(t *strtab) []strtab { return unsafe.Slice(t, 1) } // a table of its own
	for _, t := range [...]struct {
		t []strtab
		n uint64
	}{
		{one(&b.conf), 4}, {one(&b.days), nd}, {one(&b.rooms), nr}, {one(&b.kinds), nk}, {one(&b.tracks), nt}, {one(&b.langs), nlg},
		{b.spk[spkSlug : spkSlug+1], nsp}, {b.spk[spkName : spkName+1], nsp}, {b.spk[spkRole : spkRole+1], nsp},
		{b.spk[spkBio : spkBio+1], nsp}, {b.spk[spkURL : spkURL+1], nsp},
		{b.link[linkLabel : linkLabel+1], nl}, {b.link[linkURL : linkURL+1], nl},
		{b.ses[:sesRow], ns}, {b.ses[sesSlug : sesSlug+1], ns}, {b.ses[sesLoc : sesLoc+1], ns}, {b.ses[sesDesc : sesDesc+1], ns},
		{one(&b.tags), ntg},
	} {
		off = take(t.t, off, t.n)
	}

	// Second pass over the varints.
	b.linkFirst, b.spkFirst, b.tagFirst = next(nsp+1), next(ns+1), next(ns+1)
	b.spkList = next(nSpk)
	uvarints(sec[secLinkCounts], "", nsp, b.linkFirst)
	uvarints(sec[secSpkCounts], "", ns, b.spkFirst)
	uvarints(sec[secTagCounts], "", ns, b.tagFirst)
	uvarints(sec[secSpk], "", nSpk, b.spkList)

	b.dayStart = sec[secDays]
	b.start, b.end, b.room, b.track, b.lang, b.day, b.kind = sec[secStart], sec[secEnd], sec[secRoom], sec[secTrack], sec[secLanguage], sec[secDay], sec[secKind]
	b.bySlug = sec[secBySlug]
	b.nd, b.nr, b.nk, b.nt, b.nlg, b.nsp, b.ns = int(nd), int(nr), int(nk), int(nt), int(nlg), int(nsp), int(ns)
	if err := b.validate(); err != nil {
		return err
	}

	// The indexes, by counting sort: first[k] ends up as the start of key
	// k's list in ixList, first[n] as the end of the last.
	for i, n := range [numIndexes]uint64{nd, nr, nsp, nk, nt, nlg} {
		b.ixFirst[i] = next(n + 1)
	}
	b.ixList = next(nIx)
	mark := next(nsp)
	used := uint32(0)
	for x, col := range [numIndexes]func(i int) int{
		ixDay:      func(i int) int { return Session{b, i}.Day() },
		ixRoom:     func(i int) int { return Session{b, i}.Room() },
		ixKind:     func(i int) int { return int(b.kind[i]) },
		ixTrack:    func(i int) int { return Session{b, i}.Track() },
		ixLanguage: func(i int) int { return Session{b, i}.Language() },
	} {
		first := b.ixFirst[x]
		if col == nil { // speakers: a session is listed once however often it names one
			for i := range b.ns {
				for _, sp := range b.spkList[b.spkFirst[i]:b.spkFirst[i+1]] {
					if mark[sp] != uint32(i+1) {
						mark[sp] = uint32(i + 1)
						first[sp]++
					}
				}
			}
			used = prefix(first, used)
			clear(mark)
			for i := b.ns - 1; i >= 0; i-- {
				for _, sp := range b.spkList[b.spkFirst[i]:b.spkFirst[i+1]] {
					if mark[sp] != uint32(i+1) {
						mark[sp] = uint32(i + 1)
						first[sp]--
						b.ixList[first[sp]] = uint32(i)
					}
				}
			}
			continue
		}
		for i := range b.ns {
			if k := col(i); k >= 0 {
				first[k]++
			}
		}
		used = prefix(first, used)
		for i := b.ns - 1; i >= 0; i-- {
			if k := col(i); k >= 0 {
				first[k]--
				b.ixList[first[k]] = uint32(i)
			}
		}
	}
	return nil
}

// cut returns the first n entries of *tab and removes them from it. It is
// not inlined: open calls it eight times, and the copies would cost the wasm
// more than the calls.
//
//go:noinline
func cut(tab *[]uint32, n uint64) []uint32 {
	t := (*tab)[:n:n]
	*tab = (*tab)[n:]
	return t
}

// take sets the string tables t of n records of len(t) strings each, stored
// field by field at the start of off, and returns the rest of off.
func take(t []strtab, off []uint32, n uint64) []uint32 {
	stride := len(t)
	for f := range t {
		if n == 0 {
			t[f] = strtab{off[:0], stride}
		} else {
			t[f] = strtab{off[f : uint64(f)+uint64(stride)*(n-1)+2], stride}
		}
	}
	return off[uint64(stride)*n:]
}

// prefix turns the counts in first[:len(first)-1] into running sums from
// base, sets the last entry to the total and returns it.
func prefix(first []uint32, base uint32) uint32 {
	for k := range len(first) - 1 {
		base += first[k]
		first[k] = base
	}
	first[len(first)-1] = base
	return base
}

// scan finds the strings of str: off[k+1] is set to the offset just past the
// k-th terminator. It checks that str is exactly len(off)-1 strings, each
// valid UTF-8 and followed by term.
func scan(str string, off []uint32) error {
	const hi = 0x8080808080808080
	k := 1
	p := unsafe.StringData(str)
	for i := 0; i < len(str); {
		// Skip ASCII 32 bytes at a time, then find the first other byte.
		for i+32 <= len(str) && (word(p, i)|word(p, i+8)|word(p, i+16)|word(p, i+24))&hi == 0 {
			i += 32
		}
		if i == len(str) {
			break // ASCII to the very end: no terminator after the last string
		}
		if i+8 <= len(str) {
			w := le64(str, i) & hi
			if w == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(w) / 8
		}
		c := str[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c == term:
			if k == len(off) {
				return corrupt("the string table has more than " + itoa(len(off)-1) + " strings")
			}
			i++
			off[k] = uint32(i)
			k++
		default:
			r, n := utf8.DecodeRuneInString(str[i:])
			if r == utf8.RuneError && n == 1 {
				return corrupt("string " + itoa(k-1) + " is not valid UTF-8")
			}
			i += n
		}
	}
	if k != len(off) {
		return corrupt("the string table has " + itoa(k-1) + " strings, want " + itoa(len(off)-1))
	}
	if int(off[k-1]) != len(str) {
		return corrupt("the string table has " + itoa(len(str)-int(off[k-1])) + " bytes after its last string")
	}
	return nil
}

// uvarints reads the n unsigned varints that make up all of s (each below
// 2³²) and returns their sum. When dst is not nil (s has then been checked)
// it stores the values in it, or, when it has n+1 entries, their running sums
// from dst[0] == 0.
func uvarints(s, what string, n uint64, dst []uint32) (uint64, error) {
	var sum uint64
	o := 0
	sums := uint64(len(dst)) == n+1
	for i := range n {
		var v uint64
		for shift := 0; ; shift += 7 {
			if o >= len(s) || shift > 28 {
				return 0, corrupt("section " + what + ": bad or missing varint " + itoa(int(i)))
			}
			c := s[o]
			o++
			v |= uint64(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
		if v > 1<<32-1 {
			return 0, corrupt("section " + what + ": varint " + itoa(int(i)) + " too large")
		}
		sum += v
		switch {
		case sums:
			dst[i+1] = uint32(sum)
		case dst != nil:
			dst[i] = uint32(v)
		}
	}
	if o != len(s) {
		return 0, corrupt("section " + what + " has " + itoa(len(s)-o) + " bytes after its " + itoa(int(n)) + " varints")
	}
	return sum, nil
}

// validate checks the records against each other; see Open.
func (b *Bundle) validate() error {
	for i := 1; i < b.nsp; i++ {
		if b.text(b.spk[spkSlug], i) <= b.text(b.spk[spkSlug], i-1) {
			return corrupt("speakers not in strict slug order at " + itoa(i))
		}
	}
	for i := range b.ns {
		s := Session{b, i}
		for _, f := range [...]struct {
			name string
			v, n int
		}{{"room", s.Room(), b.nr}, {"track", s.Track(), b.nt}, {"language", s.Language(), b.nlg}, {"day", s.Day(), b.nd}} {
			if f.v >= f.n {
				return corrupt("session " + itoa(i) + ": " + f.name + " " + itoa(f.v) + " out of range (" + itoa(f.n) + ")")
			}
		}
		if k := int(b.kind[i]); k >= b.nk {
			return corrupt("session " + itoa(i) + ": kind " + itoa(k) + " out of range (" + itoa(b.nk) + ")")
		}
	}
	for j, sp := range b.spkList {
		if int(sp) >= b.nsp {
			return corrupt("speaker list entry " + itoa(j) + ": speaker " + itoa(int(sp)) + " out of range (" + itoa(b.nsp) + ")")
		}
	}
	slugs := b.ses[sesSlug]
	for i := range b.ns {
		v := b.slugAt(i)
		if v >= b.ns {
			return corrupt("by-slug index: session " + itoa(v) + " out of range (" + itoa(b.ns) + ")")
		}
		if i > 0 && b.text(slugs, v) < b.text(slugs, b.slugAt(i-1)) {
			return corrupt("by-slug index not ordered at " + itoa(i))
		}
	}
	return nil
}

// slugAt returns entry i of the by-slug index.
func (b *Bundle) slugAt(i int) int {
	if b.slugW == 4 {
		return int(u32(b.bySlug, 4*i))
	}
	return int(u16(b.bySlug, 2*i))
}

// Conference returns the event's description.
func (b *Bundle) Conference() Conference {
	return Conference{ID: b.text(b.conf, 0), Name: b.text(b.conf, 1), TimeZone: b.text(b.conf, 2), BaseURL: b.text(b.conf, 3)}
}

// NumDays returns the number of days with scheduled sessions.
func (b *Bundle) NumDays() int { return b.nd }

// Day returns day i, 0 <= i < NumDays(); days are in date order.
func (b *Bundle) Day(i int) Day {
	return Day{Date: b.text(b.days, i), StartUnix: int64(u64(b.dayStart, 8*i))}
}

// DayByDate returns the index of the day with the given date ("2025-10-09").
func (b *Bundle) DayByDate(date string) (int, bool) { return b.find(b.days, date) }

// NumRooms returns the number of rooms.
func (b *Bundle) NumRooms() int { return b.nr }

// Room returns the name of room i, 0 <= i < NumRooms(); rooms are in display order.
//
//go:noinline
func (b *Bundle) Room(i int) string { return b.text(b.rooms, i) }

// RoomByName returns the index of the first room with the given name.
func (b *Bundle) RoomByName(name string) (int, bool) { return b.find(b.rooms, name) }

// NumKinds returns the number of session kinds (the values of schedule.Kind).
func (b *Bundle) NumKinds() int { return b.nk }

// Kind returns the name of kind k ("talk", "workshop", ...), 0 <= k < NumKinds().
//
//go:noinline
func (b *Bundle) Kind(k int) string { return b.text(b.kinds, k) }

// KindByName returns the kind with the given name.
func (b *Bundle) KindByName(name string) (int, bool) { return b.find(b.kinds, name) }

// NumTracks returns the number of distinct tracks.
func (b *Bundle) NumTracks() int { return b.nt }

// Track returns the name of track i, 0 <= i < NumTracks(); tracks are sorted.
//
//go:noinline
func (b *Bundle) Track(i int) string { return b.text(b.tracks, i) }

// TrackByName returns the index of the track with the given name.
func (b *Bundle) TrackByName(name string) (int, bool) { return b.find(b.tracks, name) }

// NumLanguages returns the number of distinct languages sessions are given in.
func (b *Bundle) NumLanguages() int { return b.nlg }

// Language returns language i, 0 <= i < NumLanguages(), as the source wrote
// it ("en", "Deutsch"); languages are sorted.
//
//go:noinline
func (b *Bundle) Language(i int) string { return b.text(b.langs, i) }

// LanguageByName returns the index of the language with the given name.
func (b *Bundle) LanguageByName(name string) (int, bool) { return b.find(b.langs, name) }

//go:noinline
func (b *Bundle) find(t strtab, name string) (int, bool) {
	for i := range t.len() {
		if b.text(t, i) == name {
			return i, true
		}
	}
	return -1, false
}

// NumSpeakers returns the number of speakers.
func (b *Bundle) NumSpeakers() int { return b.nsp }

// Speaker returns speaker i, 0 <= i < NumSpeakers(); speakers are ordered by slug.
func (b *Bundle) Speaker(i int) Speaker {
	first, end := int(b.linkFirst[i]), int(b.linkFirst[i+1])
	return Speaker{
		Slug: b.text(b.spk[spkSlug], i), Name: b.text(b.spk[spkName], i), Role: b.text(b.spk[spkRole], i),
		Bio: b.text(b.spk[spkBio], i), URL: b.text(b.spk[spkURL], i),
		Links: Links{b: b, first: first, n: end - first},
	}
}

// SpeakerBySlug returns the index of the speaker with the given slug.
func (b *Bundle) SpeakerBySlug(slug string) (int, bool) {
	t := b.spk[spkSlug]
	lo, hi := 0, b.nsp
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if b.text(t, m) < slug {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < b.nsp && b.text(t, lo) == slug {
		return lo, true
	}
	return -1, false
}

// NumSessions returns the number of sessions.
func (b *Bundle) NumSessions() int { return b.ns }

// Session returns session i, 0 <= i < NumSessions(); sessions are in
// programme order.
//
//go:noinline
func (b *Bundle) Session(i int) Session {
	if uint(i) >= uint(b.ns) {
		panic("bundle: session index " + itoa(i) + " out of range")
	}
	return Session{b: b, i: i}
}

// SessionBySlug returns the index of the session with the given slug.
func (b *Bundle) SessionBySlug(slug string) (int, bool) {
	t := b.ses[sesSlug]
	lo, hi := 0, b.ns
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if b.text(t, b.slugAt(m)) < slug {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < b.ns {
		if i := b.slugAt(lo); b.text(t, i) == slug {
			return i, true
		}
	}
	return -1, false
}

// The index accessors return the sessions with a given key, in programme
// order. A key out of range (such as -1 for "none") gives an empty List.

// SessionsOnDay returns the sessions that start on day d.
func (b *Bundle) SessionsOnDay(d int) List { return b.index(ixDay, d) }

// SessionsInRoom returns the sessions in room r.
func (b *Bundle) SessionsInRoom(r int) List { return b.index(ixRoom, r) }

// SessionsBySpeaker returns the sessions that speaker sp gives.
func (b *Bundle) SessionsBySpeaker(sp int) List { return b.index(ixSpeaker, sp) }

// SessionsOfKind returns the sessions of kind k.
func (b *Bundle) SessionsOfKind(k int) List { return b.index(ixKind, k) }

// SessionsInTrack returns the sessions in track t.
func (b *Bundle) SessionsInTrack(t int) List { return b.index(ixTrack, t) }

// SessionsInLanguage returns the sessions given in language l.
func (b *Bundle) SessionsInLanguage(l int) List { return b.index(ixLanguage, l) }

//go:noinline
func (b *Bundle) index(ix, key int) List {
	p := b.ixFirst[ix]
	if key < 0 || key >= len(p)-1 {
		return List{}
	}
	return List{b.ixList[p[key]:p[key+1]]}
}

// Session is a view of one session. It is a small value; copying it is cheap
// and its methods do not allocate.
type Session struct {
	b *Bundle
	i int
}

// Index returns the session's index in programme order.
func (s Session) Index() int { return s.i }

// Slug returns the session's unique key.
//
//go:noinline
func (s Session) Slug() string { return s.b.text(s.b.ses[sesSlug], s.i) }

// Title returns the title.
//
//go:noinline
func (s Session) Title() string { return s.b.text(s.b.ses[sesTitle], s.i) }

// Description returns the description, sanitised HTML.
//
//go:noinline
func (s Session) Description() string { return s.b.text(s.b.ses[sesDesc], s.i) }

// URL returns the permalink, if any.
//
//go:noinline
func (s Session) URL() string { return s.b.text(s.b.ses[sesURL], s.i) }

// Location returns a street address for off-site sessions, if any.
//
//go:noinline
func (s Session) Location() string { return s.b.text(s.b.ses[sesLoc], s.i) }

// Search returns the session's keywords, folded (see package fold): its
// title, speaker names, room, track and tags. The description is not in it;
// see the package documentation.
//
//go:noinline
func (s Session) Search() string { return s.b.text(s.b.ses[sesSearch], s.i) }

// Start returns the start as UTC unix seconds, 0 when unscheduled.
//
//go:noinline
func (s Session) Start() int64 { return int64(u64(s.b.start, 8*s.i)) }

// End returns the end as UTC unix seconds, 0 when unknown or unscheduled.
func (s Session) End() int64 { return int64(u64(s.b.start, 8*s.i) + u64(s.b.end, 8*s.i)) }

// Scheduled reports whether the session has a time (and so a day).
//
//go:noinline
func (s Session) Scheduled() bool { return s.Day() >= 0 }

// Day returns the index of the session's day, -1 when unscheduled.
//
//go:noinline
func (s Session) Day() int { return smallAt(s.b.day, s.b.dayW, s.i) }

// Room returns the session's room index, -1 when it has none.
//
//go:noinline
func (s Session) Room() int { return smallAt(s.b.room, s.b.roomW, s.i) }

// RoomName returns the session's room name, "" when it has none.
func (s Session) RoomName() string {
	if r := s.Room(); r >= 0 {
		return s.b.Room(r)
	}
	return ""
}

// Track returns the session's track index, -1 when it has none.
//
//go:noinline
func (s Session) Track() int { return smallAt(s.b.track, s.b.trackW, s.i) }

// TrackName returns the session's track, "" when it has none.
func (s Session) TrackName() string {
	if t := s.Track(); t >= 0 {
		return s.b.Track(t)
	}
	return ""
}

// Language returns the index of the session's language, -1 when unknown.
//
//go:noinline
func (s Session) Language() int { return smallAt(s.b.lang, s.b.langW, s.i) }

// LanguageName returns the session's language, "" when unknown.
func (s Session) LanguageName() string {
	if l := s.Language(); l >= 0 {
		return s.b.Language(l)
	}
	return ""
}

// Kind returns the session's kind; the values are those of schedule.Kind.
func (s Session) Kind() uint8 { return s.b.kind[s.i] }

// KindName returns the name of the session's kind.
//
//go:noinline
func (s Session) KindName() string { return s.b.Kind(int(s.b.kind[s.i])) }

// Speakers returns the session's speakers (speaker indices) in billing order.
//
//go:noinline
func (s Session) Speakers() List {
	return List{s.b.spkList[s.b.spkFirst[s.i]:s.b.spkFirst[s.i+1]]}
}

// NumSpeakers returns the number of speakers.
//
//go:noinline
func (s Session) NumSpeakers() int { return int(s.b.spkFirst[s.i+1] - s.b.spkFirst[s.i]) }

// Speaker returns the index of the session's j-th speaker.
//
//go:noinline
func (s Session) Speaker(j int) int { return s.Speakers().At(j) }

// NumTags returns the number of tags.
//
//go:noinline
func (s Session) NumTags() int { return int(s.b.tagFirst[s.i+1] - s.b.tagFirst[s.i]) }

// Tag returns tag j, 0 <= j < NumTags().
//
//go:noinline
func (s Session) Tag(j int) string {
	if j < 0 || j >= s.NumTags() {
		panic("bundle: tag index out of range")
	}
	return s.b.text(s.b.tags, int(s.b.tagFirst[s.i])+j)
}

// small returns entry i of a column of w-byte indices, -1 for none.
//
//go:noinline
func smallAt(col string, w, i int) int {
	if w == 1 {
		if v := col[i]; v != none8 {
			return int(v)
		}
		return -1
	}
	if v := u16(col, 2*i); v != none16 {
		return int(v)
	}
	return -1
}

// text returns string k of the (validated) string table t.
//
//go:noinline
func (b *Bundle) text(t strtab, k int) string {
	k *= t.stride
	return b.str[t.off[k] : t.off[k+1]-1]
}

// len returns the number of strings in t.
func (t strtab) len() int {
	if len(t.off) == 0 {
		return 0
	}
	return (len(t.off)-2)/t.stride + 1
}

func u16(s string, o int) uint16 {
	_ = s[o+1]
	return uint16(s[o]) | uint16(s[o+1])<<8
}

func u32(s string, o int) uint32 {
	_ = s[o+3]
	return uint32(s[o]) | uint32(s[o+1])<<8 | uint32(s[o+2])<<16 | uint32(s[o+3])<<24
}

func u64(s string, o int) uint64 { return le64(s, o) }

// word returns the eight bytes at p+i as a uint64 in the machine's byte
// order, for tests of all eight bytes at once; i+8 must be within bounds.
func word(p *byte, i int) uint64 { return *(*uint64)(unsafe.Add(unsafe.Pointer(p), i)) }

// le64 is u64 in a form the compiler turns into one load.
func le64(s string, o int) uint64 {
	s = s[o : o+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// bytesOf views s as a byte slice without copying, for hash/crc32, which only
// reads it.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

//go:noinline
func itoa(i int) string { return strconv.Itoa(i) }

func truncated(want, have int) error {
	return errors.New("bundle: truncated: header says " + itoa(want) + " bytes, have " + itoa(have))
}

func shortHeader(have int) error {
	return errors.New("bundle: truncated: have " + itoa(have) + " bytes, the header alone is " + itoa(fixedHead+8*numSections))
}

//go:noinline
func corrupt(msg string) error { return errors.New("bundle: corrupt: " + msg) }

func notBundle(data string) error {
	if len(data) > 4 {
		data = data[:4]
	}
	return errors.New("bundle: not an Agenda bundle (magic " + quote(data) + ", want \"AGND\")")
}

// quote is strconv.Quote without the rest of strconv's quoting code (about
// 9 KB of wasm): with it, the widget links only this and strconv.IsPrint,
// as long as nothing else in it quotes.
func quote(s string) string {
	b := []byte{'"'}
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		// Anything not printed as is becomes a backslash, c, and the last
		// digits of r in hex.
		c, digits := byte('x'), 2
		switch {
		case n == 1 && r == utf8.RuneError:
			r = rune(s[0])
		case r == '"' || r == '\\':
			c, digits = byte(r), 0
		case strconv.IsPrint(r):
			b = append(b, s[:n]...)
			s = s[n:]
			continue
		case '\a' <= r && r <= '\r':
			c, digits = "abtnvfr"[r-'\a'], 0
		case r < ' ' || r == 0x7f:
		case r < 0x10000:
			c, digits = 'u', 4
		default:
			c, digits = 'U', 8
		}
		b = append(b, '\\', c)
		for sh := 4 * (digits - 1); sh >= 0; sh -= 4 {
			b = append(b, "0123456789abcdef"[r>>sh&0xF])
		}
		s = s[n:]
	}
	return string(append(b, '"'))
}

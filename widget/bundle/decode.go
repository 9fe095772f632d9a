package bundle

import (
	"errors"
	"hash/crc32"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Version is the format version this build reads and writes.
const Version = 1

const (
	magic      = "AGND"
	fixedHead  = 20 // magic, version, flags, length, crc, section count
	crcFrom    = 16 // the checksum covers [crcFrom, length)
	none16     = 0xFFFF
	refSize    = 8
	rangeSize  = 8
	daySize    = 24
	spkSize    = 48
	linkSize   = 16
	sessSize   = 88
	confSize   = 32
	maxKinds   = 256
	maxSmallID = none16 - 1 // days, rooms and tracks are uint16 with 0xFFFF for none
)

// Section numbers, in table order.
const (
	secStrings = iota
	secConference
	secDays
	secRooms
	secKinds
	secTracks
	secSpeakers
	secLinks
	secSessions
	secTags
	secInts
	secByDay
	secByRoom
	secBySpeaker
	secByKind
	secByTrack
	secBySlug
	numSections
)

var sectionNames = [numSections]string{
	"strings", "conference", "days", "rooms", "kinds", "tracks", "speakers", "links",
	"sessions", "tags", "ints", "by-day", "by-room", "by-speaker", "by-kind", "by-track", "by-slug",
}

// Bundle is an opened bundle. Everything it returns is a substring of, or
// computed from, the data passed to Open; nothing is copied.
type Bundle struct {
	data string
	sec  [numSections]string
	str  string // == sec[secStrings]
}

// Conference describes the event.
type Conference struct {
	ID       string
	Name     string
	TimeZone string // IANA name, e.g. "Europe/Paris"
	BaseURL  string
}

// Day is one venue-local calendar day that has scheduled sessions.
type Day struct {
	Date      string // "2025-10-09"
	StartUnix int64  // UTC unix seconds of local midnight
	Offset    int    // the venue's UTC offset in seconds at local noon
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
	b   *Bundle
	rec string
	n   int
}

// Len returns the number of links.
func (l Links) Len() int { return l.n }

// At returns link i, 0 <= i < Len().
func (l Links) At(i int) Link {
	o := i * linkSize
	_ = l.rec[o : o+linkSize]
	return Link{Label: l.b.ref(l.rec, o), URL: l.b.ref(l.rec, o+8)}
}

// List is a read-only list of indices (of sessions or speakers) stored in the
// bundle. The zero List is empty.
type List struct {
	data string
	n    int
}

// Len returns the number of entries.
func (l List) Len() int { return l.n }

// At returns entry i, 0 <= i < Len().
func (l List) At(i int) int {
	return int(u32(l.data, 4*i))
}

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
	b := &Bundle{data: data}
	for i := range numSections {
		off, n := uint64(u32(data, fixedHead+8*i)), uint64(u32(data, fixedHead+8*i+4))
		if off < uint64(head) || off+n > uint64(len(data)) {
			return nil, corrupt("section " + sectionNames[i] + " [" + itoa(int(off)) + ", +" + itoa(int(n)) + ") outside the data (" + itoa(len(data)) + " bytes)")
		}
		b.sec[i] = data[off : off+n]
	}
	b.str = b.sec[secStrings]
	if err := b.validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// validate checks every record; see Open.
func (b *Bundle) validate() error {
	size := func(s, rec int) error {
		if len(b.sec[s])%rec != 0 {
			return corrupt("section " + sectionNames[s] + " is " + itoa(len(b.sec[s])) + " bytes, not a multiple of " + itoa(rec))
		}
		return nil
	}
	for _, c := range [...]struct{ s, rec int }{
		{secDays, daySize}, {secRooms, refSize}, {secKinds, refSize}, {secTracks, refSize},
		{secSpeakers, spkSize}, {secLinks, linkSize}, {secSessions, sessSize}, {secTags, refSize},
		{secInts, 4}, {secBySlug, 4},
	} {
		if err := size(c.s, c.rec); err != nil {
			return err
		}
	}
	if len(b.sec[secConference]) != confSize {
		return corrupt("conference section is " + itoa(len(b.sec[secConference])) + " bytes, want " + itoa(confSize))
	}
	nd, nr, nt, nk := b.NumDays(), b.NumRooms(), b.NumTracks(), b.NumKinds()
	ns, nsp := b.NumSessions(), b.NumSpeakers()
	switch {
	case nd > maxSmallID:
		return corrupt(itoa(nd) + " days")
	case nr > maxSmallID:
		return corrupt(itoa(nr) + " rooms")
	case nt > maxSmallID:
		return corrupt(itoa(nt) + " tracks")
	case nk > maxKinds:
		return corrupt(itoa(nk) + " kinds")
	}
	// Strings.
	if !utf8.ValidString(b.str) {
		return corrupt("the string table is not valid UTF-8")
	}
	if err := b.refs(where{"conference", -1, ""}, b.sec[secConference], 0, 4); err != nil {
		return err
	}
	for _, c := range [...]struct {
		s, n, rec, refs int
	}{
		{secDays, nd, daySize, 1}, {secRooms, nr, refSize, 1}, {secKinds, nk, refSize, 1},
		{secTracks, nt, refSize, 1}, {secTags, len(b.sec[secTags]) / refSize, refSize, 1},
		{secLinks, len(b.sec[secLinks]) / linkSize, linkSize, 2},
	} {
		for i := range c.n {
			if err := b.refs(where{sectionNames[c.s], i, ""}, b.sec[c.s], i*c.rec, c.refs); err != nil {
				return err
			}
		}
	}
	nInts := len(b.sec[secInts]) / 4
	nLinks := len(b.sec[secLinks]) / linkSize
	nTags := len(b.sec[secTags]) / refSize
	spk := b.sec[secSpeakers]
	for i := range nsp {
		o := i * spkSize
		if err := b.refs(where{"speaker", i, ""}, spk, o, 5); err != nil {
			return err
		}
		if err := checkRange(where{"speaker", i, "links"}, spk, o+40, nLinks); err != nil {
			return err
		}
		if i > 0 && b.ref(spk, o) <= b.ref(spk, o-spkSize) {
			return corrupt("speakers not in strict slug order at " + itoa(i))
		}
	}
	ses := b.sec[secSessions]
	for i := range ns {
		o := i * sessSize
		if err := b.refs(where{"session", i, ""}, ses, o, 6); err != nil {
			return err
		}
		if err := checkRange(where{"session", i, "speakers"}, ses, o+64, nInts); err != nil {
			return err
		}
		if err := b.checkInts(where{"session", i, "speakers"}, ses, o+64, nsp); err != nil {
			return err
		}
		if err := checkRange(where{"session", i, "tags"}, ses, o+72, nTags); err != nil {
			return err
		}
		for _, f := range [...]struct {
			name string
			off  int
			n    int
		}{{"room", 80, nr}, {"track", 82, nt}, {"day", 84, nd}} {
			if v := u16(ses, o+f.off); v != none16 && int(v) >= f.n {
				return corrupt("session " + itoa(i) + ": " + f.name + " " + itoa(int(v)) + " out of range (" + itoa(f.n) + ")")
			}
		}
		if k := int(ses[o+86]); k >= nk {
			return corrupt("session " + itoa(i) + ": kind " + itoa(k) + " out of range (" + itoa(nk) + ")")
		}
	}
	for _, c := range [...]struct{ s, n int }{
		{secByDay, nd}, {secByRoom, nr}, {secBySpeaker, nsp}, {secByKind, nk}, {secByTrack, nt},
	} {
		sec, what := b.sec[c.s], sectionNames[c.s]
		if len(sec) != c.n*rangeSize {
			return corrupt("section " + what + " is " + itoa(len(sec)) + " bytes, want " + itoa(c.n*rangeSize))
		}
		for i := range c.n {
			if err := checkRange(where{what, i, ""}, sec, i*rangeSize, nInts); err != nil {
				return err
			}
			if err := b.checkInts(where{what, i, ""}, sec, i*rangeSize, ns); err != nil {
				return err
			}
		}
	}
	slug := b.sec[secBySlug]
	if len(slug) != 4*ns {
		return corrupt("by-slug index has " + itoa(len(slug)/4) + " entries, want " + itoa(ns))
	}
	for i := range ns {
		v := int(u32(slug, 4*i))
		if v >= ns {
			return corrupt("by-slug index: session " + itoa(v) + " out of range (" + itoa(ns) + ")")
		}
		if i > 0 && b.Session(v).Slug() < b.Session(int(u32(slug, 4*i-4))).Slug() {
			return corrupt("by-slug index not ordered at " + itoa(i))
		}
	}
	return nil
}

// where names a record in an error message; the string is only built when
// there is an error, so validation does not allocate.
type where struct {
	name  string
	i     int // record number, -1 for none
	field string
}

func (w where) String() string {
	s := w.name
	if w.i >= 0 {
		s += " " + itoa(w.i)
	}
	if w.field != "" {
		s += " " + w.field
	}
	return s
}

// refs checks n consecutive string refs in rec starting at byte o.
func (b *Bundle) refs(what where, rec string, o, n int) error {
	for j := range n {
		off, l := uint64(u32(rec, o+8*j)), uint64(u32(rec, o+8*j+4))
		if off+l > uint64(len(b.str)) {
			return corrupt(what.String() + ": string [" + itoa(int(off)) + ", +" + itoa(int(l)) + ") outside the string table (" + itoa(len(b.str)) + " bytes)")
		}
		// The table as a whole is valid UTF-8 (checked in validate), so a
		// string is valid if it starts and ends on rune boundaries.
		if l > 0 && (!utf8.RuneStart(b.str[off]) || off+l < uint64(len(b.str)) && !utf8.RuneStart(b.str[off+l])) {
			return corrupt(what.String() + ": string at " + itoa(int(off)) + " splits a character")
		}
	}
	return nil
}

// checkRange checks the range at byte o of rec against a section of n records.
func checkRange(what where, rec string, o, n int) error {
	first, count := uint64(u32(rec, o)), uint64(u32(rec, o+4))
	if first+count > uint64(n) {
		return corrupt(what.String() + ": range [" + itoa(int(first)) + ", +" + itoa(int(count)) + ") outside its section (" + itoa(n) + " entries)")
	}
	return nil
}

// checkInts checks that the ints in the (already checked) range at byte o of
// rec are all below n.
func (b *Bundle) checkInts(what where, rec string, o, n int) error {
	l := b.list(rec, o)
	for i := range l.n {
		if v := l.At(i); v >= n {
			return corrupt(what.String() + ": index " + itoa(v) + " out of range (" + itoa(n) + ")")
		}
	}
	return nil
}

// Conference returns the event's description.
func (b *Bundle) Conference() Conference {
	c := b.sec[secConference]
	return Conference{ID: b.ref(c, 0), Name: b.ref(c, 8), TimeZone: b.ref(c, 16), BaseURL: b.ref(c, 24)}
}

// NumDays returns the number of days with scheduled sessions.
func (b *Bundle) NumDays() int { return len(b.sec[secDays]) / daySize }

// Day returns day i, 0 <= i < NumDays(); days are in date order.
func (b *Bundle) Day(i int) Day {
	o := i * daySize
	d := b.sec[secDays][o : o+daySize]
	return Day{Date: b.ref(d, 0), StartUnix: int64(u64(d, 8)), Offset: int(int32(u32(d, 16)))}
}

// DayByDate returns the index of the day with the given date ("2025-10-09").
func (b *Bundle) DayByDate(date string) (int, bool) {
	for i := range b.NumDays() {
		if b.ref(b.sec[secDays], i*daySize) == date {
			return i, true
		}
	}
	return -1, false
}

// NumRooms returns the number of rooms.
func (b *Bundle) NumRooms() int { return len(b.sec[secRooms]) / refSize }

// Room returns the name of room i, 0 <= i < NumRooms(); rooms are in display order.
func (b *Bundle) Room(i int) string { return b.ref(b.sec[secRooms][i*refSize:(i+1)*refSize], 0) }

// RoomByName returns the index of the first room with the given name.
func (b *Bundle) RoomByName(name string) (int, bool) { return b.find(secRooms, name) }

// NumKinds returns the number of session kinds (the values of schedule.Kind).
func (b *Bundle) NumKinds() int { return len(b.sec[secKinds]) / refSize }

// Kind returns the name of kind k ("talk", "workshop", ...), 0 <= k < NumKinds().
func (b *Bundle) Kind(k int) string { return b.ref(b.sec[secKinds][k*refSize:(k+1)*refSize], 0) }

// KindByName returns the kind with the given name.
func (b *Bundle) KindByName(name string) (int, bool) { return b.find(secKinds, name) }

// NumTracks returns the number of distinct tracks.
func (b *Bundle) NumTracks() int { return len(b.sec[secTracks]) / refSize }

// Track returns the name of track i, 0 <= i < NumTracks(); tracks are sorted.
func (b *Bundle) Track(i int) string { return b.ref(b.sec[secTracks][i*refSize:(i+1)*refSize], 0) }

// TrackByName returns the index of the track with the given name.
func (b *Bundle) TrackByName(name string) (int, bool) { return b.find(secTracks, name) }

func (b *Bundle) find(s int, name string) (int, bool) {
	sec := b.sec[s]
	for i := 0; i+refSize <= len(sec); i += refSize {
		if b.ref(sec, i) == name {
			return i / refSize, true
		}
	}
	return -1, false
}

// NumSpeakers returns the number of speakers.
func (b *Bundle) NumSpeakers() int { return len(b.sec[secSpeakers]) / spkSize }

// Speaker returns speaker i, 0 <= i < NumSpeakers(); speakers are ordered by slug.
func (b *Bundle) Speaker(i int) Speaker {
	o := i * spkSize
	r := b.sec[secSpeakers][o : o+spkSize]
	first, n := int(u32(r, 40)), int(u32(r, 44))
	return Speaker{
		Slug: b.ref(r, 0), Name: b.ref(r, 8), Role: b.ref(r, 16), Bio: b.ref(r, 24), URL: b.ref(r, 32),
		Links: Links{b: b, rec: b.sec[secLinks][first*linkSize : (first+n)*linkSize], n: n},
	}
}

// SpeakerBySlug returns the index of the speaker with the given slug.
func (b *Bundle) SpeakerBySlug(slug string) (int, bool) {
	sec := b.sec[secSpeakers]
	lo, hi := 0, b.NumSpeakers()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if b.ref(sec, m*spkSize) < slug {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < b.NumSpeakers() && b.ref(sec, lo*spkSize) == slug {
		return lo, true
	}
	return -1, false
}

// NumSessions returns the number of sessions.
func (b *Bundle) NumSessions() int { return len(b.sec[secSessions]) / sessSize }

// Session returns session i, 0 <= i < NumSessions(); sessions are in
// programme order.
func (b *Bundle) Session(i int) Session {
	o := i * sessSize
	return Session{b: b, rec: b.sec[secSessions][o : o+sessSize], i: i}
}

// SessionBySlug returns the index of the session with the given slug.
func (b *Bundle) SessionBySlug(slug string) (int, bool) {
	idx := b.sec[secBySlug]
	n := len(idx) / 4
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if b.Session(int(u32(idx, 4*m))).Slug() < slug {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < n {
		if i := int(u32(idx, 4*lo)); b.Session(i).Slug() == slug {
			return i, true
		}
	}
	return -1, false
}

// The index accessors return the sessions with a given key, in programme
// order. A key out of range (such as -1 for "none") gives an empty List.

// SessionsOnDay returns the sessions that start on day d.
func (b *Bundle) SessionsOnDay(d int) List { return b.index(secByDay, d) }

// SessionsInRoom returns the sessions in room r.
func (b *Bundle) SessionsInRoom(r int) List { return b.index(secByRoom, r) }

// SessionsBySpeaker returns the sessions that speaker sp gives.
func (b *Bundle) SessionsBySpeaker(sp int) List { return b.index(secBySpeaker, sp) }

// SessionsOfKind returns the sessions of kind k.
func (b *Bundle) SessionsOfKind(k int) List { return b.index(secByKind, k) }

// SessionsInTrack returns the sessions in track t.
func (b *Bundle) SessionsInTrack(t int) List { return b.index(secByTrack, t) }

func (b *Bundle) index(s, key int) List {
	sec := b.sec[s]
	if key < 0 || key >= len(sec)/rangeSize {
		return List{}
	}
	return b.list(sec, key*rangeSize)
}

// list returns the (validated) range into ints at byte o of rec.
func (b *Bundle) list(rec string, o int) List {
	first, n := int(u32(rec, o)), int(u32(rec, o+4))
	return List{data: b.sec[secInts][4*first : 4*(first+n)], n: n}
}

// Session is a view of one session record. It is a small value; copying it
// is cheap and its methods do not allocate.
type Session struct {
	b   *Bundle
	rec string
	i   int
}

// Index returns the session's index in programme order.
func (s Session) Index() int { return s.i }

// Slug returns the session's unique key.
func (s Session) Slug() string { return s.b.ref(s.rec, 0) }

// Title returns the title.
func (s Session) Title() string { return s.b.ref(s.rec, 8) }

// Description returns the description, sanitised HTML.
func (s Session) Description() string { return s.b.ref(s.rec, 16) }

// URL returns the permalink, if any.
func (s Session) URL() string { return s.b.ref(s.rec, 24) }

// Location returns a street address for off-site sessions, if any.
func (s Session) Location() string { return s.b.ref(s.rec, 32) }

// Search returns the folded search text (see package fold).
func (s Session) Search() string { return s.b.ref(s.rec, 40) }

// Start returns the start as UTC unix seconds, 0 when unscheduled.
func (s Session) Start() int64 { return int64(u64(s.rec, 48)) }

// End returns the end as UTC unix seconds, 0 when unknown or unscheduled.
func (s Session) End() int64 { return int64(u64(s.rec, 56)) }

// Scheduled reports whether the session has a time (and so a day).
func (s Session) Scheduled() bool { return u16(s.rec, 84) != none16 }

// Day returns the index of the session's day, -1 when unscheduled.
func (s Session) Day() int { return opt16(u16(s.rec, 84)) }

// Room returns the session's room index, -1 when it has none.
func (s Session) Room() int { return opt16(u16(s.rec, 80)) }

// RoomName returns the session's room name, "" when it has none.
func (s Session) RoomName() string {
	if r := s.Room(); r >= 0 {
		return s.b.Room(r)
	}
	return ""
}

// Track returns the session's track index, -1 when it has none.
func (s Session) Track() int { return opt16(u16(s.rec, 82)) }

// TrackName returns the session's track, "" when it has none.
func (s Session) TrackName() string {
	if t := s.Track(); t >= 0 {
		return s.b.Track(t)
	}
	return ""
}

// Kind returns the session's kind; the values are those of schedule.Kind.
func (s Session) Kind() uint8 { return s.rec[86] }

// KindName returns the name of the session's kind.
func (s Session) KindName() string { return s.b.Kind(int(s.rec[86])) }

// Speakers returns the session's speakers (speaker indices) in billing order.
func (s Session) Speakers() List { return s.b.list(s.rec, 64) }

// NumSpeakers returns the number of speakers.
func (s Session) NumSpeakers() int { return int(u32(s.rec, 68)) }

// Speaker returns the index of the session's j-th speaker.
func (s Session) Speaker(j int) int { return s.Speakers().At(j) }

// NumTags returns the number of tags.
func (s Session) NumTags() int { return int(u32(s.rec, 76)) }

// Tag returns tag j, 0 <= j < NumTags().
func (s Session) Tag(j int) string {
	if j < 0 || j >= s.NumTags() {
		panic("bundle: tag index out of range")
	}
	o := (int(u32(s.rec, 72)) + j) * refSize
	return s.b.ref(s.b.sec[secTags][o:o+refSize], 0)
}

func opt16(v uint16) int {
	if v == none16 {
		return -1
	}
	return int(v)
}

// ref returns the string whose (validated) reference is at byte o of rec.
func (b *Bundle) ref(rec string, o int) string {
	off, n := int(u32(rec, o)), int(u32(rec, o+4))
	return b.str[off : off+n]
}

func u16(s string, o int) uint16 {
	_ = s[o+1]
	return uint16(s[o]) | uint16(s[o+1])<<8
}

func u32(s string, o int) uint32 {
	_ = s[o+3]
	return uint32(s[o]) | uint32(s[o+1])<<8 | uint32(s[o+2])<<16 | uint32(s[o+3])<<24
}

func u64(s string, o int) uint64 { return uint64(u32(s, o)) | uint64(u32(s, o+4))<<32 }

// bytesOf views s as a byte slice without copying, for hash/crc32, which only
// reads it.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

func itoa(i int) string { return strconv.Itoa(i) }

func truncated(want, have int) error {
	return errors.New("bundle: truncated: header says " + itoa(want) + " bytes, have " + itoa(have))
}

func shortHeader(have int) error {
	return errors.New("bundle: truncated: have " + itoa(have) + " bytes, the header alone is " + itoa(fixedHead+8*numSections))
}

func corrupt(msg string) error { return errors.New("bundle: corrupt: " + msg) }

func notBundle(data string) error {
	if len(data) > 4 {
		data = data[:4]
	}
	return errors.New("bundle: not an Agenda bundle (magic " + strconv.Quote(data) + ", want \"AGND\")")
}

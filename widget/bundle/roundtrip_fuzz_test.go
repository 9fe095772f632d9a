package bundle

import (
	"bytes"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/text/fold"

	"github.com/agendaconf/agenda/internal/schedfuzz"
)

// FuzzEncodeOpen builds a schedule from the input and encodes it. Encode may
// refuse it only for a documented reason and must not change it; when it
// accepts it, the encoding is deterministic (and, with unique slugs, does
// not depend on input order), Open accepts it, and every accessor gives back
// the model after Encode's documented normalisation (programme order,
// speakers by slug with stand-ins, unix seconds, derived days, tracks,
// languages and keywords). Days follow DayChange on the venue's wall clock, each beginning
// on its date at or before its sessions.
func FuzzEncodeOpen(f *testing.F) {
	for _, seed := range schedfuzz.Seeds() {
		f.Add(seed)
	}
	f.Fuzz(fuzzEncodeOpen)
}

func fuzzEncodeOpen(t *testing.T, data []byte) {
	s := schedfuzz.Schedule(data)
	before := cloneSchedule(s)
	enc, err := Encode(s)
	if !reflect.DeepEqual(s, before) {
		t.Fatal("Encode modified its input")
	}
	if err != nil {
		if !strings.HasPrefix(err.Error(), "bundle: ") {
			t.Fatalf("error without the package prefix: %v", err)
		}
		if encodable(s) {
			t.Fatalf("Encode refused a schedule with a loadable zone, known kinds and valid UTF-8: %v", err)
		}
		return
	}
	if again, err := Encode(s); err != nil || !bytes.Equal(enc, again) {
		t.Fatalf("a second encoding differs (err %v)", err)
	}
	if uniqueSlugs(s) {
		// Input order must not matter once slugs are unique (as
		// model.Check requires); reversing is the cheapest reorder.
		r := *s
		r.Sessions = slices.Clone(s.Sessions)
		r.Speakers = slices.Clone(s.Speakers)
		slices.Reverse(r.Sessions)
		slices.Reverse(r.Speakers)
		if other, err := Encode(&r); err != nil || !bytes.Equal(enc, other) {
			t.Fatalf("the encoding depends on the order of sessions or speakers (err %v)", err)
		}
	}
	b, err := Open(string(enc))
	if err != nil {
		t.Fatalf("Open rejects Encode's output: %v", err)
	}
	checkBundle(t, s, b)
	walk(b)
}

// cloneSchedule copies s deeply enough to tell whether Encode changed it.
func cloneSchedule(s *model.Schedule) *model.Schedule {
	c := *s
	c.Rooms = slices.Clone(s.Rooms)
	c.Speakers = slices.Clone(s.Speakers)
	for i := range c.Speakers {
		c.Speakers[i].Links = slices.Clone(c.Speakers[i].Links)
	}
	c.Sessions = slices.Clone(s.Sessions)
	for i := range c.Sessions {
		c.Sessions[i].Speakers = slices.Clone(c.Sessions[i].Speakers)
		c.Sessions[i].Tags = slices.Clone(c.Sessions[i].Tags)
	}
	return &c
}

// encodable reports whether s meets every condition Encode documents (a
// loadable zone, known kinds, valid UTF-8), so that it must not refuse it.
func encodable(s *model.Schedule) bool {
	if s.Conference.TimeZone == "" {
		return false
	}
	if _, err := time.LoadLocation(s.Conference.TimeZone); err != nil {
		return false
	}
	strs := []string{s.Conference.ID, s.Conference.Name, s.Conference.TimeZone, s.Conference.BaseURL}
	strs = append(strs, s.Rooms...)
	for _, sp := range s.Speakers {
		strs = append(strs, sp.Slug, sp.Name, sp.Role, sp.Bio, sp.URL)
		for _, l := range sp.Links {
			strs = append(strs, l.Label, l.URL)
		}
	}
	for _, ss := range s.Sessions {
		if int(ss.Kind) >= len(model.Kinds()) {
			return false
		}
		strs = append(strs, ss.Slug, ss.Title, ss.Room, ss.Track, ss.Language, ss.Description, ss.URL, ss.Location)
		strs = append(strs, ss.Speakers...)
		strs = append(strs, ss.Tags...)
	}
	for _, v := range strs {
		if !utf8.ValidString(v) {
			return false
		}
	}
	return true
}

func uniqueSlugs(s *model.Schedule) bool {
	seen := map[string]bool{}
	for _, ss := range s.Sessions {
		if seen[ss.Slug] {
			return false
		}
		seen[ss.Slug] = true
	}
	clear(seen)
	for _, sp := range s.Speakers {
		if seen[sp.Slug] {
			return false
		}
		seen[sp.Slug] = true
	}
	return true
}

// checkBundle compares every accessor of b with s, encoded into it.
func checkBundle(t *testing.T, s *model.Schedule, b *Bundle) {
	t.Helper()
	c := cloneSchedule(s)
	c.Sort()
	loc, err := time.LoadLocation(c.Conference.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Conference(), (Conference{c.Conference.ID, c.Conference.Name, c.Conference.TimeZone, c.Conference.BaseURL}); got != want {
		t.Fatalf("Conference() = %+v, want %+v", got, want)
	}

	days := c.Days(loc)
	if b.NumDays() != len(days) {
		t.Fatalf("NumDays() = %d, want %d", b.NumDays(), len(days))
	}
	for i, d := range days {
		if got := b.Day(i); got != (Day{d.Date, d.StartUnix}) {
			t.Fatalf("Day(%d) = %+v, want %+v", i, got, d)
		}
		if j, ok := b.DayByDate(d.Date); !ok || j != i {
			t.Fatalf("DayByDate(%q) = %d, %v, want %d", d.Date, j, ok, i)
		}
	}

	if !slices.Equal(strs(b.NumRooms(), b.Room), c.Rooms) {
		t.Fatalf("rooms %q, want %q", strs(b.NumRooms(), b.Room), c.Rooms)
	}
	for _, r := range c.Rooms {
		if j, ok := b.RoomByName(r); !ok || j != slices.Index(c.Rooms, r) {
			t.Fatalf("RoomByName(%q) = %d, %v", r, j, ok)
		}
	}
	var kinds []string
	for _, k := range model.Kinds() {
		kinds = append(kinds, k.String())
	}
	if !slices.Equal(strs(b.NumKinds(), b.Kind), kinds) {
		t.Fatalf("kinds %q", strs(b.NumKinds(), b.Kind))
	}
	var tracks []string
	for _, ss := range c.Sessions {
		if ss.Track != "" && !slices.Contains(tracks, ss.Track) {
			tracks = append(tracks, ss.Track)
		}
	}
	sort.Strings(tracks)
	if !slices.Equal(strs(b.NumTracks(), b.Track), tracks) {
		t.Fatalf("tracks %q, want %q", strs(b.NumTracks(), b.Track), tracks)
	}
	var langs []string
	for _, ss := range c.Sessions {
		if ss.Language != "" && !slices.Contains(langs, ss.Language) {
			langs = append(langs, ss.Language)
		}
	}
	sort.Strings(langs)
	if !slices.Equal(strs(b.NumLanguages(), b.Language), langs) {
		t.Fatalf("languages %q, want %q", strs(b.NumLanguages(), b.Language), langs)
	}
	for i, l := range langs {
		if j, ok := b.LanguageByName(l); !ok || j != i {
			t.Fatalf("LanguageByName(%q) = %d, %v, want %d", l, j, ok, i)
		}
	}

	// Speakers: the first of each slug in slug order, then stand-ins for
	// slugs that sessions name but no speaker has.
	bySlug := map[string]*model.Speaker{}
	for i := range c.Speakers {
		if bySlug[c.Speakers[i].Slug] == nil {
			bySlug[c.Speakers[i].Slug] = &c.Speakers[i]
		}
	}
	for _, ss := range c.Sessions {
		for _, sl := range ss.Speakers {
			if bySlug[sl] == nil {
				bySlug[sl] = &model.Speaker{Slug: sl, Name: sl}
			}
		}
	}
	var slugs []string
	for sl := range bySlug {
		slugs = append(slugs, sl)
	}
	sort.Strings(slugs)
	if b.NumSpeakers() != len(slugs) {
		t.Fatalf("NumSpeakers() = %d, want %d", b.NumSpeakers(), len(slugs))
	}
	for i, sl := range slugs {
		got, want := b.Speaker(i), bySlug[sl]
		if got.Slug != want.Slug || got.Name != want.Name || got.Role != want.Role || got.Bio != want.Bio || got.URL != want.URL || got.Links.Len() != len(want.Links) {
			t.Fatalf("Speaker(%d) = %+v, want %+v", i, got, *want)
		}
		for j, l := range want.Links {
			if got.Links.At(j) != (Link{l.Label, l.URL}) {
				t.Fatalf("Speaker(%d) link %d = %+v, want %+v", i, j, got.Links.At(j), l)
			}
		}
		if j, ok := b.SpeakerBySlug(sl); !ok || j != i {
			t.Fatalf("SpeakerBySlug(%q) = %d, %v, want %d", sl, j, ok, i)
		}
	}

	if b.NumSessions() != len(c.Sessions) {
		t.Fatalf("NumSessions() = %d, want %d", b.NumSessions(), len(c.Sessions))
	}
	inYears, dayRule := true, c.Conference.DayChange >= 0 && c.Conference.DayChange < 24*time.Hour
	want := map[[2]int][]int{} // {index, key} → sessions, for the index lists
	for i := range c.Sessions {
		ss, got := &c.Sessions[i], b.Session(i)
		for _, f := range []struct{ name, got, want string }{
			{"Slug", got.Slug(), ss.Slug}, {"Title", got.Title(), ss.Title}, {"Description", got.Description(), ss.Description},
			{"URL", got.URL(), ss.URL}, {"Location", got.Location(), ss.Location}, {"RoomName", got.RoomName(), ss.Room},
			{"TrackName", got.TrackName(), ss.Track}, {"KindName", got.KindName(), ss.Kind.String()},
			{"LanguageName", got.LanguageName(), ss.Language},
		} {
			if f.got != f.want {
				t.Fatalf("session %d %s = %q, want %q", i, f.name, f.got, f.want)
			}
		}
		if got.Index() != i || got.Kind() != uint8(ss.Kind) {
			t.Fatalf("session %d: Index %d, Kind %d, want kind %d", i, got.Index(), got.Kind(), ss.Kind)
		}
		room := -1
		if ss.Room != "" {
			room = slices.Index(c.Rooms, ss.Room)
		}
		if got.Room() != room {
			t.Fatalf("session %d Room() = %d, want %d", i, got.Room(), room)
		}
		if tr := slices.Index(tracks, ss.Track); got.Track() != tr {
			t.Fatalf("session %d Track() = %d, want %d", i, got.Track(), tr)
		}
		if l := slices.Index(langs, ss.Language); got.Language() != l {
			t.Fatalf("session %d Language() = %d, want %d", i, got.Language(), l)
		}
		var start, end int64
		if ss.Scheduled() {
			start = ss.Start.Unix()
		}
		if !ss.End.IsZero() {
			end = ss.End.Unix()
		}
		if got.Start() != start || got.End() != end || got.Scheduled() != ss.Scheduled() {
			t.Fatalf("session %d: start %d end %d scheduled %v, want %d %d %v", i, got.Start(), got.End(), got.Scheduled(), start, end, ss.Scheduled())
		}
		day := -1
		if ss.Scheduled() {
			day, _ = b.DayByDate(c.DayOf(ss.Start, loc))
			if y := ss.Start.UTC().Year(); y < model.MinYear || y > model.MaxYear {
				inYears = false
			}
		}
		if got.Day() != day || (ss.Scheduled() && day < 0) {
			t.Fatalf("session %d Day() = %d, want %d", i, got.Day(), day)
		}
		if ss.Scheduled() && dayRule {
			// The day by its documented meaning: the venue's wall clock
			// before the day change is still the day before.
			if d, w := b.Day(day).Date, schedfuzz.WallDay(ss.Start, loc, c.Conference.DayChange); d != w && w != "" {
				t.Fatalf("session %d at %v (day change %v) is on day %s, want %s", i, ss.Start.In(loc), c.Conference.DayChange, d, w)
			}
		}

		names := []string{ss.Title}
		if got.NumSpeakers() != len(ss.Speakers) || got.Speakers().Len() != len(ss.Speakers) {
			t.Fatalf("session %d has %d speakers, want %d", i, got.NumSpeakers(), len(ss.Speakers))
		}
		for j, sl := range ss.Speakers {
			sp := got.Speaker(j)
			if b.Speaker(sp).Slug != sl {
				t.Fatalf("session %d speaker %d = %q, want %q", i, j, b.Speaker(sp).Slug, sl)
			}
			names = append(names, b.Speaker(sp).Name)
			if !slices.Contains(want[[2]int{ixSpeaker, sp}], i) {
				want[[2]int{ixSpeaker, sp}] = append(want[[2]int{ixSpeaker, sp}], i)
			}
		}
		if got.NumTags() != len(ss.Tags) {
			t.Fatalf("session %d has %d tags, want %d", i, got.NumTags(), len(ss.Tags))
		}
		for j, tag := range ss.Tags {
			if got.Tag(j) != tag {
				t.Fatalf("session %d tag %d = %q, want %q", i, j, got.Tag(j), tag)
			}
		}
		search := fold.Fold(strings.Join(append(append(names, ss.Room, ss.Track), ss.Tags...), " "))
		if got.Search() != search {
			t.Fatalf("session %d Search() = %q, want %q", i, got.Search(), search)
		}
		if j, ok := b.SessionBySlug(ss.Slug); !ok || c.Sessions[j].Slug != ss.Slug {
			t.Fatalf("SessionBySlug(%q) = %d, %v", ss.Slug, j, ok)
		}
		for _, k := range [][2]int{{ixDay, got.Day()}, {ixRoom, got.Room()}, {ixKind, int(got.Kind())}, {ixTrack, got.Track()}, {ixLanguage, got.Language()}} {
			if k[1] >= 0 {
				want[k] = append(want[k], i)
			}
		}
	}
	for _, ix := range []struct {
		ix, n int
		get   func(int) List
	}{
		{ixDay, b.NumDays(), b.SessionsOnDay}, {ixRoom, b.NumRooms(), b.SessionsInRoom}, {ixSpeaker, b.NumSpeakers(), b.SessionsBySpeaker},
		{ixKind, b.NumKinds(), b.SessionsOfKind}, {ixTrack, b.NumTracks(), b.SessionsInTrack},
		{ixLanguage, b.NumLanguages(), b.SessionsInLanguage},
	} {
		for k := range ix.n {
			l := ix.get(k)
			var got []int
			for i := range l.Len() {
				got = append(got, l.At(i))
			}
			if w := want[[2]int{ix.ix, k}]; !slices.Equal(got, w) {
				t.Fatalf("index %d key %d lists sessions %v, want %v", ix.ix, k, got, w)
			}
		}
	}

	// Each day begins on its date, at or before its sessions. Only within
	// the model's years (Days formats and parses dates, which holds
	// four-digit years) and for a day change that is a time of day.
	if !inYears || !dayRule {
		return
	}
	for i := range b.NumDays() {
		d := b.Day(i)
		if got := time.Unix(d.StartUnix, 0).In(loc); got.Format("2006-01-02") != d.Date {
			t.Fatalf("day %s begins at %v (day change %v)", d.Date, got, c.Conference.DayChange)
		}
	}
	for i := range c.Sessions {
		ss, got := &c.Sessions[i], b.Session(i)
		if !got.Scheduled() {
			continue
		}
		if d := b.Day(got.Day()); d.StartUnix > got.Start() {
			t.Fatalf("session %d starts at %v, before its day %s begins (%v)", i, ss.Start.In(loc), d.Date, time.Unix(d.StartUnix, 0).In(loc))
		}
	}
}

func strs(n int, at func(int) string) []string {
	var out []string
	for i := range n {
		out = append(out, at(i))
	}
	return out
}

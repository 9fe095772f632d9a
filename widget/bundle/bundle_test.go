package bundle

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/text/fold"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// small is the hand-built schedule of the round-trip and golden tests: two
// days, three rooms, several speakers per session, an unscheduled session, a
// session naming an unknown speaker, non-ASCII text, tags, tracks and
// languages (some unknown).
func small(t testing.TB) *model.Schedule {
	loc := paris(t)
	at := func(day, h, m int) time.Time { return time.Date(2025, 10, day, h, m, 0, 0, loc).UTC() }
	return &model.Schedule{
		Conference: model.Conference{ID: "agenda-2025", Name: "Agenda Conf 2025 — Paris", TimeZone: "Europe/Paris", BaseURL: "https://conf.example/"},
		Rooms:      []string{"Main Stage", "Salle Ø"},
		Speakers: []model.Speaker{
			{Slug: "jose", Name: "José Fernández", Role: "Engineer at Ñandú", Bio: "<p>Writes &amp; talks.</p>", URL: "https://jose.example",
				Links: []model.Link{{Label: "Mastodon", URL: "https://m.example/@jose"}, {Label: "GitHub", URL: "https://github.com/jose"}}},
			{Slug: "ana", Name: "Ana Łukasiewicz", Role: "Researcher"},
			{Slug: "bob", Name: "Bob", Links: []model.Link{{Label: "Web", URL: "https://bob.example"}}},
		},
		Sessions: []model.Session{
			{Slug: "tbd", Title: "To be announced", Speakers: []string{"ghost"}},
			{Slug: "zero-copy", Title: "Zero-Copy Decoding: Ünïcödé ✓", Room: "Salle Ø", Start: at(9, 10, 30), End: at(9, 11, 15),
				Speakers: []string{"jose"}, Track: "Performance", Language: "en", Tags: []string{"go", "wasm"},
				Description: "<p>Strings &amp; <em>slices</em>, &lt;no&gt; copies&#33;</p>", URL: "https://conf.example/zero-copy"},
			{Slug: "keynote", Title: "Opening Keynote", Room: "Main Stage", Start: at(9, 9, 0), End: at(9, 10, 0),
				Speakers: []string{"ana", "bob", "ana"}, Track: "Opening", Language: "Français", Tags: []string{"keynote"}},
			{Slug: "workshop", Title: "Hands-on Fuzzing", Kind: model.Workshop, Room: "Room B", Start: at(10, 9, 0), End: at(10, 12, 0),
				Speakers: []string{"ana", "jose"}, Track: "Performance", Language: "en"},
			{Slug: "lunch", Title: "Lunch", Kind: model.Break, Start: at(10, 12, 0), End: at(10, 13, 0)},
			{Slug: "river", Title: "Boat trip on the Seine", Kind: model.Activity, Start: at(10, 19, 0), End: at(10, 23, 0),
				Location: "Port de la Bourdonnais, 75007 Paris", Tags: []string{"social"}},
			{Slug: "parallel", Title: "Parallel talk", Room: "Room B", Start: at(9, 9, 0)},
		},
	}
}

func encode(t testing.TB, s *model.Schedule) []byte {
	t.Helper()
	data, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func open(t testing.TB, data []byte) *Bundle {
	t.Helper()
	b, err := Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoundTripSmall(t *testing.T) {
	s := small(t)
	b := open(t, encode(t, s))
	verify(t, s, b)

	if got, want := b.Conference(), (Conference{ID: "agenda-2025", Name: "Agenda Conf 2025 — Paris", TimeZone: "Europe/Paris", BaseURL: "https://conf.example/"}); got != want {
		t.Errorf("Conference() = %+v, want %+v", got, want)
	}
	wantDays := []Day{
		{Date: "2025-10-09", StartUnix: time.Date(2025, 10, 8, 22, 0, 0, 0, time.UTC).Unix()},
		{Date: "2025-10-10", StartUnix: time.Date(2025, 10, 9, 22, 0, 0, 0, time.UTC).Unix()},
	}
	if b.NumDays() != len(wantDays) {
		t.Fatalf("NumDays() = %d", b.NumDays())
	}
	for i, d := range wantDays {
		if got := b.Day(i); got != d {
			t.Errorf("Day(%d) = %+v, want %+v", i, got, d)
		}
	}
	var rooms []string
	for i := range b.NumRooms() {
		rooms = append(rooms, b.Room(i))
	}
	if want := []string{"Main Stage", "Salle Ø", "Room B"}; !slices.Equal(rooms, want) {
		t.Errorf("rooms = %q, want %q", rooms, want)
	}
	var order []string
	for i := range b.NumSessions() {
		order = append(order, b.Session(i).Slug())
	}
	if want := []string{"keynote", "parallel", "zero-copy", "workshop", "lunch", "river", "tbd"}; !slices.Equal(order, want) {
		t.Errorf("programme order = %q, want %q", order, want)
	}
	var spk []string
	for i := range b.NumSpeakers() {
		spk = append(spk, b.Speaker(i).Slug)
	}
	if want := []string{"ana", "bob", "ghost", "jose"}; !slices.Equal(spk, want) {
		t.Errorf("speakers = %q, want %q", spk, want)
	}
	if g := b.Speaker(2); g.Name != "ghost" || g.Links.Len() != 0 {
		t.Errorf("stand-in speaker = %+v", g)
	}
	j := b.Speaker(3)
	if j.Name != "José Fernández" || j.Role != "Engineer at Ñandú" || j.Links.Len() != 2 || j.Links.At(1) != (Link{"GitHub", "https://github.com/jose"}) {
		t.Errorf("jose = %+v", j)
	}

	i, ok := b.SessionBySlug("zero-copy")
	if !ok {
		t.Fatal("zero-copy not found")
	}
	z := b.Session(i)
	checks := []struct{ name, got, want string }{
		{"Title", z.Title(), "Zero-Copy Decoding: Ünïcödé ✓"},
		{"RoomName", z.RoomName(), "Salle Ø"},
		{"TrackName", z.TrackName(), "Performance"},
		{"LanguageName", z.LanguageName(), "en"},
		{"KindName", z.KindName(), "talk"},
		{"URL", z.URL(), "https://conf.example/zero-copy"},
		{"Search", z.Search(), "zero copy decoding unicode jose fernandez salle o performance go wasm"},
		{"Tags", z.Tag(0) + "," + z.Tag(1), "go,wasm"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("zero-copy %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if k, _ := b.SessionBySlug("keynote"); b.Session(k).NumSpeakers() != 3 || b.SessionsBySpeaker(0).Len() != 2 {
		t.Errorf("keynote speakers %d, ana's sessions %d", b.Session(k).NumSpeakers(), b.SessionsBySpeaker(0).Len())
	}
	tbd := b.Session(b.NumSessions() - 1)
	if tbd.Scheduled() || tbd.Day() != -1 || tbd.Start() != 0 || tbd.End() != 0 || tbd.Room() != -1 || tbd.Track() != -1 || tbd.Language() != -1 || tbd.LanguageName() != "" {
		t.Errorf("tbd: scheduled %v day %d start %d end %d room %d track %d language %d", tbd.Scheduled(), tbd.Day(), tbd.Start(), tbd.End(), tbd.Room(), tbd.Track(), tbd.Language())
	}
	// Languages: distinct, sorted (bytewise), each with its sessions in
	// programme order.
	var langs []string
	for i := range b.NumLanguages() {
		langs = append(langs, b.Language(i))
	}
	if want := []string{"Français", "en"}; !slices.Equal(langs, want) {
		t.Errorf("languages = %q, want %q", langs, want)
	}
	for _, q := range []struct {
		name  string
		index int
		ok    bool
		slugs []string
	}{
		{"en", 1, true, []string{"zero-copy", "workshop"}},
		{"Français", 0, true, []string{"keynote"}},
		{"fr", -1, false, nil},
		{"", -1, false, nil},
	} {
		i, ok := b.LanguageByName(q.name)
		if i != q.index || ok != q.ok {
			t.Errorf("LanguageByName(%q) = %d, %v; want %d, %v", q.name, i, ok, q.index, q.ok)
		}
		var got []string
		l := b.SessionsInLanguage(i)
		for j := range l.Len() {
			got = append(got, b.Session(l.At(j)).Slug())
		}
		if !slices.Equal(got, q.slugs) {
			t.Errorf("SessionsInLanguage(%d) = %q, want %q", i, got, q.slugs)
		}
	}
	for _, q := range []struct {
		slug string
		ok   bool
	}{{"keynote", true}, {"tbd", true}, {"zzz", false}, {"", false}, {"a", false}} {
		if _, ok := b.SessionBySlug(q.slug); ok != q.ok {
			t.Errorf("SessionBySlug(%q) ok = %v", q.slug, ok)
		}
	}
	if _, ok := b.SpeakerBySlug("nobody"); ok {
		t.Error("SpeakerBySlug(nobody) found")
	}
	if b.SessionsInRoom(-1).Len() != 0 || b.SessionsOnDay(99).Len() != 0 || b.SessionsInLanguage(2).Len() != 0 {
		t.Error("out-of-range keys give non-empty lists")
	}
}

// verify checks every accessor of b against the schedule s it was encoded from.
func verify(t *testing.T, s *model.Schedule, b *Bundle) {
	t.Helper()
	c := *s
	c.Rooms = slices.Clone(s.Rooms)
	c.Sessions = slices.Clone(s.Sessions)
	c.Speakers = slices.Clone(s.Speakers)
	c.Sort()
	loc, err := time.LoadLocation(c.Conference.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	if b.Conference() != (Conference{c.Conference.ID, c.Conference.Name, c.Conference.TimeZone, c.Conference.BaseURL}) {
		t.Errorf("conference %+v", b.Conference())
	}
	days := c.Days(loc)
	if b.NumDays() != len(days) {
		t.Fatalf("NumDays %d, want %d", b.NumDays(), len(days))
	}
	for i, d := range days {
		if got := b.Day(i); got != (Day{d.Date, d.StartUnix}) {
			t.Errorf("Day(%d) = %+v, want %+v", i, got, d)
		}
		if j, ok := b.DayByDate(d.Date); !ok || j != i {
			t.Errorf("DayByDate(%q) = %d, %v", d.Date, j, ok)
		}
	}
	if b.NumRooms() != len(c.Rooms) {
		t.Fatalf("NumRooms %d, want %d", b.NumRooms(), len(c.Rooms))
	}
	for i, r := range c.Rooms {
		if b.Room(i) != r {
			t.Errorf("Room(%d) = %q, want %q", i, b.Room(i), r)
		}
	}
	for k, kind := range model.Kinds() {
		if b.Kind(k) != kind.String() {
			t.Errorf("Kind(%d) = %q", k, b.Kind(k))
		}
		if j, ok := b.KindByName(kind.String()); !ok || j != k {
			t.Errorf("KindByName(%q) = %d, %v", kind, j, ok)
		}
	}
	speakerByIndex := func(i int) *model.Speaker {
		return c.Speaker(b.Speaker(i).Slug)
	}
	for i := range b.NumSpeakers() {
		got := b.Speaker(i)
		if i > 0 && b.Speaker(i-1).Slug >= got.Slug {
			t.Errorf("speakers not ordered at %d", i)
		}
		if j, ok := b.SpeakerBySlug(got.Slug); !ok || j != i {
			t.Errorf("SpeakerBySlug(%q) = %d, %v", got.Slug, j, ok)
		}
		want := speakerByIndex(i)
		if want == nil {
			if got.Name != got.Slug || got.Links.Len() != 0 {
				t.Errorf("stand-in speaker %+v", got)
			}
			continue
		}
		if got.Name != want.Name || got.Role != want.Role || got.Bio != want.Bio || got.URL != want.URL || got.Links.Len() != len(want.Links) {
			t.Errorf("Speaker(%d) = %+v, want %+v", i, got, want)
			continue
		}
		for j, l := range want.Links {
			if got.Links.At(j) != (Link{l.Label, l.URL}) {
				t.Errorf("Speaker(%d) link %d = %+v, want %+v", i, j, got.Links.At(j), l)
			}
		}
	}
	if b.NumSessions() != len(c.Sessions) {
		t.Fatalf("NumSessions %d, want %d", b.NumSessions(), len(c.Sessions))
	}
	var tracks []string
	for i := range b.NumTracks() {
		tracks = append(tracks, b.Track(i))
	}
	if !slices.IsSorted(tracks) {
		t.Errorf("tracks not sorted: %q", tracks)
	}
	var langs []string
	for _, ss := range c.Sessions {
		if ss.Language != "" && !slices.Contains(langs, ss.Language) {
			langs = append(langs, ss.Language)
		}
	}
	slices.Sort(langs)
	if got := strs(b.NumLanguages(), b.Language); !slices.Equal(got, langs) {
		t.Errorf("languages = %q, want %q", got, langs)
	}
	for i, l := range langs {
		if j, ok := b.LanguageByName(l); !ok || j != i {
			t.Errorf("LanguageByName(%q) = %d, %v", l, j, ok)
		}
	}
	byDay := make([][]int, b.NumDays())
	byRoom := make([][]int, b.NumRooms())
	bySpeaker := make([][]int, b.NumSpeakers())
	byKind := make([][]int, b.NumKinds())
	byTrack := make([][]int, b.NumTracks())
	byLanguage := make([][]int, b.NumLanguages())
	for i := range c.Sessions {
		want := &c.Sessions[i]
		got := b.Session(i)
		if got.Index() != i {
			t.Errorf("Index() = %d, want %d", got.Index(), i)
		}
		for _, f := range []struct{ name, got, want string }{
			{"Slug", got.Slug(), want.Slug}, {"Title", got.Title(), want.Title},
			{"Description", got.Description(), want.Description}, {"URL", got.URL(), want.URL},
			{"Location", got.Location(), want.Location}, {"RoomName", got.RoomName(), want.Room},
			{"TrackName", got.TrackName(), want.Track}, {"KindName", got.KindName(), want.Kind.String()},
			{"LanguageName", got.LanguageName(), want.Language},
		} {
			if f.got != f.want {
				t.Errorf("session %d %s = %q, want %q", i, f.name, f.got, f.want)
			}
		}
		if got.Kind() != uint8(want.Kind) {
			t.Errorf("session %d Kind = %d", i, got.Kind())
		}
		var start, end int64
		if want.Scheduled() {
			start = want.Start.Unix()
		}
		if !want.End.IsZero() {
			end = want.End.Unix()
		}
		if got.Start() != start || got.End() != end || got.Scheduled() != want.Scheduled() {
			t.Errorf("session %d times %d-%d %v, want %d-%d", i, got.Start(), got.End(), got.Scheduled(), start, end)
		}
		if want.Scheduled() {
			d, _ := b.DayByDate(want.Start.In(loc).Format("2006-01-02"))
			if got.Day() != d {
				t.Errorf("session %d Day = %d, want %d", i, got.Day(), d)
			}
			byDay[d] = append(byDay[d], i)
		} else if got.Day() != -1 {
			t.Errorf("unscheduled session %d has day %d", i, got.Day())
		}
		if r := got.Room(); r >= 0 {
			byRoom[r] = append(byRoom[r], i)
		}
		if tr := got.Track(); tr >= 0 {
			byTrack[tr] = append(byTrack[tr], i)
		}
		if l := got.Language(); l != slices.Index(langs, want.Language) {
			t.Errorf("session %d Language = %d, want %d", i, l, slices.Index(langs, want.Language))
		} else if l >= 0 {
			byLanguage[l] = append(byLanguage[l], i)
		}
		byKind[got.Kind()] = append(byKind[got.Kind()], i)
		if got.NumSpeakers() != len(want.Speakers) || got.Speakers().Len() != len(want.Speakers) {
			t.Errorf("session %d has %d speakers, want %d", i, got.NumSpeakers(), len(want.Speakers))
			continue
		}
		seen := map[int]bool{}
		var names []string
		for j, sl := range want.Speakers {
			sp := got.Speaker(j)
			if b.Speaker(sp).Slug != sl {
				t.Errorf("session %d speaker %d = %q, want %q", i, j, b.Speaker(sp).Slug, sl)
			}
			names = append(names, b.Speaker(sp).Name)
			if !seen[sp] {
				seen[sp] = true
				bySpeaker[sp] = append(bySpeaker[sp], i)
			}
		}
		if got.NumTags() != len(want.Tags) {
			t.Errorf("session %d has %d tags, want %d", i, got.NumTags(), len(want.Tags))
		} else {
			for j, tag := range want.Tags {
				if got.Tag(j) != tag {
					t.Errorf("session %d tag %d = %q, want %q", i, j, got.Tag(j), tag)
				}
			}
		}
		search := fold.Fold(strings.Join(append(append(append([]string{want.Title}, names...), want.Room, want.Track), want.Tags...), " "))
		if got.Search() != search {
			t.Errorf("session %d Search = %q, want %q", i, got.Search(), search)
		}
		if j, ok := b.SessionBySlug(want.Slug); !ok || c.Sessions[j].Slug != want.Slug {
			t.Errorf("SessionBySlug(%q) = %d, %v", want.Slug, j, ok)
		}
	}
	for _, ix := range []struct {
		name string
		want [][]int
		get  func(int) List
	}{
		{"day", byDay, b.SessionsOnDay}, {"room", byRoom, b.SessionsInRoom}, {"speaker", bySpeaker, b.SessionsBySpeaker},
		{"kind", byKind, b.SessionsOfKind}, {"track", byTrack, b.SessionsInTrack}, {"language", byLanguage, b.SessionsInLanguage},
	} {
		for k, want := range ix.want {
			l := ix.get(k)
			var got []int
			for i := range l.Len() {
				got = append(got, l.At(i))
			}
			if !slices.Equal(got, want) {
				t.Errorf("sessions by %s %d = %v, want %v", ix.name, k, got, want)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    func(testing.TB) *model.Schedule
	}{{"small", small}, {"synthetic", synthetic}} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.s(t)
			a := encode(t, s)
			if b := encode(t, s); !bytes.Equal(a, b) {
				t.Fatal("two encodings differ")
			}
			r := rand.New(rand.NewPCG(1, 2))
			for range 5 {
				c := *s
				c.Sessions = slices.Clone(s.Sessions)
				c.Speakers = slices.Clone(s.Speakers)
				r.Shuffle(len(c.Sessions), func(i, j int) { c.Sessions[i], c.Sessions[j] = c.Sessions[j], c.Sessions[i] })
				r.Shuffle(len(c.Speakers), func(i, j int) { c.Speakers[i], c.Speakers[j] = c.Speakers[j], c.Speakers[i] })
				if b := encode(t, &c); !bytes.Equal(a, b) {
					t.Fatal("encoding of shuffled input differs")
				}
			}
		})
	}
}

func TestEncodeDoesNotModify(t *testing.T) {
	s := small(t)
	before := small(t)
	encode(t, s)
	for i := range s.Sessions {
		if s.Sessions[i].Slug != before.Sessions[i].Slug {
			t.Fatal("Encode reordered its input")
		}
	}
	if !slices.Equal(s.Rooms, before.Rooms) {
		t.Fatalf("Encode changed Rooms to %q", s.Rooms)
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*model.Schedule)
		want string
	}{
		{"no zone", func(s *model.Schedule) { s.Conference.TimeZone = "" }, "bundle: the conference has no time zone"},
		{"bad zone", func(s *model.Schedule) { s.Conference.TimeZone = "Mars/Olympus" }, `bundle: time zone "Mars/Olympus": `},
		{"bad kind", func(s *model.Schedule) { s.Sessions[0].Kind = 9 }, `bundle: session "tbd": unknown kind 9`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := small(t)
			tc.edit(s)
			_, err := Encode(s)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	s := &model.Schedule{Conference: model.Conference{TimeZone: "UTC"}}
	b := open(t, encode(t, s))
	verify(t, s, b)
	walk(b)
}

func TestGolden(t *testing.T) {
	data := encode(t, small(t))
	path := filepath.Join("testdata", "small.golden")
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./widget/bundle -update)", err)
	}
	if !bytes.Equal(data, want) {
		t.Fatalf("encoding differs from %s (%d bytes, want %d); if the change is intended run go test ./widget/bundle -update", path, len(data), len(want))
	}
	// The golden file must keep opening: it is also a decoder test.
	verify(t, small(t), open(t, want))
}

func TestOpenErrors(t *testing.T) {
	valid := encode(t, small(t))
	patch := func(off int, v ...byte) []byte {
		d := slices.Clone(valid)
		copy(d[off:], v)
		return d
	}
	le32 := func(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bundle: truncated: have 0 bytes, the header alone is 140"},
		{"magic prefix", []byte("AG"), "bundle: truncated: have 2 bytes"},
		{"foreign", []byte("\x89PNG\r\n\x1a\n rest of an image"), `bundle: not an Agenda bundle (magic "\x89PNG", want "AGND")`},
		{"short foreign", []byte("{}"), `bundle: not an Agenda bundle (magic "{}"`},
		{"json", []byte(`{"schedule": {}}`), `bundle: not an Agenda bundle (magic "{\"sc"`},
		{"version", patch(4, 9, 0), "bundle: version 9 not supported (this build reads 4)"},
		{"flags", patch(6, 1, 0), "bundle: unknown flags 0x1"},
		{"truncated", valid[:1000], "bundle: truncated: header says " + strconv.Itoa(len(valid)) + " bytes, have 1000"},
		{"trailing", append(slices.Clone(valid), 0), "bundle: length mismatch: header says " + strconv.Itoa(len(valid)) + " bytes, have " + strconv.Itoa(len(valid)+1)},
		{"checksum", patch(len(valid)-1, valid[len(valid)-1]^1), "bundle: checksum mismatch (file corrupted?)"},
		{"sections", fixChecksum(patch(16, le32(3)...)), "bundle: corrupt: 3 sections, version 4 has 15"},
		{"section bounds", fixChecksum(patch(fixedHead+8*secStart, le32(1<<30)...)), "bundle: corrupt: section start [1073741824, +56) outside the data"},
		{"section in header", fixChecksum(patch(fixedHead+8*secStart, le32(0)...)), "bundle: corrupt: section start [0, +56) outside the data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Open(string(tc.data))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("Open: %v, %v; want error %q", b, err, tc.want)
			}
		})
	}
}

// TestOpenStructural corrupts the sections of a valid bundle and fixes the
// checksum, so the structural checks (not the checksum) must catch them.
func TestOpenStructural(t *testing.T) {
	valid := encode(t, small(t))
	b := open(t, valid)
	secOff := func(s int) int { return int(binary.LittleEndian.Uint32(valid[fixedHead+8*s:])) }
	secLen := func(s int) int { return fixedHead + 8*s + 4 }
	strOff := func(s string) int {
		i := bytes.Index(valid[secOff(secStrings):], []byte(s))
		if i < 0 {
			t.Fatalf("%q not in the string table", s)
		}
		return secOff(secStrings) + i
	}
	nStr := bytes.Count(valid[secOff(secStrings):], []byte{term})
	for _, tc := range []struct {
		name string
		off  int
		val  []byte
		want string
	}{
		{"counts size", secLen(secCounts), []byte{27}, "bundle: corrupt: counts section is 27 bytes, want 28"},
		{"days", secOff(secCounts), []byte{0xff, 0xff, 0, 0}, "bundle: corrupt: 65535 days"},
		{"rooms", secOff(secCounts) + 4, []byte{0xff, 0xff, 0, 0}, "bundle: corrupt: 65535 rooms"},
		{"tracks", secOff(secCounts) + 12, []byte{0xff, 0xff, 0, 0}, "bundle: corrupt: 65535 tracks"},
		{"languages", secOff(secCounts) + 24, []byte{0xff, 0xff, 0, 0}, "bundle: corrupt: 65535 languages"},
		{"language count", secOff(secCounts) + 24, []byte{1}, "bundle: corrupt: the string table has more than " + strconv.Itoa(nStr-1) + " strings"},
		{"kinds", secOff(secCounts) + 8, []byte{0xff, 1, 0, 0}, "bundle: corrupt: 511 kinds"},
		{"sessions", secOff(secCounts) + 20, []byte{8}, "bundle: corrupt: section start is 56 bytes, want 64"},
		{"session size", secLen(secStart), []byte{55}, "bundle: corrupt: section start is 55 bytes, want 56"},
		{"room", secOff(secRoom) + 1, []byte{9}, "bundle: corrupt: session 1: room 9 out of range (3)"},
		{"track", secOff(secTrack) + 1, []byte{9}, "bundle: corrupt: session 1: track 9 out of range (2)"},
		{"language", secOff(secLanguage) + 1, []byte{2}, "bundle: corrupt: session 1: language 2 out of range (2)"},
		{"language of an unknown", secOff(secLanguage) + b.NumSessions() - 1, []byte{0xfe}, "bundle: corrupt: session 6: language 254 out of range (2)"},
		{"language size", secLen(secLanguage), []byte{6}, "bundle: corrupt: section language is 6 bytes, want 7"},
		{"day", secOff(secDay) + 1, []byte{2}, "bundle: corrupt: session 1: day 2 out of range (2)"},
		{"kind", secOff(secKind) + 1, []byte{4}, "bundle: corrupt: session 1: kind 4 out of range (4)"},
		{"link count", secOff(secLinkCounts) + 3, []byte{0x80}, "bundle: corrupt: section link counts: bad or missing varint 3"},
		{"link count size", secLen(secLinkCounts), []byte{5}, "bundle: corrupt: section link counts has 1 bytes after its 4 varints"},
		{"speaker count", secOff(secSpkCounts), []byte{4}, "bundle: corrupt: section speakers: bad or missing varint 7"},
		{"speaker count too large", secOff(secSpkCounts), []byte{0xff, 0xff, 0xff, 0xff, 0x7f}, "bundle: corrupt: section speaker counts: varint 0 too large"},
		{"speaker index", secOff(secSpk), []byte{0x7f}, "bundle: corrupt: speaker list entry 0: speaker 127 out of range (4)"},
		{"tag counts", secOff(secTagCounts), []byte{0x7f}, "bundle: corrupt: the string table has " + strconv.Itoa(nStr) + " strings, want " + strconv.Itoa(nStr+126)},
		{"slug order", secOff(secBySlug), []byte{byte(b.NumSessions() - 1), 0}, "bundle: corrupt: by-slug index not ordered"},
		{"slug range", secOff(secBySlug), []byte{99, 0}, "bundle: corrupt: by-slug index: session 99 out of range (7)"},
		{"speaker order", strOff("ana\xffbob\xff"), []byte("zzz"), "bundle: corrupt: speakers not in strict slug order at 1"},
		{"invalid utf-8", strOff("Zero-Copy"), []byte{0xc3}, "bundle: corrupt: string "},
		{"extra string", strOff("Zero-Copy"), []byte{term}, "bundle: corrupt: the string table has more than " + strconv.Itoa(nStr) + " strings"},
		{"missing string", len(valid) - 1, []byte{'x'}, "bundle: corrupt: the string table has " + strconv.Itoa(nStr-1) + " strings, want " + strconv.Itoa(nStr)},
		{"string bytes", secOff(secCounts) + 20, []byte{0}, "bundle: corrupt: section start is 56 bytes, want 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := slices.Clone(valid)
			copy(d[tc.off:], tc.val)
			_, err := Open(string(fixChecksum(d)))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("Open: %v; want error %q", err, tc.want)
			}
		})
	}
	// Strings that fill the table but too few of them.
	d := slices.Clone(valid)
	binary.LittleEndian.PutUint32(d[secOff(secCounts)+16:], uint32(len(valid)))
	if _, err := Open(string(fixChecksum(d))); err == nil || !strings.HasPrefix(err.Error(), "bundle: corrupt: ") {
		t.Errorf("Open with a huge speaker count: %v", err)
	}
}

// TestWide encodes a schedule with more than 65536 sessions and more than 254
// days, rooms and tracks, so that every column takes its wide form.
func TestWide(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	s := &model.Schedule{Conference: model.Conference{ID: "wide", Name: "Wide", TimeZone: "UTC"}}
	for i := range 300 {
		s.Rooms = append(s.Rooms, "Room "+strconv.Itoa(i))
	}
	s.Speakers = []model.Speaker{{Slug: "a", Name: "A"}, {Slug: "b", Name: "B"}}
	day0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range maxNarrow + 10 {
		ss := model.Session{Slug: "s" + strconv.Itoa(i), Title: "T" + strconv.Itoa(i%1000), Track: "Track " + strconv.Itoa(i%300)}
		if i%13 != 0 { // 300 languages, and sessions without one
			ss.Language = "lang-" + strconv.Itoa(i%300)
		}
		if i%7 != 0 {
			ss.Room = s.Rooms[i%300]
			ss.Start = day0.Add(time.Duration(i%301) * 24 * time.Hour).Add(time.Duration(i%13) * time.Minute)
			ss.End = ss.Start.Add(30 * time.Minute)
		}
		if i%3 == 0 {
			ss.Speakers = []string{"a", "b", "a"}
		}
		s.Sessions = append(s.Sessions, ss)
	}
	b := open(t, encode(t, s))
	if b.slugW != 4 || b.roomW != 2 || b.trackW != 2 || b.langW != 2 || b.dayW != 2 {
		t.Fatalf("widths: by-slug %d, room %d, track %d, language %d, day %d", b.slugW, b.roomW, b.trackW, b.langW, b.dayW)
	}
	verify(t, s, b)
}

// TestTruncations opens every prefix of a valid bundle.
func TestTruncations(t *testing.T) {
	valid := encode(t, small(t))
	for n := range len(valid) {
		if _, err := Open(string(valid[:n])); err == nil {
			t.Fatalf("prefix of %d bytes opened", n)
		}
	}
}

// TestByteFlips flips every byte of a valid bundle: the checksum (or the
// header checks) must reject each. With the checksum fixed up afterwards, Open
// must not panic, and when it succeeds every accessor must work.
func TestByteFlips(t *testing.T) {
	valid := encode(t, small(t))
	d := slices.Clone(valid)
	for i := range d {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			d[i] ^= x
			if _, err := Open(string(d)); err == nil {
				t.Fatalf("byte %d ^ %#x: opened", i, x)
			}
			if b, err := Open(string(fixChecksum(slices.Clone(d)))); err == nil {
				walk(b)
			}
			d[i] ^= x
		}
	}
}

// fixChecksum sets the length and checksum fields of a would-be bundle to match
// its content, so that Open gets past them.
func fixChecksum(d []byte) []byte {
	if len(d) < fixedHead {
		return d
	}
	binary.LittleEndian.PutUint32(d[8:], uint32(len(d)))
	binary.LittleEndian.PutUint32(d[12:], crc32.ChecksumIEEE(d[crcFrom:]))
	return d
}

// walk calls every accessor of an opened bundle; it must never panic.
func walk(b *Bundle) int {
	n := len(b.Conference().ID) + len(b.Conference().Name) + len(b.Conference().TimeZone) + len(b.Conference().BaseURL)
	for i := range b.NumDays() {
		d := b.Day(i)
		b.DayByDate(d.Date)
		n += len(d.Date) + int(d.StartUnix)
		n += walkList(b, b.SessionsOnDay(i))
	}
	for i := range b.NumRooms() {
		b.RoomByName(b.Room(i))
		n += walkList(b, b.SessionsInRoom(i))
	}
	for i := range b.NumKinds() {
		b.KindByName(b.Kind(i))
		n += walkList(b, b.SessionsOfKind(i))
	}
	for i := range b.NumTracks() {
		b.TrackByName(b.Track(i))
		n += walkList(b, b.SessionsInTrack(i))
	}
	for i := range b.NumLanguages() {
		b.LanguageByName(b.Language(i))
		n += walkList(b, b.SessionsInLanguage(i))
	}
	for i := range b.NumSpeakers() {
		sp := b.Speaker(i)
		b.SpeakerBySlug(sp.Slug)
		n += len(sp.Name) + len(sp.Role) + len(sp.Bio) + len(sp.URL)
		for j := range sp.Links.Len() {
			l := sp.Links.At(j)
			n += len(l.Label) + len(l.URL)
		}
		n += walkList(b, b.SessionsBySpeaker(i))
	}
	for i := range b.NumSessions() {
		s := b.Session(i)
		b.SessionBySlug(s.Slug())
		n += len(s.Title()) + len(s.Description()) + len(s.URL()) + len(s.Location()) + len(s.Search())
		n += len(s.RoomName()) + len(s.TrackName()) + len(s.KindName()) + s.Room() + s.Track() + s.Day() + int(s.Kind())
		n += len(s.LanguageName()) + s.Language()
		n += int(s.Start()) + int(s.End()) + s.Index()
		if s.Scheduled() {
			n++
		}
		for j := range s.NumSpeakers() {
			n += len(b.Speaker(s.Speaker(j)).Name)
		}
		for j := range s.NumTags() {
			n += len(s.Tag(j))
		}
	}
	b.SessionBySlug("")
	b.SessionBySlug("\xff")
	b.SpeakerBySlug("")
	for _, k := range []int{-1, 1 << 20} {
		n += b.SessionsOnDay(k).Len() + b.SessionsInRoom(k).Len() + b.SessionsBySpeaker(k).Len() + b.SessionsOfKind(k).Len() + b.SessionsInTrack(k).Len()
		n += b.SessionsInLanguage(k).Len()
	}
	return n
}

func walkList(b *Bundle, l List) int {
	n := 0
	for i := range l.Len() {
		n += len(b.Session(l.At(i)).Title())
	}
	return n
}

func seeds(f *testing.F) {
	valid := encode(f, small(f))
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(encode(f, &model.Schedule{Conference: model.Conference{TimeZone: "UTC"}}))
	f.Add([]byte("AGND"))
	f.Add([]byte("not a bundle at all"))
	r := rand.New(rand.NewPCG(3, 4))
	junk := make([]byte, 300)
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	f.Add(junk)
}

func FuzzOpen(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if b, err := Open(string(data)); err == nil {
			walk(b)
		}
	})
}

// FuzzOpenFixedChecksum repairs the header (magic, version, flags, length,
// checksum) of the fuzzer's input before opening it, so the fuzzer explores
// the structural checks behind the checksum.
func FuzzOpenFixedChecksum(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		data = slices.Clone(data)
		if len(data) >= fixedHead {
			copy(data, magic)
			binary.LittleEndian.PutUint16(data[4:], Version)
			binary.LittleEndian.PutUint16(data[6:], 0)
			fixChecksum(data)
		}
		if b, err := Open(string(data)); err == nil {
			walk(b)
		}
	})
}

// synthetic is a schedule the size of a large conference: 1000 sessions over
// three days in 10 rooms, 400 speakers.
func synthetic(t testing.TB) *model.Schedule {
	loc := paris(t)
	r := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("zero copy decoding wasm go schedule conférence über straße rust fuzzing speed data café naïve parser compiler network kernel design search index")
	phrase := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	s := &model.Schedule{Conference: model.Conference{ID: "big", Name: "Big Conf", TimeZone: "Europe/Paris"}}
	for i := range 10 {
		s.Rooms = append(s.Rooms, "Room "+strconv.Itoa(i))
	}
	for i := range 400 {
		s.Speakers = append(s.Speakers, model.Speaker{
			Slug: "speaker-" + strconv.Itoa(i), Name: "Speaker Nº" + strconv.Itoa(i) + " " + phrase(1),
			Role: phrase(3), Bio: "<p>" + phrase(30) + "</p>",
			Links: []model.Link{{Label: "Web", URL: "https://example.com/" + strconv.Itoa(i)}},
		})
	}
	for i := range 1000 {
		ss := model.Session{
			Slug: "session-" + strconv.Itoa(i), Title: phrase(5), Kind: model.Kind(r.IntN(4)),
			Track: "Track " + strconv.Itoa(r.IntN(6)), Tags: []string{words[r.IntN(len(words))], words[r.IntN(len(words))]},
			Description: "<p>" + phrase(60) + " &amp; <em>" + phrase(10) + "</em></p>",
			URL:         "https://example.com/s/" + strconv.Itoa(i),
			Language:    []string{"", "en", "en", "de", "fr", "English"}[r.IntN(6)],
		}
		for range 1 + r.IntN(3) {
			ss.Speakers = append(ss.Speakers, "speaker-"+strconv.Itoa(r.IntN(400)))
		}
		if i%50 != 0 {
			ss.Room = s.Rooms[i%10]
			ss.Start = time.Date(2025, 10, 9+r.IntN(3), 9+r.IntN(9), 15*r.IntN(4), 0, 0, loc)
			ss.End = ss.Start.Add(45 * time.Minute)
		}
		s.Sessions = append(s.Sessions, ss)
	}
	return s
}

func TestRoundTripSynthetic(t *testing.T) {
	s := synthetic(t)
	b := open(t, encode(t, s))
	verify(t, s, b)
	walk(b)
}

func TestTitlesDoNotAllocate(t *testing.T) {
	b := open(t, encode(t, synthetic(t)))
	n := testing.AllocsPerRun(10, func() {
		for i := range b.NumSessions() {
			s := b.Session(i)
			_ = s.Title()
			_ = s.Search()
			_ = s.Speakers().At(0)
		}
		l := b.SessionsOnDay(0)
		for i := range l.Len() {
			_ = b.Session(l.At(i)).Slug()
		}
		b.SessionBySlug("session-500")
	})
	if n != 0 {
		t.Fatalf("%v allocations", n)
	}
}

func BenchmarkEncode(b *testing.B) {
	s := synthetic(b)
	var n int
	b.ReportAllocs()
	for b.Loop() {
		n = len(encode(b, s))
	}
	b.ReportMetric(float64(n), "bytes")
}

func BenchmarkOpen(b *testing.B) {
	data := string(encode(b, synthetic(b)))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Open(data); err != nil {
			b.Fatal(err)
		}
	}
}

var sinkN int

func BenchmarkTitles(b *testing.B) {
	bd := open(b, encode(b, synthetic(b)))
	b.ReportAllocs()
	for b.Loop() {
		for i := range bd.NumSessions() {
			sinkN += len(bd.Session(i).Title())
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	bd := open(b, encode(b, synthetic(b)))
	q := fold.Fold("Straße")
	b.ReportAllocs()
	for b.Loop() {
		for i := range bd.NumSessions() {
			if strings.Contains(bd.Session(i).Search(), q) {
				sinkN++
			}
		}
	}
}

// TestQuote checks that quote is strconv.Quote: for every code point, every
// byte, and random short strings.
func TestQuote(t *testing.T) {
	check := func(s string) {
		if got, want := quote(s), strconv.Quote(s); got != want {
			t.Fatalf("quote(%q) = %s, want %s", s, got, want)
		}
	}
	check("")
	for r := rune(0); r <= 0x10FFFF; r++ {
		check(string(r))
	}
	for c := range 256 {
		check(string([]byte{byte(c)}))
		check(string([]byte{byte(c), 'x', 0x80, byte(c)}))
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		b := make([]byte, rnd.IntN(5))
		for i := range b {
			b[i] = byte(rnd.Uint32())
		}
		check(string(b))
	}
}

func FuzzQuote(f *testing.F) {
	f.Add("\x89PNG")
	f.Add("é\a\x7f")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := quote(s), strconv.Quote(s); got != want {
			t.Fatalf("quote(%q) = %s, want %s", s, got, want)
		}
	})
}

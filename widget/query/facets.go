package query

import "github.com/agendaconf/agenda/widget/bundle"

// Facet is one way to narrow the programme by a value its sessions carry:
// the day, the room, the kind... Adding one is one entry in Facets plus the
// bundle's column for it: the query, the widget's filters, its URL keys and
// the loader's attributes all come from this table.
type Facet int

// The facets, in the order the widget shows their filters.
const (
	Day Facet = iota
	Room
	Kind
	Track
	Speaker
	Language
	NumFacets
)

// FacetInfo says how to read, name and find one facet's values in a bundle.
type FacetInfo struct {
	// Name is the facet's option, element attribute and URL fragment key.
	Name string
	// Class is the letter of the CSS class every rendered session carries
	// for each of its values ("r3": room 3), which the filters' stylesheet
	// hides by.
	Class byte
	// Num is how many values the bundle has.
	Num func(*bundle.Bundle) int
	// Key is value v as URLs and attributes give it (a date, a room's name,
	// a speaker's slug); Find is its inverse.
	Key  func(b *bundle.Bundle, v int) string
	Find func(b *bundle.Bundle, key string) (int, bool)
	// Label is value v as a person reads it, before translation (the
	// widget names days and kinds in the page's language itself).
	Label func(b *bundle.Bundle, v int) string
	// Sessions lists the sessions that have value v, in programme order.
	Sessions func(b *bundle.Bundle, v int) bundle.List
	// Of appends session s's values to dst: none, one, or (speakers) several.
	Of func(s bundle.Session, dst []int32) []int32
}

// Facets is the table of facets, indexed by Facet.
var Facets = [NumFacets]FacetInfo{
	Day: {
		Name: "day", Class: 'y', Num: (*bundle.Bundle).NumDays,
		Key:      func(b *bundle.Bundle, v int) string { return b.Day(v).Date },
		Find:     (*bundle.Bundle).DayByDate,
		Label:    func(b *bundle.Bundle, v int) string { return b.Day(v).Date },
		Sessions: (*bundle.Bundle).SessionsOnDay,
		Of:       func(s bundle.Session, dst []int32) []int32 { return one(dst, s.Day()) },
	},
	Room: {
		Name: "room", Class: 'r', Num: (*bundle.Bundle).NumRooms,
		Key: (*bundle.Bundle).Room, Find: (*bundle.Bundle).RoomByName, Label: (*bundle.Bundle).Room,
		Sessions: (*bundle.Bundle).SessionsInRoom,
		Of:       func(s bundle.Session, dst []int32) []int32 { return one(dst, s.Room()) },
	},
	Kind: {
		Name: "kind", Class: 'k', Num: (*bundle.Bundle).NumKinds,
		Key: (*bundle.Bundle).Kind, Find: (*bundle.Bundle).KindByName, Label: (*bundle.Bundle).Kind,
		Sessions: (*bundle.Bundle).SessionsOfKind,
		Of:       func(s bundle.Session, dst []int32) []int32 { return one(dst, int(s.Kind())) },
	},
	Track: {
		Name: "track", Class: 't', Num: (*bundle.Bundle).NumTracks,
		Key: (*bundle.Bundle).Track, Find: (*bundle.Bundle).TrackByName, Label: (*bundle.Bundle).Track,
		Sessions: (*bundle.Bundle).SessionsInTrack,
		Of:       func(s bundle.Session, dst []int32) []int32 { return one(dst, s.Track()) },
	},
	Speaker: {
		Name: "speaker", Class: 'p', Num: (*bundle.Bundle).NumSpeakers,
		Key:      func(b *bundle.Bundle, v int) string { return b.Speaker(v).Slug },
		Find:     (*bundle.Bundle).SpeakerBySlug,
		Label:    func(b *bundle.Bundle, v int) string { return b.Speaker(v).Name },
		Sessions: (*bundle.Bundle).SessionsBySpeaker,
		Of: func(s bundle.Session, dst []int32) []int32 {
			l, base := s.Speakers(), len(dst)
		next:
			for j := range l.Len() {
				v := int32(l.At(j))
				for _, w := range dst[base:] {
					if w == v {
						continue next // a speaker named twice counts once
					}
				}
				dst = append(dst, v)
			}
			return dst
		},
	},
	Language: {
		Name: "language", Class: 'l', Num: (*bundle.Bundle).NumLanguages,
		Key: (*bundle.Bundle).Language, Find: (*bundle.Bundle).LanguageByName, Label: (*bundle.Bundle).Language,
		Sessions: (*bundle.Bundle).SessionsInLanguage,
		Of:       func(s bundle.Session, dst []int32) []int32 { return one(dst, s.Language()) },
	},
}

func one(dst []int32, v int) []int32 {
	if v < 0 {
		return dst
	}
	return append(dst, int32(v))
}

// FacetByName returns the facet called name.
func FacetByName(name string) (Facet, bool) {
	for f := range NumFacets {
		if Facets[f].Name == name {
			return f, true
		}
	}
	return 0, false
}

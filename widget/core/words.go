package core

import "strconv"

// words are the UI strings in one language. Kinds are keyed by the bundle's kind name.
type words struct {
	lang                                  string
	views, list, grid, mine               string
	search, searchHint                    string
	facets                                [][3]string // a facet's name, its filter's label, and "All …"
	nowNext, filters                      string
	venueTime, yourTime, timesIn          string
	noResults, clear                      string
	unscheduled, details, close, speakers string
	addToCalendar, exportMine, permalink  string
	addStar, removeStar                   string
	overlaps, emptyMine                   string
	elsewhere                             string // the grid's column of sessions without a room
	failed, failedSrc                     string
	kinds                                 [][2]string // a kind's name in the bundle, and here
	one, many                             string      // "1 session", "N sessions"
}

var english = words{
	lang: "en", views: "Views", list: "List", grid: "Grid", mine: "My schedule",
	search: "Search", searchHint: "Title, speaker or topic",
	facets: [][3]string{{"day", "Day", "All days"}, {"room", "Room", "All rooms"}, {"kind", "Kind", "All kinds"},
		{"track", "Track", "All tracks"}, {"speaker", "Speaker", "All speakers"}, {"language", "Language", "All languages"}},
	nowNext: "Now and next", filters: "Filters", venueTime: "venue time", yourTime: "your time", timesIn: "Times in",
	noResults: "No sessions match these filters.", clear: "Clear filters",
	unscheduled: "Not yet scheduled", details: "Details", close: "Close", speakers: "Speakers",
	addToCalendar: "Add to calendar", exportMine: "Export my schedule (.ics)", permalink: "Link to this session",
	addStar: "Add to my schedule", removeStar: "Remove from my schedule",
	overlaps: "Overlaps with", emptyMine: "Star sessions to build your own schedule.", elsewhere: "Elsewhere",
	failed: "The schedule could not be shown: ", failedSrc: "The schedule could not be loaded from ",
	kinds: [][2]string{{"talk", "Talk"}, {"workshop", "Workshop"}, {"activity", "Activity"}, {"break", "Break"}},
	one:   "1 session", many: " sessions",
}

var french = words{
	lang: "fr", views: "Vues", list: "Liste", grid: "Grille", mine: "Mon programme",
	search: "Rechercher", searchHint: "Titre, intervenant ou sujet",
	facets: [][3]string{{"day", "Jour", "Tous les jours"}, {"room", "Salle", "Toutes les salles"}, {"kind", "Type", "Tous les types"},
		{"track", "Thème", "Tous les thèmes"}, {"speaker", "Intervenant", "Tous les intervenants"}, {"language", "Langue", "Toutes les langues"}},
	nowNext: "En ce moment", filters: "Filtres", venueTime: "heure du lieu", yourTime: "votre heure", timesIn: "Horaires :",
	noResults: "Aucune session ne correspond à ces filtres.", clear: "Effacer les filtres",
	unscheduled: "Pas encore programmé", details: "Détails", close: "Fermer", speakers: "Intervenants",
	addToCalendar: "Ajouter au calendrier", exportMine: "Exporter mon programme (.ics)", permalink: "Lien vers cette session",
	addStar: "Ajouter à mon programme", removeStar: "Retirer de mon programme",
	overlaps: "Chevauche", elsewhere: "Ailleurs", emptyMine: "Ajoutez des sessions avec l’étoile pour composer votre programme.",
	failed: "Le programme ne peut pas être affiché : ", failedSrc: "Le programme n’a pas pu être chargé depuis ",
	kinds: [][2]string{{"talk", "Conférence"}, {"workshop", "Atelier"}, {"activity", "Activité"}, {"break", "Pause"}},
	one:   "1 session", many: " sessions",
}

// wordsFor picks the UI language: "fr", "fr-CA" … get French, anything else English.
func wordsFor(lang string) *words {
	if len(lang) >= 2 && (lang[:2] == "fr" || lang[:2] == "FR") {
		return &french
	}
	return &english
}

func (w *words) count(n int) string {
	if n == 1 {
		return w.one
	}
	return strconv.Itoa(n) + w.many
}

// facet is a filter's label and its "All …" choice; a facet without words
// in this language is called by its name. The word tables are slices, not
// maps: a map literal is built by code when the wasm starts (5 KB of it,
// raw), a slice of constants is data; a loop over six is as quick.
func (w *words) facet(name string) [2]string {
	for _, in := range [][][3]string{w.facets, english.facets} {
		for _, f := range in {
			if f[0] == name {
				return [2]string{f[1], f[2]}
			}
		}
	}
	return [2]string{name, "*"}
}

// Failed is the message a widget shows instead of a schedule, in lang:
// why it could not be shown, or could not be loaded from src.
func Failed(lang, src, why string) string {
	w := wordsFor(lang)
	if src != "" {
		return w.failedSrc + src + ": " + why
	}
	return w.failed + why
}

func (w *words) kindName(k string) string {
	for _, s := range w.kinds {
		if s[0] == k {
			return s[1]
		}
	}
	return k
}

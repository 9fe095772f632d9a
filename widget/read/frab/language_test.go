package frab

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// TestLanguage: an event's <language> (XML) or "language" (JSON) becomes
// Session.Language as the file writes it, trimmed; empty, absent or null is
// unknown ("").
func TestLanguage(t *testing.T) {
	const ev = `<start>10:00</start><duration>0:30</duration><title>X</title>`
	hub := func(lang string) string {
		return `{"schedule": {"version": "1", "conference": {"acronym": "hub", "title": "Hub", "time_zone_name": "Europe/Berlin"},
  "events": [{"guid": "g1", "start": "2025-06-01T10:00:00+02:00", "end": "2025-06-01T10:30:00+02:00", "room": {"name": "Saal 1"},
  "title": "X"` + lang + `}]}}`
	}
	for _, tc := range []struct {
		name, file, doc string
		want            string
	}{
		{"xml", "s.xml", xmlDoc(ev + `<language>en</language>`), "en"},
		{"xml spaces", "s.xml", xmlDoc(ev + "<language>\n  de \n</language>"), "de"},
		{"xml free text", "s.xml", xmlDoc(ev + `<language>English</language>`), "English"},
		{"xml empty", "s.xml", xmlDoc(ev + `<language></language>`), ""},
		{"xml self-closed", "s.xml", xmlDoc(ev + `<language/>`), ""},
		{"xml none", "s.xml", xmlDoc(ev), ""},
		{"json", "s.json", jsonDoc(map[string][]string{"Main": {`"date": "2025-06-01T10:00:00+02:00", "start": "10:00", "title": "X", "language": "en"`}}), "en"},
		{"json spaces", "s.json", jsonDoc(map[string][]string{"Main": {`"date": "2025-06-01T10:00:00+02:00", "start": "10:00", "title": "X", "language": " de-CH "`}}), "de-CH"},
		{"json null", "s.json", jsonDoc(map[string][]string{"Main": {`"date": "2025-06-01T10:00:00+02:00", "start": "10:00", "title": "X", "language": null`}}), ""},
		{"json empty", "s.json", jsonDoc(map[string][]string{"Main": {`"date": "2025-06-01T10:00:00+02:00", "start": "10:00", "title": "X", "language": ""`}}), ""},
		{"json none", "s.json", jsonDoc(map[string][]string{"Main": {`"date": "2025-06-01T10:00:00+02:00", "start": "10:00", "title": "X"`}}), ""},
		{"json hub", "h.json", hub(`, "language": "en"`), "en"},
		{"json hub none", "h.json", hub(``), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, l := Read(tc.file, []byte(tc.doc))
			if s == nil || l.HasErrors() {
				t.Fatalf("errors:\n%s", list(l))
			}
			if len(s.Sessions) != 1 {
				t.Fatalf("%d sessions", len(s.Sessions))
			}
			if got := s.Sessions[0].Language; got != tc.want {
				t.Errorf("Language = %q, want %q", got, tc.want)
			}
		})
	}
	// The schema allows a string or null: anything else is a type error
	// like any other field's, and the events are still read.
	s, l := Read("s.json", []byte(jsonDoc(map[string][]string{"Main": {`"date": "2025-06-01T10:00:00+02:00", "start": "10:00", "title": "X", "language": 7`}})))
	mustContain(t, l, diag.Error, "language", "found number where a string belongs")
	if s == nil || len(s.Sessions) != 1 || s.Sessions[0].Language != "" {
		t.Errorf("after a wrongly typed language: %+v", s)
	}
}

// TestLanguageCorpus counts the languages the real files give.
func TestLanguageCorpus(t *testing.T) {
	for _, tc := range []struct {
		file  string
		langs string // language: sessions, sorted
	}{
		{"fosdem-2025/schedule.xml", "en:943"},
		{"c3voc/examples/frab-camp2019.json", "de:24 en:55"},
		{"c3voc/examples/pretalx-democon.json", "en:36"},
		{"c3voc/examples/hub-schedule2.json", "en:2"}, // and a conference-level "language", not read
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, l := ReadFile(corpusFile(t, tc.file))
			if s == nil || l.HasErrors() {
				t.Fatalf("errors:\n%s", list(l))
			}
			n := map[string]int{}
			var order []string
			for _, ss := range s.Sessions {
				if n[ss.Language] == 0 {
					order = append(order, ss.Language)
				}
				n[ss.Language]++
			}
			sort.Strings(order)
			var got []string
			for _, lang := range order {
				got = append(got, lang+":"+strconv.Itoa(n[lang]))
			}
			if g := strings.Join(got, " "); g != tc.langs {
				t.Errorf("languages %s, want %s", g, tc.langs)
			}
		})
	}
}

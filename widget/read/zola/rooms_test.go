package zola

import (
	"strconv"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model/diag"
)

func TestRooms(t *testing.T) {
	tests := []struct {
		name   string
		config []string // agenda.toml's rooms
		stages []string // one page each, talks/p0.md, p1.md…
		want   []string // each page's room
		warn   string   // a warning containing this; "" for none
	}{
		{name: "prefix of another room", stages: []string{"Room 1", "Room 10"}, want: []string{"Room 1", "Room 10"}},
		{name: "prefix, other order", stages: []string{"Room 10", "Room 1", "Room 100"}, want: []string{"Room 10", "Room 1", "Room 100"}},
		{name: "letter suffix", stages: []string{"Hall A", "Hall A2"}, want: []string{"Hall A", "Hall A2"}},
		{name: "a longer name", stages: []string{"Main Stage", "Main Stage Annex", "Workshop Room 2", "Room 2"}, want: []string{"Main Stage", "Main Stage Annex", "Workshop Room 2", "Room 2"}},
		{name: "case and blanks", stages: []string{" Main  Stage ", "main stage", "Main Stage", "MAIN STAGE"}, want: []string{"Main Stage", "Main Stage", "Main Stage", "Main Stage"}},
		{name: "the most used spelling", stages: []string{"side stage", "Side Stage", "Side Stage"}, want: []string{"Side Stage", "Side Stage", "Side Stage"}},
		{name: "a sentence naming a room", stages: []string{"Main Stage", "Opening talk on the Main Stage", "Break in Hall A2", "Hall A2"},
			want: []string{"Main Stage", "Main Stage", "Hall A2", "Hall A2"}, warn: `stage "Opening talk on the Main Stage" is not a room; assumed "Main Stage"`},
		{name: "a sentence naming a prefix of a room", stages: []string{"Room 1", "Talk in Room 10"}, want: []string{"Room 1", "Talk in Room 10"}},
		{name: "configured, exact", config: []string{"Room 1", "Room 10"}, stages: []string{"room 10", "Room 1"}, want: []string{"Room 10", "Room 1"}},
		{name: "configured, not a prefix", config: []string{"Room 1"}, stages: []string{"Room 10", "Room 1"}, want: []string{"Room 10", "Room 1"},
			warn: `stage "Room 10" is not in the rooms of agenda.toml; added as a new room`},
		{name: "configured, a sentence", config: []string{"Main Stage"}, stages: []string{"Keynote at the main stage"}, want: []string{"Main Stage"},
			warn: `assumed "Main Stage"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"speakers/ann.md": ann}
			if tt.config != nil {
				files["agenda.toml"] = "rooms = " + stringList(toAny(tt.config)) + "\n"
			}
			for i, st := range tt.stages {
				// Each page at its own hour: no overlaps to warn about.
				tm := strconv.Itoa(8+i) + ":00-" + strconv.Itoa(8+i) + ":30"
				files["talks/p"+strconv.Itoa(i)+".md"] = talk("date = \"October 9, 2025\"\ntime = \"" + tm + "\"\nstage = " + strconv.Quote(st))
			}
			s, d := readFiles(t, files)
			got := make([]string, len(tt.stages))
			for _, ss := range s.Sessions {
				i, _ := strconv.Atoi(strings.TrimPrefix(ss.Slug, "p"))
				got[i] = ss.Room
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("rooms = %q, want %q", got, tt.want)
			}
			var warns []string
			for _, x := range d {
				if x.Severity == diag.Warning {
					warns = append(warns, x.Message)
				}
			}
			if tt.warn == "" && len(d) > 0 || tt.warn != "" && !strings.Contains(strings.Join(warns, "\n"), tt.warn) {
				t.Errorf("want a warning containing %q; got:\n%v", tt.warn, d)
			}
		})
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func TestRoomKey(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"Main Stage", " main   STAGE ", true},
		{"Salle Ÿ", "salle ÿ", true},
		{"Kelvin", "\u212aelvin", true}, // the Kelvin sign folds to K
		{"Room 1", "Room 10", false},
		{"Hall A", "Hall A2", false},
		{"Salle É", "Salle E", false},
	} {
		if got := roomKey(tt.a) == roomKey(tt.b); got != tt.same {
			t.Errorf("roomKey(%q) == roomKey(%q) is %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

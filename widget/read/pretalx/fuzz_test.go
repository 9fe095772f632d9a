package pretalx

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

func FuzzRead(f *testing.F) {
	if data, err := os.ReadFile("testdata/widget.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(doc(talkA + `, {"id": 9, "title": {"de": "Pause"}, "room": 2, "start": "2025-03-01T09:30:00Z", "duration": 15}`)))
	f.Add([]byte(doc(`{"code": "a", "title": "x", "start": "2025-03-01T10:00", "end": "2025-02-01T10:00:00Z", "speakers": ["S1", "S1", null]},` +
		`{"code": "A", "title": {"xx": 5}, "room": "1", "start": "1900-01-01T00:00:00+14:00", "duration": "99999999999"},` +
		`{"title": "", "slot_type": "blocker"}, {"title": [], "room": 2, "start": "2025-03-01T23:59:59.999+01:00"}`)))
	f.Add([]byte(`{"talks": [], "rooms": [{"id": 1}], "speakers": [{"code": ""}], "timezone": "Local"}` + " x"))
	f.Add([]byte(`{"talks": ` + strings.Repeat("[", 40)))
	f.Add([]byte("\xef\xbb\xbf{\"talks\": 1}"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, l := Read("fuzz.json", data, Options{TimeZone: "Europe/Berlin", Year: 2025})
		if s == nil {
			if !l.HasErrors() {
				t.Fatalf("nil schedule without an error: %v", l)
			}
			return
		}
		// What Read returns has passed model.Check: checking it again finds
		// nothing new that is an error about slugs.
		for _, d := range model.Check(s) {
			if strings.Contains(d.Message, "duplicate") {
				t.Fatalf("after Read: %s", d)
			}
		}
		seen := map[string]bool{}
		for _, ss := range s.Sessions {
			if ss.Slug == "" || seen[ss.Slug] {
				t.Fatalf("empty or repeated slug %q", ss.Slug)
			}
			seen[ss.Slug] = true
			if ss.Title == "" {
				t.Fatalf("session %q has no title", ss.Slug)
			}
			for _, sp := range ss.Speakers {
				if s.Speaker(sp) == nil {
					t.Fatalf("session %q names unknown speaker %q", ss.Slug, sp)
				}
			}
			if ss.Scheduled() && (ss.Start.Location() != time.UTC || ss.End.Location() != time.UTC) {
				t.Fatalf("session %q is not in UTC", ss.Slug)
			}
		}
		if dc := s.Conference.DayChange; dc < 0 || dc >= 24*time.Hour {
			t.Fatalf("DayChange = %v", dc)
		}
		for _, d := range l {
			if d.Pos.File != "fuzz.json" && d.Pos.File != "--year" {
				t.Fatalf("diagnostic not about the file: %s", d)
			}
		}
	})
}

package frab

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzRead(f *testing.F) {
	f.Add([]byte(xmlDoc(`<start>23:30</start><duration>1:00</duration><title>T</title><slug>t</slug>`+
		`<abstract>&lt;a href="javascript:x"&gt;x&lt;/a&gt;</abstract><persons><person id="1">José</person></persons>`,
		`<date>2025-03-01T10:00:00+01:00</date><duration>00:30:00</duration><title>T</title><slug>t</slug>`)))
	f.Add([]byte(`{"schedule":{"version":"1","conference":{"acronym":"a","title":"A","time_zone_name":"UTC","days":[` +
		`{"date":"2025-01-01","rooms":{"R":[{"id":1,"guid":"g","date":"2025-01-01T10:00:00Z","start":"10:00","duration":"0:30",` +
		`"room":"R","title":"T","type":"workshop","persons":[{"id":"x","name":"N"}]}]}}]}}}`))
	f.Add([]byte(`{"schedule":{"version":"1","conference":{"acronym":"a","title":"A","rooms":[{"name":"R","guid":"r"}],"tracks":[{"slug":"s","name":"S"}]},` +
		`"events":[{"guid":"g","start":"2025-01-01T10:00:00Z","end":"2025-01-01T09:00:00Z","room":{"guid":"r"},"track":{"slug":"s"},"title":"T",` +
		`"participants":[{"guid":"p","name":"P"}]}],"persons":[{"guid":"p","biography":"<p>x"}]}}`))
	f.Add([]byte("<schedule><day date=\"x\"><room name=\"a\"><event><start>1:00</start></event>"))
	f.Add([]byte("  {"))
	f.Add([]byte(""))
	// The real examples, when the corpus is there (fuzzing mutates small inputs best).
	for _, name := range []string{"invalid-example.json", "hub-schedule2.json"} {
		if data, err := os.ReadFile(filepath.Join(corpus, "c3voc/examples", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, l := Read("fuzz", data)
		if s == nil && !l.HasErrors() {
			t.Fatalf("nil schedule without an error: %v", l)
		}
		if s == nil {
			return
		}
		seen := map[string]bool{}
		for _, ss := range s.Sessions {
			if ss.Slug == "" || seen[ss.Slug] {
				t.Fatalf("empty or repeated slug %q", ss.Slug)
			}
			seen[ss.Slug] = true
		}
	})
}

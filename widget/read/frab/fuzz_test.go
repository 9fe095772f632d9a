package frab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
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
	// Issue 8: days past midnight, <day_change>, id 0 and reused ids, a persons list with links.
	f.Add([]byte(strings.Replace(dayXML("<day_change>09:00:00</day_change><base_url>javascript:x</base_url>",
		"2025-03-01|2025-03-01T09:00:00+01:00|2025-03-02T03:59:00+01:00|<start>01:00</start><url>data:,x</url><persons><person id=\"0\">A</person><person id=\"7\">B</person></persons>;;"+
			date("2025-03-02T02:00:00+01:00")+"<persons><person id=\"7\">C</person><person guid=\"g\"></person></persons>"),
		"</schedule>", `<persons><person id="7" guid="g"><name>B</name><biography>x</biography><links><link href="javascript:x">l</link><link href="https://x">m</link></links></person></persons></schedule>`, 1)))
	f.Add([]byte(`{"schedule":{"version":"1","conference":{"acronym":"a","title":"A","days":[{"date":"2025-01-01","day_start":"2025-01-01T04:00:00+01:00","day_end":"2025-01-02T03:59:00+01:00",` +
		`"rooms":{"R":[{"id":1,"guid":"g","date":"2025-01-02T01:00:00+01:00","start":"01:00","duration":"0:30","room":"R","title":"T","type":"talk","url":"javascript:x",` +
		`"persons":[{"id":0,"name":"N","url":"data:,x","links":[{"url":"javascript:y","title":"t"}]},{"id":0,"name":"M"}]}]}}]}}}`))
	f.Add([]byte("  {"))
	f.Add([]byte(""))
	// The real examples, when the corpus is there (fuzzing mutates small inputs best).
	for _, name := range []string{"invalid-example.json", "hub-schedule2.json"} {
		if data, err := os.ReadFile(filepath.Join(corpus, "c3voc/examples", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, l := ReadWith("fuzz", data, Options{TimeZone: "Europe/Berlin", Year: 2025})
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
		// No unsafe link gets into the model, and days change within a day.
		urls := []string{s.Conference.BaseURL}
		for _, ss := range s.Sessions {
			urls = append(urls, ss.URL)
		}
		for _, sp := range s.Speakers {
			urls = append(urls, sp.URL)
			for _, ln := range sp.Links {
				urls = append(urls, ln.URL)
			}
		}
		for _, u := range urls {
			if u != "" && !model.SafeURL(u) {
				t.Fatalf("unsafe URL %q in the model", u)
			}
		}
		if dc := s.Conference.DayChange; dc < 0 || dc >= 24*time.Hour {
			t.Fatalf("DayChange = %v", dc)
		}
		for _, ss := range s.Sessions {
			for _, sp := range ss.Speakers {
				if s.Speaker(sp) == nil {
					t.Fatalf("session %q names unknown speaker %q", ss.Slug, sp)
				}
			}
		}
	})
}

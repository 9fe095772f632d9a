package c3voc

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/agendaconf/agenda/widget/export/internal/exporttest"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/frab"

	"github.com/agendaconf/agenda/internal/corpus"
)

const (
	schemaFile = exporttest.CorpusDir + "/c3voc/schema.json"
	xsdFile    = exporttest.CorpusDir + "/c3voc/xsd/schedule.xml.xsd"
)

func TestUUID5(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	// Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
	if got := format(uuid5(dns, "python.org")); got != "886313e1-3b8a-5372-9b90-0c9aee199e5d" {
		t.Errorf("uuid5 = %s", got)
	}
	// Pinned: changing these changes every GUID that apps have stored.
	if got := format(Namespace); got != "c0496deb-19fc-5347-b4b8-c5830403c2aa" {
		t.Errorf("Namespace = %s", got)
	}
	if got := GUID("democonf", "opening"); got != "62788eb4-5e1c-589d-b498-d49945b339e1" {
		t.Errorf("GUID = %s", got)
	}
}

func TestSlugsAndAcronym(t *testing.T) {
	for _, tc := range []struct{ in, json, xml string }{
		{"production-unsafe-rust", "production-unsafe-rust", "production-unsafe-rust"},
		{"opening", "opening", "democonf-opening"},
		{"ecs-at-sixty-fps", "ecs-at-sixty-fps", "democonf-ecs-at-sixty-fps"},
		{"fosdem-2025-4430-how-reproducible-is-nixos-", "fosdem-2025-4430-how-reproducible-is-nixos", "fosdem-2025-4430-how-reproducible-is-nixos"},
		{"Talk.With.Dots", "talk-with-dots", "talk-with-dots"},
		{"x", "session-x", "democonf-session-x"},
	} {
		j := JSONSlug(tc.in)
		x := XMLSlug("democonf", j)
		if j != tc.json || x != tc.xml {
			t.Errorf("%q: JSON %q XML %q, want %q %q", tc.in, j, x, tc.json, tc.xml)
		}
	}
	for _, tc := range []struct{ id, want string }{
		{"fosdem-2025", "fosdem_2025"}, {"democonf", "democonf"}, {"EuroRust 2025", "eurorust_2025"}, {"ab", "ab__"},
	} {
		if got := Acronym(tc.id, ""); got != tc.want {
			t.Errorf("Acronym(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

// validateJSON checks b against the c3voc JSON Schema, with formats asserted.
func validateJSON(t *testing.T, b []byte) {
	t.Helper()
	if err := jsonErr(t, b); err != nil {
		t.Fatalf("schedule.json does not validate:\n%s", clip(err.Error()))
	}
}

func jsonErr(t *testing.T, b []byte) error {
	t.Helper()
	corpus.Need(t, schemaFile, "validating against the c3voc JSON schema")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	abs, _ := filepath.Abs(schemaFile)
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatalf("compiling the schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// validateXML checks b against the c3voc XSD with xmllint.
func validateXML(t *testing.T, b []byte) {
	t.Helper()
	if err := xmlErr(t, b); err != nil {
		t.Fatalf("schedule.xml does not validate: %s", clip(err.Error()))
	}
}

func xmlErr(t *testing.T, b []byte) error {
	t.Helper()
	corpus.Need(t, xsdFile, "validating against the frab XSD")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if corpus.Required() {
			t.Fatal("xmllint not installed (Debian package libxml2-utils; make setup installs it); schedule.xml not validated")
		}
		t.Skip("xmllint not installed (Debian package libxml2-utils); schedule.xml not validated")
	}
	f := filepath.Join(t.TempDir(), "schedule.xml")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", xsdFile, f).CombinedOutput()
	if err != nil {
		return errors.New(err.Error() + "\n" + string(out))
	}
	return nil
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// TestValidatorsReject makes sure the validators are live: they must reject
// known-bad documents.
func TestValidatorsReject(t *testing.T) {
	bad := exporttest.CorpusDir + "/c3voc/examples/invalid-example.json"
	corpus.Need(t, bad, "checking the validators")
	b, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	if jsonErr(t, b) == nil {
		t.Errorf("the JSON Schema validator accepts %s", bad)
	}
	j, x := export(t, exporttest.Sample())
	if jsonErr(t, bytes.Replace(j, []byte(`"start": "09:00"`), []byte(`"start": "9:00"`), 1)) == nil {
		t.Errorf("the JSON Schema validator accepts an invalid start time")
	}
	if jsonErr(t, bytes.Replace(j, []byte(`"url": "https://democonf.example/talks/opening"`), []byte(`"url": "not a uri"`), 1)) == nil {
		t.Errorf("the JSON Schema validator does not check formats")
	}
	if xmlErr(t, bytes.Replace(x, []byte("<start>"), []byte("<start>9:"), 1)) == nil {
		t.Errorf("xmllint accepts an invalid start time")
	}
}

func export(t *testing.T, s *model.Schedule) (j, x []byte) {
	t.Helper()
	j, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	x, err = XML(s)
	if err != nil {
		t.Fatal(err)
	}
	return j, x
}

func TestSample(t *testing.T) {
	s := exporttest.Sample()
	j, x := export(t, s)
	exporttest.Golden(t, "testdata/sample.json", j)
	exporttest.Golden(t, "testdata/sample.xml", x)
	validateJSON(t, j)
	validateXML(t, x)
	roundTrip(t, s, j, x)

	var f struct {
		Schedule struct {
			Conference struct {
				Days []struct {
					Rooms map[string][]struct {
						Abstract string `json:"abstract"`
						Slug     string `json:"slug"`
					} `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal(j, &f); err != nil {
		t.Fatal(err)
	}
	ab := f.Schedule.Conference.Days[0].Rooms["Main Stage"][0].Abstract
	if ab != "Welcome & hello.\n\nSee the FAQ (https://democonf.example/faq); bring snacks, water\\tand a laptop." {
		t.Errorf("JSON abstract is not plain text: %q", ab)
	}
	if !bytes.Contains(x, []byte("&lt;p&gt;Welcome &amp;amp; hello.&lt;/p&gt;")) {
		t.Errorf("XML abstract does not keep the HTML")
	}
	if bytes.Contains(j, []byte("unscheduled")) || bytes.Contains(x, []byte("unscheduled")) {
		t.Errorf("unscheduled session exported")
	}
}

func TestContent(t *testing.T) {
	s := exporttest.Content(t)
	j, x := export(t, s)
	exporttest.Golden(t, "testdata/content.json", j)
	exporttest.Golden(t, "testdata/content.xml", x)
	validateJSON(t, j)
	validateXML(t, x)
	roundTrip(t, s, j, x)
}

func TestEuroRust(t *testing.T) {
	s := exporttest.EuroRust(t)
	j, x := export(t, s)
	validateJSON(t, j)
	validateXML(t, x)
	roundTrip(t, s, j, x)
}

func TestFOSDEM(t *testing.T) {
	s := exporttest.FOSDEM(t)
	n := 0
	for i := range s.Sessions {
		if s.Sessions[i].Scheduled() {
			n++
		}
	}
	if n != 943 {
		t.Errorf("FOSDEM 2025 read with %d scheduled sessions, want 943", n)
	}
	j, x := export(t, s)
	validateJSON(t, j)
	validateXML(t, x)
	roundTrip(t, s, j, x)
}

// TestStableAcrossOrder checks that ids, GUIDs and the output do not depend on
// the order of sessions in the model.
func TestStableAcrossOrder(t *testing.T) {
	s := exporttest.Sample()
	j1, x1 := export(t, s)
	for i, k := 0, len(s.Sessions)-1; i < k; i, k = i+1, k-1 {
		s.Sessions[i], s.Sessions[k] = s.Sessions[k], s.Sessions[i]
	}
	j2, x2 := export(t, s)
	if !bytes.Equal(j1, j2) || !bytes.Equal(x1, x2) {
		t.Errorf("output depends on session order")
	}
}

// roundTrip reads both exports back with the frab reader and checks that every
// scheduled session survives with its title, times, room, language and
// speakers.
func roundTrip(t *testing.T, s *model.Schedule, j, x []byte) {
	t.Helper()
	acr := Acronym(s.Conference.ID, s.Conference.Name)
	for _, f := range []struct {
		name string
		data []byte
		slug func(string) string
	}{
		{"schedule.json", j, JSONSlug},
		{"schedule.xml", x, func(slug string) string { return XMLSlug(acr, JSONSlug(slug)) }},
	} {
		back, d := frab.Read(f.name, f.data)
		if back == nil || d.HasErrors() {
			var msgs []string
			for _, x := range d {
				msgs = append(msgs, x.String())
			}
			t.Fatalf("%s: frab reader fails on our export:\n%s", f.name, strings.Join(msgs, "\n"))
		}
		compare(t, f.name, s, back, f.slug)
	}
}

func compare(t *testing.T, what string, want, got *model.Schedule, slug func(string) string) {
	t.Helper()
	bySlug := map[string]*model.Session{}
	for i := range got.Sessions {
		bySlug[got.Sessions[i].Slug] = &got.Sessions[i]
	}
	n, bad := 0, 0
	for i := range want.Sessions {
		w := &want.Sessions[i]
		if !w.Scheduled() {
			continue
		}
		n++
		g := bySlug[slug(w.Slug)]
		if g == nil {
			t.Errorf("%s: session %s (as %s) lost", what, w.Slug, slug(w.Slug))
			bad++
			continue
		}
		var problems []string
		if g.Title != w.Title {
			problems = append(problems, "title "+g.Title+" != "+w.Title)
		}
		if !g.Start.Equal(w.Start) {
			problems = append(problems, "start "+g.Start.String()+" != "+w.Start.String())
		}
		if !w.End.Before(w.Start) && !g.End.Equal(w.End) {
			problems = append(problems, "end "+g.End.String()+" != "+w.End.String())
		}
		if g.Room != roomName(w) {
			problems = append(problems, "room "+g.Room+" != "+roomName(w))
		}
		if g.Language != w.Language {
			problems = append(problems, "language "+g.Language+" != "+w.Language)
		}
		if gn, wn := names(got, g), names(want, w); gn != wn {
			problems = append(problems, "speakers "+gn+" != "+wn)
		}
		if g.Kind != w.Kind && strings.HasSuffix(what, ".json") {
			problems = append(problems, "kind "+g.Kind.String()+" != "+w.Kind.String())
		}
		if len(problems) > 0 {
			bad++
			if bad <= 10 {
				t.Errorf("%s: session %s: %s", what, w.Slug, strings.Join(problems, "; "))
			}
		}
	}
	scheduled := 0
	for i := range got.Sessions {
		if got.Sessions[i].Scheduled() {
			scheduled++
		}
	}
	if scheduled != n {
		t.Errorf("%s: %d sessions read back, %d exported", what, scheduled, n)
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d sessions differ after the round trip", what, bad, n)
	} else {
		t.Logf("%s: %d sessions survive the round trip", what, n)
	}
}

func names(s *model.Schedule, ss *model.Session) string {
	var out []string
	for _, slug := range ss.Speakers {
		if sp := s.Speaker(slug); sp != nil {
			out = append(out, sp.Name)
		} else {
			out = append(out, slug)
		}
	}
	return strings.Join(out, ", ")
}

// TestLanguage: a session's language is each event's "language" in
// schedule.json (null when unknown, as the schema requires the key) and its
// <language> in schedule.xml (left out when unknown, as the XSD allows);
// both validate and read back the same.
func TestLanguage(t *testing.T) {
	s := exporttest.Sample()
	langs := []string{"en", "Deutsch", "", "English & français <ok>"}
	want := map[string]string{} // GUID → language
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		ss.Language = langs[i%len(langs)]
		if ss.Scheduled() {
			want[GUID(s.Conference.ID, ss.Slug)] = ss.Language
		}
	}
	if len(want) < len(langs) {
		t.Fatalf("the sample has %d scheduled sessions, too few to try %d languages", len(want), len(langs))
	}
	j, x := export(t, s)
	validateJSON(t, j)
	validateXML(t, x)
	roundTrip(t, s, j, x)

	var jf struct {
		Schedule struct {
			Conference struct {
				Days []struct {
					Rooms map[string][]struct {
						GUID     string          `json:"guid"`
						Language json.RawMessage `json:"language"`
					} `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal(j, &jf); err != nil {
		t.Fatal(err)
	}
	var xf struct {
		Events []struct {
			GUID     string   `xml:"guid,attr"`
			Language []string `xml:"language"`
		} `xml:"day>room>event"`
	}
	if err := xml.Unmarshal(x, &xf); err != nil {
		t.Fatal(err)
	}
	type got struct{ json, xml string }
	out := map[string]*got{}
	for _, d := range jf.Schedule.Conference.Days {
		for _, evs := range d.Rooms {
			for _, e := range evs {
				g := &got{json: "(missing)", xml: "(missing)"}
				if e.Language != nil {
					g.json = string(e.Language)
				}
				out[e.GUID] = g
			}
		}
	}
	for _, e := range xf.Events {
		g := out[e.GUID]
		if g == nil {
			t.Fatalf("event %s in the XML only", e.GUID)
		}
		g.xml = strings.Join(e.Language, "|")
		if len(e.Language) == 0 {
			g.xml = "(none)"
		}
	}
	for guid, lang := range want {
		wj, wx := "null", "(none)"
		if lang != "" {
			b, err := marshal(lang) // as the exporter writes strings: no HTML escapes
			if err != nil {
				t.Fatal(err)
			}
			wj, wx = string(b), lang
		}
		g := out[guid]
		if g == nil || g.json != wj || g.xml != wx {
			t.Errorf("event %s: language %+v, want JSON %s and XML %q", guid, g, wj, wx)
		}
	}
	if !bytes.Contains(x, []byte("<language>English &amp; français &lt;ok&gt;</language>")) {
		t.Errorf("XML language not escaped as text")
	}
}

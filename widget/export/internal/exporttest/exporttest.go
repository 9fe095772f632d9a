// Package exporttest holds what the export packages' tests share: a fixed
// DTSTAMP, a hand-built schedule, golden files refreshed with -update, and the
// schedules of the demo content and of the real-world corpus.
package exporttest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// Stamp is the fixed generation time of every golden file.
var Stamp = time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)

// Paths relative to a package directory widget/export/X.
const (
	ContentDir  = "../../../content"
	CorpusDir   = "../../../../shared/corpus"
	EuroRustDir = CorpusDir + "/eurorust-2025/content"
	FOSDEMFile  = CorpusDir + "/fosdem-2025/schedule.xml"
)

// Golden compares got with the file at path, or rewrites it under -update.
func Golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (%d bytes, want %d); first difference at line %d; run go test -update if the change is intended",
			path, len(got), len(want), firstDiffLine(got, want))
	}
}

func firstDiffLine(a, b []byte) int {
	line := 1
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return line
		}
		if a[i] == '\n' {
			line++
		}
	}
	return line
}

// Sample returns a small hand-built schedule with the awkward cases: commas,
// semicolons and backslashes, long UTF-8 titles, HTML descriptions with entities,
// a break without a room, an off-site activity, an unscheduled session, and a
// session on a second day.
func Sample() *model.Schedule {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CEST", 2*3600)
	}
	at := func(day, h, m int) time.Time { return time.Date(2026, 10, day, h, m, 0, 0, paris).UTC() }
	s := &model.Schedule{
		Conference: model.Conference{ID: "democonf", Name: "DemoConf 2026", TimeZone: "Europe/Paris", BaseURL: "https://democonf.example"},
		Rooms:      []string{"Main Stage", "Side Stage"},
		Speakers: []model.Speaker{
			{Slug: "ada-lovelace", Name: "Ada Lovelace", Role: "Analyst", Bio: "<p>First programmer.</p>"},
			{Slug: "grace-hopper", Name: "Grace Hopper", Role: "Rear Admiral", Bio: "<p>Compilers &amp; <em>COBOL</em>.</p>"},
		},
		Sessions: []model.Session{
			{Slug: "opening", Title: "Opening", Kind: model.Talk, Room: "Main Stage", Start: at(8, 9, 0), End: at(8, 9, 30),
				Speakers: []string{"ada-lovelace", "grace-hopper"}, Track: "Community", Tags: []string{"welcome"},
				Description: `<p>Welcome &amp; hello.</p><p>See <a href="https://democonf.example/faq" rel="nofollow">the FAQ</a>; bring snacks, water\tand a laptop.</p>`,
				URL:         "https://democonf.example/talks/opening"},
			{Slug: "unicode-all-the-way", Title: "Ünïcödé all the way down: 日本語, émoji 🦀 and “quotes” in a title long enough to be folded twice over", Kind: model.Talk,
				Room: "Side Stage", Start: at(8, 10, 0), End: at(8, 10, 45), Speakers: []string{"grace-hopper"},
				Description: "<ul><li>one</li><li>two</li></ul>"},
			{Slug: "lunch", Title: "Lunch", Kind: model.Break, Start: at(8, 12, 0), End: at(8, 13, 30), Description: "<p>In the hall.</p>"},
			{Slug: "axum-workshop", Title: "Axum; in 90 minutes, really\\truly", Kind: model.Workshop, Room: "Side Stage", Start: at(8, 14, 0), End: at(8, 15, 30),
				Speakers: []string{"ada-lovelace"}, Track: "Web"},
			{Slug: "boat-trip", Title: "Boat trip", Kind: model.Activity, Start: at(8, 19, 0), End: at(8, 22, 0), Location: "Quai Rambaud, 69002 Lyon"},
			{Slug: "closing", Title: "Closing <remarks>", Kind: model.Talk, Room: "Main Stage", Start: at(9, 17, 0), End: at(9, 17, 15)},
			{Slug: "unscheduled", Title: "Maybe later", Kind: model.Talk},
		},
	}
	s.Sort()
	return s
}

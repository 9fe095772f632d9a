package core

import (
	"testing"

	"github.com/agendaconf/agenda/internal/corpus"
	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/read/frab"
)

// fosdem is FOSDEM 2025's programme (943 sessions), from the shared corpus.
func fosdem(b *testing.B) *bundle.Bundle {
	const path = "../../../shared/corpus/fosdem-2025/schedule.xml"
	corpus.Need(b, path, "the FOSDEM keystroke benchmark")
	s, d := frab.ReadFile(path)
	if s == nil || d.HasErrors() {
		b.Fatalf("FOSDEM: %v", d)
	}
	return open(b, s)
}

// BenchmarkKeystroke is the script of one search keystroke at FOSDEM's
// size, typing "ru" then "r" in turn: match, then the patches that hide
// and show hundreds of sessions.
func BenchmarkKeystroke(b *testing.B) {
	for _, view := range []string{"list", "grid"} {
		b.Run(view, func(b *testing.B) {
			c := New(fosdem(b), Options{View: view}, "en", zone(b, "Europe/Brussels"), nil)
			c.Render("")
			for c.Pending() {
				c.MorePatches()
			}
			for !c.Warm(1000) {
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				c.SetText([]string{"r", "ru"}[i%2])
				c.Render("q")
			}
		})
	}
}

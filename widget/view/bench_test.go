//go:build js && wasm

package view

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkKeystroke measures one search keystroke on a small programme:
// the fixed cost of an update, whatever the programme's size.
func BenchmarkKeystroke(b *testing.B) {
	t := &testing.T{}
	in := Mount(host(t, ""), open(t, conference()), Options{})
	defer in.Destroy()
	words := []string{"a", "as", "asy", "async", ""}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		in.c.SetText(words[i%len(words)])
		in.update(false)
	}
}

// BenchmarkToggleMany flips about half of 1,000 sessions per update: the cost
// of a keystroke that narrows a large programme a lot.
func BenchmarkToggleMany(b *testing.B) {
	t := &testing.T{}
	s := conference()
	base := s.Sessions[0]
	s.Sessions = nil
	for i := range 1000 {
		ss := base
		ss.Slug = "s" + strconv.Itoa(i)
		if i%2 == 0 {
			ss.Title = "Even talk"
		} else {
			ss.Title = "Odd talk"
		}
		ss.Start = base.Start.Add(time.Duration(i) * time.Minute)
		ss.End = ss.Start.Add(30 * time.Minute)
		ss.Room = s.Rooms[i%3]
		s.Sessions = append(s.Sessions, ss)
	}
	in := Mount(host(t, ""), open(t, s), Options{})
	defer in.Destroy()
	for in.c.Pending() {
		in.renderMore()
	}
	words := []string{"even", "odd"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		in.c.SetText(words[i%2])
		in.update(false)
	}
}

package model

import (
	"slices"
	"testing"
	"time"
)

func TestSorted(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 10, 8, h, 0, 0, 0, time.UTC) }
	s := &Schedule{
		Rooms:    []string{"B"},
		Speakers: []Speaker{{Slug: "zed"}, {Slug: "amy"}},
		Sessions: []Session{
			{Slug: "later", Room: "A", Start: at(11)},
			{Slug: "unscheduled"},
			{Slug: "b-first", Room: "B", Start: at(9)},
			{Slug: "a-first", Room: "A", Start: at(9)},
			{Slug: "no-room", Start: at(9)},
		},
	}
	before := *s
	before.Rooms = slices.Clone(s.Rooms)
	before.Speakers = slices.Clone(s.Speakers)
	before.Sessions = slices.Clone(s.Sessions)

	c := s.Sorted()
	var slugs []string
	for _, ss := range c.Sessions {
		slugs = append(slugs, ss.Slug)
	}
	if want := []string{"b-first", "a-first", "no-room", "later", "unscheduled"}; !slices.Equal(slugs, want) {
		t.Errorf("Sorted sessions %q, want %q", slugs, want)
	}
	if !slices.Equal(c.Rooms, []string{"B", "A"}) || c.Speakers[0].Slug != "amy" {
		t.Errorf("Sorted rooms %q, speakers %v", c.Rooms, c.Speakers)
	}
	// The same as Sort on the schedule itself.
	d := *s
	d.Rooms, d.Speakers, d.Sessions = slices.Clone(s.Rooms), slices.Clone(s.Speakers), slices.Clone(s.Sessions)
	d.Sort()
	for i := range d.Sessions {
		if d.Sessions[i].Slug != c.Sessions[i].Slug {
			t.Fatalf("Sorted and Sort differ at %d: %s, %s", i, c.Sessions[i].Slug, d.Sessions[i].Slug)
		}
	}
	// s is untouched, its slices included.
	if !slices.Equal(s.Rooms, before.Rooms) || len(s.Rooms) != 1 {
		t.Errorf("Sorted changed s.Rooms: %q", s.Rooms)
	}
	for i := range s.Sessions {
		if s.Sessions[i].Slug != before.Sessions[i].Slug {
			t.Errorf("Sorted changed s.Sessions order at %d", i)
		}
	}
	if s.Speakers[0].Slug != "zed" {
		t.Errorf("Sorted changed s.Speakers order")
	}
}

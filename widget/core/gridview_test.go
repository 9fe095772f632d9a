package core

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

// TestGridSlices: a day of 150 sessions in three rooms and none opens with
// the day's first sessions and sends the rest, room by room, into their
// rooms' columns; each session once, and each column holds only its room.
func TestGridSlices(t *testing.T) {
	s := &model.Schedule{
		Conference: model.Conference{ID: "big", Name: "Big", TimeZone: "Europe/Paris"},
		Rooms:      []string{"A", "B", "C"},
	}
	start := at(t, "Europe/Paris", "2026-10-08 09:00")
	for i := range 150 {
		room := []string{"A", "B", "C", ""}[i%4]
		t0 := start.Add(time.Duration(i/4) * 10 * time.Minute)
		s.Sessions = append(s.Sessions, model.Session{Slug: fmt.Sprintf("s%03d", i), Title: fmt.Sprint("Talk ", i),
			Kind: model.Talk, Room: room, Location: "Out", Start: t0, End: t0.Add(10 * time.Minute)})
	}
	c := New(open(t, s), Options{View: "grid"}, "en", zone(t, "Europe/Paris"), func() int64 { return 0 })
	f := c.Update()
	where := map[string]string{} // slug: the column it was rendered in
	place := func(html, in string) {
		for _, m := range sessionTag.FindAllStringSubmatch(html, -1) {
			if prev, ok := where[m[3]]; ok {
				t.Errorf("%s rendered twice: in %s and %s", m[3], prev, in)
			}
			where[m[3]] = in
		}
	}
	cols := strings.Split(f.Main, `<div class="col" id="`)[1:]
	for _, col := range cols {
		in := col[:strings.IndexByte(col, '"')]
		place(col, in)
	}
	if len(cols) != 4 || len(where) != firstSlice {
		t.Fatalf("the grid opens with %d columns and %d sessions, want 4 and %d", len(cols), len(where), firstSlice)
	}
	for i := range firstSlice {
		if _, ok := where[fmt.Sprintf("s%03d", i)]; !ok {
			t.Errorf("s%03d, among the day's first %d, is not in the first markup", i, firstSlice)
		}
	}
	slices := 0
	for c.Pending() {
		for _, sl := range c.More() {
			slices++
			place(sl.HTML, sl.In)
		}
	}
	if len(where) != 150 {
		t.Errorf("%d of 150 sessions rendered", len(where))
	}
	want := map[string]string{"A": "c0", "B": "c1", "C": "c2", "": "cx"}
	for i, ss := range s.Sessions {
		if got := where[ss.Slug]; got != want[ss.Room] {
			t.Errorf("session %d of room %q went in %q, want %q", i, ss.Room, got, want[ss.Room])
		}
	}
	if slices > 4 {
		t.Errorf("the rest came in %d slices: one per room is enough for 90 sessions", slices)
	}
}

// amClock writes times as "10:00 AM", as Intl does in English.
type amClock struct{ goClock }

func (c amClock) Time(u int64) string { return time.Unix(u, 0).In(c.loc).Format("3:04 PM") }

// TestGridCard: a grid session is five elements (article, h3, its button,
// one paragraph, the star); its times never wrap inside, and its speakers
// take the paragraph's second line.
func TestGridCard(t *testing.T) {
	c := New(open(t, conference(t)), Options{View: "grid"}, "en", amClock{zone(t, "Europe/Paris")}, func() int64 { return 0 })
	f := c.Update()
	at := strings.Index(f.Main, `data-session="a"`)
	card := f.Main[strings.LastIndex(f.Main[:at], "<article"):]
	card = card[:strings.Index(card, "</article>")]
	if n := strings.Count(card, "<") - strings.Count(card, "</"); n != 5 {
		t.Errorf("the card has %d elements, want 5:\n%s", n, card)
	}
	if want := "10:00\u00a0AM–11:00\u00a0AM\nInès Fernández</p>"; !strings.Contains(card, want) {
		t.Errorf("the card does not read %q:\n%s", want, card)
	}
}

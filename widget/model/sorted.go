package model

// Sorted returns a copy of s in programme order (see Sort), leaving s as it
// was: the copy has its own Rooms, Speakers and Sessions slices, the ones
// Sort changes. The sessions' and speakers' own slices (Speakers, Tags,
// Links) are shared: treat them as read-only. Exporters work on it so that
// their output never depends on the order of the input.
func (s *Schedule) Sorted() *Schedule {
	c := *s
	c.Rooms = append([]string(nil), s.Rooms...)
	c.Speakers = append([]Speaker(nil), s.Speakers...)
	c.Sessions = append([]Session(nil), s.Sessions...)
	c.Sort()
	return &c
}

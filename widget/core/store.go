package core

// Store keeps what the widget remembers for an attendee (favourites, the
// time zone choice) in the browser's storage. Storage may be missing, full
// or blocked (private modes, partner iframes, where merely reading
// localStorage throws): then memory keeps what it would not, for the page's
// life, and wins over it. What storage returns is anyone's: any string.
type Store struct {
	Get    func(key string) string // storage's; a panic reads as nothing
	Set    func(key, value string) // storage's; a panic is a refusal
	Memory map[string]string       // what storage refused, by key
}

// Load is what is kept under key, "" if nothing.
func (s *Store) Load(key string) (v string) {
	if v, ok := s.Memory[key]; ok {
		return v
	}
	defer func() { recover() }()
	return s.Get(key)
}

// Save keeps value under key.
func (s *Store) Save(key, value string) {
	defer func() {
		if recover() != nil {
			if s.Memory == nil {
				s.Memory = map[string]string{}
			}
			s.Memory[key] = value
		}
	}()
	s.Set(key, value)
	delete(s.Memory, key)
}

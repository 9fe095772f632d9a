package inspect

import (
	"sort"
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// ZoneNote says what the sessions' times tell of the time zone:
// "3 date-times carry the offset -04:00, 2 the offset Z (UTC); 1 has none".
func (g *Guess) ZoneNote() string {
	type on struct {
		off string
		n   int
	}
	var offs []on
	for off, n := range g.Offsets {
		offs = append(offs, on{off, n})
	}
	sort.Slice(offs, func(i, j int) bool {
		if offs[i].n != offs[j].n {
			return offs[i].n > offs[j].n
		}
		return offs[i].off < offs[j].off
	})
	var parts []string
	for i, o := range offs {
		name := o.off
		if name == "Z" {
			name = "Z (UTC)"
		}
		if i == 0 {
			parts = append(parts, diag.Plural(o.n, "date-time")+" "+carry(o.n)+" the offset "+name)
		} else {
			parts = append(parts, strconv.Itoa(o.n)+" the offset "+name)
		}
	}
	switch {
	case len(parts) == 0 && g.Local == 0:
		return "no session has a time"
	case len(parts) == 0:
		return "every time is a local time, with no offset"
	}
	s := strings.Join(parts, ", ")
	if g.Local > 0 {
		s += "; " + strconv.Itoa(g.Local) + " local " + plural1(g.Local, "time has", "times have") + " none"
	}
	return s
}

func carry(n int) string {
	if n == 1 {
		return "carries"
	}
	return "carry"
}

func plural1(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// missingZone adds the time zone to Missing when it is not known.
func (g *Guess) missingZone() {
	if g.TimeZone != "" || len(g.Sessions) == 0 && !g.Zola {
		return
	}
	g.Missing = append([]string{"time_zone: " + g.ZoneNote() + "; name the venue's zone (an IANA name such as \"Europe/Paris\"), or pass --tz"}, g.Missing...)
}

// TOML writes the commented agenda.toml.
func (g *Guess) TOML() []byte {
	var w tw
	r := g.Report
	folders := 0
	for _, f := range r.Folders {
		if len(f.Pages) > 0 {
			folders++
		}
	}
	w.c("agenda.toml for " + clean(r.Name) + ", written by agenda init from " + diag.Plural(r.Pages, "page") + " in " + diag.Plural(folders, "folder") + ".")
	w.c("Above each line, what init saw: the key, on how many of the folder's pages")
	w.c("it is, and what its values look like. Check every guess, settle every TODO,")
	w.c("then run agenda check on the folder. The mapping is described in the README.")
	if r.Truncated {
		w.c("The folder is large: init looked at its first " + strconv.Itoa(maxEntries) + " files and " + strconv.Itoa(maxPages) + " pages.")
	}
	if g.Zola {
		w.nl()
		w.c("Zola's layout (" + strings.Join(g.ZolaFolders, ", ") + "): Agenda reads it")
		w.c("without a mapping, so this file holds the conference's keys only.")
	}
	w.nl()
	w.c("name: " + g.NameFrom)
	w.kv("name", g.Name, "")
	w.kv("id", g.ID, "stable: calendar UIDs and saved favourites hang on it")
	w.c("time_zone: " + g.ZoneNote())
	switch {
	case g.TimeZone != "" && len(g.ZoneMismatch) > 0:
		w.c("WARNING: " + g.TimeZone + " does not have the offset " + strings.Join(g.ZoneMismatch, ", ") + ": check the zone and those pages.")
		w.kv("time_zone", g.TimeZone, "")
	case g.TimeZone != "":
		w.kv("time_zone", g.TimeZone, "")
	case len(g.Offsets) > 0:
		w.c("An offset is not a zone: it changes with summer time, and many zones share it.")
		w.c("TODO: name the venue's zone, an IANA name such as \"Europe/Paris\" (or pass --tz).")
		w.c(`time_zone = ""`)
	default:
		w.c("TODO: name the venue's zone, an IANA name such as \"Europe/Paris\" (or pass --tz).")
		w.c(`time_zone = ""`)
	}
	if g.Year != 0 {
		w.c("year: " + g.YearNote)
		w.line("year = " + strconv.Itoa(g.Year))
	} else if g.YearNote != "" {
		w.c("year: " + g.YearNote)
		w.c("TODO: the year of the dates written without one (or pass --year).")
		w.c("year = YYYY")
	}
	if len(g.Rooms) > 0 {
		w.c("The rooms seen; uncomment to set their display order:")
		w.c("rooms = " + list(g.Rooms))
	}
	for _, s := range g.Sessions {
		g.writeSessions(&w, s)
	}
	switch {
	case g.Speakers != nil:
		g.writeSpeakers(&w, g.Speakers)
	case len(g.Sessions) > 0:
		w.nl()
		w.c("No folder looks like speaker pages: the speakers that sessions name are")
		w.c("added by name. If they have pages, map their folder:")
		w.c("[speakers]")
		w.c(`folder = ""`)
	case !g.Zola:
		w.nl()
		w.c("TODO: no folder looks like session pages: none has a key that looks like a")
		w.c("start time. Map the folder of session pages by hand:")
		w.c("[[sessions]]")
		w.c(`folder = ""`)
		w.c("[sessions.fields]")
		w.c(`start = ""`)
	}
	for _, f := range g.MoreSpeakers {
		w.nl()
		w.c(f.Path + "/ looks like speaker pages too (" + diag.Plural(len(f.Pages), "page") + "); agenda.toml maps one folder of them.")
	}
	if len(g.Others) > 0 && !g.Zola {
		w.nl()
		w.c("Pages not mapped, in folders that look like neither sessions nor speakers:")
		for _, f := range g.Others {
			var ks []string
			for _, k := range f.Keys {
				ks = append(ks, clean(k.Name))
			}
			if len(ks) > 8 {
				ks = append(ks[:8], "…")
			}
			w.c("  " + clean(f.Path) + "/: " + diag.Plural(len(f.Pages), "page") + " (" + strings.Join(ks, ", ") + ")")
		}
	}
	if len(r.Failed) > 0 {
		w.nl()
		w.c("Pages skipped: no front matter, or front matter init could not read:")
		for i, f := range r.Failed {
			if i == 20 {
				w.c("  … and " + strconv.Itoa(len(r.Failed)-i) + " more")
				break
			}
			w.c("  " + clean(f.Path) + ": " + clean(f.Msg))
		}
	}
	return []byte(w.String())
}

func (g *Guess) writeSessions(w *tw, s *SessionGuess) {
	f := s.Folder
	n := len(f.Pages)
	w.nl()
	w.c(clean(f.Path) + "/: " + diag.Plural(n, "page") + " of sessions")
	w.line("[[sessions]]")
	w.kv("folder", f.Path, "")
	if s.Kind != "" {
		w.c("kind: " + s.KindNote)
		w.kv("kind", s.Kind, "")
	}
	if s.KindField != nil {
		w.c(s.KindField.Describe(n) + ": " + s.KindField.values())
		w.kv("kind_field", s.KindField.Name, "")
		w.line("[sessions.kinds]")
		for _, kv := range s.Kinds {
			if kv.Kind == "" {
				w.c("TODO: " + strconv.Quote(kv.Value) + " is none of the kinds init knows: write talk, workshop, activity or break")
				w.c(key(kv.Value) + ` = ""`)
				continue
			}
			w.line(key(kv.Value) + " = " + quote(kv.Kind))
		}
	}
	w.line("[sessions.fields]")
	for _, fl := range s.Fields {
		writeField(w, fl, n)
	}
	writeUnmapped(w, f, s.Unmapped)
}

func (g *Guess) writeSpeakers(w *tw, s *SpeakerGuess) {
	f := s.Folder
	n := len(f.Pages)
	w.nl()
	w.c(clean(f.Path) + "/: " + diag.Plural(n, "page") + " of speakers")
	w.line("[speakers]")
	w.kv("folder", f.Path, "")
	w.line("[speakers.fields]")
	for _, fl := range s.Fields {
		writeField(w, fl, n)
	}
	writeUnmapped(w, f, s.Unmapped)
}

func writeField(w *tw, fl Field, pages int) {
	if fl.Key == nil {
		w.c("TODO: " + fl.TODO)
		w.c(fl.Name + ` = ""`)
		return
	}
	w.c(fl.Key.Describe(pages))
	if fl.Note != "" {
		w.c(fl.Note)
	}
	w.kv(fl.Name, fl.Key.Name, "")
}

func writeUnmapped(w *tw, f *Folder, keys []*Key) {
	if len(keys) == 0 {
		return
	}
	w.c("Keys seen in " + clean(f.Path) + "/ and not mapped:")
	for _, k := range keys {
		w.c("  " + k.Describe(len(f.Pages)))
	}
}

// tw builds the file.
type tw struct{ strings.Builder }

func (w *tw) line(s string) { w.WriteString(s + "\n") }
func (w *tw) nl()           { w.WriteString("\n") }

// c writes a comment; s is already free of line breaks.
func (w *tw) c(s string) { w.line("# " + clean(s)) }

func (w *tw) kv(k, v, comment string) {
	s := key(k) + " = " + quote(v)
	if comment != "" {
		s += "  # " + clean(comment)
	}
	w.line(s)
}

// clean makes s safe in a comment and on a terminal: a line break in a
// YAML key, a bidi override in a value are written as escapes.
func clean(s string) string { return diag.Escape(s) }

// quote is s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u` + strconv.FormatInt(int64(r)|0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// key is k as a TOML key: bare when it can be.
func key(k string) string {
	if k == "" {
		return `""`
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return quote(k)
		}
	}
	return k
}

func list(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

package inspect

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/zola"
)

// Options are what the organiser already knows; zero values are guessed.
type Options struct {
	Name     string // the conference's name
	TimeZone string // an IANA zone name, already checked by the caller
	Year     int    // for dates without a year
}

// Guess is the agenda.toml Guess makes of a Report.
type Guess struct {
	Report   *Report
	Name, ID string
	NameFrom string // where Name comes from: "--name", "_index.md", "the folder's name"
	TimeZone string // "" when not known
	// Offsets count the UTC offsets of the sessions' date-times ("+02:00",
	// "Z"); Local the times that have none (date-times without an offset,
	// dates with a time of day).
	Offsets map[string]int
	Local   int
	// ZoneMismatch lists offsets that TimeZone does not have at the time
	// they were seen: "+01:00 on 2024-05-02T10:00:00+01:00".
	ZoneMismatch []string
	Year         int    // 0: not written
	YearNote     string // why
	Rooms        []string
	// Zola: the folder is in Zola's layout, read without a mapping.
	Zola        bool
	ZolaFolders []string
	// ZolaRoot is a folder further down in Zola's layout (a site's
	// content/): the folder to read instead.
	ZolaRoot string
	Sessions []*SessionGuess
	Speakers *SpeakerGuess
	// MoreSpeakers are other folders that look like speaker pages; a mapping
	// has one [speakers].
	MoreSpeakers []*Folder
	Others       []*Folder // folders neither sessions nor speakers
	// Missing says what could not be guessed, one line each, for the
	// organiser: "the room of sessions in talks/: no key looks like it".
	Missing []string
	// Notes are what else the organiser should know.
	Notes []string
}

// SessionGuess is one [[sessions]] entry.
type SessionGuess struct {
	Folder    *Folder
	Kind      string // a fixed kind, "" for none
	KindNote  string // why
	KindField *Key
	Kinds     []KindValue
	Fields    []Field
	Unmapped  []*Key
}

// KindValue is one value of the kind field and the kind it maps to; Kind
// "" when no rule knows it.
type KindValue struct {
	Value string
	Kind  string
	N     int
}

// Field is one mapped field: Name in agenda.toml ("start"), Key the front
// matter key it reads, or nil with TODO saying what is missing.
type Field struct {
	Name string
	Key  *Key
	Note string
	TODO string
}

// SpeakerGuess is [speakers].
type SpeakerGuess struct {
	Folder   *Folder
	Fields   []Field
	Unmapped []*Key
}

// norm is a key or folder name as names compare: lower case, without the
// separators of snake, kebab and camel case.
func norm(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ':
			return -1
		}
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// names are the names a key answers to: its last part, and for
// "room.name" or "room.title" the table's name too.
func names(k *Key) []string {
	parts := strings.Split(k.Name, ".")
	last := norm(parts[len(parts)-1])
	out := []string{last}
	if len(parts) > 1 && (last == "name" || last == "title") {
		out = append(out, norm(parts[len(parts)-2]))
	}
	return out
}

func words(s string) []string { return strings.Fields(s) }

var (
	titleNames    = words("title name heading sessiontitle talktitle label")
	startNames    = words("start starts startsat startat starttime startdatetime begin begins beginsat beginat datetime sessionstart eventstart timestart from when time date day startdate sessiondate eventdate")
	strongStart   = words("start starts startsat startat starttime startdatetime begin begins beginsat beginat datetime sessionstart eventstart timestart from when time")
	dateNames     = words("date day sessiondate eventdate startdate start starts when datetime")
	timeNames     = words("time times starts start starttime hour hours slot timeslot when from begins begin schedule")
	endNames      = words("end ends endsat endat endtime enddatetime enddate finish finishes finishesat until till to stop timeend sessionend eventend")
	durationNames = words("duration length minutes mins durationminutes durationmins durationmin lengthminutes len runtime")
	notStart      = words("lastmod lastmodified publishdate pubdate published publishedat expirydate expires expiresat updated updatedat modified created createdat")
	roomNames     = words("room rooms location stage venue hall place where roomname auditorium space")
	trackNames    = words("track topic stream theme category subject")
	speakersNames = words("speakers speaker speakerids speakerslugs speakernames presenters presenter authors author hosts host people by facilitators facilitator instructors instructor mentors")
	kindNames     = words("type kind format category sessiontype sessionkind talktype eventtype")
	slugNames     = words("slug")
	descNames     = words("description abstract summary desc")
	languageNames = words("language lang locale")
	tagNames      = words("tags keywords")
	draftNames    = words("draft")
	nameNames     = words("name fullname displayname title")
	roleNames     = words("role company organisation organization affiliation jobtitle job position employer org occupation")
	bioNames      = words("bio biography about description summary")
	urlNames      = words("url website homepage web site link homepageurl")
)

func in(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// picker picks keys of one folder, each at most once.
type picker struct {
	f    *Folder
	used map[string]bool
}

// pick returns the key whose name comes first in list and that ok accepts;
// among equals, the one on most pages. It is then used.
func (p *picker) pick(list []string, ok func(*Key) bool) *Key {
	var best *Key
	bestRank := len(list)
	for _, k := range p.f.Keys {
		if p.used[k.Name] || !ok(k) {
			continue
		}
		rank := len(list)
		for _, n := range names(k) {
			for i, x := range list {
				if x == n && i < rank {
					rank = i
				}
			}
		}
		if rank == len(list) {
			continue
		}
		if best == nil || rank < bestRank || rank == bestRank && better(k, best) {
			best, bestRank = k, rank
		}
	}
	if best != nil {
		p.used[best.Name] = true
	}
	return best
}

// pickAny returns the key ok accepts on most pages, whatever its name,
// skipping the names in not.
func (p *picker) pickAny(not []string, ok func(*Key) bool) *Key {
	var best *Key
	for _, k := range p.f.Keys {
		if p.used[k.Name] || !ok(k) || in(not, names(k)[0]) {
			continue
		}
		if best == nil || better(k, best) {
			best = k
		}
	}
	if best != nil {
		p.used[best.Name] = true
	}
	return best
}

func better(a, b *Key) bool {
	if a.Pages != b.Pages {
		return a.Pages > b.Pages
	}
	if da, db := strings.Count(a.Name, "."), strings.Count(b.Name, "."); da != db {
		return da < db
	}
	return a.Name < b.Name
}

func (p *picker) has(list []string) bool {
	for _, k := range p.f.Keys {
		if !p.used[k.Name] && in(list, names(k)[0]) {
			return true
		}
	}
	return false
}

// isText: what the mapping reads as text, a number (room 101) included,
// and text that happens to look like a date ("Sunday 9am yoga").
func isText(k *Key) bool {
	return k.mostly(Text, Number, DateText, DateTimeText, TimeOfDay, TimeSpan)
}

func isInstant(k *Key) bool { return k.mostly(Instant, LocalDateTime) }

func isDate(k *Key) bool { return k.mostly(Date, DateText, DateTimeText, LocalDateTime, Instant) }

func isClock(k *Key) bool { return k.mostly(TimeOfDay, TimeSpan) }

func isEnd(k *Key) bool { return k.mostly(Instant, LocalDateTime, TimeOfDay) }

func isList(k *Key) bool {
	return k.mostly(TextList, TableList, EmptyList, Text) && k.count(MixedList, Number, Boolean, EmptyTable) == 0
}

func isBool(k *Key) bool { return k.mostly(Boolean) }

// isDuration: minutes (45, "45") or "1:30" on every page.
func isDuration(k *Key) bool {
	if !k.mostly(Number, Text, TimeOfDay) || k.count(Number, Text, TimeOfDay, EmptyText) != sum(k.Classes) {
		return false
	}
	for v := range k.Values {
		if !durationRE.MatchString(v) {
			return false
		}
	}
	return true
}

func sum(m map[Class]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// kindOf maps a value of a kind field to a kind by the words in it:
// break words first ("coffee break"), then workshops, activities, talks.
func kindOf(v string) string {
	s := strings.ToLower(v)
	for _, r := range []struct {
		kind  string
		words []string
	}{
		{"break", words("break lunch coffee breakfast snack registration")},
		{"workshop", words("workshop tutorial hands-on handson hands lab training bootcamp")},
		{"activity", words("activity social party tour drinks dinner networking excursion reception meetup game games hike walk trip")},
		{"talk", words("talk keynote lightning presentation panel session lecture fireside demo opening closing welcome")},
	} {
		for _, w := range r.words {
			if strings.Contains(s, w) {
				return r.kind
			}
		}
	}
	return ""
}

// folderKind is the kind a folder's name gives its pages.
func folderKind(dir string) (string, bool) {
	n := norm(strings.TrimLeft(path.Base(dir), "_"))
	switch {
	case strings.HasPrefix(n, "workshop"), strings.HasPrefix(n, "tutorial"):
		return "workshop", true
	case strings.HasPrefix(n, "break"):
		return "break", true
	case strings.HasPrefix(n, "activit"), strings.HasPrefix(n, "social"):
		return "activity", true
	}
	return "talk", false
}

func nameIn(dir string, list []string) bool {
	n := norm(strings.TrimLeft(path.Base(dir), "_"))
	for _, x := range list {
		if n == x || strings.HasPrefix(n, x) && len(n) > len(x) && (n[len(x)] >= '0' && n[len(x)] <= '9') {
			return true
		}
	}
	return false
}

// Guess makes the agenda.toml for r.
func (r *Report) Guess(o Options) *Guess {
	g := &Guess{Report: r, Offsets: map[string]int{}}
	switch {
	case o.Name != "":
		g.Name, g.NameFrom = o.Name, "--name"
	case r.IndexTitle != "":
		g.Name, g.NameFrom = r.IndexTitle, "the title of _index.md"
	default:
		g.Name, g.NameFrom = r.Name, "the folder's name"
	}
	g.ID = zola.Slugify(r.Name)
	g.TimeZone = o.TimeZone
	if dates, ok := g.zola(); ok {
		g.conference(o, dates)
		g.missingZone()
		return g
	}
	var folders []*Folder
	for _, f := range r.Folders {
		if mappable(f.Path) {
			folders = append(folders, f)
		} else {
			g.Others = append(g.Others, f)
			g.Notes = append(g.Notes, strconv.Quote(f.Path)+" cannot be named in agenda.toml (a backslash, or blanks at its ends): rename it to map it")
		}
	}
	for _, f := range folders {
		if s := guessSessions(f); s != nil {
			g.Sessions = append(g.Sessions, s)
		}
	}
	var speakers []*Folder
	for _, f := range folders {
		if g.sessionFolder(f) {
			continue
		}
		if looksLikeSpeakers(f) {
			speakers = append(speakers, f)
		} else {
			g.Others = append(g.Others, f)
		}
	}
	// The folder whose pages the sessions name, else the one named most
	// like speakers, else the largest.
	refs := map[string]bool{}
	for _, s := range g.Sessions {
		for _, fl := range s.Fields {
			if fl.Name == "speakers" && fl.Key != nil {
				for v := range fl.Key.Items {
					refs[zola.Slugify(v)] = true
				}
				for v := range fl.Key.Values {
					refs[zola.Slugify(v)] = true
				}
			}
		}
	}
	named := func(f *Folder) int {
		n := 0
		for _, p := range f.Pages {
			name := ""
			if v, ok := p.Keys["name"]; ok {
				name = v.Text()
			}
			if refs[p.Slug] || name != "" && refs[zola.Slugify(name)] {
				n++
			}
		}
		return n
	}
	rank := func(f *Folder) int {
		for i, n := range speakerFolderNames {
			if nameIn(f.Path, []string{n}) {
				return i
			}
		}
		return len(speakerFolderNames)
	}
	sort.SliceStable(speakers, func(i, j int) bool {
		a, b := speakers[i], speakers[j]
		if na, nb := named(a), named(b); na != nb {
			return na > nb
		}
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		return len(a.Pages) > len(b.Pages)
	})
	if len(speakers) > 0 {
		g.Speakers = guessSpeakers(speakers[0])
		g.MoreSpeakers = speakers[1:]
		for _, f := range g.MoreSpeakers {
			g.Notes = append(g.Notes, f.Path+"/ looks like speaker pages too; agenda.toml maps one folder of them, "+speakers[0].Path+"/")
		}
	} else if len(g.Sessions) > 0 {
		g.Notes = append(g.Notes, "no folder looks like speaker pages: the speakers sessions name are added by name")
	}
	if len(g.Sessions) == 0 {
		g.Missing = append(g.Missing, "no folder looks like session pages: no key looks like a start time in any of them")
	}
	for _, s := range g.Sessions {
		for _, fl := range s.Fields {
			if fl.TODO != "" {
				g.Missing = append(g.Missing, fl.Name+" of the sessions in "+s.Folder.Path+"/: "+fl.TODO)
			}
		}
		for _, kv := range s.Kinds {
			if kv.Kind == "" {
				g.Missing = append(g.Missing, "the kind of "+s.KindField.Name+" = "+strconv.Quote(kv.Value)+" in "+s.Folder.Path+"/: no rule knows it")
			}
		}
	}
	if g.Speakers != nil {
		for _, fl := range g.Speakers.Fields {
			if fl.TODO != "" {
				g.Missing = append(g.Missing, fl.Name+" of the speakers in "+g.Speakers.Folder.Path+"/: "+fl.TODO)
			}
		}
	}
	var dates, rooms []*Key
	for _, s := range g.Sessions {
		for _, fl := range s.Fields {
			switch {
			case fl.Key == nil:
			case fl.Name == "start" || fl.Name == "end":
				dates = append(dates, fl.Key)
				for off, n := range fl.Key.Offsets {
					g.Offsets[off] += n
				}
				g.Local += fl.Key.count(LocalDateTime)
				if fl.Name == "start" && !isInstant(fl.Key) {
					g.Local += fl.Key.Pages
				}
			case fl.Name == "room":
				rooms = append(rooms, fl.Key)
			}
		}
	}
	g.conference(o, dates)
	g.missingZone()
	g.Rooms = roomList(rooms)
	return g
}

// mappable reports whether agenda.toml can name the folder: the mapping
// trims its folder, and takes no backslash.
func mappable(dir string) bool {
	return dir != "." && dir == strings.TrimSpace(dir) && !strings.Contains(dir, "\\") && fs.ValidPath(dir)
}

func (g *Guess) sessionFolder(f *Folder) bool {
	for _, s := range g.Sessions {
		if s.Folder == f {
			return true
		}
	}
	return false
}

// zolaTops are the folders of Zola's layout.
var zolaTops = map[string]bool{"talks": true, "workshops": true, "activities": true, "breaks": true, "speakers": true}

// zola reports whether the folder is in Zola's layout: pages in talks/,
// workshops/, activities/ or breaks/ whose keys are mostly under extra. It
// returns the keys of their dates. A layout further down (a site's
// content/) is ZolaRoot.
func (g *Guess) zola() ([]*Key, bool) {
	prefixes := map[string]bool{}
	for _, f := range g.Report.Folders {
		segs := strings.Split(f.Path, "/")
		for i, seg := range segs {
			if zolaTops[seg] && seg != "speakers" {
				prefixes[strings.Join(segs[:i], "/")] = true
				break
			}
		}
	}
	for _, prefix := range sortedKeys(prefixes) {
		h := &Guess{Report: g.Report}
		dates, ok := h.zolaAt(prefix)
		switch {
		case !ok:
		case prefix == "":
			g.Zola, g.ZolaFolders, g.Local, g.Rooms = true, h.ZolaFolders, h.Local, h.Rooms
			return dates, true
		case g.ZolaRoot == "":
			g.ZolaRoot = prefix
			g.Notes = append(g.Notes, prefix+"/ is in Zola's layout ("+strings.Join(h.ZolaFolders, ", ")+"), which Agenda reads without a mapping: run agenda init or agenda check on it instead")
		}
	}
	return nil, false
}

func (g *Guess) zolaAt(prefix string) ([]*Key, bool) {
	var dates, rooms []*Key
	pages, extra := 0, 0
	seen := map[string]bool{}
	for _, f := range g.Report.Folders {
		rel := f.Path
		if prefix != "" {
			var ok bool
			if rel, ok = strings.CutPrefix(f.Path, prefix+"/"); !ok {
				continue
			}
		}
		top, _, _ := strings.Cut(rel, "/")
		if !zolaTops[top] {
			continue
		}
		if !seen[top] {
			seen[top] = true
			g.ZolaFolders = append(g.ZolaFolders, top+"/")
		}
		if top == "speakers" {
			continue
		}
		for _, p := range f.Pages {
			if !strings.HasSuffix(p.Path, ".md") {
				continue
			}
			pages++
			for k := range p.Keys {
				if strings.HasPrefix(k, "extra.") {
					extra++
					break
				}
			}
		}
		if k := f.Key("extra.date"); k != nil {
			dates = append(dates, k)
			g.Local += k.Pages - k.count(EmptyText)
		}
		if k := f.Key("extra.stage"); k != nil {
			rooms = append(rooms, k)
		}
	}
	if pages == 0 || 2*extra < pages {
		return nil, false
	}
	sort.Strings(g.ZolaFolders)
	g.Rooms = roomList(rooms)
	return dates, true
}

// conference settles the time zone and the year from the dates' keys.
func (g *Guess) conference(o Options, dates []*Key) {
	if g.TimeZone != "" {
		if loc, err := time.LoadLocation(g.TimeZone); err == nil {
			for _, k := range dates {
				for _, off := range sortedKeys(k.offsetAt) {
					at := k.offsetAt[off]
					if off == "Z" {
						continue // tools write UTC; it says nothing of the venue
					}
					if at.In(loc).Format("Z07:00") != off {
						m := off + " (" + k.Name + " = " + at.Format(time.RFC3339) + ")"
						g.ZoneMismatch = append(g.ZoneMismatch, m)
						g.Notes = append(g.Notes, g.TimeZone+" does not have the offset "+m+": check the zone and those pages")
					}
				}
			}
		}
	}
	if o.Year != 0 {
		g.Year, g.YearNote = o.Year, "from --year"
		return
	}
	noYear, years := 0, map[int]int{}
	for _, k := range dates {
		noYear += k.NoYear
		for y, n := range k.Years {
			years[y] += n
		}
	}
	if noYear == 0 {
		return
	}
	what := diag.Plural(noYear, "date") + " " + diag.IsAre(noYear) + " written without a year"
	switch len(years) {
	case 0:
		g.YearNote = what + " and no date gives one"
		g.Missing = append(g.Missing, "year: "+g.YearNote+"; set it, or pass --year")
	case 1:
		for y := range years {
			g.Year = y
		}
		g.YearNote = what + "; the others are all in " + strconv.Itoa(g.Year)
	default:
		var ys []string
		for y := range years {
			ys = append(ys, strconv.Itoa(y))
		}
		sort.Strings(ys)
		g.YearNote = what + "; the others are in " + strings.Join(ys, ", ")
		g.Missing = append(g.Missing, "year: "+g.YearNote+"; set it, or pass --year")
	}
}

// roomList is the rooms the keys name, spelled as most pages spell them,
// sorted.
func roomList(keys []*Key) []string {
	spelling := map[string]string{}
	count := map[string]int{}
	for _, k := range keys {
		for _, v := range sortedKeys(k.Values) {
			v = strings.Join(strings.Fields(v), " ")
			count[v] += k.Values[v]
		}
	}
	for _, v := range sortedKeys(count) {
		key := strings.ToLower(v)
		if cur, ok := spelling[key]; !ok || count[v] > count[cur] {
			spelling[key] = v
		}
	}
	var out []string
	for _, k := range sortedKeys(spelling) {
		if spelling[k] != "" {
			out = append(out, spelling[k])
		}
	}
	return out
}

// guessSessions maps f as a folder of sessions, or returns nil when it does
// not look like one.
func guessSessions(f *Folder) *SessionGuess {
	p := &picker{f: f, used: map[string]bool{}}
	s := &SessionGuess{Folder: f}
	named := nameIn(f.Path, sessionFolderNames)
	other := nameIn(f.Path, otherFolderNames) || nameIn(f.Path, speakerFolderNames)

	// When: a date-time, else a date and a time of day.
	var start, date, clock *Key
	okStart := func(k *Key) bool { return isInstant(k) && !in(notStart, names(k)[0]) && !in(endNames, names(k)[0]) }
	if start = p.pick(startNames, okStart); start == nil {
		start = p.pickAny(append(append([]string{}, notStart...), endNames...), okStart)
	}
	if start == nil {
		okDate := func(k *Key) bool { return isDate(k) && !in(notStart, names(k)[0]) && !in(endNames, names(k)[0]) }
		date = p.pick(dateNames, okDate)
		okClock := func(k *Key) bool { return isClock(k) && !in(endNames, names(k)[0]) && !in(durationNames, names(k)[0]) }
		if clock = p.pick(timeNames, okClock); clock == nil && date != nil {
			clock = p.pickAny(append(append([]string{}, endNames...), durationNames...), okClock)
		}
	}
	strong := start != nil && in(strongStart, names(start)[0]) || date != nil && clock != nil
	support := named || p.has(roomNames) || p.has(speakersNames) || p.has(endNames) || p.has(durationNames)
	switch {
	case other && !strong:
		return nil
	case start == nil && date == nil && !named:
		return nil
	case !strong && !support:
		return nil
	}

	add := func(name string, k *Key, todo string) {
		fl := Field{Name: name, Key: k}
		if k == nil {
			fl.TODO = todo
		}
		s.Fields = append(s.Fields, fl)
	}
	title := p.pick(titleNames, isText)
	add("title", title, "no key looks like the title; without one, every session is titled by its slug")
	switch {
	case start != nil:
		add("start", start, "")
		end := p.pick(endNames, isEnd)
		if end != nil {
			add("end", end, "")
		} else if d := p.pick(durationNames, isDuration); d != nil {
			add("duration", d, "")
		} else {
			add("end", nil, "no key looks like the end or the duration")
		}
	case date != nil:
		add("start", date, "")
		switch {
		case clock != nil:
			add("time", clock, "")
		case date.mostly(DateTimeText):
		default:
			add("time", nil, "no key looks like the time of day")
		}
		if clock == nil || !clock.mostly(TimeSpan) {
			if d := p.pick(durationNames, isDuration); d != nil {
				add("duration", d, "")
			} else if clock != nil {
				todo := "no key looks like the duration, and " + clock.Name + " gives no end"
				if e := p.pick(endNames, isClock); e != nil {
					todo = e.Name + " gives the end as a time of day, which the mapping reads only after a date-time: write " + clock.Name + " as a span, such as \"14:00-15:30\""
				}
				add("duration", nil, todo)
			}
		}
	default:
		add("start", nil, "no key looks like the start: a date-time, or a date with a time of day")
	}
	add("room", p.pick(roomNames, isText), "no key looks like the room")
	if kf := p.pick(kindNames, func(k *Key) bool { return k.mostly(Text) && knowsKinds(k) }); kf != nil {
		s.KindField = kf
		for _, v := range sortedKeys(kf.Values) {
			s.Kinds = append(s.Kinds, KindValue{Value: v, Kind: kindOf(v), N: kf.Values[v]})
		}
	}
	kind, byName := folderKind(f.Path)
	switch {
	case s.KindField == nil && byName:
		s.Kind, s.KindNote = kind, "from the folder's name"
	case s.KindField == nil:
		s.Kind, s.KindNote = kind, "no key looks like the kind of session; or map one with kind_field and [sessions.kinds]"
	case byName:
		s.Kind, s.KindNote = kind, "for pages without "+s.KindField.Name+", from the folder's name"
	}
	if k := p.pick(trackNames, isText); k != nil {
		add("track", k, "")
	}
	add("speakers", p.pick(speakersNames, isList), "no key looks like the list of speakers")
	for _, x := range []struct {
		name string
		list []string
		ok   func(*Key) bool
	}{
		{"slug", slugNames, isText},
		{"description", descNames, isText},
		{"language", languageNames, isText},
		{"tags", tagNames, isList},
		{"draft", draftNames, isBool},
	} {
		if k := p.pick(x.list, x.ok); k != nil {
			add(x.name, k, "")
		}
	}
	s.Unmapped = unmapped(f, p.used)
	sort.SliceStable(s.Fields, func(i, j int) bool { return fieldOrder(s.Fields[i].Name) < fieldOrder(s.Fields[j].Name) })
	return s
}

func knowsKinds(k *Key) bool {
	for v := range k.Values {
		if kindOf(v) != "" {
			return true
		}
	}
	return false
}

var sessionFieldOrder = words("title start time end duration room track speakers slug description language tags draft")

func fieldOrder(name string) int {
	for i, n := range sessionFieldOrder {
		if n == name {
			return i
		}
	}
	return len(sessionFieldOrder)
}

func unmapped(f *Folder, used map[string]bool) []*Key {
	var out []*Key
	for _, k := range f.Keys {
		if !used[k.Name] {
			out = append(out, k)
		}
	}
	return out
}

// looksLikeSpeakers: a folder named like one, or whose pages mostly have a
// name and no time.
func looksLikeSpeakers(f *Folder) bool {
	if nameIn(f.Path, speakerFolderNames) {
		return true
	}
	if nameIn(f.Path, otherFolderNames) || nameIn(f.Path, sessionFolderNames) {
		return false
	}
	k := f.Key("name")
	if k == nil || 2*k.Pages < len(f.Pages) {
		return false
	}
	for _, k := range f.Keys {
		if k.mostly(Instant, LocalDateTime, TimeOfDay, TimeSpan) {
			return false
		}
	}
	return true
}

func guessSpeakers(f *Folder) *SpeakerGuess {
	p := &picker{f: f, used: map[string]bool{}}
	s := &SpeakerGuess{Folder: f}
	name := p.pick(nameNames, isText)
	s.Fields = append(s.Fields, Field{Name: "name", Key: name})
	if name == nil {
		s.Fields[0].TODO = "no key looks like their name; without one, each speaker is named by their slug"
	}
	for _, x := range []struct {
		name string
		list []string
	}{
		{"slug", slugNames}, {"role", roleNames}, {"bio", bioNames}, {"url", urlNames},
	} {
		if k := p.pick(x.list, isText); k != nil {
			s.Fields = append(s.Fields, Field{Name: x.name, Key: k})
		}
	}
	s.Unmapped = unmapped(f, p.used)
	return s
}

// Package zola reads a Zola content folder (Markdown pages with TOML front
// matter: talks/, workshops/, activities/, breaks/, speakers/) into a schedule
// plus diagnostics that name the file, line and column of every problem.
package zola

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agendaconf/agenda/widget/diag"
	"github.com/agendaconf/agenda/widget/fold"
	"github.com/agendaconf/agenda/widget/schedule"
	"github.com/agendaconf/agenda/widget/source/frontmatter"
	"github.com/agendaconf/agenda/widget/source/sanitize"
)

// ConfigFile is the name of the optional conference config at the content root.
const ConfigFile = "agenda.toml"

// Options override agenda.toml, for folders that have none. Zero values keep
// what the config says.
type Options struct {
	Name     string
	ID       string
	TimeZone string
	Year     int
}

// sessionFolders maps each folder to the kind of session its pages are.
var sessionFolders = []struct {
	dir  string
	kind schedule.Kind
}{
	{"talks", schedule.Talk},
	{"workshops", schedule.Workshop},
	{"activities", schedule.Activity},
	{"breaks", schedule.Break},
}

// longText is where a description starts to be a burden to every attendee's phone.
const longText = 64 << 10

// Read reads the content folder dir.
func Read(dir string, o Options) (*schedule.Schedule, diag.List) {
	return ReadFS(os.DirFS(dir), dir, o)
}

// ReadFS reads a content folder from fsys; prefix is prepended to paths in
// diagnostics so that they point at real files.
func ReadFS(fsys fs.FS, prefix string, o Options) (*schedule.Schedule, diag.List) {
	r := &reader{fsys: fsys, prefix: prefix}
	r.config(o)
	r.readSpeakers()
	var pages []*sessionPage
	for _, f := range sessionFolders {
		pages = append(pages, r.readSessions(f.dir, f.kind)...)
	}
	r.resolve(pages)
	r.s.Sort()
	r.diags = append(r.diags, schedule.Check(&r.s)...)
	r.diags.Sort()
	return &r.s, r.diags
}

type reader struct {
	fsys   fs.FS
	prefix string
	s      schedule.Schedule
	loc    *time.Location
	year   int
	diags  diag.List
}

func (r *reader) pos(name string, line, col int) diag.Pos {
	return diag.Pos{File: filepath.Join(r.prefix, filepath.FromSlash(name)), Line: line, Col: col}
}

// config reads agenda.toml and applies the options over it.
func (r *reader) config(o Options) {
	var c struct {
		Name     string   `toml:"name"`
		ID       string   `toml:"id"`
		TimeZone string   `toml:"time_zone"`
		Year     int      `toml:"year"`
		Rooms    []string `toml:"rooms"`
		BaseURL  string   `toml:"base_url"`
	}
	if data, err := fs.ReadFile(r.fsys, ConfigFile); err == nil {
		keys := keyLines(string(data), 1)
		md, err := toml.Decode(string(data), &c)
		if err != nil {
			r.tomlError(ConfigFile, err, keys, 1)
		} else {
			r.unknownKeys(ConfigFile, md, keys, "name, id, time_zone, year, rooms, base_url")
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		r.diags.Error(r.pos(ConfigFile, 0, 0), "cannot read the config: "+err.Error(), "check the file's permissions")
	}
	if o.Name != "" {
		c.Name = o.Name
	}
	if o.ID != "" {
		c.ID = o.ID
	}
	if o.TimeZone != "" {
		c.TimeZone = o.TimeZone
	}
	if o.Year != 0 {
		c.Year = o.Year
	}
	base := filepath.Base(filepath.Clean(r.prefix))
	if c.ID == "" {
		if base == "content" || base == "." {
			base = filepath.Base(filepath.Dir(filepath.Clean(r.prefix)))
		}
		c.ID = Slugify(base)
	}
	if c.Name == "" {
		c.Name = r.indexTitle()
		if c.Name == "" {
			c.Name = c.ID
		}
	}
	r.loc = time.UTC
	if c.TimeZone == "" {
		r.diags.Warn(r.pos(ConfigFile, 0, 0), "no time zone given; times are read as UTC",
			"set time_zone = \"Europe/Paris\" (an IANA name) in "+ConfigFile+" or pass --tz")
		c.TimeZone = "UTC"
	} else if loc, err := time.LoadLocation(c.TimeZone); err != nil {
		r.diags.Error(r.pos(ConfigFile, 0, 0), "unknown time zone "+strconv.Quote(c.TimeZone),
			"use an IANA name such as \"Europe/Paris\"")
		c.TimeZone = "UTC"
	} else {
		r.loc = loc
	}
	r.year = c.Year
	r.s.Conference = schedule.Conference{ID: c.ID, Name: c.Name, TimeZone: c.TimeZone, BaseURL: strings.TrimRight(c.BaseURL, "/")}
	r.s.Rooms = c.Rooms
}

// indexTitle returns the title of _index.md, the site's own name, if any.
func (r *reader) indexTitle() string {
	data, err := fs.ReadFile(r.fsys, "_index.md")
	if err != nil {
		return ""
	}
	p, err := frontmatter.Split(data)
	if err != nil {
		return ""
	}
	var v struct {
		Title string `toml:"title"`
	}
	if _, err := toml.Decode(string(p.Front), &v); err != nil {
		return ""
	}
	return sanitize.Text(v.Title)
}

// page is what every page may say at the top level; Zola's own keys are known
// so that they do not warn.
type page struct {
	Title       string   `toml:"title"`
	Slug        string   `toml:"slug"`
	Template    string   `toml:"template"`
	Draft       bool     `toml:"draft"`
	Weight      int      `toml:"weight"`
	Description string   `toml:"description"`
	Aliases     []string `toml:"aliases"`
	Path        string   `toml:"path"`
	Date        any      `toml:"date"`
}

type sessionPage struct {
	page
	Extra struct {
		Date         string   `toml:"date"`
		Day          string   `toml:"day"`
		Time         string   `toml:"time"`
		Stage        string   `toml:"stage"`
		Speakers     []string `toml:"speakers"`
		Description  string   `toml:"description"`
		Abstract     string   `toml:"abstract"`
		Track        string   `toml:"track"`
		Tags         []string `toml:"tags"`
		Location     string   `toml:"location"`
		LocationName string   `toml:"location_name"`
		LocationURL  string   `toml:"location_url"`
		Link         string   `toml:"link"`
		LinkCTA      string   `toml:"link_cta"`
		Venue        string   `toml:"venue"`
		Price        any      `toml:"price"`
		Mentors      []struct {
			Name      string `toml:"name"`
			Bio       string `toml:"bio"`
			Avatar    string `toml:"avatar"`
			AvatarAlt string `toml:"avatar_alt"`
			URL       string `toml:"url"`
		} `toml:"mentors"`
		// Site decoration: known, not shown by the widget.
		OGImage      string `toml:"ogimage"`
		HeroImage    string `toml:"heroimage"`
		HeroImageAlt string `toml:"heroimage_alt"`
		Sponsor      string `toml:"sponsor"`
		SponsorBio   string `toml:"sponsor_bio"`
		SponsorCTA   string `toml:"sponsor_cta"`
		SponsorURL   string `toml:"sponsor_url"`
	} `toml:"extra"`

	kind schedule.Kind
	file string
	slug string
	keys keyPos
	pos  diag.Pos
}

type speakerPage struct {
	page
	Extra struct {
		Name     string `toml:"name"`
		Role     string `toml:"role"`
		URL      string `toml:"url"`
		Bio      string `toml:"bio"`
		Image    string `toml:"image"`
		Twitter  string `toml:"twitter"`
		Mastodon string `toml:"mastodon"`
		Bluesky  string `toml:"bluesky"`
		GitHub   string `toml:"github"`
		LinkedIn string `toml:"linkedin"`
		Website  string `toml:"website"`
	} `toml:"extra"`
}

const sessionKeys = "title, [extra] date, time, stage, speakers, description, track, tags, location"
const speakerKeys = "title, [extra] name, role, url, bio, mastodon, bluesky, github, linkedin, twitter"

// pages lists the Markdown pages of dir, sorted, without Zola's _index.md.
func (r *reader) pages(dir string) []string {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.diags.Error(r.pos(dir, 0, 0), "cannot read the folder: "+err.Error(), "check its permissions")
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") || e.Name() == "_index.md" {
			continue
		}
		out = append(out, path.Join(dir, e.Name()))
	}
	sort.Strings(out)
	return out
}

// decode splits and decodes one page into v, reporting every problem. It
// returns the key positions, or nil when the page cannot be used.
func (r *reader) decode(name string, v any, known string) keyPos {
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.diags.Error(r.pos(name, 0, 0), "cannot read the file: "+err.Error(), "check its permissions")
		return nil
	}
	p, err := frontmatter.Split(data)
	if err != nil {
		if e, ok := frontmatter.IsError(err); ok {
			r.diags.Error(r.pos(name, e.Line, 1), e.Msg, e.Hint)
		} else {
			r.diags.Error(r.pos(name, 1, 1), err.Error(), "")
		}
		return nil
	}
	keys := keyLines(string(p.Front), p.FrontLine)
	md, err := toml.Decode(string(p.Front), v)
	if err != nil {
		r.tomlError(name, err, keys, p.FrontLine)
		return nil
	}
	r.unknownKeys(name, md, keys, known)
	out := make(keyPos, len(keys))
	for k, lc := range keys {
		out[k] = r.pos(name, lc[0], lc[1])
	}
	out[""] = r.pos(name, p.FrontLine-1, 1)
	return out
}

// keyPos maps dotted keys to where they stand; "" is the front matter itself.
type keyPos map[string]diag.Pos

// at returns where key stands, or the front matter's start when the small key
// scanner did not place it (inline tables, say).
func (k keyPos) at(key string) diag.Pos {
	if p, ok := k[key]; ok {
		return p
	}
	return k[""]
}

var lastKey = regexp.MustCompile(`last key "([^"]*)"`)

// tomlError reports a TOML error at its line in the file, not in the block
// (which starts at line firstLine).
func (r *reader) tomlError(name string, err error, keys map[string][2]int, firstLine int) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		r.diags.Error(r.pos(name, firstLine-1+pe.Position.Line, pe.Position.Col), "invalid TOML: "+pe.Message,
			"fix the front matter; strings need double quotes, lists square brackets")
		return
	}
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	line, col := firstLine, 1
	if m := lastKey.FindStringSubmatch(msg); m != nil {
		if lc, ok := keys[m[1]]; ok {
			line, col = lc[0], lc[1]
		}
		msg = strings.TrimSpace(lastKey.ReplaceAllString(msg, ""))
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, "()"), ":")
		msg = m[1] + ":" + msg
	}
	r.diags.Error(r.pos(name, line, col), "wrong type: "+strings.TrimSpace(msg), "see the example files in the README for each key's type")
}

func (r *reader) unknownKeys(name string, md toml.MetaData, keys map[string][2]int, known string) {
	for _, k := range md.Undecoded() {
		ks := k.String()
		if strings.HasPrefix(ks, "extra.mentors.") || strings.HasPrefix(ks, "extra.price") || strings.HasPrefix(ks, "date") {
			continue // free-form values we keep as they are
		}
		lc := keys[ks]
		r.diags.Warn(r.pos(name, lc[0], lc[1]), "unknown key "+strconv.Quote(ks)+" is ignored", "known keys: "+known)
	}
}

// keyLines finds the line and column of every `key =` in a TOML block whose first
// line is line first of the file, keyed by dotted path ("extra.stage"). BurntSushi/toml
// keeps positions to itself, so this small scan gives unknown keys their line.
func keyLines(src string, first int) map[string][2]int {
	out := map[string][2]int{}
	table := ""
	for i, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		col := len(l) - len(strings.TrimLeft(l, " \t")) + 1
		switch {
		case strings.HasPrefix(t, "[["):
			table = strings.TrimSpace(strings.Trim(t, "[] \r"))
		case strings.HasPrefix(t, "["):
			table = strings.TrimSpace(strings.Trim(t, "[] \r"))
		case t == "" || t[0] == '#':
		default:
			eq := strings.IndexByte(t, '=')
			if eq <= 0 {
				continue
			}
			k := strings.Trim(strings.TrimSpace(t[:eq]), `"'`)
			if strings.ContainsAny(k, "{}[]") {
				continue
			}
			if table != "" {
				k = table + "." + k
			}
			if _, dup := out[k]; !dup {
				out[k] = [2]int{first + i, col}
			}
		}
	}
	return out
}

func (r *reader) readSpeakers() {
	for _, name := range r.pages("speakers") {
		var p speakerPage
		keys := r.decode(name, &p, speakerKeys)
		if keys == nil || p.Draft {
			continue
		}
		slug := pageSlug(name, p.Slug)
		sp := schedule.Speaker{
			Slug: slug,
			Name: sanitize.Text(p.Extra.Name),
			Role: sanitize.Text(p.Extra.Role),
			Bio:  sanitize.HTML(p.Extra.Bio),
			URL:  r.url(p.Extra.URL, keys.at("extra.url")),
			Pos:  keys[""],
		}
		if sp.Name == "" {
			sp.Name = sanitize.Text(strings.TrimPrefix(p.Title, "Speaker: "))
		}
		if sp.Name == "" {
			r.diags.Warn(keys[""], "speaker "+strconv.Quote(slug)+" has no name; using the slug", "set name under [extra]")
			sp.Name = slug
		}
		if isPlaceholder(slug) || isPlaceholder(sp.Name) {
			r.diags.Warn(keys[""], "placeholder speaker "+strconv.Quote(sp.Name), "replace it with the real speaker before publishing")
		}
		for _, l := range []struct{ label, url, key string }{
			{"Website", p.Extra.Website, "extra.website"},
			{"Mastodon", mastodonURL(p.Extra.Mastodon), "extra.mastodon"},
			{"Bluesky", handleURL(p.Extra.Bluesky, "https://bsky.app/profile/"), "extra.bluesky"},
			{"GitHub", handleURL(p.Extra.GitHub, "https://github.com/"), "extra.github"},
			{"LinkedIn", handleURL(p.Extra.LinkedIn, "https://www.linkedin.com/in/"), "extra.linkedin"},
			{"Twitter", handleURL(p.Extra.Twitter, "https://twitter.com/"), "extra.twitter"},
		} {
			if u := r.url(l.url, keys.at(l.key)); u != "" {
				sp.Links = append(sp.Links, schedule.Link{Label: l.label, URL: u})
			}
		}
		r.checkLength(keys.at("extra.bio"), "bio", len(p.Extra.Bio))
		r.s.Speakers = append(r.s.Speakers, sp)
	}
}

// url keeps web links only: a javascript: or data: URL is dropped with a warning.
func (r *reader) url(u string, pos diag.Pos) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	lower := strings.ToLower(u)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "mailto:") || strings.HasPrefix(u, "/") {
		return u
	}
	r.diags.Warn(pos, "link "+strconv.Quote(u)+" is not a web address and is dropped", "use an https:// URL")
	return ""
}

var handle = regexp.MustCompile(`^@?[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

// handleURL turns a bare handle ("0atman", "@me", "apas.tel") into a profile
// URL on site; anything else is returned as written.
func handleURL(v, site string) string {
	v = strings.TrimSpace(v)
	if handle.MatchString(v) {
		return site + strings.TrimPrefix(v, "@")
	}
	return v
}

// mastodonURL turns "@user@host" into "https://host/@user".
func mastodonURL(v string) string {
	v = strings.TrimSpace(v)
	if user, host, ok := strings.Cut(strings.TrimPrefix(v, "@"), "@"); ok && handle.MatchString(user) && handle.MatchString(host) {
		return "https://" + host + "/@" + user
	}
	return v
}

func (r *reader) checkLength(pos diag.Pos, what string, n int) {
	if n > longText {
		r.diags.Warn(pos, what+" is "+strconv.Itoa(n>>10)+" KiB long; every attendee downloads it", "keep it under "+strconv.Itoa(longText>>10)+" KiB")
	}
}

func (r *reader) readSessions(dir string, kind schedule.Kind) []*sessionPage {
	var out []*sessionPage
	for _, name := range r.pages(dir) {
		p := &sessionPage{kind: kind, file: name}
		p.keys = r.decode(name, p, sessionKeys)
		if p.keys == nil || p.Draft {
			continue
		}
		p.slug = pageSlug(name, p.Slug)
		p.pos = p.keys[""]
		if pos, ok := p.keys["extra.time"]; ok {
			p.pos = pos // problems with a session are mostly about its time
		}
		out = append(out, p)
	}
	return out
}

func pageSlug(name, explicit string) string {
	if explicit != "" {
		return explicit
	}
	return strings.TrimSuffix(path.Base(name), ".md")
}

func isPlaceholder(s string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(s), ".!?")) {
	case "tba", "tbd", "tbc", "to be announced", "to be decided", "to be confirmed":
		return true
	}
	return false
}

// resolve turns pages into sessions: times, rooms and speakers.
func (r *reader) resolve(pages []*sessionPage) {
	// Rooms: the config's, then any stage written exactly by some page.
	rooms := map[string]bool{}
	for _, room := range r.s.Rooms {
		rooms[room] = true
	}
	exact := map[string]bool{}
	for _, p := range pages {
		if st := strings.TrimSpace(p.Extra.Stage); st != "" {
			exact[st] = true
		}
	}
	for _, p := range pages {
		r.resolveOne(p, rooms, exact)
	}
}

func (r *reader) resolveOne(p *sessionPage, rooms, exact map[string]bool) {
	e := &p.Extra
	title := sanitize.Text(p.Title)
	if title == "" {
		r.diags.Warn(p.pos, "session has no title; using its slug", "set title = \"...\"")
		title = p.slug
	}
	if isPlaceholder(title) {
		r.diags.Warn(p.keys.at("title"), "placeholder session "+strconv.Quote(title), "replace it before publishing, or set draft = true to leave it out")
	}
	desc := e.Description
	descKey := "extra.description"
	if desc == "" {
		desc, descKey = e.Abstract, "extra.abstract"
	}
	if desc == "" {
		desc, descKey = p.Description, "description"
	}
	r.checkLength(p.keys.at(descKey), "the description", len(desc))
	base := schedule.Session{
		Slug:        p.slug,
		Title:       title,
		Kind:        p.kind,
		Room:        r.room(p, rooms, exact),
		Track:       sanitize.Text(e.Track),
		Description: sanitize.HTML(desc),
		Location:    sanitize.Text(strings.TrimSpace(strings.Trim(e.LocationName+", "+e.Location, ", "))),
		Pos:         p.pos,
	}
	if r.s.Conference.BaseURL != "" {
		base.URL = r.s.Conference.BaseURL + "/" + strings.TrimSuffix(path.Dir(p.file), "/") + "/" + p.slug + "/"
	}
	for _, t := range e.Tags {
		if t = sanitize.Text(t); t != "" {
			base.Tags = append(base.Tags, t)
		}
	}
	for _, sp := range e.Speakers {
		sp = strings.TrimSpace(sp)
		switch {
		case sp == "":
		case isPlaceholder(sp):
			r.diags.Warn(p.keys.at("extra.speakers"), "placeholder speaker "+strconv.Quote(sp), "name the real speaker before publishing")
			if r.s.Speaker(sp) != nil {
				base.Speakers = append(base.Speakers, sp)
			}
		default:
			base.Speakers = append(base.Speakers, sp)
		}
	}
	for _, m := range e.Mentors {
		name := sanitize.Text(m.Name)
		if name == "" {
			continue
		}
		slug := Slugify(name)
		if r.s.Speaker(slug) == nil {
			r.s.Speakers = append(r.s.Speakers, schedule.Speaker{Slug: slug, Name: name, Bio: sanitize.HTML(m.Bio), URL: r.url(m.URL, p.keys.at("extra.mentors")), Pos: p.keys.at("extra.mentors")})
		}
		base.Speakers = append(base.Speakers, slug)
	}
	for _, sp := range base.Speakers {
		if r.s.Speaker(sp) == nil {
			r.diags.Warn(p.keys.at("extra.speakers"), "unknown speaker "+strconv.Quote(sp), "add speakers/"+sp+".md or fix the slug")
		}
	}

	starts, ends := r.when(p)
	if len(starts) == 0 {
		r.s.Sessions = append(r.s.Sessions, base)
		return
	}
	for i := range starts {
		s := base
		s.Start, s.End = starts[i], ends[i]
		if i > 0 {
			// A page with several slots ("11:00–12:00 & 14:00–15:00", or two days)
			// becomes one session per slot, each with its own stable slug.
			s.Slug = p.slug + "-" + strconv.Itoa(i+1)
		}
		r.s.Sessions = append(r.s.Sessions, s)
	}
}

// room maps a page's stage to a room. A stage that is not a room but names one
// ("Opening talk on the Main Stage") is read as that room, with a warning.
func (r *reader) room(p *sessionPage, rooms, exact map[string]bool) string {
	st := strings.Join(strings.Fields(p.Extra.Stage), " ")
	if st == "" || rooms[st] {
		return st
	}
	known := make([]string, 0, len(rooms)+len(exact))
	for room := range rooms {
		known = append(known, room)
	}
	for room := range exact {
		known = append(known, strings.TrimSpace(room))
	}
	sort.Slice(known, func(i, j int) bool {
		return len(known[i]) > len(known[j]) || len(known[i]) == len(known[j]) && known[i] < known[j]
	})
	lower := strings.ToLower(st)
	for _, room := range known {
		if room != st && room != "" && strings.Contains(lower, strings.ToLower(room)) {
			r.diags.Warn(p.keys.at("extra.stage"), "stage "+strconv.Quote(st)+" is not a room; assumed "+strconv.Quote(room), "write the room name alone: stage = "+strconv.Quote(room))
			return room
		}
	}
	if len(r.s.Rooms) > 0 {
		r.diags.Warn(p.keys.at("extra.stage"), "stage "+strconv.Quote(st)+" is not in the rooms of "+ConfigFile+"; added as a new room", "add it to rooms or fix its spelling")
		r.s.Rooms = append(r.s.Rooms, st)
		rooms[st] = true
	}
	return st
}

// when resolves a page's date and time to instants in the venue's zone.
func (r *reader) when(p *sessionPage) (starts, ends []time.Time) {
	dateKey := "extra.date"
	date := strings.TrimSpace(p.Extra.Date)
	if date == "" && strings.TrimSpace(p.Extra.Day) != "" {
		dateKey, date = "extra.day", strings.TrimSpace(p.Extra.Day)
	}
	tm := strings.TrimSpace(p.Extra.Time)
	switch {
	case date == "" && tm == "":
		return nil, nil // not scheduled yet: fine
	case tm == "":
		r.diags.Warn(p.keys.at(dateKey), "date "+strconv.Quote(date)+" but no time; the session is listed as unscheduled", "add time = \"10:00-10:30\"")
		return nil, nil
	case date == "":
		r.diags.Warn(p.keys.at("extra.time"), "time "+strconv.Quote(tm)+" but no date; the session is listed as unscheduled", "add date = \"Thursday, October 9, 2025\"")
		return nil, nil
	}
	dates, notes, problem := parseDates(date, r.year)
	for _, n := range notes {
		r.diags.Warn(p.keys.at(dateKey), n, "")
	}
	if problem != "" {
		r.diags.Warn(p.keys.at(dateKey), problem+"; the session is listed as unscheduled", "write it like \"Thursday, October 9, 2025\", or set year in "+ConfigFile+" or --year")
		return nil, nil
	}
	spans, notes, problem := parseSpans(tm)
	for _, n := range notes {
		r.diags.Warn(p.keys.at("extra.time"), n, "")
	}
	if problem != "" {
		r.diags.Warn(p.keys.at("extra.time"), problem+"; the session is listed as unscheduled", "write it like \"13:45-14:15\"")
		return nil, nil
	}
	for _, d := range dates {
		for _, sp := range spans {
			start := time.Date(d.Year, d.Month, d.Day, int(sp.Start)/60, int(sp.Start)%60, 0, 0, r.loc)
			var end time.Time
			switch {
			case sp.End < 0:
				r.diags.Warn(p.keys.at("extra.time"), "no end time in "+strconv.Quote(tm)+"; shown as starting at "+sp.Start.String()+" with no end", "write a range like \""+sp.Start.String()+"-21:00\"")
				end = start
			case sp.End >= sp.Start:
				end = time.Date(d.Year, d.Month, d.Day, int(sp.End)/60, int(sp.End)%60, 0, 0, r.loc)
			case sp.End+24*60-sp.Start <= 12*60:
				r.diags.Warn(p.keys.at("extra.time"), "ends at "+sp.End.String()+", before it starts; assumed it runs past midnight to the next day", "")
				end = time.Date(d.Year, d.Month, d.Day+1, int(sp.End)/60, int(sp.End)%60, 0, 0, r.loc)
			default:
				r.diags.Error(p.keys.at("extra.time"), "the session ends ("+sp.End.String()+") before it starts ("+sp.Start.String()+")", "swap the times or fix the typo")
				continue
			}
			starts = append(starts, start.UTC())
			ends = append(ends, end.UTC())
		}
	}
	return starts, ends
}

// Slugify makes a URL- and key-safe slug from a name: "José Núñez" -> "jose-nunez".
func Slugify(s string) string { return fold.Slug(s) }

// Package zola reads a Zola content folder (Markdown pages with TOML or YAML
// front matter: talks/, workshops/, activities/, breaks/, speakers/) into a
// schedule plus diagnostics that name the file, line and column of every
// problem. With [[sessions]] and [speakers] in agenda.toml it reads other
// generators' layouts instead (Hugo, Jekyll, Astro, Eleventy): their
// folders, their keys (see Mapping).
//
// Runs in: the compiler.
package zola

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frontmatter"
	"github.com/agendaconf/agenda/widget/read/sanitize"
	"github.com/agendaconf/agenda/widget/text/fold"
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
	kind model.Kind
}{
	{"talks", model.Talk},
	{"workshops", model.Workshop},
	{"activities", model.Activity},
	{"breaks", model.Break},
}

// longText is where a description starts to be a burden to every attendee's phone.
const longText = 64 << 10

// Read reads the content folder dir.
func Read(dir string, o Options) (*model.Schedule, diag.List) {
	return ReadFS(os.DirFS(dir), dir, o)
}

// ReadFS reads a content folder from fsys; prefix is prepended to paths in
// diagnostics so that they point at real files.
func ReadFS(fsys fs.FS, prefix string, o Options) (*model.Schedule, diag.List) {
	r := &reader{fsys: fsys, prefix: prefix, draftSpeakers: map[string]string{}, speakerDir: "speakers"}
	r.config(o)
	if r.sessionsMapped || r.speakersMapped { // only mapped pages are another generator's
		for _, m := range liquidMarkers {
			if st, err := fs.Stat(fsys, m); err == nil && st.Mode().IsRegular() {
				r.liquid = m
				break
			}
		}
	}
	if r.mapping.Speakers != nil {
		r.readMappedSpeakers(r.mapping.Speakers)
	} else if !r.speakersMapped {
		r.readSpeakers()
	}
	var pages []*sessionPage
	found, drafts := 0, 0
	if r.sessionsMapped {
		pages, found, drafts = r.readMappedSessions(r.mapping.Sessions)
	} else {
		for _, f := range sessionFolders {
			ps, n, d := r.readSessions(f.dir, f.kind)
			pages = append(pages, ps...)
			found += n
			drafts += d
		}
	}
	r.resolve(pages)
	switch {
	case len(r.s.Sessions) > 0:
	case r.sessionsMapped:
		r.noMappedSessions(r.mapping.Sessions, found, drafts)
	default:
		r.noSessions(found, drafts)
	}
	r.s.Sort()
	r.diags = append(r.diags, model.Check(&r.s)...)
	r.diags.Sort()
	return &r.s, capWarnings(r.diags)
}

type reader struct {
	fsys   fs.FS
	prefix string
	s      model.Schedule
	loc    *time.Location
	year   int
	diags  diag.List
	// draftSpeakers maps the slug of each speaker page left out as a draft
	// to its file, so that sessions naming them can say why they are unknown.
	draftSpeakers map[string]string
	// mapping is agenda.toml's [[sessions]] and [speakers], if any.
	mapping Mapping
	// sessionsMapped and speakersMapped: agenda.toml maps them, so the Zola
	// folders are not read even when its mapping is in error.
	sessionsMapped, speakersMapped bool
	// speakerDir is the folder of speaker pages, for messages.
	speakerDir string
	// liquid is the file at the root that says the generator runs Liquid
	// over mapped pages (see liquidMarkers); "" when none does.
	liquid string
}

func (r *reader) pos(name string, line, col int) diag.Pos {
	return diag.Pos{File: filepath.Join(r.prefix, filepath.FromSlash(name)), Line: line, Col: col}
}

type config struct {
	Name      text   `toml:"name"`
	ID        text   `toml:"id"`
	TimeZone  text   `toml:"time_zone"`
	Year      number `toml:"year"`
	Rooms     texts  `toml:"rooms"`
	BaseURL   text   `toml:"base_url"`
	DayChange text   `toml:"day_change"`
	// The mapping of another generator's layout, read by ParseMapping.
	Sessions anything `toml:"sessions"`
	Speakers anything `toml:"speakers"`
}

const configKeys = "name, id, time_zone, year, rooms, base_url, day_change, [[sessions]], [speakers]"

// config reads agenda.toml and applies the options over it.
func (r *reader) config(o Options) {
	var c config
	var keys map[string][2]int
	if data, err := fs.ReadFile(r.fsys, ConfigFile); err == nil {
		var ok bool
		if keys, ok = r.decodeTOML(ConfigFile, data, 1, frontmatter.ConfigLimits, &c, configKeys); !ok {
			c = config{} // a config that failed to decode half-way is not used at all
		} else if r.sessionsMapped, r.speakersMapped = hasKey(keys, "sessions"), hasKey(keys, "speakers"); r.sessionsMapped || r.speakersMapped {
			if t, err := frontmatter.DecodeTOML(data, 1, frontmatter.ConfigLimits); err == nil {
				r.mapping = parseMapping(t, func(line, col int) diag.Pos { return r.pos(ConfigFile, line, col) }, &r.diags)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		r.diags.Error(r.pos(ConfigFile, 0, 0), "cannot read the config: "+err.Error(), "check the file's permissions")
	}
	name, id, tz, year := string(c.Name), string(c.ID), string(c.TimeZone), int(c.Year)
	if o.Name != "" {
		name = o.Name
	}
	if o.ID != "" {
		id = o.ID
	}
	if o.TimeZone != "" {
		tz = o.TimeZone
	}
	if o.Year != 0 {
		year = o.Year
	}
	base := filepath.Base(filepath.Clean(r.prefix))
	if id == "" {
		if base == "content" || base == "." {
			base = filepath.Base(filepath.Dir(filepath.Clean(r.prefix)))
		}
		id = Slugify(base)
	}
	if name == "" {
		name = r.indexTitle()
		if name == "" {
			name = id
		}
	}
	r.loc = time.UTC
	if tz == "" {
		r.diags.Warn(r.pos(ConfigFile, 0, 0), "no time zone given; times are read as UTC",
			"set time_zone = \"Europe/Paris\" (an IANA name) in "+ConfigFile+" or pass --tz")
		tz = "UTC"
	} else if loc, err := time.LoadLocation(tz); err != nil || strings.EqualFold(tz, "local") {
		// "Local" would be whatever zone the machine building the site is in.
		lc := keys["time_zone"]
		r.diags.Error(r.pos(ConfigFile, lc[0], lc[1]), "unknown time zone "+strconv.Quote(tz),
			"use an IANA name such as \"Europe/Paris\"")
		tz = "UTC"
	} else {
		r.loc = loc
	}
	r.year = year
	baseURL := strings.TrimRight(strings.TrimSpace(string(c.BaseURL)), "/")
	if baseURL != "" && !model.SafeURL(baseURL) {
		// Dropped here, before every session's permalink is built on it.
		lc := keys["base_url"]
		r.diags.Warn(r.pos(ConfigFile, lc[0], lc[1]), "base_url "+strconv.Quote(short(baseURL))+" is not a web address and is dropped",
			"write where the site is served: base_url = \"https://conf.example/2026\"")
		baseURL = ""
	}
	r.s.Conference = model.Conference{ID: id, Name: name, TimeZone: tz, BaseURL: baseURL}
	// Where a problem with the conference is best shown: base_url's line, the
	// one key model.Check looks at, else the config, else the folder.
	switch lc, ok := keys["base_url"]; {
	case ok:
		r.s.Conference.Pos = r.pos(ConfigFile, lc[0], lc[1])
	case keys != nil:
		r.s.Conference.Pos = r.pos(ConfigFile, 0, 0)
	default:
		r.s.Conference.Pos = r.pos(".", 0, 0)
	}
	if c.DayChange != "" {
		if dc, ok := parseDayChange(string(c.DayChange)); ok {
			r.s.Conference.DayChange = dc
		} else {
			lc := keys["day_change"]
			r.diags.Error(r.pos(ConfigFile, lc[0], lc[1]), "day_change "+strconv.Quote(string(c.DayChange))+" is not a time of day from 00:00 to 12:00",
				"write day_change = \"06:00\" for days that run until 6 in the morning, or leave it out for midnight")
		}
	}
	r.s.Rooms = c.Rooms
}

// hasKey reports whether keys holds key or a key under it: a table header
// [speakers] is not in keys, its folder = … is.
func hasKey(keys map[string][2]int, key string) bool {
	for k := range keys {
		if k == key || strings.HasPrefix(k, key+".") {
			return true
		}
	}
	return false
}

// parseDayChange reads day_change, "HH:MM" from 00:00 to 12:00: later, and
// the morning sessions of a day would belong to the day before.
func parseDayChange(s string) (time.Duration, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		return 0, false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if mm > 59 || hh*60+mm > 12*60 {
		return 0, false
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
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
	if p.Format == frontmatter.YAML {
		t, err := frontmatter.Decode(p, frontmatter.PageLimits)
		if f, ok := t.Get("title"); err == nil && ok && f.Value.Kind == frontmatter.String {
			return sanitize.Text(f.Value.Str)
		}
		return ""
	}
	if frontmatter.CheckTOML(p.Front, frontmatter.PageLimits) != nil {
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

type sessionPage struct {
	zolaKeys
	Extra struct {
		Date         text     `toml:"date"`
		Day          text     `toml:"day"`
		Time         text     `toml:"time"`
		Stage        text     `toml:"stage"`
		Speakers     texts    `toml:"speakers"`
		Description  text     `toml:"description"`
		Abstract     text     `toml:"abstract"`
		Track        text     `toml:"track"`
		Language     text     `toml:"language"` // "en", "de", "English": free text
		Tags         texts    `toml:"tags"`
		Location     text     `toml:"location"`
		LocationName text     `toml:"location_name"`
		Mentors      mentors  `toml:"mentors"`
		LocationURL  anything `toml:"location_url"`
		Link         anything `toml:"link"`
		LinkCTA      anything `toml:"link_cta"`
		Venue        anything `toml:"venue"`
		Price        anything `toml:"price"`
		// Site decoration: known, not shown by the widget.
		OGImage      anything `toml:"ogimage"`
		HeroImage    anything `toml:"heroimage"`
		HeroImageAlt anything `toml:"heroimage_alt"`
		Sponsor      anything `toml:"sponsor"`
		SponsorBio   anything `toml:"sponsor_bio"`
		SponsorCTA   anything `toml:"sponsor_cta"`
		SponsorURL   anything `toml:"sponsor_url"`
	} `toml:"extra"`

	kind model.Kind
	file string
	slug string
	keys keyPos
	pos  diag.Pos
	// mapped pages come with their times read.
	mapped       bool
	starts, ends []time.Time
	// body is the Markdown below the front matter: the description when
	// the front matter has none. bodyHint says where to write one instead.
	body     pageBody
	bodyHint string
}

type speakerPage struct {
	zolaKeys
	Extra struct {
		Name     text     `toml:"name"`
		Role     text     `toml:"role"`
		URL      text     `toml:"url"`
		Bio      text     `toml:"bio"`
		Twitter  text     `toml:"twitter"`
		Mastodon text     `toml:"mastodon"`
		Bluesky  text     `toml:"bluesky"`
		GitHub   text     `toml:"github"`
		LinkedIn text     `toml:"linkedin"`
		Website  text     `toml:"website"`
		Image    anything `toml:"image"`
	} `toml:"extra"`
}

const sessionKeys = "title, [extra] date, time, stage, speakers, description, track, language, tags, location, and Zola's own page keys"
const speakerKeys = "title, [extra] name, role, url, bio, mastodon, bluesky, github, linkedin, twitter, and Zola's own page keys"

func (r *reader) readSpeakers() {
	for _, f := range r.pages("speakers") {
		var p speakerPage
		keys, body := r.decodePage(f.name, &p, speakerKeys)
		if keys == nil {
			continue
		}
		slug := pageSlug(f, string(p.Slug))
		if p.Draft {
			// Left out, as Zola leaves drafts out of a built site.
			r.draftSpeakers[slug] = f.name
			continue
		}
		sp := model.Speaker{
			Slug: slug,
			Name: sanitize.Text(string(p.Extra.Name)),
			Role: sanitize.Text(string(p.Extra.Role)),
			Bio:  sanitize.HTML(string(p.Extra.Bio)),
			URL:  r.url(string(p.Extra.URL), keys.at("extra.url")),
			Pos:  keys[""],
		}
		if sp.Bio == "" { // many sites write the bio as the page's text
			sp.Bio = r.bodyDescription(f.name, body, "bio", "write it as bio = \"…\" under [extra], which is used instead of the page's text")
		}
		if sp.Name == "" {
			sp.Name = sanitize.Text(strings.TrimPrefix(string(p.Title), "Speaker: "))
		}
		if sp.Name == "" {
			r.diags.Warn(keys[""], "speaker "+strconv.Quote(slug)+" has no name; using the slug", "set name under [extra]")
			sp.Name = slug
		}
		if isPlaceholder(slug) || isPlaceholder(sp.Name) {
			r.diags.Warn(keys[""], "placeholder speaker "+strconv.Quote(sp.Name), "replace it with the real speaker before publishing")
		}
		for _, l := range []struct{ label, url, key string }{
			{"Website", string(p.Extra.Website), "extra.website"},
			{"Mastodon", mastodonURL(string(p.Extra.Mastodon)), "extra.mastodon"},
			{"Bluesky", handleURL(string(p.Extra.Bluesky), "https://bsky.app/profile/"), "extra.bluesky"},
			{"GitHub", handleURL(string(p.Extra.GitHub), "https://github.com/"), "extra.github"},
			{"LinkedIn", handleURL(string(p.Extra.LinkedIn), "https://www.linkedin.com/in/"), "extra.linkedin"},
			{"Twitter", handleURL(string(p.Extra.Twitter), "https://twitter.com/"), "extra.twitter"},
		} {
			if u := r.url(l.url, keys.at(l.key)); u != "" {
				sp.Links = append(sp.Links, model.Link{Label: l.label, URL: u})
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
	// The model's policy; a path waits for Check to make it whole on base_url.
	if model.SafeURL(u) || model.SitePath(u) {
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

// readSessions reads the pages of one session folder. found counts its
// pages, drafts those left out as drafts (as Zola leaves them out of a built
// site).
func (r *reader) readSessions(dir string, kind model.Kind) (out []*sessionPage, found, drafts int) {
	for _, f := range r.pages(dir) {
		found++
		p := &sessionPage{kind: kind, file: f.name, bodyHint: "write what attendees should read as description = \"…\" under [extra], which is used instead of the page's text"}
		p.keys, p.body = r.decodePage(f.name, p, sessionKeys)
		if p.keys == nil {
			continue
		}
		if p.Draft {
			drafts++
			continue
		}
		p.slug = pageSlug(f, string(p.Slug))
		p.pos = p.keys[""]
		if pos, ok := p.keys["extra.time"]; ok {
			p.pos = pos // problems with a session are mostly about its time
		}
		out = append(out, p)
	}
	return out, found, drafts
}

func pageSlug(f pageFile, explicit string) string {
	if explicit = strings.TrimSpace(explicit); explicit != "" {
		return explicit
	}
	return f.slug
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
	rooms := r.rooms(pages)
	for _, p := range pages {
		r.resolveOne(p, rooms[p])
	}
}

// permalink is the page's URL as Zola builds it on base_url: its path, or
// its folder and slug; none when the page is not rendered.
func (r *reader) permalink(p *sessionPage) string {
	base := r.s.Conference.BaseURL
	if base == "" || p.Render != nil && !*p.Render {
		return ""
	}
	if pth := strings.Trim(strings.TrimSpace(string(p.Path)), "/"); pth != "" {
		return base + "/" + pth + "/"
	}
	dir := path.Dir(p.file)
	if path.Base(p.file) == "index.md" {
		dir = path.Dir(dir) // a bundle's folder is the page itself
	}
	return base + "/" + dir + "/" + p.slug + "/"
}

func (r *reader) resolveOne(p *sessionPage, room string) {
	e := &p.Extra
	title := sanitize.Text(string(p.Title))
	if title == "" {
		r.diags.Warn(p.pos, "session has no title; using its slug", "set title = \"...\"")
		title = p.slug
	}
	if isPlaceholder(title) {
		r.diags.Warn(p.keys.at("title"), "placeholder session "+strconv.Quote(title), "replace it before publishing, or set draft = true to leave it out")
	}
	desc := string(e.Description)
	descKey := "extra.description"
	if desc == "" {
		desc, descKey = string(e.Abstract), "extra.abstract"
	}
	if desc == "" {
		desc, descKey = string(p.Description), "description"
	}
	var description string
	if strings.TrimSpace(desc) != "" {
		r.checkLength(p.keys.at(descKey), "the description", len(desc))
		description = sanitize.HTML(desc)
	} else {
		// Hugo, Jekyll and Astro sites, and many Zola ones, write a talk's
		// abstract as the page itself.
		description = r.bodyDescription(p.file, p.body, "description", p.bodyHint)
	}
	base := model.Session{
		Slug:        p.slug,
		Title:       title,
		Kind:        p.kind,
		Room:        room,
		Track:       sanitize.Text(string(e.Track)),
		Language:    sanitize.Text(string(e.Language)),
		Description: description,
		Location:    sanitize.Text(strings.TrimSpace(strings.Trim(string(e.LocationName)+", "+string(e.Location), ", "))),
		URL:         r.permalink(p),
		Pos:         p.pos,
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
			r.s.Speakers = append(r.s.Speakers, model.Speaker{Slug: slug, Name: name, Bio: sanitize.HTML(m.Bio), URL: r.url(m.URL, p.keys.at("extra.mentors")), Pos: p.keys.at("extra.mentors")})
		}
		base.Speakers = append(base.Speakers, slug)
	}
	for _, sp := range base.Speakers {
		if r.s.Speaker(sp) != nil {
			continue
		}
		if file, ok := r.draftSpeakers[sp]; ok {
			r.diags.Warn(p.keys.at("extra.speakers"), "speaker "+strconv.Quote(sp)+" is a draft (draft = true in "+file+"), left out as Zola leaves it out",
				"publish the speaker's page, or take them off this session")
			continue
		}
		r.diags.Warn(p.keys.at("extra.speakers"), "unknown speaker "+strconv.Quote(sp), "add "+r.speakerDir+"/"+sp+".md or fix the slug")
	}

	starts, ends := p.starts, p.ends
	if !p.mapped {
		starts, ends = r.when(p)
	}
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

// maxSlots bounds the sessions one page makes (its dates times its time
// ranges): a real page has one or two.
const maxSlots = 64

// when resolves a page's date and time to instants in the venue's zone.
func (r *reader) when(p *sessionPage) (starts, ends []time.Time) {
	dateKey := "extra.date"
	date := strings.TrimSpace(string(p.Extra.Date))
	if date == "" && strings.TrimSpace(string(p.Extra.Day)) != "" {
		dateKey, date = "extra.day", strings.TrimSpace(string(p.Extra.Day))
	}
	timeKey := "extra.time"
	tm := strings.TrimSpace(string(p.Extra.Time))
	// A date may give the time too: "Oct. 9th, 2024, 10:00 - 16:00".
	if d, t, ok := splitDateTime(date); ok {
		if tm == "" {
			date, tm, timeKey = d, t, dateKey
		} else {
			r.diags.Warn(p.keys.at(dateKey), "the date gives a time ("+strconv.Quote(t)+") and so does time ("+strconv.Quote(tm)+"); used time",
				"write the date alone: "+strconv.Quote(d))
			date = d
		}
	}
	switch {
	case date == "" && tm == "":
		return nil, nil // not scheduled yet: fine
	case tm == "":
		r.diags.Warn(p.keys.at(dateKey), "date "+strconv.Quote(date)+" but no time; the session is listed as unscheduled", "add time = \"10:00-10:30\"")
		return nil, nil
	case date == "":
		r.diags.Warn(p.keys.at(timeKey), "time "+strconv.Quote(tm)+" but no date; the session is listed as unscheduled", "add date = \"Thursday, October 9, 2025\"")
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
		r.diags.Warn(p.keys.at(timeKey), n, "")
	}
	if problem != "" {
		r.diags.Warn(p.keys.at(timeKey), problem+"; the session is listed as unscheduled", "write it like \"13:45-14:15\"")
		return nil, nil
	}
	if n := len(dates) * len(spans); n > maxSlots {
		r.diags.Warn(p.keys.at(timeKey), strconv.Itoa(len(dates))+" dates times "+strconv.Itoa(len(spans))+" time ranges make "+strconv.Itoa(n)+" sessions; only the first "+strconv.Itoa(maxSlots)+" are read",
			"give a page one or two slots, and each other session a page of its own")
	}
	for _, d := range dates {
		for _, sp := range spans {
			if len(starts) == maxSlots {
				return starts, ends
			}
			start := time.Date(d.Year, d.Month, d.Day, int(sp.Start)/60, int(sp.Start)%60, 0, 0, r.loc)
			var end time.Time
			switch {
			case sp.End < 0:
				r.diags.Warn(p.keys.at(timeKey), "no end time in "+strconv.Quote(tm)+"; shown as starting at "+sp.Start.String()+" with no end", "write a range like \""+sp.Start.String()+"-21:00\"")
				end = start
			case sp.End >= sp.Start:
				end = time.Date(d.Year, d.Month, d.Day, int(sp.End)/60, int(sp.End)%60, 0, 0, r.loc)
			case sp.End+24*60-sp.Start <= 12*60:
				r.diags.Warn(p.keys.at(timeKey), "ends at "+sp.End.String()+", before it starts; assumed it runs past midnight to the next day", "")
				end = time.Date(d.Year, d.Month, d.Day+1, int(sp.End)/60, int(sp.End)%60, 0, 0, r.loc)
			default:
				r.diags.Error(p.keys.at(timeKey), "the session ends ("+sp.End.String()+") before it starts ("+sp.Start.String()+")", "swap the times or fix the typo")
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

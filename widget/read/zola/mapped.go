package zola

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frontmatter"
	"github.com/agendaconf/agenda/widget/read/sanitize"
)

// mappedExt are the pages of a mapped folder: Markdown and MDX (Astro), in
// TOML or YAML.
var mappedExt = map[string]bool{".md": true, ".mdx": true, ".markdown": true}

// mappedPages lists the pages under dir as other generators find them:
// every .md, .mdx and .markdown file, sub-folders included; _index.* is a
// section (Hugo), index.* its folder's page; names starting with a dot are
// skipped. A folder that is missing is an error on the mapping's line.
func (r *reader) mappedPages(folder MapKey) []pageFile {
	dir := path.Clean(strings.TrimSuffix(folder.Value, "/"))
	var out []pageFile
	err := fs.WalkDir(r.fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir && errors.Is(err, fs.ErrNotExist) {
				r.diags.Error(r.pos(ConfigFile, folder.Line, folder.Col), "folder "+strconv.Quote(folder.Value)+" does not exist in the content folder",
					"give the folder of the pages relative to the content root, such as \"src/content/talks\"")
				return fs.SkipAll
			}
			r.diags.Error(r.pos(name, 0, 0), "cannot read: "+err.Error(), "check its permissions")
			return nil
		}
		base := d.Name()
		if name != dir && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(base))
		if d.IsDir() || !mappedExt[ext] {
			return nil
		}
		stem := base[:len(base)-len(ext)]
		switch stem {
		case "_index":
			return nil
		case "index":
			stem = path.Base(path.Dir(name))
		}
		out = append(out, pageFile{name: name, slug: stem})
		return nil
	})
	if err != nil {
		r.diags.Error(r.pos(dir, 0, 0), "cannot read the folder: "+err.Error(), "check its permissions")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// readTree reads, splits and decodes one page of a mapped folder. It
// returns the tree, where the front matter opens and the page's body, or a
// nil tree.
func (r *reader) readTree(name string) (*frontmatter.Value, diag.Pos, pageBody) {
	if st, err := fs.Stat(r.fsys, name); err == nil && st.Size() > maxPage {
		r.diags.Error(r.pos(name, 0, 0), "the file is "+strconv.FormatInt(st.Size()>>20, 10)+" MiB; Agenda reads pages of at most "+strconv.Itoa(maxPage>>20)+" MiB",
			"a page describes one session or speaker: shorten it")
		return nil, diag.Pos{}, pageBody{}
	}
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.diags.Error(r.pos(name, 0, 0), "cannot read the file: "+err.Error(), "check its permissions")
		return nil, diag.Pos{}, pageBody{}
	}
	p, err := frontmatter.Split(data)
	if err == nil {
		var t *frontmatter.Value
		if t, err = frontmatter.Decode(p, frontmatter.PageLimits); err == nil {
			return t, r.pos(name, p.FrontLine-1, 1), pageBody{text: p.Body, line: p.BodyLine, liquid: r.liquid}
		}
	}
	e, _ := frontmatter.IsError(err)
	r.diags.Error(r.pos(name, e.Line, max(e.Col, 1)), e.Msg, e.Hint)
	return nil, diag.Pos{}, pageBody{}
}

// mappedPage is one page of a mapped folder being read: its tree, and how
// to name its fields and their mapping in diagnostics.
type mappedPage struct {
	r    *reader
	name string
	t    *frontmatter.Value
	top  diag.Pos // the opening fence
	body pageBody // the description when the mapped field is absent or empty
}

// mapHint names the mapping line of k: mapped by agenda.toml:12 start = "starts_at".
func (r *reader) mapHint(k MapKey) string {
	if k.Line == 0 {
		return "mapped by default: " + k.String()
	}
	return "mapped by " + r.pos(ConfigFile, k.Line, 0).String() + " " + k.String()
}

// get returns the value k maps, if the page has it (null is not having it).
func (m *mappedPage) get(k MapKey) (*frontmatter.Value, diag.Pos, bool) {
	if k.Value == "" {
		return nil, m.top, false
	}
	f, ok := m.t.Lookup(k.Value)
	if !ok || f.Value.Kind == frontmatter.Null {
		return nil, m.top, false
	}
	return f.Value, m.r.pos(m.name, f.Value.Line, f.Value.Col), true
}

// wrong reports a value of the wrong type for k.
func (m *mappedPage) wrong(k MapKey, v *frontmatter.Value, at diag.Pos, want string) {
	m.r.diags.Error(at, k.Value+" is "+v.Describe()+", but must be "+want, m.r.mapHint(k))
}

// str reads k as text: a string, or a number or date as written.
func (m *mappedPage) str(k MapKey) (string, diag.Pos, bool) {
	v, at, ok := m.get(k)
	if !ok {
		return "", at, false
	}
	switch v.Kind {
	case frontmatter.String, frontmatter.Int, frontmatter.Float, frontmatter.Time:
		return v.Text(), at, true
	}
	m.wrong(k, v, at, "a string")
	return "", at, false
}

// list reads k as a list of strings; one string is a list of one. A table
// in the list gives its slug, id or name (Astro's references).
func (m *mappedPage) list(k MapKey) ([]string, diag.Pos, bool) {
	v, at, ok := m.get(k)
	if !ok {
		return nil, at, false
	}
	items := []*frontmatter.Value{v}
	if v.Kind == frontmatter.List {
		items = v.List
	}
	var out []string
	for _, x := range items {
		switch x.Kind {
		case frontmatter.String, frontmatter.Int:
			out = append(out, x.Text())
			continue
		case frontmatter.Table:
			found := false
			for _, key := range []string{"slug", "id", "name"} {
				if f, ok := x.Get(key); ok && f.Value.Kind == frontmatter.String {
					out, found = append(out, f.Value.Str), true
					break
				}
			}
			if found {
				continue
			}
		}
		m.wrong(k, v, at, "a list of strings")
		return nil, at, false
	}
	return out, at, true
}

// readMappedSpeakers reads the speaker pages of [speakers].
func (r *reader) readMappedSpeakers(sm *SpeakerMap) {
	r.speakerDir = sm.Folder.Value
	name := sm.Fields.Name
	for _, f := range r.mappedPages(sm.Folder) {
		t, top, body := r.readTree(f.name)
		if t == nil {
			continue
		}
		m := &mappedPage{r: r, name: f.name, t: t, top: top, body: body}
		slug := f.slug
		if s, _, ok := m.str(sm.Fields.Slug); ok && strings.TrimSpace(s) != "" {
			slug = strings.TrimSpace(s)
		}
		sp := model.Speaker{Slug: slug, Pos: top}
		if name.Value != "" {
			if s, _, ok := m.str(name); ok {
				sp.Name = sanitize.Text(s)
			} else if _, _, has := m.get(name); !has {
				r.diags.Warn(top, "speaker "+strconv.Quote(slug)+" has no "+name.Value+"; using the slug", r.mapHint(name))
			}
		} else {
			for _, k := range []string{"name", "title"} {
				if s, _, ok := m.str(MapKey{Key: "name", Value: k}); ok {
					sp.Name = sanitize.Text(s)
					break
				}
			}
		}
		if sp.Name == "" {
			if name.Value == "" {
				r.diags.Warn(top, "speaker "+strconv.Quote(slug)+" has no name; using the slug", "map the key of their name in agenda.toml: [speakers.fields] name = \"…\"")
			}
			sp.Name = slug
		}
		if s, _, ok := m.str(sm.Fields.Role); ok {
			sp.Role = sanitize.Text(s)
		}
		if s, at, ok := m.str(sm.Fields.Bio); ok {
			sp.Bio = sanitize.HTML(s)
			r.checkLength(at, "bio", len(s))
		}
		if sp.Bio == "" { // many sites write the bio as the page's text
			hint := "write it in a front matter key and map it in " + ConfigFile + ": [speakers.fields] bio = \"about\"; it is used instead of the page's text"
			if sm.Fields.Bio.Value != "" {
				hint = "write it as " + sm.Fields.Bio.Value + " in the front matter, which is used instead of the page's text (" + r.mapHint(sm.Fields.Bio) + ")"
			}
			sp.Bio = r.bodyDescription(f.name, m.body, "bio", hint)
		}
		if s, at, ok := m.str(sm.Fields.URL); ok {
			sp.URL = r.url(s, at)
		}
		r.s.Speakers = append(r.s.Speakers, sp)
	}
}

// readMappedSessions reads the session pages of every [[sessions]] entry
// into pages for resolve, their times already read.
func (r *reader) readMappedSessions(maps []SessionMap) (out []*sessionPage, found, drafts int) {
	for i := range maps {
		sm := &maps[i]
		for _, f := range r.mappedPages(sm.Folder) {
			found++
			t, top, body := r.readTree(f.name)
			if t == nil {
				continue
			}
			m := &mappedPage{r: r, name: f.name, t: t, top: top, body: body}
			if v, at, ok := m.get(sm.Fields.Draft); ok {
				if v.Kind != frontmatter.Bool {
					m.wrong(sm.Fields.Draft, v, at, "true or false")
				} else if v.Bool {
					drafts++
					continue
				}
			}
			if p := r.mappedSession(sm, m, f); p != nil {
				out = append(out, p)
			}
		}
	}
	return out, found, drafts
}

func (r *reader) mappedSession(sm *SessionMap, m *mappedPage, f pageFile) *sessionPage {
	fl := &sm.Fields
	p := &sessionPage{file: f.name, keys: keyPos{"": m.top}, slug: f.slug, mapped: true, pos: m.top, body: m.body}
	p.bodyHint = "write what attendees should read in a front matter key and map it in " + ConfigFile + ": [sessions.fields] description = \"summary\"; it is used instead of the page's text"
	if fl.Description.Value != "" {
		p.bodyHint = "write what attendees should read as " + fl.Description.Value + " in the front matter, which is used instead of the page's text (" + r.mapHint(fl.Description) + ")"
	}
	if s, _, ok := m.str(fl.Slug); ok && strings.TrimSpace(s) != "" {
		p.slug = strings.TrimSpace(s)
	}
	if s, at, ok := m.str(fl.Title); ok {
		p.Title, p.keys["title"] = text(s), at
	}
	if strings.TrimSpace(string(p.Title)) == "" {
		if _, _, has := m.get(fl.Title); !has {
			r.diags.Warn(m.top, "session has no "+fl.Title.Value+"; using its slug", r.mapHint(fl.Title))
		}
		p.Title = text(p.slug)
	}
	p.kind = r.mappedKind(sm, m)
	for _, x := range []struct {
		k   MapKey
		dst *text
		key string
	}{
		{fl.Room, &p.Extra.Stage, "extra.stage"},
		{fl.Track, &p.Extra.Track, "extra.track"},
		{fl.Language, &p.Extra.Language, "extra.language"},
		{fl.Description, &p.Extra.Description, "extra.description"},
	} {
		if s, at, ok := m.str(x.k); ok {
			*x.dst, p.keys[x.key] = text(s), at
		}
	}
	if l, at, ok := m.list(fl.Tags); ok {
		p.Extra.Tags, p.keys["extra.tags"] = l, at
	}
	if l, at, ok := m.list(fl.Speakers); ok {
		p.keys["extra.speakers"] = at
		for _, s := range l {
			p.Extra.Speakers = append(p.Extra.Speakers, r.speakerRef(s, at))
		}
	}
	r.mappedWhen(sm, m, p)
	return p
}

// mappedKind is the page's kind: from kind_field through kinds, else the
// fixed kind, else a talk.
func (r *reader) mappedKind(sm *SessionMap, m *mappedPage) model.Kind {
	def := model.Talk
	if k, ok := model.ParseKind(strings.ToLower(sm.Kind.Value)); ok {
		def = k
	}
	if sm.KindField.Value == "" {
		return def
	}
	s, at, ok := m.str(sm.KindField)
	if !ok {
		return def
	}
	s = strings.TrimSpace(s)
	if k, ok := sm.Kinds[s]; ok {
		kind, _ := model.ParseKind(strings.ToLower(k.Value))
		return kind
	}
	for v, k := range sm.Kinds {
		if strings.EqualFold(v, s) {
			kind, _ := model.ParseKind(strings.ToLower(k.Value))
			return kind
		}
	}
	if k, ok := model.ParseKind(strings.ToLower(s)); ok {
		return k
	}
	r.diags.Warn(at, sm.KindField.Value+" "+strconv.Quote(s)+" is not a kind Agenda knows; read as a "+def.String(),
		r.mapHint(sm.KindField)+"; map it under [sessions.kinds]: "+strconv.Quote(s)+" = \"talk\" (or workshop, activity, break)")
	return def
}

// speakerRef turns what a session calls a speaker, a slug or a name, into
// the slug of their page; a name with no page becomes a speaker of its own.
func (r *reader) speakerRef(s string, at diag.Pos) string {
	s = strings.TrimSpace(s)
	if s == "" || r.s.Speaker(s) != nil || isPlaceholder(s) {
		return s
	}
	slug := Slugify(s)
	for _, sp := range r.s.Speakers {
		if sp.Slug == slug || roomKey(sp.Name) == roomKey(s) {
			return sp.Slug
		}
	}
	if slug == s {
		return s // a slug with no page: resolve says so
	}
	// A name: speakers of Hugo and Jekyll sites often have no page.
	if r.speakerDir != "speakers" {
		r.diags.Warn(at, "speaker "+strconv.Quote(s)+" has no page in "+r.speakerDir+"/; added by name", "add a page for them, or fix the spelling")
	}
	r.s.Speakers = append(r.s.Speakers, model.Speaker{Slug: slug, Name: sanitize.Text(s), Pos: at})
	return slug
}

// mappedWhen reads the start and end of a mapped page into p.starts and
// p.ends: instants as they are, local date-times in the venue's zone, and a
// date with a time field through the Zola layout's lenient reading.
func (r *reader) mappedWhen(sm *SessionMap, m *mappedPage, p *sessionPage) {
	fl := &sm.Fields
	v, at, ok := m.get(fl.Start)
	if !ok {
		if fl.Start.Value != "" {
			r.diags.Warn(m.top, "the page has no "+fl.Start.Value+"; the session is listed as unscheduled", r.mapHint(fl.Start))
		}
		return
	}
	p.pos = at
	var start time.Time
	var kind frontmatter.TimeKind
	switch v.Kind {
	case frontmatter.Time:
		start, kind = v.Time, v.TimeKind
	case frontmatter.String:
		var parsed bool
		if start, kind, parsed = frontmatter.ParseTime(v.Str); !parsed {
			kind = frontmatter.LocalDate // a date as people write it: read leniently below
		}
	default:
		m.wrong(fl.Start, v, at, "a date and time")
		return
	}
	switch kind {
	case frontmatter.Zoned:
		start = start.UTC()
	case frontmatter.LocalDateTime:
		start = r.local(start)
	case frontmatter.LocalTime:
		m.wrong(fl.Start, v, at, "a date and time")
		return
	default:
		// A date, with its time in the time field or in the text itself.
		p.Extra.Date, p.keys["extra.date"] = text(v.Text()), at
		if s, tat, ok := m.str(fl.Time); ok {
			p.Extra.Time, p.keys["extra.time"] = text(s), tat
			p.pos = tat
			if d, ok := r.duration(m, fl.Duration); ok && !m.has(fl.End) {
				if spans, _, problem := parseSpans(s); problem == "" && len(spans) == 1 && spans[0].End < 0 {
					end := spans[0].Start + clock(d/time.Minute)
					p.Extra.Time = text(spans[0].Start.String() + "-" + (end % (24 * 60)).String())
				}
			}
		}
		p.starts, p.ends = r.when(p)
		return
	}
	end, ok := r.mappedEnd(sm, m, start)
	if !ok && !m.has(fl.End) && !m.has(fl.Duration) {
		r.diags.Warn(at, "no end for the session starting at "+strconv.Quote(v.Text())+"; shown with no end", r.mapHint(endKey(fl)))
	}
	if !ok {
		end = start
	}
	if end.Before(start) {
		_, eat, _ := m.get(fl.End)
		r.diags.Error(eat, "the session ends ("+end.In(r.loc).Format("2006-01-02 15:04")+") before it starts ("+start.In(r.loc).Format("2006-01-02 15:04")+")",
			"swap the times or fix the typo")
		return
	}
	p.starts, p.ends = []time.Time{start}, []time.Time{end}
}

func endKey(fl *SessionFields) MapKey {
	if fl.End.Value == "" && fl.Duration.Value != "" {
		return fl.Duration
	}
	if fl.End.Value == "" {
		return MapKey{Key: "end", Value: ""}
	}
	return fl.End
}

func (m *mappedPage) has(k MapKey) bool {
	_, _, ok := m.get(k)
	return ok
}

// local places a wall clock (held in UTC) in the venue's zone.
func (r *reader) local(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), r.loc).UTC()
}

// mappedEnd reads the end: an instant, a local date-time, a time of day on
// the start's date, else start plus the duration.
func (r *reader) mappedEnd(sm *SessionMap, m *mappedPage, start time.Time) (time.Time, bool) {
	fl := &sm.Fields
	if v, at, ok := m.get(fl.End); ok {
		t, kind, parsed := v.Time, v.TimeKind, v.Kind == frontmatter.Time
		if v.Kind == frontmatter.String {
			t, kind, parsed = frontmatter.ParseTime(v.Str)
			if !parsed {
				if spans, _, problem := parseSpans(v.Str); problem == "" && len(spans) == 1 && spans[0].End < 0 {
					y, mo, d := start.In(r.loc).Date()
					c := spans[0].Start
					return time.Date(y, mo, d, int(c)/60, int(c)%60, 0, 0, r.loc).UTC(), true
				}
			}
		}
		switch {
		case parsed && kind == frontmatter.Zoned:
			return t.UTC(), true
		case parsed && kind == frontmatter.LocalDateTime:
			return r.local(t), true
		}
		m.wrong(fl.End, v, at, "a date and time, or a time of day")
		return start, true
	}
	if d, ok := r.duration(m, fl.Duration); ok {
		return start.Add(d), true
	}
	return time.Time{}, false
}

// duration reads k as minutes (45, "45") or H:MM ("1:30").
func (r *reader) duration(m *mappedPage, k MapKey) (time.Duration, bool) {
	v, at, ok := m.get(k)
	if !ok {
		return 0, false
	}
	switch v.Kind {
	case frontmatter.Int:
		if v.Int > 0 && v.Int <= 24*60 {
			return time.Duration(v.Int) * time.Minute, true
		}
	case frontmatter.String:
		s := strings.TrimSpace(v.Str)
		if h, mm, colon := strings.Cut(s, ":"); colon && digits(h) && digits(mm) && len(h) >= 1 && len(h) <= 2 && len(mm) == 2 {
			hh, _ := strconv.Atoi(h)
			mi, _ := strconv.Atoi(mm)
			if mi < 60 && hh*60+mi > 0 && hh*60+mi <= 24*60 {
				return time.Duration(hh*60+mi) * time.Minute, true
			}
		} else if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= 24*60 {
			return time.Duration(n) * time.Minute, true
		}
	}
	r.diags.Error(at, k.Value+" is "+v.Describe()+", but must be a duration: minutes (45) or hours and minutes (\"1:30\"), at most a day", r.mapHint(k))
	return 0, false
}

// noMappedSessions reports a mapped programme without a session.
func (r *reader) noMappedSessions(maps []SessionMap, found, drafts int) {
	if found > 0 {
		if drafts == found {
			r.diags.Error(r.pos(".", 0, 0), "no sessions: all "+diag.Plural(found, "session page")+" "+diag.IsAre(found)+" drafts", "publish the pages")
		}
		return
	}
	var folders []string
	for _, sm := range maps {
		folders = append(folders, sm.Folder.Value+"/")
	}
	line := 0
	if len(maps) > 0 {
		line = maps[0].Line
	}
	r.diags.Error(r.pos(ConfigFile, line, 0), "no sessions: no .md or .mdx page in "+strings.Join(folders, ", "),
		"point folder at the folder of the session pages, relative to the content root")
}

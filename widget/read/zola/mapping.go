package zola

import (
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frontmatter"
)

// Mapping is how agenda.toml maps another site generator's layout: which
// folders hold session and speaker pages, and which front matter keys mean
// what. With no [[sessions]], sessions are read from Zola's talks/,
// workshops/, activities/ and breaks/; with no [speakers], speakers from
// speakers/.
//
//	[[sessions]]                  # one entry per folder of session pages
//	folder = "_sessions"          # relative to the content root, read recursively
//	kind = "talk"                 # a fixed kind, or:
//	kind_field = "type"           # the kind from a field, its values mapped below
//	[sessions.kinds]              # field value -> talk | workshop | activity | break
//	keynote = "talk"
//	[sessions.fields]             # front-matter keys; a dotted key reaches into tables
//	title = "title"
//	start = "starts_at"
//	end = "ends_at"               # or: duration = "length"
//	[speakers]
//	folder = "_people"
//	[speakers.fields]
//	name = "name"
type Mapping struct {
	Sessions []SessionMap // [[sessions]], in order
	Speakers *SpeakerMap  // [speakers]; nil when absent
}

// Mapped reports whether m maps anything.
func (m Mapping) Mapped() bool { return len(m.Sessions) > 0 || m.Speakers != nil }

// MapKey is one key of a mapping as written in agenda.toml: Key its name
// there ("start", "folder", or under [sessions.kinds] a field value such as
// "keynote"), Value what it says ("starts_at", "talk"), Line and Col where.
// An unset key is the zero MapKey (Value "").
type MapKey struct {
	Key       string
	Value     string
	Line, Col int
}

// String is the key as written: start = "starts_at".
func (k MapKey) String() string { return k.Key + " = " + strconv.Quote(k.Value) }

// SessionMap is one [[sessions]] entry.
type SessionMap struct {
	Line      int    // of its [[sessions]] header
	Folder    MapKey // required: a folder under the content root
	Kind      MapKey // a fixed kind: talk, workshop, activity or break
	KindField MapKey // or the key whose value gives the kind, through Kinds
	// Kinds maps a value of KindField to a kind, keyed by that value; a value
	// that is itself a kind's name needs no entry.
	Kinds  map[string]MapKey
	Fields SessionFields
}

// SessionFields name the front matter keys of a session page. Title
// defaults to "title"; Slug unset is the file name; every other unset key is
// not read.
type SessionFields struct {
	Title MapKey
	// Start: an instant (a YAML or TOML date-time, an ISO string with or
	// without an offset) or a date, with Time giving the time ("10:00-10:30")
	// in any of the forms the Zola layout reads.
	Start       MapKey
	End         MapKey // an instant, or a time of day on the start's date
	Duration    MapKey // minutes (45, "45") or H:MM ("1:30"), when End is not given
	Time        MapKey
	Room        MapKey
	Track       MapKey
	Speakers    MapKey // a list of speaker slugs or names (or one)
	Slug        MapKey
	Description MapKey
	Language    MapKey
	Tags        MapKey
	Draft       MapKey // true leaves the page out
}

// SpeakerMap is [speakers].
type SpeakerMap struct {
	Line   int
	Folder MapKey
	Fields SpeakerFields
}

// SpeakerFields name the keys of a speaker page. Name unset reads "name",
// else "title"; Slug unset is the file name.
type SpeakerFields struct {
	Name MapKey
	Slug MapKey
	Role MapKey
	Bio  MapKey
	URL  MapKey
}

var sessionFieldNames = []string{"title", "start", "end", "duration", "time", "room", "track", "speakers", "slug", "description", "language", "tags", "draft"}
var speakerFieldNames = []string{"name", "slug", "role", "bio", "url"}

func (f *SessionFields) field(name string) *MapKey {
	switch name {
	case "title":
		return &f.Title
	case "start":
		return &f.Start
	case "end":
		return &f.End
	case "duration":
		return &f.Duration
	case "time":
		return &f.Time
	case "room":
		return &f.Room
	case "track":
		return &f.Track
	case "speakers":
		return &f.Speakers
	case "slug":
		return &f.Slug
	case "description":
		return &f.Description
	case "language":
		return &f.Language
	case "tags":
		return &f.Tags
	case "draft":
		return &f.Draft
	}
	return nil
}

func (f *SpeakerFields) field(name string) *MapKey {
	switch name {
	case "name":
		return &f.Name
	case "slug":
		return &f.Slug
	case "role":
		return &f.Role
	case "bio":
		return &f.Bio
	case "url":
		return &f.URL
	}
	return nil
}

// ParseMapping reads the mapping of agenda.toml src; file names it in the
// diagnostics. A mapping key that is wrong is an error on its line and left
// out (an entry without a usable folder is left out whole); an unknown one a
// warning.
func ParseMapping(src []byte, file string) (Mapping, diag.List) {
	var d diag.List
	t, err := frontmatter.DecodeTOML(src, 1, frontmatter.ConfigLimits)
	if err != nil {
		e, _ := frontmatter.IsError(err)
		d.Error(diag.Pos{File: file, Line: e.Line, Col: e.Col}, e.Msg, e.Hint)
		return Mapping{}, d
	}
	m := parseMapping(t, func(line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }, &d)
	return m, d
}

type mapParser struct {
	at    func(line, col int) diag.Pos
	diags *diag.List
}

func parseMapping(t *frontmatter.Value, at func(line, col int) diag.Pos, diags *diag.List) Mapping {
	p := mapParser{at: at, diags: diags}
	var m Mapping
	if f, ok := t.Get("sessions"); ok {
		switch {
		case f.Value.Kind == frontmatter.List && allTables(f.Value.List):
			for _, e := range f.Value.List {
				if sm, ok := p.sessions(e); ok {
					m.Sessions = append(m.Sessions, sm)
				}
			}
		default:
			diags.Error(at(f.Line, f.Col), "sessions is "+f.Value.Describe()+", but must be a list of tables, one per folder of session pages",
				"write [[sessions]] (two brackets) on a line of its own, then folder = \"…\" and the rest of the mapping below it")
		}
	}
	if f, ok := t.Get("speakers"); ok {
		if f.Value.Kind != frontmatter.Table {
			diags.Error(at(f.Line, f.Col), "speakers is "+f.Value.Describe()+", but must be a table",
				"write [speakers] on a line of its own, then folder = \"…\" below it")
		} else if sm, ok := p.speakers(f.Value); ok {
			m.Speakers = &sm
		}
	}
	return m
}

func allTables(l []*frontmatter.Value) bool {
	for _, v := range l {
		if v.Kind != frontmatter.Table {
			return false
		}
	}
	return true
}

// str reads field f of a mapping as a string key.
func (p mapParser) str(prefix string, f frontmatter.Field) (MapKey, bool) {
	if f.Value.Kind != frontmatter.String {
		p.diags.Error(p.at(f.Line, f.Col), prefix+f.Key+" is "+f.Value.Describe()+", but must be a string",
			"write "+f.Key+" = \""+f.Value.Text()+"\"")
		return MapKey{}, false
	}
	return MapKey{Key: f.Key, Value: strings.TrimSpace(f.Value.Str), Line: f.Line, Col: f.Col}, true
}

func (p mapParser) folder(what string, line int, k MapKey) bool {
	if k.Value == "" {
		p.diags.Error(p.at(line, 1), what+" has no folder", "add folder = \"_sessions\", the folder of its pages under the content root")
		return false
	}
	clean := path.Clean(strings.TrimSuffix(k.Value, "/"))
	if clean == "." || !fs.ValidPath(clean) || strings.Contains(k.Value, "\\") {
		p.diags.Error(p.at(k.Line, k.Col), "folder "+strconv.Quote(k.Value)+" is not a folder inside the content root",
			"give a relative path with forward slashes, such as \"src/content/talks\"")
		return false
	}
	return true
}

func (p mapParser) kind(prefix string, k MapKey) bool {
	if _, ok := model.ParseKind(strings.ToLower(k.Value)); !ok {
		p.diags.Error(p.at(k.Line, k.Col), prefix+k.Key+" = "+strconv.Quote(k.Value)+" is not a kind of session",
			"write talk, workshop, activity or break")
		return false
	}
	return true
}

func (p mapParser) sessions(e *frontmatter.Value) (SessionMap, bool) {
	sm := SessionMap{Line: e.Line, Fields: SessionFields{Title: MapKey{Key: "title", Value: "title"}}}
	for _, f := range e.Table {
		switch f.Key {
		case "folder", "kind", "kind_field":
			k, good := p.str("sessions.", f)
			switch f.Key {
			case "folder":
				sm.Folder = k
			case "kind":
				if good && p.kind("", k) {
					sm.Kind = k
				}
			case "kind_field":
				sm.KindField = k
			}
		case "kinds":
			if f.Value.Kind != frontmatter.Table {
				p.diags.Error(p.at(f.Line, f.Col), "sessions.kinds is "+f.Value.Describe()+", but must be a table", "write [sessions.kinds], then one value = \"talk\" per line")
				continue
			}
			sm.Kinds = map[string]MapKey{}
			for _, g := range f.Value.Table {
				if k, good := p.str("sessions.kinds.", g); good && p.kind("", k) {
					sm.Kinds[g.Key] = k
				}
			}
		case "fields":
			if f.Value.Kind != frontmatter.Table {
				p.diags.Error(p.at(f.Line, f.Col), "sessions.fields is "+f.Value.Describe()+", but must be a table", "write [sessions.fields], then one field = \"key\" per line")
				continue
			}
			for _, g := range f.Value.Table {
				dst := sm.Fields.field(g.Key)
				if dst == nil {
					p.diags.Warn(p.at(g.Line, g.Col), "unknown field "+strconv.Quote(g.Key)+" in [sessions.fields] is ignored",
						"known fields: "+strings.Join(sessionFieldNames, ", "))
					continue
				}
				if k, good := p.str("sessions.fields.", g); good {
					*dst = k
				}
			}
		default:
			p.diags.Warn(p.at(f.Line, f.Col), "unknown key "+strconv.Quote(f.Key)+" in [[sessions]] is ignored",
				"known keys: folder, kind, kind_field, kinds, fields")
		}
	}
	if sm.Kind.Value == "" && sm.KindField.Value == "" && len(sm.Kinds) > 0 {
		p.diags.Warn(p.at(e.Line, e.Col), "[sessions.kinds] is not used without kind_field", "add kind_field = \"type\", the key of the pages that holds their kind")
	}
	ok := p.folder("[[sessions]]", e.Line, sm.Folder)
	if sm.Fields.End.Value != "" && sm.Fields.Duration.Value != "" {
		p.diags.Warn(p.at(sm.Fields.Duration.Line, sm.Fields.Duration.Col), "both end and duration are mapped; duration is used only on pages without "+strconv.Quote(sm.Fields.End.Value), "")
	}
	return sm, ok
}

func (p mapParser) speakers(t *frontmatter.Value) (SpeakerMap, bool) {
	sm := SpeakerMap{Line: t.Line}
	for _, f := range t.Table {
		switch f.Key {
		case "folder":
			sm.Folder, _ = p.str("speakers.", f)
		case "fields":
			if f.Value.Kind != frontmatter.Table {
				p.diags.Error(p.at(f.Line, f.Col), "speakers.fields is "+f.Value.Describe()+", but must be a table", "write [speakers.fields], then one field = \"key\" per line")
				continue
			}
			for _, g := range f.Value.Table {
				dst := sm.Fields.field(g.Key)
				if dst == nil {
					p.diags.Warn(p.at(g.Line, g.Col), "unknown field "+strconv.Quote(g.Key)+" in [speakers.fields] is ignored",
						"known fields: "+strings.Join(speakerFieldNames, ", "))
					continue
				}
				if k, good := p.str("speakers.fields.", g); good {
					*dst = k
				}
			}
		default:
			p.diags.Warn(p.at(f.Line, f.Col), "unknown key "+strconv.Quote(f.Key)+" in [speakers] is ignored", "known keys: folder, fields")
		}
	}
	return sm, p.folder("[speakers]", t.Line, sm.Folder)
}

// Package inspect looks at a content folder written for some site generator
// (Hugo, Jekyll, Astro, Eleventy, Zola) and guesses the agenda.toml that maps
// it: which folders hold sessions and speakers, which front matter key means
// what, the time zone's offset, the year. It backs `agenda init`.
//
// Inspect reads: every .md, .mdx and .markdown page with front matter, its
// keys flattened to dotted paths, counted per folder with the kinds of their
// values. Guess decides from names and kinds, never from a page's body, and
// Guess.TOML writes the commented agenda.toml; the same folder always gives
// the same bytes.
//
// Runs in: the compiler.
package inspect

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frontmatter"
)

// skipDirs are folders that hold no content of the site's own: build output,
// dependencies, themes with their example sites.
var skipDirs = map[string]bool{"node_modules": true, "public": true, "dist": true, "_site": true, "themes": true}

// pageExt are the pages read, as the mapped reader reads them.
var pageExt = map[string]bool{".md": true, ".mdx": true, ".markdown": true}

// Bounds: a content folder is inspected quickly even when init is pointed at
// a home directory.
const (
	maxEntries  = 20000    // files and folders walked
	maxPages    = 5000     // pages read
	maxPage     = 32 << 20 // bytes of one page
	maxValues   = 24       // distinct values kept per key
	maxValueLen = 200      // bytes of a value kept
)

// Report is what Inspect found.
type Report struct {
	Name    string    // the folder's name, for the conference name
	Pages   int       // pages read, with front matter
	Folders []*Folder // folders of pages, sorted by path
	// Failed are pages that could not be read: no front matter, invalid
	// TOML or YAML. Sections (_index.md) are neither read nor counted.
	Failed []Failure
	// IndexTitle is the title of the root's _index.md, the site's own name.
	IndexTitle string
	// Truncated: the walk stopped at its bounds.
	Truncated bool
}

// Failure is a page that could not be read.
type Failure struct {
	Path, Msg string
}

// Folder is a folder of pages: the pages in it and in its sub-folders that
// hold no collection of their own (Jekyll's _sessions/day-1/), a Hugo page
// bundle's index.md standing in its parent.
type Folder struct {
	Path  string // relative to the content root, with slashes; "." is the root
	Pages []*Page
	Keys  []*Key // sorted by name
	keys  map[string]*Key
}

// Page is one page read.
type Page struct {
	Path   string // relative to the content root
	Slug   string // the file's name, or its folder's for index.md
	Format frontmatter.Format
	// Keys are the page's front matter flattened: "params.room" for room
	// in the params table; lists and scalars are leaves.
	Keys map[string]*frontmatter.Value
	dir  string // the folder it counts in before folders merge
}

// Key is one front matter key of a folder, over its pages.
type Key struct {
	Name    string
	Pages   int            // pages that have it (null counts as not having it)
	Classes map[Class]int  // how many values are of each class
	Values  map[string]int // distinct texts of text values, at most maxValues
	// MoreValues: there were more distinct values than Values holds.
	MoreValues bool
	// Items are the distinct texts in lists (and the slug, id or name of
	// tables in lists), at most maxValues.
	Items   map[string]int
	Offsets map[string]int // UTC offsets of date-times that have one: "+02:00", "Z"
	// offsetAt holds the earliest instant seen with each offset, to check a
	// zone against.
	offsetAt map[string]time.Time
	Years    map[int]int // years of dates
	NoYear   int         // dates written without a year ("Friday, July 12")
}

// Class is what a value looks like.
type Class string

const (
	Instant       Class = "date-time with offset"
	LocalDateTime Class = "date-time"
	Date          Class = "date"
	DateText      Class = "date as text"
	DateTimeText  Class = "date and time as text"
	TimeOfDay     Class = "time of day"
	TimeSpan      Class = "time span"
	Text          Class = "text"
	EmptyText     Class = "empty text"
	Number        Class = "number"
	Boolean       Class = "true/false"
	TextList      Class = "list of text"
	TableList     Class = "list of tables"
	EmptyList     Class = "empty list"
	MixedList     Class = "list"
	EmptyTable    Class = "empty table"
)

// Inspect inspects the content folder fsys; name is its name.
func Inspect(fsys fs.FS, name string) (*Report, error) {
	r := &Report{Name: name}
	var pages []*Page
	entries := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable corner is not the site
		}
		if entries++; entries > maxEntries || len(pages) >= maxPages {
			r.Truncated = true
			return fs.SkipAll
		}
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || d.IsDir() && skipDirs[base]) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(base))
		if d.IsDir() || !pageExt[ext] {
			return nil
		}
		stem := base[:len(base)-len(ext)]
		if stem == "_index" {
			if p == base && r.IndexTitle == "" {
				r.IndexTitle = indexTitle(fsys, p)
			}
			return nil
		}
		dir, slug := path.Dir(p), stem
		if stem == "index" && dir != "." {
			dir, slug = path.Dir(dir), path.Base(dir)
		}
		pg, msg := readPage(fsys, p)
		if pg == nil {
			r.Failed = append(r.Failed, Failure{Path: p, Msg: msg})
			return nil
		}
		pg.Slug, pg.dir = slug, dir
		pages = append(pages, pg)
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.Pages = len(pages)
	r.Folders = group(pages)
	return r, nil
}

func readPage(fsys fs.FS, p string) (*Page, string) {
	if st, err := fs.Stat(fsys, p); err == nil && st.Size() > maxPage {
		return nil, "larger than " + strconv.Itoa(maxPage>>20) + " MiB"
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, "cannot read: " + err.Error()
	}
	sp, err := frontmatter.Split(data)
	if err != nil {
		return nil, errMsg(err)
	}
	t, err := frontmatter.Decode(sp, frontmatter.PageLimits)
	if err != nil {
		return nil, errMsg(err)
	}
	pg := &Page{Path: p, Format: sp.Format, Keys: map[string]*frontmatter.Value{}}
	flatten(t, "", pg.Keys, 0)
	return pg, ""
}

func errMsg(err error) string {
	var e *frontmatter.Error
	if errors.As(err, &e) {
		return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return err.Error()
}

// flatten records the leaves of table t under prefix.
func flatten(t *frontmatter.Value, prefix string, out map[string]*frontmatter.Value, depth int) {
	for _, f := range t.Table {
		name := prefix + f.Key
		if f.Value.Kind == frontmatter.Table && len(f.Value.Table) > 0 && depth < 8 {
			flatten(f.Value, name+".", out, depth+1)
			continue
		}
		if f.Value.Kind != frontmatter.Null {
			out[name] = f.Value
		}
	}
}

func indexTitle(fsys fs.FS, p string) string {
	pg, _ := readPage(fsys, p)
	if pg == nil {
		return ""
	}
	if v, ok := pg.Keys["title"]; ok && v.Kind == frontmatter.String {
		return strings.TrimSpace(v.Str)
	}
	return ""
}

// group sorts pages into folders. A folder merges into its parent when the
// parent is not the root, has no page of its own, and the folder's name is
// not one a collection goes by: Jekyll's _sessions/day-1/ and day-2/ are one
// collection, _sessions/; Astro's src/content/talks/ and speakers/ are two.
func group(pages []*Page) []*Folder {
	byDir := map[string][]*Page{}
	for _, p := range pages {
		byDir[p.dir] = append(byDir[p.dir], p)
	}
	for {
		dirs := sortedKeys(byDir)
		sort.SliceStable(dirs, func(i, j int) bool { return strings.Count(dirs[i], "/") > strings.Count(dirs[j], "/") })
		merged := false
		for _, dir := range dirs {
			parent := path.Dir(dir)
			if _, ok := byDir[dir]; !ok || dir == "." || parent == "." || len(byDir[parent]) > 0 {
				continue
			}
			// Every folder of pages under parent merges, or none does.
			var under []string
			for _, d := range dirs {
				if rest, ok := strings.CutPrefix(d, parent+"/"); ok {
					child, _, _ := strings.Cut(rest, "/")
					if collectionName(child) {
						under = nil
						break
					}
					under = append(under, d)
				}
			}
			for _, d := range under {
				byDir[parent] = append(byDir[parent], byDir[d]...)
				delete(byDir, d)
				merged = true
			}
			if merged {
				break
			}
		}
		if !merged {
			break
		}
	}
	var out []*Folder
	for _, dir := range sortedKeys(byDir) {
		f := &Folder{Path: dir, Pages: byDir[dir], keys: map[string]*Key{}}
		sort.Slice(f.Pages, func(i, j int) bool { return f.Pages[i].Path < f.Pages[j].Path })
		for _, p := range f.Pages {
			for name, v := range p.Keys {
				k := f.keys[name]
				if k == nil {
					k = &Key{Name: name, Classes: map[Class]int{}, Values: map[string]int{}, Items: map[string]int{}, Offsets: map[string]int{}, offsetAt: map[string]time.Time{}, Years: map[int]int{}}
					f.keys[name] = k
					f.Keys = append(f.Keys, k)
				}
				k.Pages++
				k.add(v)
			}
		}
		sort.Slice(f.Keys, func(i, j int) bool { return f.Keys[i].Name < f.Keys[j].Name })
		out = append(out, f)
	}
	return out
}

// collectionNames are folder names that are a collection of their own, by
// what sites call their sessions and speakers.
var collectionNames = map[string]bool{}

func init() {
	for _, list := range [][]string{sessionFolderNames, speakerFolderNames, otherFolderNames} {
		for _, n := range list {
			collectionNames[n] = true
		}
	}
}

var sessionFolderNames = []string{"sessions", "talks", "workshops", "activities", "breaks", "schedule", "program", "programme", "agenda", "events", "keynotes", "tutorials", "socials"}
var speakerFolderNames = []string{"speakers", "people", "authors", "presenters", "persons", "team", "hosts", "organizers", "organisers"}
var otherFolderNames = []string{"posts", "blog", "news", "articles", "docs", "pages", "sponsors", "partners", "jobs"}

// collectionName reports whether a folder of that name is a collection of its
// own: "talks", "_people", "speakers-2024" are; "day-1" is not.
func collectionName(base string) bool {
	n := strings.ToLower(strings.TrimLeft(base, "_"))
	for c := range collectionNames {
		if n == c || strings.HasPrefix(n, c+"-") || strings.HasPrefix(n, c+"_") {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// add counts one value of k.
func (k *Key) add(v *frontmatter.Value) {
	c := classify(v)
	k.Classes[c]++
	switch c {
	case Text, TimeOfDay, TimeSpan, DateText, DateTimeText:
		s := strings.TrimSpace(v.Str)
		if _, ok := k.Values[s]; ok || len(k.Values) < maxValues && len(s) <= maxValueLen {
			k.Values[s]++
		} else {
			k.MoreValues = true
		}
	}
	if v.Kind == frontmatter.List {
		for _, x := range v.List {
			s := ""
			switch x.Kind {
			case frontmatter.String, frontmatter.Int:
				s = x.Text()
			case frontmatter.Table:
				for _, key := range []string{"slug", "id", "name"} {
					if f, ok := x.Get(key); ok && f.Value.Kind == frontmatter.String {
						s = f.Value.Str
						break
					}
				}
			}
			if s = strings.TrimSpace(s); s != "" && len(s) <= maxValueLen && (k.Items[s] > 0 || len(k.Items) < maxValues) {
				k.Items[s]++
			}
		}
	}
	switch c {
	case Instant:
		t := v.Time
		if v.Kind == frontmatter.String {
			t, _, _ = frontmatter.ParseTime(v.Str)
		}
		off := t.Format("Z07:00")
		k.Offsets[off]++
		if at, ok := k.offsetAt[off]; !ok || t.Before(at) {
			k.offsetAt[off] = t
		}
		k.Years[t.Year()]++
	case LocalDateTime, Date:
		t := v.Time
		if v.Kind == frontmatter.String {
			t, _, _ = frontmatter.ParseTime(v.Str)
		}
		k.Years[t.Year()]++
	case DateText, DateTimeText:
		if m := yearRE.FindString(v.Str); m != "" {
			y, _ := strconv.Atoi(m)
			k.Years[y]++
		} else {
			k.NoYear++
		}
	}
}

var (
	yearRE    = regexp.MustCompile(`\b(19[7-9]\d|2\d{3})\b`)
	monthRE   = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day)?\b`)
	numDateRE = regexp.MustCompile(`\b\d{1,4}[./]\d{1,2}[./]\d{2,4}\b`)
	clockRE   = regexp.MustCompile(`(?i)\b\d{1,2}(?:[:.h]\d{2}|\s*[ap]\.?m\b)`)
	// timeOnly is what a time field holds and nothing else: clocks, dashes,
	// "to", "&", commas, am/pm.
	timeOnlyRE = regexp.MustCompile(`(?i)^(?:[\d\s:.,&–—-]|\bto\b|\band\b|[ap]\.?m\.?|h)+$`)
	spanRE     = regexp.MustCompile(`(?i)\d\s*(?:[-–—]|\bto\b)\s*\d`)
	durationRE = regexp.MustCompile(`^\s*(?:\d{1,4}|\d{1,2}:\d{2})\s*$`)
)

// classify says what v looks like.
func classify(v *frontmatter.Value) Class {
	switch v.Kind {
	case frontmatter.Time:
		switch v.TimeKind {
		case frontmatter.Zoned:
			return Instant
		case frontmatter.LocalDateTime:
			return LocalDateTime
		case frontmatter.LocalDate:
			return Date
		}
		return TimeOfDay
	case frontmatter.Int, frontmatter.Float:
		return Number
	case frontmatter.Bool:
		return Boolean
	case frontmatter.Table:
		return EmptyTable
	case frontmatter.List:
		if len(v.List) == 0 {
			return EmptyList
		}
		c := Class("")
		for _, x := range v.List {
			e := MixedList
			switch x.Kind {
			case frontmatter.String, frontmatter.Int:
				e = TextList
			case frontmatter.Table:
				e = TableList
			}
			if c != "" && c != e {
				return MixedList
			}
			c = e
		}
		return c
	case frontmatter.String:
		return classifyText(v.Str)
	}
	return EmptyText
}

func classifyText(s string) Class {
	s = strings.TrimSpace(s)
	if s == "" {
		return EmptyText
	}
	if _, k, ok := frontmatter.ParseTime(s); ok {
		switch k {
		case frontmatter.Zoned:
			return Instant
		case frontmatter.LocalDateTime:
			return LocalDateTime
		}
		return Date
	}
	if clockRE.MatchString(s) && timeOnlyRE.MatchString(s) {
		if spanRE.MatchString(s) {
			return TimeSpan
		}
		return TimeOfDay
	}
	if len(s) <= 64 && (monthRE.MatchString(s) || numDateRE.MatchString(s)) && strings.ContainsAny(s, "0123456789") {
		if clockRE.MatchString(s) {
			return DateTimeText
		}
		return DateText
	}
	return Text
}

// Key returns the folder's key name, or nil.
func (f *Folder) Key(name string) *Key { return f.keys[name] }

// count is how many of k's values are of one of the classes.
func (k *Key) count(cs ...Class) int {
	n := 0
	for _, c := range cs {
		n += k.Classes[c]
	}
	return n
}

// mostly reports whether most of k's values that say anything (not empty)
// are of the classes.
func (k *Key) mostly(cs ...Class) bool {
	total := 0
	for c, n := range k.Classes {
		if c != EmptyText && c != EmptyList {
			total += n
		}
	}
	return total > 0 && 2*k.count(cs...) > total
}

// Describe is k for a comment: "starts_at: 3 of 3 pages, date-time with
// offset (2), date-time (1)".
func (k *Key) Describe(pages int) string {
	var b strings.Builder
	b.WriteString(k.Name + ": " + strconv.Itoa(k.Pages) + " of " + diag.Plural(pages, "page"))
	type cn struct {
		c Class
		n int
	}
	var cs []cn
	for c, n := range k.Classes {
		cs = append(cs, cn{c, n})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].n != cs[j].n {
			return cs[i].n > cs[j].n
		}
		return cs[i].c < cs[j].c
	})
	for i, x := range cs {
		if i == 0 {
			b.WriteString(", ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(string(x.c))
		if len(cs) > 1 {
			b.WriteString(" (" + strconv.Itoa(x.n) + ")")
		}
	}
	return b.String()
}

// values lists k's distinct text values, sorted: "hands-on, keynote (2)".
func (k *Key) values() string {
	var out []string
	for _, v := range sortedKeys(k.Values) {
		s := strconv.Quote(v)
		if n := k.Values[v]; n > 1 {
			s += " (" + strconv.Itoa(n) + ")"
		}
		out = append(out, s)
	}
	if k.MoreValues {
		out = append(out, "…")
	}
	return strings.Join(out, ", ")
}

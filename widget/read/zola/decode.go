package zola

import (
	"errors"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frontmatter"
)

// The front matter's value types. Each decodes itself so that a value of the
// wrong type comes back from the decoder as a toml.ParseError that carries
// the key (LastKey) and the value's line and column (Position): the decoder's
// own type errors (BurntSushi/toml v1.6.0) are bare strings.
type (
	text   string
	texts  []string
	flag   bool
	number int64
	// anything is a key Agenda knows but does not use (Zola's weight, aliases,
	// a site's hero image): any value is fine and nothing under it is unknown.
	anything struct{}
)

func (t *text) UnmarshalTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return mismatch(v, "a string", strconv.Quote(plain(v)))
	}
	*t = text(s)
	return nil
}

func (t *texts) UnmarshalTOML(v any) error {
	list, ok := v.([]any)
	if !ok {
		return mismatch(v, "a list of strings", stringList(v))
	}
	out := make(texts, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return &typeError{what: "is a list holding " + describe(x) + ", but must be a list of strings", example: stringList(v)}
		}
		out = append(out, s)
	}
	*t = out
	return nil
}

func (f *flag) UnmarshalTOML(v any) error {
	b, ok := v.(bool)
	if !ok {
		example := "true"
		if s, _ := v.(string); strings.EqualFold(s, "false") || strings.EqualFold(s, "no") {
			example = "false"
		}
		return mismatch(v, "true or false, without quotes", example)
	}
	*f = flag(b)
	return nil
}

func (n *number) UnmarshalTOML(v any) error {
	i, ok := v.(int64)
	if !ok {
		example := "2026"
		if s, isString := v.(string); isString {
			if _, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				example = strings.TrimSpace(s)
			}
		}
		return mismatch(v, "a whole number, without quotes", example)
	}
	*n = number(i)
	return nil
}

func (*anything) UnmarshalTOML(any) error { return nil }

// mentor is one of a workshop's mentors, who become its speakers.
type mentor struct{ Name, Bio, URL string }

type mentors []mentor

// UnmarshalTOML reads [[extra.mentors]] tables or an array of inline tables;
// keys other than name, bio and url (avatars) are the site's own business.
func (m *mentors) UnmarshalTOML(v any) error {
	var items []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		items = v
	case []any:
		for _, x := range v {
			t, ok := x.(map[string]any)
			if !ok {
				return mismatch(v, "a list of tables", `[{ name = "…", bio = "…" }]`)
			}
			items = append(items, t)
		}
	default:
		return mismatch(v, "a list of tables", `[{ name = "…", bio = "…" }]`)
	}
	out := make(mentors, 0, len(items))
	for i, t := range items {
		var mt mentor
		for _, f := range []struct {
			key string
			dst *string
		}{{"name", &mt.Name}, {"bio", &mt.Bio}, {"url", &mt.URL}} {
			x, ok := t[f.key]
			if !ok {
				continue
			}
			s, ok := x.(string)
			if !ok {
				return &typeError{what: "has a mentor (number " + strconv.Itoa(i+1) + ") whose " + f.key + " is " + describe(x) + ", but must be a string",
					example: `[{ ` + f.key + ` = ` + strconv.Quote(plain(x)) + ` }]`}
			}
			*f.dst = s
		}
		out = append(out, mt)
	}
	*m = out
	return nil
}

// typeError is a value of the wrong type. Its text travels in
// toml.ParseError.Message (which keeps no error to unwrap): what, then after
// a unit separator the value to write instead.
type typeError struct{ what, example string }

const unitSep = "\x1f"

func (e *typeError) Error() string { return e.what + unitSep + e.example }

func mismatch(v any, want, example string) error {
	return &typeError{what: "is " + describe(v) + ", but must be " + want, example: example}
}

// describe names a decoded TOML value's type, with the value when short.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "a string (" + strconv.Quote(short(v)) + ")"
	case int64:
		return "a number (" + strconv.FormatInt(v, 10) + ")"
	case float64:
		return "a number (" + strconv.FormatFloat(v, 'g', -1, 64) + ")"
	case bool:
		return "a boolean (" + strconv.FormatBool(v) + ")"
	case time.Time:
		return "a date (" + plain(v) + ")"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a value"
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// plain is a scalar as the text a string would hold.
func plain(v any) string {
	switch v := v.(type) {
	case string:
		return short(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04")
	case []any:
		var parts []string
		for _, x := range v {
			if _, nested := x.([]any); !nested {
				parts = append(parts, plain(x))
			}
		}
		return short(strings.Join(parts, ", "))
	}
	return "…"
}

func stringList(v any) string {
	var items []any
	switch v := v.(type) {
	case []any:
		items = v
	case string:
		if v != "" {
			items = []any{v}
		}
	default:
		items = []any{v}
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range items {
		if i == 3 {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(plain(x)))
	}
	b.WriteByte(']')
	return b.String()
}

// maxPage bounds the size of a page file, front matter and body: pages are
// read whole.
const maxPage = 32 << 20

// decode splits and decodes one page into v, reporting every problem. It
// returns the key positions, or nil when the page cannot be used.
func (r *reader) decode(name string, v any, known string) keyPos {
	keys, _ := r.decodePage(name, v, known)
	return keys
}

// decodePage is decode that also returns the page's body.
func (r *reader) decodePage(name string, v any, known string) (keyPos, pageBody) {
	if st, err := fs.Stat(r.fsys, name); err == nil && st.Size() > maxPage {
		r.diags.Error(r.pos(name, 0, 0), "the file is "+strconv.FormatInt(st.Size()>>20, 10)+" MiB; Agenda reads pages of at most "+strconv.Itoa(maxPage>>20)+" MiB",
			"a page describes one session or speaker: shorten it")
		return nil, pageBody{}
	}
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.diags.Error(r.pos(name, 0, 0), "cannot read the file: "+err.Error(), "check its permissions")
		return nil, pageBody{}
	}
	p, err := frontmatter.Split(data)
	if err != nil {
		if e, ok := frontmatter.IsError(err); ok {
			r.diags.Error(r.pos(name, e.Line, 1), e.Msg, e.Hint)
		} else {
			r.diags.Error(r.pos(name, 1, 1), err.Error(), "")
		}
		return nil, pageBody{}
	}
	b := pageBody{text: p.Body, line: p.BodyLine}
	if p.Format == frontmatter.YAML {
		return r.decodeYAML(name, p, v, known), b
	}
	keys, ok := r.decodeTOML(name, p.Front, p.FrontLine, frontmatter.PageLimits, v, known)
	if !ok {
		return nil, pageBody{}
	}
	out := make(keyPos, len(keys))
	for k, lc := range keys {
		out[k] = r.pos(name, lc[0], lc[1])
	}
	out[""] = r.pos(name, p.FrontLine-1, 1)
	return out, b
}

// decodeTOML bounds, then decodes src (which starts on line first of the
// file) into v, and warns about keys v does not know. It returns the line
// and column of every key the small scanner found.
func (r *reader) decodeTOML(name string, src []byte, first int, l frontmatter.Limits, v any, known string) (map[string][2]int, bool) {
	if err := frontmatter.CheckTOML(src, l); err != nil {
		e, _ := frontmatter.IsError(err)
		r.diags.Error(r.pos(name, first-1+e.Line, max(e.Col, 1)), e.Msg, e.Hint)
		return nil, false
	}
	doc := string(src)
	keys := frontmatter.KeyPositions(src, first)
	md, err := toml.Decode(doc, v)
	if err != nil {
		r.tomlError(name, err, md, keys, first)
		return nil, false
	}
	r.unknownKeys(name, md, keys, known)
	return keys, true
}

// tomlError reports a TOML error at its line in the file, not in the block
// (which starts at line firstLine).
func (r *reader) tomlError(name string, err error, md toml.MetaData, keys map[string][2]int, firstLine int) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		pos := r.pos(name, firstLine-1+pe.Position.Line, pe.Position.Col)
		if what, example, ok := strings.Cut(pe.Message, unitSep); ok {
			key := pe.LastKey
			last := key[strings.LastIndexByte(key, '.')+1:]
			r.diags.Error(pos, key+" "+what, "write "+last+" = "+example)
			return
		}
		r.diags.Error(pos, "invalid TOML: "+pe.Message,
			"fix the front matter; strings need double quotes, lists square brackets")
		return
	}
	// The decoder's own type errors: the only table Agenda decodes into a
	// struct is [extra], so that is the one given as something else.
	if t := md.Type("extra"); t != "" && t != "Hash" {
		lc := keys["extra"]
		line, col := lc[0], lc[1]
		if line == 0 {
			line, col = firstLine, 1
		}
		r.diags.Error(r.pos(name, line, col), "extra is "+tomlTypeName(t)+", but must be a table",
			"write [extra] on a line of its own, then its keys one per line: stage = \"Main Stage\"")
		return
	}
	r.diags.Error(r.pos(name, firstLine, 1), "the front matter cannot be read: "+strings.TrimPrefix(err.Error(), "toml: "),
		"compare it with the example pages in the README")
}

func tomlTypeName(t string) string {
	switch t {
	case "String":
		return "a string"
	case "Integer", "Float":
		return "a number"
	case "Bool":
		return "a boolean"
	case "Datetime":
		return "a date"
	case "Array", "ArrayHash":
		return "a list"
	}
	return "a " + strings.ToLower(t)
}

// unknownKeys warns about each key of the page that no field took.
func (r *reader) unknownKeys(name string, md toml.MetaData, keys map[string][2]int, known string) {
	undecoded := md.Undecoded()
	skip := make(map[string]bool, len(undecoded))
	for _, k := range undecoded {
		skip[k.String()] = true
	}
next:
	for _, k := range undecoded {
		// The decoder leaves the keys of inline tables in an array undecoded
		// even when the array went whole to one of the types above (mentors,
		// anything): those are not unknown.
		for i := 1; i < len(k); i++ {
			if p := k[:i]; !skip[p.String()] && md.Type(p...) == "Array" {
				continue next
			}
		}
		ks := k.String()
		lc := keys[ks]
		r.diags.Warn(r.pos(name, lc[0], lc[1]), "unknown key "+strconv.Quote(ks)+" is ignored", "known keys: "+known)
	}
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

// zolaKeys are the keys of a Zola page's front matter
// (https://www.getzola.org/documentation/content/page/), plus
// insert_anchor_links, a section's key that Zola ignores on a page.
type zolaKeys struct {
	Title       text  `toml:"title"`
	Description text  `toml:"description"`
	Slug        text  `toml:"slug"`
	Path        text  `toml:"path"`
	Draft       flag  `toml:"draft"`
	Render      *flag `toml:"render"` // nil: true, Zola's default

	Date              anything `toml:"date"`
	Updated           anything `toml:"updated"`
	Weight            anything `toml:"weight"`
	Aliases           anything `toml:"aliases"`
	Authors           anything `toml:"authors"`
	InSearchIndex     anything `toml:"in_search_index"`
	Template          anything `toml:"template"`
	Taxonomies        anything `toml:"taxonomies"`
	InsertAnchorLinks anything `toml:"insert_anchor_links"`
}

// sortedKeys lists m's keys in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

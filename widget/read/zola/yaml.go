package zola

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/agendaconf/agenda/widget/read/frontmatter"
)

// decodeYAML decodes a page's YAML front matter into v, the same struct a
// TOML page decodes into, with the same keys ("extra:" holds stage, time,
// …), the same value types and the same diagnostics, positions from the
// YAML itself. It returns the key positions, or nil when the page cannot be
// used.
func (r *reader) decodeYAML(name string, p frontmatter.Page, v any, known string) keyPos {
	t, err := frontmatter.Decode(p, frontmatter.PageLimits)
	if err != nil {
		e, _ := frontmatter.IsError(err)
		r.diags.Error(r.pos(name, e.Line, max(e.Col, 1)), e.Msg, e.Hint)
		return nil
	}
	keys := keyPos{"": r.pos(name, p.FrontLine-1, 1)}
	if !r.decodeTable(name, t, reflect.ValueOf(v).Elem(), "", keys, known) {
		return nil
	}
	return keys
}

// tomlFields maps the toml tag of each field of struct type typ, promoted
// ones included, to its index.
func tomlFields(typ reflect.Type) map[string][]int {
	out := map[string][]int{}
	for _, f := range reflect.VisibleFields(typ) {
		if f.Anonymous || !f.IsExported() {
			continue
		}
		if tag, _, _ := strings.Cut(f.Tag.Get("toml"), ","); tag != "" && tag != "-" {
			out[tag] = f.Index
		}
	}
	return out
}

var unmarshaler = reflect.TypeFor[toml.Unmarshaler]()

// decodeTable decodes table t into struct rv as toml.Decode would: a field
// whose type reads itself (UnmarshalTOML) gets the value as BurntSushi/toml
// hands it over, a struct field a table. prefix is the dotted path of t.
func (r *reader) decodeTable(name string, t *frontmatter.Value, rv reflect.Value, prefix string, keys keyPos, known string) bool {
	fields := tomlFields(rv.Type())
	ok := true
	for _, f := range t.Table {
		key := prefix + f.Key
		keys[key] = r.pos(name, f.Line, f.Col)
		idx, found := fields[f.Key]
		if !found {
			r.diags.Warn(keys[key], "unknown key "+strconv.Quote(key)+" is ignored", "known keys: "+known)
			continue
		}
		if f.Value.Kind == frontmatter.Null {
			continue // "key:" with nothing after it: as if it were not there
		}
		fv := rv.FieldByIndex(idx)
		if fv.Kind() == reflect.Pointer {
			fv.Set(reflect.New(fv.Type().Elem()))
			fv = fv.Elem()
		}
		at := r.pos(name, f.Value.Line, f.Value.Col)
		if fv.Addr().Type().Implements(unmarshaler) {
			err := fv.Addr().Interface().(toml.Unmarshaler).UnmarshalTOML(yamlPlain(f.Value))
			var te *typeError
			if errors.As(err, &te) {
				r.diags.Error(at, key+" "+te.what, "write "+f.Key+": "+te.example)
				ok = false
			}
			continue
		}
		if fv.Kind() == reflect.Struct {
			if f.Value.Kind != frontmatter.Table {
				r.diags.Error(at, key+" is "+f.Value.Describe()+", but must be a table",
					"write "+f.Key+": on a line of its own, then its keys indented below it: stage: Main Stage")
				ok = false
				continue
			}
			ok = r.decodeTable(name, f.Value, fv, key+".", keys, known) && ok
		}
	}
	return ok
}

// yamlPlain is v as a TOML decoder would give it, except that a YAML date
// is the text it was written as: `date: 2025-10-09` is a date to YAML and
// a string to every page of this layout.
func yamlPlain(v *frontmatter.Value) any {
	switch v.Kind {
	case frontmatter.Time:
		return v.Str
	case frontmatter.List:
		out := make([]any, len(v.List))
		for i, x := range v.List {
			out[i] = yamlPlain(x)
		}
		return out
	case frontmatter.Table:
		out := make(map[string]any, len(v.Table))
		for _, f := range v.Table {
			out[f.Key] = yamlPlain(f.Value)
		}
		return out
	}
	return v.Plain()
}

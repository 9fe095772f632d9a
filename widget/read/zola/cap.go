package zola

import (
	"strings"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// perKind is how many warnings of one kind a file shows. A kind is a message
// with its quoted parts and numbers blanked out: `unknown key "extra.x" is
// ignored` and `unknown key "extra.y" is ignored` are one kind. One file with
// 100,000 unknown keys must not bury the rest of the output.
const perKind = 5

// capWarnings keeps the first perKind warnings of each kind in each file of
// the sorted list l and replaces the others with one warning that counts them.
func capWarnings(l diag.List) diag.List {
	type hidden struct {
		n     int
		pos   diag.Pos
		shape string
	}
	seen := map[string]int{}
	var more []*hidden
	byKey := map[string]*hidden{}
	out := l[:0]
	for _, d := range l {
		if d.Severity != diag.Warning {
			out = append(out, d)
			continue
		}
		shape := kindOf(d.Message)
		key := d.Pos.File + "\x00" + shape
		if seen[key]++; seen[key] <= perKind {
			out = append(out, d)
			continue
		}
		h := byKey[key]
		if h == nil {
			h = &hidden{pos: d.Pos, shape: shape}
			byKey[key] = h
			more = append(more, h)
		}
		h.n++
	}
	for _, h := range more {
		out.Warn(h.pos, "… and "+diag.Plural(h.n, "more warning")+" like this in this file, not shown: "+h.shape,
			"fix the ones shown and check again")
	}
	if len(more) > 0 {
		out.Sort()
	}
	return out
}

// kindOf blanks out a message's quoted strings and numbers.
func kindOf(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); i++ {
		switch c := msg[i]; {
		case c == '"':
			// Messages quote with strconv.Quote: skip to the closing quote.
			j := i + 1
			for j < len(msg) && msg[j] != '"' {
				if msg[j] == '\\' {
					j++
				}
				j++
			}
			b.WriteString(`"…"`)
			i = j
		case c >= '0' && c <= '9':
			for i+1 < len(msg) && msg[i+1] >= '0' && msg[i+1] <= '9' {
				i++
			}
			b.WriteByte('#')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

package core

import (
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/model/civil"
	"github.com/agendaconf/agenda/widget/text/richtext"
)

// page is an append-only HTML buffer. Text goes through esc; markup is
// written by this package's own code, or is a description or bio that
// passed rich.
type page []byte

// raw and int are called from hundreds of places: inlined, each call
// site carried its own copy (measured: 11 KiB of the wasm after brotli).
//
//go:noinline
func (p *page) raw(s string) *page { *p = append(*p, s...); return p }

//go:noinline
func (p *page) int(n int) *page { *p = strconv.AppendInt(*p, int64(n), 10); return p }

// esc appends s with &, <, >, " and ' escaped, so it is safe as text and in
// double- or single-quoted attribute values.
func (p *page) esc(s string) *page {
	b := *p
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case '&':
			r = "&amp;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		case '"':
			r = "&#34;"
		case '\'':
			r = "&#39;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, r...)
		last = i + 1
	}
	*p = append(b, s[last:]...)
	return p
}

// rich appends a description or bio. The compiler sanitised it, but a page
// may point the widget at a bundle anyone wrote: richtext lets through only
// the markup the sanitiser writes, and repairs anything else.
// keep writes s escaped, its spaces made no-break: "11:15 AM" never
// wraps inside.
func (p *page) keep(s string) *page {
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			return p.esc(s)
		}
		p.esc(s[:i]).raw("\u00a0")
		s = s[i+1:]
	}
}

func (p *page) rich(s string) *page { return p.raw(richtext.HTML(s)) }

// String returns the markup; the buffer may be reused after.
func (p page) String() string { return string(p) }

// utc appends a unix time as RFC 3339 UTC ("2025-10-09T11:45:00Z") for
// <time datetime>.
func (p *page) utc(unix int64) *page { *p = civil.AppendRFC3339UTC(*p, unix); return p }

// ErrorHTML is the markup a widget shows instead of a schedule.
func ErrorHTML(msg string) string {
	var p page
	p.raw(`<div class="root" data-theme="auto"><p class="error" role="alert" part="error">`).esc(msg).raw(`</p></div>`)
	return p.String()
}

// Package frontmatter splits a page into its front matter and body, keeping
// positions so that later errors can name the line in the file. The front
// matter is TOML between +++ lines (Zola, Hugo) or YAML between --- lines
// (Hugo, Jekyll, Astro, Eleventy).
//
// Detecting the front matter is kept apart from decoding it (as Hugo does):
// Split knows where the block starts and ends and which format it is in;
// CheckTOML whether its TOML is small and flat enough to hand to a decoder;
// Decode turns either format into a Value tree that keeps the line and column
// of every key and value, bounded in size, depth and (for YAML) alias
// expansion; what the keys mean is the readers' business.
//
// YAML is read with go.yaml.in/yaml/v3, the YAML organisation's maintained
// continuation of gopkg.in/yaml.v3, rather than github.com/goccy/go-yaml: its
// yaml.Node gives every key and value a line and column, which is all a
// reader needs; it is small, has one job, and has years of fuzzing behind
// its parser; its parser refuses nesting beyond 10,000 levels, and decoding
// to a Node never expands aliases, so Decode can count what they would
// expand to and stop a billion-laughs document before building anything.
// goccy/go-yaml has a richer AST and better error text but a larger surface,
// a history of parser panics found by fuzzing, and nothing we would use.
//
// Runs in: the compiler.
package frontmatter

import (
	"bytes"
	"errors"
	"strconv"
	"unicode/utf8"
)

// Format is the language of a page's front matter.
type Format uint8

const (
	TOML Format = iota // between +++ lines
	YAML               // between --- lines
)

func (f Format) String() string {
	if f == YAML {
		return "YAML"
	}
	return "TOML"
}

// Fence is the line that opens and closes front matter in f.
func (f Format) Fence() string {
	if f == YAML {
		return "---"
	}
	return "+++"
}

// Page is a split page. Front and Body are sub-slices of the input.
type Page struct {
	Format    Format
	Front     []byte // the front matter between the fences, without them
	FrontLine int    // the line of the file on which Front begins (1-based)
	Body      []byte
	BodyLine  int
}

// Error is a problem with the fences or (from CheckTOML) the TOML between
// them, with the line it was found on.
type Error struct {
	Line int
	Col  int // 0 when unknown
	Msg  string
	Hint string
}

func (e *Error) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

var bom = []byte("\xef\xbb\xbf")

// Split finds the `+++` (TOML) or `---` (YAML) front matter at the top of
// data; the closing fence is the opening one. A UTF-8 byte order mark
// and CRLF line endings are accepted. Data that is not UTF-8, has no front
// matter, or never closes it is an *Error.
func Split(data []byte) (Page, error) {
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		return Page{}, &Error{Line: 1, Msg: "the file is empty", Hint: "start it with a +++ line, the TOML front matter, and a closing +++ line"}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return Page{}, &Error{Line: line, Msg: "the file is not valid UTF-8 text", Hint: "save it as UTF-8"}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		line := 1 + bytes.Count(data[:bytes.IndexByte(data, 0)], []byte("\n"))
		return Page{}, &Error{Line: line, Msg: "the file contains a NUL byte; is it a binary file?", Hint: "only Markdown files belong in a content folder"}
	}
	// Skip blank lines before the opening fence, as Zola does.
	line := 1
	rest := data
	for {
		l, next := cutLine(rest)
		if len(bytes.TrimSpace(l)) != 0 || next == nil {
			break
		}
		rest = next
		line++
	}
	first, rest := cutLine(rest)
	p := Page{}
	switch string(bytes.TrimSpace(first)) {
	case "+++":
	case "---":
		p.Format = YAML
	default:
		return Page{}, &Error{Line: line, Msg: "no front matter: the file must start with a +++ line (TOML) or a --- line (YAML)", Hint: "add +++, the TOML front matter, and a closing +++"}
	}
	fence := p.Format.Fence()
	open := line
	line++
	p.FrontLine = line
	start := len(data) - len(rest)
	for rest != nil {
		l, next := cutLine(rest)
		if string(bytes.TrimSpace(l)) == fence {
			p.Front = data[start : len(data)-len(rest)]
			p.Body = next
			p.BodyLine = line + 1
			return p, nil
		}
		rest = next
		line++
	}
	return Page{}, &Error{Line: open, Msg: "the front matter opened here is never closed", Hint: "add a line with " + fence + " after the last " + p.Format.String() + " key"}
}

// cutLine returns the first line of b without its line ending, and the rest
// (nil when there is no more input).
func cutLine(b []byte) (line, rest []byte) {
	if len(b) == 0 {
		return b, nil
	}
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// IsError reports whether err is a fence *Error and returns it.
func IsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

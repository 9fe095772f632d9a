// Package frontmatter splits a Zola page into its TOML front matter and body,
// keeping positions so that later errors can name the line in the file.
//
// Detecting the front matter is kept apart from decoding it (as Hugo does): this
// package knows where the block starts and ends and, with CheckTOML, whether
// its TOML is small and flat enough to hand to a decoder; not what it means.
//
// Runs in: the compiler.
package frontmatter

import (
	"bytes"
	"errors"
	"strconv"
	"unicode/utf8"
)

// Page is a split page. Front and Body are sub-slices of the input.
type Page struct {
	Front     []byte // the TOML between the fences, without them
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

// Split finds the `+++` front matter at the top of data. A UTF-8 byte order mark
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
	switch string(bytes.TrimSpace(first)) {
	case "+++":
	case "---":
		return Page{}, &Error{Line: line, Msg: "YAML front matter (---) is not supported", Hint: "use TOML between +++ lines"}
	default:
		return Page{}, &Error{Line: line, Msg: "no front matter: the file must start with a +++ line", Hint: "add +++, the TOML front matter, and a closing +++"}
	}
	open := line
	line++
	p := Page{FrontLine: line}
	start := len(data) - len(rest)
	for rest != nil {
		l, next := cutLine(rest)
		if string(bytes.TrimSpace(l)) == "+++" {
			p.Front = data[start : len(data)-len(rest)]
			p.Body = next
			p.BodyLine = line + 1
			return p, nil
		}
		rest = next
		line++
	}
	return Page{}, &Error{Line: open, Msg: "the front matter opened here is never closed", Hint: "add a line with +++ after the last TOML key"}
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

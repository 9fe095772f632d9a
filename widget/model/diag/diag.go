// Package diag holds the diagnostics that every reader and check returns:
// compiler-style messages with a position, collected, sorted and printed once.
//
// Runs in: the compiler.
package diag

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic fails a build. Warnings fail only with --strict.
type Severity uint8

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Pos is a place in a source file. Line and Col count from 1; 0 means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// Diagnostic is one message about the input. Hint says what to do about it.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
	Hint     string
}

// String renders the diagnostic as "path:line:col: severity: message (hint)",
// on one line that is safe to print (see Escape): messages quote content.
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": " + d.Severity.String() + ": " + d.Message
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return Escape(s)
}

// Escape returns s fit to print as (part of) one line on a terminal: what
// could move the cursor, recolour, retitle or clear the terminal, break the
// line, or reorder what the reader sees (see Control) is written as an
// escape: \x1b, \n, \u202e; invalid UTF-8 as \xff. Backslashes stay as they
// are (Windows paths), so the escapes are for a person, not for a parser.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if Control(r) || r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	b := []byte(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < utf8.RuneSelf && Control(r):
			switch r = rune(s[i]); r {
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'x', hex[r>>4], hex[r&15])
			}
		case Control(r):
			b = append(b, '\\', 'u', hex[r>>12], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

const hex = "0123456789abcdef"

// Control reports whether a terminal or a reader could be fooled by r
// printed as is: C0 controls (escape sequences, carriage return, backspace,
// line breaks), DEL, C1 controls (CSI and OSC on their own), the bidi
// controls (Trojan Source: text shown in another order than it runs) and
// the line and paragraph separators.
func Control(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, 0x2028 <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, sev Severity, msg, hint string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Message: msg, Hint: hint})
}

// Warn appends a warning.
func (l *List) Warn(pos Pos, msg, hint string) { l.Add(pos, Warning, msg, hint) }

// Error appends an error.
func (l *List) Error(pos Pos, msg, hint string) { l.Add(pos, Error, msg, hint) }

// Sort orders diagnostics by file, line, column, then message, so output is stable
// whatever order the readers found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Message < b.Message
	})
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// Package input takes in a programme file the same way for every file reader
// (frab, pretalx): its bytes from disk, with the same error when it cannot be
// read, without a UTF-8 byte order mark, a JSON id or code in it as text, the
// same words for a JSON value of the wrong type and for a UTC offset, and the
// same check of agenda's --year, which such files do not need.
// What each format makes of the bytes is the reader's own.
//
// Runs in: the compiler.
package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

// ReadFile reads the file at path and hands its bytes to read, with path as
// the name for diagnostics. A file that cannot be read is an error at the
// file, and read is not called.
func ReadFile(path string, read func(name string, data []byte) (*model.Schedule, diag.List)) (*model.Schedule, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		var l diag.List
		l.Error(diag.Pos{File: path}, "cannot read the schedule: "+err.Error(), "check the path and the file's permissions")
		return nil, l
	}
	return read(path, data)
}

// TrimBOM drops a UTF-8 byte order mark from the start of data.
func TrimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

// RawText reads a JSON value as text, as ids and codes come either way: a
// string's value, trimmed; a number (anything starting with '-' or a digit)
// as written; "" for anything else.
func RawText(r json.RawMessage) string {
	r = bytes.TrimSpace(r)
	if len(r) == 0 {
		return ""
	}
	switch c := r[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(r, &s) == nil {
			return strings.TrimSpace(s)
		}
	case c == '-' || '0' <= c && c <= '9':
		return string(r)
	}
	return ""
}

// TypeError words a json.UnmarshalTypeError for people; top names the value
// when the error has no field ("the top level", "the entry").
func TypeError(e *json.UnmarshalTypeError, top string) string {
	want := "value"
	if e.Type != nil {
		switch e.Type.Kind() {
		case reflect.String:
			want = "string"
		case reflect.Slice:
			want = "list"
			if e.Type.Elem().Kind() == reflect.Uint8 {
				want = "value" // json.RawMessage
			}
		case reflect.Struct, reflect.Map, reflect.Pointer:
			want = "object"
		case reflect.Int, reflect.Int64, reflect.Float64:
			want = "number"
		case reflect.Bool:
			want = "boolean"
		}
	}
	field := e.Field
	if field == "" {
		field = top
	}
	article := "a "
	if want == "object" {
		article = "an "
	}
	return "wrong type at " + field + ": found " + e.Value + " where " + article + want + " belongs"
}

// Offset writes seconds east of UTC as "+01:00".
func Offset(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60)
}

// CheckYear warns when year (agenda's --year, 0 when not given) names a year
// in which no scheduled session of s falls in loc: these files carry their
// own years, so the flag changes nothing. dates says whose, for the message
// ("pretalx's times").
func CheckYear(d *diag.List, s *model.Schedule, loc *time.Location, year int, dates string) {
	if year == 0 {
		return
	}
	years := map[int]bool{}
	var list []string
	for i := range s.Sessions {
		if ss := &s.Sessions[i]; ss.Scheduled() {
			if y := ss.Start.In(loc).Year(); !years[y] {
				years[y] = true
				list = append(list, strconv.Itoa(y))
			}
		}
	}
	if len(years) == 0 || years[year] {
		return
	}
	sort.Strings(list)
	d.Warn(diag.Pos{File: "--year"}, "--year "+strconv.Itoa(year)+" is not used: "+dates+" carry their own year, and the sessions are in "+strings.Join(list, ", "),
		"leave --year out; it fills in years for Zola content folders")
}

// Package input takes in a programme file the same way for every file reader
// (frab, pretalx): its bytes from disk, with the same error when it cannot be
// read, without a UTF-8 byte order mark, and a JSON id or code in it as text.
// What each format makes of the bytes is the reader's own.
//
// Runs in: the compiler.
package input

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"

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

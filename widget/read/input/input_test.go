package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

func TestRawText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`"ABC"`, "ABC"},
		{` "  a b  " `, "a b"},
		{`"\u00e9t\u00e9"`, "été"},
		{`""`, ""},
		{`"unterminated`, ""},
		{`7`, "7"},
		{" 42\n", "42"},
		{`-3`, "-3"},
		{`1.5e3`, "1.5e3"},
		{`0`, "0"},
		{`null`, ""},
		{`true`, ""},
		{`{"id": 1}`, ""},
		{`[1]`, ""},
		{``, ""},
		{"  \t", ""},
	} {
		if got := RawText(json.RawMessage(tt.in)); got != tt.want {
			t.Errorf("RawText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRawText(f *testing.F) {
	for _, s := range []string{`"ABC"`, ` " a " `, `7`, `-1.5e3`, `null`, `{}`, `"\ud800"`, "\"\xff\"", `"a\"b"`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, r []byte) {
		got := RawText(r)
		var s string
		if json.Unmarshal(r, &s) == nil {
			if want := strings.TrimSpace(s); got != want {
				t.Fatalf("RawText(%q) = %q; encoding/json reads the string %q", r, got, want)
			}
			return
		}
		var n json.Number
		if json.Unmarshal(r, &n) == nil {
			if want := string(bytes.TrimSpace(r)); got != want {
				t.Fatalf("RawText(%q) = %q, want the number as written, %q", r, got, want)
			}
			return
		}
		var v any
		if json.Unmarshal(r, &v) == nil && got != "" { // null, true, false, lists, objects
			t.Fatalf("RawText(%q) = %q, want \"\" for a %T", r, got, v)
		}
	})
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	var called []string
	read := func(name string, data []byte) (*model.Schedule, diag.List) {
		called = append(called, name+"="+string(data))
		return &model.Schedule{}, nil
	}
	missing := filepath.Join(dir, "nope.json")
	s, l := ReadFile(missing, read)
	if s != nil || len(called) != 0 {
		t.Errorf("ReadFile of a missing file: schedule %v, read called %q", s, called)
	}
	if len(l) != 1 || l[0].Severity != diag.Error || !strings.HasPrefix(l[0].String(), missing+": error: cannot read the schedule: ") ||
		!strings.Contains(l[0].String(), "(check the path and the file's permissions)") {
		t.Errorf("ReadFile of a missing file: %s", l)
	}

	if _, l := ReadFile(dir, read); len(l) != 1 || len(called) != 0 { // a folder
		t.Errorf("ReadFile of a folder: %s, read called %q", l, called)
	}
}

func TestTrimBOM(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\xef\xbb\xbf<x/>", "<x/>"},
		{"\xef\xbb\xbf\xef\xbb\xbf{}", "\xef\xbb\xbf{}"}, // only one
		{"{}", "{}"},
		{"\xef\xbb", "\xef\xbb"},
		{"", ""},
	} {
		if got := string(TrimBOM([]byte(tt.in))); got != tt.want {
			t.Errorf("TrimBOM(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTypeError(t *testing.T) {
	type obj struct {
		S string
		L []string
		N int
		B bool
		O struct{ X int }
		R json.RawMessage
	}
	tests := []struct{ json, want string }{
		{`{"S": 1}`, "wrong type at S: found number where a string belongs"},
		{`{"L": "x"}`, "wrong type at L: found string where a list belongs"},
		{`{"N": "x"}`, "wrong type at N: found string where a number belongs"},
		{`{"B": 1}`, "wrong type at B: found number where a boolean belongs"},
		{`{"O": []}`, "wrong type at O: found array where an object belongs"},
		{`{"O": {"X": true}}`, "wrong type at O.X: found bool where a number belongs"},
		{`5`, "wrong type at the entry: found number where an object belongs"},
	}
	for _, tt := range tests {
		var v obj
		err := json.Unmarshal([]byte(tt.json), &v)
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Fatalf("%s: %v is not a type error", tt.json, err)
		}
		if got := TypeError(te, "the entry"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.json, got, tt.want)
		}
	}
}

func TestOffset(t *testing.T) {
	for off, want := range map[int]string{0: "+00:00", 3600: "+01:00", -18000: "-05:00", 20700: "+05:45", -34200: "-09:30"} {
		if got := Offset(off); got != want {
			t.Errorf("Offset(%d) = %q, want %q", off, got, want)
		}
	}
}

func TestCheckYear(t *testing.T) {
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	s := &model.Schedule{Sessions: []model.Session{
		{Start: at("2026-01-01T00:30:00+01:00")}, // 2025 in UTC, 2026 at the venue
		{Start: at("2025-06-01T10:00:00Z")},
		{}, // unscheduled: no year
	}}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		year int
		want string
	}{
		{0, ""},
		{2025, ""},
		{2026, ""},
		{2024, "--year: warning: --year 2024 is not used: these dates carry their own year, and the sessions are in 2025, 2026 (leave --year out; it fills in years for Zola content folders)"},
	}
	for _, tt := range tests {
		var d diag.List
		CheckYear(&d, s, paris, tt.year, "these dates")
		var got []string
		for _, x := range d {
			got = append(got, x.String())
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("year %d: %q, want %q", tt.year, got, tt.want)
		}
	}
}

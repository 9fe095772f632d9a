package frontmatter

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func decodePage(t *testing.T, in string) *Value {
	t.Helper()
	p, err := Split([]byte(in))
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	v, err := Decode(p, PageLimits)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return v
}

func TestDecodeYAMLPositionsAndTypes(t *testing.T) {
	v := decodePage(t, `---
title: "Async, at last"
starts_at: 2023-10-16 09:00:00-04:00
ends: '2024-07-12T11:20:00+02:00'
date: 2024-07-12
local: 2024-07-12 11:20
length: 45
ratio: 1.5
draft: false
nothing:
event:
  room: Main Stage
speakers:
  - ann
  - bob
base: &b {a: 1}
copy: *b
---
body
`)
	tests := []struct {
		path      string
		kind      Kind
		line, col int
		text      string
	}{
		{"title", String, 2, 8, "Async, at last"},
		{"starts_at", Time, 3, 12, "2023-10-16 09:00:00-04:00"},
		{"ends", String, 4, 7, "2024-07-12T11:20:00+02:00"},
		{"date", Time, 5, 7, "2024-07-12"},
		{"local", Time, 6, 8, "2024-07-12 11:20"},
		{"length", Int, 7, 9, "45"},
		{"ratio", Float, 8, 8, "1.5"},
		{"draft", Bool, 9, 8, "false"},
		{"nothing", Null, 10, 9, ""},
		{"event.room", String, 12, 9, "Main Stage"},
		{"speakers", List, 14, 3, ""},
		{"copy.a", Int, 16, 14, "1"},
	}
	for _, tt := range tests {
		f, ok := v.Lookup(tt.path)
		if !ok {
			t.Errorf("Lookup(%q): not found", tt.path)
			continue
		}
		x := f.Value
		if x.Kind != tt.kind || x.Text() != tt.text || x.Line != tt.line || x.Col != tt.col {
			t.Errorf("%s = kind %d %q at %d:%d, want kind %d %q at %d:%d", tt.path, x.Kind, x.Text(), x.Line, x.Col, tt.kind, tt.text, tt.line, tt.col)
		}
	}
	if f, _ := v.Lookup("starts_at"); !f.Value.Time.Equal(time.Date(2023, 10, 16, 13, 0, 0, 0, time.UTC)) || f.Value.TimeKind != Zoned {
		t.Errorf("starts_at = %v (%d)", f.Value.Time, f.Value.TimeKind)
	}
	if f, _ := v.Lookup("local"); f.Value.TimeKind != LocalDateTime || f.Value.Time != time.Date(2024, 7, 12, 11, 20, 0, 0, time.UTC) {
		t.Errorf("local = %v (%d)", f.Value.Time, f.Value.TimeKind)
	}
	if f, _ := v.Lookup("event"); f.Line != 11 || f.Col != 1 {
		t.Errorf("event key at %d:%d", f.Line, f.Col)
	}
	if _, ok := v.Lookup("event.nope"); ok {
		t.Error("Lookup(event.nope) found something")
	}
}

func TestDecodeTOMLPositions(t *testing.T) {
	v := decodePage(t, `+++
title = "x"
description = """
not = "a key"
"""
[extra]
  starts_at = 2024-07-12T11:20:00+02:00
  date = 2024-07-12
  "quoted key" = 1
  speakers = [
    "ann",
  ]
  after = true
[[extra.mentors]]
  name = "A"
[[extra.mentors]]
  name = "B"
+++
`)
	tests := []struct {
		path      string
		kind      Kind
		line, col int
	}{
		{"title", String, 2, 1},
		{"description", String, 3, 1},
		{"extra.starts_at", Time, 7, 3},
		{"extra.date", Time, 8, 3},
		{"extra.quoted key", Int, 9, 3},
		{"extra.speakers", List, 10, 3},
		{"extra.after", Bool, 13, 3},
		{"extra", Table, 6, 1},
	}
	for _, tt := range tests {
		f, ok := v.Lookup(tt.path)
		if !ok {
			t.Errorf("Lookup(%q): not found", tt.path)
			continue
		}
		if f.Value.Kind != tt.kind || f.Line != tt.line || f.Col != tt.col {
			t.Errorf("%s = kind %d at %d:%d, want kind %d at %d:%d", tt.path, f.Value.Kind, f.Line, f.Col, tt.kind, tt.line, tt.col)
		}
	}
	if _, ok := v.Lookup("not"); ok {
		t.Error("a line inside a multi-line string was read as a key")
	}
	f, _ := v.Lookup("extra.mentors")
	if len(f.Value.List) != 2 || f.Value.List[1].Line != 16 {
		t.Fatalf("mentors = %+v", f.Value)
	}
	if g, _ := f.Value.List[1].Get("name"); g.Line != 17 || g.Value.Str != "B" {
		t.Errorf("second mentor's name at %d: %q", g.Line, g.Value.Str)
	}
	if f, _ := v.Lookup("extra.date"); f.Value.TimeKind != LocalDate {
		t.Errorf("date kind %d", f.Value.TimeKind)
	}
}

func TestKeyPositionsArraysOfTables(t *testing.T) {
	src := "name = \"x\"\n[[sessions]]\nfolder = \"a\"\n[sessions.fields]\nstart = \"s\"\n[[sessions]]\nfolder = \"b\"\n[sessions.kinds]\nlunch = \"break\"\n[speakers]\nfolder = \"p\"\n"
	pos := KeyPositions([]byte(src), 1)
	want := map[string]int{"name": 1, "sessions": 2, "sessions.0": 2, "sessions.0.folder": 3, "sessions.0.fields": 4, "sessions.0.fields.start": 5,
		"sessions.1": 6, "sessions.1.folder": 7, "sessions.1.kinds.lunch": 9, "speakers.folder": 11}
	for k, line := range want {
		if pos[k][0] != line {
			t.Errorf("%s at line %d, want %d", k, pos[k][0], line)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		has      string
	}{
		{"yaml syntax", "---\ntitle: x\n  bad: [\n---\n", 3, "invalid YAML"},
		{"yaml list", "---\n- a\n- b\n---\n", 2, "must be keys and values"},
		{"yaml duplicate", "---\na: 1\na: 2\n---\n", 3, "given twice"},
		{"yaml deep", "---\na: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n---\n", 2, "nested"},
		{"yaml recursive alias", "---\na: &x [*x]\n---\n", 2, "contains it"},
		{"toml", "+++\na = \n+++\n", 2, "invalid TOML"},
		{"toml deep", "+++\na = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n+++\n", 2, "nested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Split([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Decode(p, PageLimits)
			e, ok := IsError(err)
			if !ok || e.Line != tt.line || !strings.Contains(e.Msg, tt.has) {
				t.Fatalf("Decode() = %v, want line %d with %q", err, tt.line, tt.has)
			}
		})
	}
}

// billionLaughs is the classic: ten levels of ten aliases each, 10^9 strings.
func billionLaughs() []byte {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for i := 0; i < 9; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	return []byte(b.String())
}

func TestYAMLBillionLaughsFailsFast(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := DecodeYAML(billionLaughs(), 2, PageLimits)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	e, ok := IsError(err)
	if !ok || !strings.Contains(e.Msg, "aliases counted") {
		t.Fatalf("DecodeYAML(billion laughs) = %v, want the alias bound", err)
	}
	if e.Line < 2 || e.Line > 12 {
		t.Errorf("error on line %d", e.Line)
	}
	if took > 100*time.Millisecond {
		t.Errorf("took %v", took)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("allocated %d bytes", alloc)
	}
}

func TestYAMLBounds(t *testing.T) {
	flow := "a: [" + strings.Repeat("x,", 1_500_000) + "x]\n"
	start := time.Now()
	_, err := DecodeYAML([]byte(flow), 2, PageLimits)
	if e, ok := IsError(err); !ok || !strings.Contains(e.Msg, "too many") {
		t.Fatalf("a 3 MB list = %v", err)
	}
	small := Limits{What: "the front matter", Size: 1 << 20, Depth: 32, KeyParts: 32, Cost: 50_000}
	_, err = DecodeYAML([]byte("a: ["+strings.Repeat("x,", 300_000)+"x]\n"), 2, small)
	if e, ok := IsError(err); !ok || !strings.Contains(e.Msg, "too many") {
		t.Fatalf("a 600 KB list = %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v", took)
	}
	// A real page's prose passes: colons and dashes inside words do not count.
	prose := "description: |\n" + strings.Repeat("  At 10:00 the well-known co-founder spoke, then left.\n", 2000)
	if _, err := DecodeYAML([]byte(prose), 2, PageLimits); err != nil {
		t.Fatalf("prose: %v", err)
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		kind TimeKind
	}{
		{"2024-07-12T11:20:00+02:00", time.Date(2024, 7, 12, 9, 20, 0, 0, time.UTC), Zoned},
		{"2023-10-16 09:00:00-04:00", time.Date(2023, 10, 16, 13, 0, 0, 0, time.UTC), Zoned},
		{"2001-12-14 21:59:43.10 -5", time.Date(2001, 12, 15, 2, 59, 43, 100_000_000, time.UTC), Zoned},
		{"2024-07-12T09:20:00Z", time.Date(2024, 7, 12, 9, 20, 0, 0, time.UTC), Zoned},
		{"2024-07-12 11:20", time.Date(2024, 7, 12, 11, 20, 0, 0, time.UTC), LocalDateTime},
		{"2024-7-2", time.Date(2024, 7, 2, 0, 0, 0, 0, time.UTC), LocalDate},
	}
	for _, tt := range tests {
		got, k, ok := ParseTime(tt.in)
		if !ok || !got.Equal(tt.want) || k != tt.kind {
			t.Errorf("ParseTime(%q) = %v %d %v, want %v %d", tt.in, got, k, ok, tt.want, tt.kind)
		}
	}
	for _, bad := range []string{"2024-02-30", "2024-07-12T25:00", "July 12", "2024-07-12T11:20+25:00", ""} {
		if _, _, ok := ParseTime(bad); ok {
			t.Errorf("ParseTime(%q) ok", bad)
		}
	}
}

// FuzzDecodeYAML: no panic, every error an *Error on a line of the input,
// every position inside it, and the work bounded.
func FuzzDecodeYAML(f *testing.F) {
	for _, s := range []string{"title: x\n", "a: &a [1,2]\nb: [*a,*a]\n", "a: {b: [c, {d: e}]}\n", "- a\n", "a: 2024-07-12 11:20:00+02:00\n",
		"<<: {a: 1}\nb: 2\n", "a: &x [*x]\n", "? [a]\n: b\n", string(billionLaughs()), "a: !!str 2024-01-01\nb: !!int x\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// YAML breaks lines at a lone \r too (a file's lines do not, which only
		// a classic Mac file would notice).
		lines := 1 + strings.Count(string(src), "\n") + strings.Count(string(src), "\r")
		v, err := DecodeYAML(src, 2, Limits{What: "the front matter", Size: 64 << 10, Depth: 16, KeyParts: 32, Cost: 2000})
		if err != nil {
			e, ok := IsError(err)
			if !ok {
				t.Fatalf("error %v is not an *Error", err)
			}
			if e.Line < 1 || e.Line > lines+2 {
				t.Fatalf("error on line %d of %d", e.Line, lines)
			}
			return
		}
		n := 0
		var walk func(*Value, int)
		walk = func(x *Value, depth int) {
			if n++; n > 2000 || depth > 17 {
				t.Fatalf("tree beyond bounds: %d values, depth %d", n, depth)
			}
			if x.Line < 1 || x.Line > lines+2 {
				t.Fatalf("value on line %d of %d", x.Line, lines)
			}
			for _, e := range x.List {
				walk(e, depth+1)
			}
			for _, fl := range x.Table {
				walk(fl.Value, depth+1)
			}
		}
		walk(v, 1)
		_ = v.Plain()
	})
}

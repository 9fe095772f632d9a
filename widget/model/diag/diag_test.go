package diag

import (
	"testing"
	"unicode/utf8"
)

func TestListSortAndPrint(t *testing.T) {
	var l List
	l.Warn(Pos{File: "talks/b.md", Line: 3, Col: 1}, `unknown key "stgae"`, "did you mean stage?")
	l.Error(Pos{File: "talks/a.md", Line: 10}, "the session ends before it starts", "")
	l.Warn(Pos{File: "talks/a.md", Line: 2, Col: 5}, "placeholder", "")
	l.Warn(Pos{File: "agenda.toml"}, "no time zone", "")
	l.Sort()
	want := []string{
		"agenda.toml: warning: no time zone",
		"talks/a.md:2:5: warning: placeholder",
		"talks/a.md:10: error: the session ends before it starts",
		`talks/b.md:3:1: warning: unknown key "stgae" (did you mean stage?)`,
	}
	for i, w := range want {
		if got := l[i].String(); got != w {
			t.Errorf("line %d = %q, want %q", i, got, w)
		}
	}
	if e, w := l.Count(); e != 1 || w != 3 || !l.HasErrors() {
		t.Errorf("Count() = %d, %d", e, w)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"Zoé Martin — 👩‍💻 日本", "Zoé Martin — 👩‍💻 日本"}, // the joiner in the emoji is not a control
		{`C:\talks\a.md`, `C:\talks\a.md`},
		{"\x1b[2J\x1b]0;pwned\x07title", `\x1b[2J\x1b]0;pwned\x07title`},
		{"two\nlines\r\tand a tab", `two\nlines\r\tand a tab`},
		{"back\bspace\x7f", `back\x08space\x7f`},
		{"c1 \u009b31m csi", `c1 \u009b31m csi`},
		{"evil\u202ecod.exe", `evil\u202ecod.exe`},
		{"\u2066isolate\u2069 \u200emark\u200f \u061c", `\u2066isolate\u2069 \u200emark\u200f \u061c`},
		{"line\u2028sep\u2029", `line\u2028sep\u2029`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDiagnosticIsOneSafeLine(t *testing.T) {
	d := Diagnostic{Pos: Pos{File: "talks/\x1b[31mred.md", Line: 2}, Severity: Warning,
		Message: "unknown room \"Main\nStage\u202e\"", Hint: "did you mean \x1b]8;;https://evil/\x07Main\x1b]8;;\x07?"}
	want := `talks/\x1b[31mred.md:2: warning: unknown room "Main\nStage\u202e" (did you mean \x1b]8;;https://evil/\x07Main\x1b]8;;\x07?)`
	if got := d.String(); got != want {
		t.Errorf("String() = %q\nwant %q", got, want)
	}
}

// FuzzEscape: the output is valid UTF-8 with no control runes, the same as
// the input when it had none.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[2J", "a\nb", "\u202e", "\xff", "👩‍💻", `C:\x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Escape(%q) = %q is not valid UTF-8", s, out)
		}
		clean := utf8.ValidString(s)
		for _, r := range s {
			clean = clean && !Control(r)
		}
		for _, r := range out {
			if Control(r) {
				t.Fatalf("Escape(%q) = %q keeps %U", s, out, r)
			}
		}
		if clean != (out == s) {
			t.Fatalf("Escape(%q) = %q: changed a clean string, or kept a dirty one", s, out)
		}
	})
}

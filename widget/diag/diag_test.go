package diag

import "testing"

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

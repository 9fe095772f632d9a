package zola

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// TestLanguage reads testdata/language: [extra] language becomes
// Session.Language as written, trimmed, "" when absent or empty; a value
// that is not a string is an error naming the file and line, as for every
// typed key, and that page is left out.
func TestLanguage(t *testing.T) {
	dir := filepath.Join("testdata", "language")
	s, d := Read(dir, Options{})
	got := map[string]string{}
	for _, ss := range s.Sessions {
		got[ss.Slug] = ss.Language
	}
	for _, tc := range []struct{ slug, want string }{
		{"english", "en"},
		{"german", "Deutsch"},
		{"unknown", ""},
		{"empty", ""},
		{"bilingual", "English & français"},
	} {
		lang, ok := got[tc.slug]
		if !ok {
			t.Errorf("session %s not read", tc.slug)
			continue
		}
		if lang != tc.want {
			t.Errorf("session %s: Language = %q, want %q", tc.slug, lang, tc.want)
		}
	}
	if _, ok := got["wrong-type"]; ok || len(got) != 5 {
		t.Errorf("sessions read: %v", got)
	}
	var errs []diag.Diagnostic
	for _, x := range d {
		if x.Severity == diag.Error {
			errs = append(errs, x)
		} else {
			t.Errorf("unexpected %v", x)
		}
	}
	want := filepath.Join(dir, "talks", "wrong-type.md")
	if len(errs) != 1 || errs[0].Pos.File != want || errs[0].Pos.Line != 8 ||
		errs[0].Message != "extra.language is a list, but must be a string" || !strings.Contains(errs[0].Hint, `write language = "en, fr"`) {
		t.Errorf("want one error on %s:8 about extra.language; got:\n%v", want, d)
	}
}

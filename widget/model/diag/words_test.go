package diag

import (
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Plural(1, "page"), "1 page"},
		{Plural(0, "page"), "0 pages"},
		{Plural(3, "session"), "3 sessions"},
		{IsAre(1), "is"},
		{IsAre(2), "are"},
		{Excerpt([]byte("  <html>\n<body>")), "<html>"},
		{Excerpt([]byte("0123456789abcdefghijKLMN")), "0123456789abcdefghij…"},
		{Excerpt([]byte("0123456789abcdefghé and more")), "0123456789abcdefgh…"}, // é would be cut in half
		{Excerpt(nil), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func FuzzExcerpt(f *testing.F) {
	f.Add([]byte("schedule"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e := Excerpt(data)
		if utf8.Valid(data) && !utf8.ValidString(e) {
			t.Errorf("Excerpt(%q) = %q cuts a character", data, e)
		}
		if len(e) > 20+len("…") {
			t.Errorf("Excerpt(%q) = %q is too long", data, e)
		}
	})
}

package htmltext

import (
	"html"
	"testing"
)

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                      "plain",
		"a &amp; b &lt;c&gt;":        "a & b <c>",
		"&quot;q&quot; &#39;s&apos;": `"q" 's'`,
		"caf&#233; caf&#xE9;":        "café café",
		"non&nbsp;breaking":          "non\u00a0breaking",
		"&unknown; & &;":             "&unknown; & &;",
		"&#0; &#x110000;":            "&#0; &#x110000;",
		"trailing &":                 "trailing &",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzUnescape checks that what the sanitiser writes decodes as the standard library does.
func FuzzUnescape(f *testing.F) {
	f.Add("a &amp; b")
	f.Add("&#x1F600;&lt;")
	f.Fuzz(func(t *testing.T, s string) {
		escaped := html.EscapeString(s)
		if got := Unescape(escaped); got != s {
			t.Fatalf("Unescape(EscapeString(%q)) = %q", s, got)
		}
	})
}

func TestAppendUnescape(t *testing.T) {
	for _, in := range []string{"", "plain", "a &amp; b", "&#x1F600;&lt;&bogus;&", "&#233"} {
		if got, want := string(AppendUnescape([]byte("p:"), in)), "p:"+Unescape(in); got != want {
			t.Errorf("AppendUnescape(%q) = %q, want %q", in, got, want)
		}
	}
}

package sanitize

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in     string
		want, reject []string
	}{
		{"script", `<p>hi<script>alert(1)</script></p>`, []string{"<p>hi</p>"}, []string{"script", "alert"}},
		{"onerror", `<img src="https://x/y.png" onerror="alert(1)"><p>ok</p>`, []string{"<p>ok</p>"}, []string{"onerror", "alert", "<img"}},
		{"entities", `<p>a &amp; b &lt;tag&gt; “q” é</p>`, []string{"<p>a &amp; b &lt;tag&gt; “q” é</p>"}, nil},
		{"mangled end tag", `<p>a</p<p>b`, []string{"<p>ab</p>"}, nil},
		{"nested 10000", strings.Repeat("<b>", 10000) + "deep", []string{"deep"}, []string{"<div"}},
		{"javascript href", `<a href="javascript:alert(1)">x</a>`, []string{"x"}, []string{"javascript", "href"}},
		{"data href", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a><img src="data:image/png;base64,AAAA">`, nil, []string{"data:", "href", "src"}},
		{"link gets noopener", `<a href="https://example.org/">ex</a>`, []string{`<a href="https://example.org/" rel="noopener">ex</a>`}, []string{"nofollow", "_blank"}},
		{"relative link", `<a href="/talks/x" rel="author">x</a>`, []string{`rel="noopener"`}, nil},
		{"unclosed tags are closed", `<p>one<p>two <b>bold`, []string{"<p>one</p><p>two <b>bold</b></p>"}, nil},
		{"plain text", "a < b & c\n\nsecond\nline", []string{"<p>a &lt; b &amp; c</p><p>second<br>line</p>"}, nil},
		{"style attribute", `<p style="position:fixed">x</p>`, []string{"<p>x</p>"}, []string{"style"}},
		{"iframe", `<iframe src="https://evil"></iframe>ok`, []string{"ok"}, []string{"iframe"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := HTML(tc.in)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("HTML(%q) = %q, want it to contain %q", tc.in, got, w)
				}
			}
			for _, r := range tc.reject {
				if strings.Contains(got, r) {
					t.Errorf("HTML(%q) = %q, must not contain %q", tc.in, got, r)
				}
			}
		})
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"Plain":                   "Plain",
		"<b>Bold</b> &amp; more":  "Bold & more",
		"  spaced\n out ":         "spaced\n out",
		"<script>x</script>Title": "x Title",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{"<p>a</p<p>b", "<a href='javascript:x'>y</a>", "plain & text", "<b><i>x", "<!-- c -->"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := HTML(s)
		// Walk the output as a browser would tokenise it: only allowed elements,
		// no event handlers or styles, and links only to web addresses.
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "img", "object", "embed", "form", "input", "svg", "math":
				t.Fatalf("HTML(%q) = %q keeps <%s>", s, out, tok.Data)
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "src":
					t.Fatalf("HTML(%q) = %q keeps attribute %s", s, out, a.Key)
				case a.Key == "href" && strings.Contains(v, ":") &&
					!(strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "mailto:")) &&
					strings.Index(v, ":") < strings.IndexAny(v+"/", "/?#"):
					t.Fatalf("HTML(%q) = %q keeps link %q", s, out, a.Val)
				}
			}
		}
	})
}

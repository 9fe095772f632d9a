package htmltext

import (
	"strings"
	"testing"
)

var textCases = []struct{ in, want string }{
	{"", ""},
	{"just text", "just text"},
	{"  spaced \n  out  ", "spaced out"},
	{"<p>One</p><p>Two</p>", "One\n\nTwo"},
	{"<p>One<br>Two<br/>Three</p>", "One\nTwo\nThree"},
	{"<p>A<br><br>B</p>", "A\n\nB"},
	// The sanitiser writes only these references; other named ones stay as written.
	{"Fish &amp; chips &lt;3 &quot;x&quot; &#8217; &rsquo;", "Fish & chips <3 \"x\" \u2019 &rsquo;"},
	{"<p>Intro:</p><ul><li>one</li><li> two <em>bold</em></li></ul><p>End</p>", "Intro:\n\n- one\n- two bold\n\nEnd"},
	{`<p>See <a href="https://example.org/x" rel="nofollow">the docs</a>.</p>`, "See the docs (https://example.org/x)."},
	{`<a href="https://example.org">https://example.org</a>`, "https://example.org"},
	{`<a href="mailto:a@b.c">a@b.c</a>`, "a@b.c"},
	{`<a href="https://example.org/x"></a> after`, "https://example.org/x after"},
	{`<a href="#top">top</a>`, "top"},
	{`<a href='https://x.example/?a=1&amp;b=2'>x</a>`, "x (https://x.example/?a=1&b=2)"},
	{"<h2>Title</h2>Body", "Title\n\nBody"},
	{"<pre>code\n  indented</pre>after", "code\n  indented\n\nafter"},
	{"<pre>a &amp;&#32; b</pre>", "a &  b"},
	{"a <strong>b</strong> c", "a b c"},
	{"a<strong> b </strong>c", "a b c"},
	{"a<em>b</em>c", "abc"},
	{"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", "a b\nc"},
	{"x < y", "x < y"},
	{"<!-- hidden -->shown", "shown"},
	{"<script>alert(1)</script>ok", "ok"},
	{"<STYLE>p{}</STYLE><P>ok</P>", "ok"},
	{"a&#32;&#10;b", "a b"},
	{"a&nbsp;b", "a\u00a0b"},
	{"bad \xff utf8", "bad \uFFFD utf8"},
	{"emoji 🦀 and “curly”", "emoji 🦀 and “curly”"},
}

func TestText(t *testing.T) {
	for _, tc := range textCases {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(AppendText([]byte("prefix "), tc.in)); got != "prefix "+tc.want {
			t.Errorf("AppendText(\"prefix \", %q) = %q", tc.in, got)
		}
	}
}

func TestAppendTextAllocs(t *testing.T) {
	in := `<p>Intro &amp; more:</p><ul><li>one</li><li>two <em>bold</em></li></ul><pre>x</pre>`
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf = AppendText(buf[:0], in) }); n != 0 {
		t.Errorf("AppendText allocates %v times without links", n)
	}
}

// checkText holds Text to the old ics.PlainText and AppendText to Text.
func checkText(t *testing.T, s string) {
	t.Helper()
	want := refPlainText(s)
	if got := Text(s); got != want {
		t.Fatalf("Text(%q) = %q, the old PlainText says %q", s, got, want)
	}
	if got := string(AppendText([]byte("x\n "), s)); got != "x\n "+want {
		t.Fatalf("AppendText(%q) after a prefix = %q", s, got)
	}
}

func TestTextLikeBefore(t *testing.T) {
	for _, tc := range textCases {
		checkText(t, tc.in)
	}
	for _, s := range []string{" ", "\n", "a ", " a", "a  b", "a\tb", "\xff", "<a href=x>", "</a>", "<a>x</a>", "<li>", "</li>x", "<br><br><br>x", "<td>x", "&", "&;", "<", ">", "<a href=\"y\">x<a href=\"z\">w</a></a>"} {
		checkText(t, s)
	}
}

func FuzzText(f *testing.F) {
	for _, tc := range textCases {
		f.Add(tc.in)
	}
	f.Fuzz(checkText)
}

func checkHelpers(t *testing.T, s string) {
	t.Helper()
	if got, want := lower(s), strings.ToLower(s); got != want {
		t.Errorf("lower(%q) = %q, want %q", s, got, want)
	}
	if got, want := trimBlank(s), strings.TrimLeft(s, " \t\r\n"); got != want {
		t.Errorf("trimBlank(%q) = %q, want %q", s, got, want)
	}
	for _, set := range []string{" \t\r\n", " \t\r\n/"} {
		if got, want := indexByteIn(s, set), strings.IndexAny(s, set); got != want {
			t.Errorf("indexByteIn(%q, %q) = %d, want %d", s, set, got, want)
		}
	}
}

// The helpers stand in for strings functions that the wasm would link for
// this package alone; they must give the same results.
func TestHelpers(t *testing.T) {
	for _, s := range []string{"", "a", "ABC", "\xff", "\xff\xfe", "a\xffb\xfe\xfd", "\uFFFD\xff", "\xff\uFFFD\xff", "\xed\xa0\x80", "\xc3",
		"\r\xff\n", "x\r\n", "ÀÉ\u0130\u212A", "  \t\r\n x ", "\u00a0x\u0085", "a;b,c\\d", "\x00\x1f\x7f", "🦀\xf0\x9f"} {
		checkHelpers(t, s)
	}
}

func FuzzHelpers(f *testing.F) {
	f.Add("Aé\xff\xfe\r\n\u0130;")
	f.Fuzz(checkHelpers)
}

func TestTagKind(t *testing.T) {
	want := map[string]byte{"script": 's', "style": 's', "br": 'b', "pre": 'r', "li": 'l', "tr": 'L', "dt": 'L', "dd": 'L', "td": 'c', "th": 'c', "a": 'a'}
	for _, n := range strings.Fields("p div h1 h2 h3 h4 h5 h6 blockquote ul ol table hr section article figure dl") {
		want[n] = 'P'
	}
	names := []string{"", ":", "s", "b", "P", "p:P", "p:p", "script:s", "h7", "tbody", "span", "em", "scrip", "cript"}
	for n := range want {
		names = append(names, n, n+":", ":"+n, n+"x", "x"+n, n[:len(n)-1], n[1:])
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789:"
	for _, a := range alphabet {
		for _, b := range alphabet {
			names = append(names, string(a), string(a)+string(b))
		}
	}
	for _, n := range names {
		if got := tagKind(n); got != want[n] {
			t.Errorf("tagKind(%q) = %q, want %q", n, got, want[n])
		}
	}
}

package richtext

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/agendaconf/agenda/internal/corpus"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/frab"
	"github.com/agendaconf/agenda/widget/read/sanitize"
	"github.com/agendaconf/agenda/widget/read/zola"
)

const (
	euroRust = "../../../../shared/corpus/eurorust-2025/content"
	fosdem   = "../../../../shared/corpus/fosdem-2025/schedule.xml"
)

// TestPassesUnchanged: what the sanitiser writes is used as is.
func TestPassesUnchanged(t *testing.T) {
	for _, s := range []string{
		"",
		"<p>Bytes <strong>without</strong> copies.</p>",
		"<p>a &amp; b &lt;tag&gt; &#34;q&#34; &#39;x&#39; é \u00a0 © &gt;</p>",
		"<p>a &lt; b &amp; c</p><p>second<br>line</p>",
		"a<br/>b<hr/>c<hr>d",
		`<a href="https://x.org/?a=1&amp;b=2&#34;&#39;&lt;&gt;" rel="noopener">l</a>`,
		`<a href="https://X.org/" rel="noopener">l</a><a href="mailto:a@b" rel="noopener">m</a>`,
		`<a href="http://x.org/%3C" rel="noopener"><b>bold link</b></a>`,
		"<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol><pre>x\n  y</pre><blockquote>q</blockquote>",
		"<h3>h</h3><h4>h</h4><h5>h</h5><h6>h</h6><sub>1</sub><sup>2</sup><code>&lt;</code><em>e</em><i>i</i><u>u</u><s>s</s>",
		"<p>tab\there \x01 \u2028 \u202e line&#13;feed</p>",
		"plain text, no markup at all",
		"&lt;img src=x onerror=alert(1)&gt; is text",
	} {
		if got := HTML(s); got != s {
			t.Errorf("HTML(%q) = %q, want it unchanged", s, got)
		}
	}
}

// TestRepairs: markup the sanitiser never writes is repaired: hostile parts
// dropped, their text kept as text.
func TestRepairs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"img onerror", `<p>hi<img src=x onerror="alert(1)"></p>`, `<p>hi</p>`},
		{"script", `<script>window.pwned=1</script>ok`, `window.pwned=1ok`},
		{"fixed div", `<div style="position:fixed;inset:0">cover</div>`, `cover`},
		{"javascript link", `<a href="javascript:alert(1)" rel="noopener">x</a>`, `x`},
		{"javascript link, no rel", `<a href="https://x.org/">x</a>`, `x`},
		{"svg onload", `<svg onload=alert(1)>`, ``},
		{"iframe", `<iframe src="https://evil.example/"></iframe>`, ``},
		{"quoted > ends the drop early", `<img alt=">" src=x onerror=alert(1)>`, `&#34; src=x onerror=alert(1)&gt;`},
		{"unquoted attribute", `<p title=x>y</p>`, `y`},
		{"single quotes", `<a href='https://x.org/' rel='noopener'>x</a>`, `x`},
		{"uppercase", `<P>x</P>`, `x`},
		{"numeric entities for <", `&#60;script&#x3e;`, `&amp;#60;script&amp;#x3e;`},
		{"entity in scheme", `<a href="jav&#97;script:alert(1)" rel="noopener">x</a>`, `x`},
		{"entity-encoded colon", `<a href="javascript&colon;alert(1)" rel="noopener">x</a>`, `x`},
		{"leading space in href", `<a href=" javascript:alert(1)" rel="noopener">x</a>`, `x`},
		{"tab in scheme", "<a href=\"java\tscript:alert(1)\" rel=\"noopener\">x</a>", `x`},
		{"relative link", `<a href="/talks/x" rel="noopener">x</a>`, `x`},
		{"data link", `<a href="data:text/html,x" rel="noopener">x</a>`, `x`},
		{"nested links", `<a href="https://a/" rel="noopener">a<a href="https://b/" rel="noopener">b</a>c</a>`, `<a href="https://a/" rel="noopener">ab</a>c`},
		{"unclosed", `<b>x<i>y`, `<b>x<i>y</i></b>`},
		{"stray end tags", `</p></div>x</b>`, `x`},
		{"misnested", `<b><i>x</b></i>`, `<b><i>x</i></b>`},
		{"comment", `a<!-- <script>x</script> -->b`, `ax --&gt;b`},
		{"lone <", `a < b`, `a &lt; b`},
		{"raw quotes", `"x" 'y' z>`, `&#34;x&#34; &#39;y&#39; z&gt;`},
		{"bare &", `a & b &nbsp; &amp;`, `a &amp; b &amp;nbsp; &amp;`},
		{"attribute on allowed element", `<p onclick="x()">p</p>`, `p`},
		{"style element", `<style>*{display:none}</style>t`, `*{display:none}t`},
		{"unterminated tag", `x<a href="https://x.org/`, `x&lt;a href=&#34;https://x.org/`},
		{"end br", `a</br>b`, `ab`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := HTML(tc.in)
			if got != tc.want {
				t.Errorf("HTML(%q)\n = %q\nwant %q", tc.in, got, tc.want)
			}
			if again := HTML(got); again != got {
				t.Errorf("the repair %q does not pass the check: %q", got, again)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.org/", true},
		{"http://example.org/", true},
		{"HTTPS://example.org/", true},
		{"mailto:a@example.org", true},
		{"MailTo:a@example.org", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{" https://example.org/", false},
		{"\x01javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"data:text/html,<script>", false},
		{"vbscript:x", false},
		{"/relative", false},
		{"//example.org/", false},
		{"#fragment", false},
		{"", false},
		{"https", false},
		{"https//x", false},
		{"httpsx://x", false},
		{"ftp://x", false},
	}
	for _, tc := range tests {
		if got := SafeURL(tc.url); got != tc.want {
			t.Errorf("SafeURL(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

// TestRealProgrammes: every description and bio of the demo, EuroRust and
// FOSDEM 2025, as the readers sanitised them, passes unchanged, but for
// links without a scheme ("hedy.org", "/ggerganov/llama.cpp": the sanitiser
// keeps them, and in a widget on someone else's page they lead nowhere),
// which the repair unlinks and nothing else.
func TestRealProgrammes(t *testing.T) {
	for _, p := range []struct{ name, path string }{
		{"demo", "../../../content"},
		{"EuroRust", euroRust},
		{"FOSDEM", fosdem},
	} {
		t.Run(p.name, func(t *testing.T) {
			if p.name != "demo" {
				corpus.Need(t, p.path, "TestRealProgrammes/"+p.name)
			}
			s := read(t, p.path)
			all, unlinked := texts(s), 0
			for _, h := range all {
				if HTML(h) == h {
					continue
				}
				if !relativeLink(h) || HTML(h) != unlink(h) {
					t.Errorf("does not pass unchanged: %q\nrepaired: %q", h, HTML(h))
				}
				unlinked++
			}
			if len(all) == 0 {
				t.Error("no descriptions or bios read")
			}
			t.Logf("%d descriptions and bios, %d with links without a scheme", len(all), unlinked)
		})
	}
}

func read(tb testing.TB, path string) *model.Schedule {
	tb.Helper()
	var s *model.Schedule
	if strings.HasSuffix(path, ".xml") {
		s, _ = frab.ReadFile(path)
	} else {
		s, _ = zola.Read(path, zola.Options{TimeZone: "Europe/Paris", Year: 2025})
	}
	if s == nil {
		tb.Fatalf("could not read %s", path)
	}
	return s
}

// texts lists the non-empty descriptions and bios of s.
func texts(s *model.Schedule) []string {
	var out []string
	for _, ss := range s.Sessions {
		if ss.Description != "" {
			out = append(out, ss.Description)
		}
	}
	for _, sp := range s.Speakers {
		if sp.Bio != "" {
			out = append(out, sp.Bio)
		}
	}
	return out
}

// BenchmarkFOSDEM checks every FOSDEM 2025 description and bio; the widget
// checks one session's at a time, when its dialog opens.
func BenchmarkFOSDEM(b *testing.B) {
	corpus.Need(b, fosdem, "BenchmarkFOSDEM")
	all := texts(read(b, fosdem))
	size, longest := 0, ""
	for _, h := range all {
		size += len(h)
		if len(h) > len(longest) {
			longest = h
		}
	}
	b.Run("all", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, h := range all {
				HTML(h)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(all)), "ns/text")
	})
	b.Run("longest", func(b *testing.B) {
		b.SetBytes(int64(len(longest)))
		for b.Loop() {
			HTML(longest)
		}
	})
}

// allowed is the sanitiser's allowlist, written out again so that the fuzz
// targets do not trust the package's own table.
var allowed = map[string]bool{"p": true, "br": true, "strong": true, "b": true, "em": true, "i": true, "u": true,
	"s": true, "code": true, "pre": true, "blockquote": true, "ul": true, "ol": true, "li": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "sub": true, "sup": true, "hr": true, "a": true}

// browserSafe reports a problem with out, tokenised as a browser would: an
// element or attribute off the allowlist, or an href whose scheme, after
// the browser's own clean-up (leading and trailing C0 controls and spaces
// stripped, tabs and newlines removed), is not http, https or mailto.
func browserSafe(out string) string {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if !allowed[tok.Data] {
				return "element <" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				if tok.Data != "a" || a.Key != "href" && !(a.Key == "rel" && a.Val == "noopener") {
					return "attribute " + a.Key + " on <" + tok.Data + ">"
				}
				if a.Key != "href" {
					continue
				}
				v := strings.TrimFunc(a.Val, func(r rune) bool { return r <= ' ' })
				v = strings.Map(func(r rune) rune {
					if r == '\t' || r == '\n' || r == '\r' {
						return -1
					}
					return r
				}, v)
				scheme, _, found := strings.Cut(strings.ToLower(v), ":")
				if !found || scheme != "http" && scheme != "https" && scheme != "mailto" {
					return "href " + a.Val
				}
			}
		case html.CommentToken, html.DoctypeToken:
			return "comment or doctype"
		}
	}
}

// FuzzHTML: whatever the input, the output holds only allowlisted markup
// and safe links, and passes the check itself (comes out unchanged).
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"<p>ok</p>", `<img src=x onerror=alert(1)>`, `<a href="javascript:x" rel="noopener">y</a>`,
		`<a href="https://x.org/?a&amp;b" rel="noopener">y</a>`, "<b><i>x</b>", "<!-- c -->", "&#60;&lt;",
		`<svg onload=x>`, `<a href="https://x.org/" rel="noopener"><a href="https://y/" rel="noopener">`, "<br/><hr>",
		`<p title=">">x</p>`, "<scr<script>ipt>", "<!DOCTYPE html><?xml?>", `<a href="HTTPS://x&#13;" rel="noopener">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := HTML(s)
		if problem := browserSafe(out); problem != "" {
			t.Fatalf("HTML(%q) = %q keeps %s", s, out, problem)
		}
		if again := HTML(out); again != out {
			t.Fatalf("HTML(%q) = %q does not pass the check: %q", s, out, again)
		}
	})
}

// FuzzSanitized: what the compiler's sanitiser writes passes unchanged,
// except links that are not http, https or mailto (it allows relative
// ones; the widget does not), which are unlinked.
func FuzzSanitized(f *testing.F) {
	for _, s := range []string{
		"<p>a</p<p>b", "<a href='javascript:x'>y</a>", "plain & text\n\nmore\r\nlines", "<b><i>x", "<!-- c -->",
		`<a href="https://x.org/?a=1&b=2&quot;'<>">l</a>`, `<ul><li>a<li>b</ul><pre>x</pre>`, "a\rb",
		`<a href="/rel">r</a>`, `<p>"q" 'x' &nbsp; &eacute; &#0;</p>`, "<table><tr><td>c", `<a href="mailto:a@b">m</a>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := sanitize.HTML(s)
		if HTML(h) != h && !relativeLink(h) {
			t.Fatalf("sanitize.HTML(%q) = %q does not pass; repaired: %q", s, h, HTML(h))
		}
	})
}

// unlink removes the tags of links that are not http, https or mailto.
func unlink(h string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(h))
	drop := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			raw := string(z.Raw())
			if tok := z.Token(); tok.Data == "a" && !SafeURL(tok.Attr[0].Val) {
				drop = true
				continue
			}
			b.WriteString(raw)
			continue
		case html.EndTagToken:
			if drop && z.Token().Data == "a" {
				drop = false
				continue
			}
		}
		b.Write(z.Raw())
	}
}

// relativeLink reports whether h links to anything but http, https or mailto.
func relativeLink(h string) bool {
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken:
			for _, a := range z.Token().Attr {
				if a.Key == "href" && !SafeURL(a.Val) {
					return true
				}
			}
		}
	}
}

// TestLinearTime: a hostile bundle must not stall the page; each byte is
// read a bounded number of times, so a megabyte of the worst cases takes
// milliseconds (a quadratic scan, hours).
func TestLinearTime(t *testing.T) {
	const n = 1 << 20
	for _, s := range []string{
		strings.Repeat("<", n), strings.Repeat("<a", n/2), strings.Repeat("&", n), strings.Repeat("<b>", n/3),
		strings.Repeat(`<a href="https://x/`, n/20), strings.Repeat("</b>", n/4), strings.Repeat("<!--", n/4),
		strings.Repeat(`<a href="https://x/" rel="noopener">`, n/36),
		strings.Repeat("<b>", n/6) + strings.Repeat(`<a href="https://x/" rel="noopener">`, n/72),
	} {
		start := time.Now()
		HTML(s)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("HTML of %d bytes of %q... took %v", len(s), s[:8], d)
		}
	}
}

// Package sanitize turns HTML written by strangers (talk descriptions, speaker
// bios) into a small, safe, well-formed subset that the widget may insert as is.
//
// It runs at compile time, never in the browser: the bundle only ever holds
// sanitised HTML, so nothing else from content reaches a page as markup.
//
// Runs in: the compiler.
package sanitize

import (
	"bytes"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// policy allows text formatting, lists and http(s)/mailto links; no images
// (tracking pixels, mixed content and partners' img-src policies), no styles.
var policy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "strong", "b", "em", "i", "u", "s", "code", "pre",
		"blockquote", "ul", "ol", "li", "h3", "h4", "h5", "h6", "sub", "sup", "hr")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	return p
}()

// HTML returns a safe, balanced version of s. Broken markup is repaired first by
// parsing it the way a browser would, so unclosed or mangled tags cannot leak
// structure into the page around the description.
func HTML(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !hasTag(s) {
		return paragraphs(s)
	}
	out := policy.Sanitize(balance(s))
	if strings.Contains(out, "<a ") {
		out = noopener(out)
	}
	return strings.TrimSpace(out)
}

// hasTag reports whether s looks like HTML: a '<' followed by a letter, '/'
// or '!'. "a < b" is text.
func hasTag(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || c == '!' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// paragraphs escapes plain text and wraps each blank-line separated block in
// <p>, keeping single line breaks as <br>.
func paragraphs(s string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(strings.TrimSpace(line)))
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// balance parses s as the body of a document and renders it again, which
// closes what was left open and drops stray end tags.
func balance(s string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return html.EscapeString(s)
	}
	var buf bytes.Buffer
	for _, n := range nodes {
		if err := html.Render(&buf, n); err != nil {
			return html.EscapeString(s)
		}
	}
	return buf.String()
}

// Text returns s with all markup removed and entities decoded: for titles and
// names, which are shown as text and escaped by whoever displays them.
func Text(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// noopener adds rel="noopener" to every <a> in already sanitised HTML, so a
// linked page can never reach the widget's page through window.opener even
// if a browser or host adds target="_blank" later.
func noopener(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw()) // Token may overwrite Raw's bytes
		t := z.Token()
		if t.DataAtom != atom.A {
			b.WriteString(raw)
			continue
		}
		found := false
		for i := range t.Attr {
			if t.Attr[i].Key == "rel" {
				found = true
				if !strings.Contains(" "+t.Attr[i].Val+" ", " noopener ") {
					t.Attr[i].Val = strings.TrimSpace(t.Attr[i].Val + " noopener")
				}
			}
		}
		if !found {
			t.Attr = append(t.Attr, html.Attribute{Key: "rel", Val: "noopener"})
		}
		b.WriteString(t.String())
	}
}

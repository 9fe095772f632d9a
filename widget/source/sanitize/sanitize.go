// Package sanitize turns HTML written by strangers (talk descriptions, speaker
// bios) into a small, safe, well-formed subset that the widget may insert as is.
//
// It runs at compile time, never in the browser: the bundle only ever holds
// sanitised HTML, so nothing else from content reaches a page as markup.
package sanitize

import (
	"bytes"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// policy allows text formatting, lists and http(s)/mailto links. External links
// open in a new tab with rel="noopener", so a host page is never reachable
// through window.opener.
var policy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "strong", "b", "em", "i", "u", "s", "code", "pre",
		"blockquote", "ul", "ol", "li", "h3", "h4", "h5", "h6", "sub", "sup", "hr")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(false)
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
	if !strings.ContainsAny(s, "<&") {
		// Plain text: keep paragraphs the author wrote as blank-line separated blocks.
		var b strings.Builder
		for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				b.WriteString("<p>")
				b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>"))
				b.WriteString("</p>")
			}
		}
		return b.String()
	}
	return strings.TrimSpace(policy.Sanitize(balance(s)))
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

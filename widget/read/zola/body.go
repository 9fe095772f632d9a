package zola

import (
	"bytes"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/agendaconf/agenda/widget/read/sanitize"
)

// pageBody is the Markdown below a page's front matter, and the line of the
// file it starts on.
type pageBody struct {
	text []byte
	line int
	// liquid names the file that shows the site's generator runs Liquid
	// over the page (Jekyll's _config.yml, Eleventy's eleventy.config.js);
	// "" when it does not.
	liquid string
}

// markdown renders page bodies: CommonMark, GFM's autolinks and
// strikethrough. GFM tables are left out: the description policy has no
// table elements, so a table would reach attendees as its cells' text run
// together, where left alone it stays readable as pipes.
//
// Raw HTML is passed through (html.WithUnsafe) and sanitize.HTML, the one
// policy for every description, decides what stays. That is the least
// surprise for an organiser: Zola, Hugo's usual setting, Jekyll and Astro
// all show inline HTML in a page, and a description in front matter is HTML
// already; goldmark's safe mode would instead drop a harmless <br> or <em>
// and leave "<!-- raw HTML omitted -->" in its place. Nothing unsafe gets
// further either way: the sanitizer drops <script>, event handlers and
// javascript: links whatever wrote them.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Linkify),
	goldmark.WithParserOptions(
		parser.WithInlineParsers(util.Prioritized(extension.NewStrikethroughParser(), 500)),
		parser.WithASTTransformers(util.Prioritized(headingShift{}, 999)),
	),
	goldmark.WithRendererOptions(
		html.WithUnsafe(),
		renderer.WithNodeRenderers(util.Prioritized(strikeRenderer{}, 500)),
	),
)

// headingShift moves headings two levels down (# to h3, ## to h4): a
// description sits under the session's title, and the policy allows h3 to
// h6 only, so an h1 or h2 would lose its tag and run into the text after it.
type headingShift struct{}

func (headingShift) Transform(doc *gast.Document, _ gtext.Reader, _ parser.Context) {
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if h, ok := n.(*gast.Heading); ok && entering {
			h.Level = min(h.Level+2, 6)
		}
		return gast.WalkContinue, nil
	})
}

// strikeRenderer writes ~~text~~ as <s>, which the policy keeps, rather
// than goldmark's <del>, which it would strip.
type strikeRenderer struct{}

func (strikeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindStrikethrough, func(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<s>")
		} else {
			_, _ = w.WriteString("</s>")
		}
		return gast.WalkContinue, nil
	})
}

// maxBody is the longest body read as a description: twice the length
// that is already warned about. Beyond it no attendee is served well, and
// goldmark's time grows with the square of deep nesting (a 256 KiB page of
// "> > > …" takes seconds, a 32 MiB one hours).
const maxBody = 2 * longText

// bodyDescription turns the body of page file into sanitised HTML, what
// attendees read as what (a session's "description", a speaker's "bio"),
// warning once about the shortcodes it leaves out; hint says how to write it
// in front matter instead. An empty body gives "".
func (r *reader) bodyDescription(file string, b pageBody, what, hint string) string {
	if len(bytes.TrimSpace(b.text)) == 0 {
		return ""
	}
	if len(b.text) > maxBody {
		r.diags.Warn(r.pos(file, b.line, 1), "the page's text is "+strconv.Itoa(len(b.text)>>10)+" KiB long, too long for a "+what+" that every attendee downloads; left out",
			"keep it under "+strconv.Itoa(longText>>10)+" KiB; "+hint)
		return ""
	}
	r.checkLength(r.pos(file, b.line, 1), "the "+what, len(b.text))
	src := string(b.text)
	if strings.EqualFold(path.Ext(file), ".mdx") {
		src = stripMDX(src)
	}
	strip := stripShortcodes
	if b.liquid != "" {
		strip = stripLiquid
	}
	src, found := strip(src)
	if len(found) > 0 {
		first := found[0]
		msg := first.kind + " " + strconv.Quote(first.name) + " is site template syntax, not Markdown: left out of the " + what
		if n := len(found) - 1; n > 0 {
			var lines []string
			for _, s := range found[1:] {
				if l := strconv.Itoa(b.line + s.line - 1); len(lines) == 0 || lines[len(lines)-1] != l {
					if len(lines) == 5 {
						lines = append(lines, "…")
						break
					}
					lines = append(lines, l)
				}
			}
			on := " on line "
			if len(lines) > 1 {
				on = " on lines "
			}
			msg += " (and " + strconv.Itoa(n) + " more," + on + strings.Join(lines, ", ") + ")"
		}
		if b.liquid != "" {
			msg += "; " + b.liquid + " says the site runs Liquid over its pages"
		}
		r.diags.Warn(r.pos(file, b.line+first.line-1, first.col), msg, hint)
	}
	var out bytes.Buffer
	if err := markdown.Convert([]byte(src), &out); err != nil {
		// goldmark fails only when writing fails, which a Buffer does not.
		return sanitize.HTML(src)
	}
	return sanitize.HTML(out.String())
}

// shortcode is one piece of template syntax found in a body: its kind
// ("shortcode", "Liquid tag"), its name, and its line (1 is the body's
// first) and column.
type shortcode struct {
	kind, name string
	line, col  int
}

// template is one pattern of a site generator's template syntax: what
// matches it leaves the body, but for the submatch keep (when not 0), which
// stays as text; kind names it in warnings ("" for none: nothing is lost).
type template struct {
	re   *regexp.Regexp
	kind string
	keep int
}

var (
	// Zola's block shortcode, {% name(args) %}…{% end %}: its body is the
	// template's input, not text of its own, so all of it is left out.
	zolaBlock = regexp.MustCompile(`(?s)\{%-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(.*?\)\s*-?%\}.*?\{%-?\s*end\s*-?%\}`)
	// Zola's inline shortcode {{ name(args) }}, and a block's opening or
	// closing tag left over without its other half.
	zolaInline = regexp.MustCompile(`(?s)\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(.*?\)\s*-?\}\}|\{%-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(.*?\)\s*-?%\}|\{%-?\s*(end)\s*-?%\}`)
	// Hugo's shortcode tags, {{< name args >}} and {{% name %}}, and their
	// closing tags: the tags go, what a pair encloses stays, as it is text.
	hugoTag = regexp.MustCompile(`\{\{[<%]\s*/?\s*([A-Za-z0-9_./-]*).*?[>%]\}\}`)

	shortcodes = []template{{zolaBlock, "shortcode", 0}, {zolaInline, "shortcode", 0}, {hugoTag, "shortcode", 0}}

	// Liquid, which Jekyll and Eleventy run over every Markdown page (and
	// Nunjucks, Eleventy's other engine, with the same delimiters): a raw
	// block's text stays as written; a comment goes whole; any other tag
	// ({% include x %}, {% if %}, {% endif %}) goes and what a pair
	// encloses stays; an output ({{ page.title }}) goes, as it cannot be
	// worked out here.
	liquid = []template{
		{regexp.MustCompile(`(?s)\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}`), "", 1},
		{regexp.MustCompile(`(?s)\{%-?\s*(comment)\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}`), "Liquid tag", 0},
		{regexp.MustCompile(`(?s)\{%-?\s*([A-Za-z_][A-Za-z0-9_]*).*?-?%\}`), "Liquid tag", 0},
		{regexp.MustCompile(`(?s)\{\{-?\s*([^\s|}][^|}]*?)?\s*(\|[^}]*)?-?\}\}`), "Liquid output", 0},
	}
)

// stripShortcodes removes Zola's and Hugo's shortcodes from a body and
// returns what it removed, in order. Liquid's {{ … }} is left: in Zola and
// Hugo it is plain text and could be meant (a talk about templates); Zola's
// escaped {{/* … */}} stays as written.
func stripShortcodes(s string) (string, []shortcode) { return stripTemplates(s, shortcodes) }

// liquidMarkers are the files at a site's root that say its generator runs
// Liquid (or Nunjucks, with the same delimiters) over Markdown pages:
// Jekyll's configuration, then Eleventy's.
var liquidMarkers = []string{"_config.yml", "_config.yaml", "_config.toml",
	"eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js"}

// stripLiquid removes Liquid from the body of a page that Jekyll or Eleventy
// renders, and returns what it removed, in order.
func stripLiquid(s string) (string, []shortcode) { return stripTemplates(s, liquid) }

// stripTemplates removes what the patterns match from s, earlier patterns
// first: a later one never matches inside an earlier one's match.
func stripTemplates(s string, patterns []template) (string, []shortcode) {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
		return s, nil
	}
	type span struct {
		start, end int
		kind, name string
		keep       [2]int
	}
	var spans []span
	// taken marks the bytes already inside a match.
	taken := make([]bool, len(s))
	overlaps := func(a, b int) bool {
		for i := a; i < b; i++ {
			if taken[i] {
				return true
			}
		}
		return false
	}
	for _, p := range patterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(s, -1) {
			if overlaps(m[0], m[1]) {
				continue
			}
			for i := m[0]; i < m[1]; i++ {
				taken[i] = true
			}
			x := span{start: m[0], end: m[1], kind: p.kind}
			if p.keep > 0 {
				x.keep = [2]int{m[2*p.keep], m[2*p.keep+1]}
			}
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					x.name = strings.TrimSpace(s[m[g]:m[g+1]])
					break
				}
			}
			spans = append(spans, x)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	found := make([]shortcode, 0, len(spans))
	at := 0
	line, lineStart := 1, 0 // counted on from the last span, not from the top each time
	for _, x := range spans {
		b.WriteString(s[at:x.start])
		for i := at; i < x.start; i++ {
			if s[i] == '\n' {
				line, lineStart = line+1, i+1
			}
		}
		if x.kind != "" {
			found = append(found, shortcode{kind: x.kind, name: x.name, line: line, col: x.start - lineStart + 1})
		}
		b.WriteString(s[x.keep[0]:x.keep[1]])
		for i := x.start; i < x.end; i++ {
			if s[i] == '\n' {
				line, lineStart = line+1, i+1
			}
		}
		at = x.end
	}
	b.WriteString(s[at:])
	return b.String(), found
}

var (
	// mdxStatement opens an ESM import or export line of an MDX page.
	mdxStatement = regexp.MustCompile(`^(import|export)\s`)
	// mdxComponent opens a JSX component tag: a capitalised or dotted name.
	mdxComponent = regexp.MustCompile(`^<[A-Z][A-Za-z0-9_.]*(\s|/|$)`)
)

// stripMDX drops what MDX adds to Markdown where it would show as text:
// import and export statements, and self-closing component tags
// (<Card title="x" />), each on lines of its own and possibly spanning
// several, outside fenced code. Not handled: a component with children
// (<Note>text</Note>: its tags go through the sanitizer as unknown HTML,
// so its text stays), components inside a line of text, and {expressions}
// or {/* comments */}, which stay as written.
func stripMDX(s string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	fence := ""
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			b.WriteString(lines[i])
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			b.WriteString(lines[i])
			continue
		}
		switch {
		case mdxStatement.MatchString(t):
			// Up to where its brackets close: import {\n a,\n b\n} from "x".
			depth := 0
			for ; i < len(lines); i++ {
				depth += brackets(lines[i])
				if depth <= 0 && !strings.HasSuffix(strings.TrimSpace(lines[i]), ",") {
					break
				}
			}
		case mdxComponent.MatchString(t):
			// Up to the first line with a ">", if it ends the tag with "/>"; a
			// tag closed by a plain ">" has children and is left to the
			// sanitizer, and so is one with text after it.
			j := i
			for j < len(lines)-1 && !strings.Contains(lines[j], ">") {
				j++
			}
			if strings.HasSuffix(strings.TrimSpace(lines[j]), "/>") {
				i = j
				continue
			}
			b.WriteString(lines[i])
		default:
			b.WriteString(lines[i])
		}
	}
	return b.String()
}

// brackets is the number of (, [ and { a line opens minus those it closes.
func brackets(line string) int {
	n := 0
	for _, c := range line {
		switch c {
		case '(', '[', '{':
			n++
		case ')', ']', '}':
			n--
		}
	}
	return n
}

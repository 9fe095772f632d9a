package zola

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

// A page's body is its session's description when the front matter gives
// none, in the Zola layout and in mapped ones: rendered from Markdown,
// sanitised, with shortcodes and MDX statements left out.
func TestBodyDescription(t *testing.T) {
	const mappedConfig = "time_zone = \"Europe/Paris\"\n[[sessions]]\nfolder = \"talks\"\n[sessions.fields]\ndescription = \"summary\"\n"
	const unmappedConfig = "time_zone = \"Europe/Paris\"\n[[sessions]]\nfolder = \"talks\"\n"
	long := strings.Repeat("word ", 14<<10) // 70 KiB
	tests := []struct {
		name  string
		files map[string]string // a session with the slug "a"
		want  string            // its description
		diags []string          // every diagnostic, relative to "c"
	}{
		{name: "zola body used",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\nHello *world*.\n"},
			want:  "<p>Hello <em>world</em>.</p>"},
		{name: "zola front matter wins",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n[extra]\ndescription = \"<p>From the front matter.</p>\"\n+++\nFrom the body.\n"},
			want:  "<p>From the front matter.</p>"},
		{name: "zola abstract wins",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n[extra]\nabstract = \"Abstract.\"\n+++\nFrom the body.\n"},
			want:  "<p>Abstract.</p>"},
		{name: "zola empty description falls back",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\ndescription = \"  \"\n+++\nFrom the body.\n"},
			want:  "<p>From the body.</p>"},
		{name: "empty body",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\n\n  \n"},
			want:  ""},
		{name: "markdown rendered",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\n# Outline\n\nWe **cover** _async_ and ~~sync~~, see [the docs](https://docs.rs/tokio) or https://tokio.rs.\n\n- one\n- two\n\n1. first\n"},
			want: `<h3>Outline</h3>` + "\n" + `<p>We <strong>cover</strong> <em>async</em> and <s>sync</s>, see <a href="https://docs.rs/tokio" rel="noopener">the docs</a> or <a href="https://tokio.rs" rel="noopener">https://tokio.rs</a>.</p>` + "\n" +
				"<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>"},
		{name: "raw html sanitised",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\nHi<br>there <script>alert(1)</script>[click](javascript:alert(2)) <a href=\"javascript:alert(3)\" onclick=\"x()\">me</a>\n\n<script>\nalert(4)\n</script>\n\n<img src=x onerror=alert(5)>\n"},
			want:  "<p>Hi<br/>there click me</p>"},
		{name: "zola shortcodes warned",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\nIntro.\n\n{{ youtube(id=\"dQw4w9WgXcQ\") }}\n\n{% note(kind=\"tip\") %}\nA *tip*.\n{% end %}\nEnd {{ gist(url=\"https://x\") }}.\n"},
			want:  "<p>Intro.</p>\n<p>End .</p>",
			diags: []string{`talks/a.md:6:1: warning: shortcode "youtube" is site template syntax, not Markdown: left out of the description (and 2 more, on lines 8, 11) (write what attendees should read as description = "…" under [extra], which is used instead of the page's text)`}},
		{name: "escaped shortcode in front matter is not looked at",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n[extra]\ndescription = \"{{ youtube(id=1) }}\"\n+++\n{{ youtube(id=2) }}\n"},
			want:  "<p>{{ youtube(id=1) }}</p>"},
		{name: "long body",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\n" + long},
			want:  "<p>" + strings.TrimSpace(long) + "</p>",
			diags: []string{`talks/a.md:4:1: warning: the description is 70 KiB long; every attendee downloads it (keep it under 64 KiB)`}},
		{name: "too long body left out",
			files: map[string]string{"talks/a.md": "+++\ntitle = \"A\"\n+++\n" + long + long},
			want:  "",
			diags: []string{`talks/a.md:4:1: warning: the page's text is 140 KiB long, too long for a description that every attendee downloads; left out (keep it under 64 KiB; write what attendees should read as description = "…" under [extra], which is used instead of the page's text)`}},
		{name: "mapped body used",
			files: map[string]string{"agenda.toml": mappedConfig, "talks/a.md": "---\ntitle: A\n---\nA *talk*.\n"},
			want:  "<p>A <em>talk</em>.</p>"},
		{name: "mapped field wins",
			files: map[string]string{"agenda.toml": mappedConfig, "talks/a.md": "---\ntitle: A\nsummary: The summary.\n---\nThe body.\n"},
			want:  "<p>The summary.</p>"},
		{name: "mapped empty field falls back",
			files: map[string]string{"agenda.toml": mappedConfig, "talks/a.md": "---\ntitle: A\nsummary: \"\"\n---\nThe body.\n"},
			want:  "<p>The body.</p>"},
		{name: "unmapped description reads the body",
			files: map[string]string{"agenda.toml": unmappedConfig, "talks/a.md": "+++\ntitle = \"A\"\ndescription = \"not mapped\"\n+++\nThe body.\n"},
			want:  "<p>The body.</p>"},
		{name: "mapped shortcode hint names the mapping",
			files: map[string]string{"agenda.toml": mappedConfig, "talks/a.md": "---\ntitle: A\n---\nSee {{< youtube abc >}} and {{% note %}}this{{% /note %}}.\n"},
			want:  "<p>See  and this.</p>",
			diags: []string{`talks/a.md:4:5: warning: shortcode "youtube" is site template syntax, not Markdown: left out of the description (and 2 more, on line 4) (write what attendees should read as summary in the front matter, which is used instead of the page's text (mapped by c/agenda.toml:5 description = "summary"))`}},
		{name: "mdx imports, exports and components not shown",
			files: map[string]string{"agenda.toml": unmappedConfig, "talks/a.mdx": "---\ntitle: A\n---\nimport Card from '../components/Card.astro'\nimport {\n  Aside,\n  Tabs,\n} from '@astrojs/starlight/components'\nexport const meta = {\n  level: 2,\n}\n\nAn **MDX** talk.\n\n<Card title=\"x\" />\n<Aside\n  type=\"tip\"\n  data={{ a: 1 }}\n/>\n\n```js\nimport x from 'y'\n```\n<Note>kept text</Note>\n"},
			want:  "<p>An <strong>MDX</strong> talk.</p>\n<pre><code>import x from &#39;y&#39;\n</code></pre>\n<p>kept text</p>"},
		{name: "jekyll site: liquid left out",
			files: map[string]string{"agenda.toml": unmappedConfig, "_config.yml": "title: Conf\n", "talks/a.md": "---\ntitle: A\n---\nBy {{ page.speaker }}.\n\n{% include video.html id=\"x\" %}\n{% raw %}{{ kept }}{% endraw %}\n"},
			want:  "<p>By .</p>\n<p>{{ kept }}</p>",
			diags: []string{`talks/a.md:4:4: warning: Liquid output "page.speaker" is site template syntax, not Markdown: left out of the description (and 1 more, on line 6); _config.yml says the site runs Liquid over its pages (write what attendees should read in a front matter key and map it in agenda.toml: [sessions.fields] description = "summary"; it is used instead of the page's text)`}},
		{name: "eleventy site: liquid left out",
			files: map[string]string{"agenda.toml": unmappedConfig, "eleventy.config.js": "export default {}\n", "talks/a.md": "---\ntitle: A\n---\n{%- if live -%}Live{%- endif -%}\n"},
			want:  "<p>Live</p>",
			diags: []string{`talks/a.md:4:1: warning: Liquid tag "if" is site template syntax, not Markdown: left out of the description (and 1 more, on line 4); eleventy.config.js says the site runs Liquid over its pages (write what attendees should read in a front matter key and map it in agenda.toml: [sessions.fields] description = "summary"; it is used instead of the page's text)`}},
		{name: "no liquid site: braces are text",
			files: map[string]string{"agenda.toml": unmappedConfig, "talks/a.md": "---\ntitle: A\n---\nTemplates write {{ page.title }}.\n"},
			want:  "<p>Templates write {{ page.title }}.</p>"},
		{name: "zola layout: a _config.yml changes nothing",
			files: map[string]string{"_config.yml": "x: 1\n", "talks/a.md": "+++\ntitle = \"A\"\n+++\nTemplates write {{ page.title }}.\n"},
			want:  "<p>Templates write {{ page.title }}.</p>"},
		{name: "md page keeps import lines",
			files: map[string]string{"agenda.toml": unmappedConfig, "talks/a.md": "---\ntitle: A\n---\nimport this\n"},
			want:  "<p>import this</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, d := readFiles(t, tt.files)
			if len(s.Sessions) != 1 || s.Sessions[0].Slug != "a" {
				t.Fatalf("sessions = %v (%v)", s.Sessions, d)
			}
			if got := s.Sessions[0].Description; got != tt.want {
				t.Errorf("description:\n%q\nwant:\n%q", got, tt.want)
			}
			wantDiags(t, d, tt.diags)
		})
	}
}

// wantDiags checks every diagnostic, named relative to the folder "c".
func wantDiags(t *testing.T, d diag.List, want []string) {
	t.Helper()
	var got []string
	for _, x := range d {
		got = append(got, strings.TrimPrefix(x.String(), "c"+string(filepath.Separator)))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStripMDX(t *testing.T) {
	tests := []struct{ in, want string }{
		{"import A from 'a'\ntext\n", "text\n"},
		{"export default Layout\ntext\n", "text\n"},
		{"<Card />\ntext\n", "text\n"},
		{"<Card>\nchild\n</Card>\n", "<Card>\nchild\n</Card>\n"},
		{"<Card /> and text\n", "<Card /> and text\n"},
		{"<Card\n  a=\"1\"\n/>\ntext\n", "text\n"},
		{"~~~\nimport a\n<Card />\n~~~\n", "~~~\nimport a\n<Card />\n~~~\n"},
		{"<div />\n", "<div />\n"},
		{"important\n", "important\n"},
	}
	for _, tt := range tests {
		if got := stripMDX(tt.in); got != tt.want {
			t.Errorf("stripMDX(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripTemplates(t *testing.T) {
	sc := func(name string, line, col int) shortcode { return shortcode{"shortcode", name, line, col} }
	tag := func(name string, line, col int) shortcode { return shortcode{"Liquid tag", name, line, col} }
	out := func(name string, line, col int) shortcode { return shortcode{"Liquid output", name, line, col} }
	tests := []struct {
		strip    func(string) (string, []shortcode)
		in, want string
		found    []shortcode
	}{
		{stripShortcodes, "plain {text}", "plain {text}", nil},
		{stripShortcodes, "a {{ yt(id=\"x)\") }} b", "a  b", []shortcode{sc("yt", 1, 3)}},
		{stripShortcodes, "x\n{% q(a=1) %}\nbody\n{% end %}\ny", "x\n\ny", []shortcode{sc("q", 2, 1)}},
		{stripShortcodes, "{%- q() -%}open", "open", []shortcode{sc("q", 1, 1)}},
		{stripShortcodes, "stray {% end %}", "stray ", []shortcode{sc("end", 1, 7)}},
		{stripShortcodes, "{{ not_a_call }} {{/* yt() */}}", "{{ not_a_call }} {{/* yt() */}}", nil},
		{stripShortcodes, "{{< figure src=\"a\" >}}\n{{% n %}}x{{% /n %}}", "\nx", []shortcode{sc("figure", 1, 1), sc("n", 2, 1), sc("n", 2, 11)}},
		// Liquid: Jekyll and Eleventy.
		{stripLiquid, "plain {text} and } {", "plain {text} and } {", nil},
		{stripLiquid, "By {{ page.speaker | upcase }}.\n{% include card.html id=1 %}", "By .\n", []shortcode{out("page.speaker", 1, 4), tag("include", 2, 1)}},
		{stripLiquid, "{%- if site.live -%}Live{% endif %} now", "Live now", []shortcode{tag("if", 1, 1), tag("endif", 1, 25)}},
		{stripLiquid, "a{% comment %}\nnot {{ shown }}\n{% endcomment %}b", "ab", []shortcode{tag("comment", 1, 2)}},
		{stripLiquid, "Write {% raw %}{{ name }} and {% if %}{% endraw %} in a template.", "Write {{ name }} and {% if %} in a template.", nil},
		{stripLiquid, "{{name}} {{- x -}}", " ", []shortcode{out("name", 1, 1), out("x", 1, 10)}},
		{stripLiquid, "a {{ yt(id=1) }} b", "a  b", []shortcode{out("yt(id=1)", 1, 3)}},
	}
	for _, tt := range tests {
		got, found := tt.strip(tt.in)
		if got != tt.want || !slices.Equal(found, tt.found) {
			t.Errorf("strip(%q) = %q, %v; want %q, %v", tt.in, got, found, tt.want, tt.found)
		}
	}
}

// TestZolaBodies reads testdata/body, a Zola folder whose talks write their
// abstract as the page: the body is the description unless the front
// matter has one, and its shortcode is warned about at its line.
func TestZolaBodies(t *testing.T) {
	dir := filepath.Join("testdata", "body")
	s, d := Read(dir, Options{})
	want := map[string]string{
		"abstract-in-body": `<p>Async Rust <em>without</em> tears: what <a href="https://blog.yoshuawuyts.com/async-cancellation-1/" rel="noopener">cancellation</a> means.</p>` +
			"\n<ul>\n<li>drop a future</li>\n<li>select on two</li>\n</ul>",
		"front-matter-wins": "<p>The description in the front matter.</p>",
	}
	if len(s.Sessions) != len(want) {
		t.Fatalf("sessions = %v", s.Sessions)
	}
	for _, ss := range s.Sessions {
		if ss.Description != want[ss.Slug] {
			t.Errorf("%s: description %q, want %q", ss.Slug, ss.Description, want[ss.Slug])
		}
	}
	wantDiag := filepath.Join(dir, "talks", "abstract-in-body.md") + `:15:1: warning: shortcode "youtube" is site template syntax, not Markdown: left out of the description (write what attendees should read as description = "…" under [extra], which is used instead of the page's text)`
	if len(d) != 1 || d[0].String() != wantDiag {
		t.Errorf("diagnostics:\n%v\nwant:\n%s", d, wantDiag)
	}
}

// A speaker page's body is the speaker's bio when the front matter gives
// none, as many sites write it, in the Zola layout and in mapped ones.
func TestBodyBio(t *testing.T) {
	const zolaTalk = "+++\ntitle = \"A\"\n[extra]\ndate = \"Thursday, October 9, 2025\"\ntime = \"10:00-10:30\"\nspeakers = [\"ann\"]\n+++\n"
	const mappedConfig = "time_zone = \"Europe/Paris\"\n[[sessions]]\nfolder = \"talks\"\n[speakers]\nfolder = \"people\"\n[speakers.fields]\nbio = \"about\"\n"
	const mappedTalk = "---\ntitle: A\nstart: 2025-10-09T10:00:00+02:00\nduration: 30\nspeakers: [ann]\n---\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string   // ann's bio
		diags []string // every diagnostic, relative to "c"
	}{
		{name: "zola body used",
			files: map[string]string{"talks/a.md": zolaTalk, "speakers/ann.md": "+++\ntitle = \"Speaker: Ann\"\n+++\nAnn writes *Rust*.\n"},
			want:  "<p>Ann writes <em>Rust</em>.</p>"},
		{name: "zola bio wins",
			files: map[string]string{"talks/a.md": zolaTalk, "speakers/ann.md": "+++\ntitle = \"Speaker: Ann\"\n[extra]\nbio = \"<p>From the front matter.</p>\"\n+++\nFrom the body.\n"},
			want:  "<p>From the front matter.</p>"},
		{name: "zola no bio, no body",
			files: map[string]string{"talks/a.md": zolaTalk, "speakers/ann.md": "+++\ntitle = \"Speaker: Ann\"\n+++\n"},
			want:  ""},
		{name: "zola body sanitised, shortcode named as left out of the bio",
			files: map[string]string{"talks/a.md": zolaTalk, "speakers/ann.md": "+++\ntitle = \"Speaker: Ann\"\n+++\nHi <script>alert(1)</script>\n\n{{ avatar(src=\"ann.png\") }}\n"},
			want:  "<p>Hi </p>",
			diags: []string{`speakers/ann.md:6:1: warning: shortcode "avatar" is site template syntax, not Markdown: left out of the bio (write it as bio = "…" under [extra], which is used instead of the page's text)`}},
		{name: "mapped body used",
			files: map[string]string{"agenda.toml": mappedConfig, "talks/a.md": mappedTalk, "people/ann.md": "---\nname: Ann\n---\nAnn writes **Go**.\n"},
			want:  "<p>Ann writes <strong>Go</strong>.</p>"},
		{name: "mapped field wins",
			files: map[string]string{"agenda.toml": mappedConfig, "talks/a.md": mappedTalk, "people/ann.md": "---\nname: Ann\nabout: The field.\n---\nThe body.\n"},
			want:  "<p>The field.</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, d := readFiles(t, tt.files)
			i := slices.IndexFunc(s.Speakers, func(sp model.Speaker) bool { return sp.Slug == "ann" })
			if i < 0 {
				t.Fatalf("no speaker ann: %v (%v)", s.Speakers, d)
			}
			if got := s.Speakers[i].Bio; got != tt.want {
				t.Errorf("bio:\n%q\nwant:\n%q", got, tt.want)
			}
			wantDiags(t, d, tt.diags)
		})
	}
}

// FuzzStripTemplates: whatever the body, stripping never grows it and names
// each removed piece at a line and column that exist, in order.
func FuzzStripTemplates(f *testing.F) {
	for _, s := range []string{"a {{ yt(id=1) }} b", "x\n{% q(a=1) %}\nbody\n{% end %}\ny", "{{< figure >}}{{% n %}}x{{% /n %}}",
		"{% raw %}{{ a }}{% endraw %}", "{% comment %}\n{{ x }}\n{% endcomment %}", "{%- if a -%}b{% endif %} {{ c | d }}", "{{", "{%", "{{}}", "{% %}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Count(s, "\n") + 1
		for _, strip := range []func(string) (string, []shortcode){stripShortcodes, stripLiquid} {
			out, found := strip(s)
			if len(out) > len(s) {
				t.Fatalf("%q grew to %q", s, out)
			}
			for i, x := range found {
				if x.line < 1 || x.line > lines || x.col < 1 || x.kind == "" {
					t.Fatalf("%q: %+v is nowhere", s, x)
				}
				if i > 0 && (x.line < found[i-1].line || x.line == found[i-1].line && x.col <= found[i-1].col) {
					t.Fatalf("%q: %v out of order", s, found)
				}
			}
		}
	})
}

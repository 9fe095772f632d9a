package zola

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

// readFiles reads a content folder made of files, under the prefix "c".
func readFiles(t *testing.T, files map[string]string) (*model.Schedule, diag.List) {
	t.Helper()
	return ReadFS(mapFS(files), "c", Options{ID: "t", TimeZone: "Europe/Paris", Year: 2025})
}

func slugs(s *model.Schedule) string {
	var out []string
	for _, ss := range s.Sessions {
		out = append(out, ss.Slug)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// find returns the diagnostics of severity sev on file (relative to "c")
// whose message contains text.
func find(d diag.List, sev diag.Severity, file, text string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, x := range d {
		if x.Severity == sev && x.Pos.File == filepath.Join("c", filepath.FromSlash(file)) && strings.Contains(x.Message, text) {
			out = append(out, x)
		}
	}
	return out
}

func TestLayout(t *testing.T) {
	mdx := map[string]string{}
	for i := range 34 {
		mdx["sessions/s"+strconv.Itoa(i)+".mdx"] = "---\ntitle: x\n---\n"
	}
	mdx["speakers/ann.md"] = ann
	tests := []struct {
		name  string
		files map[string]string
		slugs string // the sessions read, sorted
		sev   diag.Severity
		file  string // a diagnostic on this file ("." for the folder) ...
		diag  string // ... containing this; "" for no diagnostics at all
		hint  string // and a hint containing this
	}{
		{name: "page bundle", files: map[string]string{"talks/my-talk/index.md": talk(okTalk), "talks/my-talk/cover.png": "png", "speakers/ann.md": ann},
			slugs: "my-talk"},
		{name: "sub-folders and their sections", files: map[string]string{"talks/day-1/_index.md": "+++\ntitle = \"Day 1\"\n+++\n", "talks/day-1/keynote.md": talk(okTalk),
			"talks/day-2/deep/closing/index.md": talk(strings.Replace(okTalk, "10:00-10:30", "17:00-17:30", 1)), "talks/_index.md": "+++\n+++\n", "speakers/ann.md": ann},
			slugs: "closing keynote"},
		{name: "speaker bundle", files: map[string]string{"talks/x.md": talk(okTalk), "speakers/ann/index.md": ann, "speakers/ann/photo.jpg": "jpg"},
			slugs: "x"},
		{name: "hidden files", files: map[string]string{"talks/x.md": talk(okTalk), "talks/.x.md.swp": "", "talks/.#y.md": "junk", "talks/.git/z.md": "junk", "speakers/ann.md": ann},
			slugs: "x"},
		{name: "other formats next to pages", files: map[string]string{"talks/x.md": talk(okTalk), "talks/y.mdx": "---\n---\n", "talks/z.mdx": "", "talks/old/w.markdown": "", "speakers/ann.md": ann},
			slugs: "x", sev: diag.Warning, file: "talks", diag: "2 .mdx files in talks/ are not read: Agenda reads .md pages", hint: "convert them"},
		{name: "another generator's layout", files: mdx,
			sev: diag.Error, file: ".", diag: "no sessions: Agenda reads .md pages in talks/, workshops/, activities/, breaks/; found 34 .mdx files in sessions/, 1 .md file in speakers/", hint: "write each session as a .md page in one of those folders, or map your own in agenda.toml ([[sessions]] folder = \"…\"; see the README); agenda init c writes one from the pages it finds"},
		{name: "empty folder", files: map[string]string{},
			sev: diag.Error, file: ".", diag: "no sessions: Agenda reads .md pages in talks/, workshops/, activities/, breaks/; this folder has no files", hint: "see the README)"},
		{name: "only speakers", files: map[string]string{"speakers/ann.md": ann, "agenda.toml": "name = \"x\"\n"},
			sev: diag.Error, file: ".", diag: "found 1 .toml file at the top, 1 .md file in speakers/"},
		{name: "a year's folder", files: map[string]string{"2025/talks/x.md": talk(okTalk), "2025/speakers/ann.md": ann, "2025/_index.md": "+++\n+++\n"},
			sev: diag.Error, file: ".", diag: "found 3 .md files in 2025/", hint: "read " + filepath.Join("c", "2025") + " instead: it holds talks/"},
		{name: "a site's root", files: map[string]string{"config.toml": "", "content/workshops/x/index.md": talk(okTalk), "content/talks/y.md": talk(okTalk)},
			sev: diag.Error, file: ".", diag: "no sessions", hint: "read " + filepath.Join("c", "content") + " instead: it holds talks/, workshops/"},
		{name: "all drafts", files: map[string]string{"talks/x.md": "+++\ndraft = true\n+++\n", "breaks/y/index.md": "+++\ndraft = true\n+++\n"},
			sev: diag.Error, file: ".", diag: "no sessions: all 2 session pages are drafts (draft = true)", hint: "remove draft = true"},
		{name: "pages that fail say so themselves", files: map[string]string{"talks/x.md": "---\ntitle: [x\n---\n"},
			sev: diag.Error, file: "talks/x.md", diag: "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, d := readFiles(t, tt.files)
			if got := slugs(s); got != tt.slugs {
				t.Errorf("sessions = %q, want %q\n%v", got, tt.slugs, d)
			}
			if tt.diag == "" {
				if len(d) > 0 {
					t.Errorf("want no diagnostics; got:\n%v", d)
				}
				return
			}
			got := find(d, tt.sev, tt.file, tt.diag)
			if len(got) != 1 || !strings.Contains(got[0].Hint, tt.hint) {
				t.Errorf("want one %v on %s containing %q with a hint containing %q; got:\n%v", tt.sev, tt.file, tt.diag, tt.hint, d)
			}
			if strings.Contains(tt.name, "fail") && len(find(d, diag.Error, ".", "no sessions")) > 0 {
				t.Errorf("a page that failed to read is reported twice:\n%v", d)
			}
		})
	}
}

// TestPermalinks: a bundle's URL is its folder's, path replaces it, and a
// page Zola does not render has none.
func TestPermalinks(t *testing.T) {
	s, d := readFiles(t, map[string]string{
		"agenda.toml":              "base_url = \"https://conf.example/2025/\"\n",
		"talks/a.md":               talk(okTalk),
		"talks/day-1/b/index.md":   talk(okTalk),
		"talks/c.md":               "+++\ntitle = \"C\"\npath = \"/schedule/c-talk\"\n+++\n",
		"breaks/lunch.md":          "+++\ntitle = \"Lunch\"\nrender = false\n+++\n",
		"workshops/w.md":           "+++\ntitle = \"W\"\nslug = \"ws\"\n+++\n",
		"speakers/ann.md":          ann,
		"talks/day-1/b/slides.pdf": "%PDF",
	})
	want := map[string]string{
		"a":     "https://conf.example/2025/talks/a/",
		"b":     "https://conf.example/2025/talks/day-1/b/",
		"c":     "https://conf.example/2025/schedule/c-talk/",
		"lunch": "",
		"ws":    "https://conf.example/2025/workshops/ws/",
	}
	for _, ss := range s.Sessions {
		if w, ok := want[ss.Slug]; !ok || ss.URL != w {
			t.Errorf("%s: URL %q, want %q", ss.Slug, ss.URL, w)
		}
	}
	if len(s.Sessions) != len(want) {
		t.Errorf("%d sessions, want %d:\n%v", len(s.Sessions), len(want), d)
	}
	if d.HasErrors() {
		t.Errorf("errors:\n%v", d)
	}
}

// TestZolaPageKeys: every key of Zola's page front matter is known, on
// session and speaker pages alike, whatever its value.
func TestZolaPageKeys(t *testing.T) {
	keys := []string{
		`title = "T"`, `description = "D"`, `date = 2025-10-09`, `date = "2025-10-09"`, `updated = 2025-10-10T10:00:00Z`,
		`weight = 3`, `draft = false`, `render = true`, `slug = "s"`, `path = "p/q"`, `aliases = ["/old/"]`,
		`authors = ["Ann"]`, `in_search_index = false`, `template = "talk.html"`, `insert_anchor_links = "left"`,
		"[taxonomies]\ntags = [\"rust\", \"async\"]\ncategories = [\"x\"]", "taxonomies = { tags = [\"rust\"] }",
	}
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			head := k
			if !strings.HasPrefix(k, "title") {
				head = "title = \"T\"\n" + k
			}
			speakerHead := head
			if strings.HasPrefix(k, "slug") {
				speakerHead = "" // the speaker's slug would no longer be ann
			}
			page := "+++\n" + head + "\n[extra]\n" + okTalk + "+++\n"
			speaker := "+++\n" + speakerHead + "\n[extra]\nname = \"Ann\"\n+++\n"
			s, d := readFiles(t, map[string]string{"talks/x.md": page, "speakers/ann.md": speaker})
			if len(d) > 0 {
				t.Errorf("diagnostics:\n%v", d)
			}
			if len(s.Sessions) != 1 || len(s.Speakers) != 1 {
				t.Errorf("%d sessions, %d speakers, want 1 and 1", len(s.Sessions), len(s.Speakers))
			}
		})
	}
}

// TestDrafts: drafts are left out, as Zola leaves them out of a built site
// (zola build without --drafts); a session that names a draft speaker says so.
func TestDrafts(t *testing.T) {
	s, d := readFiles(t, map[string]string{
		"talks/x.md":      talk(okTalk),
		"talks/y.md":      "+++\ntitle = \"Y\"\ndraft = true\n+++\n",
		"talks/z.md":      talk(strings.NewReplacer(`["ann"]`, `["ann", "bob"]`, "10:00-10:30", "11:00-11:30").Replace(okTalk)),
		"speakers/ann.md": ann,
		"speakers/bob.md": "+++\ndraft = true\n[extra]\nname = \"Bob\"\n+++\n",
	})
	if got := slugs(s); got != "x z" {
		t.Errorf("sessions = %q, want \"x z\"", got)
	}
	if s.Speaker("bob") != nil {
		t.Error("draft speaker read")
	}
	if len(find(d, diag.Warning, "talks/z.md", `speaker "bob" is a draft (draft = true in speakers/bob.md)`)) != 1 {
		t.Errorf("no warning for the draft speaker:\n%v", d)
	}
	if len(d) != 1 {
		t.Errorf("want one diagnostic; got:\n%v", d)
	}
}

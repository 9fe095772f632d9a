package static

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/export/internal/exporttest"
	"github.com/agendaconf/agenda/widget/model"
)

func golden(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		exporttest.Golden(t, filepath.Join("testdata", dir, name), data)
	}
	entries, err := os.ReadDir(filepath.Join("testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("testdata/%s/%s is no longer produced; run go test -update and delete it", dir, e.Name())
		}
	}
}

var (
	hrefRe = regexp.MustCompile(`href="([^"]*)"`)
	idRe   = regexp.MustCompile(` id="([^"]*)"`)
)

// checkPages checks what every export must have: no script, local links that
// resolve, unique ids, the stylesheet, a page per day.
func checkPages(t *testing.T, s *model.Schedule, files map[string][]byte) {
	t.Helper()
	if _, ok := files["index.html"]; !ok {
		t.Fatal("no index.html")
	}
	if css := files[CSSFile]; len(css) == 0 || len(css) > 4096 {
		t.Errorf("schedule.css is %d bytes", len(css))
	}
	var names []string
	for name, data := range files {
		names = append(names, name)
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		low := strings.ToLower(page)
		for _, bad := range []string{"<script", "javascript:", " onclick=", " onload=", " style="} {
			if strings.Contains(low, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, "<main") || !strings.Contains(page, `<link rel="stylesheet" href="schedule.css">`) {
			t.Errorf("%s lacks lang, main or the stylesheet", name)
		}
		for _, m := range hrefRe.FindAllStringSubmatch(page, -1) {
			h := m[1]
			if strings.Contains(h, "://") || strings.HasPrefix(h, "#") || strings.HasPrefix(h, "mailto:") {
				continue
			}
			if _, ok := files[strings.SplitN(h, "#", 2)[0]]; !ok {
				t.Errorf("%s links to missing %q", name, h)
			}
		}
		ids := map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(page, -1) {
			if ids[m[1]] {
				t.Errorf("%s: duplicate id %q", name, m[1])
			}
			ids[m[1]] = true
		}
	}
	sort.Strings(names)
	n := 0
	for i := range s.Sessions {
		if s.Sessions[i].Scheduled() {
			n++
		}
	}
	shown := 0
	for name, data := range files {
		if name != "index.html" && strings.HasSuffix(name, ".html") {
			shown += strings.Count(string(data), `<article class="session`)
		}
	}
	if shown != n {
		t.Errorf("day pages show %d sessions, want %d (files %v)", shown, n, names)
	}
}

func TestSample(t *testing.T) {
	s := exporttest.Sample()
	files, err := Files(s)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, s, files)
	golden(t, "sample", files)
	day1 := string(files["2026-10-08.html"])
	for _, want := range []string{
		`<p>Welcome &amp; hello.</p>`, // sanitised HTML kept
		`<time datetime="2026-10-08T09:00:00&#43;02:00">09:00</time>–<time datetime="2026-10-08T09:30:00&#43;02:00">09:30</time>`,
		`<dt>Room</dt><dd>Main Stage</dd>`,
		`Ada Lovelace <span class="role">(Analyst)</span>, Grace Hopper`,
		`<dt>Where</dt><dd>Quai Rambaud, 69002 Lyon</dd>`,
		`<a rel="next" href="2026-10-09.html">`,
	} {
		if !strings.Contains(day1, want) {
			t.Errorf("2026-10-08.html lacks %q", want)
		}
	}
	if day2 := string(files["2026-10-09.html"]); !strings.Contains(day2, "Closing &lt;remarks&gt;") {
		t.Errorf("title not escaped on day 2")
	}
	if !strings.Contains(string(files["index.html"]), "Maybe later") {
		t.Errorf("unscheduled session missing from index")
	}
}

func TestContent(t *testing.T) {
	s := exporttest.Content(t)
	files, err := Files(s)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, s, files)
	golden(t, "content", files)
}

func TestEuroRust(t *testing.T) {
	s := exporttest.EuroRust(t)
	files, err := Files(s)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, s, files)
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, exporttest.Sample()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "2026-10-08.html", "2026-10-09.html", CSSFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/internal/corpus"
)

const (
	exportContent = "../../content"
	exportFOSDEM  = "../../../shared/corpus/fosdem-2025/schedule.xml"
)

func runExportArgs(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(append([]string{"export"}, args...), &o, &e)
	return code, o.String(), e.String()
}

func TestExportHelp(t *testing.T) {
	code, out, errs := runExportArgs("--help")
	if code != 0 || errs != "" {
		t.Fatalf("--help: exit %d, stderr %q", code, errs)
	}
	for _, f := range []string{"ics", "frab-json", "frab-xml", "html", "-o"} {
		if !strings.Contains(out, f) {
			t.Errorf("--help does not mention %s:\n%s", f, out)
		}
	}
}

func TestExportUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no args", nil, "want a FORMAT"},
		{"unknown format", []string{"pdf", exportContent}, `unknown format "pdf"`},
		{"unknown flag", []string{"ics", "--bogus", exportContent}, "bogus"},
		{"html without -o", []string{"html", exportContent}, "-o DIR"},
		{"no path", []string{"ics"}, "exactly one PATH"},
		{"missing path", []string{"ics", "no/such/folder"}, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runExportArgs(tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q, want one line with %q", errs, tc.want)
			}
		})
	}
}

func needContent(t *testing.T) {
	if _, err := os.Stat(filepath.Join(exportContent, "agenda.toml")); err != nil {
		t.Skip("no demo content: ", err)
	}
}

// TestExportICS checks that the command writes exactly the golden calendar.
func TestExportICS(t *testing.T) {
	needContent(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1756713600") // the goldens' DTSTAMP
	code, out, errs := runExportArgs("ics", exportContent)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want, err := os.ReadFile("../../widget/export/ical/testdata/content.ics")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("agenda export ics content differs from widget/export/ical/testdata/content.ics")
	}
}

func TestExportFrabToFile(t *testing.T) {
	needContent(t)
	dir := t.TempDir()
	for _, f := range []struct{ format, file, golden string }{
		{"frab-json", "schedule.json", "content.json"},
		{"frab-xml", "schedule.xml", "content.xml"},
	} {
		path := filepath.Join(dir, f.file)
		code, out, errs := runExportArgs(f.format, "-o", path, exportContent)
		if code != 0 || out != "" {
			t.Fatalf("%s: exit %d, stdout %d bytes: %s", f.format, code, len(out), errs)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile("../../widget/export/c3voc/testdata/" + f.golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from widget/export/c3voc/testdata/%s", f.format, f.golden)
		}
	}
}

func TestExportHTML(t *testing.T) {
	needContent(t)
	dir := filepath.Join(t.TempDir(), "site")
	code, _, errs := runExportArgs("html", exportContent, "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{"index.html", "schedule.css"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	days, _ := filepath.Glob(filepath.Join(dir, "20*.html"))
	if len(days) == 0 {
		t.Errorf("no day pages in %s", dir)
	}
}

// TestExportFOSDEM exports a frab file as c3voc JSON through the command.
func TestExportFOSDEM(t *testing.T) {
	corpus.Need(t, exportFOSDEM, "exporting FOSDEM 2025")
	code, out, errs := runExportArgs("frab-json", exportFOSDEM)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Schedule struct {
			Conference struct {
				Days []struct {
					Rooms map[string][]json.RawMessage `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range v.Schedule.Conference.Days {
		for _, evs := range d.Rooms {
			n += len(evs)
		}
	}
	if n != 943 {
		t.Errorf("exported %d FOSDEM events, want 943", n)
	}
}

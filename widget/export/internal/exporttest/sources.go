package exporttest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frab"
	"github.com/agendaconf/agenda/widget/read/zola"
)

// Content reads the project's demo content/ folder.
func Content(t *testing.T) *model.Schedule {
	t.Helper()
	if _, err := os.Stat(filepath.Join(ContentDir, zola.ConfigFile)); err != nil {
		t.Skipf("no demo content at %s: %v", ContentDir, err)
	}
	return read(t, ContentDir, func() (*model.Schedule, diag.List) { return zola.Read(ContentDir, zola.Options{}) })
}

// ContentReordered reads a copy of content/ whose files were written in reverse
// order and whose session files sit in reverse-sorted order within a renamed
// root, so that nothing may depend on the order a folder lists its files in.
func ContentReordered(t *testing.T) *model.Schedule {
	t.Helper()
	Content(t) // skips when absent
	dir := filepath.Join(t.TempDir(), "reordered-content")
	var files []string
	err := filepath.WalkDir(ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(files)))
	for _, p := range files {
		rel, _ := filepath.Rel(ContentDir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return read(t, dir, func() (*model.Schedule, diag.List) { return zola.Read(dir, zola.Options{}) })
}

// EuroRust reads EuroRust 2025's Zola content from the shared corpus.
func EuroRust(t *testing.T) *model.Schedule {
	t.Helper()
	if _, err := os.Stat(EuroRustDir); err != nil {
		t.Skipf("corpus absent, skipping EuroRust 2025 (want %s): %v", EuroRustDir, err)
	}
	return read(t, EuroRustDir, func() (*model.Schedule, diag.List) {
		return zola.Read(EuroRustDir, zola.Options{Name: "EuroRust 2025", ID: "eurorust-2025", TimeZone: "Europe/Paris", Year: 2025})
	})
}

// FOSDEM reads FOSDEM 2025's schedule.xml from the shared corpus.
func FOSDEM(t *testing.T) *model.Schedule {
	t.Helper()
	if _, err := os.Stat(FOSDEMFile); err != nil {
		t.Skipf("corpus absent, skipping FOSDEM 2025 (want %s): %v", FOSDEMFile, err)
	}
	return read(t, FOSDEMFile, func() (*model.Schedule, diag.List) { return frab.ReadFile(FOSDEMFile) })
}

func read(t *testing.T, what string, f func() (*model.Schedule, diag.List)) *model.Schedule {
	t.Helper()
	s, d := f()
	if d.HasErrors() || s == nil {
		var b strings.Builder
		for _, x := range d {
			if x.Severity == diag.Error {
				b.WriteString("\n" + x.String())
			}
		}
		t.Fatalf("reading %s failed:%s", what, b.String())
	}
	return s
}

package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/read/frab"
	"github.com/agendaconf/agenda/widget/read/zola"
)

const (
	euroRust = "../../../shared/corpus/eurorust-2025/content"
	fosdem   = "../../../shared/corpus/fosdem-2025/schedule.xml"
)

// TestContentGolden pins the encoding of our demo content/: a change to the
// format, the reader or the demo shows up here. Refresh with -update.
func TestContentGolden(t *testing.T) {
	s, d := zola.Read("../../content", zola.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	got, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/content.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./widget/bundle -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encoding of content/ changed (%d bytes, golden %d); if intended, run go test ./widget/bundle -update", len(got), len(want))
	}
	if _, err := Open(string(got)); err != nil {
		t.Fatal(err)
	}
}

func corpus(b *testing.B, path string) {
	if _, err := os.Stat(path); err != nil {
		b.Skip("../shared/corpus is not here; corpus benchmarks are skipped")
	}
}

func readFOSDEM(b *testing.B) *model.Schedule {
	corpus(b, fosdem)
	s, d := frab.ReadFile(fosdem)
	if s == nil || d.HasErrors() {
		b.Fatal(d)
	}
	return s
}

// BenchmarkBuildEuroRust reads the EuroRust 2025 folder and encodes its bundle.
func BenchmarkBuildEuroRust(b *testing.B) {
	corpus(b, euroRust)
	b.ReportAllocs()
	for b.Loop() {
		s, _ := zola.Read(euroRust, zola.Options{TimeZone: "Europe/Paris", Year: 2025})
		if _, err := Encode(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildFOSDEM reads FOSDEM 2025's schedule.xml and encodes its bundle.
func BenchmarkBuildFOSDEM(b *testing.B) {
	corpus(b, fosdem)
	b.ReportAllocs()
	for b.Loop() {
		s, _ := frab.ReadFile(fosdem)
		if _, err := Encode(s); err != nil {
			b.Fatal(err)
		}
	}
}

func fosdemBundle(b *testing.B) string {
	data, err := Encode(readFOSDEM(b))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkOpenFOSDEM opens (validates) the FOSDEM bundle, as the wasm does at start.
func BenchmarkOpenFOSDEM(b *testing.B) {
	data := fosdemBundle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Open(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTitlesFOSDEM reads every session's title: this must not allocate.
func BenchmarkTitlesFOSDEM(b *testing.B) {
	bd, err := Open(fosdemBundle(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := 0; i < bd.NumSessions(); i++ {
			n += len(bd.Session(i).Title())
		}
	}
	if n == 0 {
		b.Fatal("no titles")
	}
}

// BenchmarkSizeFOSDEM reports the bundle's size against the same data as
// minified JSON, raw and after brotli -q 11 (bytes, not time, are the result).
func BenchmarkSizeFOSDEM(b *testing.B) {
	s := readFOSDEM(b)
	bin, err := Encode(s)
	if err != nil {
		b.Fatal(err)
	}
	js, err := json.Marshal(s)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
	}
	bb, jb := brotliSize(bin), brotliSize(js)
	b.ReportMetric(float64(len(bin)), "bundle-B")
	b.ReportMetric(float64(len(js)), "json-B")
	b.ReportMetric(float64(bb), "bundle-br-B")
	b.ReportMetric(float64(jb), "json-br-B")
	b.ReportMetric(float64(bb)/float64(jb), "br-ratio")
}

func brotliSize(data []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, 11)
	w.Write(data)
	w.Close()
	return buf.Len()
}

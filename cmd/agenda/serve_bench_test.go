package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// benchClients is how many clients fetch at once, each on its own keep-alive
// connection: a room of phones opening the schedule when a talk ends.
const benchClients = 200

// BenchmarkServe measures agenda serve (web.Handler within the default
// limits) on loopback under benchClients concurrent clients: requests per
// second and the 99th percentile of a request's latency, body read included.
// The clients run in the same process, so they share its CPUs.
func BenchmarkServe(b *testing.B) {
	dir := b.TempDir()
	const wasm = "agenda.0123456789.wasm"
	files := benchSite(b, dir, wasm)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := newServer(dir, defaults)
	go srv.Serve(ln)
	defer srv.Close()

	for _, bc := range []struct{ name, path, accept, file string }{
		{"index.html", "/", "", "index.html"},
		{"wasm.br", "/" + wasm, "gzip, deflate, br, zstd", wasm + ".br"},
		{"wasm", "/" + wasm, "", wasm},
	} {
		// One transport across the runs of a case: connections are opened
		// once, as a browser keeps them.
		tr := &http.Transport{MaxIdleConns: benchClients, MaxIdleConnsPerHost: benchClients, DisableCompression: true}
		client := &http.Client{Transport: tr}
		url := "http://" + ln.Addr().String() + bc.path
		b.Run(bc.name, func(b *testing.B) {
			size := int64(len(files[bc.file]))
			b.SetBytes(size)
			lat := make([]time.Duration, b.N)
			var next atomic.Int64
			var failure atomic.Value
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range benchClients {
				wg.Go(func() {
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						t0 := time.Now()
						if err := fetch(client, url, bc.accept, size); err != nil {
							failure.CompareAndSwap(nil, err)
							return
						}
						lat[i] = time.Since(t0)
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if err, _ := failure.Load().(error); err != nil {
				b.Fatal(err)
			}
			slices.Sort(lat)
			p99 := lat[(len(lat)*99+99)/100-1]
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(p99)/float64(time.Millisecond), "p99-ms")
		})
		tr.CloseIdleConnections()
	}
}

// fetch GETs url and reads the body, which must be size bytes.
func fetch(client *http.Client, url, accept string, size int64) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	if err == nil && (res.StatusCode != http.StatusOK || n != size) {
		err = fmt.Errorf("GET %s: %s, %d bytes, want 200 and %d", url, res.Status, n, size)
	}
	return err
}

// benchSite writes index.html and a 3 MB wasm with its brotli copy into dir.
// The wasm is words drawn at random from a small vocabulary: it compresses
// about as well as a real one does.
func benchSite(b *testing.B, dir, wasm string) map[string][]byte {
	b.Helper()
	r := rand.New(rand.NewPCG(7, 11))
	words := make([]string, 4096)
	for i := range words {
		words[i] = fmt.Sprintf("%x", r.Uint64()>>r.IntN(56))
	}
	var raw bytes.Buffer
	raw.WriteString("\x00asm\x01\x00\x00\x00")
	for raw.Len() < 3<<20 {
		raw.WriteString(words[r.IntN(len(words))])
	}
	var br bytes.Buffer
	w := brotli.NewWriterLevel(&br, 5) // quality 11 would take seconds
	w.Write(raw.Bytes())
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	page := bytes.Repeat([]byte("<p>A session of the programme, with its speakers.</p>\n"), 300) // ~16 KB
	files := map[string][]byte{"index.html": page, wasm: raw.Bytes(), wasm + ".br": br.Bytes()}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return files
}

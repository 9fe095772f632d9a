package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>hi</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, "127.0.0.1:0", dir, w); w.Close() }()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, r)
	_, rest, ok := strings.Cut(line, " at ")
	url, _, _ := strings.Cut(rest, " ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("serve printed %q, want the URL", line)
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(string(body), "<title>hi</title>") {
		t.Errorf("GET %s: %d %q %q", url, res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after its context ended", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop when its context ended")
	}
}

func TestServeUsage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file.txt")
	os.WriteFile(file, nil, 0o644)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"serve"}, 2, "want exactly one PATH, got 0"},
		{[]string{"serve", "no/such/dir"}, 2, "no such file or folder"},
		{[]string{"serve", file}, 2, "not a folder"},
		{[]string{"serve", "--addr", "256.0.0.1:99999", "."}, 1, "agenda serve:"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := agenda(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line containing %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if code, stdout, _ := agenda("serve", "--help"); code != 0 || !strings.Contains(stdout, "--addr") {
		t.Errorf("serve --help: exit %d, %q", code, stdout)
	}
}

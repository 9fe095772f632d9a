package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// limitedServer serves dir within l on a loopback listener. With small, each
// connection gets a small send buffer, so that a response much larger than
// it waits on the client. closed receives when the server closes one.
func limitedServer(t *testing.T, dir string, l limits, small bool) (addr string, closed <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	notify := make(chan struct{}, 16)
	srv := newServer(dir, l)
	go srv.Serve(notifyListener{ln, notify, small})
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), notify
}

type notifyListener struct {
	net.Listener
	closed chan struct{}
	small  bool
}

func (l notifyListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := c.(*net.TCPConn)
	if l.small {
		tc.SetWriteBuffer(16 << 10)
	}
	return &notifyConn{TCPConn: tc, closed: l.closed}, nil
}

// notifyConn is a *net.TCPConn, CloseWrite and ReadFrom (sendfile) included,
// that reports its Close.
type notifyConn struct {
	*net.TCPConn
	once   sync.Once
	closed chan struct{}
}

func (c *notifyConn) Close() error {
	c.once.Do(func() {
		select {
		case c.closed <- struct{}{}:
		default:
		}
	})
	return c.TCPConn.Close()
}

// untilClosed reads c to its end: "closed" when the server closed it without
// a byte, "open" when the client gave up waiting first.
func untilClosed(c net.Conn) string {
	n, err := io.Copy(io.Discard, c)
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "open"
	case n > 0:
		return fmt.Sprintf("closed after %d bytes", n)
	}
	return "closed" // io.Copy's nil is EOF; a reset is a close too
}

// download sends GET path on c and reads the body, chunk bytes at a time with
// a pause between: "complete", or "cut" when the server hung up first.
func download(c net.Conn, path string, chunk int, pause time.Duration) string {
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", path)
	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		return "no response: " + err.Error()
	}
	defer res.Body.Close()
	var n int64
	for {
		m, err := io.CopyN(io.Discard, res.Body, int64(chunk))
		n += m
		if err == io.EOF && n == res.ContentLength {
			return "complete"
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return "open"
		}
		if err != nil {
			return "cut"
		}
		time.Sleep(pause)
	}
}

// TestServeLimits checks the limits of agenda serve's server, shrunk so that
// each case takes a moment: the outcome, not the time it took, is asserted.
func TestServeLimits(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"index.html": 100, "big.bin": 8 << 20, "mid.bin": 2 << 20} {
		if err := os.WriteFile(filepath.Join(dir, name), bytes.Repeat([]byte("x"), size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const get = "GET /index.html HTTP/1.1\r\nHost: x\r\n"
	status := func(c net.Conn) string {
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return "no response: " + err.Error()
		}
		res.Body.Close()
		return res.Status
	}
	tests := []struct {
		name  string
		limit func(*limits)
		small bool // small socket buffers on both ends
		talk  func(c net.Conn, closed <-chan struct{}) string
		want  string
	}{
		{"idle keep-alive connection is closed", func(l *limits) { l.idle = 100 * time.Millisecond }, false,
			func(c net.Conn, _ <-chan struct{}) string {
				fmt.Fprint(c, get+"\r\n")
				br := bufio.NewReader(c)
				res, err := http.ReadResponse(br, nil)
				if err != nil {
					return err.Error()
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.Close {
					return "closed by the response"
				}
				return untilClosed(c)
			}, "closed"},
		{"headers sent at a trickle are cut off", func(l *limits) { l.readHeader = 100 * time.Millisecond }, false,
			func(c net.Conn, _ <-chan struct{}) string {
				stop := make(chan struct{})
				defer close(stop)
				go func() {
					fmt.Fprint(c, get+"X-Slow: ")
					for {
						select {
						case <-stop:
							return
						case <-time.After(10 * time.Millisecond):
						}
						if _, err := c.Write([]byte("a")); err != nil {
							return
						}
					}
				}()
				return untilClosed(c)
			}, "closed"},
		{"headers over the limit get 431", func(l *limits) { l.maxHeader = 1 << 10 }, false,
			func(c net.Conn, _ <-chan struct{}) string {
				fmt.Fprint(c, get+"X-Big: "+strings.Repeat("a", 16<<10)+"\r\n\r\n")
				return status(c)
			}, "431 Request Header Fields Too Large"},
		{"headers within the limit get 200", func(l *limits) { l.maxHeader = 1 << 10 }, false,
			func(c net.Conn, _ <-chan struct{}) string {
				fmt.Fprint(c, get+"X-Big: "+strings.Repeat("a", 512)+"\r\n\r\n")
				return status(c)
			}, "200 OK"},
		{"a client that stops reading is cut off", func(l *limits) { l.write, l.minRate = 100*time.Millisecond, 1<<30 }, true,
			func(c net.Conn, closed <-chan struct{}) string {
				fmt.Fprint(c, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
				select {
				case <-closed:
				case <-time.After(10 * time.Second):
					return "open"
				}
				res, err := http.ReadResponse(bufio.NewReader(c), nil)
				if err != nil {
					return "no response"
				}
				if n, _ := io.Copy(io.Discard, res.Body); n < res.ContentLength {
					return "cut"
				}
				return "complete"
			}, "cut"},
		{"a slow download gets its length's time", func(l *limits) { l.write, l.minRate = 100*time.Millisecond, 512<<10 }, true,
			func(c net.Conn, _ <-chan struct{}) string { return download(c, "/mid.bin", 32<<10, 5*time.Millisecond) }, "complete"},
		{"without that, the write timeout cuts it", func(l *limits) { l.write, l.minRate = 100*time.Millisecond, 0 }, true,
			func(c net.Conn, _ <-chan struct{}) string { return download(c, "/mid.bin", 32<<10, 5*time.Millisecond) }, "cut"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := defaults
			tt.limit(&l)
			addr, closed := limitedServer(t, dir, l, tt.small)
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if tt.small {
				c.(*net.TCPConn).SetReadBuffer(16 << 10)
			}
			c.SetDeadline(time.Now().Add(10 * time.Second)) // a bound on a failing case, not a measure
			if got := tt.talk(c, closed); got != tt.want {
				t.Errorf("%s, want %s", got, tt.want)
			}
		})
	}
}

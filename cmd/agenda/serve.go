package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/agendaconf/agenda/web"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--addr HOST:PORT] DIR\n\nServes a folder written by \"agenda site\" over HTTP, with the MIME types,\nCORS headers and precompressed files the widget needs. Stop it with Ctrl-C.", stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on (port 0 picks a free one)")
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	dir, ok := onePath("serve", pos, stderr)
	if !ok {
		return 2
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "agenda serve: %s: not a folder\n", dir)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := serve(ctx, *addr, dir, stdout); err != nil {
		fmt.Fprintf(stderr, "agenda serve: %v\n", err)
		return 1
	}
	return 0
}

// limits bound what a client may take of the server: time to send a request,
// to take a response, to sit idle, and header bytes.
type limits struct {
	readHeader time.Duration // the request line and headers
	read       time.Duration // the whole request (a GET has no body)
	write      time.Duration // a response, plus its length at minRate
	minRate    int64         // bytes a second a download may average, at worst
	idle       time.Duration // a keep-alive connection between requests
	maxHeader  int           // bytes of request line and headers (net/http allows 4 KiB over)
}

// defaults are the limits of agenda serve. The wasm is a few megabytes: at
// 4 KiB/s, a phone on a poor mobile signal, 3 MB gets 30 s plus 12 minutes,
// a 20 KB page 35 s; a client that stops reading keeps its connection no
// longer than that.
var defaults = limits{
	readHeader: 10 * time.Second,
	read:       30 * time.Second,
	write:      30 * time.Second,
	minRate:    4 << 10,
	idle:       60 * time.Second,
	maxHeader:  32 << 10,
}

// newServer returns the server of agenda serve for dir, within l.
func newServer(dir string, l limits) *http.Server {
	return &http.Server{
		Handler:           paced(web.Handler(dir), l.write, l.minRate),
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
		MaxHeaderBytes:    l.maxHeader,
	}
}

// serve serves dir on addr until ctx ends, printing the URL once listening.
func serve(ctx context.Context, addr, dir string, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := newServer(dir, defaults)
	fmt.Fprintf(stdout, "Serving %s at http://%s/ (Ctrl-C stops)\n", dir, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := srv.Shutdown(shutdown)
		if e := <-done; !errors.Is(e, http.ErrServerClosed) {
			err = errors.Join(err, e)
		}
		return err
	}
}

// paced gives each response with a Content-Length a write deadline of base
// plus that length at minRate, instead of the server's fixed WriteTimeout
// (base): a slow phone still gets a large file, and a client that stops
// reading is still cut off. minRate 0 leaves the server's deadline alone.
func paced(h http.Handler, base time.Duration, minRate int64) http.Handler {
	if minRate <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&pacedWriter{ResponseWriter: w, base: base, minRate: minRate}, r)
	})
}

// pacedWriter sets the write deadline when the status line goes out, the
// moment the length is known.
type pacedWriter struct {
	http.ResponseWriter
	base    time.Duration
	minRate int64
	wrote   bool
}

func (p *pacedWriter) WriteHeader(code int) {
	if !p.wrote && code >= 200 { // 1xx responses come before the real one
		p.wrote = true
		if n, err := strconv.ParseInt(p.Header().Get("Content-Length"), 10, 64); err == nil && n > 0 {
			secs := min(float64(n)/float64(p.minRate), 24*60*60) // no Duration overflow
			d := p.base + time.Duration(secs*float64(time.Second))
			// An error means a writer without deadlines: WriteTimeout stays.
			_ = http.NewResponseController(p.ResponseWriter).SetWriteDeadline(time.Now().Add(d))
		}
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *pacedWriter) Write(b []byte) (int, error) {
	if !p.wrote {
		p.WriteHeader(http.StatusOK)
	}
	return p.ResponseWriter.Write(b)
}

// ReadFrom keeps the underlying writer's ReadFrom, which sends files with
// sendfile, in reach of io.Copy.
func (p *pacedWriter) ReadFrom(r io.Reader) (int64, error) {
	if !p.wrote {
		p.WriteHeader(http.StatusOK)
	}
	return io.Copy(p.ResponseWriter, r)
}

// Unwrap lets http.ResponseController reach the connection.
func (p *pacedWriter) Unwrap() http.ResponseWriter { return p.ResponseWriter }

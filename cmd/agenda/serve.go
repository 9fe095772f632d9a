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

// serve serves dir on addr until ctx ends, printing the URL once listening.
func serve(ctx context.Context, addr, dir string, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: web.Handler(dir), ReadHeaderTimeout: 10 * time.Second}
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

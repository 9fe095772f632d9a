# Agenda: `make serve` builds and shows the demo, `make test` runs every test.
# Everything a fresh machine needs is installed by .ci/setup (make setup).

SHELL := /bin/bash

GO        ?= go
CONTENT   ?= content
OUT       ?= bin
# A count, not a duration: Go 1.26's fuzz coordinator can fail a target with a
# bare "context deadline exceeded" when a -fuzztime duration runs out
# (go.dev/issue/75804, fixed in Go 1.27); a count never races a deadline.
FUZZTIME  ?= 50000x
BENCHTIME ?= 1s

AGENDA := $(OUT)/agenda

.PHONY: all setup build bundle serve test browser vet fuzz bench clean

all: bundle

build:
	$(GO) build -o $(AGENDA) ./cmd/agenda

# Chromium and xmllint, when missing (Debian packages).
setup:
	@.ci/setup

# The demo bundle, compiled from content/ (fails on any warning: our own demo
# stays clean). The wasm embeds cmd/widget/demo.bin; a test in widget/bundle
# fails when it is stale (refresh: go test ./widget/bundle -update).
bundle: build
	$(AGENDA) check --strict $(CONTENT)
	$(AGENDA) build $(CONTENT) -o cmd/widget/demo.bin

# The widget's site in $(OUT)/web: agenda.js, agenda.wasm (+ .br, .gz), the demo pages
# and, as their no-JavaScript fallback, the static schedule.
.PHONY: site
site: bundle
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags=-s -o $(OUT)/agenda.wasm ./cmd/widget
	$(AGENDA) site -o $(OUT)/web --wasm $(OUT)/agenda.wasm --schedule cmd/widget/demo.bin

# Serve the demo at http://127.0.0.1:8080/ (Ctrl-C stops).
serve: site
	$(AGENDA) serve --addr 127.0.0.1:8080 $(OUT)/web

# Everything: static checks, native tests (the end-to-end ones drive Chromium
# through web/e2e), the DOM layer's tests inside Chromium, then every fuzz target.
test: setup vet
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory browser
	$(MAKE) --no-print-directory fuzz

# The DOM layer's tests run in headless Chromium through wasmbrowsertest.
WASMTEST := GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="env -u GOOS -u GOARCH $(GO) tool wasmbrowsertest"
browser:
	$(WASMTEST) ./widget/view/ 2>&1 | grep -v 'unhandled node event'; exit $${PIPESTATUS[0]}

JSPKGS := ./widget/view ./cmd/widget
vet:
	@unformatted=$$(gofmt -l cmd widget web); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $(JSPKGS)
	$(GO) build -o $(OUT)/staticcheck honnef.co/go/tools/cmd/staticcheck
	$(OUT)/staticcheck ./...
	GOOS=js GOARCH=wasm $(OUT)/staticcheck $(JSPKGS)

# Every Fuzz* target runs $(FUZZTIME) inputs: short in CI, longer by hand (make fuzz FUZZTIME=2000000x).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg >/tmp/agenda-fuzz.log 2>&1 || { cat /tmp/agenda-fuzz.log; exit 1; }; \
	  done; \
	done

# Native benchmarks, then the widget in headless Chromium (web/e2e/bench_test.go): wasm size,
# mount, search and filter script time and memory, demo and FOSDEM 2025, against the aims.
bench: bundle
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./widget/...
	$(GO) test -run '^$$' -bench . -benchtime 1x ./web/e2e

clean:
	rm -rf $(OUT)

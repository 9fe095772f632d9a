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
# What make site and make serve read and where they serve it; for another
# programme: make serve CONTENT=../schedule.xml SITEFLAGS="--tz Europe/Brussels".
SITEFLAGS ?=
ADDR      ?= 127.0.0.1:8080
GOROOT    := $(shell $(GO) env GOROOT)

.PHONY: all setup build widget site serve test browser vet fuzz bench clean

all: build

# The data-free widget and its wasm_exec.js go into cmd/agenda/embed/ (ignored
# by git), then into bin/agenda: that binary writes sites on machines with no
# Go. After make, a plain go build ./cmd/agenda embeds them too.
#
# -gcflags=all=-l turns inlining off: inlined copies compress badly (the
# whole widget inlined is about 30 KiB larger after brotli; aim: 580). The
# search's matcher, in query, keeps it. Inlining core as well cost 5.2 KiB
# for 20 to 45 us of a FOSDEM keystroke (go test -bench Keystroke
# ./widget/core under GOOS=js, in node): not worth it.
WIDGETFLAGS := -trimpath -ldflags=-s -gcflags=all=-l \
	-gcflags=github.com/agendaconf/agenda/widget/query=
widget:
	GOOS=js GOARCH=wasm $(GO) build $(WIDGETFLAGS) -o cmd/agenda/embed/agenda.wasm ./cmd/widget
	cp $(GOROOT)/lib/wasm/wasm_exec.js cmd/agenda/embed/wasm_exec.js

build: widget
	$(GO) build -o $(AGENDA) ./cmd/agenda

# Chromium, xmllint and the pinned npm packages, when missing.
setup:
	@.ci/setup

# The site for $(CONTENT) in $(OUT)/web: agenda.js, the wasm with the programme
# inside, the pages, the offline page and its service worker, schedule/.
site: build
	$(AGENDA) site $(SITEFLAGS) $(CONTENT) -o $(OUT)/web

# Serve it at http://$(ADDR)/ (Ctrl-C stops).
serve: site
	$(AGENDA) serve --addr $(ADDR) $(OUT)/web

# Everything: our demo stays free of warnings, static checks, native tests (the end-to-end ones drive Chromium
# through web/e2e), the DOM layer's tests inside Chromium, then every fuzz target.
test: setup vet build
	$(AGENDA) check --strict $(CONTENT)
	AGENDA_E2E_WASM=$(CURDIR)/cmd/agenda/embed/agenda.wasm $(GO) test -count=1 ./...
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

# Native benchmarks; agenda serve under 200 concurrent clients (req/s, p99); then the widget in
# headless Chromium (web/e2e): wasm size, mount, search and filter script time and memory,
# and page loads (first session visible, bytes, a second visit through the service worker,
# loopback and throttled), demo and FOSDEM 2025, against the aims.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./widget/...
	$(GO) test -run '^$$' -bench '^BenchmarkServe$$' -benchtime $(BENCHTIME) ./cmd/agenda
	AGENDA_E2E_WASM=$(CURDIR)/cmd/agenda/embed/agenda.wasm $(GO) test -timeout 30m -run '^$$' -bench . -benchtime 1x ./web/e2e

clean:
	rm -rf $(OUT)

# Agenda: `make serve` builds and shows the demo, `make test` runs every test.
# Everything a fresh machine needs is installed by .ci/setup (called from here).

GO        ?= go
CONTENT   ?= content
OUT       ?= bin
FUZZTIME  ?= 4s
BENCHTIME ?= 1s

AGENDA := $(OUT)/agenda

.PHONY: all build bundle serve test vet fuzz bench clean

all: bundle

build:
	$(GO) build -o $(AGENDA) ./cmd/agenda

# The demo bundle, compiled from content/ (fails on any warning: our own demo stays clean).
bundle: build
	$(AGENDA) check --strict $(CONTENT)
	$(AGENDA) build $(CONTENT) -o $(OUT)/demo.bin

# The widget's site in $(OUT)/web: agenda.js, agenda.wasm (+ .br, .gz), the demo pages
# and, as their no-JavaScript fallback, the static schedule.
.PHONY: site
site: bundle
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags=-s -o $(OUT)/agenda.wasm ./cmd/widget
	$(AGENDA) site -o $(OUT)/web --wasm $(OUT)/agenda.wasm --schedule $(OUT)/demo.bin

# Serve the demo at http://127.0.0.1:8080/ (Ctrl-C stops).
serve: site
	$(AGENDA) serve --addr 127.0.0.1:8080 $(OUT)/web

test: vet
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

vet:
	@unformatted=$$(gofmt -l cmd widget); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

# Every Fuzz* target runs for $(FUZZTIME): short in CI, longer by hand (make fuzz FUZZTIME=5m).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg >/tmp/agenda-fuzz.log 2>&1 || { cat /tmp/agenda-fuzz.log; exit 1; }; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./widget/...

clean:
	rm -rf $(OUT)

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

# For now: build the demo bundle and print its summary (the widget issue makes it serve a page).
serve: bundle
	$(AGENDA) dump $(OUT)/demo.bin

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

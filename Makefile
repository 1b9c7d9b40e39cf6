# annex: build, test, benchmark and fuzz. `make help` lists the targets.
GO        ?= go
BIN       ?= annex
FUZZTIME  ?= 30s
# Minimising each new input may take 60 s by default, during which the
# fuzzer counts no executions: with seeds of samples, a 60 s run then tries a
# handful of inputs. 2 s keeps the inputs small enough and the run fuzzing.
FUZZMINTIME ?= 2s
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PKGS      := ./...

.PHONY: all build test lint bench fuzz cover clean help

all: lint test build

help:
	@echo "make build   build ./$(BIN)"
	@echo "make test    run every test (what CI runs, after lint)"
	@echo "make lint    gofmt check and go vet"
	@echo "make bench   parse and diff benchmarks, with pdftotext side by side"
	@echo "make fuzz    run each fuzz target for FUZZTIME (default $(FUZZTIME))"

build:
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/annex

test:
	$(GO) test -count=1 $(PKGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Every Fuzz* function of every package, each for FUZZTIME.
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINTIME) $$pkg; \
	  done; \
	done

cover:
	$(GO) test -coverprofile=cover.out $(PKGS) && $(GO) tool cover -func=cover.out | tail -1

clean:
	rm -f $(BIN) cover.out

# annex: build, test, benchmark and fuzz. `make help` lists the targets.
GO        ?= go
BIN       ?= annex
FUZZTIME  ?= 30s
# Minimising each new input may take 60 s by default, during which the
# fuzzer counts no executions: with seeds of samples, a 60 s run then tries a
# handful of inputs. 2 s keeps the inputs small enough and the run fuzzing.
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

# Every benchmark, each beside its alternative in the same run. The parse
# goals of issue 14 are in parse/pdf: BenchmarkVsPdftotext (CPU of a parse
# and of pdftotext -layout on the same file, interleaved, per producer:
# annex-cpu-ms, pdftotext-cpu-ms, cpu-ratio) and BenchmarkMemory (heap
# high-water of parses of generated annexes of 500, 1,500 and 4,500 pages,
# peak-heap-MB, with input-MB, model-MB and live-peak-MB, beside
# pdftotext's pdftotext-maxrss-MB). BENCH selects
# benchmarks by name, e.g. make bench BENCH=VsPdftotext PKGS=./parse/pdf/
BENCH ?= .
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem $(PKGS)

# Every Fuzz* function of every package, each for FUZZTIME (FUZZFLAGS are
# added: e.g. FUZZFLAGS=-parallel=1 on a shared machine). CI does not fuzz:
# `make test` runs every target's seed corpus as ordinary tests (the seeds of
# FuzzParsePDF include the crafted files of parse/pdf/internal/hostile; a
# failing input found here is kept in the package's testdata/fuzz).
# Minimizing a new input may take up to FUZZMINIMIZE, during which the
# exec count stands still: that is not a hang.
#
# Ran locally on 2026-11-30 on the integrated tree, 2 cores shared with other
# jobs, FUZZFLAGS=-parallel=1, 40 s each (execs in that time):
#   concord      FuzzRead             61,916   no failure
#   diff         FuzzWordDiff        167,769   no failure
#   impact       FuzzRegisterCSV      49,393   no failure
#   impact       FuzzReadRegister     17,209   no failure
#   parse        FuzzReadJSON        228,312   no failure after one fix: an empty
#                                              list of group notes did not write
#                                              back as it read (seed kept)
#   parse        FuzzRoundTrip        22,646   no failure (parse, JSON, read: equal)
#   parse/pdf    FuzzParseConsistent  14,328   no failure
#   parse/pdf    FuzzParsePDF         59,712   no failure
#   parse/pdf    FuzzContentStream    75,216   no failure
#   parse/xlsx   FuzzParseXLSX           318   no failure (a workbook unzipped per exec)
#   parse/xlsx   FuzzParseSheetXML     1,807   no failure
# After the parser's speed work, the PDF targets again, 60 s each, both
# cores: FuzzParsePDF 91,469, FuzzParseConsistent 77,340, FuzzContentStream
# 330,405 execs, no failure.
# After the parser began building while it reads (second session of the
# day), both cores: FuzzParsePDF 280,149 and FuzzParseConsistent 91,824 in
# 60 s, no failure; FuzzGuessesKeepAnswers (Parse reading one page ahead
# against build over the whole document) found at once that the meta data
# was read off one page when only one was read ahead (fixed, seed kept),
# then 43,402 execs in 90 s, no failure.
# Before, on the branches that added them (load average 20 to 36): FuzzParsePDF
# 8 runs, 7.7 min in all (334,797 and 265,275 execs in the 60 s runs that
# found nothing new), FuzzContentStream 2 x 60 s, FuzzRoundTrip 60 s,
# FuzzParseConsistent 60 s, FuzzReadJSON 45 + 40 + 60 s, FuzzRegisterCSV,
# FuzzReadRegister, FuzzParseXLSX and FuzzParseSheetXML 60 s each: no failure.
FUZZMINIMIZE ?= 2s
FUZZFLAGS ?=
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $(FUZZFLAGS) $$pkg; \
	  done; \
	done

cover:
	$(GO) test -coverprofile=cover.out $(PKGS) && $(GO) tool cover -func=cover.out | tail -1

clean:
	rm -f $(BIN) cover.out

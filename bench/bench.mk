# bench.mk, included by the top Makefile: `make bench` compares faqbot with
# a naive FTS5 index and Xapian on synthetic corpora (bench/README.md);
# `make bench-smoke` is its quick run; `make bench-deps` installs the word
# list and Xapian from Debian.
BENCH_SIZES ?= 1000 100000 1000000
BENCH_PKGS := wamerican libxapian-dev g++
BENCH_DIR := $(BUILD)/bench
CXX ?= c++
BENCH_CXXFLAGS := -std=c++17 -Wall -Wextra -Werror -O2 -g
XAPIAN_CFLAGS := $(shell pkg-config --cflags xapian-core 2>/dev/null)
XAPIAN_LIBS := $(shell pkg-config --libs xapian-core 2>/dev/null)
BENCH_TOOLS := $(BENCH_DIR)/gen $(BENCH_DIR)/naive $(BENCH_DIR)/floor \
	$(BENCH_DIR)/runstat
# Xapian's peer is built only where Xapian is installed; run.sh skips it
# otherwise.
ifneq ($(XAPIAN_LIBS),)
BENCH_TOOLS += $(BENCH_DIR)/xapian
endif

.PHONY: bench bench-smoke bench-deps bench-tools
bench-tools: $(BENCH_TOOLS) $(BUILD)/faqbot $(BUILD)/faqbot-index

$(BENCH_DIR)/gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $< -o $@ -lm
$(BENCH_DIR)/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $< -o $@
$(BENCH_DIR)/naive: bench/naive.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(SQLITE_CFLAGS) $< -o $@ $(SQLITE_LIBS)
$(BENCH_DIR)/floor: bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(SQLITE_CFLAGS) $< -o $@ $(SQLITE_LIBS)
$(BENCH_DIR)/xapian: bench/xapian.cc
	@mkdir -p $(dir $@)
	$(CXX) $(BENCH_CXXFLAGS) $(XAPIAN_CFLAGS) $< -o $@ $(XAPIAN_LIBS)

# The tools are made by a second make: Xapian's flags are read when the
# makefile is, so after bench-deps has installed it.
bench: bench-deps
	@$(MAKE) --no-print-directory bench-tools
	@BUILD=$(BUILD) BENCH_SIZES="$(BENCH_SIZES)" bench/run.sh

bench-smoke:
	@$(MAKE) --no-print-directory install-pkgs PKG_LIST="$(PKGS) wamerican"
	@$(MAKE) --no-print-directory bench-tools
	@BUILD=$(BUILD) bench/run.sh --smoke

bench-deps:
	@$(MAKE) --no-print-directory install-pkgs PKG_LIST="$(PKGS) $(BENCH_PKGS)"

# tests/fuzz/fuzz.mk: libFuzzer targets for every parser of untrusted text,
# included by the top Makefile. Built with clang apart from the gcc objects:
#   make fuzz [FUZZ_SECONDS=60]   each target for FUZZ_SECONDS
#   make fuzz-smoke               each target briefly, plus its regress/ inputs
# Seeds are in tests/fuzz/seeds/<target>/ (read only); what a run learns goes
# to build/fuzz/corpus/<target>/, crashing inputs to build/fuzz/crash/<target>/.
# A crash found is kept for good by copying it into tests/fuzz/regress/<target>/.

# Debian packages needed only to fuzz.
FUZZ_PKGS := clang
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 3
FUZZ_BUILD ?= build/fuzz
FUZZ_TARGETS := article tsv faq numbered synfile query json sentvec
# -fsanitize=fuzzer-no-link: the product's code gets coverage feedback but
# no main; only the final link brings in libFuzzer's.
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# Warnings as gcc's build has them, but not as errors: a warning only
# clang gives must not stop the tests.
FUZZ_CFLAGS := $(filter-out -Werror,$(WARN)) -O1 -g $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link $(SQLITE_CFLAGS) -MMD -MP \
	-Icommon -Iindex -Ibot
# libFuzzer's options for every run: a slow input (> 10 s) is a finding too.
FUZZ_OPTS := -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
fuzz_obj = $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(1))
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
# Kept between builds (make would delete them as intermediate files).
.SECONDARY: $(call fuzz_obj,$(FUZZ_TARGETS:%=tests/fuzz/fuzz_%.c) \
	tests/fuzz/fuzzcheck.c)

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

# fuzz_query builds its index from the article once at start-up.
$(FUZZ_BUILD)/obj/tests/fuzz/fuzz_query.o: FUZZ_CFLAGS += \
	-DFUZZ_CORPUS='"$(abspath $(CORPUS))"'

# fuzz_sentvec reads the sentence encoder make model fetched.
$(FUZZ_BUILD)/obj/tests/fuzz/fuzz_sentvec.o: FUZZ_CFLAGS += \
	-DFUZZ_MODEL='"$(abspath $(MODEL_DIR))"'
$(FUZZ_BUILD)/fuzz_sentvec: | $(MODEL_DIR)/weights.bin

# The cores as an archive: each target pulls in only the objects it uses.
# No main.c, no repl.c: the programs' shells are not under test here.
$(FUZZ_BUILD)/libcore.a: $(call fuzz_obj,$(COMMON) $(INDEX_CORE) $(BOT_CORE))
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.o \
		$(FUZZ_BUILD)/obj/tests/fuzz/fuzzcheck.o $(FUZZ_BUILD)/libcore.a
	$(FUZZ_CC) -g $(FUZZ_SAN) -fsanitize=fuzzer $^ -o $@ \
		$(SQLITE_LIBS) $(STEMMER_LIBS) -lm -pthread

# What a failed run found, from its log: a broken invariant, a sanitizer's
# report, or libFuzzer's (deadly signal, timeout, out-of-memory).
fuzz_what = grep -a -m1 -oE 'fuzz invariant: .{0,120}|[^ ]+: runtime error: .*|SUMMARY: AddressSanitizer: .*|ERROR: libFuzzer: [a-z-]+( signal)?'

# fuzz_run SECONDS: runs every target for SECONDS, then over the inputs
# in its regress/ folder, saying what each found ("fuzz_T: N executions in
# S s, no crash", or FAIL with the finding, the input and the log); a
# target passes when both ran clean. Ends "fuzz: N passed, N failed".
define fuzz_run
	@pass=0 fail=0; \
	for t in $(FUZZ_TARGETS); do \
	  bin=$(FUZZ_BUILD)/fuzz_$$t log=$(FUZZ_BUILD)/fuzz_$$t.log; \
	  work=$(FUZZ_BUILD)/corpus/$$t crash=$(FUZZ_BUILD)/crash/$$t/; \
	  mkdir -p $$work $$crash; clean=1; \
	  $$bin $(FUZZ_OPTS) -max_total_time=$(1) -artifact_prefix=$$crash \
	    $$work tests/fuzz/seeds/$$t >$$log 2>&1; rc=$$?; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log); \
	  secs=$$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' $$log); \
	  if [ $$rc -eq 0 ]; then \
	    echo "fuzz_$$t: $${runs:-?} executions in $${secs:-?} s, no crash"; \
	  else \
	    clean=0; \
	    art=$$(sed -n 's/.*Test unit written to \(.*\)$$/\1/p' $$log | head -1); \
	    echo "FAIL fuzz_$$t: $$($(fuzz_what) $$log) after $${runs:-?} executions; input: $${art:-none}; log: $$log"; \
	  fi; \
	  reg=$$(ls -d tests/fuzz/regress/$$t/* 2>/dev/null); \
	  if [ -z "$$reg" ]; then :; \
	  elif $$bin $(FUZZ_OPTS) $$reg >$$log.regress 2>&1; then \
	    echo "fuzz_$$t: $$(echo $$reg | wc -w) regress inputs, no crash"; \
	  else \
	    clean=0; \
	    in=$$(sed -n 's/^Running: //p' $$log.regress | tail -1); \
	    echo "FAIL fuzz_$$t: regress input $$in: $$($(fuzz_what) $$log.regress); log: $$log.regress"; \
	  fi; \
	  if [ $$clean = 1 ]; then pass=$$((pass + 1)); else fail=$$((fail + 1)); fi; \
	done; \
	echo "fuzz: $$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]
endef

fuzz: $(FUZZ_BINS)
	$(call fuzz_run,$(FUZZ_SECONDS))

fuzz-smoke: $(FUZZ_BINS)
	$(call fuzz_run,$(FUZZ_SMOKE_SECONDS))

-include $(shell find $(FUZZ_BUILD)/obj -name '*.d' 2>/dev/null)

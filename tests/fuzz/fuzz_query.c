/* fuzz_query.c: libFuzzer target for a question's way through the bot:
 * query_clean(), stemtok_split() (the "stem" tokenizer on an in-memory
 * SQLite database), and answer_ask() against the article's index, built
 * once at start-up into a temporary file (with WordNet's and an author's
 * synonyms), then the renderers over the result.
 *
 * Bits 0-1 of the first byte pick the stemmer language of the
 * stemtok_split() step, bit 2 turns --explain on; the last byte gives the
 * number of matches asked for; the whole input is the question. FUZZ_CORPUS_FILE in the environment overrides the article
 * the index is built from (default: the Makefile's CORPUS). */
#include "answer.h"
#include "build.h"
#include "corpus.h"
#include "fuzzcheck.h"
#include "query.h"
#include "render.h"
#include "stemtok.h"
#include "synfile.h"
#include "wordnet.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "corpus/massage-back-pain.txt"
#endif
#define WORDNET_DIR "/usr/share/wordnet"
#define THRESHOLD 0.5
/* An author's synonyms file, so that the index has that table filled. */
static const char synonyms[] = "# test synonyms\n"
                               "ache, pain, hurt, sore\n"
                               "massage, rub, kneading\n"
                               "doctor, physician, doc\n";

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *mem;  /* ":memory:" with the "stem" tokenizer registered */
static answerer *bot; /* the article's index, open for the whole run */

__attribute__((noreturn)) static void die(const char *what,
                                          const char *why)
{
	fprintf(stderr, "fuzz_query: %s: %s\n", what, why);
	exit(1);
}

/* The whole of path, malloc'ed; the caller frees it. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;
	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || !(s = malloc((size_t)n + 1)) ||
	    fread(s, 1, (size_t)n, f) != (size_t)n)
		die(path, "cannot read it");
	fclose(f);
	*len = (size_t)n;
	return s;
}

/* Builds the index of the article into a temporary folder, opens it, and
 * removes the file again: the open connection keeps it readable. */
static void open_index(void)
{
	const char *path = getenv("FUZZ_CORPUS_FILE");
	char dir[] = "/tmp/fuzz_query.XXXXXX", db[64], err[512];
	size_t len;
	corpus c = {0};
	if (!path || !*path)
		path = FUZZ_CORPUS;
	char *text = slurp(path, &len);
	if (corpus_parse(path, text, len, CORPUS_AUTO, &c) != 0)
		die(path, "no entries");
	free(text);
	if (!mkdtemp(dir))
		die(dir, "cannot make a temporary folder");
	snprintf(db, sizeof db, "%s/faq.db", dir);
	wordnet *wn = wordnet_open(WORDNET_DIR, err, sizeof err); /* may be NULL */
	synfile syn = {0};
	if (synfile_parse(synonyms, sizeof synonyms - 1, &syn) != 0)
		die("synonyms", "cannot parse");
	build_source src = {path, &c};
	build_options opt = {"english", wn, &syn, 0, NULL, NULL, NULL};
	int rc = build_index(&src, 1, &opt, db, err, sizeof err);
	wordnet_close(wn);
	synfile_free(&syn);
	corpus_free(&c);
	if (rc != 0)
		die(db, err);
	bot = answer_open(db, err, sizeof err);
	unlink(db);
	rmdir(dir);
	if (!bot)
		die(db, err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sqlite3_open(":memory:", &mem) != SQLITE_OK ||
	    stemtok_register(mem) != SQLITE_OK)
		die(":memory:", "cannot register the stem tokenizer");
	open_index();
	return 0;
}

/* query_clean(): same length, no NUL, valid UTF-8, no C0/C1 control. */
static char *clean(const char *q, size_t size)
{
	char *text = query_clean(q, size);
	if (!text)
		fuzz_fail("query_clean: NULL");
	if (strlen(text) != size)
		fuzz_fail("query_clean: %zu bytes in, %zu out", size,
		          strlen(text));
	if (!fuzz_utf8_valid(text, size))
		fuzz_fail("query_clean: output not valid UTF-8");
	size_t i = fuzz_control_at(text, size);
	if (i < size)
		fuzz_fail("query_clean: control byte 0x%02x at %zu",
		          (unsigned char)text[i], i);
	for (i = 0; i + 1 < size; i++)
		if ((unsigned char)text[i] == 0xC2 &&
		    (unsigned char)text[i + 1] < 0xA0)
			fuzz_fail("query_clean: C1 control at %zu", i);
	return text;
}

/* stemtok_split(): tokens within the text, words and stems short and
 * valid UTF-8. */
static void split(const char *lang, const char *text, size_t size)
{
	stemtok_list l = {0};
	int rc = stemtok_split(mem, lang, text, (int)size, &l);
	if (rc != SQLITE_OK)
		fuzz_fail("stemtok_split(%s): %s", lang, sqlite3_errstr(rc));
	for (size_t i = 0; i < l.n; i++) {
		const stemtok_token *t = &l.v[i];
		size_t w = strlen(t->word), s = strlen(t->stem);
		if (w == 0 || w > STEMTOK_MAX || s > STEMTOK_MAX)
			fuzz_fail("token %zu: word %zu bytes, stem %zu", i, w, s);
		if (!fuzz_utf8_valid(t->word, w) || !fuzz_utf8_valid(t->stem, s))
			fuzz_fail("token %zu: not valid UTF-8", i);
		if (t->start < 0 || t->start > t->end || (size_t)t->end > size)
			fuzz_fail("token %zu: bytes %d..%d of %zu", i, t->start,
			          t->end, size);
	}
	stemtok_list_free(&l);
}

/* --explain: one why per word, spans within the label or answer text
 * and on UTF-8 character boundaries. */
static void check_explain(const answer_result *r)
{
	if (r->n == 0)
		return;
	if (!r->why || !r->text)
		fuzz_fail("explain: why or text missing");
	for (size_t i = 0; i < r->nwhy; i++) {
		const answer_why *y = &r->why[i];
		if (!y->word || !y->how)
			fuzz_fail("explain: why %zu incomplete", i);
		if (!(y->score == y->score) || y->score > 1e6 || y->score < -1e6)
			fuzz_fail("explain: word %s scores %g", y->word, y->score);
	}
	for (size_t i = 0; i < r->nspans; i++) {
		const answer_span *sp = &r->spans[i];
		const char *t = sp->in_answer ? r->text : r->m[0].label;
		size_t n = strlen(t);
		if (sp->start >= sp->end || sp->end > n)
			fuzz_fail("explain: span %zu..%zu of a %zu-byte text",
			          sp->start, sp->end, n);
		if (((unsigned char)t[sp->start] & 0xC0) == 0x80 ||
		    ((unsigned char)t[sp->end] & 0xC0) == 0x80)
			fuzz_fail("explain: span %zu..%zu cuts a character",
			          sp->start, sp->end);
	}
}

static void ask(const char *q, size_t size, size_t top, int explain)
{
	answer_result r;
	char msg[1024];
	if (answer_ask(bot, q, size, top, THRESHOLD, &r, msg, sizeof msg) != 0)
		fuzz_fail("answer_ask: %s", msg);
	if (r.n > top)
		fuzz_fail("answer_ask: %zu matches for top %zu", r.n, top);
	if (r.declined && (r.n || r.answer))
		fuzz_fail("answer_ask: declined, yet matches or an answer");
	if (size > QUERY_MAX_BYTES && !r.declined)
		fuzz_fail("answer_ask: a %zu-byte question not declined", size);
	if (!(r.confidence >= 0 && r.confidence <= 1))
		fuzz_fail("answer_ask: confidence %g", r.confidence);
	if (r.answer && (r.n == 0 || r.confidence < THRESHOLD))
		fuzz_fail("answer_ask: an answer with %zu matches at %g", r.n,
		          r.confidence);
	for (size_t i = 0; i < r.n; i++) {
		if (!r.m[i].id || !r.m[i].label ||
		    !(r.m[i].score >= 0 && r.m[i].score <= 1))
			fuzz_fail("answer_ask: match %zu incomplete or score %g", i,
			          r.m[i].score);
		for (size_t j = 0; j < i; j++)
			if (strcmp(r.m[i].id, r.m[j].id) == 0)
				fuzz_fail("answer_ask: match %s twice", r.m[i].id);
	}
	for (size_t i = 0; i < r.nfixes; i++)
		if (!r.fixes[i].from || !r.fixes[i].to)
			fuzz_fail("answer_ask: correction %zu incomplete", i);
	if (!explain && (r.why || r.text || r.spans))
		fuzz_fail("answer_ask: explained without being asked to");
	if (explain)
		check_explain(&r);
	buf b = {0};
	render_json(&b, q, size > QUERY_MAX_BYTES ? QUERY_MAX_BYTES : size, &r);
	if (b.oom || b.n == 0 || b.s[b.n - 1] != '\n')
		fuzz_fail("render_json: no complete line");
	fuzz_json_check(b.s, b.n - 1);
	buf_free(&b);
	render_line(&b, &r);
	if (b.oom || b.n == 0 || memchr(b.s, '\n', b.n - 1))
		fuzz_fail("render_line: not one line");
	buf_free(&b);
	render_human(&b, &r, explain);
	render_why(&b, &r, !explain);
	buf_free(&b);
	answer_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *langs[] = {"english", "english", "german", "russian"};
	const char *q = (const char *)data;
	char *text = clean(q, size);
	split(langs[size ? data[0] & 3 : 0], text, size);
	free(text);
	int explain = size && data[0] & 4;
	answer_explain(bot, explain);
	ask(q, size, size ? 1 + data[size - 1] % 8 : 3, explain);
	return 0;
}

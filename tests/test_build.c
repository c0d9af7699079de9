/* test_build.c: the index builder's parts: the hash index of questions
 * seen, when two questions are one, and FTS5 fed the builder's own split
 * of each text (checked by FTS5's integrity-check, which splits again). */
#include "build.h"
#include "check.h"
#include "corpus.h"
#include "hashidx.h"
#include "lint.h"
#include "stemtok.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static void test_hashidx(void)
{
	hashidx h = {0};
	enum { N = 100000 };
	int ok = 1;
	/* Every value under a few hashes that many share, and one each. */
	for (uint32_t v = 1; ok && v <= N; v++)
		ok = hashidx_add(&h, v % 7 == 0 ? 42u : v * 2654435761u, v) == 0;
	CHECK(ok && h.n == N);
	CHECK(h.n * 20 <= h.cap * 17); /* grown by half, never over 85% */
	size_t pos = 0, shared = 0;
	uint32_t v;
	while (hashidx_next(&h, 42u, &pos, &v))
		shared += v % 7 == 0;
	CHECK(shared == N / 7);
	int found = 1;
	for (uint32_t k = 1; found && k <= N; k++) {
		if (k % 7 == 0)
			continue;
		pos = 0;
		found = 0;
		while (!found && hashidx_next(&h, k * 2654435761u, &pos, &v))
			found = v == k;
	}
	CHECK(found);
	pos = 0;
	CHECK(!hashidx_next(&h, 7u, &pos, &v) || v != 7);
	hashidx_free(&h);
	hashidx empty = {0};
	pos = 0;
	CHECK(!hashidx_next(&empty, 1, &pos, &v));
}

static void test_lint(void)
{
	CHECK(lint_question_equal("How do I  reset it?", "how do i reset it?"));
	CHECK(lint_question_hash("How do I  reset it?") ==
	      lint_question_hash("how do i reset it?"));
	CHECK(!lint_question_equal("How do I reset it?", "How do I reset it"));
	CHECK(!lint_question_equal("reset", "reset it"));
	sqlite3 *db = NULL;
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK &&
	      stemtok_register(db) == SQLITE_OK);
	stemtok_list l = {0};
	const char *q = "How can I delete my accounts, my account?";
	CHECK(stemtok_split(db, "english", q, (int)strlen(q), &l) == SQLITE_OK);
	char *k = lint_key(&l, "english", 0);
	CHECK_STR(k, "account delet");
	free(k);
	stemtok_list_free(&l);
	sqlite3_close(db);
}

static long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* FTS5's postings (term, entry, column, offset) differ from what they
 * were before (table was) in this many rows. */
static long changed(sqlite3 *db)
{
	return count(db, "SELECT (SELECT count(*) FROM (SELECT * FROM fts_inst"
	                 " EXCEPT SELECT * FROM was)) + (SELECT count(*) FROM"
	                 " (SELECT * FROM was EXCEPT SELECT * FROM fts_inst))");
}

/* An index built from the article, whose FTS5 index the builder fed with
 * its own split of each text, is the one FTS5 makes itself ('rebuild'
 * splits every text again with the "stem" tokenizer). */
static void test_replay(void)
{
	char path[] = "/tmp/faqbot-test-build-XXXXXX", err[256];
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	FILE *f = fopen("corpus/massage-back-pain.txt", "rb");
	static char text[1 << 16];
	size_t len = f ? fread(text, 1, sizeof text, f) : 0;
	if (f)
		fclose(f);
	corpus c = {0};
	CHECK(corpus_parse("a.txt", text, len, CORPUS_AUTO, &c) == 0);
	build_source src = {"a.txt", &c};
	build_options opt = {"english", NULL, NULL, 0, NULL, NULL, NULL};
	CHECK(build_index(&src, 1, &opt, path, err, sizeof err) == 0);
	corpus_free(&c);
	sqlite3 *db = NULL;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
	      stemtok_register(db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE TEMP TABLE was AS SELECT * FROM fts_inst",
	                   NULL, NULL, NULL) == SQLITE_OK);
	CHECK(count(db, "SELECT count(*) FROM was") > 1000);
	CHECK(sqlite3_exec(db, "INSERT INTO fts(fts) VALUES('rebuild')", NULL,
	                   NULL, NULL) == SQLITE_OK);
	CHECK(changed(db) == 0);
	/* The comparison can fail: a changed answer changes the postings. */
	CHECK(sqlite3_exec(db,
	                   "UPDATE entry SET answer = 'nothing at all' WHERE id = 2;"
	                   "INSERT INTO fts(fts) VALUES('rebuild')",
	                   NULL, NULL, NULL) == SQLITE_OK);
	CHECK(changed(db) > 0);
	sqlite3_close(db);
	unlink(path);
}

void test_build(void)
{
	test_hashidx();
	test_lint();
	test_replay();
}

/* test_stemtok.c: unit tests of common/stemtok.c: questions split, folded
 * and stemmed from C, hostile bytes, and the "stem" tokenizer inside FTS5. */
#include "check.h"
#include "testutil.h"
#include "stemtok.h"

#include <stdlib.h>
#include <string.h>

void test_stemtok(void);

/* ---- helpers --------------------------------------------------------- */

/* A fresh in-memory database with the "stem" tokenizer registered, or NULL
 * (after a failed check). The caller closes it. */
static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(":memory:", &db);
	CHECK(rc == SQLITE_OK);
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	rc = stemtok_register(db);
	CHECK(rc == SQLITE_OK);
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Splits len bytes of text from a malloc'ed copy that is exactly len bytes
 * long (no NUL after it), so that AddressSanitizer catches a read past the
 * end. l is zeroed first; the caller frees it with stemtok_list_free. */
static int split_n(sqlite3 *db, const char *lang, const char *text, int len,
                   stemtok_list *l)
{
	char *copy = malloc(len ? (size_t)len : 1);
	int rc;
	if (!copy)
		abort();
	memcpy(copy, text, (size_t)len);
	memset(l, 0, sizeof *l);
	rc = stemtok_split(db, lang, copy, len, l);
	free(copy);
	return rc;
}

static int split(sqlite3 *db, const char *lang, const char *text,
                 stemtok_list *l)
{
	return split_n(db, lang, text, (int)strlen(text), l);
}

/* The bytes of text that token i of l covers, in a static buffer, so that
 * CHECK_STR shows them on failure; NULL when the offsets are out of range. */
static const char *span(const char *text, const stemtok_list *l, size_t i)
{
	static char b[128];
	int len = (int)strlen(text);
	if (i >= l->n)
		return NULL;
	const stemtok_token *t = &l->v[i];
	if (t->start < 0 || t->end < t->start || t->end > len ||
	    t->end - t->start >= (int)sizeof b)
		return NULL;
	memcpy(b, text + t->start, (size_t)(t->end - t->start));
	b[t->end - t->start] = '\0';
	return b;
}

static const char *word(const stemtok_list *l, size_t i)
{
	return i < l->n ? l->v[i].word : NULL;
}

static const char *stem(const stemtok_list *l, size_t i)
{
	return i < l->n ? l->v[i].stem : NULL;
}


/* The one integer the statement sql gives, with match bound to ?1, or -1
 * when it cannot be run. */
static int count_match(sqlite3 *db, const char *sql, const char *match)
{
	sqlite3_stmt *st = NULL;
	int n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* ---- splitting from C ------------------------------------------------ */

static void test_english(sqlite3 *db)
{
	static const char text[] = "Running runners RAN quickly";
	stemtok_list l;
	int rc = split(db, "english", text, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 4);
	CHECK_STR(word(&l, 0), "running");
	CHECK_STR(word(&l, 1), "runners");
	CHECK_STR(word(&l, 2), "ran");
	CHECK_STR(word(&l, 3), "quickly");
	CHECK_STR(stem(&l, 0), "run");
	CHECK_STR(stem(&l, 1), "runner");
	CHECK_STR(stem(&l, 2), "ran");
	CHECK_STR(stem(&l, 3), "quick");
	/* offsets are bytes of the original text, case and all */
	CHECK_STR(span(text, &l, 0), "Running");
	CHECK_STR(span(text, &l, 1), "runners");
	CHECK_STR(span(text, &l, 2), "RAN");
	CHECK_STR(span(text, &l, 3), "quickly");
	CHECK(l.n == 4 && l.v[0].start == 0 && l.v[3].end == 27);
	stemtok_list_free(&l);
	CHECK(l.v == NULL && l.n == 0 && l.cap == 0);

	/* the list is appended to, not replaced */
	rc = split(db, "english", "one", &l);
	CHECK(rc == SQLITE_OK);
	rc = stemtok_split(db, "english", "two three", 9, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 3);
	CHECK_STR(word(&l, 0), "one");
	CHECK_STR(word(&l, 2), "three");
	stemtok_list_free(&l);

	/* more tokens than the list's first allocation */
	static const char many[] = "a b c d e f g h i j k l m n o p q r s t u v"
	                           " w x y z";
	rc = split(db, "english", many, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 26);
	CHECK_STR(word(&l, 25), "z");
	CHECK_STR(span(many, &l, 25), "z");
	stemtok_list_free(&l);
}

static void test_diacritics(sqlite3 *db)
{
	static const char text[] = "Caf\xC3\xA9 na\xC3\xAFve";
	stemtok_list l;
	int rc = split(db, "english", text, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 2);
	CHECK_STR(word(&l, 0), "cafe");
	CHECK_STR(stem(&l, 0), "cafe");
	CHECK_STR(word(&l, 1), "naive");
	/* the offsets cover the bytes of the accented original */
	CHECK_STR(span(text, &l, 0), "Caf\xC3\xA9");
	CHECK_STR(span(text, &l, 1), "na\xC3\xAFve");
	stemtok_list_free(&l);
}

/* FTS5 query syntax means nothing here: operators are plain words. */
static void test_operators(sqlite3 *db)
{
	static const char text[] = "\"AND\" OR (NOT) * ^ : - +";
	stemtok_list l;
	int rc = split(db, "english", text, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 3);
	CHECK_STR(word(&l, 0), "and");
	CHECK_STR(word(&l, 1), "or");
	CHECK_STR(word(&l, 2), "not");
	CHECK_STR(span(text, &l, 0), "AND");
	CHECK_STR(span(text, &l, 1), "OR");
	CHECK_STR(span(text, &l, 2), "NOT");
	stemtok_list_free(&l);

	rc = split(db, "english", "?!.,;'\"()[]{}<>*^:-+=/\\|&%$#@~`", &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 0);
	stemtok_list_free(&l);
}

static void test_empty_and_hostile(sqlite3 *db)
{
	stemtok_list l;
	int rc = split(db, "english", "", &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 0);
	stemtok_list_free(&l);

	rc = split(db, "english", "   \t\n  ", &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 0);
	stemtok_list_free(&l);

	/* len is authoritative: "two" lies past it */
	rc = stemtok_split(db, "english", "one two", 3, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 1);
	CHECK_STR(word(&l, 0), "one");
	stemtok_list_free(&l);

	/* invalid UTF-8 and an embedded NUL split words and are not words */
	static const char bad[] = "a\xff\xfe b\0c \xC0\x80 d\xE2\x80";
	rc = split_n(db, "english", bad, (int)sizeof bad - 1, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 4);
	CHECK_STR(word(&l, 0), "a");
	CHECK_STR(word(&l, 1), "b");
	CHECK_STR(word(&l, 2), "c");
	CHECK_STR(word(&l, 3), "d");
	CHECK(l.n == 4 && l.v[2].start == 6 && l.v[3].start == 11);
	for (size_t i = 0; i < l.n; i++)
		CHECK(test_utf8_valid(l.v[i].word, 0) && test_utf8_valid(l.v[i].stem, 0));
	stemtok_list_free(&l);

	/* every byte value, twice, in one text */
	char all[512];
	for (int i = 0; i < 512; i++)
		all[i] = (char)(i * 7 % 256);
	rc = split_n(db, "english", all, 512, &l);
	CHECK(rc == SQLITE_OK);
	int bad_tok = 0;
	for (size_t i = 0; i < l.n; i++)
		bad_tok += !test_utf8_valid(l.v[i].word, 0) || l.v[i].start < 0 ||
		           l.v[i].end > 512 || l.v[i].start >= l.v[i].end;
	CHECK(bad_tok == 0);
	stemtok_list_free(&l);

	/* a word longer than STEMTOK_MAX is cut, not overflowed */
	char big[STEMTOK_MAX * 3];
	memset(big, 'x', sizeof big);
	rc = split_n(db, "english", big, (int)sizeof big, &l);
	CHECK(rc == SQLITE_OK);
	CHECK(l.n == 1);
	if (l.n == 1) {
		CHECK(strlen(l.v[0].word) == STEMTOK_MAX);
		CHECK(strlen(l.v[0].stem) <= STEMTOK_MAX);
		CHECK(l.v[0].start == 0 && l.v[0].end == (int)sizeof big);
	}
	stemtok_list_free(&l);
}

static void test_languages(sqlite3 *db)
{
	static const char text[] = "H\xC3\xA4user";
	stemtok_list en, de;
	int rc = split(db, "english", text, &en);
	CHECK(rc == SQLITE_OK);
	rc = split(db, "german", text, &de);
	CHECK(rc == SQLITE_OK);
	CHECK(en.n == 1 && de.n == 1);
	if (en.n == 1 && de.n == 1) {
		CHECK_STR(en.v[0].word, de.v[0].word);
		CHECK(strcmp(en.v[0].stem, de.v[0].stem) != 0);
		CHECK_STR(de.v[0].stem, "haus");
	}
	stemtok_list_free(&en);
	stemtok_list_free(&de);

	CHECK(stemtok_language_ok("english") == 1);
	CHECK(stemtok_language_ok("german") == 1);
	CHECK(stemtok_language_ok("klingon") == 0);
	CHECK(stemtok_language_ok("") == 0);

	/* an unknown language is an error and adds nothing */
	stemtok_list l;
	rc = split(db, "klingon", "some words", &l);
	CHECK(rc != SQLITE_OK);
	CHECK(l.n == 0);
	stemtok_list_free(&l);
}

/* ---- inside FTS5 ----------------------------------------------------- */

static void test_fts5(sqlite3 *db)
{
	static const char count[] = "SELECT count(*) FROM t WHERE t MATCH ?1";
	int rc =
	    sqlite3_exec(db,
	                 "CREATE VIRTUAL TABLE t USING fts5(x,"
	                 " tokenize='stem english');"
	                 "INSERT INTO t(x) VALUES ('massages relaxing');"
	                 "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');",
	                 NULL, NULL, NULL);
	CHECK(rc == SQLITE_OK);
	/* the index holds stems, and queries are stemmed the same way */
	CHECK(count_match(db, count, "massag") == 1);
	CHECK(count_match(db, count, "massage") == 1);
	CHECK(count_match(db, count, "MASSAGING") == 1);
	CHECK(count_match(db, count, "relaxed") == 1);
	CHECK(count_match(db, count, "sleep") == 0);
	CHECK(count_match(db, "SELECT count(*) FROM v WHERE term = ?1",
	                  "massag") == 1);
	CHECK(count_match(db, "SELECT count(*) FROM v WHERE term = ?1",
	                  "massages") == 0);
	CHECK(count_match(db, "SELECT count(*) FROM v WHERE term = ?1",
	                  "relax") == 1);

	/* default language, and unicode61 options after the language (as the
	 * schema writes them) */
	rc = sqlite3_exec(
	    db,
	    "CREATE VIRTUAL TABLE d USING fts5(x, tokenize='stem');"
	    "INSERT INTO d(x) VALUES ('runners');"
	    "CREATE VIRTUAL TABLE u USING fts5(x,"
	    " tokenize='stem english remove_diacritics 1');"
	    "INSERT INTO u(x) VALUES ('Caf\xC3\xA9s');",
	    NULL, NULL, NULL);
	CHECK(rc == SQLITE_OK);
	CHECK(count_match(db, "SELECT count(*) FROM d WHERE d MATCH ?1",
	                  "runner") == 1);
	CHECK(count_match(db, "SELECT count(*) FROM u WHERE u MATCH ?1",
	                  "cafe") == 1);

	/* an unknown language cannot be used */
	rc = sqlite3_exec(db,
	                  "CREATE VIRTUAL TABLE k USING fts5(x,"
	                  " tokenize='stem klingon');",
	                  NULL, NULL, NULL);
	CHECK(rc != SQLITE_OK);
	/* nor can a bad unicode61 option */
	rc = sqlite3_exec(db,
	                  "CREATE VIRTUAL TABLE o USING fts5(x,"
	                  " tokenize='stem english no_such_option 1');",
	                  NULL, NULL, NULL);
	CHECK(rc != SQLITE_OK);
}

void test_stemtok(void)
{
	sqlite3 *db = open_db();
	if (!db)
		return;
	test_english(db);
	test_diacritics(db);
	test_operators(db);
	test_empty_and_hostile(db);
	test_languages(db);
	test_fts5(db);
	CHECK(sqlite3_close(db) == SQLITE_OK);
}

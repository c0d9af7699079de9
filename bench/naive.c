/* naive.c: the benchmark's baseline peer, the plainest use of SQLite FTS5:
 * the built-in porter tokenizer over question and answer, and each question
 * asked as the OR of its words, best bm25 first.
 *
 *   naive build CORPUS.tsv DB    index id<TAB>question<TAB>answer lines
 *   naive ask DB                 one question per stdin line; prints the
 *                                best entry's id per line, "-" for none */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "naive: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
	sqlite3_close(db);
	return 2;
}

static int build(const char *corpus, const char *path)
{
	FILE *f = fopen(corpus, "r");
	if (!f) {
		perror(corpus);
		return 2;
	}
	unlink(path);
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(
	        db,
	        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
	        "CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED,"
	        " question, answer, tokenize='porter')",
	        NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "INSERT INTO t(id, question, answer)"
	                       " VALUES(?1, ?2, ?3)",
	                       -1, &ins, NULL) != SQLITE_OK) {
		fclose(f);
		return fail(db, path);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long n = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "\r\n")] = '\0';
		char *q = strchr(line, '\t'),
		     *a = q ? strchr(q + 1, '\t') : NULL;
		if (!a)
			continue; /* not id<TAB>question<TAB>answer */
		*q++ = '\0';
		*a++ = '\0';
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, line, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, q, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, a, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			free(line);
			fclose(f);
			sqlite3_finalize(ins);
			return fail(db, corpus);
		}
		n++;
	}
	free(line);
	fclose(f);
	sqlite3_finalize(ins);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, path);
	sqlite3_close(db);
	fprintf(stderr, "naive: %ld entries -> %s\n", n, path);
	return 0;
}

/* Writes the FTS5 query for question q into *buf: each whitespace-separated
 * word as a quoted string ('"' doubled), joined by OR. Words without a
 * letter or digit are left out, since a phrase with no token is an error.
 * Returns the query's length (0: nothing to search). */
static size_t query_make(const char *q, char **buf, size_t *cap)
{
	size_t need = 8 * strlen(q) + 16, n = 0;
	if (*cap < need) {
		char *p = realloc(*buf, need);
		if (!p)
			return 0;
		*buf = p;
		*cap = need;
	}
	char *out = *buf;
	while (*q) {
		while (*q == ' ' || *q == '\t')
			q++;
		const char *w = q;
		int alnum = 0;
		while (*q && *q != ' ' && *q != '\t') {
			unsigned char c = (unsigned char)*q++;
			alnum |= c >= 0x80 || (c >= '0' && c <= '9') ||
			         ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		}
		if (!alnum)
			continue;
		if (n)
			n += (size_t)sprintf(out + n, " OR ");
		out[n++] = '"';
		for (; w < q; w++) {
			if (*w == '"')
				out[n++] = '"';
			out[n++] = *w;
		}
		out[n++] = '"';
	}
	out[n] = '\0';
	return n;
}

static int ask(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (access(path, R_OK) != 0) {
		perror(path);
		return 2;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "SELECT id FROM t WHERE t MATCH ?1"
	                       " ORDER BY bm25(t) LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return fail(db, path);
	char *line = NULL, *query = NULL;
	size_t cap = 0, qcap = 0;
	while (getline(&line, &cap, stdin) > 0) {
		line[strcspn(line, "\r\n")] = '\0';
		const char *id = NULL;
		sqlite3_reset(st);
		if (query_make(line, &query, &qcap) > 0) {
			sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				id = (const char *)sqlite3_column_text(st, 0);
		}
		printf("%s\n", id ? id : "-");
	}
	free(line);
	free(query);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "build"))
		return build(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "ask"))
		return ask(argv[2]);
	fprintf(stderr, "usage: naive build CORPUS.tsv DB | naive ask DB\n");
	return 2;
}

/* stemtok.h: the one tokenizer of faqbot. An FTS5 tokenizer named "stem"
 * that wraps unicode61 and stems every token with Snowball (libstemmer), and
 * a way to run the same tokenizer from C so that questions are split and
 * stemmed exactly as the corpus was. Linked into faqbot and faqbot-index. */
#ifndef STEMTOK_H
#define STEMTOK_H
#include <sqlite3.h>
#include <stddef.h>

#define STEMTOK_NAME "stem"
#define STEMTOK_MAX 64 /* longer tokens are cut to this many bytes */

/* Registers the "stem" tokenizer on db. Its arguments in a CREATE VIRTUAL
 * TABLE are: the Snowball language (default "english"), then any unicode61
 * options. Returns an SQLite result code. */
int stemtok_register(sqlite3 *db);

/* A token handed to FTS5 as it is (see stemtok_replay): its stem and
 * where it stands in its text. */
typedef struct {
	const char *stem;
	int len; /* of stem, in bytes */
	int start, end;
} stemtok_ref;

/* Texts already split by stemtok_splitter_run, which the "stem" tokenizer
 * hands to FTS5 from their tokens instead of splitting them again:
 * faqbot-index splits each text once, for its own tables and FTS5's. A
 * text that is none of these (text[i] NULL: none) is split as usual. */
typedef struct {
	const char *text[2];
	int len[2];
	const stemtok_ref *tok[2];
	size_t n[2];
} stemtok_replay;

/* Registers "stem" on db as stemtok_register does, with replay (owned by
 * the caller, which keeps it alive while db is open and sets its texts
 * before each write to an FTS5 table). */
int stemtok_register_replay(sqlite3 *db, const stemtok_replay *replay);

/* 1 when libstemmer knows the language (e.g. "english", "german"). */
int stemtok_language_ok(const char *lang);

typedef struct {
	char word[STEMTOK_MAX + 1]; /* case-folded, diacritics removed */
	char stem[STEMTOK_MAX + 1]; /* word after Snowball stemming */
	int start, end;             /* byte offsets of the token in the text */
} stemtok_token;

typedef struct {
	stemtok_token *v; /* owned; free with stemtok_list_free() */
	size_t n, cap;
} stemtok_list;

/* A reusable tokenizer for stemtok_splitter_run: the parent tokenizer
 * and the stemmer made once, for many texts. */
typedef struct stemtok_splitter stemtok_splitter;

/* Makes a splitter for language lang on db (which has "stem" registered);
 * NULL when the language is unknown or memory runs out. */
stemtok_splitter *stemtok_splitter_new(sqlite3 *db, const char *lang);
void stemtok_splitter_free(stemtok_splitter *sp);

/* Tokenizes text (len bytes) as the "stem" tokenizer does, appending to
 * out. Returns an SQLite result code. */
int stemtok_splitter_run(stemtok_splitter *sp, const char *text, int len,
                         stemtok_list *out);

/* The same with a splitter made and freed for this one text. */
int stemtok_split(sqlite3 *db, const char *lang, const char *text, int len,
                  stemtok_list *out);
void stemtok_list_free(stemtok_list *l);

#endif

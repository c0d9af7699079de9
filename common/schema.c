/* schema.c: the index's tables and the checks made when the bot opens one. */
#include "schema.h"
#include "stemtok.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* entry holds what is shown (label, answer, where it came from); fts
 * indexes its question and answer columns with the stemming tokenizer
 * (external content, so the text is stored once); fts_inst and fts_row
 * expose the postings and document frequencies to the ranking; word maps
 * each surface word of the corpus to its stem, for spelling correction and
 * Tab completion; syn maps other words to the corpus's own. */
static const char *schema_tables =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE entry("
    " id INTEGER PRIMARY KEY,"   /* 1..n in corpus order */
    " ext_id TEXT NOT NULL UNIQUE," /* the corpus's own id, shown to users */
    " grp INTEGER NOT NULL,"     /* entries with the same question text */
    " kind INTEGER NOT NULL,"    /* entry_kind of corpus.h */
    " label TEXT NOT NULL,"      /* what to show as the entry's question */
    " question TEXT NOT NULL,"   /* questions matched against, '\\n'-joined */
    " answer TEXT NOT NULL,"     /* the source's text, verbatim */
    " source TEXT NOT NULL,"     /* file it came from */
    " line INTEGER NOT NULL,"    /* line it starts at */
    " qlen INTEGER NOT NULL,"    /* tokens in question */
    " alen INTEGER NOT NULL);"   /* tokens in answer */
    "CREATE TABLE word(word TEXT PRIMARY KEY, stem TEXT NOT NULL,"
    " cnt INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX word_stem ON word(stem);"
    /* A question's term (a stem) and a stem of the corpus that means the
     * same, from WordNet and the author's synonyms file; mutual is 1 when
     * that meaning is the commonest of both words ("doctor", "doc") or the
     * author paired them, 0 when it is the corpus word's commonest only,
     * SYN_DEFINITION (-1) when the term only defines the corpus word
     * ("remove": delete, "remove or make invisible");
     * word is the term as WordNet or the author spells it, shown when a
     * misspelling is read as it ("drctor": doctor). */
    "CREATE TABLE syn(term TEXT NOT NULL, target TEXT NOT NULL,"
    " mutual INTEGER NOT NULL, word TEXT NOT NULL,"
    " PRIMARY KEY(term, target)) WITHOUT ROWID;"
    /* Stems of the language's words (from WordNet): a question's word
     * found here is a real word the corpus lacks, not a misspelling; noun
     * is the share of its uses that are a noun's, in [0, 1]; uses is how
     * often the stem's words are used (SemCor's tagged uses plus half a
     * use per sense: a word never tagged, of one or two senses, has 1 or
     * less). */
    "CREATE TABLE lexicon(stem TEXT PRIMARY KEY, noun REAL NOT NULL,"
    " uses REAL NOT NULL)"
    " WITHOUT ROWID;"
    /* The language's words as WordNet spells them (lemmas and irregular
     * forms, from 2 letters), with their parts of speech (bit 1 << pos,
     * morphy.h's order): a question's word that is one of them, or an
     * inflection of one by a detachment rule of its part of speech
     * (morphy.h), is a real word, never taken for a misspelling. */
    "CREATE TABLE spelling(word TEXT PRIMARY KEY, pos INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    /* In how many groups (distinct questions) each stem occurs: the idf's
     * df, ready for the bot without reading any postings; and the stem's
     * number, which fwd and post use instead of its text. */
    "CREATE TABLE df(term TEXT PRIMARY KEY, n INTEGER NOT NULL,"
    " id INTEGER NOT NULL) WITHOUT ROWID;"
    /* The fast path's own data (bot/fast.c). fwd: each entry's tokens as
     * stem numbers, so a candidate is scored without re-splitting its
     * text: varints grp, qlen, then the question's qlen stems and the
     * answer's. post: the entries that hold a stem, in their question
     * (kind 0) or anywhere (kind 1), as zigzag varint deltas of ids, in
     * segments (each starting from 0) so faqbot-index can write them with
     * bounded memory. */
    "CREATE TABLE fwd(id INTEGER PRIMARY KEY, toks BLOB NOT NULL);"
    "CREATE TABLE post(kind INTEGER NOT NULL, term INTEGER NOT NULL,"
    " seg INTEGER NOT NULL, docs BLOB NOT NULL,"
    " PRIMARY KEY(kind, term, seg)) WITHOUT ROWID;"
    /* A sentence encoder's parts (part: "manifest", "weights", "vocab";
     * index/vectors.h) and each entry's unit vectors: of its question (q)
     * and of its question and answer together (qa), SENTVEC_DIM floats in
     * the machine's byte order. Empty when the index was built without
     * --model. */
    "CREATE TABLE model(part TEXT PRIMARY KEY, data BLOB NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE vec(id INTEGER PRIMARY KEY, q BLOB NOT NULL,"
    " qa BLOB NOT NULL);"
    "CREATE VIRTUAL TABLE fts_inst USING fts5vocab(fts, instance);"
    "CREATE VIRTUAL TABLE fts_row USING fts5vocab(fts, row);";

int schema_create(sqlite3 *db, const char *lang, char **err)
{
	char *sql = sqlite3_mprintf(
	    "%s CREATE VIRTUAL TABLE fts USING fts5(question, answer,"
	    " content='entry', content_rowid='id',"
	    " tokenize='" STEMTOK_NAME " %q remove_diacritics 1');"
	    "INSERT INTO meta VALUES('schema_version', '%d'),"
	    " ('language', %Q);",
	    schema_tables, lang, SCHEMA_VERSION, lang);
	if (!sql)
		return SQLITE_NOMEM;
	int rc = sqlite3_exec(db, sql, NULL, NULL, err);
	sqlite3_free(sql);
	return rc;
}

char *schema_meta(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1,
	                       &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		v = t ? strdup(t) : NULL;
	}
	sqlite3_finalize(st);
	return v;
}

sqlite3 *schema_open(const char *path, char *msg, size_t msg_size)
{
	static const char fix[] = "rebuild it with: faqbot-index CORPUS -o";
	sqlite3 *db = NULL;
	/* Check first: sqlite3_open_v2 would report a missing file only as
	 * "unable to open", and a writable open would create it. */
	if (access(path, R_OK) != 0) {
		snprintf(msg, msg_size, "%s: no index here; build it with: "
		         "faqbot-index CORPUS -o %s (or make index)", path, path);
		return NULL;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    stemtok_register(db) != SQLITE_OK) {
		snprintf(msg, msg_size, "%s: cannot open (%s); %s %s", path,
		         db ? sqlite3_errmsg(db) : "out of memory", fix, path);
		sqlite3_close(db);
		return NULL;
	}
	/* 16 MiB of page cache: a large index's hot pages stay in memory
	 * (a memory map was faster but counts the whole index as resident).
	 * The shared lock is taken once and kept: nothing writes an index in
	 * place (faqbot-index renames a new file over it), so re-locking and
	 * re-checking the file for every statement, 3 system calls each, only
	 * cost time. */
	sqlite3_exec(db, "PRAGMA cache_size=-16384; PRAGMA locking_mode=EXCLUSIVE",
	             NULL, NULL, NULL);
	char *version = schema_meta(db, "schema_version");
	char *lang = schema_meta(db, "language");
	int ok = 1;
	if (!version || !lang) {
		snprintf(msg, msg_size, "%s: not a faqbot index or damaged (%s); "
		         "%s %s", path, sqlite3_errmsg(db), fix, path);
		ok = 0;
	} else if (atoi(version) != SCHEMA_VERSION) {
		snprintf(msg, msg_size, "%s: index format %s, this faqbot reads %d; "
		         "%s %s", path, version, SCHEMA_VERSION, fix, path);
		ok = 0;
	} else if (!stemtok_language_ok(lang)) {
		snprintf(msg, msg_size, "%s: unknown stemmer language '%s'; %s %s",
		         path, lang, fix, path);
		ok = 0;
	}
	free(version);
	free(lang);
	if (!ok) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

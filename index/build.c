/* build.c: faqbot-index's writer. Entries are added as they are parsed,
 * and two threads share the work: the caller's splits each entry's texts
 * and numbers their stems (the prepare_ functions), a writer thread puts
 * the entries into SQLite (the write_ functions), a batch at a time, each
 * side on its own batch. Memory holds what the whole corpus decides
 * (words, stems, the questions seen: a few bytes an entry) and two
 * batches, not the corpus's text. Everything goes into a temporary SQLite
 * file in one transaction; rename() puts it in place atomically. */
#include "build.h"
#include "grow.h"
#include "hashidx.h"
#include "lint.h"
#include "schema.h"
#include "stemtok.h"
#include "stopwords.h"
#include "strmap.h"
#include "varint.h"
#include "wordnet.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* An entry ready for the writer: a copy, so that the caller's corpus can
 * go while the writer works. */
typedef struct {
	const char *source;    /* its file's name (a builder's source) */
	size_t id, question, label, answer; /* its texts in the batch's text */
	int len[4];            /* their lengths, in that order */
	int line;
	entry_kind kind;
	size_t tok, nq, na;    /* its tokens in the batch: the question's nq
	                        * from tok, then the answer's na */
	uint32_t khash;        /* the hash it is found under (see groups) */
	char *key;             /* lint_key of its question (owned); NULL when
	                        * it has none (an untitled part) */
} prep;

/* Entries handed to the writer together. */
typedef struct {
	prep *v;            /* owned */
	size_t n, cap;
	char *text;         /* owned: the entries' texts, NUL-terminated */
	size_t ntext, text_cap;
	stemtok_ref *ref;   /* owned: each token's stem (the caller's stems
	                     * map's key) and place, for FTS5 */
	uint32_t *tag;      /* owned: each token's stem number */
	size_t nt, tcap;
} batch;

/* Entries a batch: enough that handing over costs nothing, few enough
 * that the two batches are about 1 MB. (1,024: 4 MB more at a million
 * entries, and no faster.) */
#ifndef BATCH
#define BATCH 256
#endif

/* A list of postings being gathered (see flush_postings). */
struct plist {
	unsigned char *b; /* owned */
	size_t n, cap;
	long prev;        /* the last entry added (deltas start from it) */
};

/* A note from the writer, given to opt.note by the caller's thread. */
struct pending {
	char *source, *message; /* owned */
	int line, lint;
};

/* A source file, for the meta table and the entries' source. */
struct source {
	char *name, *title; /* owned, never moved; title may be NULL */
};

struct builder {
	/* Both sides: set before the writer starts, then only read. */
	build_options opt;
	char *tmp;       /* the file being written (owned) */
	char *out;       /* where it goes (owned); NULL: a scratch index */
	sqlite3 *db;     /* the writer's while it runs, then the caller's */

	/* The caller's side. */
	stemtok_splitter *split; /* owned */
	stemtok_list l;          /* owned; reused for each text */
	/* Surface word -> count; aux its stem, tag the stem's number. One
	 * look-up a token: the stem's is made once a word. */
	strmap words;
	strmap stems;            /* stem -> tag: its number (1..nterms) */
	struct stem {
		const char *text; /* a key of stems */
		int len;
	} *stem_of;              /* owned array; [t]: stem t */
	size_t stem_cap;
	long nterms;
	batch b[2];              /* b[cur] is filled while the writer has the
	                          * other */
	int cur;
	struct source *src;      /* owned */
	size_t nsrc;

	/* Between the two, under mu. */
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch *todo;             /* the writer's batch; NULL when it has none */
	int quit;                /* the writer stops once todo is NULL */
	int rc;                  /* the writer's first error, or SQLITE_OK */
	struct pending *notes;   /* owned */
	size_t nnotes, notes_cap;

	/* The writer's side. */
	sqlite3_stmt *ins_entry, *ins_syn, *ins_fwd, *ins_post, *ins_fts;
	sqlite3_stmt *get_entry, *get_ext;
	stemtok_splitter *wsplit; /* owned; to read back a question's key */
	stemtok_list lc;          /* owned; that question's tokens */
	stemtok_replay replay;    /* the texts FTS5 is given next */
	/* The first entry of each group (each question: lint.h), by the hash
	 * of its key, the words the ranking sees; a question of function
	 * words only by the hash of the question. Questions with the same key
	 * and another group are the look-alikes --check reports. */
	hashidx groups;
	/* Each stem's groups ([t] for stem t), counted once a group: last is
	 * the last group counted. */
	struct term_df {
		long df;
		sqlite3_int64 last;
	} *df;
	size_t df_cap;
	sqlite3_int64 n;          /* entries written; the last one's id */
	sqlite3_int64 prev_grp;   /* the group of the entry written last */
	/* Stems whose df may count a group twice (dirty[t] for stem t): an
	 * entry that joined a group after other groups' entries came. */
	unsigned char *dirty;
	size_t dirty_cap;
	int any_dirty;
	double sum[2]; /* question and answer tokens of all entries */
	long ngroups;
	/* The entry being written as a fwd blob (see schema.c). */
	unsigned char *fwd;
	size_t nfwd, fwd_cap;
	/* post's segment being gathered: for each stem number t, the entries
	 * whose question (post[2t]) or text (post[2t + 1]) has it, since the
	 * last flush. */
	struct plist *post;   /* [0..post_cap) */
	size_t post_cap;
	size_t post_bytes;    /* allocated for the lists */
	long seg;             /* segments written */
};

/* post is written a segment at a time when the memory for its postings
 * passes this many bytes (unless the options say otherwise), so a large
 * corpus needs no more than about this for them. */
#ifndef POST_FLUSH
#define POST_FLUSH (8u << 20)
#endif

/* FTS5's in-memory index of pending entries: written out as a segment
 * when it passes this many bytes. Its default, 1 MiB, makes many small
 * segments that FTS5 then merges again and again: indexing them alone
 * took 27 s at a million entries, 20 s with 8 MiB. 4 MiB keeps most of
 * that: a whole build took 30.6 s and 62 MB at 4 MiB, 28.7 s and 68 MB
 * at 8. The value stays in fts_config; only writers use it. */
#ifndef FTS_HASHSIZE
#define FTS_HASHSIZE (4 << 20)
#endif

/* Senses of a corpus word whose synonyms are taken: WordNet lists the
 * common senses first, and past the first the synonyms are mostly of
 * meanings the corpus does not have ("ache": yearn, pine). Two senses
 * scored the same on StackFAQ's dev half and the article's sets. */
#define SYN_SENSES 1
/* A word that more than this many of WordNet's 13,767 verb definitions
 * use is no link: "become" (362), "make" (1,087) and "cause" (532) define
 * everything; "remove" (231) still counts. StackFAQ's dev half: 150 gave
 * 0.813 P@1, 250 and 300 0.816, no limit 0.818 but it linked "become" to
 * the article's "increased" ("become bigger or greater in amount"). */
#define DEF_MAX_DF 250

static int prepare(builder *w)
{
	static const char *const sql[] = {
	    "INSERT INTO entry(id, ext_id, grp, kind, label, question, answer,"
	    " source, line, qlen, alen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
	    "INSERT INTO syn VALUES(?1, ?2, ?3, ?4) ON CONFLICT(term, target)"
	    " DO UPDATE SET mutual = max(mutual, excluded.mutual)",
	    "INSERT INTO fwd VALUES(?1, ?2)",
	    "INSERT INTO post VALUES(?1, ?2, ?3, ?4)",
	    "INSERT INTO fts(rowid, question, answer) VALUES(?1, ?2, ?3)",
	    "SELECT question, answer, grp, ext_id, source, line FROM entry"
	    " WHERE id = ?1",
	    "SELECT source, line FROM entry WHERE ext_id = ?1"};
	sqlite3_stmt **st[] = {&w->ins_entry, &w->ins_syn, &w->ins_fwd,
	                       &w->ins_post, &w->ins_fts, &w->get_entry,
	                       &w->get_ext};
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof st / sizeof *st; i++)
		rc = sqlite3_prepare_v2(w->db, sql[i], -1, st[i], NULL);
	return rc;
}

static void finalize(builder *w)
{
	sqlite3_stmt *st[] = {w->ins_entry, w->ins_syn, w->ins_fwd, w->ins_post,
	                      w->ins_fts, w->get_entry, w->get_ext};
	for (size_t i = 0; i < sizeof st / sizeof *st; i++)
		sqlite3_finalize(st[i]);
	w->ins_entry = w->ins_syn = w->ins_fwd = w->ins_post = w->ins_fts =
	    w->get_entry = w->get_ext = NULL;
}

/* A note for the author, kept until the caller's thread hands it to
 * opt.note (deliver_notes). Out of memory loses the note, not the build. */
__attribute__((format(printf, 5, 6))) static void
note(builder *w, const char *source, int line, int lint, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (!w->opt.note)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&w->mu);
	if (w->nnotes == w->notes_cap) {
		size_t cap = w->notes_cap ? 2 * w->notes_cap : 16;
		struct pending *v = realloc(w->notes, cap * sizeof *v);
		if (v) {
			w->notes = v;
			w->notes_cap = cap;
		}
	}
	if (w->nnotes < w->notes_cap) {
		struct pending *p = &w->notes[w->nnotes];
		p->source = strdup(source);
		p->message = strdup(msg);
		p->line = line;
		p->lint = lint;
		if (p->source && p->message)
			w->nnotes++;
		else {
			free(p->source);
			free(p->message);
		}
	}
	pthread_mutex_unlock(&w->mu);
}

/* Hands the writer's notes to opt.note, in order. The caller's thread. */
static void deliver_notes(builder *w)
{
	pthread_mutex_lock(&w->mu);
	struct pending *v = w->notes;
	size_t n = w->nnotes;
	w->notes = NULL;
	w->nnotes = w->notes_cap = 0;
	pthread_mutex_unlock(&w->mu);
	for (size_t i = 0; i < n; i++) {
		w->opt.note(w->opt.note_ctx, v[i].source, v[i].line, v[i].lint,
		            v[i].message);
		free(v[i].source);
		free(v[i].message);
	}
	free(v);
}

/* Makes room for more bytes at the end of *b (n used, *cap allocated). */
static int reserve(unsigned char **b, size_t n, size_t *cap, size_t more)
{
	if (n + more <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < n + more)
		c *= 2;
	unsigned char *nb = realloc(*b, c);
	if (!nb)
		return -1;
	*b = nb;
	*cap = c;
	return 0;
}

static int put_fwd(builder *w, uint64_t v)
{
	if (reserve(&w->fwd, w->nfwd, &w->fwd_cap, VARINT_MAX) != 0)
		return -1;
	w->nfwd += varint_put(w->fwd + w->nfwd, v);
	return 0;
}

/* Writes the postings gathered since the last flush as one segment. */
static int flush_postings(builder *w)
{
	int rc = SQLITE_OK;
	for (size_t t = 0; rc == SQLITE_OK && t < w->post_cap; t++) {
		struct plist *p = &w->post[t];
		if (!p->n)
			continue;
		sqlite3_stmt *s = w->ins_post;
		sqlite3_reset(s);
		sqlite3_bind_int(s, 1, (int)(t & 1));
		sqlite3_bind_int64(s, 2, (sqlite3_int64)(t / 2));
		sqlite3_bind_int64(s, 3, w->seg);
		sqlite3_bind_blob(s, 4, p->b, (int)p->n, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		/* Freed, not kept: the lists' sizes change from one segment
		 * to the next, and kept buffers would hold the largest each
		 * ever had. */
		free(p->b);
		*p = (struct plist){0};
	}
	w->seg++;
	w->post_bytes = 0;
	return rc;
}

/* Records that entry id has stem number term in its question (kind 0) or
 * anywhere (1), once per entry: an entry's tokens are added together, so
 * prev is this entry when the stem was seen in it already. */
static int add_posting(builder *w, long term, int kind, long id)
{
	long t = 2 * term + kind;
	struct plist *v = grow_to(w->post, &w->post_cap, (size_t)t, sizeof *v,
	                          1024);
	if (!v)
		return SQLITE_NOMEM;
	w->post = v;
	struct plist *p = &w->post[t];
	if (p->n && p->prev == id)
		return SQLITE_OK;
	size_t had = p->cap;
	if (reserve(&p->b, p->n, &p->cap, VARINT_MAX) != 0)
		return SQLITE_NOMEM;
	w->post_bytes += p->cap - had;
	size_t k = varint_put(p->b + p->n, zigzag((int64_t)id - p->prev));
	p->n += k;
	p->prev = id;
	return SQLITE_OK;
}

/* ---- the writer's side --------------------------------------------- */

/* Marks stem t as one whose df must be counted again at the end. */
static int mark_dirty(builder *w, long t)
{
	unsigned char *d = grow_to(w->dirty, &w->dirty_cap, (size_t)t, 1, 1024);
	if (!d)
		return -1;
	w->dirty = d;
	w->dirty[t] = 1;
	w->any_dirty = 1;
	return 0;
}

/* Counts the groups of the stems tag[0..n), appends them to the entry's
 * fwd blob and entry id's postings (is_q: they are its question's).
 * rejoin: the entry's group had entries before other groups' last ones,
 * so a group counted already may come again: its stems' df is counted
 * anew at the end. */
static int write_tokens(builder *w, const uint32_t *tag, size_t n,
                        sqlite3_int64 id, sqlite3_int64 grp, int is_q,
                        int rejoin)
{
	for (size_t i = 0; i < n; i++) {
		long t = tag[i];
		struct term_df *v = grow_to(w->df, &w->df_cap, (size_t)t, sizeof *v,
		                            1024);
		if (!v)
			return SQLITE_NOMEM;
		w->df = v;
		struct term_df *x = &w->df[t];
		if (x->last != grp) {
			x->df++;
			x->last = grp;
		}
		if ((rejoin && mark_dirty(w, t) != 0) || put_fwd(w, (uint64_t)t) != 0 ||
		    (is_q && add_posting(w, t, 0, (long)id) != SQLITE_OK) ||
		    add_posting(w, t, 1, (long)id) != SQLITE_OK)
			return SQLITE_NOMEM;
	}
	return SQLITE_OK;
}

/* Reads entry id into w->get_entry's row (question, answer, grp, ext_id,
 * source, line); SQLITE_ROW when found. The caller resets it. */
static int read_entry(builder *w, sqlite3_int64 id)
{
	sqlite3_reset(w->get_entry);
	sqlite3_bind_int64(w->get_entry, 1, id);
	return sqlite3_step(w->get_entry);
}

#define COL_TEXT(st, i) ((const char *)sqlite3_column_text((st), (i)))

/* An earlier entry a note names. */
typedef struct {
	sqlite3_int64 id; /* 0: none */
	char *ext, *source; /* owned */
	int line, same_answer;
} earlier;

static void earlier_free(earlier *x)
{
	free(x->ext);
	free(x->source);
	memset(x, 0, sizeof *x);
}

/* Sets x to entry id, read into g (question, answer, grp, ext_id, source,
 * line). */
static int earlier_set(earlier *x, sqlite3_stmt *g, sqlite3_int64 id,
                       int same_answer)
{
	earlier_free(x);
	x->id = id;
	x->ext = strdup(COL_TEXT(g, 3) ? COL_TEXT(g, 3) : "");
	x->source = strdup(COL_TEXT(g, 4) ? COL_TEXT(g, 4) : "");
	x->line = sqlite3_column_int(g, 5);
	x->same_answer = same_answer;
	return x->ext && x->source ? SQLITE_OK : SQLITE_NOMEM;
}

/* Among the groups found under p's hash: the one whose question is e's
 * (*group), and the first with e's key, when its question is another
 * (*alike). */
static int find_earlier(builder *w, const prep *p, const corpus_entry *e,
                        earlier *group, earlier *alike)
{
	size_t pos = 0;
	uint32_t c;
	int rc = SQLITE_OK;
	while (rc == SQLITE_OK && hashidx_next(&w->groups, p->khash, &pos, &c)) {
		if (read_entry(w, c) != SQLITE_ROW)
			continue;
		sqlite3_stmt *g = w->get_entry;
		const char *cq = COL_TEXT(g, 0), *ca = COL_TEXT(g, 1);
		if (!cq || !ca)
			continue;
		if (lint_question_equal(cq, e->question)) {
			rc = earlier_set(group, g, c, strcmp(ca, e->answer) == 0);
			continue;
		}
		if (!*p->key || (alike->id && alike->id < c))
			continue;
		w->lc.n = 0;
		rc = stemtok_splitter_run(w->wsplit, cq, (int)strlen(cq), &w->lc);
		char *ck = rc == SQLITE_OK ? lint_key(&w->lc, w->opt.lang, 0) : NULL;
		if (rc == SQLITE_OK && !ck)
			rc = SQLITE_NOMEM;
		if (ck && strcmp(ck, p->key) == 0)
			rc = earlier_set(alike, g, c, 0);
		free(ck);
	}
	sqlite3_reset(w->get_entry);
	/* Only the first question with the key is compared with: when that
	 * is e's own, e looks like nothing before it. */
	if (group->id && alike->id && group->id < alike->id)
		earlier_free(alike);
	return rc;
}

/* Inserts the entry row under ext_id. Returns SQLITE_OK, SQLITE_CONSTRAINT
 * when another entry has that id, or an error. */
static int insert_entry(builder *w, const char *source, const prep *p,
                        const corpus_entry *e, const char *ext_id,
                        sqlite3_int64 id, sqlite3_int64 grp)
{
	sqlite3_stmt *s = w->ins_entry;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, ext_id, ext_id == e->id ? p->len[0] : -1,
	                  SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, grp);
	sqlite3_bind_int(s, 4, (int)e->kind);
	sqlite3_bind_text(s, 5, e->label, p->len[2], SQLITE_STATIC);
	sqlite3_bind_text(s, 6, e->question, p->len[1], SQLITE_STATIC);
	sqlite3_bind_text(s, 7, e->answer, p->len[3], SQLITE_STATIC);
	sqlite3_bind_text(s, 8, source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 9, e->line);
	sqlite3_bind_int64(s, 10, (sqlite3_int64)p->nq);
	sqlite3_bind_int64(s, 11, (sqlite3_int64)p->na);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Inserts the entry row, under its own id if free. An id taken by an entry
 * of the same file skips the entry (*skipped = 1); one taken in another
 * file gets a suffix, -2, -3, ... Both are noted. */
static int place_entry(builder *w, const char *source, const prep *p,
                       const corpus_entry *e, sqlite3_int64 id,
                       sqlite3_int64 grp, int *skipped)
{
	int rc = insert_entry(w, source, p, e, e->id, id, grp);
	*skipped = 0;
	if (rc != SQLITE_CONSTRAINT)
		return rc;
	sqlite3_stmt *x = w->get_ext;
	sqlite3_reset(x);
	sqlite3_bind_text(x, 1, e->id, -1, SQLITE_STATIC);
	if (sqlite3_step(x) != SQLITE_ROW) {
		sqlite3_reset(x);
		return SQLITE_ERROR;
	}
	const char *fsrc = COL_TEXT(x, 0);
	int fline = sqlite3_column_int(x, 1);
	if (fsrc && strcmp(fsrc, source) == 0) {
		note(w, source, e->line, 0,
		     "duplicate id \"%.60s\" (first on line %d); row skipped", e->id,
		     fline);
		sqlite3_reset(x);
		*skipped = 1;
		return SQLITE_OK;
	}
	char *taken = strdup(fsrc ? fsrc : "");
	sqlite3_reset(x);
	size_t n = strlen(e->id) + 16;
	char *alt = malloc(n);
	rc = alt && taken ? SQLITE_CONSTRAINT : SQLITE_NOMEM;
	for (int k = 2; rc == SQLITE_CONSTRAINT && k < 1000000; k++) {
		snprintf(alt, n, "%s-%d", e->id, k);
		rc = insert_entry(w, source, p, e, alt, id, grp);
	}
	if (rc == SQLITE_OK)
		note(w, source, e->line, 0,
		     "id \"%.60s\" is taken by %s:%d; this entry's id is \"%.70s\"",
		     e->id, taken, fline, alt);
	free(alt);
	free(taken);
	return rc;
}

static int write_entry(builder *w, const batch *b, const prep *p)
{
	const char *source = p->source;
	const corpus_entry view = {b->text + p->id,    b->text + p->question,
	                           b->text + p->label, b->text + p->answer,
	                           p->line,            p->kind};
	const corpus_entry *e = &view;
	sqlite3_int64 id = w->n + 1;
	earlier group = {0}, alike = {0};
	int rc = SQLITE_OK, skipped = 0;
	/* An empty question (an untitled part) is a group of its own. */
	if (*e->question)
		rc = find_earlier(w, p, e, &group, &alike);
	int joined = group.id != 0;
	sqlite3_int64 grp = joined ? group.id : id;
	if (rc == SQLITE_OK)
		rc = place_entry(w, source, p, e, id, grp, &skipped);
	if (rc == SQLITE_OK && !skipped) {
		w->n = id;
		if (joined)
			note(w, source, e->line, 1,
			     group.same_answer
			         ? "entry %s repeats entry %s (%s:%d)"
			         : "entry %s asks the same as entry %s (%s:%d) with "
			           "another answer; they count as one question with "
			           "several answers",
			     e->id, group.ext, group.source, group.line);
		if (alike.id)
			note(w, source, e->line, 1,
			     "entry %s and entry %s (%s:%d) ask with the same words "
			     "(%s); only their answers tell them apart",
			     e->id, alike.ext, alike.source, alike.line, p->key);
		if (p->key && !*p->key)
			note(w, source, e->line, 1,
			     "entry %s: its question has only function words; only "
			     "its answer can match",
			     e->id);
		if (!joined && *e->question &&
		    hashidx_add(&w->groups, p->khash, (uint32_t)id) != 0)
			rc = SQLITE_NOMEM;
	}
	earlier_free(&group);
	earlier_free(&alike);
	if (rc != SQLITE_OK || skipped)
		return rc;
	int rejoin = joined && grp != w->prev_grp;
	w->prev_grp = grp;
	/* fwd: grp, qlen, then the stems; head room for the first two. */
	unsigned char head[2 * VARINT_MAX];
	w->nfwd = sizeof head;
	rc = write_tokens(w, b->tag + p->tok, p->nq, id, grp, 1, rejoin);
	if (rc == SQLITE_OK)
		rc = write_tokens(w, b->tag + p->tok + p->nq, p->na, id, grp, 0,
		                  rejoin);
	if (rc != SQLITE_OK)
		return rc;
	size_t nh = varint_put(head, (uint64_t)grp);
	nh += varint_put(head + nh, (uint64_t)p->nq);
	unsigned char *blob = w->fwd + sizeof head - nh;
	memcpy(blob, head, nh);
	sqlite3_stmt *f = w->ins_fwd;
	sqlite3_reset(f);
	sqlite3_bind_int64(f, 1, id);
	sqlite3_bind_blob(f, 2, blob, (int)(w->nfwd - (sizeof head - nh)),
	                  SQLITE_STATIC);
	if (sqlite3_step(f) != SQLITE_DONE)
		return SQLITE_ERROR;
	/* FTS5 gets the texts; the "stem" tokenizer hands it their tokens. */
	w->replay = (stemtok_replay){
	    {e->question, e->answer},
	    {p->len[1], p->len[3]},
	    {b->ref + p->tok, b->ref + p->tok + p->nq},
	    {p->nq, p->na}};
	sqlite3_stmt *t = w->ins_fts;
	sqlite3_reset(t);
	sqlite3_bind_int64(t, 1, id);
	sqlite3_bind_text(t, 2, e->question, p->len[1], SQLITE_STATIC);
	sqlite3_bind_text(t, 3, e->answer, p->len[3], SQLITE_STATIC);
	rc = sqlite3_step(t) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	w->replay = (stemtok_replay){{NULL, NULL}, {0, 0}, {NULL, NULL}, {0, 0}};
	if (rc != SQLITE_OK)
		return rc;
	/* Between entries, so that no entry's postings span two segments. */
	if (w->post_bytes >= w->opt.post_flush && flush_postings(w) != SQLITE_OK)
		return SQLITE_ERROR;
	w->sum[0] += (double)p->nq;
	w->sum[1] += (double)p->na;
	w->ngroups += !joined;
	return SQLITE_OK;
}

/* The writer thread: writes each batch handed to it, until told to quit.
 * After an error it only takes batches, so that the caller never waits. */
static void *writer_main(void *arg)
{
	builder *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->todo && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		batch *b = w->todo;
		if (!b)
			break;
		int rc = w->rc;
		pthread_mutex_unlock(&w->mu);
		for (size_t i = 0; rc == SQLITE_OK && i < b->n; i++)
			rc = write_entry(w, b, &b->v[i]);
		pthread_mutex_lock(&w->mu);
		w->rc = rc;
		w->todo = NULL;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Waits until the writer is done with what it has; returns its rc. */
static int drain(builder *w)
{
	pthread_mutex_lock(&w->mu);
	while (w->todo)
		pthread_cond_wait(&w->cv, &w->mu);
	int rc = w->rc;
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/* Hands b to the writer once it is done with the batch before. */
static void hand(builder *w, batch *b)
{
	pthread_mutex_lock(&w->mu);
	while (w->todo)
		pthread_cond_wait(&w->cv, &w->mu);
	w->todo = b;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* Stops the writer thread (after what it has) and waits for it. */
static void stop_writer(builder *w)
{
	if (!w->started)
		return;
	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	w->started = 0;
}

/* ---- the caller's side --------------------------------------------- */

/* Appends the tokens of l to b: each surface word counted (in memory: the
 * word table is written once at the end) and its stem numbered. */
static int prepare_tokens(builder *w, batch *b, const stemtok_list *l)
{
	if (b->nt + l->n > b->tcap) {
		size_t cap = b->tcap ? b->tcap : 4096;
		while (cap < b->nt + l->n)
			cap *= 2;
		stemtok_ref *r = realloc(b->ref, cap * sizeof *r);
		if (r)
			b->ref = r;
		uint32_t *t = r ? realloc(b->tag, cap * sizeof *t) : NULL;
		if (!t)
			return SQLITE_NOMEM;
		b->tag = t;
		b->tcap = cap;
	}
	for (size_t i = 0; i < l->n; i++) {
		strmap_slot *s = strmap_get(&w->words, l->v[i].word);
		if (!s)
			return SQLITE_NOMEM;
		s->value++;
		if (!s->tag) { /* a new word */
			strmap_slot *d = strmap_get(&w->stems, l->v[i].stem);
			if (!d || strmap_set_aux(s, l->v[i].stem) != 0)
				return SQLITE_NOMEM;
			if (!d->tag) { /* a new stem */
				struct stem *v = grow_to(w->stem_of, &w->stem_cap,
				                         (size_t)w->nterms + 1, sizeof *v,
				                         1024);
				if (!v)
					return SQLITE_NOMEM;
				w->stem_of = v;
				d->tag = ++w->nterms;
				v[d->tag] = (struct stem){d->key, (int)strlen(d->key)};
			}
			s->tag = d->tag;
		}
		const struct stem *x = &w->stem_of[s->tag];
		b->ref[b->nt] = (stemtok_ref){x->text, x->len, l->v[i].start,
		                              l->v[i].end};
		b->tag[b->nt++] = (uint32_t)s->tag;
	}
	return SQLITE_OK;
}

static int prepare_entry(builder *w, batch *b, const char *source,
                         const corpus_entry *e)
{
	prep *v = grow_to(b->v, &b->cap, b->n, sizeof *v, BATCH);
	if (!v)
		return SQLITE_NOMEM;
	b->v = v;
	size_t sz[4] = {strlen(e->id) + 1, strlen(e->question) + 1,
	                strlen(e->label) + 1, strlen(e->answer) + 1};
	size_t need = b->ntext + sz[0] + sz[1] + sz[2] + sz[3];
	if (need > b->text_cap) {
		size_t cap = b->text_cap ? b->text_cap : 1 << 16;
		while (cap < need)
			cap *= 2;
		char *t = realloc(b->text, cap);
		if (!t)
			return SQLITE_NOMEM;
		b->text = t;
		b->text_cap = cap;
	}
	prep *p = &b->v[b->n];
	*p = (prep){source, 0, 0, 0, 0, {0}, e->line, e->kind, b->nt, 0, 0, 0,
	            NULL};
	size_t *off[4] = {&p->id, &p->question, &p->label, &p->answer};
	const char *str[4] = {e->id, e->question, e->label, e->answer};
	for (int k = 0; k < 4; k++) {
		*off[k] = b->ntext;
		p->len[k] = (int)sz[k] - 1;
		memcpy(b->text + b->ntext, str[k], sz[k]);
		b->ntext += sz[k];
	}
	w->l.n = 0;
	int rc = stemtok_splitter_run(w->split, e->question, p->len[1], &w->l);
	if (rc == SQLITE_OK)
		rc = prepare_tokens(w, b, &w->l);
	p->nq = w->l.n;
	if (rc == SQLITE_OK && *e->question) {
		if (!(p->key = lint_key(&w->l, w->opt.lang, 0)))
			rc = SQLITE_NOMEM;
		else
			p->khash = *p->key ? lint_hash(p->key)
			                   : lint_question_hash(e->question);
	}
	w->l.n = 0;
	if (rc == SQLITE_OK)
		rc = stemtok_splitter_run(w->split, e->answer, p->len[3], &w->l);
	if (rc == SQLITE_OK)
		rc = prepare_tokens(w, b, &w->l);
	p->na = w->l.n;
	b->n++; /* even on error: its key is freed with the batch's */
	return rc;
}

/* Empties b for the next entries; its buffers stay. */
static void batch_clear(batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].key);
	b->n = b->nt = b->ntext = 0;
}

static void batch_free(batch *b)
{
	batch_clear(b);
	free(b->v);
	free(b->ref);
	free(b->tag);
	free(b->text);
}

/* Context of on_synonym: the corpus word's stem the synonyms lead to. */
typedef struct {
	builder *w;
	const char *target;
	int rc;
} syn_ctx;

/* mutual: the two mean the same in their commonest sense, or the FAQ's
 * author says they do (see wordnet_synonyms). */
static void on_synonym(void *p, const char *synonym, int mutual)
{
	syn_ctx *c = p;
	stemtok_list l = {0};
	if (c->rc != SQLITE_OK)
		return;
	c->rc = stemtok_splitter_run(c->w->split, synonym, (int)strlen(synonym),
	                      &l);
	/* One-token synonyms only; a hyphenated one would be two terms. */
	if (c->rc == SQLITE_OK && l.n == 1 && strcmp(l.v[0].stem, c->target)) {
		sqlite3_stmt *s = c->w->ins_syn;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, l.v[0].stem, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, c->target, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, mutual);
		sqlite3_bind_text(s, 4, synonym, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			c->rc = SQLITE_ERROR;
	}
	stemtok_list_free(&l);
}

/* Each word of each of the author's sets leads to every other one. Words
 * of more than one token are left out. */
static int add_author_synonyms(builder *w, const synfile *sf)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sf->n; i++) {
		const synfile_set *set = &sf->sets[i];
		for (size_t a = 0; rc == SQLITE_OK && a < set->n; a++) {
			stemtok_list l = {0};
			rc = stemtok_splitter_run(w->split, set->words[a],
			                   (int)strlen(set->words[a]), &l);
			syn_ctx c = {w, l.n == 1 ? l.v[0].stem : NULL, rc};
			for (size_t b = 0; c.target && b < set->n; b++)
				if (b != a)
					on_synonym(&c, set->words[b], 1);
			rc = c.rc;
			stemtok_list_free(&l);
		}
	}
	return rc;
}

/* Context of on_lemma: each stem's uses, in halves (WordNet's counts plus
 * half a use per sense), as a noun (value) and otherwise (tag). */
typedef struct {
	builder *w;
	strmap uses;
	int rc;
} lexicon_ctx;

static void on_lemma(void *p, const char *lemma, int noun, double uses)
{
	lexicon_ctx *c = p;
	stemtok_list l = {0};
	/* Words of two letters and more: a short word the lexicon lacks may
	 * be an abbreviation ("fb") or a misspelling ("bak"), see
	 * bot/answer.c; one letter says nothing. */
	if (c->rc != SQLITE_OK || strlen(lemma) < 2)
		return;
	c->rc = stemtok_splitter_run(c->w->split, lemma, (int)strlen(lemma), &l);
	if (c->rc == SQLITE_OK && l.n == 1) {
		strmap_slot *slot = strmap_get(&c->uses, l.v[0].stem);
		if (!slot)
			c->rc = SQLITE_NOMEM;
		else if (noun)
			slot->value += (long)(2 * uses);
		else
			slot->tag += (long)(2 * uses);
	}
	stemtok_list_free(&l);
}

/* The stems of every word WordNet knows, so that the bot corrects only
 * misspellings, never a real word the corpus happens not to use
 * ("massage" is not a misspelt "message"); and with each, the share of
 * its uses that are a noun's: what a question is about is mostly said by
 * its nouns ("door", "ibuprofen"), less by its verbs and adjectives
 * ("see", "safe"), see RANKING.md. */
static int add_lexicon(builder *w, wordnet *wn)
{
	lexicon_ctx c = {w, {0}, SQLITE_OK};
	if (wordnet_each_lemma(wn, on_lemma, &c) < 0 && c.rc == SQLITE_OK)
		c.rc = SQLITE_NOMEM;
	sqlite3_stmt *ins = NULL;
	if (c.rc == SQLITE_OK)
		c.rc = sqlite3_prepare_v2(w->db, "INSERT INTO lexicon VALUES(?1, ?2, ?3)",
		                          -1, &ins, NULL);
	for (size_t i = 0; c.rc == SQLITE_OK && i < c.uses.cap; i++) {
		const strmap_slot *s = &c.uses.slots[i];
		if (!s->key)
			continue;
		long all = s->value + s->tag;
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, s->key, -1, SQLITE_STATIC);
		sqlite3_bind_double(ins, 2, all > 0 ? (double)s->value / all : 1);
		sqlite3_bind_double(ins, 3, all / 2.0); /* counted in halves */
		if (sqlite3_step(ins) != SQLITE_DONE)
			c.rc = SQLITE_ERROR;
	}
	sqlite3_finalize(ins);
	strmap_free(&c.uses);
	return c.rc;
}

/* Context of on_form: the statement that adds a spelling. */
typedef struct {
	sqlite3_stmt *ins;
	int rc;
} spelling_ctx;

static void on_form(void *p, const char *form, int pos)
{
	spelling_ctx *c = p;
	if (c->rc != SQLITE_OK || strlen(form) < 2)
		return;
	sqlite3_reset(c->ins);
	sqlite3_bind_text(c->ins, 1, form, -1, SQLITE_STATIC);
	sqlite3_bind_int(c->ins, 2, 1 << pos);
	if (sqlite3_step(c->ins) != SQLITE_DONE)
		c->rc = SQLITE_ERROR;
}

/* WordNet's words as it spells them, lemmas and irregular forms, so that
 * the bot tells a real word from a misspelling by its spelling, not by
 * its stem: Snowball gives some misspellings a real word's stem
 * ("accout": accout-, as accouter; "revelant": revel-), and those were
 * never corrected. */
static int add_spellings(builder *w, wordnet *wn)
{
	spelling_ctx c = {NULL, SQLITE_OK};
	c.rc = sqlite3_prepare_v2(
	    w->db,
	    "INSERT INTO spelling VALUES(?1, ?2) ON CONFLICT(word)"
	    " DO UPDATE SET pos = pos | excluded.pos",
	    -1, &c.ins, NULL);
	if (c.rc == SQLITE_OK)
		wordnet_each_form(wn, on_form, &c);
	sqlite3_finalize(c.ins);
	return c.rc;
}

/* A word of the definition of the corpus word whose stem is c->target
 * leads to that stem, weaker than a synonym (mutual -1, SYN_DEFINITION):
 * "delete" is defined as "remove or make invisible", so a question that
 * says "remove" finds it. Function words and words of one or two letters
 * are left out. */
static void on_definition(void *p, const char *word)
{
	syn_ctx *c = p;
	if (strlen(word) < 3 || stopword_is(c->w->opt.lang, word))
		return;
	on_synonym(p, word, SYN_DEFINITION);
}

/* For every word of the corpus, its WordNet synonyms and the words that
 * define it as a verb lead to its stem. */
static int add_synonyms(builder *w, wordnet *wn)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(w->db, "SELECT word, stem FROM word", -1, &s,
	                            NULL);
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *word = (const char *)sqlite3_column_text(s, 0);
		syn_ctx c = {w, (const char *)sqlite3_column_text(s, 1), SQLITE_OK};
		if (word && c.target && !stopword_is(w->opt.lang, word)) {
			wordnet_synonyms(wn, word, SYN_SENSES, on_synonym, &c);
			if (c.rc == SQLITE_OK)
				wordnet_definition(wn, word, DEF_MAX_DF,
				                   on_definition, &c);
		}
		rc = c.rc;
	}
	sqlite3_finalize(s);
	return rc;
}

/* ---- the whole corpus, at the end ------------------------------------ */

/* Counts again, exactly, the groups of each stem marked dirty: from its
 * postings and every entry's group (read from fwd). Memory: two numbers an
 * entry, only while this runs. */
static int recount_df(builder *w)
{
	size_t n = (size_t)w->n + 1;
	uint32_t *grp = calloc(n, sizeof *grp), *seen = calloc(n, sizeof *seen);
	sqlite3_stmt *f = NULL, *p = NULL;
	int rc = grp && seen ? SQLITE_OK : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, "SELECT id, toks FROM fwd", -1, &f,
		                        NULL);
	while (rc == SQLITE_OK && sqlite3_step(f) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(f, 0);
		const unsigned char *b = sqlite3_column_blob(f, 1);
		uint64_t g = 0;
		if (id > 0 && (size_t)id < n && b &&
		    varint_get(&b, b + sqlite3_column_bytes(f, 1), &g) == 0)
			grp[id] = (uint32_t)g;
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db,
		                        "SELECT docs FROM post WHERE kind = 1 AND "
		                        "term = ?1",
		                        -1, &p, NULL);
	for (long t = 1; rc == SQLITE_OK && (size_t)t < w->dirty_cap; t++) {
		if (!w->dirty[t] || (size_t)t >= w->df_cap)
			continue;
		long df = 0;
		sqlite3_reset(p);
		sqlite3_bind_int64(p, 1, t);
		while (sqlite3_step(p) == SQLITE_ROW) {
			const unsigned char *b = sqlite3_column_blob(p, 0);
			const unsigned char *end = b + sqlite3_column_bytes(p, 0);
			int64_t prev = 0;
			uint64_t v;
			while (b && b < end && varint_get(&b, end, &v) == 0) {
				prev += unzigzag(v);
				if (prev <= 0 || (size_t)prev >= n)
					continue;
				uint32_t g = grp[prev];
				if (g < n && seen[g] != (uint32_t)t) {
					seen[g] = (uint32_t)t;
					df++;
				}
			}
		}
		w->df[t].df = df;
	}
	sqlite3_finalize(f);
	sqlite3_finalize(p);
	free(grp);
	free(seen);
	return rc;
}

/* The groups stem t occurs in: 0 for a stem only skipped entries had. */
static long df_of(const builder *w, long t)
{
	return (size_t)t < w->df_cap ? w->df[t].df : 0;
}

static int write_df(builder *w)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(w->db, "INSERT INTO df VALUES(?1, ?2, ?3)",
	                            -1, &s, NULL);
	for (long t = 1; rc == SQLITE_OK && t <= w->nterms; t++) {
		if (!df_of(w, t))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, w->stem_of[t].text, w->stem_of[t].len,
		                  SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, df_of(w, t));
		sqlite3_bind_int64(s, 3, t);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Each surface word of the corpus with its stem and count; not the words
 * of skipped entries only. */
static int write_words(builder *w)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(w->db, "INSERT INTO word VALUES(?1, ?2, ?3)",
	                            -1, &s, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < w->words.cap; i++) {
		const strmap_slot *x = &w->words.slots[i];
		if (!x->key || !df_of(w, x->tag))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, x->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, x->aux, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, x->value);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	return rc;
}

static int add_meta(sqlite3 *db, const char *key, const char *value)
{
	char *sql = sqlite3_mprintf("INSERT OR REPLACE INTO meta VALUES(%Q, %Q)",
	                            key, value);
	int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	return rc;
}

/* What the bot needs of the whole corpus, so it reads no entry at start;
 * and the sources. */
static int write_stats(builder *w)
{
	char v[64], key[32];
	int rc = SQLITE_OK;
	sqlite3_int64 n = w->n;
	static const char *const keys[] = {"groups", "avg_qlen", "avg_alen",
	                                   "avg_glen"};
	double vals[] = {(double)w->ngroups, n ? w->sum[0] / (double)n : 0,
	                 n ? w->sum[1] / (double)n : 0,
	                 w->ngroups ? w->sum[1] / (double)w->ngroups : 0};
	for (int i = 0; rc == SQLITE_OK && i < 4; i++) {
		snprintf(v, sizeof v, "%.17g", vals[i]);
		rc = add_meta(w->db, keys[i], v);
	}
	snprintf(v, sizeof v, "%lld", (long long)n);
	if (rc == SQLITE_OK)
		rc = add_meta(w->db, "entries", v);
	for (size_t s = 0; rc == SQLITE_OK && s < w->nsrc; s++) {
		snprintf(key, sizeof key, "source.%zu", s + 1);
		rc = add_meta(w->db, key, w->src[s].name);
		if (rc == SQLITE_OK && w->src[s].title) {
			snprintf(key, sizeof key, "title.%zu", s + 1);
			rc = add_meta(w->db, key, w->src[s].title);
		}
	}
	return rc;
}

/* ---- the builder ------------------------------------------------------ */

/* The name of the temporary file for out: beside it, or in $TMPDIR for a
 * scratch index. malloc'ed. */
static char *temp_name(const char *out)
{
	const char *dir = getenv("TMPDIR");
	char *t = out ? sqlite3_mprintf("%s.tmp-XXXXXX", out)
	              : sqlite3_mprintf("%s/faqbot-check-XXXXXX",
	                                dir && *dir ? dir : "/tmp");
	char *r = t ? strdup(t) : NULL;
	sqlite3_free(t);
	return r;
}

/* Frees everything but the file; the writer has stopped. */
static void builder_free(builder *w)
{
	finalize(w);
	sqlite3_close(w->db);
	stemtok_splitter_free(w->split);
	stemtok_splitter_free(w->wsplit);
	stemtok_list_free(&w->l);
	stemtok_list_free(&w->lc);
	strmap_free(&w->words);
	strmap_free(&w->stems);
	free(w->stem_of);
	batch_free(&w->b[0]);
	batch_free(&w->b[1]);
	for (size_t s = 0; s < w->nsrc; s++) {
		free(w->src[s].name);
		free(w->src[s].title);
	}
	free(w->src);
	for (size_t i = 0; i < w->nnotes; i++) {
		free(w->notes[i].source);
		free(w->notes[i].message);
	}
	free(w->notes);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	hashidx_free(&w->groups);
	free(w->df);
	for (size_t t = 0; t < w->post_cap; t++)
		free(w->post[t].b);
	free(w->post);
	free(w->fwd);
	free(w->dirty);
	free(w->out);
	free(w->tmp);
	free(w);
}

void builder_abort(builder *w)
{
	if (!w)
		return;
	stop_writer(w);
	finalize(w);
	sqlite3_close(w->db);
	w->db = NULL;
	if (w->tmp)
		unlink(w->tmp);
	builder_free(w);
}

builder *builder_open(const build_options *opt, const char *out, char *err,
                      size_t err_size)
{
	builder *w = calloc(1, sizeof *w);
	const char *shown = out ? out : "scratch index";
	if (!w) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (!(w->tmp = temp_name(out)) || (out && !(w->out = strdup(out)))) {
		snprintf(err, err_size, "out of memory");
		builder_free(w);
		return NULL;
	}
	w->opt = *opt;
	if (!w->opt.post_flush)
		w->opt.post_flush = POST_FLUSH;
	int fd = mkstemp(w->tmp);
	if (fd < 0) {
		snprintf(err, err_size, "%s: cannot create a file %s: %s", shown,
		         out ? "beside it" : "in $TMPDIR", strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		builder_free(w);
		return NULL;
	}
	/* mkstemp makes it 0600; an index is as readable as any new file. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	close(fd);
	char *msg = NULL, hs[96];
	snprintf(hs, sizeof hs,
	         "INSERT INTO fts(fts, rank) VALUES('hashsize', %d)", FTS_HASHSIZE);
	int rc = sqlite3_open(w->tmp, &w->db);
	if (rc == SQLITE_OK)
		rc = stemtok_register_replay(w->db, &w->replay);
	if (rc == SQLITE_OK)
		rc = schema_create(w->db, opt->lang, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(w->db, hs, NULL, NULL, &msg);
	if (rc == SQLITE_OK &&
	    (!(w->split = stemtok_splitter_new(w->db, opt->lang)) ||
	     !(w->wsplit = stemtok_splitter_new(w->db, opt->lang))))
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(w->db,
		                  "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
		                  "BEGIN",
		                  NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = prepare(w);
	if (rc != SQLITE_OK) {
		snprintf(err, err_size, "%s: cannot write index: %s", shown,
		         msg ? msg : w->db ? sqlite3_errmsg(w->db) : "out of memory");
		sqlite3_free(msg);
		builder_abort(w);
		return NULL;
	}
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		snprintf(err, err_size, "%s: cannot start a thread", shown);
		builder_abort(w);
		return NULL;
	}
	w->started = 1;
	return w;
}

/* Records source (with its title) when it differs from the last one. */
static int add_source(builder *w, const char *name, const char *title)
{
	if (w->nsrc && strcmp(w->src[w->nsrc - 1].name, name) == 0)
		return SQLITE_OK;
	struct source *v = realloc(w->src, (w->nsrc + 1) * sizeof *v);
	if (!v)
		return SQLITE_NOMEM;
	w->src = v;
	v[w->nsrc].name = strdup(name);
	v[w->nsrc].title = title ? strdup(title) : NULL;
	if (!v[w->nsrc].name || (title && !v[w->nsrc].title)) {
		free(v[w->nsrc].name);
		free(v[w->nsrc].title);
		return SQLITE_NOMEM;
	}
	w->nsrc++;
	return SQLITE_OK;
}

/* Hands the batch being filled to the writer (once it is done with the
 * other) and starts filling the other. */
static void hand_on(builder *w)
{
	hand(w, &w->b[w->cur]);
	w->cur ^= 1;
	batch_clear(&w->b[w->cur]);
}

/* The error the writer or the caller's side met, in err; -1. */
static int failed(builder *w, int rc, char *err, size_t err_size)
{
	snprintf(err, err_size, "%s: cannot write index: %s",
	         w->out ? w->out : "scratch index",
	         rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(w->db));
	return -1;
}

int builder_add(builder *w, const char *source, const corpus *c, char *err,
                size_t err_size)
{
	int rc = add_source(w, source, c->title);
	const char *name = w->nsrc ? w->src[w->nsrc - 1].name : source;
	for (size_t i = 0; rc == SQLITE_OK && i < c->n; i++) {
		rc = prepare_entry(w, &w->b[w->cur], name, &c->entries[i]);
		if (rc == SQLITE_OK && w->b[w->cur].n == BATCH)
			hand_on(w);
	}
	/* The writer's notes so far; an error it met stops the build. */
	pthread_mutex_lock(&w->mu);
	int wrc = w->rc;
	pthread_mutex_unlock(&w->mu);
	if (w->opt.note)
		deliver_notes(w);
	if (rc == SQLITE_OK)
		rc = wrc;
	return rc == SQLITE_OK ? 0 : failed(w, rc, err, err_size);
}

size_t builder_count(builder *w)
{
	if (w->b[w->cur].n)
		hand_on(w);
	drain(w);
	return (size_t)w->n;
}

int builder_finish(builder *w, char *err, size_t err_size)
{
	if (w->b[w->cur].n)
		hand_on(w);
	stop_writer(w);
	if (w->opt.note)
		deliver_notes(w);
	/* The look-up tables are done with: their memory goes before the
	 * last steps need some. */
	hashidx_free(&w->groups);
	int rc = w->rc;
	if (rc == SQLITE_OK)
		rc = flush_postings(w);
	if (rc == SQLITE_OK && w->any_dirty)
		rc = recount_df(w);
	if (rc == SQLITE_OK)
		rc = write_words(w);
	if (rc == SQLITE_OK)
		rc = write_df(w);
	if (rc == SQLITE_OK)
		rc = write_stats(w);
	if (rc == SQLITE_OK && w->opt.wn)
		rc = add_synonyms(w, w->opt.wn);
	if (rc == SQLITE_OK && w->opt.wn)
		rc = add_lexicon(w, w->opt.wn);
	if (rc == SQLITE_OK && w->opt.wn)
		rc = add_spellings(w, w->opt.wn);
	if (rc == SQLITE_OK && w->opt.syn)
		rc = add_author_synonyms(w, w->opt.syn);
	char why[256] = "";
	if (rc == SQLITE_OK && w->opt.model)
		rc = vectors_write(w->db, w->opt.model, why, sizeof why);
	finalize(w);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
	const char *shown = w->out ? w->out : "scratch index";
	if (rc != SQLITE_OK)
		snprintf(err, err_size, "%s: cannot write index: %s", shown,
		         why[0] ? why
		         : rc == SQLITE_NOMEM ? "out of memory"
		                              : sqlite3_errmsg(w->db));
	if (sqlite3_close(w->db) != SQLITE_OK && rc == SQLITE_OK) {
		snprintf(err, err_size, "%s: cannot finish writing index", shown);
		rc = SQLITE_ERROR;
	}
	w->db = NULL;
	/* The data must be on disk before the name points at it. */
	int fd;
	if (rc == SQLITE_OK && w->out && (fd = open(w->tmp, O_RDONLY)) >= 0) {
		if (fsync(fd) != 0) {
			snprintf(err, err_size, "%s: cannot write index: %s", shown,
			         strerror(errno));
			rc = SQLITE_IOERR;
		}
		close(fd);
	}
	if (rc == SQLITE_OK && w->out && rename(w->tmp, w->out) != 0) {
		snprintf(err, err_size, "%s: cannot replace: %s", shown,
		         strerror(errno));
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK || !w->out)
		unlink(w->tmp);
	builder_free(w);
	return rc == SQLITE_OK ? 0 : -1;
}

int build_index(const build_source *src, size_t nsrc,
                const build_options *opt, const char *out, char *err,
                size_t err_size)
{
	builder *b = builder_open(opt, out, err, err_size);
	for (size_t s = 0; b && s < nsrc; s++)
		if (builder_add(b, src[s].name, src[s].c, err, err_size) != 0) {
			builder_abort(b);
			return -1;
		}
	return b ? builder_finish(b, err, err_size) : -1;
}

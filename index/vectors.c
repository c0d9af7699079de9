/* vectors.c: embeds every entry of a finished index with the sentence
 * encoder and stores the encoder beside the vectors. */
#include "vectors.h"
#include "sentvec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int store_part(sqlite3 *db, const char *name, const void *data,
                      size_t len)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO model VALUES(?1, ?2)", -1,
	                            &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_blob64(s, 2, data, len, SQLITE_STATIC);
		rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK
		                                    : sqlite3_errcode(db);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Embeds "question answer" into out; text is a scratch buffer the caller
 * owns and this grows. */
static int embed_pair(const sentvec *sv, const unsigned char *q, size_t qn,
                      const unsigned char *a, size_t an, char **text,
                      size_t *cap, float *out)
{
	size_t need = qn + 1 + an + 1;
	if (need > *cap) {
		char *t = realloc(*text, need);
		if (!t)
			return -1;
		*text = t;
		*cap = need;
	}
	memcpy(*text, q, qn);
	(*text)[qn] = ' ';
	memcpy(*text + qn + 1, a, an);
	(*text)[qn + 1 + an] = '\0';
	return sentvec_embed(sv, *text, qn + 1 + an, out);
}

int vectors_write(sqlite3 *db, const modeldir *m, char *err, size_t err_size)
{
	char msg[256];
	sentvec *sv = sentvec_new(m->manifest, m->manifest_len, m->weights,
	                          m->weights_len, m->vocab, m->vocab_len, msg,
	                          sizeof msg);
	if (!sv) {
		snprintf(err, err_size, "sentence encoder: %s", msg);
		return SQLITE_ERROR;
	}
	int rc = store_part(db, "manifest", m->manifest, m->manifest_len);
	if (rc == SQLITE_OK)
		rc = store_part(db, "weights", m->weights, m->weights_len);
	if (rc == SQLITE_OK)
		rc = store_part(db, "vocab", m->vocab, m->vocab_len);
	sqlite3_stmt *sel = NULL, *ins = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "SELECT id, question, answer, grp FROM entry "
		    "ORDER BY grp, id",
		    -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db, "INSERT INTO vec VALUES(?1, ?2, ?3)", -1, &ins, NULL);
	float q[SENTVEC_DIM], qa[SENTVEC_DIM];
	char *text = NULL;
	size_t cap = 0;
	/* The entries of a group (several answers to one question) come
	 * together and share their question's vector: it is made once. */
	sqlite3_int64 grp = -1;
	while (rc == SQLITE_OK && sqlite3_step(sel) == SQLITE_ROW) {
		const unsigned char *question = sqlite3_column_text(sel, 1);
		size_t qlen = (size_t)sqlite3_column_bytes(sel, 1);
		const unsigned char *answer = sqlite3_column_text(sel, 2);
		size_t an = (size_t)sqlite3_column_bytes(sel, 2);
		if (!question || !answer) {
			rc = SQLITE_NOMEM;
			break;
		}
		sqlite3_int64 g = sqlite3_column_int64(sel, 3);
		if ((g != grp &&
		     sentvec_embed(sv, (const char *)question, qlen, q) != 0) ||
		    embed_pair(sv, question, qlen, answer, an, &text, &cap,
		               qa) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		grp = g;
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
		sqlite3_bind_blob(ins, 2, q, sizeof q, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 3, qa, sizeof qa, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = sqlite3_errcode(db);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db,
		                  "INSERT INTO meta VALUES('vectors', "
		                  "'" VECTORS_ENCODER "')",
		                  NULL, NULL, NULL);
	free(text);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	sentvec_free(sv);
	return rc;
}

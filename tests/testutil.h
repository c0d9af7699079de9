/* testutil.h: helpers the unit tests share. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

/* 1 when s is valid UTF-8 (no overlong forms, surrogates or values past
 * U+10FFFF); with no_controls, also without raw C0 controls or DEL: what
 * a JSON string may hold. */
int test_utf8_valid(const char *s, int no_controls);

#endif

/* check.h: the unit-test harness. Each CHECK counts one pass or one failure;
 * a failing check prints its file, line and expression and the run goes on. */
#ifndef CHECK_H
#define CHECK_H
#include <stdio.h>
#include <string.h>

extern int check_passed, check_failed;

#define CHECK(cond)                                                          \
	do {                                                                     \
		if (cond) {                                                          \
			check_passed++;                                                  \
		} else {                                                             \
			check_failed++;                                                  \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);  \
		}                                                                    \
	} while (0)

/* Compares two C strings (NULL-safe) and shows both on failure. */
#define CHECK_STR(got, want)                                                 \
	do {                                                                     \
		const char *g_ = (got), *w_ = (want);                                \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                               \
			check_passed++;                                                  \
		} else if (!g_ && !w_) {                                             \
			check_passed++;                                                  \
		} else {                                                             \
			check_failed++;                                                  \
			fprintf(stderr, "FAIL %s:%d: %s\n  got:  %s\n  want: %s\n",      \
			        __FILE__, __LINE__, #got, g_ ? g_ : "(null)",            \
			        w_ ? w_ : "(null)");                                     \
		}                                                                    \
	} while (0)

#endif

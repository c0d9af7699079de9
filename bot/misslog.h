/* misslog.h: the miss log (faqbot --log-misses FILE): every question the
 * bot could not answer, or answered with little confidence, appended as one
 * line for the FAQ's author to review (faqbot-index --review FILE):
 *
 *   2024-05-01T09:30:00Z<TAB>0.42<TAB>best-id or -<TAB>the question
 *
 * misslog_wanted and misslog_format are pure; the rest writes the file and
 * prints nothing: errors come back in msg for the caller to report. */
#ifndef MISSLOG_H
#define MISSLOG_H
#include "answer.h"

#include <stddef.h>
#include <time.h>

/* An answer less confident than this is logged too: it was given, but the
 * author may want to make it certain (see RANKING.md on confidence). */
#define MISSLOG_CONFIDENCE 0.7

/* 1 when r belongs in the log: searched and not answered, or answered
 * with a confidence below MISSLOG_CONFIDENCE. A question declined
 * unsearched (empty, too long) is not: no FAQ entry could answer it. */
int misslog_wanted(const answer_result *r);

/* Writes the log line for question q (n bytes) asked at when, whose best
 * match was best_id (NULL: none, written "-") with the given confidence,
 * into out (size bytes; always NUL-terminated when size > 0, cut short if
 * it does not fit). The line ends in '\n'; TAB, CR, LF and NUL in q and
 * best_id become spaces, so the line has exactly four fields. Returns the
 * length of the whole line, as snprintf does. */
size_t misslog_format(char *out, size_t size, time_t when, double confidence,
                      const char *best_id, const char *q, size_t n);

typedef struct misslog misslog;

/* Opens path for appending, creating it when missing. Refuses (NULL, with
 * the reason in msg) a path that cannot be opened or that is the file
 * `protect` (the index the bot reads, which it never writes). The caller
 * closes the log with misslog_close(). */
misslog *misslog_open(const char *path, const char *protect, char *msg,
                      size_t msg_size);

/* Appends q (n bytes) with its result r when misslog_wanted(r), in one
 * write, so that lines of several bots sharing a log do not mix. Returns 0,
 * or -1 with msg filled for the first write that fails only: later
 * failures are silent (the caller reports once) and writing is still tried
 * for every line. */
int misslog_add(misslog *l, const answer_result *r, const char *q, size_t n,
                char *msg, size_t msg_size);

void misslog_close(misslog *l);

#endif

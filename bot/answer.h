/* answer.h: answering one question from an index. Reads SQLite, returns
 * data; prints nothing. */
#ifndef ANSWER_H
#define ANSWER_H
#include <stddef.h>

typedef struct answerer answerer;

typedef struct {
	char *id;    /* the entry's id in its corpus */
	char *label; /* its question (or heading) as shown to users */
	double score; /* confidence that it answers the question, in [0, 1] */
	int close;    /* worth offering under "did you mean" when nothing is
	               * answered: score at least half the threshold, or at
	               * least half of the first match's */
} answer_match;

/* A word of the question replaced by the nearest word of the index. */
typedef struct {
	char *from, *to;
} answer_fix;

/* How one word of the question counted for the best match (--explain). */
typedef struct {
	char *word;        /* the question's word, case-folded */
	char *used;        /* the index's word that stood for it when not the
	                    * word itself (synonym, spelling, longer word) */
	const char *how;   /* static: "word", "synonym", "definition",
	                    * "spelling", "longer word", "function word"... */
	const char *where; /* static: "question", "answer", "question+answer",
	                    * or NULL: not in the entry */
	double score;      /* what it added to the entry's score */
	double share;      /* its share of the question's content */
	double matched;    /* how fully the confidence counts it (0..1) */
} answer_why;

/* Bytes [start, end) of the label (in_answer 0) or answer (1) of the best
 * match hold a matched word. */
typedef struct {
	int in_answer;
	size_t start, end;
} answer_span;

typedef struct {
	answer_match *m; /* best first, at most the number asked for */
	size_t n;
	char *answer;       /* text of m[0] when confident enough, else NULL */
	double confidence;  /* of m[0]; 0 when nothing matched */
	int suggest;        /* no answer, but m[0] is close (confidence at
	                     * least half the threshold): "did you mean",
	                     * listing the matches that are close */
	double similarity;  /* of m[0]'s question and answer to the question,
	                     * by sentence vectors (the cosine, in [-1, 1]),
	                     * counted in its confidence; -1 when the index
	                     * has no vectors */
	answer_fix *fixes;  /* spelling corrections made */
	size_t nfixes;
	const char *declined; /* static text: why the question was not
	                       * searched at all (empty, too long), or NULL */
	/* Filled only when explaining (answer_explain): */
	answer_why *why; /* one per distinct word of the question */
	size_t nwhy;
	char *text;          /* the best match's answer, even below threshold */
	answer_span *spans;  /* matched words in m[0].label and text */
	size_t nspans;
} answer_result;

#define ANSWER_THRESHOLD 0.5 /* default; see RANKING.md */

/* Opens the index at path read-only. NULL on failure, with one line in msg
 * naming the file and the command that fixes it. */
answerer *answer_open(const char *path, char *msg, size_t msg_size);
void answer_close(answerer *a);

/* Makes answer_ask read every posting of every term (on = 1), the
 * reference the fast path (fast.c) is tested against, or not (0). */
void answer_reference(answerer *a, int on);

/* Makes answer_ask fill why, text and spans (on = 1) or not (0). */
void answer_explain(answerer *a, int on);

/* Answers q (len bytes, any bytes at all) with up to top matches; the
 * answer text is given only when the confidence reaches threshold.
 * Returns 0, or -1 when the index could not be read (msg says why). The
 * caller frees out with answer_result_free(). */
int answer_ask(answerer *a, const char *q, size_t len, size_t top,
               double threshold, answer_result *out, char *msg,
               size_t msg_size);
void answer_result_free(answer_result *r);

/* The answer of the entry whose id is id (malloc'ed, the caller frees
 * it), or NULL when there is none or it cannot be read: the prompt shows
 * an entry offered under "did you mean" when its number is typed. */
char *answer_text(answerer *a, const char *id);

/* Words of the index that start with prefix, most frequent first, for Tab
 * completion: a NULL-terminated malloc'ed array of malloc'ed strings, or
 * NULL. */
char **answer_complete(answerer *a, const char *prefix, size_t max);

#endif

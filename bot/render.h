/* render.h: an answer as text for people and scripts, or as one JSON
 * object. Pure: writes into a growable buffer, never to a stream. */
#ifndef RENDER_H
#define RENDER_H
#include "answer.h"
#include <stddef.h>

typedef struct {
	char *s; /* NUL-terminated; owned; free with buf_free() */
	size_t n, cap;
	int oom; /* set when an append failed: the text is incomplete */
} buf;

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_free(buf *b);

/* s (n bytes, any bytes) as a JSON string: quotes, backslashes and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD. */
void render_json_string(buf *b, const char *s, size_t n);

/* The JSON Lines object for question q (n bytes) and its result, with a
 * final newline: question, answer, id, score, matches (and corrections and
 * declined when there are any). */
void render_json(buf *b, const char *q, size_t n, const answer_result *r);

/* The JSON object for a line taken as small talk (smalltalk.h), not
 * searched: answer, id and score null, matches empty, the reply in
 * "smalltalk" and outcome "smalltalk", with a final newline. */
void render_json_smalltalk(buf *b, const char *q, size_t n,
                           const char *reply);

/* One line for scripts: the answer with its line breaks folded into
 * spaces, or a line starting "I don't know" with the closest questions. */
void render_line(buf *b, const answer_result *r);

/* For a person at the prompt: corrections, the answer as written (with
 * color and explain's spans, its matched words in bold), and where it came
 * from; or the closest questions. color: use ANSI dim/bold. */
void render_human(buf *b, const answer_result *r, int color);

/* For a person at the prompt who picked an entry offered under "did you
 * mean" by its number: its answer as written, and its question. */
void render_pick(buf *b, const char *answer, const char *label, int color);

/* text for a terminal width columns wide: each line longer than that is
 * broken at its last space before the edge (the space dropped), and the
 * rest keeps the line's own leading spaces. A character counts one column
 * (UTF-8: its first byte), an ANSI escape sequence none; a word longer
 * than the width is not broken. width <= 0 copies text as it is. */
void render_wrap(buf *b, const char *text, int width);

/* --explain for people: how each word of the question counted for the best
 * match, then its question and answer with the matched words marked (bold
 * with color, else [between brackets]). Nothing when r has no why. */
void render_why(buf *b, const answer_result *r, int color);

/* --explain in JSON: ,"explain":[{word, used, how, where, score, share,
 * matched}...] to go inside the object (render_json adds it itself). */
void render_json_why(buf *b, const answer_result *r);

#endif

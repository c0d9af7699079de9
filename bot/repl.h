/* repl.h: the interactive prompt (GNU readline), used only when both stdin
 * and stdout are terminals. */
#ifndef REPL_H
#define REPL_H
#include "answer.h"
#include "misslog.h"

typedef struct {
	answerer *a;
	size_t top;
	double threshold;
	int color; /* ANSI colour allowed: a terminal and no NO_COLOR */
	misslog *log; /* --log-misses: where misses are appended, or NULL */
} repl_options;

/* Runs the prompt until Ctrl-D or :quit. History is loaded from and saved
 * to $XDG_STATE_HOME/faqbot/history (or ~/.local/state/faqbot/history).
 * Returns the exit status. */
int repl_run(repl_options *o);

#endif

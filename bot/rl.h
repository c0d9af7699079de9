/* rl.h: the part of GNU readline the prompt uses, loaded with dlopen when
 * the prompt starts instead of linked into faqbot. A one-shot or piped
 * run never needs line editing, and loading libreadline and libtinfo
 * cost about 0.2 ms of each such run's 2.3 ms (perf stat, the article). */
#ifndef RL_H
#define RL_H
#include <stddef.h>
#include <stdio.h> /* readline.h needs FILE */
#include <readline/readline.h>

typedef struct {
	char *(*readline)(const char *prompt);
	void (*add_history)(const char *line);
	int (*read_history)(const char *path);
	int (*write_history)(const char *path);
	void (*stifle_history)(int max);
	char **(*completion_matches)(const char *text, rl_compentry_func_t *f);
	void (*replace_line)(const char *text, int clear_undo);
	int (*crlf)(void);
	int (*on_new_line)(void);
	void (*redisplay)(void);
	/* readline's own variables */
	int *attempted_completion_over;
	const char **readline_name;
	rl_completion_func_t **attempted_completion_function;
	int *catch_signals;
	rl_hook_func_t **signal_event_hook;
} rlapi;

/* Loads libreadline and fills api. Returns 0, or -1 with one line in msg
 * saying what is missing. The library stays loaded until exit. */
int rlapi_load(rlapi *api, char *msg, size_t size);

#endif

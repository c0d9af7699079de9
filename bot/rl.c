/* rl.c: GNU readline through dlopen (why: rl.h). */
#include "rl.h"

#include <dlfcn.h>
#include <stdio.h>

/* The library's names: Debian's run-time package's, then the -dev
 * package's symlink. */
static const char *const libs[] = {"libreadline.so.8", "libreadline.so"};

int rlapi_load(rlapi *api, char *msg, size_t size)
{
	void *h = NULL;
	const char *why = "not found";
	for (size_t i = 0; !h && i < sizeof libs / sizeof *libs; i++) {
		h = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
		if (!h && dlerror())
			why = "cannot be loaded";
	}
	if (!h) {
		snprintf(msg, size, "GNU readline (%s) %s; install libreadline8, "
		         "or pipe questions in", libs[0], why);
		return -1;
	}
	/* Each name and where its address goes. POSIX lets a dlsym result be
	 * stored through a void ** to a function pointer. */
	struct { const char *name; void **to; } sym[] = {
	    {"readline", (void **)&api->readline},
	    {"add_history", (void **)&api->add_history},
	    {"read_history", (void **)&api->read_history},
	    {"write_history", (void **)&api->write_history},
	    {"stifle_history", (void **)&api->stifle_history},
	    {"rl_completion_matches", (void **)&api->completion_matches},
	    {"rl_replace_line", (void **)&api->replace_line},
	    {"rl_crlf", (void **)&api->crlf},
	    {"rl_on_new_line", (void **)&api->on_new_line},
	    {"rl_redisplay", (void **)&api->redisplay},
	    {"rl_attempted_completion_over",
	     (void **)&api->attempted_completion_over},
	    {"rl_readline_name", (void **)&api->readline_name},
	    {"rl_attempted_completion_function",
	     (void **)&api->attempted_completion_function},
	    {"rl_catch_signals", (void **)&api->catch_signals},
	    {"rl_signal_event_hook", (void **)&api->signal_event_hook},
	};
	for (size_t i = 0; i < sizeof sym / sizeof *sym; i++) {
		if (!(*sym[i].to = dlsym(h, sym[i].name))) {
			snprintf(msg, size, "GNU readline (%s) lacks %s; install "
			         "libreadline8, or pipe questions in", libs[0],
			         sym[i].name);
			dlclose(h);
			return -1;
		}
	}
	return 0;
}

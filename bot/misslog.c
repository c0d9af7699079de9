/* misslog.c: formatting and appending miss-log lines. The file is written
 * with write(2) on an O_APPEND descriptor, one call per line: nothing is
 * left in a buffer when the bot is killed, and on a local file system the
 * lines of several bots sharing one log never interleave. */
#include "misslog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct misslog {
	int fd;
	char *path; /* owned, for messages */
	int failed; /* a write has failed and was reported */
};

int misslog_wanted(const answer_result *r)
{
	if (r->declined)
		return 0;
	return !r->answer || !(r->confidence >= MISSLOG_CONFIDENCE);
}

/* Appends s (n bytes) to out as far as it fits; *at counts every byte,
 * fitting or not. With clean, TAB, CR, LF and NUL become spaces. */
static void put(char *out, size_t size, size_t *at, const char *s, size_t n,
                int clean)
{
	for (size_t i = 0; i < n; i++, (*at)++) {
		char c = s[i];
		if (clean && (c == '\t' || c == '\r' || c == '\n' || c == '\0'))
			c = ' ';
		if (*at + 1 < size)
			out[*at] = c;
	}
}

size_t misslog_format(char *out, size_t size, time_t when, double confidence,
                      const char *best_id, const char *q, size_t n)
{
	char head[96], stamp[32];
	struct tm tm;
	if (!gmtime_r(&when, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(stamp, "0000-00-00T00:00:00Z"); /* a year past 9999 */
	/* A confidence outside [0, 1] (NaN included) is a bug elsewhere;
	 * clamped, the line still has the shape --review expects. */
	confidence = confidence >= 0 ? (confidence <= 1 ? confidence : 1) : 0;
	int k = snprintf(head, sizeof head, "%s\t%.2f\t", stamp, confidence);
	size_t at = 0;
	if (!best_id || !*best_id)
		best_id = "-";
	put(out, size, &at, head, (size_t)k, 0);
	put(out, size, &at, best_id, strlen(best_id), 1);
	put(out, size, &at, "\t", 1, 0);
	put(out, size, &at, q, n, 1);
	put(out, size, &at, "\n", 1, 0);
	if (size > 0)
		out[at < size ? at : size - 1] = '\0';
	return at;
}

misslog *misslog_open(const char *path, const char *protect, char *msg,
                      size_t msg_size)
{
	struct stat ps, ls;
	/* 0600 when new: it holds what users asked. */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(msg, msg_size, "cannot open the miss log %s: %s", path,
		         strerror(errno));
		return NULL;
	}
	/* Opening for appending changes nothing yet: comparing afterwards
	 * covers every path to the index (links, "./faq.db"). */
	if (protect && stat(protect, &ps) == 0 && fstat(fd, &ls) == 0 &&
	    ps.st_dev == ls.st_dev && ps.st_ino == ls.st_ino) {
		snprintf(msg, msg_size,
		         "the miss log %s is the index; choose "
		         "another file",
		         path);
		close(fd);
		return NULL;
	}
	misslog *l = calloc(1, sizeof *l);
	if (!l || !(l->path = strdup(path))) {
		snprintf(msg, msg_size, "out of memory");
		free(l);
		close(fd);
		return NULL;
	}
	l->fd = fd;
	return l;
}

int misslog_add(misslog *l, const answer_result *r, const char *q, size_t n,
                char *msg, size_t msg_size)
{
	if (!misslog_wanted(r))
		return 0;
	char small[512], *line = small;
	const char *best = r->n ? r->m[0].id : NULL;
	time_t now = time(NULL);
	size_t len =
	    misslog_format(small, sizeof small, now, r->confidence, best, q, n);
	if (len >= sizeof small) {
		line = malloc(len + 1);
		if (line)
			misslog_format(line, len + 1, now, r->confidence, best,
			               q, n);
	}
	int err = line ? 0 : ENOMEM;
	for (size_t done = 0; !err && done < len;) {
		ssize_t w = write(l->fd, line + done, len - done);
		if (w > 0)
			done += (size_t)w;
		else if (w == 0 || errno != EINTR)
			err = w == 0 ? EIO : errno;
	}
	if (line != small)
		free(line);
	if (!err || l->failed)
		return 0;
	l->failed = 1;
	snprintf(msg, msg_size,
	         "cannot write to the miss log %s: %s; answering "
	         "goes on (said once)",
	         l->path, strerror(err));
	return -1;
}

void misslog_close(misslog *l)
{
	if (!l)
		return;
	close(l->fd);
	free(l->path);
	free(l);
}

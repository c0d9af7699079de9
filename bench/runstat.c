/* runstat.c: runs a command and records what the benchmark measures of it:
 * wall-clock time (clock_gettime around fork/exec/wait) and peak resident
 * memory (wait4's ru_maxrss). The command inherits stdin and stdout.
 *
 *   runstat [-n RUNS] [-t SECONDS] STATFILE COMMAND [ARG...]
 *
 * Appends one line per run to STATFILE: "<seconds> <peak KiB> <status>",
 * status being the exit code, 128+N for a signal, or "timeout" when the
 * run was killed after SECONDS. Exits 0 when every run exited 0 or 1,
 * else 1; 2 on its own errors. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs argv once; writes its line to out. Returns its status (0..255), or
 * -1 when it timed out. */
static int run_once(char **argv, unsigned timeout, FILE *out)
{
	timed_out = 0;
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		exit(2);
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "runstat: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (timeout)
		alarm(timeout);
	int status = 0;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("runstat: wait4");
			exit(2);
		}
		if (timed_out)
			kill(pid, SIGKILL);
	}
	alarm(0);
	double t = now() - t0;
	int code =
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (timed_out) {
		fprintf(out, "%.6f %ld timeout\n", t, ru.ru_maxrss);
		return -1;
	}
	fprintf(out, "%.6f %ld %d\n", t, ru.ru_maxrss, code);
	return code;
}

int main(int argc, char **argv)
{
	unsigned runs = 1, timeout = 0;
	int i = 1;
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-n"))
			runs = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "-t"))
			timeout = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else
			break;
	}
	if (argc - i < 2 || runs == 0) {
		fprintf(stderr,
		        "usage: runstat [-n RUNS] [-t SECONDS] STATFILE "
		        "COMMAND [ARG...]\n");
		return 2;
	}
	FILE *out = fopen(argv[i], "a");
	if (!out) {
		perror(argv[i]);
		return 2;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: wait4 returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	int ok = 1;
	for (unsigned r = 0; r < runs; r++) {
		int code = run_once(argv + i + 1, timeout, out);
		fflush(out);
		if (code < 0 || code > 1) {
			ok = 0;
			break;
		}
	}
	if (fclose(out) != 0) {
		perror(argv[i]);
		return 2;
	}
	return ok ? 0 : 1;
}

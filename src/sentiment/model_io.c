/* model_io: the sentiment model's file (--save / --load), the format of
 * sentiment.h: a magic, a version, sizes, the vocabulary, the weights as
 * little-endian binary32, and a CRC-32 over everything before it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "sentiment/sentiment_int.h"

#define MAGIC		"RNNTSENT"
#define MODEL_FILE_VERSION 1u
#define HEADER_SIZE	32
#define DIM_MAX		1024u

/* CRC-32, reflected polynomial 0xEDB88320, bit by bit through a table made
 * on first use (the checksum of zlib, PNG and gzip). */
static uint32_t
crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	static int ready;

	if (!ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = 1;
	}
	crc = ~crc;
	for (size_t i = 0; i < n; i++)
		crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

/* A growing byte buffer. */
struct out {
	unsigned char *p;
	size_t n, cap;
};

/* Append n bytes. */
static void
put(struct out *o, const void *src, size_t n)
{
	if (o->n + n > o->cap) {
		while (o->n + n > o->cap)
			o->cap = o->cap != 0 ? 2 * o->cap : 4096;
		o->p = xreallocarray(o->p, o->cap, 1);
	}
	memcpy(o->p + o->n, src, n);
	o->n += n;
}

/* v as four little-endian bytes. */
static void
put_u32(struct out *o, uint32_t v)
{
	unsigned char b[4] = {
		(unsigned char)v, (unsigned char)(v >> 8),
		(unsigned char)(v >> 16), (unsigned char)(v >> 24)
	};

	put(o, b, 4);
}

/* Four little-endian bytes. */
static uint32_t
get_u32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

/* Header, words, weights, checksum. */
void
sentiment_model_encode(const struct sentiment_model *model,
    unsigned char **buf, size_t *len)
{
	struct out o = { .p = NULL, .n = 0, .cap = 0 };

	put(&o, MAGIC, 8);
	put_u32(&o, MODEL_FILE_VERSION);
	put_u32(&o, (uint32_t)model->dims.cell);
	put_u32(&o, (uint32_t)model->dims.embed);
	put_u32(&o, (uint32_t)model->dims.hidden);
	put_u32(&o, (uint32_t)model->vocab.n);
	put_u32(&o, 0);
	for (size_t id = 1; id < model->vocab.n; id++) {
		size_t n = strlen(model->vocab.word[id]);
		unsigned char len8 = (unsigned char)n;

		put(&o, &len8, 1);
		put(&o, model->vocab.word[id], n);
	}
	for (size_t i = 0; i < model->nparam; i++) {
		uint32_t bits;

		memcpy(&bits, &model->param[i], 4);
		put_u32(&o, bits);
	}
	put_u32(&o, crc32_update(0, o.p, o.n));
	*buf = o.p;
	*len = o.n;
}

/* Does word[0..n) hold no control byte (NUL included)? The tokenizer
 * never makes one, and words may end up on a terminal. */
static int
printable_word(const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)word[i] < 0x20 || word[i] == 0x7F)
			return 0;
	return 1;
}

/* Refuse with a message naming the problem. */
static int
refuse(struct diag_list *diags, const char *name, const char *why)
{
	diag_add(diags, DIAG_ERROR, name, 0, 0, "not a usable sentiment model: "
	    "%s", why);
	return SENTIMENT_EFORMAT;
}

/* Check in the order that gives the most useful message: is it ours at
 * all, which version, is it whole (length, checksum), then the contents. */
int
sentiment_model_decode(struct sentiment_model **out, const unsigned char *buf,
    size_t len, const char *name, struct diag_list *diags)
{
	struct sentiment_vocab vocab;
	struct sentiment_model *m;
	uint32_t version, cell, embed, hidden, nvocab;
	size_t at = HEADER_SIZE, ndense, nparam;
	struct sentiment_dims dims;

	*out = NULL;
	if (len < 8 || memcmp(buf, MAGIC, 8) != 0)
		return refuse(diags, name, "it does not start with \"" MAGIC
		    "\" (is it a model saved by rnntutor sim sentiment --save?)");
	if (len < HEADER_SIZE + 4)
		return refuse(diags, name, "truncated (shorter than a header)");
	version = get_u32(buf + 8);
	if (version != MODEL_FILE_VERSION) {
		char why[96];

		snprintf(why, sizeof why, "format version %u; this rnntutor reads "
		    "version %u", (unsigned)version, MODEL_FILE_VERSION);
		return refuse(diags, name, why);
	}
	cell = get_u32(buf + 12);
	embed = get_u32(buf + 16);
	hidden = get_u32(buf + 20);
	nvocab = get_u32(buf + 24);
	if (cell > SENTIMENT_GRU) {
		char why[96];

		snprintf(why, sizeof why, "unknown cell %u (0 LSTM, 1 RNN, "
		    "2 GRU)", (unsigned)cell);
		return refuse(diags, name, why);
	}
	if (embed < 1 || embed > DIM_MAX ||
	    hidden < 1 || hidden > DIM_MAX || nvocab < 1 ||
	    nvocab > SENTIMENT_VOCAB_MAX || get_u32(buf + 28) != 0)
		return refuse(diags, name, "sizes in the header are out of range");
	/* the size the header and the word lengths promise */
	sentiment_dims_set(&dims, (enum sentiment_cell)cell, embed, hidden);
	ndense = sentiment_dense_count(&dims);
	nparam = ndense + (size_t)nvocab * embed;
	for (uint32_t id = 1; id < nvocab && at < len; id++)
		at += 1 + (size_t)buf[at];
	if (at > len || len - at < 4 * nparam + 4)
		return refuse(diags, name, "truncated (or its word list is "
		    "damaged)");
	if (len - at > 4 * nparam + 4)
		return refuse(diags, name, "bytes after the weights (or its "
		    "word list is damaged)");
	if (crc32_update(0, buf, len - 4) != get_u32(buf + len - 4))
		return refuse(diags, name, "checksum mismatch (the file is "
		    "corrupt)");
	at = HEADER_SIZE;
	sentiment_vocab_init(&vocab);
	for (uint32_t id = 1; id < nvocab; id++) {
		char word[SENTIMENT_WORD_MAX + 1];
		size_t n = buf[at++];

		if (n < 1 || n > SENTIMENT_WORD_MAX)
			break;
		memcpy(word, buf + at, n);
		word[n] = '\0';
		at += n;
		if (!printable_word(word, n) ||
		    sentiment_vocab_add(&vocab, word) != id)
			break;		/* a control byte, or a repeated word */
	}
	if (vocab.n != nvocab) {
		sentiment_vocab_free(&vocab);
		return refuse(diags, name, "the word list is damaged");
	}
	m = sentiment_model_new((enum sentiment_cell)cell, embed, hidden, &vocab);
	for (size_t i = 0; i < nparam; i++, at += 4) {
		uint32_t bits = get_u32(buf + at);

		memcpy(&m->param[i], &bits, 4);
		if (!isfinite(m->param[i])) {
			sentiment_model_destroy(m);
			return refuse(diags, name, "a weight is not a finite "
			    "number");
		}
	}
	*out = m;
	return SENTIMENT_OK;
}

/* Encode, write, check every write and the close. */
int
sentiment_model_save(const struct sentiment_model *model, const char *path,
    struct diag_list *diags)
{
	unsigned char *buf;
	size_t len;
	FILE *f;
	int ok;

	f = fopen(path, "wb");
	if (f == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create: %s",
		    strerror(errno));
		return SENTIMENT_EIO;
	}
	sentiment_model_encode(model, &buf, &len);
	ok = fwrite(buf, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	free(buf);
	if (!ok) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		return SENTIMENT_EIO;
	}
	return SENTIMENT_OK;
}

/* Read a regular file within the cap, then decode. */
int
sentiment_model_load(struct sentiment_model **out, const char *path,
    struct diag_list *diags)
{
	size_t len;
	char *buf;
	int rc;

	*out = NULL;
	rc = sentiment_read_file(path, SENTIMENT_MODEL_FILE_MAX, &buf, &len,
	    diags);
	if (rc == SENTIMENT_ETOOBIG)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "over %zu MiB: not a "
		    "sentiment model", SENTIMENT_MODEL_FILE_MAX >> 20);
	if (rc != SENTIMENT_OK)
		return rc;
	rc = sentiment_model_decode(out, (const unsigned char *)buf, len,
	    path, diags);
	free(buf);
	return rc;
}

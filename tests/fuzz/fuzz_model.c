/* fuzz_model: bytes as a sentiment model file, through
 * sentiment_model_decode().
 *
 * A random change to a model file almost always breaks its CRC-32, and the
 * decoder then refuses it before reading any further; so each input is
 * decoded twice: as given, and with its last four bytes replaced by the
 * right checksum, which lets the fuzzer reach the vocabulary and weight
 * checks. A model that decodes must encode back to the same bytes, survive
 * a copy and run over a short sentence. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "sentiment/sentiment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* CRC-32 (ISO-HDLC, zlib's), as the file format says. */
static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t crc = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
	}
	return ~crc;
}

/* Decode buf; check what a decoded model promises. */
static void
decode_and_use(const unsigned char *buf, size_t len)
{
	struct sentiment_model *model = NULL, *copy;
	struct sentiment_prediction pred;
	struct diag_list diags;
	unsigned char *again;
	size_t again_len, v;
	int rc;

	diag_list_init(&diags);
	rc = sentiment_model_decode(&model, buf, len, "fuzz.model", &diags);
	if (rc < 0) {
		if (model != NULL || diags.nerrors == 0)
			abort();
		diag_list_free(&diags);
		return;
	}
	if (model == NULL || rc != SENTIMENT_OK)
		abort();
	/* the format is canonical: what decodes encodes to the same bytes */
	sentiment_model_encode(model, &again, &again_len);
	if (again_len != len || memcmp(again, buf, len) != 0)
		abort();
	free(again);
	v = sentiment_model_vocab_size(model);
	if (v < 1 || sentiment_model_word(model, v) != NULL ||
	    strcmp(sentiment_model_word(model, 0), "<unk>") != 0)
		abort();
	for (size_t id = 1; id < v; id++)
		if (sentiment_model_word(model, id) == NULL)
			abort();
	copy = sentiment_model_copy(model);
	sentiment_prediction_init(&pred);
	/* a sentence of the model's own words, and the raw bytes */
	if (v > 1) {
		const char *w = sentiment_model_word(copy, 1);

		sentiment_predict(&pred, copy, w, strlen(w));
	}
	sentiment_predict(&pred, model, (const char *)buf,
	    len < 256 ? len : 256);
	/* a probability; NaN only from weights near FLT_MAX, whose sums
	 * overflow (inf - inf): a hand-made file, never a trained one */
	if (pred.p < 0 || pred.p > 1)
		abort();
	for (size_t i = 0; i < pred.words.n; i++)
		if (pred.prefix[i] < 0 || pred.prefix[i] > 1)
			abort();
	sentiment_prediction_free(&pred);
	sentiment_model_destroy(copy);
	sentiment_model_destroy(model);
	diag_list_free(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *fixed;
	uint32_t crc;

	decode_and_use(data, size);
	if (size < 36)
		return 0;
	fixed = malloc(size);
	if (fixed == NULL)
		return 0;
	memcpy(fixed, data, size);
	crc = crc32_of(fixed, size - 4);
	fixed[size - 4] = (unsigned char)crc;
	fixed[size - 3] = (unsigned char)(crc >> 8);
	fixed[size - 2] = (unsigned char)(crc >> 16);
	fixed[size - 1] = (unsigned char)(crc >> 24);
	decode_and_use(fixed, size);
	free(fixed);
	return 0;
}

/* sentiment_predict: what a trained model says about one sentence (after
 * every word) and about a whole split of a data set. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sentiment/sentiment_int.h"

#define EVAL_ROWS 64		/* sentences per forward pass in evaluation */

/* No words yet; p is NaN until a prediction. */
void
sentiment_prediction_init(struct sentiment_prediction *pred)
{
	memset(pred, 0, sizeof *pred);
	sentiment_tokens_init(&pred->words);
	pred->p = NAN;
}

/* Free the words and the arrays. */
void
sentiment_prediction_free(struct sentiment_prediction *pred)
{
	sentiment_tokens_free(&pred->words);
	free(pred->unknown);
	free(pred->prefix);
	free(pred->keep);
	free(pred->write);
	free(pred->saliency);
	sentiment_prediction_init(pred);
}

/* sigmoid(w . h + b), the output layer on one hidden state. */
static double
head(const struct sentiment_model *model, const float *h)
{
	double z = model->net.head_b[0];

	for (size_t j = 0; j < model->dims.hidden; j++)
		z += (double)model->net.head_w[j] * h[j];
	return sentiment_sigmoid(z);
}

/* One sentence as a batch of one: row t of the packed batch is step t,
 * and the h_t the next step reads is the prefix's hidden state. */
void
sentiment_predict(struct sentiment_prediction *pred,
    const struct sentiment_model *model, const char *text, size_t len)
{
	struct sentiment_batch batch;
	struct sentiment_seq seq;
	int32_t *ids;
	size_t n, nh = model->dims.hidden;

	free(pred->unknown);
	free(pred->prefix);
	free(pred->keep);
	free(pred->write);
	free(pred->saliency);
	sentiment_tokenize(&pred->words, text, len);
	n = pred->words.n;
	pred->unknown = xcalloc(n + 1, sizeof *pred->unknown);
	pred->prefix = xcalloc(n + 1, sizeof *pred->prefix);
	pred->keep = xcalloc(n + 1, sizeof *pred->keep);
	pred->write = xcalloc(n + 1, sizeof *pred->write);
	pred->saliency = xcalloc(n + 1, sizeof *pred->saliency);
	ids = xcalloc(n + 1, sizeof *ids);
	for (size_t i = 0; i < n; i++) {
		ids[i] = (int32_t)sentiment_vocab_id(&model->vocab,
		    pred->words.word[i]);
		pred->unknown[i] = ids[i] == 0;
	}
	seq.id = ids;
	seq.len = n;
	seq.label = 0;
	sentiment_batch_init(&batch, &model->dims, 1, n);
	sentiment_batch_forward(&batch, model, &seq, 1);
	for (size_t t = 0; t + 1 < n; t++)
		pred->prefix[t] = head(model, batch.cache.hprev + (t + 1) * nh);
	if (n > 0)
		pred->prefix[n - 1] = sentiment_sigmoid(batch.logit[0]);
	pred->p = sentiment_sigmoid(batch.logit[0]);
	sentiment_inside(pred->keep, pred->write, pred->saliency, model, ids,
	    n);
	sentiment_batch_free(&batch);
	free(ids);
}

/* Forward passes of EVAL_ROWS sentences over the chosen split (split and
 * validation seeded as the trainer's streams 0 and 3). */
void
sentiment_evaluate(struct sentiment_eval *out,
    const struct sentiment_model *model, const struct sentiment_data *data,
    enum sentiment_split split, uint64_t seed)
{
	unsigned char *where = xmalloc(data->n + 1);
	struct sentiment_seq *seqs = xcalloc(data->n + 1, sizeof *seqs);
	int32_t **ids = xcalloc(data->n + 1, sizeof *ids);
	unsigned char *longr = xcalloc(data->n + 1, 1);
	struct sentiment_tokens toks;
	struct sentiment_batch batch;
	size_t n = 0, maxtok = 0;
	double loss = 0.0;

	memset(out, 0, sizeof *out);
	sentiment_split_assign(where, data, seed, 0.2);
	sentiment_val_assign(where, data->n, seed + 3, SENTIMENT_VAL_FRACTION);
	sentiment_tokens_init(&toks);
	for (size_t i = 0; i < data->n; i++) {
		if (where[i] != (unsigned char)split)
			continue;
		sentiment_tokenize(&toks, data->v[i].text,
		    strlen(data->v[i].text));
		ids[n] = xcalloc(toks.n + 1, sizeof **ids);
		for (size_t w = 0; w < toks.n; w++)
			ids[n][w] = (int32_t)sentiment_vocab_id(&model->vocab,
			    toks.word[w]);
		seqs[n].id = ids[n];
		seqs[n].len = toks.n;
		seqs[n].label = data->v[i].label;
		longr[n] = data->v[i].longrange != 0;
		n++;
	}
	sentiment_tokens_free(&toks);
	for (size_t first = 0; first < n; first += EVAL_ROWS) {
		size_t sum = 0;

		for (size_t i = first; i < n && i < first + EVAL_ROWS; i++)
			sum += seqs[i].len;
		if (sum > maxtok)
			maxtok = sum;
	}
	sentiment_batch_init(&batch, &model->dims, EVAL_ROWS, maxtok);
	for (size_t first = 0; first < n; first += EVAL_ROWS) {
		size_t count = n - first < EVAL_ROWS ? n - first : EVAL_ROWS;

		sentiment_batch_forward(&batch, model, seqs + first, count);
		for (size_t i = 0; i < count; i++) {
			const struct sentiment_seq *s = &seqs[first + i];
			int right = (batch.logit[i] > 0.0) == (s->label == 1);

			loss += sentiment_bce(batch.logit[i], s->label);
			out->correct += (size_t)right;
			if (longr[first + i]) {
				out->long_n++;
				out->long_correct += (size_t)right;
			}
		}
	}
	out->n = n;
	out->accuracy = n > 0 ? (double)out->correct / (double)n : NAN;
	out->loss = n > 0 ? loss / (double)n : NAN;
	out->long_accuracy = out->long_n > 0 ?
	    (double)out->long_correct / (double)out->long_n : NAN;
	sentiment_batch_free(&batch);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(seqs);
	free(longr);
	free(where);
}

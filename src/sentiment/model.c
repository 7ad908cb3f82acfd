/* sentiment_model: the classifier's weights, and one mini-batch through it
 * (in float, batched) or one sentence at a time (in double, the reference). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "nn/gru.h"
#include "nn/linalg.h"
#include "nn/lstm.h"
#include "nn/rnn.h"
#include "nn/sgemm.h"
#include "sentiment/sentiment_int.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* G = 4H for the LSTM's four gates, 3H for the GRU's three, H for the
 * RNN. */
void
sentiment_dims_set(struct sentiment_dims *d, enum sentiment_cell cell,
    size_t embed, size_t hidden)
{
	d->cell = cell;
	d->embed = embed;
	d->hidden = hidden;
	d->gates = cell == SENTIMENT_LSTM ? 4 * hidden :
	    cell == SENTIMENT_GRU ? 3 * hidden : hidden;
}

/* G*E + G*H + 2G (the cell, as lstm_param_count, gru_param_count or
 * rnn_param_count) + H + 1 */
size_t
sentiment_dense_count(const struct sentiment_dims *d)
{
	size_t g = d->gates;

	return g * d->embed + g * d->hidden + 2 * g + d->hidden + 1;
}

/* w_ih, w_hh, b_ih, b_hh, head_w, head_b, emb, back to back. */
void
sentiment_net_point(struct sentiment_net *net, float *flat,
    const struct sentiment_dims *d)
{
	size_t g = d->gates;

	net->w_ih = flat;
	net->w_hh = net->w_ih + g * d->embed;
	net->b_ih = net->w_hh + g * d->hidden;
	net->b_hh = net->b_ih + g;
	net->head_w = net->b_hh + g;
	net->head_b = net->head_w + d->hidden;
	net->emb = net->head_b + 1;
}

/* Zero weights; the vocabulary is moved in. */
struct sentiment_model *
sentiment_model_new(enum sentiment_cell cell, size_t embed, size_t hidden,
    struct sentiment_vocab *vocab)
{
	struct sentiment_model *m = xcalloc(1, sizeof *m);

	sentiment_dims_set(&m->dims, cell, embed, hidden);
	m->vocab = *vocab;
	memset(vocab, 0, sizeof *vocab);
	m->ndense = sentiment_dense_count(&m->dims);
	m->nparam = m->ndense + m->vocab.n * embed;
	m->param = xcalloc(m->nparam, sizeof *m->param);
	sentiment_net_point(&m->net, m->param, &m->dims);
	return m;
}

/* Draw in double (the engine's initialisers), round to float. */
void
sentiment_model_init_weights(struct sentiment_model *model, struct rng *rng)
{
	const struct sentiment_dims *d = &model->dims;
	size_t ncell = d->gates * (d->embed + d->hidden + 2), nh = d->hidden;
	size_t nemb = model->vocab.n * d->embed;
	size_t nmax = ncell > nemb ? ncell : nemb;
	double *tmp = xmalloc((nmax + nh + 1) * sizeof *tmp);
	double k = 1.0 / sqrt((double)nh);

	if (d->cell == SENTIMENT_LSTM) {
		struct lstm_dims ld = { .input = d->embed, .hidden = nh };
		struct lstm_params lp;

		lstm_params_point(&lp, tmp, &ld);
		lstm_init_default(&lp, rng, &ld);
	} else if (d->cell == SENTIMENT_GRU) {
		struct gru_dims gd = { .input = d->embed, .hidden = nh };
		struct gru_params gp;

		gru_params_point(&gp, tmp, &gd);
		gru_init_default(&gp, rng, &gd);
	} else {
		struct rnn_dims rd = {
			.input = d->embed, .hidden = nh, .act = RNN_TANH,
		};
		struct rnn_params rp;

		rnn_params_point(&rp, tmp, &rd);
		rnn_init_default(&rp, rng, &rd);
	}
	rng_fill_uniform(tmp + ncell, rng, nh + 1, -k, k);
	for (size_t i = 0; i < ncell + nh + 1; i++)
		model->param[i] = (float)tmp[i];
	rng_fill_normal(tmp, rng, nemb, 1.0);
	for (size_t i = 0; i < nemb; i++)
		model->net.emb[i] = (float)tmp[i];
	free(tmp);
}

/* Each H x H gate block of W_hh in turn: N(0, 1) entries orthonormalised
 * by rows, times rho. */
void
sentiment_model_orthogonal_hh(struct sentiment_model *model, struct rng *rng,
    double rho)
{
	size_t nh = model->dims.hidden, blocks = model->dims.gates / nh;
	double *q = xmalloc((2 * nh * nh + 2 * nh) * sizeof *q);

	for (size_t b = 0; b < blocks; b++) {
		float *w = model->net.w_hh + b * nh * nh;

		rng_fill_normal(q + nh * nh, rng, nh * nh, 1.0);
		linalg_orthonormalize_rows(q, q + nh * nh, q + 2 * nh * nh, nh);
		for (size_t i = 0; i < nh * nh; i++)
			w[i] = (float)(rho * q[i]);
	}
	free(q);
}

/* Free the vocabulary and the weights (NULL is fine). */
void
sentiment_model_destroy(struct sentiment_model *model)
{
	if (model == NULL)
		return;
	sentiment_vocab_free(&model->vocab);
	free(model->param);
	free(model);
}

/* Vocabulary and weights. */
struct sentiment_model *
sentiment_model_copy(const struct sentiment_model *model)
{
	struct sentiment_vocab vocab;
	struct sentiment_model *copy;

	sentiment_vocab_copy(&vocab, &model->vocab);
	copy = sentiment_model_new(model->dims.cell, model->dims.embed,
	    model->dims.hidden, &vocab);
	memcpy(copy->param, model->param, model->nparam * sizeof *model->param);
	return copy;
}

/* LSTM, RNN or GRU. */
enum sentiment_cell
sentiment_model_cell(const struct sentiment_model *model)
{
	return model->dims.cell;
}

/* E */
size_t
sentiment_model_embed(const struct sentiment_model *model)
{
	return model->dims.embed;
}

/* H */
size_t
sentiment_model_hidden(const struct sentiment_model *model)
{
	return model->dims.hidden;
}

/* V, "<unk>" included. */
size_t
sentiment_model_vocab_size(const struct sentiment_model *model)
{
	return model->vocab.n;
}

/* The word with this id, or NULL. */
const char *
sentiment_model_word(const struct sentiment_model *model, size_t id)
{
	return id < model->vocab.n ? model->vocab.word[id] : NULL;
}

/* Every trainable number. */
size_t
sentiment_model_param_count(const struct sentiment_model *model)
{
	return model->nparam;
}

/* Stable for large |z|: max(z, 0) - z y + log1p(e^-|z|). */
double
sentiment_bce(double z, int y)
{
	return (z > 0.0 ? z : 0.0) - z * (double)y + log1p(exp(-fabs(z)));
}

/* The logistic function in double (the output layer). */
double
sentiment_sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

/* ---- mini-batches in float ----------------------------------------------- */

/* Every array at its largest. */
void
sentiment_batch_init(struct sentiment_batch *b, const struct sentiment_dims *d,
    size_t max_rows, size_t max_tokens)
{
	size_t nh = d->hidden, ng = d->gates, ne = d->embed;
	size_t rows = max_rows != 0 ? max_rows : 1;
	size_t toks = max_tokens != 0 ? max_tokens : 1;

	memset(b, 0, sizeof *b);
	b->dims = *d;
	b->max_rows = rows;
	b->max_tokens = toks;
	b->max_steps = toks;
	b->pack.batch = xmalloc(toks * sizeof *b->pack.batch);
	b->pack.offset = xmalloc(toks * sizeof *b->pack.offset);
	b->cache.x = xmalloc(toks * ne * sizeof(float));
	b->cache.z = xmalloc(toks * ng * sizeof(float));
	b->cache.zh = d->cell == SENTIMENT_GRU ?
	    xmalloc(toks * ng * sizeof(float)) : NULL;
	b->cache.c = xmalloc(toks * nh * sizeof(float));
	b->cache.tc = xmalloc(toks * nh * sizeof(float));
	b->cache.hprev = xmalloc(toks * nh * sizeof(float));
	b->cache.hlast = xmalloc(rows * nh * sizeof(float));
	b->order = xmalloc(rows * sizeof *b->order);
	b->row_id = xmalloc(toks * sizeof *b->row_id);
	b->logit = xmalloc(rows * sizeof *b->logit);
	b->dhlast = xmalloc(rows * nh * sizeof(float));
	b->dz = xmalloc(toks * ng * sizeof(float));
	b->dzh = d->cell == SENTIMENT_GRU ?
	    xmalloc(toks * ng * sizeof(float)) : NULL;
	b->dx = xmalloc(toks * ne * sizeof(float));
	b->gh = xmalloc(rows * nh * sizeof(float));
	b->gc = xmalloc(rows * nh * sizeof(float));
	b->wt_ih = xmalloc(ne * ng * sizeof(float));
	b->wt_hh = xmalloc(nh * ng * sizeof(float));
}

/* Free every array. */
void
sentiment_batch_free(struct sentiment_batch *b)
{
	free(b->pack.batch);
	free(b->pack.offset);
	free(b->cache.x);
	free(b->cache.z);
	free(b->cache.zh);
	free(b->cache.c);
	free(b->cache.tc);
	free(b->cache.hprev);
	free(b->cache.hlast);
	free(b->order);
	free(b->row_id);
	free(b->logit);
	free(b->dhlast);
	free(b->dz);
	free(b->dzh);
	free(b->dx);
	free(b->gh);
	free(b->gc);
	free(b->wt_ih);
	free(b->wt_hh);
	memset(b, 0, sizeof *b);
}

/* Sort rows longest first, equal lengths in the caller's order (insertion
 * sort: batches are small). */
static void
sort_rows(size_t *order, const struct sentiment_seq *seqs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t j = i;

		while (j > 0 && seqs[order[j - 1]].len < seqs[i].len) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
}

/* Pack, gather the embedding rows, run the cell, apply the output layer. */
void
sentiment_batch_forward(struct sentiment_batch *b,
    const struct sentiment_model *model, const struct sentiment_seq *seqs,
    size_t count)
{
	const struct sentiment_dims *d = &model->dims;
	struct sentiment_pack *pk = &b->pack;
	size_t nh = d->hidden, ne = d->embed, row = 0, steps;

	sort_rows(b->order, seqs, count);
	steps = count > 0 ? seqs[b->order[0]].len : 0;
	pk->steps = steps;
	pk->rows = count;
	for (size_t t = 0, nb = count; t < steps; t++) {
		while (nb > 0 && seqs[b->order[nb - 1]].len <= t)
			nb--;
		pk->batch[t] = nb;
		pk->offset[t] = row;
		for (size_t r = 0; r < nb; r++, row++) {
			int32_t id = seqs[b->order[r]].id[t];

			b->row_id[row] = id;
			memcpy(b->cache.x + row * ne, model->net.emb +
			    (size_t)id * ne, ne * sizeof(float));
		}
	}
	pk->tokens = row;
	nn_stranspose(b->wt_ih, model->net.w_ih, d->gates, ne);
	nn_stranspose(b->wt_hh, model->net.w_hh, d->gates, nh);
	sentiment_kernel_forward(&b->cache, &model->net, b->wt_ih, b->wt_hh,
	    pk, d);
	for (size_t r = steps > 0 ? pk->batch[0] : 0; r < count; r++)
		memset(b->cache.hlast + r * nh, 0, nh * sizeof(float));	/* no words */
	for (size_t r = 0; r < count; r++) {
		const float *h = b->cache.hlast + r * nh;
		double z = model->net.head_b[0];

		for (size_t j = 0; j < nh; j++)
			z += (double)model->net.head_w[j] * h[j];
		b->logit[b->order[r]] = z;
	}
}

/* Loss, then the gradient from the output layer back to the embedding. */
double
sentiment_batch_backward(struct sentiment_batch *b,
    struct sentiment_net *grad, const struct sentiment_model *model,
    const struct sentiment_seq *seqs, size_t count, size_t *correct)
{
	const struct sentiment_dims *d = &model->dims;
	size_t nh = d->hidden, ne = d->embed, right = 0;
	double loss = 0.0;

	for (size_t i = 0; i < count; i++) {
		loss += sentiment_bce(b->logit[i], seqs[i].label);
		right += (b->logit[i] > 0.0) == (seqs[i].label == 1);
	}
	if (correct != NULL)
		*correct = right;
	if (count == 0)
		return 0.0;
	loss /= (double)count;
	if (grad == NULL)
		return loss;
	for (size_t r = 0; r < count; r++) {
		size_t i = b->order[r];
		float dz = (float)((sentiment_sigmoid(b->logit[i]) -
		    (double)seqs[i].label) / (double)count);
		const float *h = b->cache.hlast + r * nh;
		float *dh = b->dhlast + r * nh;

		for (size_t j = 0; j < nh; j++) {
			grad->head_w[j] += dz * h[j];
			dh[j] = dz * model->net.head_w[j];
		}
		grad->head_b[0] += dz;
	}
	sentiment_kernel_backward(b->dx, grad, b->dz, b->dzh, b->gh, b->gc, b->dhlast,
	    &b->cache, &model->net, &b->pack, d);
	for (size_t row = 0; row < b->pack.tokens; row++) {
		float *g = grad->emb + (size_t)b->row_id[row] * ne;
		const float *dx = b->dx + row * ne;

		for (size_t e = 0; e < ne; e++)
			g[e] += dx[e];
	}
	return loss;
}

/* ---- the double reference ------------------------------------------------ */

/* One sentence at a time through lstm.c, gru.c or rnn.c. */
double
sentiment_model_loss_double(const struct sentiment_model *model,
    const double *theta, const struct sentiment_seq *seqs, size_t count,
    double *grad)
{
	const struct sentiment_dims *d = &model->dims;
	size_t nh = d->hidden, ne = d->embed, ncell = d->gates * (ne + nh + 2);
	size_t maxlen = 0;
	double *own = NULL, *x, *dx, *cachebuf, *work, *dout, loss = 0.0;
	const double *hw, *emb;
	struct lstm_dims ld = { .input = ne, .hidden = nh };
	struct gru_dims gd = { .input = ne, .hidden = nh };
	struct rnn_dims rd = { .input = ne, .hidden = nh, .act = RNN_TANH };
	struct lstm_params lp, lg;
	struct gru_params gp, gg;
	struct rnn_params rp, rg;

	if (theta == NULL) {
		own = xmalloc(model->nparam * sizeof *own);
		for (size_t i = 0; i < model->nparam; i++)
			own[i] = model->param[i];
		theta = own;
	}
	hw = theta + ncell;
	emb = theta + model->ndense;
	for (size_t s = 0; s < count; s++)
		if (seqs[s].len > maxlen)
			maxlen = seqs[s].len;
	x = xcalloc(maxlen * ne + 1, sizeof *x);
	dx = xcalloc(maxlen * ne + 1, sizeof *dx);
	dout = xcalloc(maxlen * nh + 1, sizeof *dout);
	if (d->cell == SENTIMENT_LSTM) {
		cachebuf = xmalloc(lstm_cache_size(maxlen, &ld) * sizeof *cachebuf);
		work = xmalloc(lstm_work_size(maxlen, &ld) * sizeof *work);
		lstm_params_point(&lp, (double *)theta, &ld);
		if (grad != NULL)
			lstm_params_point(&lg, grad, &ld);
	} else if (d->cell == SENTIMENT_GRU) {
		cachebuf = xmalloc(gru_cache_size(maxlen, &gd) * sizeof *cachebuf);
		work = xmalloc(gru_work_size(maxlen, &gd) * sizeof *work);
		gru_params_point(&gp, (double *)theta, &gd);
		if (grad != NULL)
			gru_params_point(&gg, grad, &gd);
	} else {
		cachebuf = xmalloc((maxlen + 1) * nh * sizeof *cachebuf);
		work = xmalloc(rnn_work_size(maxlen, &rd) * sizeof *work);
		rnn_params_point(&rp, (double *)theta, &rd);
		if (grad != NULL)
			rnn_params_point(&rg, grad, &rd);
	}
	for (size_t s = 0; s < count; s++) {
		size_t T = seqs[s].len;
		struct lstm_cache lc;
		struct gru_cache gc;
		const double *hT;
		double z, dz;

		for (size_t t = 0; t < T; t++)
			memcpy(x + t * ne, emb + (size_t)seqs[s].id[t] * ne,
			    ne * sizeof *x);
		if (d->cell == SENTIMENT_LSTM) {
			lstm_cache_point(&lc, cachebuf, T, &ld);
			lstm_forward(&lc, x, NULL, NULL, &lp, T, &ld);
			hT = lc.h + T * nh;
		} else if (d->cell == SENTIMENT_GRU) {
			gru_cache_point(&gc, cachebuf, T, &gd);
			gru_forward(&gc, x, NULL, &gp, T, &gd);
			hT = gc.h + T * nh;
		} else {
			rnn_forward(cachebuf, x, NULL, &rp, T, &rd);
			hT = cachebuf + T * nh;
		}
		z = hw[nh];
		for (size_t j = 0; j < nh; j++)
			z += hw[j] * hT[j];
		loss += sentiment_bce(z, seqs[s].label);
		if (grad == NULL)
			continue;
		dz = (sentiment_sigmoid(z) - (double)seqs[s].label) /
		    (double)count;
		for (size_t j = 0; j < nh; j++)
			grad[ncell + j] += dz * hT[j];
		grad[ncell + nh] += dz;
		if (T == 0)
			continue;
		memset(dout, 0, T * nh * sizeof *dout);
		for (size_t j = 0; j < nh; j++)
			dout[(T - 1) * nh + j] = dz * hw[j];
		memset(dx, 0, T * ne * sizeof *dx);
		if (d->cell == SENTIMENT_LSTM)
			lstm_backward(dx, NULL, NULL, &lg, NULL, NULL, work, dout,
			    &lc, x, &lp, T, &ld);
		else if (d->cell == SENTIMENT_GRU)
			gru_backward(dx, NULL, &gg, NULL, work, dout, &gc, x,
			    &gp, T, &gd);
		else
			rnn_backward(dx, NULL, &rg, NULL, work, dout, cachebuf, x,
			    &rp, T, &rd);
		for (size_t t = 0; t < T; t++) {
			double *g = grad + model->ndense +
			    (size_t)seqs[s].id[t] * ne;

			for (size_t e = 0; e < ne; e++)
				g[e] += dx[t * ne + e];
		}
	}
	free(own);
	free(x);
	free(dx);
	free(dout);
	free(cachebuf);
	free(work);
	return count > 0 ? loss / (double)count : 0.0;
}

/* inside: what a trained model does word by word, for the reader to look
 * at: the mean of its gates after each word and how much the output
 * depends on each word's embedding (saliency, one backward pass). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "nn/gru.h"
#include "nn/lstm.h"
#include "nn/rnn.h"
#include "sentiment/sentiment_int.h"

/* The mean of the H values at v. */
static double
mean(const double *v, size_t h)
{
	double s = 0.0;

	for (size_t j = 0; j < h; j++)
		s += v[j];
	return h > 0 ? s / (double)h : NAN;
}

/* See sentiment_int.h: the double kernels of lstm.c, gru.c and rnn.c with
 * the model's weights widened to double, one sentence, h_0 = c_0 = 0. The
 * backward pass starts from dz/dh_T = w (the output layer's weight) and
 * runs through time with no weight gradient: only dz/dx_t is wanted. */
double
sentiment_logit_x(double *dx, double *keep, double *write,
    const struct sentiment_model *model, const double *x, size_t steps)
{
	const struct sentiment_dims *d = &model->dims;
	size_t nh = d->hidden, ne = d->embed, ncell = d->gates * (ne + nh + 2);
	double *theta = xmalloc(ncell * sizeof *theta);
	double *cachebuf, *work, *dout, z;
	const double *hT;
	struct lstm_dims ld = { .input = ne, .hidden = nh };
	struct gru_dims gd = { .input = ne, .hidden = nh };
	struct rnn_dims rd = { .input = ne, .hidden = nh, .act = RNN_TANH };
	struct lstm_params lp;
	struct gru_params gp;
	struct rnn_params rp;
	struct lstm_cache lc;
	struct gru_cache gc;

	for (size_t i = 0; i < ncell; i++)
		theta[i] = model->param[i];
	dout = xcalloc(steps * nh + 1, sizeof *dout);
	if (d->cell == SENTIMENT_LSTM) {
		cachebuf = xmalloc(lstm_cache_size(steps, &ld) * sizeof *cachebuf);
		work = xmalloc(lstm_work_size(steps, &ld) * sizeof *work);
		lstm_params_point(&lp, theta, &ld);
		lstm_cache_point(&lc, cachebuf, steps, &ld);
		lstm_forward(&lc, x, NULL, NULL, &lp, steps, &ld);
		hT = lc.h + steps * nh;
	} else if (d->cell == SENTIMENT_GRU) {
		cachebuf = xmalloc(gru_cache_size(steps, &gd) * sizeof *cachebuf);
		work = xmalloc(gru_work_size(steps, &gd) * sizeof *work);
		gru_params_point(&gp, theta, &gd);
		gru_cache_point(&gc, cachebuf, steps, &gd);
		gru_forward(&gc, x, NULL, &gp, steps, &gd);
		hT = gc.h + steps * nh;
	} else {
		cachebuf = xmalloc((steps + 1) * nh * sizeof *cachebuf);
		work = xmalloc(rnn_work_size(steps, &rd) * sizeof *work);
		rnn_params_point(&rp, theta, &rd);
		rnn_forward(cachebuf, x, NULL, &rp, steps, &rd);
		hT = cachebuf + steps * nh;
	}
	z = model->net.head_b[0];
	for (size_t j = 0; j < nh; j++)
		z += (double)model->net.head_w[j] * hT[j];
	for (size_t t = 0; t < steps; t++) {
		double k = NAN, w = NAN;

		if (d->cell == SENTIMENT_LSTM) {
			k = mean(lc.gates + t * 4 * nh + LSTM_GATE_F * nh, nh);
			w = mean(lc.gates + t * 4 * nh + LSTM_GATE_I * nh, nh);
		} else if (d->cell == SENTIMENT_GRU) {
			k = mean(gc.gates + t * 3 * nh + GRU_GATE_Z * nh, nh);
		}
		if (keep != NULL)
			keep[t] = k;
		if (write != NULL)
			write[t] = w;
	}
	if (dx != NULL && steps > 0) {
		memset(dx, 0, steps * ne * sizeof *dx);
		for (size_t j = 0; j < nh; j++)
			dout[(steps - 1) * nh + j] = model->net.head_w[j];
		if (d->cell == SENTIMENT_LSTM)
			lstm_backward(dx, NULL, NULL, NULL, NULL, NULL, work,
			    dout, &lc, x, &lp, steps, &ld);
		else if (d->cell == SENTIMENT_GRU)
			gru_backward(dx, NULL, NULL, NULL, work, dout, &gc, x,
			    &gp, steps, &gd);
		else
			rnn_backward(dx, NULL, NULL, NULL, work, dout, cachebuf,
			    x, &rp, steps, &rd);
	}
	free(theta);
	free(cachebuf);
	free(work);
	free(dout);
	return z;
}

/* See sentiment_int.h. */
void
sentiment_inside(double *keep, double *write, double *saliency,
    const struct sentiment_model *model, const int32_t *ids, size_t steps)
{
	size_t ne = model->dims.embed;
	double *x = xcalloc(steps * ne + 1, sizeof *x);
	double *dx = xcalloc(steps * ne + 1, sizeof *dx);

	for (size_t t = 0; t < steps; t++)
		for (size_t e = 0; e < ne; e++)
			x[t * ne + e] = model->net.emb[(size_t)ids[t] * ne + e];
	sentiment_logit_x(dx, keep, write, model, x, steps);
	for (size_t t = 0; t < steps; t++) {
		double s = 0.0;

		for (size_t e = 0; e < ne; e++)
			s += dx[t * ne + e] * dx[t * ne + e];
		saliency[t] = sqrt(s);
	}
	free(x);
	free(dx);
}

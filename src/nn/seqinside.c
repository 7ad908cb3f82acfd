/* seqinside: one sequence through a trained seqtrain network, in double,
 * with its gates and the gradient of its prediction to every input. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "nn/gru.h"
#include "nn/lstm.h"
#include "nn/rnn.h"
#include "nn/seqinside.h"

/* Gate blocks of a cell: G in seqtrain.h's layout. */
static size_t
gates_of(enum seqtrain_cell cell)
{
	return cell == SEQTRAIN_LSTM ? 4 : cell == SEQTRAIN_GRU ? 3 : 1;
}

/* See seqinside.h: G H I + G H H + 2 G H, then the head's H + 1. */
size_t
seqinside_param_count(const struct seqinside_dims *d)
{
	size_t gh = gates_of(d->cell) * d->hidden;

	return gh * (d->input + d->hidden + 2) + d->hidden + 1;
}

/* The mean of the h values at v. */
static double
mean(const double *v, size_t h)
{
	double s = 0.0;

	for (size_t j = 0; j < h; j++)
		s += v[j];
	return h > 0 ? s / (double)h : NAN;
}

/* See seqinside.h. The cell's parameters widened to double in the
 * kernels' layout (the same order as seqtrain's), the forward pass from
 * zero states, y from h_T, then, for dx, the backward pass from
 * dy/dh_T = w (the head's weight) with no weight gradient. */
double
seqinside_xgrad(double *dx, double *keep, double *write,
    const float *cell, const float *head_w, const float *head_b,
    const struct seqinside_dims *d, const double *x, size_t steps)
{
	size_t nh = d->hidden, ni = d->input;
	size_t ncell = gates_of(d->cell) * nh * (ni + nh + 2);
	double *theta = xmalloc(ncell * sizeof *theta);
	double *cachebuf, *work, y;
	const double *hT;
	struct lstm_dims ld = { .input = ni, .hidden = nh };
	struct gru_dims gd = { .input = ni, .hidden = nh };
	struct rnn_dims rd = { .input = ni, .hidden = nh,
		.act = d->act == SEQTRAIN_RELU ? RNN_RELU : RNN_TANH };
	struct lstm_params lp;
	struct gru_params gp;
	struct rnn_params rp;
	struct lstm_cache lc;
	struct gru_cache gc;

	for (size_t i = 0; i < ncell; i++)
		theta[i] = cell[i];
	if (d->cell == SEQTRAIN_LSTM) {
		cachebuf = xmalloc(lstm_cache_size(steps, &ld) * sizeof *cachebuf);
		work = xmalloc(lstm_work_size(steps, &ld) * sizeof *work);
		lstm_params_point(&lp, theta, &ld);
		lstm_cache_point(&lc, cachebuf, steps, &ld);
		lstm_forward(&lc, x, NULL, NULL, &lp, steps, &ld);
		hT = lc.h + steps * nh;
	} else if (d->cell == SEQTRAIN_GRU) {
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
	y = head_b[0];
	for (size_t j = 0; j < nh; j++)
		y += (double)head_w[j] * hT[j];
	for (size_t t = 0; t < steps; t++) {
		double k = NAN, w = NAN;

		if (d->cell == SEQTRAIN_LSTM) {
			k = mean(lc.gates + t * 4 * nh + LSTM_GATE_F * nh, nh);
			w = mean(lc.gates + t * 4 * nh + LSTM_GATE_I * nh, nh);
		} else if (d->cell == SEQTRAIN_GRU) {
			k = mean(gc.gates + t * 3 * nh + GRU_GATE_Z * nh, nh);
		}
		if (keep != NULL)
			keep[t] = k;
		if (write != NULL)
			write[t] = w;
	}
	if (dx != NULL && steps > 0) {
		/* dout: only the last step's row, dy/dh_T = w */
		double *dout = xcalloc(steps * nh, sizeof *dout);

		memset(dx, 0, steps * ni * sizeof *dx);
		for (size_t j = 0; j < nh; j++)
			dout[(steps - 1) * nh + j] = head_w[j];
		if (d->cell == SEQTRAIN_LSTM)
			lstm_backward(dx, NULL, NULL, NULL, NULL, NULL, work,
			    dout, &lc, x, &lp, steps, &ld);
		else if (d->cell == SEQTRAIN_GRU)
			gru_backward(dx, NULL, NULL, NULL, work, dout, &gc, x,
			    &gp, steps, &gd);
		else
			rnn_backward(dx, NULL, NULL, NULL, work, dout, cachebuf,
			    x, &rp, steps, &rd);
		free(dout);
	}
	free(theta);
	free(cachebuf);
	free(work);
	return y;
}

/* See seqinside.h. */
void
seqinside_norms(double *out, const double *v, size_t steps, size_t n)
{
	for (size_t t = 0; t < steps; t++) {
		double s = 0.0;

		for (size_t i = 0; i < n; i++)
			s += v[t * n + i] * v[t * n + i];
		out[t] = sqrt(s);
	}
}

/* See seqinside.h. */
double
seqinside_run(double *keep, double *write, double *saliency,
    const float *param, const struct seqinside_dims *d, const double *x,
    size_t steps)
{
	size_t ni = d->input;
	const float *head_w = param + (seqinside_param_count(d) - d->hidden -
	    1);
	double *dx = saliency != NULL ? xcalloc(steps * ni + 1, sizeof *dx) :
	    NULL;
	double y = seqinside_xgrad(dx, keep, write, param, head_w,
	    head_w + d->hidden, d, x, steps);

	if (saliency != NULL)
		seqinside_norms(saliency, dx, steps, ni);
	free(dx);
	return y;
}

#include "config.h"

#include "nn/rnn.h"

#include <math.h>

#include "nn/act.h"
#include "nn/linalg.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* H*I + H*H + 2H */
size_t
rnn_param_count(const struct rnn_dims *d)
{
	return d->hidden * d->input + d->hidden * d->hidden + 2 * d->hidden;
}

/* weight_ih, weight_hh, bias_ih, bias_hh, back to back. */
void
rnn_params_point(struct rnn_params *p, double *flat, const struct rnn_dims *d)
{
	size_t h = d->hidden, in = d->input;

	p->weight_ih = flat;
	p->weight_hh = p->weight_ih + h * in;
	p->bias_ih = p->weight_hh + h * h;
	p->bias_hh = p->bias_ih + h;
}

/* U(-k, k), k = 1/sqrt(H), over the flat array in layout order. */
void
rnn_init_default(struct rnn_params *p, struct rng *rng,
    const struct rnn_dims *d)
{
	double k = d->hidden > 0 ? 1.0 / sqrt((double)d->hidden) : 0.0;

	rng_fill_uniform(p->weight_ih, rng, rnn_param_count(d), -k, k);
}

/* g = 0 over the whole flat gradient array. */
void
rnn_zero_grad(struct rnn_params *g, const struct rnn_dims *d)
{
	linalg_zero(g->weight_ih, rnn_param_count(d));
}

/* h = act(a) in place. */
static void
activate(double *h, size_t n, enum rnn_activation act)
{
	switch (act) {
	case RNN_TANH:
		act_tanh_array(h, h, n);
		break;
	case RNN_RELU:
		for (size_t i = 0; i < n; i++)
			h[i] = h[i] > 0.0 ? h[i] : 0.0;
		break;
	case RNN_LINEAR:
		break;
	}
}

/* da = g * act'(a), with act' taken from h = act(a). */
static void
activate_backward(double *da, const double *g, const double *h, size_t n,
    enum rnn_activation act)
{
	switch (act) {
	case RNN_TANH:
		for (size_t i = 0; i < n; i++)
			da[i] = g[i] * (1.0 - h[i] * h[i]);
		break;
	case RNN_RELU:
		for (size_t i = 0; i < n; i++)
			da[i] = h[i] > 0.0 ? g[i] : 0.0;
		break;
	case RNN_LINEAR:
		linalg_copy(da, g, n);
		break;
	}
}

/* h_t = act(b_ih + b_hh + W_ih x_t + W_hh h_{t-1}) for t = 1..T. */
void
rnn_forward(double *hs, const double *x, const double *h0,
    const struct rnn_params *p, size_t steps, const struct rnn_dims *d)
{
	if (h0 != NULL)
		linalg_copy(hs, h0, d->hidden);
	else
		linalg_zero(hs, d->hidden);
	rnn_forward_range(hs, x, p, 0, steps, d);
}

/* See rnn.h: h_t from h_{t-1}, one step after the other. */
void
rnn_forward_range(double *hs, const double *x, const struct rnn_params *p,
    size_t from, size_t to, const struct rnn_dims *d)
{
	size_t nh = d->hidden, ni = d->input;

	for (size_t t = from + 1; t <= to; t++) {
		double *a = hs + t * nh;		/* H */
		const double *hprev = a - nh;		/* H */
		const double *xt = x + (t - 1) * ni;	/* I */

		for (size_t i = 0; i < nh; i++)
			a[i] = p->bias_ih[i] + p->bias_hh[i];
		linalg_matvec_acc(a, p->weight_ih, xt, nh, ni);
		linalg_matvec_acc(a, p->weight_hh, hprev, nh, nh);
		activate(a, nh, d->act);
	}
}

/* T*H (da_t for every step) + H (the running g_t). */
size_t
rnn_work_size(size_t steps, const struct rnn_dims *d)
{
	return (steps + 1) * d->hidden;
}

/* BPTT from t = T down to 1; see rnn.h for the equations. The step loop
 * keeps only what is sequential (g_t, da_t); the weight gradients are sums
 * over steps and are taken afterwards in one pass. */
void
rnn_backward(double *dx, double *dh0, struct rnn_params *grad,
    double *dh_norm, double *work, const double *dout, const double *hs,
    const double *x, const struct rnn_params *p, size_t steps,
    const struct rnn_dims *d)
{
	size_t nh = d->hidden;
	double *das = work;			/* T x H: row t-1 is da_t */
	double *g = das + steps * nh;		/* H: total dL/dh_t */

	if (steps > 0)
		linalg_copy(g, dout + (steps - 1) * nh, nh);
	else
		linalg_zero(g, nh);
	rnn_backward_range(dx, g, dh_norm, das, dout, hs, p, steps, 0, d);
	if (dh_norm != NULL)
		dh_norm[0] = linalg_norm2(g, nh);
	if (dh0 != NULL)
		linalg_axpy(dh0, 1.0, g, nh);
	if (grad != NULL)
		rnn_backward_weights(grad, das, hs, x, steps, d);
}

/* See rnn.h: the sequential part, from step hi down to step lo + 1. */
void
rnn_backward_range(double *dx, double *g, double *dh_norm, double *das,
    const double *dout, const double *hs, const struct rnn_params *p,
    size_t hi, size_t lo, const struct rnn_dims *d)
{
	size_t nh = d->hidden, ni = d->input;

	for (size_t t = hi; t > lo; t--) {
		double *da = das + (t - 1) * nh;

		if (dh_norm != NULL)
			dh_norm[t] = linalg_norm2(g, nh);
		activate_backward(da, g, hs + t * nh, nh, d->act);
		if (dx != NULL)
			linalg_matvec_t_acc(dx + (t - 1) * ni, p->weight_ih, da,
			    nh, ni);
		/* g_{t-1} = dout_{t-1} + W_hh^T da_t (no dout_0: h_0 is no
		 * output) */
		linalg_matvec_t_add(g, t >= 2 ? dout + (t - 2) * nh : NULL,
		    p->weight_hh, da, nh, nh);
	}
}

/* See rnn.h: sums over every step at once. */
void
rnn_backward_weights(struct rnn_params *grad, const double *das,
    const double *hs, const double *x, size_t steps, const struct rnn_dims *d)
{
	size_t nh = d->hidden, ni = d->input;

	/* rows 0..T-1 of hs: h_0..h_{T-1}, the h_{t-1} of each step */
	linalg_gemm_tn_acc(grad->weight_ih, das, x, steps, nh, ni);
	linalg_gemm_tn_acc(grad->weight_hh, das, hs, steps, nh, nh);
	linalg_colsum_acc(grad->bias_ih, das, steps, nh);
	linalg_colsum_acc(grad->bias_hh, das, steps, nh);
}

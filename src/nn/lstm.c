#include "config.h"

#include "nn/lstm.h"

#include <math.h>

#include "nn/act.h"
#include "nn/linalg.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* 4H*I + 4H*H + 8H */
size_t
lstm_param_count(const struct lstm_dims *d)
{
	size_t g = 4 * d->hidden;

	return g * d->input + g * d->hidden + 2 * g;
}

/* weight_ih, weight_hh, bias_ih, bias_hh, back to back. */
void
lstm_params_point(struct lstm_params *p, double *flat,
    const struct lstm_dims *d)
{
	size_t g = 4 * d->hidden;

	p->weight_ih = flat;
	p->weight_hh = p->weight_ih + g * d->input;
	p->bias_ih = p->weight_hh + g * d->hidden;
	p->bias_hh = p->bias_ih + g;
}

/* U(-k, k), k = 1/sqrt(H), over the flat array in layout order. */
void
lstm_init_default(struct lstm_params *p, struct rng *rng,
    const struct lstm_dims *d)
{
	double k = d->hidden > 0 ? 1.0 / sqrt((double)d->hidden) : 0.0;

	rng_fill_uniform(p->weight_ih, rng, lstm_param_count(d), -k, k);
}

/* b_ih[H..2H) = b_f, b_hh[H..2H) = 0: the sum the gate sees is b_f. */
void
lstm_set_forget_bias(struct lstm_params *p, double b_f,
    const struct lstm_dims *d)
{
	size_t nh = d->hidden, f = LSTM_GATE_F * nh;

	for (size_t j = 0; j < nh; j++) {
		p->bias_ih[f + j] = b_f;
		p->bias_hh[f + j] = 0.0;
	}
}

/* f_t = sigmoid(b_f) at every step, whatever x_t and h_{t-1} are. */
void
lstm_hold_forget_gate(struct lstm_params *p, double b_f,
    const struct lstm_dims *d)
{
	size_t nh = d->hidden, f = LSTM_GATE_F * nh;

	linalg_zero(p->weight_ih + f * d->input, nh * d->input);
	linalg_zero(p->weight_hh + f * nh, nh * nh);
	lstm_set_forget_bias(p, b_f, d);
}

/* g = 0 over the whole flat gradient array. */
void
lstm_zero_grad(struct lstm_params *g, const struct lstm_dims *d)
{
	linalg_zero(g->weight_ih, lstm_param_count(d));
}

/* h and c: (T+1) x H each; gates: T x 4H; tanh_c: T x H. */
size_t
lstm_cache_size(size_t steps, const struct lstm_dims *d)
{
	return 2 * (steps + 1) * d->hidden + 5 * steps * d->hidden;
}

/* h, c, gates, tanh_c, back to back. */
void
lstm_cache_point(struct lstm_cache *cache, double *flat, size_t steps,
    const struct lstm_dims *d)
{
	size_t nh = d->hidden;

	cache->h = flat;
	cache->c = cache->h + (steps + 1) * nh;
	cache->gates = cache->c + (steps + 1) * nh;
	cache->tanh_c = cache->gates + steps * 4 * nh;
}

/* One step: z = b_ih + b_hh + W_ih x_t + W_hh h_{t-1}, the gates, c_t, h_t. */
void
lstm_forward(struct lstm_cache *cache, const double *x, const double *h0,
    const double *c0, const struct lstm_params *p, size_t steps,
    const struct lstm_dims *d)
{
	size_t nh = d->hidden, ng = 4 * nh, ni = d->input;

	if (h0 != NULL)
		linalg_copy(cache->h, h0, nh);
	else
		linalg_zero(cache->h, nh);
	if (c0 != NULL)
		linalg_copy(cache->c, c0, nh);
	else
		linalg_zero(cache->c, nh);
	for (size_t t = 1; t <= steps; t++) {
		double *z = cache->gates + (t - 1) * ng;	/* 4H */
		double *ig = z, *fg = z + nh, *gg = z + 2 * nh;
		double *og = z + 3 * nh;
		const double *hprev = cache->h + (t - 1) * nh;
		const double *cprev = cache->c + (t - 1) * nh;
		double *ct = cache->c + t * nh, *ht = cache->h + t * nh;
		double *tc = cache->tanh_c + (t - 1) * nh;

		for (size_t k = 0; k < ng; k++)
			z[k] = p->bias_ih[k] + p->bias_hh[k];
		linalg_matvec_acc(z, p->weight_ih, x + (t - 1) * ni, ng, ni);
		linalg_matvec_acc(z, p->weight_hh, hprev, ng, nh);
		for (size_t j = 0; j < nh; j++) {
			ig[j] = act_sigmoid(ig[j]);
			fg[j] = act_sigmoid(fg[j]);
			gg[j] = act_tanh(gg[j]);
			og[j] = act_sigmoid(og[j]);
			ct[j] = fg[j] * cprev[j] + ig[j] * gg[j];
			tc[j] = act_tanh(ct[j]);
			ht[j] = og[j] * tc[j];
		}
	}
}

/* dz for every step (T x 4H), gh (H), gc carry (H). */
size_t
lstm_work_size(size_t steps, const struct lstm_dims *d)
{
	return steps * 4 * d->hidden + 2 * d->hidden;
}

/* BPTT from t = T down to 1; see lstm.h for the equations. */
void
lstm_backward(double *dx, double *dh0, double *dc0,
    struct lstm_params *grad, double *dh_norm, double *dc_norm, double *work,
    const double *dout, const struct lstm_cache *cache, const double *x,
    const struct lstm_params *p, size_t steps, const struct lstm_dims *d)
{
	size_t nh = d->hidden, ng = 4 * nh, ni = d->input;
	double *dzs = work;			/* T x 4H: row t-1 is dz_t */
	double *gh = dzs + steps * ng;		/* H: total dL/dh_t */
	double *gc = gh + nh;		/* H: gc_{t+1} f_{t+1}, then gc_t */

	if (steps > 0)
		linalg_copy(gh, dout + (steps - 1) * nh, nh);
	else
		linalg_zero(gh, nh);
	linalg_zero(gc, nh);
	for (size_t t = steps; t >= 1; t--) {
		const double *z = cache->gates + (t - 1) * ng;
		const double *ig = z, *fg = z + nh, *gg = z + 2 * nh,
		    *og = z + 3 * nh;
		const double *tc = cache->tanh_c + (t - 1) * nh;
		const double *cprev = cache->c + (t - 1) * nh;
		double *dz = dzs + (t - 1) * ng;
		double *dzi = dz, *dzf = dz + nh, *dzg = dz + 2 * nh,
		    *dzo = dz + 3 * nh;

		if (dh_norm != NULL)
			dh_norm[t] = linalg_norm2(gh, nh);
		for (size_t j = 0; j < nh; j++) {
			double c_grad = gh[j] * og[j] * (1.0 - tc[j] * tc[j]) +
			    gc[j];

			gc[j] = c_grad;
			dzi[j] = c_grad * gg[j] * ig[j] * (1.0 - ig[j]);
			dzf[j] = c_grad * cprev[j] * fg[j] * (1.0 - fg[j]);
			dzg[j] = c_grad * ig[j] * (1.0 - gg[j] * gg[j]);
			dzo[j] = gh[j] * tc[j] * og[j] * (1.0 - og[j]);
		}
		if (dc_norm != NULL)
			dc_norm[t] = linalg_norm2(gc, nh);
		for (size_t j = 0; j < nh; j++)
			gc[j] *= fg[j];	/* gc_{t-1}'s part via c_t */
		if (dx != NULL)
			linalg_matvec_t_acc(dx + (t - 1) * ni, p->weight_ih, dz,
			    ng, ni);
		/* gh_{t-1} = dout_{t-1} + W_hh^T dz_t (no dout_0) */
		linalg_matvec_t_add(gh, t >= 2 ? dout + (t - 2) * nh : NULL,
		    p->weight_hh, dz, ng, nh);
	}
	if (dh_norm != NULL)
		dh_norm[0] = linalg_norm2(gh, nh);
	if (dc_norm != NULL)
		dc_norm[0] = linalg_norm2(gc, nh);
	if (dh0 != NULL)
		linalg_axpy(dh0, 1.0, gh, nh);
	if (dc0 != NULL)
		linalg_axpy(dc0, 1.0, gc, nh);
	if (grad != NULL) {
		linalg_gemm_tn_acc(grad->weight_ih, dzs, x, steps, ng, ni);
		linalg_gemm_tn_acc(grad->weight_hh, dzs, cache->h, steps, ng,
		    nh);
		linalg_colsum_acc(grad->bias_ih, dzs, steps, ng);
		linalg_colsum_acc(grad->bias_hh, dzs, steps, ng);
	}
}

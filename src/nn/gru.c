#include "config.h"

#include "nn/gru.h"

#include <math.h>

#include "nn/act.h"
#include "nn/linalg.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* 3H*I + 3H*H + 6H */
size_t
gru_param_count(const struct gru_dims *d)
{
	size_t g = 3 * d->hidden;

	return g * d->input + g * d->hidden + 2 * g;
}

/* weight_ih, weight_hh, bias_ih, bias_hh, back to back. */
void
gru_params_point(struct gru_params *p, double *flat, const struct gru_dims *d)
{
	size_t g = 3 * d->hidden;

	p->weight_ih = flat;
	p->weight_hh = p->weight_ih + g * d->input;
	p->bias_ih = p->weight_hh + g * d->hidden;
	p->bias_hh = p->bias_ih + g;
}

/* U(-k, k), k = 1/sqrt(H), over the flat array in layout order. */
void
gru_init_default(struct gru_params *p, struct rng *rng,
    const struct gru_dims *d)
{
	double k = d->hidden > 0 ? 1.0 / sqrt((double)d->hidden) : 0.0;

	rng_fill_uniform(p->weight_ih, rng, gru_param_count(d), -k, k);
}

/* g = 0 over the whole flat gradient array. */
void
gru_zero_grad(struct gru_params *g, const struct gru_dims *d)
{
	linalg_zero(g->weight_ih, gru_param_count(d));
}

/* h: (T+1) x H; gates: T x 3H; hn: T x H. */
size_t
gru_cache_size(size_t steps, const struct gru_dims *d)
{
	return (steps + 1) * d->hidden + 4 * steps * d->hidden;
}

/* h, gates, hn, back to back. */
void
gru_cache_point(struct gru_cache *cache, double *flat, size_t steps,
    const struct gru_dims *d)
{
	size_t nh = d->hidden;

	cache->h = flat;
	cache->gates = cache->h + (steps + 1) * nh;
	cache->hn = cache->gates + steps * 3 * nh;
}

/* One step: the r and z rows take b_ih + b_hh + W_ih x_t + W_hh h_{t-1};
 * the n rows take b_ih + W_in x_t here and r_t * hn_t below, with
 * hn_t = b_hn + W_hn h_{t-1} kept for the backward pass. */
void
gru_forward(struct gru_cache *cache, const double *x, const double *h0,
    const struct gru_params *p, size_t steps, const struct gru_dims *d)
{
	size_t nh = d->hidden, ng = 3 * nh, ni = d->input;
	const double *w_hn = p->weight_hh + GRU_GATE_N * nh * nh;   /* H x H */
	const double *b_hn = p->bias_hh + GRU_GATE_N * nh;          /* H */

	if (h0 != NULL)
		linalg_copy(cache->h, h0, nh);
	else
		linalg_zero(cache->h, nh);
	for (size_t t = 1; t <= steps; t++) {
		double *a = cache->gates + (t - 1) * ng;	/* 3H */
		double *rg = a, *zg = a + nh, *cand = a + 2 * nh;
		double *hn = cache->hn + (t - 1) * nh;		/* H */
		const double *hprev = cache->h + (t - 1) * nh;
		double *ht = cache->h + t * nh;

		for (size_t k = 0; k < 2 * nh; k++)
			a[k] = p->bias_ih[k] + p->bias_hh[k];
		linalg_copy(cand, p->bias_ih + 2 * nh, nh);
		linalg_matvec_acc(a, p->weight_ih, x + (t - 1) * ni, ng, ni);
		/* only the r and z rows of W_hh: 2H x H */
		linalg_matvec_acc(a, p->weight_hh, hprev, 2 * nh, nh);
		linalg_copy(hn, b_hn, nh);
		linalg_matvec_acc(hn, w_hn, hprev, nh, nh);
		for (size_t j = 0; j < nh; j++) {
			rg[j] = act_sigmoid(rg[j]);
			zg[j] = act_sigmoid(zg[j]);
			cand[j] = act_tanh(cand[j] + rg[j] * hn[j]);
			/* (1 - z) n + z h, in PyTorch's form */
			ht[j] = cand[j] + zg[j] * (hprev[j] - cand[j]);
		}
	}
}

/* di and dg for every step (2 x T x 3H), g (H). */
size_t
gru_work_size(size_t steps, const struct gru_dims *d)
{
	return 2 * steps * 3 * d->hidden + d->hidden;
}

/* BPTT from t = T down to 1; see gru.h for the equations. The step loop
 * keeps only what is sequential (g_t, di_t, dg_t); the weight gradients
 * are sums over steps and are taken afterwards in one pass. */
void
gru_backward(double *dx, double *dh0, struct gru_params *grad,
    double *dh_norm, double *work, const double *dout,
    const struct gru_cache *cache, const double *x,
    const struct gru_params *p, size_t steps, const struct gru_dims *d)
{
	size_t nh = d->hidden, ng = 3 * nh, ni = d->input;
	double *dis = work;			/* T x 3H: row t-1 is di_t */
	double *dgs = dis + steps * ng;		/* T x 3H: row t-1 is dg_t */
	double *g = dgs + steps * ng;		/* H: total dL/dh_t */

	if (steps > 0)
		linalg_copy(g, dout + (steps - 1) * nh, nh);
	else
		linalg_zero(g, nh);
	for (size_t t = steps; t >= 1; t--) {
		const double *a = cache->gates + (t - 1) * ng;
		const double *rg = a, *zg = a + nh, *cand = a + 2 * nh;
		const double *hn = cache->hn + (t - 1) * nh;
		const double *hprev = cache->h + (t - 1) * nh;
		const double *dnext = t >= 2 ? dout + (t - 2) * nh : NULL;
		double *di = dis + (t - 1) * ng, *dg = dgs + (t - 1) * ng;

		if (dh_norm != NULL)
			dh_norm[t] = linalg_norm2(g, nh);
		for (size_t j = 0; j < nh; j++) {
			double da_n = g[j] * (1.0 - zg[j]) *
			    (1.0 - cand[j] * cand[j]);
			double da_z = g[j] * (hprev[j] - cand[j]) * zg[j] *
			    (1.0 - zg[j]);
			double da_r = da_n * hn[j] * rg[j] * (1.0 - rg[j]);

			di[j] = da_r;
			di[nh + j] = da_z;
			di[2 * nh + j] = da_n;
			dg[j] = da_r;
			dg[nh + j] = da_z;
			dg[2 * nh + j] = da_n * rg[j];
			/* the direct path h_{t-1} -> h_t, plus dout_{t-1} */
			g[j] = g[j] * zg[j] + (dnext != NULL ? dnext[j] : 0.0);
		}
		if (dx != NULL)
			linalg_matvec_t_acc(dx + (t - 1) * ni, p->weight_ih, di,
			    ng, ni);
		/* g_{t-1} += W_hh^T dg_t */
		linalg_matvec_t_add(g, g, p->weight_hh, dg, ng, nh);
	}
	if (dh_norm != NULL)
		dh_norm[0] = linalg_norm2(g, nh);
	if (dh0 != NULL)
		linalg_axpy(dh0, 1.0, g, nh);
	if (grad != NULL) {
		/* rows 0..T-1 of cache->h: h_0..h_{T-1}, each step's h_{t-1} */
		linalg_gemm_tn_acc(grad->weight_ih, dis, x, steps, ng, ni);
		linalg_gemm_tn_acc(grad->weight_hh, dgs, cache->h, steps, ng,
		    nh);
		linalg_colsum_acc(grad->bias_ih, dis, steps, ng);
		linalg_colsum_acc(grad->bias_hh, dgs, steps, ng);
	}
}

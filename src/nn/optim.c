#include "config.h"

#include "nn/optim.h"

#include <math.h>

#include "nn/linalg.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* Pascanu et al. 2013, algorithm 1: rescale g when its norm passes the
 * threshold; the scale factor max_norm / ||g|| is below 1, so the result's
 * norm is max_norm up to rounding and every component keeps its sign. */
double
optim_clip_grad_norm(double *g, size_t n, double max_norm)
{
	double norm = linalg_norm2(g, n);

	if (max_norm > 0.0 && isfinite(norm) && norm > max_norm)
		linalg_scale(g, max_norm / norm, n);
	return norm;
}

/* p -= lr g */
void
optim_sgd_step(double *p, const double *g, size_t n, double lr)
{
	linalg_axpy(p, -lr, g, n);
}

/* Defaults of torch.optim.Adam, zeroed moments. */
void
optim_adam_init(struct optim_adam *adam, double *m, double *v, size_t n,
    double lr)
{
	adam->lr = lr;
	adam->beta1 = 0.9;
	adam->beta2 = 0.999;
	adam->eps = 1e-8;
	adam->m = m;
	adam->v = v;
	adam->n = n;
	adam->t = 0;
	linalg_zero(m, n);
	linalg_zero(v, n);
}

/* torch.optim.Adam's single-tensor update, in its order of operations:
 * step_size = lr / (1 - b1^t), denom = sqrt(v) / sqrt(1 - b2^t) + eps,
 * p += -step_size * (m / denom). */
void
optim_adam_step(struct optim_adam *adam, double *p, const double *g)
{
	double b1 = adam->beta1, b2 = adam->beta2, step_size, c2_sqrt;

	adam->t++;
	step_size = adam->lr / (1.0 - pow(b1, (double)adam->t));
	c2_sqrt = sqrt(1.0 - pow(b2, (double)adam->t));
	for (size_t k = 0; k < adam->n; k++) {
		double denom;

		adam->m[k] = adam->m[k] * b1 + g[k] * (1.0 - b1);
		adam->v[k] = adam->v[k] * b2 + (g[k] * g[k]) * (1.0 - b2);
		denom = sqrt(adam->v[k]) / c2_sqrt + adam->eps;
		p[k] += -step_size * (adam->m[k] / denom);
	}
}

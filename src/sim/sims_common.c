#include "config.h"

#include "sim/sims.h"

#include <math.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "nn/linalg.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

const char *const sim_signal_choices[] = {
	"sine", "pulse", "step", "random", NULL
};
const char *const sim_off_on_choices[] = { "off", "on", NULL };

/* Fill x[0..steps) with the signal at t = 1..steps. */
void
sim_make_signal(double *x, enum sim_signal kind, double amplitude,
    size_t steps, struct rng *rng)
{
	static const double two_pi = 6.28318530717958647692;
	size_t on = 1 + steps / 4;	/* where the step switches on */

	for (size_t t = 1; t <= steps; t++) {
		double v = 0.0;

		switch (kind) {
		case SIM_SIGNAL_SINE:
			v = sin(two_pi * (double)t / 20.0);
			break;
		case SIM_SIGNAL_PULSE:
			v = t == 1 ? 1.0 : 0.0;
			break;
		case SIM_SIGNAL_STEP:
			v = t >= on ? 1.0 : 0.0;
			break;
		case SIM_SIGNAL_RANDOM:
			v = rng_normal(rng);
			break;
		}
		x[t - 1] = amplitude * v;
	}
}

/* scale * (Householder-orthonormalised Gaussian matrix). */
void
sim_make_orthogonal(double *w, double scale, size_t n, struct rng *rng)
{
	double *a = xmalloc((n * n + 2 * n) * sizeof *a);

	rng_fill_normal(a, rng, n * n, 1.0);
	linalg_orthonormalize_rows(w, a, a + n * n, n);
	linalg_scale(w, scale, n * n);
	free(a);
}

/* Walk back from the loss: after the first non-finite norm, all inf. */
void
sim_norms_overflow(double *norm, size_t n)
{
	int over = 0;

	for (size_t t = n; t-- > 0;) {
		if (over || !isfinite(norm[t]))
			norm[t] = INFINITY;
		over = isinf(norm[t]);
	}
}

/* inf for NaN. */
double
sim_nan_as_inf(double v)
{
	return isnan(v) ? INFINITY : v;
}

/* xmalloc + copy. */
double *
sim_copy_values(const double *v, size_t n)
{
	double *copy = xmalloc((n != 0 ? n : 1) * sizeof *copy);

	linalg_copy(copy, v, n);
	return copy;
}

/* The validated integer argument i, as a size. */
size_t
sim_arg_size(const struct sim_args *args, size_t i)
{
	double v = args->num[i];

	return v > 0.0 ? (size_t)v : 0;
}

/* Tests of nn/seqinside, a trained sequence network looked at step by
 * step: the saliency ||dy/dx_t|| against central differences of the
 * prediction, and the gate means and the prediction against a forward
 * pass written here from PyTorch's equations on the float parameters. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "nn/rng.h"
#include "nn/seqinside.h"
#include "tests.h"

#define T_STEPS 7
#define N_IN 2
#define N_HID 5

/* Random parameters in [-scale, scale) and inputs in [0, 1), as the adding
 * problem's. */
static float *
random_net(const struct seqinside_dims *d, double *x, uint64_t seed,
    double scale)
{
	size_t n = seqinside_param_count(d);
	float *p = malloc(n * sizeof *p);
	struct rng rng;

	rng_seed(&rng, seed);
	for (size_t i = 0; i < n; i++)
		p[i] = (float)rng_uniform_range(&rng, -scale, scale);
	for (size_t i = 0; i < T_STEPS * N_IN; i++)
		x[i] = rng_uniform(&rng);
	return p;
}

static double
sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

/* Row r of W x + b_ih + V h + b_hh, the pre-activation of unit r of a
 * gate block, in seqtrain.h's layout (G H rows). */
static double
preact(const float *p, const struct seqinside_dims *d, size_t g,
    size_t r, const double *x, const double *h)
{
	size_t nh = d->hidden, ni = d->input, gh = g * nh;
	const float *w_ih = p, *w_hh = w_ih + gh * ni, *b_ih = w_hh + gh * nh,
	    *b_hh = b_ih + gh;
	double z = (double)b_ih[r] + (double)b_hh[r];

	for (size_t i = 0; i < ni; i++)
		z += (double)w_ih[r * ni + i] * x[i];
	for (size_t j = 0; j < nh; j++)
		z += (double)w_hh[r * nh + j] * h[j];
	return z;
}

/* The same network written out step by step: y, and the gate means
 * (LSTM: input into write, forget into keep; GRU: update into keep). */
static double
direct(double *keep, double *write, const float *p,
    const struct seqinside_dims *d, const double *x)
{
	size_t nh = d->hidden;
	size_t g = d->cell == SEQTRAIN_LSTM ? 4 : d->cell == SEQTRAIN_GRU ?
	    3 : 1;
	double h[N_HID] = { 0 }, c[N_HID] = { 0 }, hn[N_HID], cn[N_HID];
	const float *head = p + g * nh * (d->input + nh + 2);
	double y;

	for (size_t t = 0; t < T_STEPS; t++) {
		const double *xt = x + t * d->input;
		double si = 0.0, sf = 0.0;

		for (size_t j = 0; j < nh; j++) {
			if (d->cell == SEQTRAIN_LSTM) {
				double i = sigmoid(preact(p, d, 4, j, xt, h));
				double f = sigmoid(preact(p, d, 4, nh + j, xt, h));
				double gg = tanh(preact(p, d, 4, 2 * nh + j, xt,
				    h));
				double o = sigmoid(preact(p, d, 4, 3 * nh + j,
				    xt, h));

				cn[j] = f * c[j] + i * gg;
				hn[j] = o * tanh(cn[j]);
				si += i;
				sf += f;
			} else if (d->cell == SEQTRAIN_GRU) {
				/* r, z, n; b_hn inside the reset product */
				size_t ni = d->input, gh = 3 * nh;
				const float *w_ih = p, *w_hh = p + gh * ni;
				const float *b_ih = w_hh + gh * nh, *b_hh =
				    b_ih + gh;
				double r = sigmoid(preact(p, d, 3, j, xt, h));
				double z = sigmoid(preact(p, d, 3, nh + j, xt,
				    h));
				double a = b_ih[2 * nh + j], bh = b_hh[2 * nh +
				    j], n;

				for (size_t i = 0; i < ni; i++)
					a += (double)w_ih[(2 * nh + j) * ni + i] *
					    xt[i];
				for (size_t k = 0; k < nh; k++)
					bh += (double)w_hh[(2 * nh + j) * nh + k] *
					    h[k];
				n = tanh(a + r * bh);
				hn[j] = (1.0 - z) * n + z * h[j];
				sf += z;
			} else {
				hn[j] = tanh(preact(p, d, 1, j, xt, h));
			}
		}
		for (size_t j = 0; j < nh; j++) {
			h[j] = hn[j];
			c[j] = cn[j];
		}
		keep[t] = d->cell == SEQTRAIN_RNN ? NAN : sf / (double)nh;
		write[t] = d->cell == SEQTRAIN_LSTM ? si / (double)nh : NAN;
	}
	y = head[nh];
	for (size_t j = 0; j < nh; j++)
		y += (double)head[j] * h[j];
	return y;
}

/* One cell: the gates and y against the direct pass, the saliency
 * against central differences of y in every input. */
static void
check_cell(enum seqtrain_cell cell)
{
	struct seqinside_dims d = { .cell = cell, .act = SEQTRAIN_TANH,
		.input = N_IN, .hidden = N_HID };
	double x[T_STEPS * N_IN], keep[T_STEPS], write[T_STEPS],
	    sal[T_STEPS], dkeep[T_STEPS], dwrite[T_STEPS];
	float *p = random_net(&d, x, 42 + (uint64_t)cell, 0.8);
	double y = seqinside_run(keep, write, sal, p, &d, x, T_STEPS);
	double yd = direct(dkeep, dwrite, p, &d, x);
	double eps = 1e-6;

	CU_ASSERT_DOUBLE_EQUAL(y, yd, 1e-12);
	for (size_t t = 0; t < T_STEPS; t++) {
		double s = 0.0;

		if (cell == SEQTRAIN_RNN) {
			CU_ASSERT(isnan(keep[t]));
		} else {
			CU_ASSERT_DOUBLE_EQUAL(keep[t], dkeep[t], 1e-12);
		}
		if (cell == SEQTRAIN_LSTM) {
			CU_ASSERT_DOUBLE_EQUAL(write[t], dwrite[t], 1e-12);
		} else {
			CU_ASSERT(isnan(write[t]));
		}
		CU_ASSERT(cell == SEQTRAIN_RNN || (keep[t] > 0.0 &&
		    keep[t] < 1.0));
		for (size_t i = 0; i < N_IN; i++) {
			double save = x[t * N_IN + i], up, down, g;

			x[t * N_IN + i] = save + eps;
			up = seqinside_run(NULL, NULL, NULL, p, &d, x, T_STEPS);
			x[t * N_IN + i] = save - eps;
			down = seqinside_run(NULL, NULL, NULL, p, &d, x,
			    T_STEPS);
			x[t * N_IN + i] = save;
			g = (up - down) / (2.0 * eps);
			s += g * g;
		}
		s = sqrt(s);
		CU_ASSERT(s > 1e-8);	/* a gradient there to compare */
		CU_ASSERT_DOUBLE_EQUAL(sal[t], s, 1e-7 + 1e-6 * s);
	}
	free(p);
}

/* The LSTM: input and forget gate means, saliency. */
static void
test_seqinside_lstm_matches_direct_and_differences(void)
{
	check_cell(SEQTRAIN_LSTM);
}

/* The GRU: update gate means, saliency. */
static void
test_seqinside_gru_matches_direct_and_differences(void)
{
	check_cell(SEQTRAIN_GRU);
}

/* The plain RNN: no gates (NaN), saliency. */
static void
test_seqinside_rnn_matches_direct_and_differences(void)
{
	check_cell(SEQTRAIN_RNN);
}

/* A relu RNN runs relu: with every weight positive and positive inputs
 * the pre-activations are positive, where relu and tanh differ. */
static void
test_seqinside_rnn_relu_is_relu(void)
{
	struct seqinside_dims d = { .cell = SEQTRAIN_RNN, .act = SEQTRAIN_RELU,
		.input = N_IN, .hidden = N_HID };
	double x[T_STEPS * N_IN];
	float *p = random_net(&d, x, 7, 0.3);
	double h[N_HID] = { 0 }, hn[N_HID], y;
	const float *head = p + N_HID * (N_IN + N_HID + 2);

	for (size_t i = 0; i < seqinside_param_count(&d); i++)
		p[i] = fabsf(p[i]);
	for (size_t t = 0; t < T_STEPS; t++) {
		for (size_t j = 0; j < N_HID; j++)
			hn[j] = fmax(0.0, preact(p, &d, 1, j, x + t * N_IN, h));
		for (size_t j = 0; j < N_HID; j++)
			h[j] = hn[j];
	}
	y = head[N_HID];
	for (size_t j = 0; j < N_HID; j++)
		y += (double)head[j] * h[j];
	CU_ASSERT_DOUBLE_EQUAL(seqinside_run(NULL, NULL, NULL, p, &d, x,
	    T_STEPS), y, 1e-12 * fabs(y) + 1e-12);
	free(p);
}

/* No steps: the prediction is the head's bias. */
static void
test_seqinside_no_steps_is_the_bias(void)
{
	struct seqinside_dims d = { .cell = SEQTRAIN_LSTM, .act = SEQTRAIN_TANH,
		.input = N_IN, .hidden = N_HID };
	double x[T_STEPS * N_IN];
	float *p = random_net(&d, x, 3, 0.5);

	CU_ASSERT_EQUAL(seqinside_param_count(&d), 4 * N_HID * (N_IN + N_HID +
	    2) + N_HID + 1);
	CU_ASSERT_DOUBLE_EQUAL(seqinside_run(NULL, NULL, NULL, p, &d, x, 0),
	    p[seqinside_param_count(&d) - 1], 0.0);
	free(p);
}

/* See tests.h. */
void
test_seqinside_register(void)
{
	CU_pSuite s = CU_add_suite("seqinside", NULL, NULL);

	CU_add_test(s, "lstm gates and saliency",
	    test_seqinside_lstm_matches_direct_and_differences);
	CU_add_test(s, "gru gate and saliency",
	    test_seqinside_gru_matches_direct_and_differences);
	CU_add_test(s, "rnn saliency",
	    test_seqinside_rnn_matches_direct_and_differences);
	CU_add_test(s, "rnn relu", test_seqinside_rnn_relu_is_relu);
	CU_add_test(s, "no steps", test_seqinside_no_steps_is_the_bias);
}

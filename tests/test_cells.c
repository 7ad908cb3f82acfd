/* Tests of nn/rnn, nn/lstm and nn/gru, the three recurrent cells: forward
 * outputs and every BPTT gradient against PyTorch (tests/data/reference.txt,
 * made by tests/data/make_reference.py), a central-difference gradient check
 * of every parameter and input on random small cases, and the cells' small
 * contracts (accumulating gradients, the held forget gate, dh_norm). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/gru.h"
#include "nn/linalg.h"
#include "nn/lstm.h"
#include "nn/rng.h"
#include "nn/rnn.h"
#include "tests.h"

#define REF_MAX_LINES 32
#define REF_MAX_VALUES 64
#define REF_TOL 1e-12		/* PyTorch float64 vs ours, relative to max(1, |v|) */

/* One "NAME SHAPE VALUES..." line of reference.txt. */
struct ref_line {
	char name[48];
	double v[REF_MAX_VALUES];
	size_t n;
};

static struct ref_line ref_lines[REF_MAX_LINES];
static size_t ref_nlines;

/* Parse reference.txt once (suite setup); 0 on success. */
static int
ref_load(void)
{
	FILE *f = fopen(test_data_path("reference.txt"), "r");
	char line[8192];

	ref_nlines = 0;
	if (f == NULL)
		return 1;
	while (fgets(line, sizeof line, f) != NULL && ref_nlines < REF_MAX_LINES) {
		struct ref_line *r = &ref_lines[ref_nlines];
		char *tok, *save = NULL;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		tok = strtok_r(line, " \n", &save);
		if (tok == NULL || strlen(tok) >= sizeof r->name)
			continue;
		strcpy(r->name, tok);
		strtok_r(NULL, " \n", &save);	/* the shape */
		r->n = 0;
		while ((tok = strtok_r(NULL, " \n", &save)) != NULL &&
		    r->n < REF_MAX_VALUES)
			r->v[r->n++] = strtod(tok, NULL);
		ref_nlines++;
	}
	fclose(f);
	return ref_nlines >= 21 ? 0 : 1;
}

/* The values of the line called name, or NULL (and a failed assertion). */
static const struct ref_line *
ref_get(const char *name)
{
	for (size_t i = 0; i < ref_nlines; i++)
		if (strcmp(ref_lines[i].name, name) == 0)
			return &ref_lines[i];
	CU_FAIL("reference line missing");
	return NULL;
}

/* How far got[0..n) is from the reference line name, relative to
 * max(1, |ref|); 1 when the line is missing or has another length. */
static double
ref_diff(const char *name, const double *got, size_t n)
{
	const struct ref_line *r = ref_get(name);
	double worst = 0.0;

	if (r == NULL || r->n != n)
		return 1.0;
	for (size_t k = 0; k < n; k++)
		worst = fmax(worst, fabs(got[k] - r->v[k]) / fmax(1.0, fabs(r->v[k])));
	return worst;
}

/* make_reference.py's fill: v[k] = 0.5 sin(0.37 k + offset). */
static void
ref_fill(double *v, size_t n, double offset)
{
	for (size_t k = 0; k < n; k++)
		v[k] = 0.5 * sin(0.37 * (double)k + offset);
}

/* Suite setup: read the reference file. */
static int
cells_setup(void)
{
	return ref_load();
}

enum { RI = 3, RH = 4, RT = 6 };	/* the reference case */

/* nn.RNN(3, 4) over 6 steps: h, loss and every gradient as PyTorch's. */
static void
test_rnn_matches_pytorch_reference(void)
{
	struct rnn_dims d = { .input = RI, .hidden = RH, .act = RNN_TANH };
	double flat[64], gflat[64], x[RT * RI], dx[RT * RI] = { 0 };
	double hs[(RT + 1) * RH], dout[RT * RH] = { 0 }, w_out[RH], loss;
	double work[RH * RH + (RT + 1) * RH];
	struct rnn_params p, g;

	CU_ASSERT_FATAL(rnn_param_count(&d) <= 64);
	rnn_params_point(&p, flat, &d);
	rnn_params_point(&g, gflat, &d);
	ref_fill(p.weight_ih, RH * RI, 0.1);
	ref_fill(p.weight_hh, RH * RH, 0.2);
	ref_fill(p.bias_ih, RH, 0.3);
	ref_fill(p.bias_hh, RH, 0.4);
	ref_fill(x, RT * RI, 0.5);
	ref_fill(w_out, RH, 0.9);
	rnn_forward(hs, x, NULL, &p, RT, &d);
	loss = linalg_dot(w_out, hs + RT * RH, RH);
	linalg_copy(dout + (RT - 1) * RH, w_out, RH);
	rnn_zero_grad(&g, &d);
	rnn_backward(dx, NULL, &g, NULL, work, dout, hs, x, &p, RT, &d);

	CU_ASSERT(ref_diff("rnn.h", hs + RH, RT * RH) < REF_TOL);
	CU_ASSERT(ref_diff("rnn.loss", &loss, 1) < REF_TOL);
	CU_ASSERT(ref_diff("rnn.grad.weight_ih", g.weight_ih, RH * RI) < REF_TOL);
	CU_ASSERT(ref_diff("rnn.grad.weight_hh", g.weight_hh, RH * RH) < REF_TOL);
	CU_ASSERT(ref_diff("rnn.grad.bias_ih", g.bias_ih, RH) < REF_TOL);
	CU_ASSERT(ref_diff("rnn.grad.bias_hh", g.bias_hh, RH) < REF_TOL);
	CU_ASSERT(ref_diff("rnn.grad.x", dx, RT * RI) < REF_TOL);
}

/* nn.LSTM(3, 4) over 6 steps, gates i, f, g, o: as PyTorch's. */
static void
test_lstm_matches_pytorch_reference(void)
{
	struct lstm_dims d = { .input = RI, .hidden = RH };
	double flat[256], gflat[256], x[RT * RI], dx[RT * RI] = { 0 };
	double cflat[512], dout[RT * RH] = { 0 }, w_out[RH], loss, h[RT * RH];
	double work[4 * RH * RH + RT * 4 * RH + 2 * RH];
	struct lstm_params p, g;
	struct lstm_cache cache;

	CU_ASSERT_FATAL(lstm_param_count(&d) <= 256);
	CU_ASSERT_FATAL(lstm_cache_size(RT, &d) <= 512);
	CU_ASSERT_FATAL(lstm_work_size(RT, &d) <= sizeof work / sizeof work[0]);
	lstm_params_point(&p, flat, &d);
	lstm_params_point(&g, gflat, &d);
	lstm_cache_point(&cache, cflat, RT, &d);
	ref_fill(p.weight_ih, 4 * RH * RI, 0.1);
	ref_fill(p.weight_hh, 4 * RH * RH, 0.2);
	ref_fill(p.bias_ih, 4 * RH, 0.3);
	ref_fill(p.bias_hh, 4 * RH, 0.4);
	ref_fill(x, RT * RI, 0.5);
	ref_fill(w_out, RH, 0.9);
	lstm_forward(&cache, x, NULL, NULL, &p, RT, &d);
	linalg_copy(h, cache.h + RH, RT * RH);
	loss = linalg_dot(w_out, cache.h + RT * RH, RH);
	linalg_copy(dout + (RT - 1) * RH, w_out, RH);
	lstm_zero_grad(&g, &d);
	lstm_backward(dx, NULL, NULL, &g, NULL, NULL, work, dout, &cache, x, &p,
	    RT, &d);

	CU_ASSERT(ref_diff("lstm.h", h, RT * RH) < REF_TOL);
	CU_ASSERT(ref_diff("lstm.loss", &loss, 1) < REF_TOL);
	CU_ASSERT(ref_diff("lstm.grad.weight_ih", g.weight_ih, 4 * RH * RI) < REF_TOL);
	CU_ASSERT(ref_diff("lstm.grad.weight_hh", g.weight_hh, 4 * RH * RH) < REF_TOL);
	CU_ASSERT(ref_diff("lstm.grad.bias_ih", g.bias_ih, 4 * RH) < REF_TOL);
	CU_ASSERT(ref_diff("lstm.grad.bias_hh", g.bias_hh, 4 * RH) < REF_TOL);
	CU_ASSERT(ref_diff("lstm.grad.x", dx, RT * RI) < REF_TOL);
}

/* nn.GRU(3, 4) over 6 steps, gates r, z, n: as PyTorch's. */
static void
test_gru_matches_pytorch_reference(void)
{
	struct gru_dims d = { .input = RI, .hidden = RH };
	double flat[192], gflat[192], x[RT * RI], dx[RT * RI] = { 0 };
	double cflat[256], dout[RT * RH] = { 0 }, w_out[RH], loss, h[RT * RH];
	double work[2 * RT * 3 * RH + RH];
	struct gru_params p, g;
	struct gru_cache cache;

	CU_ASSERT_FATAL(gru_param_count(&d) <= 192);
	CU_ASSERT_FATAL(gru_cache_size(RT, &d) <= 256);
	CU_ASSERT_FATAL(gru_work_size(RT, &d) <= sizeof work / sizeof work[0]);
	gru_params_point(&p, flat, &d);
	gru_params_point(&g, gflat, &d);
	gru_cache_point(&cache, cflat, RT, &d);
	ref_fill(p.weight_ih, 3 * RH * RI, 0.1);
	ref_fill(p.weight_hh, 3 * RH * RH, 0.2);
	ref_fill(p.bias_ih, 3 * RH, 0.3);
	ref_fill(p.bias_hh, 3 * RH, 0.4);
	ref_fill(x, RT * RI, 0.5);
	ref_fill(w_out, RH, 0.9);
	gru_forward(&cache, x, NULL, &p, RT, &d);
	linalg_copy(h, cache.h + RH, RT * RH);
	loss = linalg_dot(w_out, cache.h + RT * RH, RH);
	linalg_copy(dout + (RT - 1) * RH, w_out, RH);
	gru_zero_grad(&g, &d);
	gru_backward(dx, NULL, &g, NULL, work, dout, &cache, x, &p, RT, &d);

	CU_ASSERT(ref_diff("gru.h", h, RT * RH) < REF_TOL);
	CU_ASSERT(ref_diff("gru.loss", &loss, 1) < REF_TOL);
	CU_ASSERT(ref_diff("gru.grad.weight_ih", g.weight_ih, 3 * RH * RI) < REF_TOL);
	CU_ASSERT(ref_diff("gru.grad.weight_hh", g.weight_hh, 3 * RH * RH) < REF_TOL);
	CU_ASSERT(ref_diff("gru.grad.bias_ih", g.bias_ih, 3 * RH) < REF_TOL);
	CU_ASSERT(ref_diff("gru.grad.bias_hh", g.bias_hh, 3 * RH) < REF_TOL);
	CU_ASSERT(ref_diff("gru.grad.x", dx, RT * RI) < REF_TOL);
}

/* ---- gradient checks ------------------------------------------------------ */

enum { GI = 3, GH = 5, GT = 7 };	/* a random small case */
#define GC_TOL 1e-6

/* The stencil's step: 1e-3 for smooth cells; 1e-5 for relu, whose kinks a
 * wider stencil would straddle now and then. */
static double gc_eps = 1e-3;

/* The five-point central difference
 *   f'(x) ~ (8 (f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / 12h,
 * whose error is O(h^4) + O(ulp / h), about 1e-12 for h = 1e-3: a plain
 * central difference (O(h^2) + O(ulp / h), 1e-10 at best) could not check
 * small gradients to a relative 1e-6. */
static double
stencil(double fp1, double fm1, double fp2, double fm2)
{
	return (8.0 * (fp1 - fm1) - (fp2 - fm2)) / (12.0 * gc_eps);
}

/* |analytic - numeric| / max(|analytic|, |numeric|); gradients below 1e-9
 * in both (exact zeros, say) are compared absolutely against 1e-9. */
static double
gc_error(double analytic, double numeric)
{
	double scale = fmax(fmax(fabs(analytic), fabs(numeric)), 1e-9);

	return fabs(analytic - numeric) / scale;
}

/* What a gradient check varies: the RNN (or LSTM) and its inputs. */
struct rnn_case {
	struct rnn_dims d;
	struct rnn_params p;
	double params[GH * GI + GH * GH + 2 * GH];
	double x[GT * GI], h0[GH], w[GT * GH];
	double hs[(GT + 1) * GH];
};

/* L = sum_t sum_j w[t][j] h_t[j]: a loss on every step. */
static double
rnn_case_loss(struct rnn_case *c)
{
	rnn_forward(c->hs, c->x, c->h0, &c->p, GT, &c->d);
	return linalg_dot(c->w, c->hs + GH, GT * GH);
}

/* dL/dv by the five-point stencil. */
static double
rnn_case_numeric(struct rnn_case *c, double *v)
{
	double keep = *v, f[4];
	static const double at[4] = { 1, -1, 2, -2 };

	for (int i = 0; i < 4; i++) {
		*v = keep + at[i] * gc_eps;
		f[i] = rnn_case_loss(c);
	}
	*v = keep;
	return stencil(f[0], f[1], f[2], f[3]);
}

/* Every parameter, input and h0 of a random RNN with activation act. */
static double
rnn_gradient_check(enum rnn_activation act, unsigned seed)
{
	struct rnn_case c;
	struct rnn_params g;
	double grads[sizeof c.params / sizeof c.params[0]];
	double dx[GT * GI] = { 0 }, dh0[GH] = { 0 };
	double work[GH * GH + (GT + 1) * GH], worst = 0.0;
	size_t np;
	struct rng rng;

	c.d.input = GI;
	c.d.hidden = GH;
	c.d.act = act;
	np = rnn_param_count(&c.d);
	rng_seed(&rng, seed);
	rnn_params_point(&c.p, c.params, &c.d);
	rnn_params_point(&g, grads, &c.d);
	rng_fill_uniform(c.params, &rng, np, -0.6, 0.6);
	rng_fill_uniform(c.x, &rng, GT * GI, -1, 1);
	rng_fill_uniform(c.h0, &rng, GH, -0.5, 0.5);
	rng_fill_uniform(c.w, &rng, GT * GH, -1, 1);
	rnn_case_loss(&c);
	rnn_zero_grad(&g, &c.d);
	rnn_backward(dx, dh0, &g, NULL, work, c.w, c.hs, c.x, &c.p, GT, &c.d);
	for (size_t k = 0; k < np; k++)
		worst = fmax(worst, gc_error(grads[k],
		    rnn_case_numeric(&c, &c.params[k])));
	for (size_t k = 0; k < GT * GI; k++)
		worst = fmax(worst, gc_error(dx[k], rnn_case_numeric(&c, &c.x[k])));
	for (size_t k = 0; k < GH; k++)
		worst = fmax(worst, gc_error(dh0[k], rnn_case_numeric(&c, &c.h0[k])));
	return worst;
}

/* tanh, relu and linear cells on three random cases each. */
static void
test_rnn_gradients_match_finite_differences(void)
{
	for (unsigned seed = 1; seed <= 3; seed++) {
		CU_ASSERT(rnn_gradient_check(RNN_TANH, seed) < GC_TOL);
		CU_ASSERT(rnn_gradient_check(RNN_LINEAR, seed) < GC_TOL);
		gc_eps = 1e-5;
		CU_ASSERT(rnn_gradient_check(RNN_RELU, seed) < GC_TOL);
		gc_eps = 1e-3;
	}
}

struct lstm_case {
	struct lstm_dims d;
	struct lstm_params p;
	struct lstm_cache cache;
	double params[4 * GH * GI + 4 * GH * GH + 8 * GH];
	double cflat[2 * (GT + 1) * GH + 5 * GT * GH];
	double x[GT * GI], h0[GH], c0[GH], w[GT * GH];
};

/* L = sum_t sum_j w[t][j] h_t[j]. */
static double
lstm_case_loss(struct lstm_case *c)
{
	lstm_forward(&c->cache, c->x, c->h0, c->c0, &c->p, GT, &c->d);
	return linalg_dot(c->w, c->cache.h + GH, GT * GH);
}

/* dL/dv by the five-point stencil. */
static double
lstm_case_numeric(struct lstm_case *c, double *v)
{
	double keep = *v, f[4];
	static const double at[4] = { 1, -1, 2, -2 };

	for (int i = 0; i < 4; i++) {
		*v = keep + at[i] * gc_eps;
		f[i] = lstm_case_loss(c);
	}
	*v = keep;
	return stencil(f[0], f[1], f[2], f[3]);
}

/* Every parameter, input, h0 and c0 of a random LSTM. */
static double
lstm_gradient_check(unsigned seed)
{
	struct lstm_case c;
	struct lstm_params g;
	double grads[sizeof c.params / sizeof c.params[0]];
	double dx[GT * GI] = { 0 }, dh0[GH] = { 0 }, dc0[GH] = { 0 };
	double work[4 * GH * GH + GT * 4 * GH + 2 * GH], worst = 0.0;
	size_t np;
	struct rng rng;

	c.d.input = GI;
	c.d.hidden = GH;
	np = lstm_param_count(&c.d);
	rng_seed(&rng, seed);
	lstm_params_point(&c.p, c.params, &c.d);
	lstm_params_point(&g, grads, &c.d);
	lstm_cache_point(&c.cache, c.cflat, GT, &c.d);
	rng_fill_uniform(c.params, &rng, np, -0.8, 0.8);
	rng_fill_uniform(c.x, &rng, GT * GI, -1, 1);
	rng_fill_uniform(c.h0, &rng, GH, -0.5, 0.5);
	rng_fill_uniform(c.c0, &rng, GH, -1, 1);
	rng_fill_uniform(c.w, &rng, GT * GH, -1, 1);
	lstm_case_loss(&c);
	lstm_zero_grad(&g, &c.d);
	lstm_backward(dx, dh0, dc0, &g, NULL, NULL, work, c.w, &c.cache, c.x,
	    &c.p, GT, &c.d);
	for (size_t k = 0; k < np; k++)
		worst = fmax(worst, gc_error(grads[k],
		    lstm_case_numeric(&c, &c.params[k])));
	for (size_t k = 0; k < GT * GI; k++)
		worst = fmax(worst, gc_error(dx[k], lstm_case_numeric(&c, &c.x[k])));
	for (size_t k = 0; k < GH; k++) {
		worst = fmax(worst, gc_error(dh0[k],
		    lstm_case_numeric(&c, &c.h0[k])));
		worst = fmax(worst, gc_error(dc0[k],
		    lstm_case_numeric(&c, &c.c0[k])));
	}
	return worst;
}

/* Three random cases. */
static void
test_lstm_gradients_match_finite_differences(void)
{
	for (unsigned seed = 1; seed <= 3; seed++)
		CU_ASSERT(lstm_gradient_check(seed) < GC_TOL);
}

struct gru_case {
	struct gru_dims d;
	struct gru_params p;
	struct gru_cache cache;
	double params[3 * GH * GI + 3 * GH * GH + 6 * GH];
	double cflat[(GT + 1) * GH + 4 * GT * GH];
	double x[GT * GI], h0[GH], w[GT * GH];
	size_t from;		/* the loss counts steps from + 1 .. T */
};

/* L = sum_{t > from} sum_j w[t][j] h_t[j], the GRU run over steps
 * from + 1 .. T starting at h_from = h0: with from = 0 the whole sequence;
 * with from = k, L as a function of h_k alone (without w_k's term). */
static double
gru_case_loss(struct gru_case *c)
{
	size_t n = GT - c->from;

	gru_forward(&c->cache, c->x + c->from * GI, c->h0, &c->p, n, &c->d);
	return linalg_dot(c->w + c->from * GH, c->cache.h + GH, n * GH);
}

/* dL/dv by the five-point stencil. */
static double
gru_case_numeric(struct gru_case *c, double *v)
{
	double keep = *v, f[4];
	static const double at[4] = { 1, -1, 2, -2 };

	for (int i = 0; i < 4; i++) {
		*v = keep + at[i] * gc_eps;
		f[i] = gru_case_loss(c);
	}
	*v = keep;
	return stencil(f[0], f[1], f[2], f[3]);
}

/* A random GRU case from seed: parameters, x, h0 and the loss weights. */
static void
gru_case_init(struct gru_case *c, unsigned seed)
{
	struct rng rng;

	c->d.input = GI;
	c->d.hidden = GH;
	c->from = 0;
	rng_seed(&rng, seed);
	gru_params_point(&c->p, c->params, &c->d);
	gru_cache_point(&c->cache, c->cflat, GT, &c->d);
	rng_fill_uniform(c->params, &rng, gru_param_count(&c->d), -0.8, 0.8);
	rng_fill_uniform(c->x, &rng, GT * GI, -1, 1);
	rng_fill_uniform(c->h0, &rng, GH, -0.5, 0.5);
	rng_fill_uniform(c->w, &rng, GT * GH, -1, 1);
}

/* Every parameter, input and h0 of a random GRU. */
static double
gru_gradient_check(unsigned seed)
{
	struct gru_case c;
	struct gru_params g;
	double grads[sizeof c.params / sizeof c.params[0]];
	double dx[GT * GI] = { 0 }, dh0[GH] = { 0 };
	double work[2 * GT * 3 * GH + GH], worst = 0.0;
	size_t np;

	gru_case_init(&c, seed);
	np = gru_param_count(&c.d);
	CU_ASSERT_FATAL(gru_work_size(GT, &c.d) <= sizeof work / sizeof work[0]);
	CU_ASSERT_FATAL(gru_cache_size(GT, &c.d) <= sizeof c.cflat / sizeof c.cflat[0]);
	gru_params_point(&g, grads, &c.d);
	gru_case_loss(&c);
	gru_zero_grad(&g, &c.d);
	gru_backward(dx, dh0, &g, NULL, work, c.w, &c.cache, c.x, &c.p, GT,
	    &c.d);
	for (size_t k = 0; k < np; k++)
		worst = fmax(worst, gc_error(grads[k],
		    gru_case_numeric(&c, &c.params[k])));
	for (size_t k = 0; k < GT * GI; k++)
		worst = fmax(worst, gc_error(dx[k], gru_case_numeric(&c, &c.x[k])));
	for (size_t k = 0; k < GH; k++)
		worst = fmax(worst, gc_error(dh0[k], gru_case_numeric(&c, &c.h0[k])));
	return worst;
}

/* Three random cases. */
static void
test_gru_gradients_match_finite_differences(void)
{
	for (unsigned seed = 1; seed <= 3; seed++)
		CU_ASSERT(gru_gradient_check(seed) < GC_TOL);
}

/* dh_norm[t] = ||dL/dh_t||, checked against the total gradient at h_t found
 * without BPTT: rerun the GRU from h_t over the remaining steps, take the
 * stencil of that loss in each unit of h_t, and add w_t's direct term. */
static void
test_gru_dh_norm_is_total_gradient(void)
{
	struct gru_case c;
	double work[2 * GT * 3 * GH + GH], norms[GT + 1], hs[(GT + 1) * GH];
	double worst = 0.0;

	gru_case_init(&c, 7);
	gru_case_loss(&c);
	linalg_copy(hs, c.cache.h, (GT + 1) * GH);
	gru_backward(NULL, NULL, NULL, norms, work, c.w, &c.cache, c.x, &c.p,
	    GT, &c.d);
	CU_ASSERT_DOUBLE_EQUAL(norms[GT], linalg_norm2(c.w + (GT - 1) * GH, GH),
	    1e-15);
	for (size_t t = 0; t <= GT; t++) {
		double grad[GH];

		c.from = t;
		linalg_copy(c.h0, hs + t * GH, GH);
		for (size_t j = 0; j < GH; j++) {
			grad[j] = t < GT ? gru_case_numeric(&c, &c.h0[j]) : 0.0;
			if (t >= 1)
				grad[j] += c.w[(t - 1) * GH + j];
		}
		worst = fmax(worst, gc_error(norms[t], linalg_norm2(grad, GH)));
	}
	CU_ASSERT(worst < GC_TOL);
	CU_ASSERT(norms[0] > 0.0);
}

/* ---- small contracts ------------------------------------------------------ */

/* Two backward passes without zero_grad give twice the gradient; the
 * per-step norms are the same both times. */
static void
test_rnn_gradients_accumulate(void)
{
	struct rnn_dims d = { .input = 2, .hidden = 3, .act = RNN_TANH };
	double flat[64], g1[64], g2[64], x[10], hs[18], dout[15];
	double work[9 + 18], n1[6], n2[6];
	struct rnn_params p, g;
	struct rng rng;
	size_t np = rnn_param_count(&d);

	rng_seed(&rng, 4);
	rnn_params_point(&p, flat, &d);
	rnn_init_default(&p, &rng, &d);
	rng_fill_normal(x, &rng, 10, 1.0);
	rng_fill_normal(dout, &rng, 15, 1.0);
	rnn_forward(hs, x, NULL, &p, 5, &d);
	rnn_params_point(&g, g1, &d);
	rnn_zero_grad(&g, &d);
	rnn_backward(NULL, NULL, &g, n1, work, dout, hs, x, &p, 5, &d);
	linalg_copy(g2, g1, np);
	rnn_backward(NULL, NULL, &g, n2, work, dout, hs, x, &p, 5, &d);
	for (size_t k = 0; k < np; k++)
		CU_ASSERT_DOUBLE_EQUAL(g1[k], 2.0 * g2[k], 1e-15);
	for (size_t t = 0; t <= 5; t++)
		CU_ASSERT_EQUAL(n1[t], n2[t]);
	rnn_zero_grad(&g, &d);
	CU_ASSERT_EQUAL(linalg_max_abs(g1, np), 0.0);
}

/* GRU: two backward passes without zero_grad give twice the gradient (every
 * parameter, dx and dh0), and the per-step norms are the same both times. */
static void
test_gru_gradients_accumulate(void)
{
	struct gru_dims d = { .input = 2, .hidden = 3 };
	double flat[64], g1[64], g2[64], x[10], cflat[128], dout[15];
	double work[2 * 5 * 9 + 3], n1[6], n2[6], dx[10] = { 0 }, dh0[3] = { 0 };
	double dx1[10], dh01[3];
	struct gru_params p, g;
	struct gru_cache cache;
	struct rng rng;
	size_t np = gru_param_count(&d);

	CU_ASSERT_FATAL(np <= 64);
	CU_ASSERT_FATAL(gru_cache_size(5, &d) <= 128);
	rng_seed(&rng, 4);
	gru_params_point(&p, flat, &d);
	gru_init_default(&p, &rng, &d);
	rng_fill_normal(x, &rng, 10, 1.0);
	rng_fill_normal(dout, &rng, 15, 1.0);
	gru_cache_point(&cache, cflat, 5, &d);
	gru_forward(&cache, x, NULL, &p, 5, &d);
	gru_params_point(&g, g1, &d);
	gru_zero_grad(&g, &d);
	gru_backward(dx, dh0, &g, n1, work, dout, &cache, x, &p, 5, &d);
	linalg_copy(g2, g1, np);
	linalg_copy(dx1, dx, 10);
	linalg_copy(dh01, dh0, 3);
	gru_backward(dx, dh0, &g, n2, work, dout, &cache, x, &p, 5, &d);
	for (size_t k = 0; k < np; k++)
		CU_ASSERT_DOUBLE_EQUAL(g1[k], 2.0 * g2[k], 1e-15);
	for (size_t k = 0; k < 10; k++)
		CU_ASSERT_DOUBLE_EQUAL(dx[k], 2.0 * dx1[k], 1e-15);
	for (size_t k = 0; k < 3; k++)
		CU_ASSERT_DOUBLE_EQUAL(dh0[k], 2.0 * dh01[k], 1e-15);
	for (size_t t = 0; t <= 5; t++)
		CU_ASSERT_EQUAL(n1[t], n2[t]);
	CU_ASSERT(linalg_max_abs(g1, np) > 0.0);
	gru_zero_grad(&g, &d);
	CU_ASSERT_EQUAL(linalg_max_abs(g1, np), 0.0);
}

/* PyTorch's default init: every parameter within 1/sqrt(H), layout sizes
 * as in nn.RNN, nn.LSTM and nn.GRU. */
static void
test_cells_default_init_and_layout(void)
{
	struct rnn_dims rd = { .input = 3, .hidden = 16, .act = RNN_TANH };
	struct lstm_dims ld = { .input = 3, .hidden = 16 };
	struct gru_dims gd = { .input = 3, .hidden = 16 };
	double *flat = malloc(lstm_param_count(&ld) * sizeof *flat);
	struct rnn_params rp;
	struct lstm_params lp;
	struct gru_params gp;
	struct rng rng;

	CU_ASSERT_EQUAL(rnn_param_count(&rd), 16 * 3 + 16 * 16 + 2 * 16);
	CU_ASSERT_EQUAL(lstm_param_count(&ld), 64 * 3 + 64 * 16 + 2 * 64);
	rng_seed(&rng, 1);
	rnn_params_point(&rp, flat, &rd);
	CU_ASSERT_PTR_EQUAL(rp.weight_hh, flat + 48);
	CU_ASSERT_PTR_EQUAL(rp.bias_hh, flat + 48 + 256 + 16);
	rnn_init_default(&rp, &rng, &rd);
	CU_ASSERT(linalg_max_abs(flat, rnn_param_count(&rd)) <= 0.25);
	CU_ASSERT(linalg_max_abs(flat, rnn_param_count(&rd)) > 0.2);
	lstm_params_point(&lp, flat, &ld);
	CU_ASSERT_PTR_EQUAL(lp.bias_hh, flat + 192 + 1024 + 64);
	lstm_init_default(&lp, &rng, &ld);
	CU_ASSERT(linalg_max_abs(flat, lstm_param_count(&ld)) <= 0.25);
	CU_ASSERT_EQUAL(gru_param_count(&gd), 48 * 3 + 48 * 16 + 2 * 48);
	gru_params_point(&gp, flat, &gd);
	CU_ASSERT_PTR_EQUAL(gp.weight_hh, flat + 144);
	CU_ASSERT_PTR_EQUAL(gp.bias_ih, flat + 144 + 768);
	CU_ASSERT_PTR_EQUAL(gp.bias_hh, flat + 144 + 768 + 48);
	linalg_zero(flat, gru_param_count(&gd));
	gru_init_default(&gp, &rng, &gd);
	CU_ASSERT(linalg_max_abs(flat, gru_param_count(&gd)) <= 0.25);
	CU_ASSERT(linalg_max_abs(flat, gru_param_count(&gd)) > 0.2);
	CU_ASSERT(fabs(flat[gru_param_count(&gd) - 1]) > 0.0);
	free(flat);
}

/* With the forget gate held, f_t = sigmoid(b_f) exactly at every step and
 * unit, whatever the input; the forget bias option sets b_ih + b_hh. */
static void
test_lstm_held_forget_gate_is_constant(void)
{
	struct lstm_dims d = { .input = 2, .hidden = 3 };
	double flat[128], cflat[256], x[20];
	struct lstm_params p;
	struct lstm_cache cache;
	struct rng rng;
	double want = 1.0 / (1.0 + exp(-2.0));

	rng_seed(&rng, 6);
	lstm_params_point(&p, flat, &d);
	lstm_init_default(&p, &rng, &d);
	lstm_set_forget_bias(&p, 1.5, &d);
	for (size_t j = 0; j < 3; j++) {
		CU_ASSERT_EQUAL(p.bias_ih[3 + j] + p.bias_hh[3 + j], 1.5);
		CU_ASSERT(p.bias_ih[j] != 1.5);	/* other gates untouched */
	}
	lstm_hold_forget_gate(&p, 2.0, &d);
	rng_fill_normal(x, &rng, 20, 3.0);
	CU_ASSERT_FATAL(lstm_cache_size(10, &d) <= 256);
	lstm_cache_point(&cache, cflat, 10, &d);
	lstm_forward(&cache, x, NULL, NULL, &p, 10, &d);
	for (size_t t = 0; t < 10; t++)
		for (size_t j = 0; j < 3; j++)
			CU_ASSERT_DOUBLE_EQUAL(cache.gates[t * 12 + 3 + j], want,
			    1e-16);
}


/* Register the "rnn", "lstm" and "gru" suites. */
void
test_cells_register(void)
{
	CU_pSuite rnn = CU_add_suite("rnn", cells_setup, NULL);
	CU_pSuite lstm = CU_add_suite("lstm", cells_setup, NULL);
	CU_pSuite gru = CU_add_suite("gru", cells_setup, NULL);

	CU_add_test(rnn, "matches pytorch reference", test_rnn_matches_pytorch_reference);
	CU_add_test(rnn, "gradients match finite differences", test_rnn_gradients_match_finite_differences);
	CU_add_test(rnn, "gradients accumulate", test_rnn_gradients_accumulate);
	CU_add_test(rnn, "default init and layout", test_cells_default_init_and_layout);
	CU_add_test(lstm, "matches pytorch reference", test_lstm_matches_pytorch_reference);
	CU_add_test(lstm, "gradients match finite differences", test_lstm_gradients_match_finite_differences);
	CU_add_test(lstm, "held forget gate is constant", test_lstm_held_forget_gate_is_constant);
	CU_add_test(gru, "matches pytorch reference", test_gru_matches_pytorch_reference);
	CU_add_test(gru, "gradients match finite differences", test_gru_gradients_match_finite_differences);
	CU_add_test(gru, "dh_norm is the total gradient", test_gru_dh_norm_is_total_gradient);
	CU_add_test(gru, "gradients accumulate", test_gru_gradients_accumulate);
}

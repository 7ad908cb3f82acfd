/* Tests of the cell-grads simulation (sim/sims_cells.c) and of what
 * `rnntutor sim` prints for it: the table's tensors, in PyTorch's names,
 * order and sizes for each cell; that the numbers it prints are the cell's
 * own (the loss and every gradient recomputed from the printed weights and
 * inputs through nn/); grad_norm; speed class; and the --scalars rows. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/simcmd.h"
#include "core/diag.h"
#include "nn/gru.h"
#include "nn/linalg.h"
#include "nn/lstm.h"
#include "nn/rnn.h"
#include "sim/sim.h"
#include "tests.h"

static const char *const cells[] = { "rnn", "lstm", "gru" };
static const size_t cell_gates[] = { 1, 4, 3 };

enum { CI = 2, CH = 3, CT = 4 };	/* the case the tests run */

/* Run cell-grads for cell with input CI, hidden CH, steps CT and seed;
 * the result is for the caller to free. */
static int
run_cell(struct sim_result *res, const char *cell, const char *seed)
{
	const struct sim_spec *spec = sim_find("cell-grads");
	char kv[32];
	const char *words[] = { kv, "input=2", "hidden=3", "steps=4", seed };
	struct sim_args args;
	struct diag_list diags;
	int rc = SIM_OK;

	sim_result_init(res);
	CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
	snprintf(kv, sizeof kv, "cell=%s", cell);
	diag_list_init(&diags);
	sim_args_init(&args, spec);
	for (size_t i = 0; i < sizeof words / sizeof words[0] && rc == SIM_OK;
	    i++)
		rc = sim_args_set_kv(&args, words[i], &diags);
	if (rc == SIM_OK)
		rc = sim_run(res, &args, &diags);
	CU_ASSERT_EQUAL(rc, SIM_OK);
	CU_ASSERT_EQUAL(diags.n, 0);
	sim_args_free(&args);
	diag_list_free(&diags);
	return rc;
}

/* The table called tensors, or NULL (and a failed assertion). */
static const struct sim_table *
tensors(const struct sim_result *res)
{
	for (size_t i = 0; i < res->ntables; i++)
		if (strcmp(res->tables[i].name, "tensors") == 0)
			return &res->tables[i];
	CU_FAIL("no table called tensors");
	return NULL;
}

/* The values of tensor name, read back from the table's text into v
 * (room for max); the count, or 0 when absent or unreadable. */
static size_t
tensor_values(const struct sim_table *tb, const char *name, double *v,
    size_t max)
{
	size_t n = 0;

	for (size_t r = 0; tb != NULL && r < tb->nrows; r++) {
		const char *const *row = (const char *const *)tb->cells + r * 3;
		char *end;

		if (strcmp(row[0], name) != 0)
			continue;
		if (n >= max)
			return 0;
		v[n] = strtod(row[2], &end);
		if (*end != '\0')
			return 0;
		n++;
	}
	return n;
}

/* A scalar's value; NaN (and a failed assertion) when it is missing. */
static double
scalar(const struct sim_result *res, const char *name)
{
	const struct sim_scalar *s = sim_result_scalar(res, name);

	CU_ASSERT_PTR_NOT_NULL(s);
	return s != NULL ? s->value : NAN;
}

/* For each cell: the header tensor, index, value; the inputs under
 * PyTorch's names, then x, h0 (c0), then grad.NAME of each, in that
 * order, every tensor with its PyTorch size and indices 0..n-1. */
static void
test_cellgrads_tensor_names_and_counts(void)
{
	static const char *const names[] = {
		"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
		"x", "h0", "c0"
	};

	for (size_t c = 0; c < 3; c++) {
		size_t g = cell_gates[c], ntensors = c == 1 ? 7 : 6, r = 0;
		size_t sizes[] = {
			g * CH * CI, g * CH * CH, g * CH, g * CH, CT * CI, CH, CH
		};
		const struct sim_table *tb;
		struct sim_result res;

		if (run_cell(&res, cells[c], "seed=3") != SIM_OK)
			continue;
		tb = tensors(&res);
		CU_ASSERT_FATAL(tb != NULL);
		CU_ASSERT_EQUAL_FATAL(tb->ncols, 3);
		CU_ASSERT_STRING_EQUAL(tb->header[0], "tensor");
		CU_ASSERT_STRING_EQUAL(tb->header[1], "index");
		CU_ASSERT_STRING_EQUAL(tb->header[2], "value");
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < ntensors; i++) {
				char want[32];

				snprintf(want, sizeof want, "%s%s",
				    pass == 0 ? "" : "grad.", names[i]);
				for (size_t k = 0; k < sizes[i]; k++, r++) {
					char index[32];

					CU_ASSERT_FATAL(r < tb->nrows);
					snprintf(index, sizeof index, "%zu", k);
					CU_ASSERT_STRING_EQUAL(tb->cells[r * 3],
					    want);
					CU_ASSERT_STRING_EQUAL(tb->cells[r * 3 + 1],
					    index);
				}
			}
		CU_ASSERT_EQUAL(tb->nrows, r);
		sim_result_free(&res);
	}
}

/* grad_norm is the norm of the four parameter gradients as printed; the
 * loss and grad_norm are positive and finite. */
static void
test_cellgrads_grad_norm_matches_table(void)
{
	static const char *const grads[] = {
		"grad.weight_ih_l0", "grad.weight_hh_l0", "grad.bias_ih_l0",
		"grad.bias_hh_l0"
	};

	for (size_t c = 0; c < 3; c++) {
		double v[256], sum = 0.0;
		struct sim_result res;

		if (run_cell(&res, cells[c], "seed=11") != SIM_OK)
			continue;
		for (size_t i = 0; i < 4; i++) {
			size_t n = tensor_values(tensors(&res), grads[i], v, 256);

			CU_ASSERT(n > 0);
			for (size_t k = 0; k < n; k++)
				sum += v[k] * v[k];
		}
		CU_ASSERT(scalar(&res, "grad_norm") > 0.0);
		CU_ASSERT(fabs(scalar(&res, "grad_norm") - sqrt(sum)) <=
		    1e-14 * sqrt(sum));
		CU_ASSERT(isfinite(scalar(&res, "loss")) &&
		    scalar(&res, "loss") > 0.0);
		sim_result_free(&res);
	}
}

/* What the table holds for one cell, read back from its text. */
struct printed {
	double params[256], grads[256];		/* PyTorch's flat layout */
	double x[CT * CI], h0[CH], c0[CH];
	double dx[CT * CI], dh0[CH], dc0[CH];
	size_t nparams;
};

/* Read every tensor of the table into pr (flat parameters in PyTorch's
 * order); 0 when every tensor has the size the cell wants. */
static int
read_printed(struct printed *pr, const struct sim_table *tb, size_t g,
    int lstm)
{
	static const char *const pnames[] = {
		"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"
	};
	size_t sizes[] = { g * CH * CI, g * CH * CH, g * CH, g * CH };
	size_t off = 0, bad = 0;

	for (size_t i = 0; i < 4; i++) {
		char name[32];

		bad += tensor_values(tb, pnames[i], pr->params + off, 256 - off) !=
		    sizes[i];
		snprintf(name, sizeof name, "grad.%s", pnames[i]);
		bad += tensor_values(tb, name, pr->grads + off, 256 - off) !=
		    sizes[i];
		off += sizes[i];
	}
	pr->nparams = off;
	bad += tensor_values(tb, "x", pr->x, CT * CI) != CT * CI;
	bad += tensor_values(tb, "grad.x", pr->dx, CT * CI) != CT * CI;
	bad += tensor_values(tb, "h0", pr->h0, CH) != CH;
	bad += tensor_values(tb, "grad.h0", pr->dh0, CH) != CH;
	bad += tensor_values(tb, "c0", pr->c0, CH) != (lstm ? CH : 0);
	bad += tensor_values(tb, "grad.c0", pr->dc0, CH) != (lstm ? CH : 0);
	return bad == 0 ? 0 : -1;
}

/* The largest |a - b| / max(|b|, 1e-300) over n pairs. */
static double
worst_rel(const double *a, const double *b, size_t n)
{
	double worst = 0.0;

	for (size_t k = 0; k < n; k++)
		worst = fmax(worst, fabs(a[k] - b[k]) /
		    fmax(fabs(b[k]), 1e-300));
	return worst;
}

/* Forward and backward through nn/ from the printed weights and inputs,
 * with dL/dh_t = h_t; the loss 0.5 * sum_t ||h_t||^2 into *loss and every
 * gradient into the g* arrays (zeroed here). */
static void
recompute(double *loss, double *gp, double *gx, double *gh0, double *gc0,
    struct printed *pr, size_t c)
{
	double hs[(CT + 1) * CH], cache[(CT + 1) * CH * 2 + 5 * CT * CH];
	double work[2 * CT * 4 * CH + 2 * CH];

	memset(gx, 0, CT * CI * sizeof *gx);
	memset(gh0, 0, CH * sizeof *gh0);
	memset(gc0, 0, CH * sizeof *gc0);
	if (c == 0) {
		struct rnn_dims d = { .input = CI, .hidden = CH, .act = RNN_TANH };
		struct rnn_params p, g;

		rnn_params_point(&p, pr->params, &d);
		rnn_params_point(&g, gp, &d);
		rnn_zero_grad(&g, &d);
		rnn_forward(hs, pr->x, pr->h0, &p, CT, &d);
		rnn_backward(gx, gh0, &g, NULL, work, hs + CH, hs, pr->x, &p,
		    CT, &d);
	} else if (c == 1) {
		struct lstm_dims d = { .input = CI, .hidden = CH };
		struct lstm_params p, g;
		struct lstm_cache lc;

		CU_ASSERT_FATAL(lstm_cache_size(CT, &d) <= sizeof cache / sizeof cache[0]);
		lstm_params_point(&p, pr->params, &d);
		lstm_params_point(&g, gp, &d);
		lstm_cache_point(&lc, cache, CT, &d);
		lstm_zero_grad(&g, &d);
		lstm_forward(&lc, pr->x, pr->h0, pr->c0, &p, CT, &d);
		memcpy(hs, lc.h, sizeof hs);
		lstm_backward(gx, gh0, gc0, &g, NULL, NULL, work, hs + CH, &lc,
		    pr->x, &p, CT, &d);
	} else {
		struct gru_dims d = { .input = CI, .hidden = CH };
		struct gru_params p, g;
		struct gru_cache gc;

		CU_ASSERT_FATAL(gru_cache_size(CT, &d) <= sizeof cache / sizeof cache[0]);
		gru_params_point(&p, pr->params, &d);
		gru_params_point(&g, gp, &d);
		gru_cache_point(&gc, cache, CT, &d);
		gru_zero_grad(&g, &d);
		gru_forward(&gc, pr->x, pr->h0, &p, CT, &d);
		memcpy(hs, gc.h, sizeof hs);
		gru_backward(gx, gh0, &g, NULL, work, hs + CH, &gc, pr->x, &p,
		    CT, &d);
	}
	*loss = 0.0;
	for (size_t k = CH; k < (CT + 1) * CH; k++)
		*loss += 0.5 * hs[k] * hs[k];
}

/* The printed numbers are the cell's own: loading the printed weights, x,
 * h0 and c0 into nn/ and running forward gives the printed loss
 * (0.5 * sum over t = 1..T of ||h_t||^2), and backward gives every printed
 * gradient. */
static void
test_cellgrads_loss_and_gradients_from_table(void)
{
	for (size_t c = 0; c < 3; c++) {
		struct printed pr;
		double loss, gp[256], gx[CT * CI], gh0[CH], gc0[CH];
		struct sim_result res;

		if (run_cell(&res, cells[c], "seed=5") != SIM_OK)
			continue;
		memset(&pr, 0, sizeof pr);
		CU_ASSERT_FATAL(read_printed(&pr, tensors(&res), cell_gates[c],
		    c == 1) == 0);
		recompute(&loss, gp, gx, gh0, gc0, &pr, c);
		CU_ASSERT(fabs(loss - scalar(&res, "loss")) <= 1e-14 * loss);
		CU_ASSERT(worst_rel(gp, pr.grads, pr.nparams) < 1e-13);
		CU_ASSERT(worst_rel(gx, pr.dx, CT * CI) < 1e-13);
		CU_ASSERT(worst_rel(gh0, pr.dh0, CH) < 1e-13);
		if (c == 1)
			CU_ASSERT(worst_rel(gc0, pr.dc0, CH) < 1e-13);
		/* PyTorch's default init: within 1/sqrt(H) */
		CU_ASSERT(linalg_max_abs(pr.params, pr.nparams) <=
		    1.0 / sqrt((double)CH));
		sim_result_free(&res);
	}
}

/* Another seed gives other weights; the same seed the same text. */
static void
test_cellgrads_seed_changes_the_cell(void)
{
	struct sim_result a, b, c;
	const struct sim_table *ta, *tb, *tc;

	if (run_cell(&a, "gru", "seed=1") != SIM_OK)
		return;
	if (run_cell(&b, "gru", "seed=1") == SIM_OK &&
	    run_cell(&c, "gru", "seed=2") == SIM_OK) {
		int same = 1, differ = 0;

		ta = tensors(&a);
		tb = tensors(&b);
		tc = tensors(&c);
		CU_ASSERT_FATAL(ta != NULL && tb != NULL && tc != NULL);
		CU_ASSERT_EQUAL_FATAL(ta->nrows, tb->nrows);
		CU_ASSERT_EQUAL_FATAL(ta->nrows, tc->nrows);
		for (size_t r = 0; r < ta->nrows * 3; r++) {
			same &= strcmp(ta->cells[r], tb->cells[r]) == 0;
			differ |= strcmp(ta->cells[r], tc->cells[r]) != 0;
		}
		CU_ASSERT(same);
		CU_ASSERT(differ);
		sim_result_free(&b);
		sim_result_free(&c);
	}
	sim_result_free(&a);
}

/* Every size in range is FAST: run on sight, never in steps. */
static void
test_cellgrads_fast_at_every_size(void)
{
	const struct sim_spec *spec = sim_find("cell-grads");
	struct sim_args args;
	struct diag_list diags;

	CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
	diag_list_init(&diags);
	sim_args_init(&args, spec);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "input=16", &diags), SIM_OK);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "hidden=32", &diags), SIM_OK);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "steps=50", &diags), SIM_OK);
	for (size_t c = 0; c < 3; c++) {
		char kv[16];

		snprintf(kv, sizeof kv, "cell=%s", cells[c]);
		CU_ASSERT_EQUAL(sim_args_set_kv(&args, kv, &diags), SIM_OK);
		CU_ASSERT(sim_cost(&args) > 0.0);
		CU_ASSERT_EQUAL(sim_pace(&args), SIM_PACE_FAST);
	}
	sim_args_free(&args);
	diag_list_free(&diags);
}

/* `rnntutor sim ARGS` into memory; *out and *err for the caller to free. */
static int
cli(char **out, char **err, const char *const *argv)
{
	char *args[16];
	int argc = 0, status;
	size_t olen, elen;
	FILE *fo = open_memstream(out, &olen), *fe = open_memstream(err, &elen);

	CU_ASSERT_PTR_NOT_NULL_FATAL(fo);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fe);
	args[argc++] = (char *)"sim";
	for (; argv[argc - 1] != NULL && argc < 15; argc++)
		args[argc] = (char *)argv[argc - 1];
	args[argc] = NULL;
	status = cli_sim_main(argc, args, fo, fe);
	fclose(fo);
	fclose(fe);
	return status;
}

/* tsv: tensor, index, value and one row a number; --scalars: scalar,
 * value and one row a scalar, in tsv and csv; --scalars with text is a
 * usage error. */
static void
test_cellgrads_tsv_and_scalars(void)
{
	static const char *const tsv[] = { "cell-grads", "cell=lstm",
	    "hidden=1", "input=1", "steps=1", "--format=tsv", NULL };
	static const char *const sc[] = { "cell-grads", "cell=gru", "input=2",
	    "hidden=3", "steps=4", "seed=5", "--format=tsv", "--scalars",
	    NULL };
	static const char *const csv[] = { "linear-bptt", "steps=2",
	    "--format=csv", "--scalars", NULL };
	static const char *const text[] = { "linear-bptt", "--scalars", NULL };
	char *out, *err, want[256], loss[SIM_NUMBER_MAX], norm[SIM_NUMBER_MAX];
	struct sim_result res;
	size_t lines = 0;

	CU_ASSERT_EQUAL(cli(&out, &err, tsv), 0);
	CU_ASSERT_EQUAL(strncmp(out, "tensor\tindex\tvalue\n"
	    "weight_ih_l0\t0\t", 32), 0);
	for (const char *p = out; *p != '\0'; p++)
		lines += *p == '\n';
	/* the header; weight_ih, weight_hh, bias_ih, bias_hh (4 each), x, h0,
	 * c0 (1 each), and as many gradients */
	CU_ASSERT_EQUAL(lines, 1 + 2 * (4 * 4 + 3));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\ngrad.c0\t0\t"));
	CU_ASSERT_STRING_EQUAL(err, "");
	free(out);
	free(err);

	CU_ASSERT_EQUAL(cli(&out, &err, sc), 0);
	if (run_cell(&res, "gru", "seed=5") == SIM_OK) {
		sim_format_double(loss, scalar(&res, "loss"), 0);
		sim_format_double(norm, scalar(&res, "grad_norm"), 0);
		sim_result_free(&res);
	}
	snprintf(want, sizeof want, "scalar\tvalue\nloss\t%s\ngrad_norm\t%s\n",
	    loss, norm);
	CU_ASSERT_STRING_EQUAL(out, want);
	free(out);
	free(err);

	CU_ASSERT_EQUAL(cli(&out, &err, csv), 0);
	CU_ASSERT_EQUAL(strncmp(out, "scalar,value\nfirst,", 19), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nlast,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nratio,"));
	free(out);
	free(err);

	CU_ASSERT_EQUAL(cli(&out, &err, text), 2);
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--scalars"));
	free(out);
	free(err);
}

/* Register the "cell-grads" suite. */
void
test_cellgrads_register(void)
{
	CU_pSuite s = CU_add_suite("cell-grads", NULL, NULL);

	CU_add_test(s, "tensor names and counts", test_cellgrads_tensor_names_and_counts);
	CU_add_test(s, "grad_norm matches table", test_cellgrads_grad_norm_matches_table);
	CU_add_test(s, "loss and gradients from table", test_cellgrads_loss_and_gradients_from_table);
	CU_add_test(s, "seed changes the cell", test_cellgrads_seed_changes_the_cell);
	CU_add_test(s, "fast at every size", test_cellgrads_fast_at_every_size);
	CU_add_test(s, "tsv and scalars", test_cellgrads_tsv_and_scalars);
}

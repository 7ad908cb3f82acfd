/* matrix-power and linear-bptt: the two figures that open the lesson on
 * vanishing gradients, a matrix multiplied by itself and a gradient
 * multiplied by W^T once per step back through time. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "nn/linalg.h"
#include "sim/sims.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

enum { MP_N, MP_SCALE, MP_POWER };

static const struct sim_param_spec matrix_power_params[] = {
	[MP_N] = { .name = "n", .type = SIM_INT, .def = 4, .min = 1,
	    .max = 64, .step = 1,
	    .help = "size of the square matrix W = scale * I (n x n)" },
	[MP_SCALE] = { .name = "scale", .type = SIM_REAL, .def = 0.9,
	    .min = 0, .max = 3, .step = 0.05,
	    .help = "the number on the diagonal of W" },
	[MP_POWER] = { .name = "power", .type = SIM_INT, .def = 10, .min = 0,
	    .max = 200, .step = 1,
	    .help = "k: how many times W is multiplied together" },
};

/* W = scale * I; P_0 = I, P_k = P_{k-1} W by a real matrix product;
 * max_abs[k] = max_ij |P_k[i][j]| for k = 0..power. */
static int
matrix_power_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	size_t n = sim_arg_size(args, MP_N);
	size_t power = sim_arg_size(args, MP_POWER);
	double scale = args->num[MP_SCALE];
	double *w = xmalloc(3 * n * n * sizeof *w);
	double *p = w + n * n, *next = p + n * n, *tmp;
	double *max_abs = xmalloc((power + 1) * sizeof *max_abs);
	static const char *const header[] = { "scale", "power", "max_abs" };
	char cells[3][SIM_NUMBER_MAX];
	const char *row[3] = { cells[0], cells[1], cells[2] };
	struct sim_table *table;

	(void)diags;
	linalg_identity(w, scale, n);
	linalg_identity(p, 1.0, n);
	max_abs[0] = linalg_max_abs(p, n * n);
	for (size_t k = 1; k <= power; k++) {
		linalg_matmul(next, p, w, n, n, n);	/* P_k = P_{k-1} W */
		tmp = p;
		p = next;
		next = tmp;
		max_abs[k] = linalg_max_abs(p, n * n);
	}
	res->step_name = xstrdup("k");
	sim_result_add_series(res, "max_abs", "largest |entry| of W^k",
	    max_abs, power + 1);
	sim_result_add_scalar(res, "scale", "the diagonal of W", scale);
	sim_result_add_scalar(res, "power", "k", (double)power);
	sim_result_add_scalar(res, "max_abs", "largest |entry| of W^power",
	    max_abs[power]);
	table = sim_result_add_table(res, "summary", 3, header);
	sim_format_double(cells[0], scale, 0);
	sim_format_double(cells[1], (double)power, 0);
	sim_format_double(cells[2], max_abs[power], 0);
	sim_table_add_row(table, row);
	free(w);
	return SIM_OK;
}

/* Estimated seconds: power products of two n x n matrices. */
static double
matrix_power_cost(const struct sim_args *args)
{
	double n = args->num[MP_N];

	return 2.0 * n * n * n * args->num[MP_POWER] / SIM_REF_FLOPS;
}

const struct sim_spec sim_matrix_power_spec = {
	.name = "matrix-power",
	.summary = "largest |entry| of W^k for W = scale * I: shrinks below 1, "
	    "grows above",
	.params = matrix_power_params,
	.nparams = sizeof matrix_power_params / sizeof matrix_power_params[0],
	.run = matrix_power_run,
	.cost = matrix_power_cost,
};

enum { LB_N, LB_SCALE, LB_STEPS };

static const struct sim_param_spec linear_bptt_params[] = {
	[LB_N] = { .name = "n", .type = SIM_INT, .def = 8, .min = 1,
	    .max = 256, .step = 1,
	    .help = "hidden size: W = scale * I is n x n, the gradient starts "
	    "as ones(n)" },
	[LB_SCALE] = { .name = "scale", .type = SIM_REAL, .def = 0.9,
	    .min = 0, .max = 3, .step = 0.05,
	    .help = "the number on the diagonal of W" },
	[LB_STEPS] = { .name = "steps", .type = SIM_INT, .def = 20, .min = 1,
	    .max = 1000, .step = 1,
	    .help = "how many steps the gradient travels back" },
};

/* grad_0 = ones(n), grad_k = W^T grad_{k-1}; norm[k] = ||grad_k||. */
static int
linear_bptt_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	size_t n = sim_arg_size(args, LB_N);
	size_t steps = sim_arg_size(args, LB_STEPS);
	double scale = args->num[LB_SCALE];
	double *w = xmalloc((n * n + 2 * n) * sizeof *w);
	double *grad = w + n * n, *next = grad + n, *tmp;
	double *norm = xmalloc((steps + 1) * sizeof *norm);

	(void)diags;
	linalg_identity(w, scale, n);
	for (size_t i = 0; i < n; i++)
		grad[i] = 1.0;
	norm[0] = linalg_norm2(grad, n);
	for (size_t k = 1; k <= steps; k++) {
		if (!isfinite(norm[k - 1])) {
			/* overflowed (past 1e308): inf from here on, where one
			 * more product would give inf * 0 = NaN */
			norm[k] = INFINITY;
			continue;
		}
		linalg_zero(next, n);
		linalg_matvec_t_acc(next, w, grad, n, n);	/* W^T grad */
		tmp = grad;
		grad = next;
		next = tmp;
		norm[k] = linalg_norm2(grad, n);
	}
	res->step_name = xstrdup("step");
	sim_result_add_series(res, "norm",
	    "||grad|| after k multiplications by W^T", norm, steps + 1);
	sim_result_add_scalar(res, "first", "||grad|| at step 0", norm[0]);
	sim_result_add_scalar(res, "last", "||grad|| at the last step",
	    norm[steps]);
	sim_result_add_scalar(res, "ratio", "last / first",
	    norm[steps] / norm[0]);
	free(w);
	return SIM_OK;
}

/* Estimated seconds: one n x n product with a vector per step. */
static double
linear_bptt_cost(const struct sim_args *args)
{
	double n = args->num[LB_N];

	return 2.0 * n * n * args->num[LB_STEPS] / SIM_REF_FLOPS;
}

const struct sim_spec sim_linear_bptt_spec = {
	.name = "linear-bptt",
	.summary = "norm of a gradient multiplied by W^T = scale * I once per "
	    "step back through time",
	.params = linear_bptt_params,
	.nparams = sizeof linear_bptt_params / sizeof linear_bptt_params[0],
	.run = linear_bptt_run,
	.cost = linear_bptt_cost,
};

/* sims: the simulations behind the registry, and what they share.
 *
 * Internal to src/sim/: registry.c lists the specs below, the sims_*.c files
 * define them. Everything here may allocate (xmalloc); the numeric kernels
 * they call (rnn.h, lstm.h, gru.h, linalg.h) do not. */
#ifndef RNNTUTOR_SIM_SIMS_H
#define RNNTUTOR_SIM_SIMS_H

#include <stddef.h>

#include "nn/rng.h"
#include "nn/seqinside.h"
#include "sim/sim.h"

/* sims_matrix.c */
extern const struct sim_spec sim_matrix_power_spec;
extern const struct sim_spec sim_linear_bptt_spec;
/* sims_rnn.c */
extern const struct sim_spec sim_rnn_unroll_spec;
extern const struct sim_spec sim_bptt_norms_spec;
/* sims_lstm.c */
extern const struct sim_spec sim_lstm_gates_spec;
extern const struct sim_spec sim_lstm_vs_rnn_spec;
/* sims_adding.c (lessons 2 and 3: nn/seqtrain.h on the adding problem) */
extern const struct sim_spec sim_adding_spec;
/* sims_adding_inside.c: the adding simulation's trained model (a copy of
 * param, seqinside_param_count(d) floats, trained on sequences of steps),
 * and what it does on a sequence with its markers where the reader says
 * (sim_model_ops.ask; text "A B", two steps). */
void *sim_adding_model_create(const struct seqinside_dims *d, size_t steps,
    const float *param);
void sim_adding_model_destroy(void *model);
void *sim_adding_model_copy(const void *model);
const char *sim_adding_model_kind(const void *model);
void sim_adding_model_ask(struct sim_result *answer, const void *model,
    const void *other, const char *text, size_t len);
/* sims_sentiment.c (lesson 4, the sentiment pipeline of sentiment.h) */
extern const struct sim_spec sim_sentiment_spec;
/* sims_cells.c (every gradient of one cell, to hold against PyTorch) */
extern const struct sim_spec sim_cell_grads_spec;

/* Floating-point operations a second of the double kernels of nn/ on the
 * reference PC (sim.h's cost): what the cost formulas divide by. */
#define SIM_REF_FLOPS 1e10

/* Common parameter ranges. */
#define SIM_SEED_MAX 2147483647.0	/* 2^31 - 1 */

/* The input signals of rnn-unroll and lstm-gates, in choice order. */
enum sim_signal {
	SIM_SIGNAL_SINE,	/* sin(2 pi t / 20) */
	SIM_SIGNAL_PULSE,	/* 1 at t = 1, then 0 */
	SIM_SIGNAL_STEP,	/* 0 before t = 1 + steps/4, then 1 */
	SIM_SIGNAL_RANDOM	/* N(0, 1) from the seed */
};
extern const char *const sim_signal_choices[];	/* "sine", ... , NULL */
/* "off", "on", NULL: a switch. */
extern const char *const sim_off_on_choices[];

/* x[t-1] = amplitude * signal(t) for t = 1..steps (random draws from rng). */
void sim_make_signal(double *x, enum sim_signal kind, double amplitude,
    size_t steps, struct rng *rng);

/* W (n x n) = scale * Q with Q a random orthogonal matrix: the rows of an
 * n x n matrix of N(0, 1) draws from rng, orthonormalised (Haar measure). */
void sim_make_orthogonal(double *w, double scale, size_t n, struct rng *rng);

/* Gradient norms from BPTT, norm[t] for t = 0..n-1 with the loss at
 * n-1: once a norm has overflowed (inf, or NaN from inf * 0 or inf - inf
 * on the way), it and every earlier one read inf, "past 1e308": the
 * arithmetic cannot say more, and a NaN would only hide what happened. */
void sim_norms_overflow(double *norm, size_t n);
/* NaN (an overflowed sum) as inf; anything else unchanged. */
double sim_nan_as_inf(double v);

/* A heap copy of v[0..n), for sim_result_add_series (which takes
 * ownership). */
double *sim_copy_values(const double *v, size_t n);

/* Integer value of parameter i of args (validated, so it fits). */
size_t sim_arg_size(const struct sim_args *args, size_t i);

#endif

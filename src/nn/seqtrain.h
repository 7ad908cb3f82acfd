/* seqtrain: a trainer for sequence tasks, with logging while it trains.
 *
 * The network: one recurrent layer in PyTorch's equations and layout
 * (nn.RNN with tanh or relu, nn.LSTM with gates i, f, g, o, nn.GRU with
 * gates r, z, n), run over B sequences of T steps of I inputs from h_0 = 0
 * (and c_0 = 0), then a linear head on the last hidden state:
 *
 *     y = w . h_T + b                       (nn.Linear(H, 1))
 *
 * GRU (torch.nn.GRU):  r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *                      z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *                      n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *                      h' = (1 - z) * n + z * h
 * (RNN and LSTM as nn/rnn.h and nn/lstm.h say.)
 *
 * The loss is the batch mean of (y - target)^2 (MSE, nn.MSELoss) or of
 * binary cross-entropy with logits (nn.BCEWithLogitsLoss), on the last step
 * only. One update: a fresh batch from the task, forward, backward through
 * time, the gradient's global norm, clipping, then SGD (p -= lr g) or Adam
 * (torch.optim.Adam's defaults and order of operations).
 *
 * Parameters, in one flat float array in this order (PyTorch's names):
 *     weight_ih_l0 (G H x I), weight_hh_l0 (G H x H), bias_ih_l0 (G H),
 *     bias_hh_l0 (G H), head.weight (H), head.bias (1)
 * with G = 1 (rnn), 4 (lstm) or 3 (gru).
 *
 * Initialisation, drawn in that order from the seed: PyTorch's default,
 * every number U(-1/sqrt(H), 1/sqrt(H)) (the head too: nn.Linear's bound
 * is 1/sqrt(fan_in) = 1/sqrt(H)). Then, by init, each H x H gate block of
 * weight_hh is replaced by rho x a random orthogonal matrix (orthogonal) or
 * by rho x I (identity; Le, Jaitly and Hinton 2015's IRNN with relu). An
 * LSTM's forget gate gets bias_ih = forget_bias and bias_hh = 0.
 *
 * Truncated BPTT with k > 0: the hidden state (and an LSTM's cell) is
 * detached before every step t that is a multiple of k (t = k, 2k, ...,
 * counting steps from 0), as a PyTorch loop over chunks of k steps with
 * h.detach() between them does. The loss is on the last step, so only the
 * last chunk, steps s = k floor((T - 1) / k) .. T - 1, gets a gradient: it
 * flows back at most k steps. The weights still see h_{s-1} as an input
 * of step s. k = 0 (or k >= T) is full BPTT.
 *
 * Reach: reach[t] = ||dL/dh_t|| for t = 0..T-1 (h_t the state after step
 * t, series position t for t = 1..T in the lessons' counting), the total
 * gradient reaching h_t through every later step (within the truncation
 * window; 0 before it), where L is the batch's mean loss and the norm is
 * the Frobenius norm of the B x H matrix of all sequences' gradients. For
 * B = 1 it is nn/rnn.h's dh_norm.
 *
 * Divergence: when the loss or the gradient's norm of an update is not
 * finite, the update is not applied, the run stops and stays done, and
 * seqtrain_step returns SEQTRAIN_EDIVERGED with "diverged at update N:
 * gradient norm inf" (or "loss nan", ...); everything logged so far, the
 * diverged update's loss and norm included, stays readable.
 *
 * Units of work: seqtrain_step runs the run as a sequence of small units,
 * so that a caller answering keys between them waits a few milliseconds at
 * most. An update is: drawing the batch (and transposing the weights);
 * the forward pass in chunks of rows (a row is one sequence at one step,
 * row t B + b, going up); the head (loss, dL/dh_{T-1}); the backward pass
 * through time in chunks of rows going down; the weight gradients in
 * chunks of rows going up (after the whole backward pass); and the finish
 * (norm, logs, divergence check, clipping, the optimizer's step). An
 * evaluation is the forward pass over each held-out chunk in chunks of
 * rows. A chunk holds as many rows as fit in cfg->unit_work multiply-adds
 * (SEQTRAIN_UNIT_WORK, 2^22, unless set), counting the products' exactly
 * and an estimate for the cells' arithmetic; it holds at least one row, and
 * one row costs G H (I + H + 16) or so: at most about 2^22 even for an
 * LSTM of SEQTRAIN_MAX_HIDDEN units and a few inputs. Drawing a batch (the task's sample) and the finish are
 * one unit each whatever their size: T B I numbers and a few passes over
 * the parameters.
 *
 * Determinism: the same configuration and task give the same bits, however
 * the units are split into calls of seqtrain_step, however large
 * cfg->unit_work makes the chunks, and whichever vector width (nn/sgemm.h's
 * nn_isa) runs: rows are independent in the forward pass and in each
 * backward step, and every sum over rows (the weight gradients, the
 * biases') adds them in the same order, chunk after chunk.
 *
 * Ownership: struct seqtrain is opaque, seqtrain_create()/_destroy(). The
 * task's ctx is borrowed for the trainer's life. Arrays handed out by
 * seqtrain_log() and seqtrain_params() belong to the trainer and stay
 * valid until the next seqtrain_step or seqtrain_destroy. */
#ifndef RNNTUTOR_NN_SEQTRAIN_H
#define RNNTUTOR_NN_SEQTRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "nn/rng.h"

enum {
	SEQTRAIN_OK = 0,
	SEQTRAIN_EVALUE = -1,		/* a configuration out of range */
	SEQTRAIN_EDIVERGED = -2		/* the run diverged and stopped */
};

enum seqtrain_cell { SEQTRAIN_RNN, SEQTRAIN_LSTM, SEQTRAIN_GRU };
enum seqtrain_act { SEQTRAIN_TANH, SEQTRAIN_RELU };	/* rnn only */
enum seqtrain_loss { SEQTRAIN_MSE, SEQTRAIN_BCE };
enum seqtrain_optim { SEQTRAIN_SGD, SEQTRAIN_ADAM };
enum seqtrain_init {
	SEQTRAIN_INIT_DEFAULT,		/* PyTorch's uniform */
	SEQTRAIN_INIT_ORTHOGONAL,	/* W_hh blocks = rho Q */
	SEQTRAIN_INIT_IDENTITY		/* W_hh blocks = rho I */
};

#define SEQTRAIN_MAX_STEPS 10000
#define SEQTRAIN_MAX_HIDDEN 1024
#define SEQTRAIN_MAX_BATCH 4096

/* A task: where examples come from. */
struct seqtrain_task {
	size_t input;		/* I, features per step */
	size_t steps;		/* T */
	/* Draw n examples from rng: x (T x n x I, time-major: feature i of
	 * sequence b at step t is x[(t n + b) I + i]) and their targets y (n).
	 * Must use only rng for randomness. */
	void (*sample)(float *x, float *y, size_t n, size_t steps,
	    struct rng *rng, const void *ctx);
	const void *ctx;
};

struct seqtrain_config {
	enum seqtrain_cell cell;	/* SEQTRAIN_LSTM */
	enum seqtrain_act act;		/* SEQTRAIN_TANH */
	size_t hidden;			/* H, 32 */
	size_t batch;			/* B, 32 */
	size_t updates;			/* 1000 */
	enum seqtrain_loss loss;	/* SEQTRAIN_MSE */
	enum seqtrain_optim optim;	/* SEQTRAIN_ADAM */
	double lr;			/* 0.001 */
	double clip;			/* max global norm, 0 = off (0) */
	enum seqtrain_init init;	/* SEQTRAIN_INIT_DEFAULT */
	double rho;			/* W_hh scale for orthogonal, identity (1) */
	double forget_bias;		/* LSTM forget-gate bias (1) */
	size_t truncate;		/* k, 0 = full BPTT (0) */
	size_t eval_every;		/* E updates between evaluations (100) */
	size_t test_size;		/* held-out examples (256) */
	uint64_t seed;			/* 1 */
	size_t unit_work;		/* multiply-adds a unit of seqtrain_step
					 * aims at, 0 = SEQTRAIN_UNIT_WORK (0);
					 * changes the units, never the bits */
};

/* The work of one unit of seqtrain_step by default: 2^22 multiply-adds,
 * a few tenths of a millisecond on one core, and some 20 ms where the
 * gradient fades through subnormal floats (which the processor handles
 * tens of times slower), still within the TUI's slice between two reads
 * of the keyboard. */
#define SEQTRAIN_UNIT_WORK ((size_t)1 << 22)

/* The defaults above. */
void seqtrain_config_init(struct seqtrain_config *cfg);

/* What the trainer has logged so far (arrays owned by the trainer). */
struct seqtrain_log {
	size_t updates;			/* updates logged (the diverged one too) */
	const double *loss;		/* updates: the batch's mean loss */
	const double *grad_norm;	/* updates: global norm before clipping */
	const double *clipped_norm;	/* updates: the norm the update used,
					 * grad_norm * min(1, clip /
					 * (grad_norm + 1e-6)) as
					 * clip_grad_norm_ scales it */
	size_t clipped;			/* updates where clipping scaled */
	size_t evals;
	const double *test_loss;	/* evals: mean loss on the held-out set */
	const size_t *test_at;		/* evals: after how many updates (the
					 * first is 0, before training; then
					 * every E, and the last) */
	size_t steps;			/* T */
	const double *reach_first;	/* T, at update 1; NULL before it */
	const double *reach_last;	/* T, at the latest update; NULL before */
	size_t diverged_at;		/* the update that diverged, or 0 */
	double seconds;			/* compute time so far */
};

struct seqtrain;

/* A trainer for cfg on task, with parameters initialised from cfg->seed
 * and the held-out set drawn. 0, or SEQTRAIN_EVALUE with a message. */
int seqtrain_create(struct seqtrain **out, const struct seqtrain_config *cfg,
    const struct seqtrain_task *task, struct diag_list *diags);
void seqtrain_destroy(struct seqtrain *tr);

/* Run at most n units of work (see above; the first evaluation, then the
 * updates and the evaluations due after them): 1 while work remains, 0
 * when done, SEQTRAIN_EDIVERGED (with its message) when an update diverged
 * (returned once the evaluation after it is done); the run then stays done
 * and later calls return 0. */
int seqtrain_step(struct seqtrain *tr, size_t n, struct diag_list *diags);
/* Updates done so far (not counting a diverged one). */
size_t seqtrain_updates_done(const struct seqtrain *tr);

/* Where a run is, in the units seqtrain_step counts. */
struct seqtrain_progress {
	uint64_t units_done;	/* units run so far */
	uint64_t units;		/* the whole run's: every update and every
				 * evaluation due, as if none diverged */
	double fraction;	/* units_done / units, and 1 once the run is
				 * done (a diverged run ends early) */
};

void seqtrain_progress(const struct seqtrain *tr,
    struct seqtrain_progress *pg);
void seqtrain_log(const struct seqtrain *tr, struct seqtrain_log *log);

/* The mean loss on the held-out set of always predicting (or, for BCE,
 * always giving the logit) value: the baseline a network has to beat. */
double seqtrain_baseline(const struct seqtrain *tr, double value);

/* ---- pieces, for the tests and for callers with their own data ---- */

/* The most multiply-adds one unit of seqtrain_step has done so far, as
 * the kernels count them: the products exactly, estimates for the rest. */
uint64_t seqtrain_unit_work_max(const struct seqtrain *tr);
/* Floats in the parameter (and gradient) array. */
size_t seqtrain_param_count(const struct seqtrain *tr);
/* The parameters, in the layout above; writable (the tests perturb them). */
float *seqtrain_params(struct seqtrain *tr);
/* The mean loss of n <= cfg->batch examples (x, y as task->sample gives
 * them) under the current parameters. This and seqtrain_gradient work in
 * the trainer's own space: call them before the first seqtrain_step or
 * after the run, not while an update is under way. */
double seqtrain_loss(struct seqtrain *tr, const float *x, const float *y,
    size_t n);
/* The same, and grad (seqtrain_param_count() floats) = its gradient as
 * the trainer computes it (truncation included, before clipping); reach
 * (T doubles, or NULL) = ||dL/dh_t||. */
double seqtrain_gradient(struct seqtrain *tr, float *grad, double *reach,
    const float *x, const float *y, size_t n);

#endif

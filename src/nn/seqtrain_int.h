/* seqtrain_int: what seqtrain.c shares with its float kernels
 * (seqtrain_kernel.c, seqtrain_simd.h). Internal to src/nn. */
#ifndef RNNTUTOR_NN_SEQTRAIN_INT_H
#define RNNTUTOR_NN_SEQTRAIN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "nn/seqtrain.h"

struct seqtrain_dims {
	enum seqtrain_cell cell;
	enum seqtrain_act act;
	size_t input;		/* I */
	size_t hidden;		/* H */
	size_t gates;		/* G H: H, 4H or 3H */
	size_t steps;		/* T */
};

/* Pointers into a flat array in the layout of seqtrain.h. */
struct seqtrain_net {
	float *w_ih;		/* G H x I */
	float *w_hh;		/* G H x H */
	float *b_ih, *b_hh;	/* G H each */
	float *head_w;		/* H */
	float *head_b;		/* 1 */
};

/* Multiply-adds counted per gate and row for a cell's own arithmetic (e^x,
 * the gates, the copies around them): the kernels' work beside the
 * products, whose multiply-adds are counted exactly. */
#define SEQTRAIN_CELL_WORK 16

/* The forward cache and backward work for n <= rows sequences, rows of
 * step t at t n .. t n + n - 1 of each T n array. A row q = t n + b is
 * sequence b at step t; the kernels below work on ranges of rows, so that
 * an update can be cut into small units of work. */
struct seqtrain_cache {
	float *x;		/* T n x I: the inputs */
	float *z;		/* T n x G H: rnn h_t; lstm i, f, g, o; gru the
				 * input part (W_i x + b_i) in, r, z, n out */
	float *zh;		/* gru: T n x 3H, W_h h_{t-1} + b_h */
	float *hs;		/* (T + 1) n x H: block t = h_{t-1}, block 0
				 * = h_{-1} = 0, block T = h_{T-1} (the last) */
	float *c, *tc;		/* lstm: T n x H, c_t and tanh(c_t) */
	float *dz;		/* T n x G H: dL/d(pre-activations), input side */
	float *dzh;		/* gru: T n x 3H, the W_hh side */
	float *gh, *gc;		/* n x H: running dL/dh_t, dL/dc_t */
	float *gskip;		/* gru: n x H, z * dL/dh_t (to h_{t-1}) */
	float *wt_ih, *wt_hh;	/* I x G H, H x G H: W_ih^T, W_hh^T */
	float *dwt_ih;		/* I x G H work: dL/dW_ih^T */
	uint64_t work;		/* multiply-adds done, as the kernels count
				 * them (SEQTRAIN_CELL_WORK); the caller
				 * resets it */
};

/* Forward over rows [q0, q1) of n sequences whose inputs x are T n x I
 * (c->x, or a held-out chunk): step by step, the biases plus the input
 * and recurrent products of those rows in one pass, then the cell. Rows before q0 done, c->wt_ih and c->wt_hh
 * current; fills z, zh, hs, c, tc of those rows. The rows of one step are
 * independent, so any cut gives the same bits as one call over all. */
void seqtrain_kernel_forward(struct seqtrain_cache *c,
    const struct seqtrain_net *net, const struct seqtrain_dims *d,
    const float *x, size_t n, size_t q0, size_t q1);
/* Backward through rows [q0, q1), highest first, start n <= q0: dz, dzh
 * of those rows and c->gh carried down a step (not below step start, the
 * truncation). The first call (q1 = T n) starts from c->gh = dL/dh_{T-1}
 * (n x H), clears an LSTM's c->gc and sets reach[t] = 0 for t < start;
 * reach[t] = ||dL/dh_t|| when the call reaching step t's last row runs.
 * Calls must follow each other down without gaps. */
void seqtrain_kernel_backward(double *reach, struct seqtrain_cache *c,
    const struct seqtrain_net *net, const struct seqtrain_dims *d, size_t n,
    size_t start, size_t q0, size_t q1);
/* After the whole backward: grad += the weight gradients of rows [q0, q1)
 * (W_ih through c->dwt_ih, W_hh, both biases; the head untouched). Calls
 * go up from q0 = start n, which clears c->dwt_ih, to q1 = T n, which adds
 * it into grad->w_ih; every sum runs over the rows in order, so any cut
 * gives the same bits as one call. */
void seqtrain_kernel_weights(struct seqtrain_net *grad,
    struct seqtrain_cache *c, const struct seqtrain_dims *d, size_t n,
    size_t start, size_t q0, size_t q1);

#endif

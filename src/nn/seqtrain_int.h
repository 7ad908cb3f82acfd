/* seqtrain_int: what seqtrain.c shares with its float kernels
 * (seqtrain_kernel.c, seqtrain_simd.h). Internal to src/nn. */
#ifndef RNNTUTOR_NN_SEQTRAIN_INT_H
#define RNNTUTOR_NN_SEQTRAIN_INT_H

#include <stddef.h>

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

/* The forward cache and backward work for n <= rows sequences, rows of
 * step t at t n .. t n + n - 1 of each T n array. */
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
};

/* Forward over n sequences: c->x filled, c->wt_ih and c->wt_hh current;
 * fills z, zh, hs, c, tc. */
void seqtrain_kernel_forward(struct seqtrain_cache *c,
    const struct seqtrain_net *net, const struct seqtrain_dims *d, size_t n);
/* Backward from c->gh = dL/dh_{T-1} (n x H) down to step start:
 * grad += the four cell gradients (head untouched), reach[t] =
 * ||dL/dh_t|| (0 for t < start). */
void seqtrain_kernel_backward(struct seqtrain_net *grad, double *reach,
    struct seqtrain_cache *c, const struct seqtrain_net *net,
    const struct seqtrain_dims *d, size_t n, size_t start);

#endif

/* rnn: the vanilla (Elman) recurrent cell, forward and backward through time.
 *
 * PyTorch's nn.RNN equations and parameter layout, one layer, batch 1:
 *
 *     a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        t = 1..T
 *     h_t = act(a_t)                  act = tanh (default), relu or identity
 *
 * with weight_ih (H x I), weight_hh (H x H), bias_ih (H), bias_hh (H), in
 * that order, in one flat array of rnn_param_count() doubles that a struct
 * rnn_params points into (gradients use a second array of the same layout,
 * so clipping and zeroing run over one buffer).
 *
 * Ownership: every array is caller-owned. The kernels never allocate: the
 * caller sizes the cache (hs, (T+1) x H) and the work array
 * (rnn_work_size()). */
#ifndef RNNTUTOR_NN_RNN_H
#define RNNTUTOR_NN_RNN_H

#include <stddef.h>

#include "nn/rng.h"

enum rnn_activation {
	RNN_TANH,
	RNN_RELU,
	RNN_LINEAR	/* act(a) = a: the linear RNN of the textbooks */
};

struct rnn_dims {
	size_t input;		/* I, features per step */
	size_t hidden;		/* H, hidden units */
	enum rnn_activation act;
};

/* Pointers into one flat array, in this order. */
struct rnn_params {
	double *weight_ih;	/* H x I */
	double *weight_hh;	/* H x H */
	double *bias_ih;	/* H */
	double *bias_hh;	/* H */
};

/* H*I + H*H + 2H: doubles in one parameter (or gradient) array. */
size_t rnn_param_count(const struct rnn_dims *d);
/* Point p into flat (rnn_param_count(d) doubles), in PyTorch's order. */
void rnn_params_point(struct rnn_params *p, double *flat,
    const struct rnn_dims *d);
/* PyTorch's default: every parameter U(-1/sqrt(H), 1/sqrt(H)), drawn in
 * layout order. */
void rnn_init_default(struct rnn_params *p, struct rng *rng,
    const struct rnn_dims *d);
/* Set every gradient in g to zero. */
void rnn_zero_grad(struct rnn_params *g, const struct rnn_dims *d);

/* Forward over T steps.
 *   hs  out (T+1) x H: hs[0] = h0 (zeros when h0 is NULL), hs[t] = h_t; the
 *       cache that rnn_backward reads
 *   x   T x I: row t-1 is x_t
 *   h0  H or NULL */
void rnn_forward(double *hs, const double *x, const double *h0,
    const struct rnn_params *p, size_t steps, const struct rnn_dims *d);

/* rnn_forward for steps from + 1 .. to only, with hs[from] already set:
 * the same arithmetic, so a forward pass in pieces gives the same bits. */
void rnn_forward_range(double *hs, const double *x,
    const struct rnn_params *p, size_t from, size_t to,
    const struct rnn_dims *d);

/* Doubles of work that rnn_backward needs for T steps: (T+1)*H. */
size_t rnn_work_size(size_t steps, const struct rnn_dims *d);

/* Backpropagation through time.
 *   dx       T x I, += dL/dx_t (NULL: not wanted)
 *   dh0      H, += dL/dh_0 (NULL: not wanted)
 *   grad     += dL/dparams in the layout of p (NULL: not wanted, which
 *            skips the weight-gradient work)
 *   dh_norm  T+1, = ||dL/dh_t|| for t = 0..T, the total gradient reaching
 *            h_t through every later step (NULL: not wanted)
 *   work     rnn_work_size(T, d) doubles
 *   dout     T x H: row t-1 is the loss's direct gradient dL/dh_t (for a
 *            loss on h_T only, every row but the last is zero)
 *   hs, x    the cache and input of rnn_forward
 * From t = T down to 1, with g_T = dout_T and g_t the total dL/dh_t:
 *   da_t = g_t * act'(a_t)     (tanh: 1 - h_t^2; relu: [h_t > 0]; linear: 1)
 *   dx_t += W_ih^T da_t,  g_{t-1} = W_hh^T da_t + dout_{t-1}   (dout_0 = 0)
 * and then, over all steps at once (da_t are kept in work):
 *   dW_ih += sum_t da_t x_t^T,  dW_hh += sum_t da_t h_{t-1}^T,
 *   db_ih += sum_t da_t,        db_hh += sum_t da_t */
void rnn_backward(double *dx, double *dh0, struct rnn_params *grad,
    double *dh_norm, double *work, const double *dout, const double *hs,
    const double *x, const struct rnn_params *p, size_t steps,
    const struct rnn_dims *d);

/* rnn_backward in pieces, for callers that stop between them (a view
 * reading the keyboard), with the same arithmetic and so the same bits:
 *   g = dout_T;  rnn_backward_range(.., g, .., das, .., T, k);
 *   rnn_backward_range(.., g, .., das, .., k, 0);  dh_norm[0] = ||g||;
 *   rnn_backward_weights(grad, das, hs, x, T, d);
 * The range form runs steps hi down to lo + 1: g (H) holds dL/dh_hi on
 * entry and dL/dh_lo on return, das (T x H) gets row t-1 = da_t, dh_norm[t]
 * (if not NULL) = ||dL/dh_t|| for lo < t <= hi. */
void rnn_backward_range(double *dx, double *g, double *dh_norm, double *das,
    const double *dout, const double *hs, const struct rnn_params *p,
    size_t hi, size_t lo, const struct rnn_dims *d);
/* The weight gradients, += sums over the T steps of das (see above). */
void rnn_backward_weights(struct rnn_params *grad, const double *das,
    const double *hs, const double *x, size_t steps,
    const struct rnn_dims *d);

#endif

/* gru: the gated recurrent unit, forward and backward through time.
 *
 * PyTorch's nn.GRU equations and parameter layout, one layer, batch 1, with
 * the gates stacked in the order r, z, n (rows 0..H-1 are the reset gate,
 * H..2H-1 the update gate, 2H..3H-1 the candidate):
 *
 *     r_t = sigmoid(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)      (H, t = 1..T)
 *     z_t = sigmoid(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *     n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
 *     h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 *
 * Unlike the LSTM the two biases of the candidate are not interchangeable:
 * b_hn sits inside the reset gate's product, b_in outside it. The last line
 * is computed as PyTorch computes it, n_t + z_t * (h_{t-1} - n_t).
 *
 * weight_ih (3H x I), weight_hh (3H x H), bias_ih (3H), bias_hh (3H), in
 * that order, live in one flat array of gru_param_count() doubles that a
 * struct gru_params points into; gradients use a second array of the same
 * layout.
 *
 * Ownership: every array is caller-owned and the kernels never allocate. The
 * caller sizes the cache (gru_cache_size(), pointed into by
 * gru_cache_point()) and the work array (gru_work_size()). */
#ifndef RNNTUTOR_NN_GRU_H
#define RNNTUTOR_NN_GRU_H

#include <stddef.h>

#include "nn/rng.h"

/* Gate blocks within the 3H rows, in PyTorch's order. */
enum gru_gate {
	GRU_GATE_R = 0,		/* reset gate */
	GRU_GATE_Z = 1,		/* update gate */
	GRU_GATE_N = 2		/* candidate (new gate), tanh */
};

struct gru_dims {
	size_t input;		/* I */
	size_t hidden;		/* H */
};

/* Pointers into one flat array, in this order. */
struct gru_params {
	double *weight_ih;	/* 3H x I */
	double *weight_hh;	/* 3H x H */
	double *bias_ih;	/* 3H */
	double *bias_hh;	/* 3H */
};

/* What the forward pass keeps for the backward pass, pointers into one
 * array of gru_cache_size() doubles. */
struct gru_cache {
	double *h;		/* (T+1) x H: h[0] = h0, h[t] = h_t */
	double *gates;		/* T x 3H: row t-1 = r_t, z_t, n_t */
	double *hn;		/* T x H: row t-1 = W_hn h_{t-1} + b_hn */
};

/* 3H*I + 3H*H + 6H */
size_t gru_param_count(const struct gru_dims *d);
/* Point p into flat (gru_param_count(d) doubles), in PyTorch's order. */
void gru_params_point(struct gru_params *p, double *flat,
    const struct gru_dims *d);
/* PyTorch's default: every parameter U(-1/sqrt(H), 1/sqrt(H)), drawn in
 * layout order. */
void gru_init_default(struct gru_params *p, struct rng *rng,
    const struct gru_dims *d);
/* Set every gradient in g to zero. */
void gru_zero_grad(struct gru_params *g, const struct gru_dims *d);

/* (T+1)*H + T*3H + T*H */
size_t gru_cache_size(size_t steps, const struct gru_dims *d);
/* Point cache into flat (gru_cache_size() doubles). */
void gru_cache_point(struct gru_cache *cache, double *flat, size_t steps,
    const struct gru_dims *d);

/* Forward over T steps.
 *   cache  out: every h_t, gate and W_hn h_{t-1} + b_hn (struct gru_cache)
 *   x      T x I: row t-1 is x_t
 *   h0     H, or NULL for zeros */
void gru_forward(struct gru_cache *cache, const double *x, const double *h0,
    const struct gru_params *p, size_t steps, const struct gru_dims *d);

/* Doubles of work that gru_backward needs for T steps: 2*T*3H + H. */
size_t gru_work_size(size_t steps, const struct gru_dims *d);

/* Backpropagation through time.
 *   dx       T x I, += dL/dx_t (NULL: not wanted)
 *   dh0      H, += dL/dh_0 (NULL: not wanted)
 *   grad     += dL/dparams in the layout of p (NULL: not wanted)
 *   dh_norm  T+1, = ||dL/dh_t|| for t = 0..T, the total gradient reaching
 *            h_t through every later step (NULL: not wanted)
 *   work     gru_work_size(T, d) doubles
 *   dout     T x H: row t-1 is the loss's direct gradient dL/dh_t
 *   cache, x the cache and input of gru_forward
 * From t = T down to 1, with g_t the total dL/dh_t (g_T = dout_T) and
 * hn_t = W_hn h_{t-1} + b_hn:
 *   da_n = g_t (1 - z_t) (1 - n_t^2)          (n_t's pre-activation)
 *   da_z = g_t (h_{t-1} - n_t) z_t (1 - z_t)
 *   da_r = da_n hn_t r_t (1 - r_t)
 *   di_t = (da_r, da_z, da_n)                 3H: dL/d(W_ih x_t + b_ih)
 *   dg_t = (da_r, da_z, da_n r_t)             3H: dL/d(W_hh h_{t-1} + b_hh)
 *   dx_t += W_ih^T di_t
 *   g_{t-1} = g_t z_t + W_hh^T dg_t + dout_{t-1}        (dout_0 = 0)
 * and then, over all steps at once: dW_ih += sum_t di_t x_t^T,
 * dW_hh += sum_t dg_t h_{t-1}^T, db_ih += sum_t di_t, db_hh += sum_t dg_t. */
void gru_backward(double *dx, double *dh0, struct gru_params *grad,
    double *dh_norm, double *work, const double *dout,
    const struct gru_cache *cache, const double *x,
    const struct gru_params *p, size_t steps, const struct gru_dims *d);

#endif

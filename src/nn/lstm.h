/* lstm: the long short-term memory cell, forward and backward through time.
 *
 * PyTorch's nn.LSTM equations and parameter layout, one layer, batch 1, with
 * the gates stacked in the order i, f, g, o (rows 0..H-1 are the input gate,
 * H..2H-1 the forget gate, 2H..3H-1 the candidate, 3H..4H-1 the output gate):
 *
 *     z_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        (4H, t = 1..T)
 *     i_t = sigmoid(z_i), f_t = sigmoid(z_f), g_t = tanh(z_g),
 *     o_t = sigmoid(z_o)
 *     c_t = f_t * c_{t-1} + i_t * g_t
 *     h_t = o_t * tanh(c_t)
 *
 * with weight_ih (4H x I), weight_hh (4H x H), bias_ih (4H), bias_hh (4H), in
 * that order, in one flat array of lstm_param_count() doubles that a struct
 * lstm_params points into; gradients use a second array of the same layout.
 *
 * Ownership: every array is caller-owned and the kernels never allocate. The
 * caller sizes the cache (lstm_cache_size(), pointed into by
 * lstm_cache_point()) and the work array (lstm_work_size()). */
#ifndef RNNTUTOR_NN_LSTM_H
#define RNNTUTOR_NN_LSTM_H

#include <stddef.h>

#include "nn/rng.h"

/* Gate blocks within the 4H rows, in PyTorch's order. */
enum lstm_gate {
	LSTM_GATE_I = 0,	/* input gate */
	LSTM_GATE_F = 1,	/* forget gate */
	LSTM_GATE_G = 2,	/* candidate (cell input), tanh */
	LSTM_GATE_O = 3		/* output gate */
};

struct lstm_dims {
	size_t input;		/* I */
	size_t hidden;		/* H */
};

/* Pointers into one flat array, in this order. */
struct lstm_params {
	double *weight_ih;	/* 4H x I */
	double *weight_hh;	/* 4H x H */
	double *bias_ih;	/* 4H */
	double *bias_hh;	/* 4H */
};

/* What the forward pass keeps for the backward pass, pointers into one
 * array of lstm_cache_size() doubles. */
struct lstm_cache {
	double *h;		/* (T+1) x H: h[0] = h0, h[t] = h_t */
	double *c;		/* (T+1) x H: c[0] = c0, c[t] = c_t */
	double *gates;		/* T x 4H: row t-1 = i_t, f_t, g_t, o_t */
	double *tanh_c;		/* T x H: row t-1 = tanh(c_t) */
};

/* 4H*I + 4H*H + 8H */
size_t lstm_param_count(const struct lstm_dims *d);
/* Point p into flat (lstm_param_count(d) doubles), in PyTorch's order. */
void lstm_params_point(struct lstm_params *p, double *flat,
    const struct lstm_dims *d);
/* PyTorch's default: every parameter U(-1/sqrt(H), 1/sqrt(H)), drawn in
 * layout order. */
void lstm_init_default(struct lstm_params *p, struct rng *rng,
    const struct lstm_dims *d);
/* Make the forget gate's total bias b_f: bias_ih[f] = b_f, bias_hh[f] = 0. */
void lstm_set_forget_bias(struct lstm_params *p, double b_f,
    const struct lstm_dims *d);
/* Hold the forget gate at sigmoid(b_f): zero its rows of weight_ih and
 * weight_hh and set its bias as lstm_set_forget_bias() does. */
void lstm_hold_forget_gate(struct lstm_params *p, double b_f,
    const struct lstm_dims *d);
/* Set every gradient in g to zero. */
void lstm_zero_grad(struct lstm_params *g, const struct lstm_dims *d);

/* (T+1)*H*2 + T*4H + T*H */
size_t lstm_cache_size(size_t steps, const struct lstm_dims *d);
/* Point cache into flat (lstm_cache_size() doubles). */
void lstm_cache_point(struct lstm_cache *cache, double *flat, size_t steps,
    const struct lstm_dims *d);

/* Forward over T steps.
 *   cache  out: every h_t, c_t, gate and tanh(c_t) (see struct lstm_cache)
 *   x      T x I: row t-1 is x_t
 *   h0, c0 H each, or NULL for zeros */
void lstm_forward(struct lstm_cache *cache, const double *x, const double *h0,
    const double *c0, const struct lstm_params *p, size_t steps,
    const struct lstm_dims *d);

/* Doubles of work that lstm_backward needs for T steps: T*4H + 2H. */
size_t lstm_work_size(size_t steps, const struct lstm_dims *d);

/* Backpropagation through time.
 *   dx       T x I, += dL/dx_t (NULL: not wanted)
 *   dh0, dc0 H each, += dL/dh_0 and dL/dc_0 (NULL: not wanted)
 *   grad     += dL/dparams in the layout of p (NULL: not wanted)
 *   dh_norm  T+1, = ||dL/dh_t|| (total, through every later step), t = 0..T
 *   dc_norm  T+1, = ||dL/dc_t|| (total), t = 0..T (either may be NULL)
 *   work     lstm_work_size(T, d) doubles
 *   dout     T x H: row t-1 is the loss's direct gradient dL/dh_t
 * From t = T down to 1, with gh_t the total dL/dh_t and gc_t the total dL/dc_t:
 *   gc_t = gh_t o_t (1 - tanh^2 c_t) + gc_{t+1} f_{t+1}   (no second term at T)
 *   dz_i = gc_t g_t i_t (1 - i_t)        dz_f = gc_t c_{t-1} f_t (1 - f_t)
 *   dz_g = gc_t i_t (1 - g_t^2)          dz_o = gh_t tanh(c_t) o_t (1 - o_t)
 *   dx_t += W_ih^T dz,  gh_{t-1} = W_hh^T dz + dout_{t-1},  gc_0 = gc_1 * f_1
 * and then, over all steps at once: dW_ih += sum_t dz_t x_t^T,
 * dW_hh += sum_t dz_t h_{t-1}^T, db_ih += sum_t dz_t, db_hh += sum_t dz_t. */
void lstm_backward(double *dx, double *dh0, double *dc0,
    struct lstm_params *grad, double *dh_norm, double *dc_norm, double *work,
    const double *dout, const struct lstm_cache *cache, const double *x,
    const struct lstm_params *p, size_t steps, const struct lstm_dims *d);

#endif

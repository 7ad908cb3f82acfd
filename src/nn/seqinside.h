/* seqinside: a network that nn/seqtrain.h trained, looked at on one
 * sequence, step by step, for the reader: the mean of its gates at each
 * step and how strongly its prediction depends on each step's input.
 *
 * The network is seqtrain.h's (one recurrent layer from h_0 = c_0 = 0,
 * then y = w . h_T + b), its parameters the trainer's flat float array
 * in seqtrain.h's layout. It runs here in double through the kernels of
 * nn/rnn.h, nn/lstm.h and nn/gru.h (the same equations and layout), with
 * the floats widened exactly.
 *
 * Per step t = 1..T (index t - 1):
 *   write[t]     LSTM: the mean over the H units of the input gate i_t;
 *                NaN for the GRU and the RNN
 *   keep[t]      LSTM: the mean of the forget gate f_t; GRU: the mean of
 *                the update gate z_t (near 1: h_t keeps h_{t-1}); NaN for
 *                the RNN, which has no gates
 *   saliency[t]  ||dy/dx_t||, the Euclidean length of the gradient of the
 *                prediction with respect to step t's input vector, from
 *                one backward pass through time to the inputs
 *
 * Ownership: every array is the caller's; nothing is kept. */
#ifndef RNNTUTOR_NN_SEQINSIDE_H
#define RNNTUTOR_NN_SEQINSIDE_H

#include <stddef.h>

#include "nn/seqtrain.h"

struct seqinside_dims {
	enum seqtrain_cell cell;
	enum seqtrain_act act;	/* the RNN's activation */
	size_t input;		/* I */
	size_t hidden;		/* H */
};

/* Floats in the parameter array of a network of dims d (seqtrain.h's
 * layout, head included). */
size_t seqinside_param_count(const struct seqinside_dims *d);

/* The same network with its cell's parameters (the kernels' layout,
 * G H (I + H + 2) floats) and its head (H weights, one bias) apart, for
 * another owner of such a network (sentiment's, whose inputs are word
 * embeddings): y for x, keep and write as below, and dx (T x I: dy/dx_t
 * for every step and input) when not NULL. */
double seqinside_xgrad(double *dx, double *keep, double *write,
    const float *cell, const float *head_w, const float *head_b,
    const struct seqinside_dims *d, const double *x, size_t steps);
/* out[t] = the Euclidean length of row t of v (steps rows of n). */
void seqinside_norms(double *out, const double *v, size_t steps, size_t n);
/* The prediction y for x (T x I, row t-1 is x_t) under param
 * (seqinside_param_count(d) floats); keep, write and saliency (T doubles
 * each) filled as above when not NULL. steps may be 0 (y is the head's
 * bias alone). */
double seqinside_run(double *keep, double *write, double *saliency,
    const float *param, const struct seqinside_dims *d, const double *x,
    size_t steps);

#endif

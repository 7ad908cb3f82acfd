/* act: the activation functions of the recurrent cells.
 *
 * tanh is the RNN's squashing function and half of the LSTM's; it runs H
 * times per step, so it is computed here without libm: Cephes' rational
 * form near 0 and 1 - 2 / (exp(2|x|) + 1) elsewhere, with an exp after
 * fdlibm's (range reduction by ln 2, a degree-5 polynomial), in IEEE
 * arithmetic alone. That makes it the same bits on every libc, within 2 ulp
 * of the true value, and fast: act_tanh_array does four at a time where the
 * processor allows (the lanes do exactly what act_tanh does, so both give
 * the same bits).
 *
 * Pure functions; nothing allocates. */
#ifndef RNNTUTOR_NN_ACT_H
#define RNNTUTOR_NN_ACT_H

#include <stddef.h>

/* tanh(x); tanh(-0) = -0, tanh(+-inf) = +-1, NaN stays NaN. */
double act_tanh(double x);
/* y[i] = act_tanh(x[i]) for i < n; y may be x. */
void act_tanh_array(double *y, const double *x, size_t n);
/* The logistic sigmoid 1 / (1 + exp(-x)), as PyTorch computes it. */
double act_sigmoid(double x);

#endif

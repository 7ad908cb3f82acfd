/* cell_scalar: one unit of the LSTM and GRU cells in single precision,
 * forward and backward (nn/lstm.h's and nn/gru.h's equations), for the
 * batched float kernels of the sequence trainer (nn/seqtrain_kernel.c) and
 * of the sentiment pipeline (sentiment/kernel.c). Their vector code
 * (nn/cell_simd.h) does in each lane exactly what these do, operation for
 * operation, and these handle the units past the last whole vector, so
 * every vector width gives the same bits. Nothing here allocates. */
#ifndef RNNTUTOR_NN_CELL_SCALAR_H
#define RNNTUTOR_NN_CELL_SCALAR_H

#include <stddef.h>

#include "nn/sgemm_scalar.h"

/* Unit j of an LSTM step (lstm.h's equations). */
NN_INLINE void
lstm_cell_scalar(float *z, const float *cprev, float *c, float *tc, float *h,
    size_t nh, size_t j)
{
	float i = nn_ssigmoid(z[j]), f = nn_ssigmoid(z[nh + j]),
	    g = nn_stanh(z[2 * nh + j]), o = nn_ssigmoid(z[3 * nh + j]);
	float cp = cprev != NULL ? cprev[j] : 0.0f;
	float cv = f * cp + i * g, t = nn_stanh(cv);

	z[j] = i;
	z[nh + j] = f;
	z[2 * nh + j] = g;
	z[3 * nh + j] = o;
	c[j] = cv;
	tc[j] = t;
	h[j] = o * t;
}

/* Unit j of an LSTM row's gradient; gc carries gc_{t+1} f_{t+1} in and
 * gc_t f_t out. */
NN_INLINE void
lstm_grad_scalar(float *dz, float *gc, const float *gh, const float *z,
    const float *tc, const float *cprev, size_t nh, size_t j)
{
	float i = z[j], f = z[nh + j], g = z[2 * nh + j], o = z[3 * nh + j],
	    t = tc[j], h = gh[j];
	float cp = cprev != NULL ? cprev[j] : 0.0f;
	float cg = h * o * (1.0f - t * t) + gc[j];

	dz[j] = cg * g * i * (1.0f - i);
	dz[nh + j] = cg * cp * f * (1.0f - f);
	dz[2 * nh + j] = cg * i * (1.0f - g * g);
	dz[3 * nh + j] = h * t * o * (1.0f - o);
	gc[j] = cg * f;
}

/* Unit j of a GRU step: zx holds W_i x + b_i (r, z, n blocks) and gets the
 * gates r, z, n; zh holds W_h h_{t-1} + b_h; h = n + z (h_{t-1} - n), which
 * is (1 - z) n + z h_{t-1}. */
NN_INLINE void
gru_cell_scalar(float *zx, const float *zh, const float *hprev, float *h,
    size_t nh, size_t j)
{
	float r = nn_ssigmoid(zx[j] + zh[j]);
	float u = nn_ssigmoid(zx[nh + j] + zh[nh + j]);
	float nv = nn_stanh(zx[2 * nh + j] + r * zh[2 * nh + j]);

	zx[j] = r;
	zx[nh + j] = u;
	zx[2 * nh + j] = nv;
	h[j] = nv + u * (hprev[j] - nv);
}

/* Unit j of a GRU row's gradient from gh = dL/dh_t: dzx (input side) and
 * dzh (W_hh side, the n block times r) and gskip = z gh, the direct path
 * to h_{t-1}. */
NN_INLINE void
gru_grad_scalar(float *dzx, float *dzh, float *gskip, const float *gh,
    const float *zx, const float *zh, const float *hprev, size_t nh,
    size_t j)
{
	float r = zx[j], u = zx[nh + j], nv = zx[2 * nh + j], g = gh[j];
	float dan = g * (1.0f - u) * (1.0f - nv * nv);
	float dau = g * (hprev[j] - nv) * u * (1.0f - u);
	float dar = dan * zh[2 * nh + j] * r * (1.0f - r);

	dzx[j] = dar;
	dzx[nh + j] = dau;
	dzx[2 * nh + j] = dan;
	dzh[j] = dar;
	dzh[nh + j] = dau;
	dzh[2 * nh + j] = dan * r;
	gskip[j] = g * u;
}

#endif

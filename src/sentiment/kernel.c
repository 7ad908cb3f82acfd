/* sentiment_kernel: batched single-precision LSTM, GRU and RNN kernels for
 * training the sentiment model fast, checked against lstm.c, gru.c and
 * rnn.c.
 *
 * Speed comes from three things: a mini-batch is packed step by step (all
 * sentences' step t together, sentiment_int.h), so each step is one small
 * matrix product instead of B matrix-vector products; the input projection
 * W_ih x_t and every weight gradient are one large product over all N words
 * of the batch; and the products and the gate arithmetic run on vectors of
 * floats (GCC's and Clang's vector extension) as wide as the processor
 * has: kernel_simd.h, on the shared pieces of nn/sgemm_simd.h, is compiled
 * for 16-byte vectors (every x86-64 has SSE2, every ARM64 NEON) and, on x86,
 * for 32-byte vectors under an AVX2 target, chosen at run time by
 * nn/sgemm.h's nn_isa().
 *
 * Every float result is the same bits whatever the vector width: each
 * output's sum runs over its terms in a fixed order, vector lanes never
 * exchange values, the transcendental functions are our own polynomials,
 * and no multiply-add is fused (ISO C mode: GCC contracts nothing; AVX2
 * without the FMA extension has no fused instruction to contract into).
 * Nothing here allocates. */
#include "config.h"

#include <math.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "nn/sgemm.h"
#include "nn/sgemm_scalar.h"
#include "sentiment/sentiment_int.h"

#define INLINE NN_INLINE

/* sexp() for the tests. */
float
sentiment_expf(float x)
{
	return nn_expf(x);
}

/* One unit j of an LSTM step (the vector code's tail). */
INLINE void
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

/* One unit j of an LSTM row's gradient (the vector code's tail). */
INLINE void
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

/* One unit j of a GRU step (the vector code's tail): zx holds b_ih + W_ih x
 * and gets r, z, n; zh holds b_hh + W_hh h_{t-1}; h = n + z (hprev - n),
 * PyTorch's form of (1 - z) n + z hprev. */
INLINE void
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

/* One unit j of a GRU row's gradient (the vector code's tail), from
 * gh = dL/dh_t: dzx = dL/d(b_ih + W_ih x), dzh = dL/d(b_hh + W_hh h_{t-1})
 * (its n block times r), gskip = z gh, the direct path to h_{t-1}. */
INLINE void
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

/* Rows ending at step t start their gradient from dhlast. */
static void
start_rows(float *gh, float *gc, const float *dhlast, size_t from, size_t to,
    size_t nh)
{
	if (to > from) {
		memcpy(gh + from * nh, dhlast + from * nh,
		    (to - from) * nh * sizeof *gh);
		memset(gc + from * nh, 0, (to - from) * nh * sizeof *gc);
	}
}

/* The 16-byte kernels: every processor. */
#define VBYTES 16
#define SIMD_NAME(x) x##_16
#include "sentiment/kernel_simd.h"
#undef VBYTES
#undef SIMD_NAME

#if defined(NN_HAVE_AVX2_KERNELS)
/* The 32-byte kernels, every function compiled for AVX2 (without FMA). */
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), \
    apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
#define VBYTES 32
#define SIMD_NAME(x) x##_32
#include "sentiment/kernel_simd.h"
#undef VBYTES
#undef SIMD_NAME
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

/* Which kernels run (nn_isa()). */
enum sentiment_isa
sentiment_kernel_isa(void)
{
	return nn_isa() != NN_ISA_GENERIC ? SENTIMENT_ISA_AVX2 :
	    SENTIMENT_ISA_GENERIC;
}

/* Force the generic kernels, or go back to the best; returns the old. */
enum sentiment_isa
sentiment_kernel_isa_set(enum sentiment_isa want)
{
	return nn_isa_set(want == SENTIMENT_ISA_GENERIC ? NN_ISA_GENERIC :
	    NN_ISA_AVX512) != NN_ISA_GENERIC ? SENTIMENT_ISA_AVX2 :
	    SENTIMENT_ISA_GENERIC;
}

/* The forward pass of the kernels in use. */
void
sentiment_kernel_forward(struct sentiment_cache *cache,
    const struct sentiment_net *net, const float *wt_ih, const float *wt_hh,
    const struct sentiment_pack *pk, const struct sentiment_dims *d)
{
#if defined(NN_HAVE_AVX2_KERNELS)
	if (nn_isa() != NN_ISA_GENERIC) {
		forward_32(cache, net, wt_ih, wt_hh, pk, d);
		return;
	}
#endif
	forward_16(cache, net, wt_ih, wt_hh, pk, d);
}

/* The backward pass of the kernels in use. */
void
sentiment_kernel_backward(float *dx, struct sentiment_net *grad,
    float *dz, float *dzh, float *gh, float *gc, const float *dhlast,
    const struct sentiment_cache *cache, const struct sentiment_net *net,
    const struct sentiment_pack *pk, const struct sentiment_dims *d)
{
#if defined(NN_HAVE_AVX2_KERNELS)
	if (nn_isa() != NN_ISA_GENERIC) {
		backward_32(dx, grad, dz, dzh, gh, gc, dhlast, cache, net, pk, d);
		return;
	}
#endif
	backward_16(dx, grad, dz, dzh, gh, gc, dhlast, cache, net, pk, d);
}

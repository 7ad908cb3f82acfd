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
#include "nn/cell_scalar.h"
#include "nn/sgemm_scalar.h"
#include "sentiment/sentiment_int.h"

#define INLINE NN_INLINE

/* sexp() for the tests. */
float
sentiment_expf(float x)
{
	return nn_expf(x);
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

/* seqtrain_kernel: the sequence trainer's batched float kernels, forward and
 * backward through time for the rnn, lstm and gru cells (seqtrain_int.h).
 *
 * The batch moves step by step: each step is one small matrix product
 * (n sequences' x_t W_ih^T + h_{t-1} W_hh^T, with the biases, in one
 * pass) and the cell arithmetic on vectors; the weight gradients are large
 * products over many rows. Every kernel works on a range of rows (a row is one sequence
 * at one step), so that the trainer can cut an update into small units:
 * rows are independent in the forward pass and in the backward step, and
 * the weight gradients add their rows in order, so any cut gives the same
 * bits. The vector code (seqtrain_simd.h, on
 * nn/sgemm_simd.h's pieces) is compiled for 16-byte vectors and, on x86,
 * for 32-byte AVX2 and 64-byte AVX-512 vectors, chosen by nn_isa(); the scalar helpers below
 * handle the units past the last whole vector with the same operations,
 * so every width gives the same bits. Nothing here allocates. */
#include "config.h"

#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "nn/seqtrain_int.h"
#include "nn/sgemm.h"
#include "nn/cell_scalar.h"
#include "nn/sgemm_scalar.h"

/* relu as torch computes it: NaN stays NaN. */
NN_INLINE float
srelu(float x)
{
	return x < 0.0f ? 0.0f : x;
}

/* Unit j of an rnn row: h = act(z), into z and out. */
NN_INLINE void
rnn_cell_scalar(float *z, float *out, size_t j, int relu)
{
	float h = relu ? srelu(z[j]) : nn_stanh(z[j]);

	z[j] = h;
	out[j] = h;
}

/* Unit j of an rnn row's gradient: da = gh act'(a), from h = act(a). */
NN_INLINE void
rnn_grad_scalar(float *da, const float *gh, const float *h, size_t j,
    int relu)
{
	if (relu)
		da[j] = gh[j] * (h[j] > 0.0f ? 1.0f : 0.0f);
	else
		da[j] = gh[j] * (1.0f - h[j] * h[j]);
}

/* ||A|| of n floats, summed in double in order. */
static double
norm_of(const float *a, size_t n)
{
	double s = 0.0;

	for (size_t i = 0; i < n; i++)
		s += (double)a[i] * (double)a[i];
	return sqrt(s);
}

/* The 16-byte kernels: every processor. */
#define VBYTES 16
#define SIMD_NAME(x) x##_16
#include "nn/seqtrain_simd.h"
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
#include "nn/seqtrain_simd.h"
#undef VBYTES
#undef SIMD_NAME
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

/* The 64-byte kernels, every function compiled for AVX-512F (no FMA). */
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f"))), \
    apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f")
#endif
#define VBYTES 64
#define SIMD_NAME(x) x##_64
#include "nn/seqtrain_simd.h"
#undef VBYTES
#undef SIMD_NAME
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

/* See seqtrain_int.h. */
void
seqtrain_kernel_forward(struct seqtrain_cache *c,
    const struct seqtrain_net *net, const struct seqtrain_dims *d,
    const float *x, size_t n, size_t q0, size_t q1)
{
#if defined(NN_HAVE_AVX2_KERNELS)
	if (nn_isa() == NN_ISA_AVX512) {
		forward_64(c, net, d, x, n, q0, q1);
		return;
	}
	if (nn_isa() == NN_ISA_AVX2) {
		forward_32(c, net, d, x, n, q0, q1);
		return;
	}
#endif
	forward_16(c, net, d, x, n, q0, q1);
}

/* See seqtrain_int.h. */
void
seqtrain_kernel_backward(double *reach, struct seqtrain_cache *c,
    const struct seqtrain_net *net, const struct seqtrain_dims *d, size_t n,
    size_t start, size_t q0, size_t q1)
{
#if defined(NN_HAVE_AVX2_KERNELS)
	if (nn_isa() == NN_ISA_AVX512) {
		backward_64(reach, c, net, d, n, start, q0, q1);
		return;
	}
	if (nn_isa() == NN_ISA_AVX2) {
		backward_32(reach, c, net, d, n, start, q0, q1);
		return;
	}
#endif
	backward_16(reach, c, net, d, n, start, q0, q1);
}

/* See seqtrain_int.h. */
void
seqtrain_kernel_weights(struct seqtrain_net *grad, struct seqtrain_cache *c,
    const struct seqtrain_dims *d, size_t n, size_t start, size_t q0,
    size_t q1)
{
#if defined(NN_HAVE_AVX2_KERNELS)
	if (nn_isa() == NN_ISA_AVX512) {
		weights_64(grad, c, d, n, start, q0, q1);
		return;
	}
	if (nn_isa() == NN_ISA_AVX2) {
		weights_32(grad, c, d, n, start, q0, q1);
		return;
	}
#endif
	weights_16(grad, c, d, n, start, q0, q1);
}

/* sentiment_kernel: batched single-precision LSTM and RNN kernels for
 * training the sentiment model fast, checked against lstm.c and rnn.c.
 *
 * Speed comes from three things: a mini-batch is packed step by step (all
 * sentences' step t together, sentiment_int.h), so each step is one small
 * matrix product instead of B matrix-vector products; the input projection
 * W_ih x_t and every weight gradient are one large product over all N words
 * of the batch; and the products and the gate arithmetic run on vectors of
 * floats (GCC's and Clang's vector extension) as wide as the processor
 * has: sentiment_kernel_simd.h is compiled for 16-byte vectors (every x86-64
 * has SSE2, every ARM64 NEON) and, on x86, for 32-byte vectors under an AVX2
 * target, chosen at run time. A 32-byte vector on a processor without AVX2
 * (or a 64-byte one without AVX-512) would be split by the compiler and run
 * several times slower, which is why the width is not simply the widest.
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

#include "sentiment/sentiment_int.h"

#if !defined(__GNUC__)
#error "kernel.c needs the vector extension of GCC or Clang"
#endif

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits everywhere */
#endif

#if (defined(__x86_64__) || defined(__i386__)) && \
    !defined(SENTIMENT_NO_AVX2)
#define HAVE_AVX2_KERNELS 1
#endif

#define INLINE static inline __attribute__((always_inline))

/* expf: x = k ln2 + r, |r| <= ln2/2, e^x = 2^k e^r (Cody and Waite's split
 * of ln2; e^r from Cephes' degree-6 polynomial). */
#define EXP_LO		-87.0f
#define EXP_HI		88.0f
#define LOG2E		1.44269504088896341f
#define ROUNDER		12582912.0f		/* 1.5 * 2^23 */
#define ROUNDER_BITS	0x4B400000
#define LN2_HI		0.693359375f
#define LN2_LO		-2.12194440e-4f
#define P0		1.9875691500e-4f
#define P1		1.3981999507e-3f
#define P2		8.3334519073e-3f
#define P3		4.1665795894e-2f
#define P4		1.6666665459e-1f
#define P5		5.0000001201e-1f

/* Bits of a float and back. */
INLINE uint32_t
f2u(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof u);
	return u;
}

/* The float with bits u. */
INLINE float
u2f(uint32_t u)
{
	float x;

	memcpy(&x, &u, sizeof x);
	return x;
}

/* e^x, the scalar twin of vexp() operation for operation. */
INLINE float
sexp(float x)
{
	float t, kf, r, p;
	int32_t k;

	x = x < EXP_LO ? EXP_LO : x;
	x = x > EXP_HI ? EXP_HI : x;
	t = x * LOG2E + ROUNDER;	/* round(x log2 e) in the low bits */
	kf = t - ROUNDER;
	k = (int32_t)(f2u(t) - ROUNDER_BITS);
	r = x - kf * LN2_HI;
	r = r - kf * LN2_LO;
	p = P0 * r + P1;
	p = p * r + P2;
	p = p * r + P3;
	p = p * r + P4;
	p = p * r + P5;
	p = p * (r * r) + r + 1.0f;
	return p * u2f((uint32_t)(k + 127) << 23);
}

/* 1 / (1 + e^-x) */
INLINE float
ssigmoid(float x)
{
	return 1.0f / (1.0f + sexp(-x));
}

/* tanh x = sign(x) (1 - e^-2|x|) / (1 + e^-2|x|): no overflow anywhere. */
INLINE float
stanh(float x)
{
	uint32_t sign = f2u(x) & 0x80000000u;
	float t = sexp(-2.0f * u2f(f2u(x) & 0x7FFFFFFFu));

	return u2f(f2u((1.0f - t) / (1.0f + t)) | sign);
}

/* sexp() for the tests. */
float
sentiment_expf(float x)
{
	return sexp(x);
}

/* One unit j of an LSTM step (the vector code's tail). */
INLINE void
lstm_cell_scalar(float *z, const float *cprev, float *c, float *tc, float *h,
    size_t nh, size_t j)
{
	float i = ssigmoid(z[j]), f = ssigmoid(z[nh + j]),
	    g = stanh(z[2 * nh + j]), o = ssigmoid(z[3 * nh + j]);
	float cp = cprev != NULL ? cprev[j] : 0.0f;
	float cv = f * cp + i * g, t = stanh(cv);

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

/* Element k of torch.optim.Adam's update, in its order of operations. */
INLINE void
adam_scalar(float *p, float *m, float *v, const float *g, size_t k, float b1,
    float b2, float eps, float step_size, float c2_sqrt)
{
	float mk = m[k] * b1 + g[k] * (1.0f - b1);
	float vk = v[k] * b2 + (g[k] * g[k]) * (1.0f - b2);
	float denom = sqrtf(vk) / c2_sqrt + eps;

	m[k] = mk;
	v[k] = vk;
	p[k] += -step_size * (mk / denom);
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

#if defined(HAVE_AVX2_KERNELS)
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

/* The kernels in use: -1 until the first call looks at the processor. */
static int isa = -1;

/* The best the processor allows, unless the tests asked for less. */
static enum sentiment_isa
current_isa(void)
{
	if (isa < 0) {
		isa = SENTIMENT_ISA_GENERIC;
#if defined(HAVE_AVX2_KERNELS)
		__builtin_cpu_init();
		if (__builtin_cpu_supports("avx2"))
			isa = SENTIMENT_ISA_AVX2;
#endif
	}
	return (enum sentiment_isa)isa;
}

/* Which kernels run. */
enum sentiment_isa
sentiment_kernel_isa(void)
{
	return current_isa();
}

/* Force the generic kernels, or go back to the best; returns the old. */
enum sentiment_isa
sentiment_kernel_isa_set(enum sentiment_isa want)
{
	enum sentiment_isa old = current_isa();

	isa = -1;
	if (want == SENTIMENT_ISA_GENERIC || current_isa() !=
	    SENTIMENT_ISA_AVX2)
		isa = SENTIMENT_ISA_GENERIC;
	return old;
}

/* C += A B (A row-major). */
void
sentiment_gemm_nn(float *c, size_t ldc, const float *a, size_t lda,
    const float *b, size_t ldb, size_t m, size_t k, size_t n)
{
#if defined(HAVE_AVX2_KERNELS)
	if (current_isa() == SENTIMENT_ISA_AVX2) {
		gemm_32(c, ldc, a, lda, 1, b, ldb, m, k, n);
		return;
	}
#endif
	gemm_16(c, ldc, a, lda, 1, b, ldb, m, k, n);
}

/* C += A^T B (A row-major, k x m): A's entry (i, p) is a[p * lda + i]. */
void
sentiment_gemm_tn(float *c, size_t ldc, const float *a, size_t lda,
    const float *b, size_t ldb, size_t k, size_t m, size_t n)
{
#if defined(HAVE_AVX2_KERNELS)
	if (current_isa() == SENTIMENT_ISA_AVX2) {
		gemm_32(c, ldc, a, 1, lda, b, ldb, m, k, n);
		return;
	}
#endif
	gemm_16(c, ldc, a, 1, lda, b, ldb, m, k, n);
}

/* The forward pass of the kernels in use. */
void
sentiment_kernel_forward(struct sentiment_cache *cache,
    const struct sentiment_net *net, const float *wt_ih, const float *wt_hh,
    const struct sentiment_pack *pk, const struct sentiment_dims *d)
{
#if defined(HAVE_AVX2_KERNELS)
	if (current_isa() == SENTIMENT_ISA_AVX2) {
		forward_32(cache, net, wt_ih, wt_hh, pk, d);
		return;
	}
#endif
	forward_16(cache, net, wt_ih, wt_hh, pk, d);
}

/* The backward pass of the kernels in use. */
void
sentiment_kernel_backward(float *dx, struct sentiment_net *grad,
    float *dz, float *gh, float *gc, const float *dhlast,
    const struct sentiment_cache *cache, const struct sentiment_net *net,
    const struct sentiment_pack *pk, const struct sentiment_dims *d)
{
#if defined(HAVE_AVX2_KERNELS)
	if (current_isa() == SENTIMENT_ISA_AVX2) {
		backward_32(dx, grad, dz, gh, gc, dhlast, cache, net, pk, d);
		return;
	}
#endif
	backward_16(dx, grad, dz, gh, gc, dhlast, cache, net, pk, d);
}

/* AT[j][i] = A[i][j] */
void
sentiment_transpose(float *at, const float *a, size_t m, size_t n)
{
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			at[j * m + i] = a[i * n + j];
}

/* torch.optim.Adam's update with the kernels in use. */
void
sentiment_adam(float *p, float *m, float *v, const float *g, size_t n,
    float b1, float b2, float eps, float step_size, float c2_sqrt)
{
#if defined(HAVE_AVX2_KERNELS)
	if (current_isa() == SENTIMENT_ISA_AVX2) {
		adam_32(p, m, v, g, n, b1, b2, eps, step_size, c2_sqrt);
		return;
	}
#endif
	adam_16(p, m, v, g, n, b1, b2, eps, step_size, c2_sqrt);
}

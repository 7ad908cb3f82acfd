/* sgemm_scalar: the scalar half of the float kernels, shared by every file
 * that includes nn/sgemm_simd.h (nn/sgemm.c, the sentiment kernels, the
 * sequence trainer's kernels).
 *
 * Internal to the float kernels: static inline functions, so each including
 * file gets its own copy. The vector code of nn/sgemm_simd.h does lane by
 * lane exactly what these do, operation for operation, so the scalar tails
 * and every vector width give the same bits: the transcendental functions
 * are our own polynomials and no multiply-add is fused (ISO C mode: GCC
 * contracts nothing; AVX2 without the FMA extension has no fused
 * instruction to contract into). */
#ifndef RNNTUTOR_NN_SGEMM_SCALAR_H
#define RNNTUTOR_NN_SGEMM_SCALAR_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#if !defined(__GNUC__)
#error "the float kernels need the vector extension of GCC or Clang"
#endif

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits everywhere */
#endif

#if (defined(__x86_64__) || defined(__i386__)) && \
    !defined(SENTIMENT_NO_AVX2) && !defined(NN_NO_AVX2)
#define NN_HAVE_AVX2_KERNELS 1
#endif

#define NN_INLINE static inline __attribute__((always_inline))

/* Terms of a matrix product's sum taken per pass over C (sgemm_simd.h):
 * 64 rows of a 128-float A^T and a 32-float B fit L1 together. */
#define GEMM_PANEL 64

/* expf: x = k ln2 + r, |r| <= ln2/2, e^x = 2^k e^r (Cody and Waite's split
 * of ln2; e^r from Cephes' degree-6 polynomial). */
#define NN_EXP_LO		-87.0f
#define NN_EXP_HI		88.0f
#define NN_LOG2E		1.44269504088896341f
#define NN_ROUNDER		12582912.0f		/* 1.5 * 2^23 */
#define NN_ROUNDER_BITS		0x4B400000
#define NN_LN2_HI		0.693359375f
#define NN_LN2_LO		-2.12194440e-4f
#define NN_P0			1.9875691500e-4f
#define NN_P1			1.3981999507e-3f
#define NN_P2			8.3334519073e-3f
#define NN_P3			4.1665795894e-2f
#define NN_P4			1.6666665459e-1f
#define NN_P5			5.0000001201e-1f

/* Bits of a float and back. */
NN_INLINE uint32_t
nn_f2u(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof u);
	return u;
}

/* The float with bits u. */
NN_INLINE float
nn_u2f(uint32_t u)
{
	float x;

	memcpy(&x, &u, sizeof x);
	return x;
}

/* e^x, the scalar twin of vexp() operation for operation. */
NN_INLINE float
nn_sexp(float x)
{
	float t, kf, r, p;
	int32_t k;

	x = x < NN_EXP_LO ? NN_EXP_LO : x;
	x = x > NN_EXP_HI ? NN_EXP_HI : x;
	t = x * NN_LOG2E + NN_ROUNDER;	/* round(x log2 e) in the low bits */
	kf = t - NN_ROUNDER;
	k = (int32_t)(nn_f2u(t) - NN_ROUNDER_BITS);
	r = x - kf * NN_LN2_HI;
	r = r - kf * NN_LN2_LO;
	p = NN_P0 * r + NN_P1;
	p = p * r + NN_P2;
	p = p * r + NN_P3;
	p = p * r + NN_P4;
	p = p * r + NN_P5;
	p = p * (r * r) + r + 1.0f;
	return p * nn_u2f((uint32_t)(k + 127) << 23);
}

/* 1 / (1 + e^-x) */
NN_INLINE float
nn_ssigmoid(float x)
{
	return 1.0f / (1.0f + nn_sexp(-x));
}

/* tanh x = sign(x) (1 - e^-2|x|) / (1 + e^-2|x|): no overflow anywhere. */
NN_INLINE float
nn_stanh(float x)
{
	uint32_t sign = nn_f2u(x) & 0x80000000u;
	float t = nn_sexp(-2.0f * nn_u2f(nn_f2u(x) & 0x7FFFFFFFu));

	return nn_u2f(nn_f2u((1.0f - t) / (1.0f + t)) | sign);
}

/* Element k of torch.optim.Adam's update, in its order of operations. */
NN_INLINE void
nn_adam_scalar(float *p, float *m, float *v, const float *g, size_t k,
    float b1, float b2, float eps, float step_size, float c2_sqrt)
{
	float mk = m[k] * b1 + g[k] * (1.0f - b1);
	float vk = v[k] * b2 + (g[k] * g[k]) * (1.0f - b2);
	float denom = sqrtf(vk) / c2_sqrt + eps;

	m[k] = mk;
	v[k] = vk;
	p[k] += -step_size * (mk / denom);
}

#endif

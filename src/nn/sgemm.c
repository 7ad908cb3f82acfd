/* sgemm: the float kernels of sgemm.h, and the run-time choice of vector
 * width that every float kernel (sentiment, seqtrain) follows. */
#include "config.h"

#include "nn/sgemm.h"

#include "nn/sgemm_scalar.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

/* The 16-byte kernels: every processor. */
#define VBYTES 16
#define SIMD_NAME(x) x##_16
#include "nn/sgemm_simd.h"
#define NN_SGEMM_SIMD_UNDEF
#include "nn/sgemm_simd.h"
#undef NN_SGEMM_SIMD_UNDEF
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
#include "nn/sgemm_simd.h"
#define NN_SGEMM_SIMD_UNDEF
#include "nn/sgemm_simd.h"
#undef NN_SGEMM_SIMD_UNDEF
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
#include "nn/sgemm_simd.h"
#define NN_SGEMM_SIMD_UNDEF
#include "nn/sgemm_simd.h"
#undef NN_SGEMM_SIMD_UNDEF
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

/* See sgemm.h. */
enum nn_isa
nn_isa(void)
{
	if (isa < 0) {
		isa = NN_ISA_GENERIC;
#if defined(NN_HAVE_AVX2_KERNELS)
		__builtin_cpu_init();
		if (__builtin_cpu_supports("avx2"))
			isa = NN_ISA_AVX2;
		if (__builtin_cpu_supports("avx512f"))
			isa = NN_ISA_AVX512;
#endif
	}
	return (enum nn_isa)isa;
}

/* See sgemm.h. */
enum nn_isa
nn_isa_set(enum nn_isa want)
{
	enum nn_isa old = nn_isa();

	isa = -1;
	if (want < nn_isa())
		isa = want;
	return old;
}

/* See sgemm.h. */
void
nn_stranspose(float *at, const float *a, size_t m, size_t n)
{
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			at[j * m + i] = a[i * n + j];
}

/* See sgemm.h: the scalar twin of the vector code's e^x. */
float
nn_expf(float x)
{
	return nn_sexp(x);
}

/* See sgemm.h. */
void
nn_sadam(float *p, float *m, float *v, const float *g, size_t n, float b1,
    float b2, float eps, float step_size, float c2_sqrt)
{
#if defined(NN_HAVE_AVX2_KERNELS)
	if (nn_isa() == NN_ISA_AVX512) {
		adam_64(p, m, v, g, n, b1, b2, eps, step_size, c2_sqrt);
		return;
	}
	if (nn_isa() == NN_ISA_AVX2) {
		adam_32(p, m, v, g, n, b1, b2, eps, step_size, c2_sqrt);
		return;
	}
#endif
	adam_16(p, m, v, g, n, b1, b2, eps, step_size, c2_sqrt);
}

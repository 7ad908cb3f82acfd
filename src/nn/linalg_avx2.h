/* linalg_avx2: the hot kernels of linalg.c compiled for AVX2.
 *
 * x86 processors since 2013 have 256-bit registers; a default build cannot
 * assume them, so these copies are compiled for AVX2 (function by function,
 * with GCC's and Clang's target attribute) and linalg.c calls them when the
 * processor has AVX2. They do exactly the arithmetic of the generic kernels,
 * lane for lane and in the same order, only four doubles at a time and with
 * more sums in flight, so the results are the same bits
 * (tests/test_linalg.c checks this). Internal to src/sim: call the linalg_
 * functions, which choose. */
#ifndef RNNTUTOR_NN_LINALG_AVX2_H
#define RNNTUTOR_NN_LINALG_AVX2_H

#include <stddef.h>

/* The scalar rest of linalg_gemm_tn_acc (in linalg.c): rows [r0, r1),
 * columns [j0, j1); both the generic and the AVX2 kernel finish with it. */
void linalg_gemm_tn_block(double *c, const double *a, const double *b,
    size_t k, size_t m, size_t n, size_t r0, size_t r1, size_t j0, size_t j1);

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define LINALG_HAVE_AVX2 1

/* As linalg_matvec_acc, linalg_matvec_t_add and linalg_gemm_tn_acc; only
 * for a processor with AVX2. */
void linalg_avx2_matvec_acc(double *y, const double *a, const double *x,
    size_t m, size_t n);
void linalg_avx2_matvec_t_add(double *y, const double *b, const double *a,
    const double *x, size_t m, size_t n);
void linalg_avx2_gemm_tn_acc(double *c, const double *a, const double *b,
    size_t k, size_t m, size_t n);
#endif

#endif

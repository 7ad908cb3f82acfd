/* linalg: small dense linear algebra in double precision.
 *
 * Matrices are row-major: A (m x n) holds A[i][j] at a[i*n + j]. Vectors are
 * plain arrays. Outputs come first, then inputs, then sizes. Nothing here
 * allocates: functions that need scratch space take a caller-owned work
 * array whose size the comment gives. Unless a comment says otherwise an
 * output must not overlap an input.
 *
 * Every sum is taken in an order fixed by the code and stated below (for
 * dot products: four partial sums s_k over j = k mod 4, then
 * (s0 + s2) + (s1 + s3), then the leftovers in order), so results are the
 * same bits on every platform that does IEEE double arithmetic without
 * fused multiply-add: scalar, SSE2 or AVX2 (see linalg_simd). */
#ifndef RNNTUTOR_NN_LINALG_H
#define RNNTUTOR_NN_LINALG_H

#include <stddef.h>

/* sum_i x[i] * y[i] */
double linalg_dot(const double *x, const double *y, size_t n);
/* ||x||_2, without overflow or underflow in the squares. */
double linalg_norm2(const double *x, size_t n);
/* sum_i x[i]^2 (may overflow to inf; use linalg_norm2 for a norm). */
double linalg_sumsq(const double *x, size_t n);
/* max_i |x[i]| (NaN entries are skipped; 0 for n = 0). */
double linalg_max_abs(const double *x, size_t n);
/* Does x hold a NaN or an infinity? */
int linalg_has_nonfinite(const double *x, size_t n);

/* y += a * x */
void linalg_axpy(double *y, double a, const double *x, size_t n);
/* x *= a */
void linalg_scale(double *x, double a, size_t n);
/* x[i] = 0 */
void linalg_zero(double *x, size_t n);
/* y = x */
void linalg_copy(double *y, const double *x, size_t n);

/* y = A x        A: m x n, x: n, y: m; each y[i] summed as linalg_dot */
void linalg_matvec(double *y, const double *a, const double *x, size_t m,
    size_t n);
/* y += A x       A: m x n, x: n, y: m; each row summed as linalg_dot */
void linalg_matvec_acc(double *y, const double *a, const double *x, size_t m,
    size_t n);
/* y += A^T x     A: m x n, x: m, y: n; y[j] is summed over i in order */
void linalg_matvec_t_acc(double *y, const double *a, const double *x,
    size_t m, size_t n);
/* y = b + A^T x  as linalg_matvec_t_acc, starting from b (NULL: zeros; b
 * may be y) */
void linalg_matvec_t_add(double *y, const double *b, const double *a,
    const double *x, size_t m, size_t n);
/* A += x y^T     A: m x n, x: m, y: n */
void linalg_outer_acc(double *a, const double *x, const double *y, size_t m,
    size_t n);
/* C += A^T B     A: k x m, B: k x n, C: m x n; each entry's sum runs over
 * the k rows in order */
void linalg_gemm_tn_acc(double *c, const double *a, const double *b, size_t k,
    size_t m, size_t n);
/* y += sum of the k rows of A (k x n), in order */
void linalg_colsum_acc(double *y, const double *a, size_t k, size_t n);
/* AT = A^T       A: m x n, AT: n x m */
void linalg_transpose(double *at, const double *a, size_t m, size_t n);
/* C = A B        A: m x k, B: k x n, C: m x n */
void linalg_matmul(double *c, const double *a, const double *b, size_t m,
    size_t k, size_t n);
/* A = scale * I  (n x n) */
void linalg_identity(double *a, double scale, size_t n);

/* Use the AVX2 copies of the hot kernels (on, where the processor has
 * AVX2; the default) or the generic ones (off). Both give the same bits;
 * this is for tests and benchmarks. Returns 1 if AVX2 is now in use. */
int linalg_simd(int on);
/* 1 if the AVX2 kernels are in use. */
int linalg_avx2(void);

/* Q (n x n) = the rows of A orthonormalised in order, as Gram-Schmidt would
 * give them (row i of Q is the unit vector along the part of row i of A
 * orthogonal to rows 0..i-1), computed stably by Householder reflections.
 * A rank-deficient A still gives an orthogonal Q. For A with independent
 * N(0, 1) entries Q is uniformly (Haar) distributed over the orthogonal
 * group. A is overwritten; work holds 2n doubles. */
void linalg_orthonormalize_rows(double *q, double *a, double *work,
    size_t n);

/* The largest singular value of A (m x n), by power iteration on A^T A from
 * a fixed start vector, until the estimate changes by less than 1e-14
 * relative or after max_iter iterations. work holds m + n doubles. */
double linalg_sigma_max(const double *a, double *work, size_t m, size_t n,
    size_t max_iter);

#endif

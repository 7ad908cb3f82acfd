/* Tests of sim/linalg: the unrolled kernels against plain loops for every
 * small size (so every leftover path runs), orthonormalisation, the largest
 * singular value, norms that do not overflow, tanh and sigmoid. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn/linalg.h"
#include "nn/rng.h"
#include "tests.h"

/* Largest |a[k] - b[k]| relative to max(1, |b[k]|). */
static double
max_rel_diff(const double *a, const double *b, size_t n)
{
	double worst = 0.0;

	for (size_t k = 0; k < n; k++) {
		double d = fabs(a[k] - b[k]) / fmax(1.0, fabs(b[k]));

		if (d > worst)
			worst = d;
	}
	return worst;
}

#define KMAX 40		/* largest size the plain-loop test tries */

/* matvec, matvec_acc, matvec_t_acc, outer_acc, gemm_tn_acc, colsum_acc,
 * matmul, transpose and dot against textbook loops, for m, n, k in 1..9
 * and around the blockings (15, 16, 17, 31, 32, 33, 40). */
static void
kernels_match_plain_loops(void)
{
	static const size_t sizes[] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40
	};
	size_t ns = sizeof sizes / sizeof sizes[0], all = KMAX * KMAX;
	struct rng rng;
	double *a = malloc(all * sizeof *a), *b = malloc(all * sizeof *b);
	double *c = malloc(all * sizeof *c), *ref = malloc(all * sizeof *ref);
	double *at = malloc(all * sizeof *at);
	double x[KMAX], y[KMAX], yr[KMAX];
	double worst = 0.0;

	rng_seed(&rng, 5);
	for (size_t im = 0; im < ns; im++)
		for (size_t in = 0; in < ns; in++) {
			size_t m = sizes[im], n = sizes[in];
			size_t k = sizes[(im + 2 * in) % ns];

			rng_fill_uniform(a, &rng, all, -1, 1);
			rng_fill_uniform(b, &rng, all, -1, 1);
			rng_fill_uniform(x, &rng, KMAX, -1, 1);
			rng_fill_uniform(y, &rng, KMAX, -1, 1);

			/* y = A x and y += A x  (A: m x n) */
			for (size_t i = 0; i < m; i++) {
				yr[i] = 0.0;
				for (size_t j = 0; j < n; j++)
					yr[i] += a[i * n + j] * x[j];
			}
			linalg_matvec(y, a, x, m, n);
			worst = fmax(worst, max_rel_diff(y, yr, m));
			for (size_t i = 0; i < m; i++)
				yr[i] *= 2.0;
			linalg_matvec_acc(y, a, x, m, n);
			worst = fmax(worst, max_rel_diff(y, yr, m));

			/* y += A^T x  (x: m, y: n) */
			for (size_t j = 0; j < n; j++) {
				y[j] = yr[j] = 0.5;
				for (size_t i = 0; i < m; i++)
					yr[j] += a[i * n + j] * x[i];
			}
			linalg_matvec_t_acc(y, a, x, m, n);
			worst = fmax(worst, max_rel_diff(y, yr, n));

			/* A += x y^T */
			for (size_t i = 0; i < m; i++)
				for (size_t j = 0; j < n; j++)
					ref[i * n + j] = a[i * n + j] + x[i] * y[j];
			linalg_outer_acc(a, x, y, m, n);
			worst = fmax(worst, max_rel_diff(a, ref, m * n));

			/* C += A^T B  (A: k x m, B: k x n, C: m x n) */
			rng_fill_uniform(c, &rng, all, -1, 1);
			for (size_t i = 0; i < m; i++)
				for (size_t j = 0; j < n; j++) {
					double s = 0.0;

					for (size_t p = 0; p < k; p++)
						s += a[p * m + i] * b[p * n + j];
					ref[i * n + j] = c[i * n + j] + s;
				}
			linalg_gemm_tn_acc(c, a, b, k, m, n);
			worst = fmax(worst, max_rel_diff(c, ref, m * n));

			/* y += column sums of A (k x n) */
			for (size_t j = 0; j < n; j++) {
				y[j] = yr[j] = 1.0;
				for (size_t p = 0; p < k; p++)
					yr[j] += a[p * n + j];
			}
			linalg_colsum_acc(y, a, k, n);
			worst = fmax(worst, max_rel_diff(y, yr, n));

			/* C = A B  (A: m x k, B: k x n) */
			for (size_t i = 0; i < m; i++)
				for (size_t j = 0; j < n; j++) {
					double s = 0.0;

					for (size_t p = 0; p < k; p++)
						s += a[i * k + p] * b[p * n + j];
					ref[i * n + j] = s;
				}
			linalg_matmul(c, a, b, m, k, n);
			worst = fmax(worst, max_rel_diff(c, ref, m * n));

			/* transpose is exact */
			linalg_transpose(at, a, m, n);
			for (size_t i = 0; i < m; i++)
				for (size_t j = 0; j < n; j++)
					CU_ASSERT_EQUAL(at[j * m + i], a[i * n + j]);

			/* dot */
			yr[0] = 0.0;
			for (size_t j = 0; j < n; j++)
				yr[0] += x[j] * b[j];
			y[0] = linalg_dot(x, b, n);
			worst = fmax(worst, max_rel_diff(y, yr, 1));
		}
	CU_ASSERT(worst < 1e-13);
	free(a);
	free(b);
	free(c);
	free(ref);
	free(at);
}

/* ... with the AVX2 kernels where the processor has them, and without. */
static void
test_linalg_kernels_match_plain_loops(void)
{
	linalg_simd(0);
	kernels_match_plain_loops();
	linalg_simd(1);
	kernels_match_plain_loops();
}

/* Q Q^T = I to 1e-13, and row 0 of Q is row 0 of A normalised (what
 * Gram-Schmidt gives), for sizes 1..40. */
static void
test_linalg_orthonormalize_gives_orthogonal_rows(void)
{
	struct rng rng;
	double *a = malloc(40 * 40 * sizeof *a), *q = malloc(40 * 40 * sizeof *q);
	double *a0 = malloc(40 * sizeof *a0), work[80];
	double worst = 0.0, worst_row0 = 0.0;

	rng_seed(&rng, 9);
	for (size_t n = 1; n <= 40; n++) {
		double norm0;

		rng_fill_normal(a, &rng, n * n, 1.0);
		norm0 = linalg_norm2(a, n);
		for (size_t j = 0; j < n; j++)
			a0[j] = a[j] / norm0;
		linalg_orthonormalize_rows(q, a, work, n);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++) {
				double d = linalg_dot(q + i * n, q + j * n, n);

				worst = fmax(worst, fabs(d - (i == j)));
			}
		for (size_t j = 0; j < n; j++)
			worst_row0 = fmax(worst_row0, fabs(q[j] - a0[j]));
	}
	CU_ASSERT(worst < 1e-13);
	CU_ASSERT(worst_row0 < 1e-13);
	free(a);
	free(q);
	free(a0);
}

/* A rank-deficient matrix (a zero row, two equal rows) still gives an
 * orthogonal Q. */
static void
test_linalg_orthonormalize_survives_rank_deficiency(void)
{
	double a[16] = {
		1, 2, 3, 4,
		0, 0, 0, 0,
		1, 2, 3, 4,
		5, 1, 0, 2
	};
	double q[16], work[8], worst = 0.0;

	linalg_orthonormalize_rows(q, a, work, 4);
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < 4; j++)
			worst = fmax(worst, fabs(linalg_dot(q + i * 4, q + j * 4,
			    4) - (i == j)));
	CU_ASSERT(worst < 1e-14);
	CU_ASSERT(!linalg_has_nonfinite(q, 16));
}

/* sigma_max of diag(3, -5, 2) is 5, of rho Q is rho, of a rank-one
 * u v^T is |u| |v|, of 0 is 0. */
static void
test_linalg_sigma_max_by_power_iteration(void)
{
	double d[9] = { 3, 0, 0, 0, -5, 0, 0, 0, 2 };
	double work[128], q[64 * 64], g[64 * 64 + 128];
	double r1[12], u[3] = { 1, 2, 2 }, v[4] = { 0, 3, 0, 4 }, zero[4] = { 0 };
	struct rng rng;

	CU_ASSERT_DOUBLE_EQUAL(linalg_sigma_max(d, work, 3, 3, 1000), 5.0,
	    1e-12);
	rng_seed(&rng, 2);
	rng_fill_normal(g, &rng, 64 * 64, 1.0);
	linalg_orthonormalize_rows(q, g, g + 64 * 64, 64);
	linalg_scale(q, 1.1, 64 * 64);
	CU_ASSERT_DOUBLE_EQUAL(linalg_sigma_max(q, work, 64, 64, 1000), 1.1,
	    1e-13);
	linalg_zero(r1, 12);
	linalg_outer_acc(r1, u, v, 3, 4);
	CU_ASSERT_DOUBLE_EQUAL(linalg_sigma_max(r1, work, 3, 4, 1000), 15.0,
	    1e-12);
	CU_ASSERT_EQUAL(linalg_sigma_max(zero, work, 2, 2, 1000), 0.0);
}

/* ||x|| of huge and tiny entries is right, not inf or 0. */
static void
test_linalg_norm_does_not_overflow(void)
{
	double big[3] = { 3e200, 4e200, 0 }, tiny[2] = { 3e-200, 4e-200 };
	double with_inf[2] = { 1, INFINITY }, zero[3] = { 0, -0.0, 0 };

	CU_ASSERT_DOUBLE_EQUAL(linalg_norm2(big, 3) / 5e200, 1.0, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(linalg_norm2(tiny, 2) / 5e-200, 1.0, 1e-15);
	CU_ASSERT(isinf(linalg_norm2(with_inf, 2)));
	CU_ASSERT_EQUAL(linalg_norm2(zero, 3), 0.0);
	CU_ASSERT_EQUAL(linalg_norm2(zero, 0), 0.0);
}

/* Run the three dispatched kernels on one random case. */
static void
run_hot_kernels(double *out, const double *a, const double *b,
    const double *x, size_t m, size_t n, size_t k)
{
	double *y1 = out, *y2 = out + m, *y3 = y2 + n, *c = y3 + n;

	for (size_t i = 0; i < m; i++)
		y1[i] = 0.25 * (double)i;
	linalg_matvec_acc(y1, a, x, m, n);		/* A: m x n */
	linalg_matvec_t_add(y2, NULL, a, x, m, n);	/* x: m */
	linalg_matvec_t_add(y3, b, a, x, m, n);
	for (size_t i = 0; i < m * n; i++)
		c[i] = 1.0 / (double)(i + 1);
	linalg_gemm_tn_acc(c, a, b, k, m, n);		/* A: k x m, B: k x n */
}

/* The AVX2 kernels give the same bits as the generic ones, for every
 * size class of their blocking (when the processor has AVX2; otherwise
 * both runs take the generic path). */
static void
test_linalg_simd_kernels_give_same_bits(void)
{
	static const size_t sizes[] = { 1, 3, 4, 5, 8, 9, 16, 17, 31, 32, 33, 64, 67 };
	size_t ns = sizeof sizes / sizeof sizes[0];
	double *a = malloc(67 * 67 * sizeof *a), *b = malloc(67 * 67 * sizeof *b);
	double *x = malloc(67 * sizeof *x);
	double *o1 = malloc((3 * 67 + 67 * 67) * sizeof *o1);
	double *o2 = malloc((3 * 67 + 67 * 67) * sizeof *o2);
	struct rng rng;
	int differ = 0;

	rng_seed(&rng, 21);
	for (size_t im = 0; im < ns; im++)
		for (size_t in = 0; in < ns; in++) {
			size_t m = sizes[im], n = sizes[in], k = sizes[(im + in) % ns];
			size_t len = 2 * n + m + m * n;

			rng_fill_normal(a, &rng, 67 * 67, 1.0);
			rng_fill_normal(b, &rng, 67 * 67, 1.0);
			rng_fill_normal(x, &rng, 67, 1.0);
			linalg_simd(0);
			run_hot_kernels(o1, a, b, x, m, n, k);
			linalg_simd(1);
			run_hot_kernels(o2, a, b, x, m, n, k);
			differ |= memcmp(o1, o2, len * sizeof *o1) != 0;
		}
	CU_ASSERT(!differ);
	free(a);
	free(b);
	free(x);
	free(o1);
	free(o2);
}


/* Register the "linalg" suite. */
void
test_linalg_register(void)
{
	CU_pSuite s = CU_add_suite("linalg", NULL, NULL);

	CU_add_test(s, "kernels match plain loops", test_linalg_kernels_match_plain_loops);
	CU_add_test(s, "simd kernels give the same bits", test_linalg_simd_kernels_give_same_bits);
	CU_add_test(s, "orthonormalize gives orthogonal rows", test_linalg_orthonormalize_gives_orthogonal_rows);
	CU_add_test(s, "orthonormalize survives rank deficiency", test_linalg_orthonormalize_survives_rank_deficiency);
	CU_add_test(s, "sigma_max by power iteration", test_linalg_sigma_max_by_power_iteration);
	CU_add_test(s, "norm does not overflow", test_linalg_norm_does_not_overflow);
}

#include "config.h"

#include "nn/linalg.h"
#include "nn/linalg_avx2.h"

#include <math.h>
#include <string.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* The hot loops work on pairs of doubles (struct v2 below). With GCC or
 * Clang a pair is a 16-byte vector, one SSE2/NEON register, so a plain -O2
 * build runs them two lanes at a time; elsewhere it is a two-element array.
 * Both give the same bits: lane k does exactly the operations a scalar loop
 * with partial sum k would, and no -ffast-math reordering is involved. */
#if defined(__GNUC__)
typedef double v2 __attribute__((vector_size(16)));

/* {a, a} */
static inline v2
v2_splat(double a)
{
	v2 v = {a, a};

	return v;
}

/* a + b, lane by lane */
static inline v2
v2_add(v2 a, v2 b)
{
	return a + b;
}

/* a * b, lane by lane */
static inline v2
v2_mul(v2 a, v2 b)
{
	return a * b;
}

/* Lane k of v. */
static inline double
v2_lane(v2 v, int k)
{
	return v[k];
}
#else
typedef struct {
	double d[2];
} v2;

/* {a, a} */
static inline v2
v2_splat(double a)
{
	v2 v = { .d = { a, a } };

	return v;
}

/* a + b, lane by lane */
static inline v2
v2_add(v2 a, v2 b)
{
	v2 v = { .d = { a.d[0] + b.d[0], a.d[1] + b.d[1] } };

	return v;
}

/* a * b, lane by lane */
static inline v2
v2_mul(v2 a, v2 b)
{
	v2 v = { .d = { a.d[0] * b.d[0], a.d[1] * b.d[1] } };

	return v;
}

/* Lane k of v. */
static inline double
v2_lane(v2 v, int k)
{
	return v.d[k];
}
#endif

/* (s0 + s2) + (s1 + s3) for the partial sums s01 = {s0, s1}, s23 = {s2, s3}. */
static inline double
hsum(v2 s01, v2 s23)
{
	v2 t = v2_add(s01, s23);

	return v2_lane(t, 0) + v2_lane(t, 1);
}

/* p[0], p[1] as a pair (p need not be aligned). */
static inline v2
v2_load(const double *p)
{
	v2 v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* Store a pair at p[0], p[1]. */
static inline void
v2_store(double *p, v2 v)
{
	memcpy(p, &v, sizeof v);
}

/* s = sum_j x[j] y[j]: partial sum k takes j = k mod 4, then
 * s = (s0 + s2) + (s1 + s3), then the n mod 4 leftovers in order. */
double
linalg_dot(const double *restrict x, const double *restrict y, size_t n)
{
	v2 s01 = v2_splat(0.0), s23 = v2_splat(0.0);
	double s;
	size_t j = 0;

	for (; j + 4 <= n; j += 4) {
		s01 = v2_add(s01, v2_mul(v2_load(x + j), v2_load(y + j)));
		s23 = v2_add(s23, v2_mul(v2_load(x + j + 2),
		    v2_load(y + j + 2)));
	}
	s = hsum(s01, s23);
	for (; j < n; j++)
		s += x[j] * y[j];
	return s;
}

/* sum_j x[j]^2 in the order of linalg_dot. */
double
linalg_sumsq(const double *x, size_t n)
{
	return linalg_dot(x, x, n);
}

/* max |x[j]|; a NaN compares false and is skipped. */
double
linalg_max_abs(const double *x, size_t n)
{
	double m = 0.0;

	for (size_t j = 0; j < n; j++)
		if (fabs(x[j]) > m)
			m = fabs(x[j]);
	return m;
}

/* 1 if some x[j] is NaN or infinite. */
int
linalg_has_nonfinite(const double *x, size_t n)
{
	for (size_t j = 0; j < n; j++)
		if (!isfinite(x[j]))
			return 1;
	return 0;
}

/* ||x|| = sqrt(sum x^2); when the plain sum overflows or underflows (or
 * might have lost precision in subnormals) rescale by max|x| first. */
double
linalg_norm2(const double *x, size_t n)
{
	double ss = linalg_sumsq(x, n), amax, t, s0 = 0.0;

	if (ss > 0x1p-960 && ss < 0x1p960)
		return sqrt(ss);
	if (isnan(ss))
		return ss;
	amax = linalg_max_abs(x, n);
	if (amax == 0.0 || isinf(amax))
		return amax;
	for (size_t j = 0; j < n; j++) {
		t = x[j] / amax;
		s0 += t * t;
	}
	return amax * sqrt(s0);
}

/* y[j] += a x[j] */
void
linalg_axpy(double *restrict y, double a, const double *restrict x, size_t n)
{
	v2 va = v2_splat(a);
	size_t j = 0;

	for (; j + 2 <= n; j += 2)
		v2_store(y + j, v2_add(v2_load(y + j),
		    v2_mul(va, v2_load(x + j))));
	for (; j < n; j++)
		y[j] += a * x[j];
}

/* x[j] *= a */
void
linalg_scale(double *x, double a, size_t n)
{
	for (size_t j = 0; j < n; j++)
		x[j] *= a;
}

/* x[j] = 0 */
void
linalg_zero(double *x, size_t n)
{
	for (size_t j = 0; j < n; j++)
		x[j] = 0.0;
}

/* y[j] = x[j]; overlap is allowed. */
void
linalg_copy(double *y, const double *x, size_t n)
{
	if (n != 0 && y != x)
		memmove(y, x, n * sizeof *y);
}

/* y[i] = (A x)[i], each row a dot product in the order of linalg_dot. */
void
linalg_matvec(double *restrict y, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
	linalg_zero(y, m);
	linalg_matvec_acc(y, a, x, m, n);
}

/* y[i] += (A x)[i], row i summed in the order of linalg_dot; four rows at a
 * time share the loads of x and keep eight sums in flight. */
static void
matvec_acc_generic(double *restrict y, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
	size_t i = 0;

	for (; i + 4 <= m; i += 4) {
		const double *r0 = a + i * n, *r1 = r0 + n, *r2 = r1 + n,
		    *r3 = r2 + n;
		v2 a01 = v2_splat(0.0), a23 = v2_splat(0.0);
		v2 b01 = v2_splat(0.0), b23 = v2_splat(0.0);
		v2 c01 = v2_splat(0.0), c23 = v2_splat(0.0);
		v2 d01 = v2_splat(0.0), d23 = v2_splat(0.0);
		double s[4];
		size_t j = 0;

		for (; j + 4 <= n; j += 4) {
			v2 x01 = v2_load(x + j), x23 = v2_load(x + j + 2);

			a01 = v2_add(a01, v2_mul(v2_load(r0 + j), x01));
			a23 = v2_add(a23, v2_mul(v2_load(r0 + j + 2), x23));
			b01 = v2_add(b01, v2_mul(v2_load(r1 + j), x01));
			b23 = v2_add(b23, v2_mul(v2_load(r1 + j + 2), x23));
			c01 = v2_add(c01, v2_mul(v2_load(r2 + j), x01));
			c23 = v2_add(c23, v2_mul(v2_load(r2 + j + 2), x23));
			d01 = v2_add(d01, v2_mul(v2_load(r3 + j), x01));
			d23 = v2_add(d23, v2_mul(v2_load(r3 + j + 2), x23));
		}
		s[0] = hsum(a01, a23);
		s[1] = hsum(b01, b23);
		s[2] = hsum(c01, c23);
		s[3] = hsum(d01, d23);
		for (; j < n; j++) {
			s[0] += r0[j] * x[j];
			s[1] += r1[j] * x[j];
			s[2] += r2[j] * x[j];
			s[3] += r3[j] * x[j];
		}
		for (int k = 0; k < 4; k++)
			y[i + k] += s[k];
	}
	for (; i < m; i++)
		y[i] += linalg_dot(a + i * n, x, n);
}

/* {b[j], b[j+1]}, or zeros when b is NULL. */
static inline v2
load_or_zero(const double *b, size_t j)
{
	return b != NULL ? v2_load(b + j) : v2_splat(0.0);
}

/* y[j] = b[j] + sum_i A[i][j] x[i] (b NULL: 0; b may be y), the sum
 * running over i = 0..m-1 in order, one running sum per output started
 * at b[j]. Sixteen outputs at a time stay in registers while i runs, so A
 * is read once and y written once. */
static void
matvec_t_add_generic(double *y, const double *b, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
	size_t j = 0;

	for (; j + 16 <= n; j += 16) {
		v2 s0 = load_or_zero(b, j), s1 = load_or_zero(b, j + 2);
		v2 s2 = load_or_zero(b, j + 4), s3 = load_or_zero(b, j + 6);
		v2 s4 = load_or_zero(b, j + 8), s5 = load_or_zero(b, j + 10);
		v2 s6 = load_or_zero(b, j + 12), s7 = load_or_zero(b, j + 14);

		for (size_t i = 0; i < m; i++) {
			const double *r = a + i * n + j;
			v2 w = v2_splat(x[i]);

			s0 = v2_add(s0, v2_mul(w, v2_load(r)));
			s1 = v2_add(s1, v2_mul(w, v2_load(r + 2)));
			s2 = v2_add(s2, v2_mul(w, v2_load(r + 4)));
			s3 = v2_add(s3, v2_mul(w, v2_load(r + 6)));
			s4 = v2_add(s4, v2_mul(w, v2_load(r + 8)));
			s5 = v2_add(s5, v2_mul(w, v2_load(r + 10)));
			s6 = v2_add(s6, v2_mul(w, v2_load(r + 12)));
			s7 = v2_add(s7, v2_mul(w, v2_load(r + 14)));
		}
		v2_store(y + j, s0);
		v2_store(y + j + 2, s1);
		v2_store(y + j + 4, s2);
		v2_store(y + j + 6, s3);
		v2_store(y + j + 8, s4);
		v2_store(y + j + 10, s5);
		v2_store(y + j + 12, s6);
		v2_store(y + j + 14, s7);
	}
	for (; j + 2 <= n; j += 2) {
		v2 s = load_or_zero(b, j);

		for (size_t i = 0; i < m; i++)
			s = v2_add(s, v2_mul(v2_splat(x[i]),
			    v2_load(a + i * n + j)));
		v2_store(y + j, s);
	}
	for (; j < n; j++) {
		double s = b != NULL ? b[j] : 0.0;

		for (size_t i = 0; i < m; i++)
			s += x[i] * a[i * n + j];
		y[j] = s;
	}
}

/* y += A^T x */
void
linalg_matvec_t_acc(double *restrict y, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
	linalg_matvec_t_add(y, y, a, x, m, n);
}

/* A[i][j] += x[i] y[j] */
void
linalg_outer_acc(double *restrict a, const double *restrict x,
    const double *restrict y, size_t m, size_t n)
{
	for (size_t i = 0; i < m; i++)
		linalg_axpy(a + i * n, x[i], y, n);
}

/* c[0..3] += {lo, hi} */
static inline void
add_pairs(double *c, v2 lo, v2 hi)
{
	v2_store(c, v2_add(v2_load(c), lo));
	v2_store(c + 2, v2_add(v2_load(c + 2), hi));
}

/* The scalar part of linalg_gemm_tn_acc, shared with its AVX2 copy:
 * c[r][j] += sum_p a[p][r] b[p][j] for rows [r0, r1) and columns [j0, j1),
 * each sum in order of p, so both paths give the same bits. */
void
linalg_gemm_tn_block(double *restrict c, const double *restrict a,
    const double *restrict b, size_t k, size_t m, size_t n, size_t r0,
    size_t r1, size_t j0, size_t j1)
{
	for (size_t r = r0; r < r1; r++)
		for (size_t j = j0; j < j1; j++) {
			double s = 0.0;

			for (size_t p = 0; p < k; p++)
				s += a[p * m + r] * b[p * n + j];
			c[r * n + j] += s;
		}
}

/* C[i][j] += sum_p A[p][i] B[p][j], the sum over p = 0..k-1 in order, taken
 * apart and then added to C[i][j]. Blocks of 4 x 4 entries keep their sums in
 * registers while p runs (this is how BPTT turns T outer products into one
 * pass over the cache). */
static void
gemm_tn_acc_generic(double *restrict c, const double *restrict a,
    const double *restrict b, size_t k, size_t m, size_t n)
{
	size_t i = 0, j;

	for (; i + 4 <= m; i += 4) {
		for (j = 0; j + 4 <= n; j += 4) {
			v2 s00 = v2_splat(0.0), s01 = s00, s10 = s00, s11 = s00;
			v2 s20 = s00, s21 = s00, s30 = s00, s31 = s00;

			for (size_t p = 0; p < k; p++) {
				const double *ap = a + p * m + i;
				v2 b01 = v2_load(b + p * n + j);
				v2 b23 = v2_load(b + p * n + j + 2);
				v2 w0 = v2_splat(ap[0]), w1 = v2_splat(ap[1]);
				v2 w2 = v2_splat(ap[2]), w3 = v2_splat(ap[3]);

				s00 = v2_add(s00, v2_mul(w0, b01));
				s01 = v2_add(s01, v2_mul(w0, b23));
				s10 = v2_add(s10, v2_mul(w1, b01));
				s11 = v2_add(s11, v2_mul(w1, b23));
				s20 = v2_add(s20, v2_mul(w2, b01));
				s21 = v2_add(s21, v2_mul(w2, b23));
				s30 = v2_add(s30, v2_mul(w3, b01));
				s31 = v2_add(s31, v2_mul(w3, b23));
			}
			add_pairs(c + i * n + j, s00, s01);
			add_pairs(c + (i + 1) * n + j, s10, s11);
			add_pairs(c + (i + 2) * n + j, s20, s21);
			add_pairs(c + (i + 3) * n + j, s30, s31);
		}
		linalg_gemm_tn_block(c, a, b, k, m, n, i, i + 4, j, n);
	}
	linalg_gemm_tn_block(c, a, b, k, m, n, i, m, 0, n);
}

/* -1: not asked yet; 0: the generic kernels; 1: the AVX2 ones. */
static int use_avx2 = -1;

/* Is the AVX2 path on? Asks the processor once. The program runs the
 * kernels from one thread, so the lazy check needs no lock. */
static int
avx2_on(void)
{
#ifdef LINALG_HAVE_AVX2
	if (use_avx2 < 0) {
		__builtin_cpu_init();
		use_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
	}
	return use_avx2;
#else
	return 0;
#endif
}

/* Whether the AVX2 kernels run (for act.c, which follows the same switch). */
int
linalg_avx2(void)
{
	return avx2_on();
}

/* Turn the AVX2 kernels off (0) or back on where supported (1). */
int
linalg_simd(int on)
{
	use_avx2 = -1;
	if (on && avx2_on())
		return 1;
	use_avx2 = 0;
	return 0;
}

/* y += A x, by the kernel this processor runs best. */
void
linalg_matvec_acc(double *restrict y, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
#ifdef LINALG_HAVE_AVX2
	if (avx2_on()) {
		linalg_avx2_matvec_acc(y, a, x, m, n);
		return;
	}
#endif
	matvec_acc_generic(y, a, x, m, n);
}

/* y = b + A^T x, by the kernel this processor runs best. */
void
linalg_matvec_t_add(double *y, const double *b, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
#ifdef LINALG_HAVE_AVX2
	if (avx2_on()) {
		linalg_avx2_matvec_t_add(y, b, a, x, m, n);
		return;
	}
#endif
	matvec_t_add_generic(y, b, a, x, m, n);
}

/* C += A^T B, by the kernel this processor runs best. */
void
linalg_gemm_tn_acc(double *restrict c, const double *restrict a,
    const double *restrict b, size_t k, size_t m, size_t n)
{
#ifdef LINALG_HAVE_AVX2
	if (avx2_on()) {
		linalg_avx2_gemm_tn_acc(c, a, b, k, m, n);
		return;
	}
#endif
	gemm_tn_acc_generic(c, a, b, k, m, n);
}

/* y[j] += sum_p A[p][j], the sum over p = 0..k-1 in order, taken apart and
 * then added to y[j]. */
void
linalg_colsum_acc(double *restrict y, const double *restrict a, size_t k,
    size_t n)
{
	for (size_t j = 0; j < n; j++) {
		double s = 0.0;

		for (size_t p = 0; p < k; p++)
			s += a[p * n + j];
		y[j] += s;
	}
}

/* AT[j][i] = A[i][j]    A: m x n, AT: n x m */
void
linalg_transpose(double *restrict at, const double *restrict a, size_t m,
    size_t n)
{
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			at[j * m + i] = a[i * n + j];
}

/* C = A B, row by row: C_i = sum_p A[i][p] B_p in order of p. */
void
linalg_matmul(double *restrict c, const double *restrict a,
    const double *restrict b, size_t m, size_t k, size_t n)
{
	for (size_t i = 0; i < m; i++) {
		double *ci = c + i * n;

		linalg_zero(ci, n);
		for (size_t p = 0; p < k; p++)
			linalg_axpy(ci, a[i * k + p], b + p * n, n);
	}
}

/* A = scale * I */
void
linalg_identity(double *a, double scale, size_t n)
{
	linalg_zero(a, n * n);
	for (size_t i = 0; i < n; i++)
		a[i * n + i] = scale;
}

/* Householder QR of B = A^T, working on the rows of A (contiguous):
 *   for k = 0..n-1: v = B[k:n, k] - alpha e_1,
 *   alpha = -sign(B[k][k]) ||B[k:n, k]||,
 *   H_k = I - beta v v^T with beta = 2 / (v^T v), R[k][k] = alpha.
 * Then Q^T = H_{n-1} ... H_0 (each H symmetric), built from I by multiplying
 * H_k on the right for k = n-1 down to 0, and row k of Q^T is flipped when
 * R[k][k] < 0 so that R has a positive diagonal (B = Q R with Q's columns the
 * Gram-Schmidt vectors of B's columns, that is of A's rows). */
void
linalg_orthonormalize_rows(double *q, double *a, double *work, size_t n)
{
	double *beta = work, *rdiag = work + n;

	for (size_t k = 0; k < n; k++) {
		double *v = a + k * n + k;	/* B[k:n, k] = A[k][k:n] */
		size_t len = n - k;
		double norm = linalg_norm2(v, len), alpha;

		if (norm == 0.0) {
			beta[k] = 0.0;		/* nothing to reflect */
			rdiag[k] = 0.0;
			continue;
		}
		alpha = v[0] > 0.0 ? -norm : norm;
		rdiag[k] = alpha;
		v[0] -= alpha;
		beta[k] = 2.0 / linalg_sumsq(v, len);
		/* Apply H_k to the remaining columns of B (rows of A). */
		for (size_t j = k + 1; j < n; j++) {
			double *w = a + j * n + k;
			double s = beta[k] * linalg_dot(v, w, len);

			linalg_axpy(w, -s, v, len);
		}
	}
	linalg_identity(q, 1.0, n);
	for (size_t kk = n; kk-- > 0;) {
		const double *v = a + kk * n + kk;
		size_t len = n - kk;

		if (beta[kk] == 0.0)
			continue;
		/* rows kk.. of Q^T times H_kk: r -= beta (r . v) v */
		for (size_t r = kk; r < n; r++) {
			double *row = q + r * n + kk;
			double s = beta[kk] * linalg_dot(row, v, len);

			linalg_axpy(row, -s, v, len);
		}
	}
	for (size_t k = 0; k < n; k++)
		if (rdiag[k] < 0.0)
			linalg_scale(q + k * n, -1.0, n);
}

/* Power iteration: v <- A^T A v / ||A^T A v||, sigma = ||A v|| with ||v|| = 1.
 * The start vector v_j = 1 + (j mod 7) / 8 is fixed, so the result is too. */
double
linalg_sigma_max(const double *a, double *work, size_t m, size_t n,
    size_t max_iter)
{
	double *v = work, *u = work + n;
	double sigma = 0.0, prev, nv;

	if (m == 0 || n == 0)
		return 0.0;
	for (size_t j = 0; j < n; j++)
		v[j] = 1.0 + (double)(j % 7) / 8.0;
	linalg_scale(v, 1.0 / linalg_norm2(v, n), n);
	for (size_t it = 0; it < max_iter; it++) {
		prev = sigma;
		linalg_matvec(u, a, v, m, n);		/* u = A v */
		sigma = linalg_norm2(u, m);
		if (sigma == 0.0 || !isfinite(sigma))
			return sigma;
		linalg_zero(v, n);
		linalg_matvec_t_acc(v, a, u, m, n);	/* v = A^T u */
		nv = linalg_norm2(v, n);
		if (nv == 0.0 || !isfinite(nv))
			return sigma;
		linalg_scale(v, 1.0 / nv, n);
		if (fabs(sigma - prev) <= 1e-14 * sigma)
			break;
	}
	return sigma;
}

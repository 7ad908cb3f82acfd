/* The AVX2 copies of linalg.c's hot kernels; see linalg_avx2.h. */
#include "config.h"

#include "nn/linalg_avx2.h"

#include <string.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

#ifdef LINALG_HAVE_AVX2
#define AVX2 __attribute__((target("avx2")))

typedef double v4 __attribute__((vector_size(32)));

#define V4_ZERO ((v4){ 0.0, 0.0, 0.0, 0.0 })
#define V4_SPLAT(s) ((v4){ (s), (s), (s), (s) })
#define V4_LOAD(v, p) memcpy(&(v), (p), sizeof(v))
#define V4_STORE(p, v) memcpy((p), &(v), sizeof(v))
/* (v0 + v2) + (v1 + v3): the generic kernels' (s0 + s2) + (s1 + s3) */
#define V4_HSUM(v) (((v)[0] + (v)[2]) + ((v)[1] + (v)[3]))

/* linalg_matvec_acc, eight rows at a time, one v4 of partial sums a row:
 * the partial sums s0..s3 of the generic kernel in one register. */
AVX2 void
linalg_avx2_matvec_acc(double *restrict y, const double *restrict a,
    const double *restrict x, size_t m, size_t n)
{
	size_t i = 0, j;

	for (; i + 8 <= m; i += 8) {
		const double *r = a + i * n;
		v4 s0 = V4_ZERO, s1 = V4_ZERO, s2 = V4_ZERO, s3 = V4_ZERO;
		v4 s4 = V4_ZERO, s5 = V4_ZERO, s6 = V4_ZERO, s7 = V4_ZERO;
		v4 xv, w;
		double s[8];

		for (j = 0; j + 4 <= n; j += 4) {
			V4_LOAD(xv, x + j);
			V4_LOAD(w, r + j);
			s0 += w * xv;
			V4_LOAD(w, r + n + j);
			s1 += w * xv;
			V4_LOAD(w, r + 2 * n + j);
			s2 += w * xv;
			V4_LOAD(w, r + 3 * n + j);
			s3 += w * xv;
			V4_LOAD(w, r + 4 * n + j);
			s4 += w * xv;
			V4_LOAD(w, r + 5 * n + j);
			s5 += w * xv;
			V4_LOAD(w, r + 6 * n + j);
			s6 += w * xv;
			V4_LOAD(w, r + 7 * n + j);
			s7 += w * xv;
		}
		s[0] = V4_HSUM(s0);
		s[1] = V4_HSUM(s1);
		s[2] = V4_HSUM(s2);
		s[3] = V4_HSUM(s3);
		s[4] = V4_HSUM(s4);
		s[5] = V4_HSUM(s5);
		s[6] = V4_HSUM(s6);
		s[7] = V4_HSUM(s7);
		for (int k = 0; k < 8; k++) {
			for (size_t jj = j; jj < n; jj++)
				s[k] += r[k * n + jj] * x[jj];
			y[i + k] += s[k];
		}
	}
	for (; i < m; i++) {
		const double *r = a + i * n;
		v4 s0 = V4_ZERO, xv, w;
		double s;

		for (j = 0; j + 4 <= n; j += 4) {
			V4_LOAD(xv, x + j);
			V4_LOAD(w, r + j);
			s0 += w * xv;
		}
		s = V4_HSUM(s0);
		for (; j < n; j++)
			s += r[j] * x[j];
		y[i] += s;
	}
}

/* linalg_matvec_t_add, 32 outputs at a time (eight v4 running sums). */
AVX2 void
linalg_avx2_matvec_t_add(double *y, const double *b,
    const double *restrict a, const double *restrict x, size_t m, size_t n)
{
	size_t j = 0;

	for (; j + 32 <= n; j += 32) {
		v4 s0 = V4_ZERO, s1 = V4_ZERO, s2 = V4_ZERO, s3 = V4_ZERO;
		v4 s4 = V4_ZERO, s5 = V4_ZERO, s6 = V4_ZERO, s7 = V4_ZERO, w;

		if (b != NULL) {
			V4_LOAD(s0, b + j);
			V4_LOAD(s1, b + j + 4);
			V4_LOAD(s2, b + j + 8);
			V4_LOAD(s3, b + j + 12);
			V4_LOAD(s4, b + j + 16);
			V4_LOAD(s5, b + j + 20);
			V4_LOAD(s6, b + j + 24);
			V4_LOAD(s7, b + j + 28);
		}
		for (size_t i = 0; i < m; i++) {
			const double *r = a + i * n + j;
			v4 xi = V4_SPLAT(x[i]);

			V4_LOAD(w, r);
			s0 += xi * w;
			V4_LOAD(w, r + 4);
			s1 += xi * w;
			V4_LOAD(w, r + 8);
			s2 += xi * w;
			V4_LOAD(w, r + 12);
			s3 += xi * w;
			V4_LOAD(w, r + 16);
			s4 += xi * w;
			V4_LOAD(w, r + 20);
			s5 += xi * w;
			V4_LOAD(w, r + 24);
			s6 += xi * w;
			V4_LOAD(w, r + 28);
			s7 += xi * w;
		}
		V4_STORE(y + j, s0);
		V4_STORE(y + j + 4, s1);
		V4_STORE(y + j + 8, s2);
		V4_STORE(y + j + 12, s3);
		V4_STORE(y + j + 16, s4);
		V4_STORE(y + j + 20, s5);
		V4_STORE(y + j + 24, s6);
		V4_STORE(y + j + 28, s7);
	}
	for (; j + 4 <= n; j += 4) {
		v4 s0 = V4_ZERO, w;

		if (b != NULL)
			V4_LOAD(s0, b + j);
		for (size_t i = 0; i < m; i++) {
			V4_LOAD(w, a + i * n + j);
			s0 += V4_SPLAT(x[i]) * w;
		}
		V4_STORE(y + j, s0);
	}
	for (; j < n; j++) {
		double s = b != NULL ? b[j] : 0.0;

		for (size_t i = 0; i < m; i++)
			s += x[i] * a[i * n + j];
		y[j] = s;
	}
}

/* linalg_gemm_tn_acc in blocks of 4 x 8 entries. */
AVX2 void
linalg_avx2_gemm_tn_acc(double *restrict c, const double *restrict a,
    const double *restrict b, size_t k, size_t m, size_t n)
{
	size_t i = 0, j;

	for (; i + 4 <= m; i += 4) {
		for (j = 0; j + 8 <= n; j += 8) {
			v4 s00 = V4_ZERO, s01 = V4_ZERO, s10 = V4_ZERO,
			    s11 = V4_ZERO, s20 = V4_ZERO, s21 = V4_ZERO,
			    s30 = V4_ZERO, s31 = V4_ZERO, b0, b1, w, cv;

			for (size_t p = 0; p < k; p++) {
				const double *ap = a + p * m + i;

				V4_LOAD(b0, b + p * n + j);
				V4_LOAD(b1, b + p * n + j + 4);
				w = V4_SPLAT(ap[0]);
				s00 += w * b0;
				s01 += w * b1;
				w = V4_SPLAT(ap[1]);
				s10 += w * b0;
				s11 += w * b1;
				w = V4_SPLAT(ap[2]);
				s20 += w * b0;
				s21 += w * b1;
				w = V4_SPLAT(ap[3]);
				s30 += w * b0;
				s31 += w * b1;
			}
#define ADD_TO_C(row, col, v) do { \
	V4_LOAD(cv, c + (i + (row)) * n + j + (col)); \
	cv += (v); \
	V4_STORE(c + (i + (row)) * n + j + (col), cv); \
} while (0)
			ADD_TO_C(0, 0, s00);
			ADD_TO_C(0, 4, s01);
			ADD_TO_C(1, 0, s10);
			ADD_TO_C(1, 4, s11);
			ADD_TO_C(2, 0, s20);
			ADD_TO_C(2, 4, s21);
			ADD_TO_C(3, 0, s30);
			ADD_TO_C(3, 4, s31);
#undef ADD_TO_C
		}
		linalg_gemm_tn_block(c, a, b, k, m, n, i, i + 4, j, n);
	}
	linalg_gemm_tn_block(c, a, b, k, m, n, i, m, 0, n);
}
#else
typedef int linalg_avx2_none;	/* ISO C wants a declaration */
#endif

/* sgemm_simd: the vector half of the float kernels, written once and
 * compiled once per vector width.
 *
 * Not a header for anyone else, and without an include guard on purpose:
 * nn/sgemm.c, the sentiment kernels and the sequence trainer's kernels
 * include it once for 16-byte vectors (any processor: SSE2 on x86-64, NEON
 * on ARM) and, under AVX2 and AVX-512 target pragmas, for 32- and 64-byte
 * vectors. A
 * 32-byte vector on a processor without AVX2 (or a 64-byte one without
 * AVX-512) would be split by the compiler and run several times slower,
 * which is why the width is not simply the widest. Before each inclusion
 * the includer includes nn/sgemm_scalar.h and defines
 *
 *     VBYTES          the vector size in bytes (16 or 32)
 *     SIMD_NAME(x)    a name of this inclusion's own for x (x_16, x_32)
 *
 * and gets the vector types vf, vi, vu, the loads and stores vload,
 * vstore, vselect, the lane-wise vexp, vsigmoid, vtanh, vsqrt, and
 * gemm (C += A B with any strides of A), colsum_acc and adam, all under
 * names of its own. After its own vector code it includes this file again
 * with NN_SGEMM_SIMD_UNDEF defined, which #undefs every name, ready for the
 * next width.
 *
 * The lanes of a vector do exactly what the scalar helpers of
 * nn/sgemm_scalar.h do, operation for operation, and every sum runs over
 * its terms in a fixed order with no exchange between lanes, so both widths
 * (and the tails) give the same bits. */

#if !defined(NN_SGEMM_SIMD_UNDEF)

#define VW		(VBYTES / 4)	/* floats per vector */
#define vf		SIMD_NAME(vf)
#define vi		SIMD_NAME(vi)
#define vu		SIMD_NAME(vu)
#define vf_mem		SIMD_NAME(vf_mem)
#define vload		SIMD_NAME(vload)
#define vexp		SIMD_NAME(vexp)
#define vsigmoid	SIMD_NAME(vsigmoid)
#define vtanh		SIMD_NAME(vtanh)
#define vsqrt		SIMD_NAME(vsqrt)
#define gemm		SIMD_NAME(gemm)
#define gemm_panel	SIMD_NAME(gemm_panel)
#define colsum_acc	SIMD_NAME(colsum_acc)
#define adam		SIMD_NAME(adam)

typedef float vf __attribute__((vector_size(VBYTES)));
typedef int32_t vi __attribute__((vector_size(VBYTES)));
typedef uint32_t vu __attribute__((vector_size(VBYTES)));
/* for loads and stores at any float address */
typedef float vf_mem __attribute__((vector_size(VBYTES), aligned(4),
    may_alias));

/* VW floats from any float address. */
NN_INLINE vf
vload(const float *p)
{
	return *(const vf_mem *)p;
}

#define vstore(p, v) (*(vf_mem *)(p) = (v))
/* a where mask is set, b elsewhere (mask lanes are 0 or -1) */
#define vselect(mask, a, b) ((vf)(((vi)(a) & (mask)) | ((vi)(b) & ~(mask))))

/* e^x on every lane: nn_sexp() step for step. The helpers take their vectors
 * by address: GCC notes a change of ABI for vectors passed by value, even
 * to functions it inlines. */
NN_INLINE vf
vexp(const vf *xp)
{
	vf lo = (vf){0} + NN_EXP_LO, hi = (vf){0} + NN_EXP_HI, x = *xp;
	vf t, kf, r, p;
	vi k;

	/* x < lo ? lo : x, then x > hi ? hi : x (NaN stays NaN): where we
	 * know the instructions, max(lo, x) and min(hi, x) are exactly that,
	 * one instruction each instead of a compare and a blend */
#if VBYTES == 64 && defined(__AVX512F__)
	x = (vf)_mm512_min_ps((__m512)hi, _mm512_max_ps((__m512)lo, (__m512)x));
#elif VBYTES == 32 && defined(__AVX__)
	x = (vf)_mm256_min_ps((__m256)hi, _mm256_max_ps((__m256)lo, (__m256)x));
#elif VBYTES == 16 && defined(__SSE__)
	x = (vf)_mm_min_ps((__m128)hi, _mm_max_ps((__m128)lo, (__m128)x));
#else
	x = vselect(x < lo, lo, x);
	x = vselect(x > hi, hi, x);
#endif
	t = x * NN_LOG2E + NN_ROUNDER;
	kf = t - NN_ROUNDER;
	r = x - kf * NN_LN2_HI;
	r = r - kf * NN_LN2_LO;
	p = NN_P0 * r + NN_P1;
	p = p * r + NN_P2;
	p = p * r + NN_P3;
	p = p * r + NN_P4;
	p = p * r + NN_P5;
	p = p * (r * r) + r + 1.0f;
#if VBYTES == 64 && defined(__AVX512F__)
	/* p 2^kf in one instruction: kf is a whole number in [-126, 127]
	 * and p 2^kf stays normal, so the product is exact either way */
	(void)k;
	return (vf)_mm512_scalef_ps((__m512)p, (__m512)kf);
#else
	k = (vi)((vu)t - NN_ROUNDER_BITS);
	return p * (vf)((vu)(k + 127) << 23);
#endif
}

/* 1 / (1 + e^-x) on every lane. */
NN_INLINE vf
vsigmoid(const vf *x)
{
	vf minus = -*x;

	return 1.0f / (1.0f + vexp(&minus));
}

/* tanh on every lane, as nn_stanh(). */
NN_INLINE vf
vtanh(const vf *x)
{
	vu sign = (vu)*x & 0x80000000u;
	vf arg = -2.0f * (vf)((vu)*x & 0x7FFFFFFFu), t = vexp(&arg);

	return (vf)((vu)((1.0f - t) / (1.0f + t)) | sign);
}

/* The square root of every lane, correctly rounded as sqrtf(): the
 * processor's instruction where we know it, else lane by lane. */
NN_INLINE vf
vsqrt(const vf *x)
{
#if VBYTES == 64 && defined(__AVX512F__)
	return (vf)_mm512_sqrt_ps((__m512)*x);
#elif VBYTES == 32 && defined(__AVX__)
	return (vf)_mm256_sqrt_ps((__m256)*x);
#elif VBYTES == 16 && defined(__SSE__)
	return (vf)_mm_sqrt_ps((__m128)*x);
#else
	vf r;

	for (int l = 0; l < VW; l++)
		r[l] = sqrtf((*x)[l]);
	return r;
#endif
}

/* gemm() over one panel of the sum (k at most GEMM_PANEL terms). A tile
 * of 4 rows by two vectors stays in registers for the whole sum over p
 * (eight independent sums keep the adders busy; 8 rows on 64-byte vectors,
 * which come with 32 registers); then 4 rows by one vector, single rows
 * four vectors at a time, and the columns past the last whole vector one
 * by one, every sum in the order of p. */
static void
gemm_panel(float *c, size_t ldc, const float *a, size_t ars, size_t acs,
    const float *b, size_t ldb, size_t m, size_t k, size_t n)
{
	size_t nv = n - n % VW, nv2 = n - n % (2 * VW), i = 0;

#if VBYTES == 64
	/* with 32 vector registers: 8 rows by two vectors, sixteen sums,
	 * half the loads of B per multiply-add */
	for (; i + 8 <= m && nv2 > 0; i += 8) {
		const float *a0 = a + i * ars;

		for (size_t j = 0; j < nv2; j += 2 * VW) {
			float *cj = c + i * ldc + j;
			vf c0 = vload(cj), c1 = vload(cj + ldc),
			    c2 = vload(cj + 2 * ldc), c3 = vload(cj + 3 * ldc),
			    c4 = vload(cj + 4 * ldc), c5 = vload(cj + 5 * ldc),
			    c6 = vload(cj + 6 * ldc), c7 = vload(cj + 7 * ldc);
			vf d0 = vload(cj + VW), d1 = vload(cj + ldc + VW),
			    d2 = vload(cj + 2 * ldc + VW),
			    d3 = vload(cj + 3 * ldc + VW),
			    d4 = vload(cj + 4 * ldc + VW),
			    d5 = vload(cj + 5 * ldc + VW),
			    d6 = vload(cj + 6 * ldc + VW),
			    d7 = vload(cj + 7 * ldc + VW);

			for (size_t p = 0; p < k; p++) {
				const float *ap = a0 + p * acs;
				vf bv = vload(b + p * ldb + j);
				vf bw = vload(b + p * ldb + j + VW);
				float s;

				s = ap[0];
				c0 += s * bv;
				d0 += s * bw;
				s = ap[ars];
				c1 += s * bv;
				d1 += s * bw;
				s = ap[2 * ars];
				c2 += s * bv;
				d2 += s * bw;
				s = ap[3 * ars];
				c3 += s * bv;
				d3 += s * bw;
				s = ap[4 * ars];
				c4 += s * bv;
				d4 += s * bw;
				s = ap[5 * ars];
				c5 += s * bv;
				d5 += s * bw;
				s = ap[6 * ars];
				c6 += s * bv;
				d6 += s * bw;
				s = ap[7 * ars];
				c7 += s * bv;
				d7 += s * bw;
			}
			vstore(cj, c0);
			vstore(cj + ldc, c1);
			vstore(cj + 2 * ldc, c2);
			vstore(cj + 3 * ldc, c3);
			vstore(cj + 4 * ldc, c4);
			vstore(cj + 5 * ldc, c5);
			vstore(cj + 6 * ldc, c6);
			vstore(cj + 7 * ldc, c7);
			vstore(cj + VW, d0);
			vstore(cj + ldc + VW, d1);
			vstore(cj + 2 * ldc + VW, d2);
			vstore(cj + 3 * ldc + VW, d3);
			vstore(cj + 4 * ldc + VW, d4);
			vstore(cj + 5 * ldc + VW, d5);
			vstore(cj + 6 * ldc + VW, d6);
			vstore(cj + 7 * ldc + VW, d7);
		}
		/* the vector past the pairs */
		for (size_t j = nv2; j < nv; j += VW) {
			float *cj = c + i * ldc + j;
			vf c0 = vload(cj), c1 = vload(cj + ldc),
			    c2 = vload(cj + 2 * ldc), c3 = vload(cj + 3 * ldc),
			    c4 = vload(cj + 4 * ldc), c5 = vload(cj + 5 * ldc),
			    c6 = vload(cj + 6 * ldc), c7 = vload(cj + 7 * ldc);

			for (size_t p = 0; p < k; p++) {
				const float *ap = a0 + p * acs;
				vf bv = vload(b + p * ldb + j);

				c0 += ap[0] * bv;
				c1 += ap[ars] * bv;
				c2 += ap[2 * ars] * bv;
				c3 += ap[3 * ars] * bv;
				c4 += ap[4 * ars] * bv;
				c5 += ap[5 * ars] * bv;
				c6 += ap[6 * ars] * bv;
				c7 += ap[7 * ars] * bv;
			}
			vstore(cj, c0);
			vstore(cj + ldc, c1);
			vstore(cj + 2 * ldc, c2);
			vstore(cj + 3 * ldc, c3);
			vstore(cj + 4 * ldc, c4);
			vstore(cj + 5 * ldc, c5);
			vstore(cj + 6 * ldc, c6);
			vstore(cj + 7 * ldc, c7);
		}
	}
#endif
	for (; i + 4 <= m; i += 4) {
		const float *a0 = a + i * ars, *a1 = a0 + ars, *a2 = a1 + ars,
		    *a3 = a2 + ars;
		size_t j = 0;

		for (; j < nv2; j += 2 * VW) {
			float *cj = c + i * ldc + j;
			vf c0 = vload(cj), c1 = vload(cj + ldc),
			    c2 = vload(cj + 2 * ldc), c3 = vload(cj + 3 * ldc);
			vf d0 = vload(cj + VW), d1 = vload(cj + ldc + VW),
			    d2 = vload(cj + 2 * ldc + VW),
			    d3 = vload(cj + 3 * ldc + VW);

			for (size_t p = 0; p < k; p++) {
				vf bv = vload(b + p * ldb + j);
				vf bw = vload(b + p * ldb + j + VW);
				float s0 = a0[p * acs], s1 = a1[p * acs],
				    s2 = a2[p * acs], s3 = a3[p * acs];

				c0 += s0 * bv;
				d0 += s0 * bw;
				c1 += s1 * bv;
				d1 += s1 * bw;
				c2 += s2 * bv;
				d2 += s2 * bw;
				c3 += s3 * bv;
				d3 += s3 * bw;
			}
			vstore(cj, c0);
			vstore(cj + ldc, c1);
			vstore(cj + 2 * ldc, c2);
			vstore(cj + 3 * ldc, c3);
			vstore(cj + VW, d0);
			vstore(cj + ldc + VW, d1);
			vstore(cj + 2 * ldc + VW, d2);
			vstore(cj + 3 * ldc + VW, d3);
		}
		for (; j < nv; j += VW) {
			float *cj = c + i * ldc + j;
			vf c0 = vload(cj), c1 = vload(cj + ldc),
			    c2 = vload(cj + 2 * ldc), c3 = vload(cj + 3 * ldc);

			for (size_t p = 0; p < k; p++) {
				vf bv = vload(b + p * ldb + j);

				c0 += a0[p * acs] * bv;
				c1 += a1[p * acs] * bv;
				c2 += a2[p * acs] * bv;
				c3 += a3[p * acs] * bv;
			}
			vstore(cj, c0);
			vstore(cj + ldc, c1);
			vstore(cj + 2 * ldc, c2);
			vstore(cj + 3 * ldc, c3);
		}
	}
	for (; i < m; i++) {
		const float *ai = a + i * ars;
		float *ci = c + i * ldc;
		size_t j = 0;

		/* four vectors at a time: four independent sums */
		for (; j + 4 * VW <= nv; j += 4 * VW) {
			vf c0 = vload(ci + j), c1 = vload(ci + j + VW),
			    c2 = vload(ci + j + 2 * VW),
			    c3 = vload(ci + j + 3 * VW);

			for (size_t p = 0; p < k; p++) {
				const float *bp = b + p * ldb + j;
				float s = ai[p * acs];

				c0 += s * vload(bp);
				c1 += s * vload(bp + VW);
				c2 += s * vload(bp + 2 * VW);
				c3 += s * vload(bp + 3 * VW);
			}
			vstore(ci + j, c0);
			vstore(ci + j + VW, c1);
			vstore(ci + j + 2 * VW, c2);
			vstore(ci + j + 3 * VW, c3);
		}
		for (; j < nv; j += VW) {
			vf c0 = vload(ci + j);

			for (size_t p = 0; p < k; p++)
				c0 += ai[p * acs] * vload(b + p * ldb + j);
			vstore(ci + j, c0);
		}
	}
	for (i = 0; nv < n && i < m; i++) {
		for (size_t j = nv; j < n; j++) {
			float s = c[i * ldc + j];

			for (size_t p = 0; p < k; p++)
				s += a[i * ars + p * acs] * b[p * ldb + j];
			c[i * ldc + j] = s;
		}
	}
}

/* C (m x n) += A B, with A's entry (i, p) at a[i * ars + p * acs]: the
 * sum over p in panels of GEMM_PANEL terms, so that a long sum (a weight
 * gradient over every step of a batch) reads its panel of A and B from the
 * L1 cache for every tile of C instead of streaming all of them once per
 * tile. C holds the running sums between panels, so each entry still adds
 * its terms in the order of p: the same bits as one pass. */
static __attribute__((unused)) void
gemm(float *c, size_t ldc, const float *a, size_t ars, size_t acs,
    const float *b, size_t ldb, size_t m, size_t k, size_t n)
{
	for (size_t p0 = 0; p0 < k; p0 += GEMM_PANEL)
		gemm_panel(c, ldc, a + p0 * acs, ars, acs, b + p0 * ldb, ldb,
		    m, k - p0 < GEMM_PANEL ? k - p0 : GEMM_PANEL, n);
}

/* y[j] += sum over the k rows of A (k x n), in row order. */
NN_INLINE void
colsum_acc(float *y, const float *a, size_t k, size_t n)
{
	size_t nv = n - n % VW, j = 0;

	/* four vectors at a time: four independent sums */
	for (; j + 4 * VW <= nv; j += 4 * VW) {
		vf s0 = vload(y + j), s1 = vload(y + j + VW),
		    s2 = vload(y + j + 2 * VW), s3 = vload(y + j + 3 * VW);

		for (size_t p = 0; p < k; p++) {
			const float *ap = a + p * n + j;

			s0 += vload(ap);
			s1 += vload(ap + VW);
			s2 += vload(ap + 2 * VW);
			s3 += vload(ap + 3 * VW);
		}
		vstore(y + j, s0);
		vstore(y + j + VW, s1);
		vstore(y + j + 2 * VW, s2);
		vstore(y + j + 3 * VW, s3);
	}
	for (; j < nv; j += VW) {
		vf s = vload(y + j);

		for (size_t p = 0; p < k; p++)
			s += vload(a + p * n + j);
		vstore(y + j, s);
	}
	for (j = nv; j < n; j++) {
		float s = y[j];

		for (size_t p = 0; p < k; p++)
			s += a[p * n + j];
		y[j] = s;
	}
}

/* Adam on n floats, nn_nn_adam_scalar() lane by lane. */
static __attribute__((unused)) void
adam(float *p, float *m, float *v, const float *g, size_t n, float b1,
    float b2, float eps, float step_size, float c2_sqrt)
{
	size_t k = 0;

	for (; k + VW <= n; k += VW) {
		vf gk = vload(g + k);
		vf mk = vload(m + k) * b1 + gk * (1.0f - b1);
		vf vk = vload(v + k) * b2 + (gk * gk) * (1.0f - b2);
		vf denom = vsqrt(&vk) / c2_sqrt + eps;

		vstore(m + k, mk);
		vstore(v + k, vk);
		vstore(p + k, vload(p + k) + -step_size * (mk / denom));
	}
	for (; k < n; k++)
		nn_adam_scalar(p, m, v, g, k, b1, b2, eps, step_size, c2_sqrt);
}

#else	/* NN_SGEMM_SIMD_UNDEF: forget every name for the next width */

#undef VW
#undef vf
#undef vi
#undef vu
#undef vf_mem
#undef vload
#undef vstore
#undef vselect
#undef vexp
#undef vsigmoid
#undef vtanh
#undef vsqrt
#undef gemm
#undef gemm_panel
#undef colsum_acc
#undef adam

#endif

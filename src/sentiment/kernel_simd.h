/* kernel_simd: the vector half of kernel.c, written once
 * and compiled once per vector width.
 *
 * Not a header for anyone else, and without an include guard on purpose:
 * kernel.c includes it once for 16-byte vectors (any processor:
 * SSE2 on x86-64, NEON on ARM) and once, under an AVX2 target pragma, for
 * 32-byte vectors. Before each inclusion it defines
 *
 *     VBYTES          the vector size in bytes (16 or 32)
 *     SIMD_NAME(x)    a name of this inclusion's own for x (x_16, x_32)
 *
 * and it provides the scalar helpers (sexp, ssigmoid, stanh,
 * lstm_cell_scalar, lstm_grad_scalar, adam_scalar, start_rows) that handle
 * the units past the last whole vector. Each inclusion defines
 * SIMD_NAME(forward), SIMD_NAME(backward) and SIMD_NAME(adam) with the
 * contracts of sentiment_kernel_forward, _backward and sentiment_adam, plus
 * SIMD_NAME(gemm); every name below is #undef'd at the end.
 *
 * The lanes of a vector do exactly what the scalar helpers do, operation
 * for operation, so both widths (and the tails) give the same bits. */

#define VW		(VBYTES / 4)	/* floats per vector */
#define vf		SIMD_NAME(vf)
#define vi		SIMD_NAME(vi)
#define vu		SIMD_NAME(vu)
#define vf_mem		SIMD_NAME(vf_mem)
#define vload		SIMD_NAME(vload)
#define vexp		SIMD_NAME(vexp)
#define vsigmoid	SIMD_NAME(vsigmoid)
#define vtanh		SIMD_NAME(vtanh)
#define gemm		SIMD_NAME(gemm)
#define colsum_acc	SIMD_NAME(colsum_acc)
#define lstm_cell	SIMD_NAME(lstm_cell)
#define lstm_grad	SIMD_NAME(lstm_grad)
#define rnn_cell	SIMD_NAME(rnn_cell)
#define rnn_grad	SIMD_NAME(rnn_grad)
#define forward		SIMD_NAME(forward)
#define backward	SIMD_NAME(backward)
#define vsqrt		SIMD_NAME(vsqrt)
#define adam		SIMD_NAME(adam)

typedef float vf __attribute__((vector_size(VBYTES)));
typedef int32_t vi __attribute__((vector_size(VBYTES)));
typedef uint32_t vu __attribute__((vector_size(VBYTES)));
/* for loads and stores at any float address */
typedef float vf_mem __attribute__((vector_size(VBYTES), aligned(4),
    may_alias));

/* VW floats from any float address. */
INLINE vf
vload(const float *p)
{
	return *(const vf_mem *)p;
}

#define vstore(p, v) (*(vf_mem *)(p) = (v))
/* a where mask is set, b elsewhere (mask lanes are 0 or -1) */
#define vselect(mask, a, b) ((vf)(((vi)(a) & (mask)) | ((vi)(b) & ~(mask))))

/* e^x on every lane: sexp() step for step. The helpers take their vectors
 * by address: GCC notes a change of ABI for vectors passed by value, even
 * to functions it inlines. */
INLINE vf
vexp(const vf *xp)
{
	vf lo = (vf){0} + EXP_LO, hi = (vf){0} + EXP_HI, x = *xp, t, kf, r, p;
	vi k;

	x = vselect(x < lo, lo, x);
	x = vselect(x > hi, hi, x);
	t = x * LOG2E + ROUNDER;
	kf = t - ROUNDER;
	k = (vi)((vu)t - ROUNDER_BITS);
	r = x - kf * LN2_HI;
	r = r - kf * LN2_LO;
	p = P0 * r + P1;
	p = p * r + P2;
	p = p * r + P3;
	p = p * r + P4;
	p = p * r + P5;
	p = p * (r * r) + r + 1.0f;
	return p * (vf)((vu)(k + 127) << 23);
}

/* 1 / (1 + e^-x) on every lane. */
INLINE vf
vsigmoid(const vf *x)
{
	vf minus = -*x;

	return 1.0f / (1.0f + vexp(&minus));
}

/* tanh on every lane, as stanh(). */
INLINE vf
vtanh(const vf *x)
{
	vu sign = (vu)*x & 0x80000000u;
	vf arg = -2.0f * (vf)((vu)*x & 0x7FFFFFFFu), t = vexp(&arg);

	return (vf)((vu)((1.0f - t) / (1.0f + t)) | sign);
}

/* The square root of every lane, correctly rounded as sqrtf(): the
 * processor's instruction where we know it, else lane by lane. */
INLINE vf
vsqrt(const vf *x)
{
#if VBYTES == 32 && defined(__AVX__)
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

/* C (m x n) += A B, with A's entry (i, p) at a[i * ars + p * acs]. A tile
 * of 4 rows by two vectors stays in registers for the whole sum over p
 * (eight independent sums keep the adders busy); then 4 rows by one
 * vector, single rows, and the columns past the last whole vector one by
 * one, every sum in the order of p. */
static void
gemm(float *c, size_t ldc, const float *a, size_t ars, size_t acs,
    const float *b, size_t ldb, size_t m, size_t k, size_t n)
{
	size_t nv = n - n % VW, nv2 = n - n % (2 * VW), i = 0;

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

		for (size_t j = 0; j < nv; j += VW) {
			vf c0 = vload(c + i * ldc + j);

			for (size_t p = 0; p < k; p++)
				c0 += ai[p * acs] * vload(b + p * ldb + j);
			vstore(c + i * ldc + j, c0);
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

/* y[j] += sum over the k rows of A (k x n), in row order. */
INLINE void
colsum_acc(float *y, const float *a, size_t k, size_t n)
{
	size_t nv = n - n % VW;

	for (size_t j = 0; j < nv; j += VW) {
		vf s = vload(y + j);

		for (size_t p = 0; p < k; p++)
			s += vload(a + p * n + j);
		vstore(y + j, s);
	}
	for (size_t j = nv; j < n; j++) {
		float s = y[j];

		for (size_t p = 0; p < k; p++)
			s += a[p * n + j];
		y[j] = s;
	}
}

/* One LSTM step for one row: the gates in z (blocks i, f, g, o of H) get
 * their activations, the cell goes from cprev (NULL at t = 0) to c,
 * tanh(c) to tc, h = o tanh(c) to h. */
INLINE void
lstm_cell(float *z, const float *cprev, float *c, float *tc, float *h,
    size_t nh)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf zi = vload(z + j), zf = vload(z + nh + j),
		    zg = vload(z + 2 * nh + j), zo = vload(z + 3 * nh + j);
		vf i = vsigmoid(&zi), f = vsigmoid(&zf), g = vtanh(&zg),
		    o = vsigmoid(&zo);
		vf cp = cprev != NULL ? vload(cprev + j) : (vf){0};
		vf cv = f * cp + i * g, t = vtanh(&cv);

		vstore(z + j, i);
		vstore(z + nh + j, f);
		vstore(z + 2 * nh + j, g);
		vstore(z + 3 * nh + j, o);
		vstore(c + j, cv);
		vstore(tc + j, t);
		vstore(h + j, o * t);
	}
	for (; j < nh; j++)
		lstm_cell_scalar(z, cprev, c, tc, h, nh, j);
}

/* dL/dz of one LSTM row (lstm.h's equations); gh is the total dL/dh_t, gc
 * carries gc_{t+1} f_{t+1} in and gc_t f_t out. */
INLINE void
lstm_grad(float *dz, float *gc, const float *gh, const float *z,
    const float *tc, const float *cprev, size_t nh)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf i = vload(z + j), f = vload(z + nh + j),
		    g = vload(z + 2 * nh + j), o = vload(z + 3 * nh + j),
		    t = vload(tc + j), h = vload(gh + j);
		vf cp = cprev != NULL ? vload(cprev + j) : (vf){0};
		vf cg = h * o * (1.0f - t * t) + vload(gc + j);

		vstore(dz + j, cg * g * i * (1.0f - i));
		vstore(dz + nh + j, cg * cp * f * (1.0f - f));
		vstore(dz + 2 * nh + j, cg * i * (1.0f - g * g));
		vstore(dz + 3 * nh + j, h * t * o * (1.0f - o));
		vstore(gc + j, cg * f);
	}
	for (; j < nh; j++)
		lstm_grad_scalar(dz, gc, gh, z, tc, cprev, nh, j);
}

/* h = tanh(z) in place, then copied to out. */
INLINE void
rnn_cell(float *z, float *out, size_t nh)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf zv = vload(z + j), hv = vtanh(&zv);

		vstore(z + j, hv);
		vstore(out + j, hv);
	}
	for (; j < nh; j++)
		out[j] = z[j] = stanh(z[j]);
}

/* da = gh (1 - h^2) for one RNN row. */
INLINE void
rnn_grad(float *da, const float *gh, const float *h, size_t nh)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf hv = vload(h + j);

		vstore(da + j, vload(gh + j) * (1.0f - hv * hv));
	}
	for (; j < nh; j++)
		da[j] = gh[j] * (1.0f - h[j] * h[j]);
}

/* z rows = b_ih + b_hh, then += X W_ih^T over all N rows; then step by
 * step += h_{t-1} W_hh^T and the cell. */
static void
forward(struct sentiment_cache *cache, const struct sentiment_net *net,
    const float *wt_ih, const float *wt_hh, const struct sentiment_pack *pk,
    const struct sentiment_dims *d)
{
	size_t nh = d->hidden, ng = d->gates, ne = d->embed;
	int lstm = d->cell == SENTIMENT_LSTM;

	if (pk->tokens == 0)
		return;
	for (size_t j = 0; j < ng; j++)
		cache->z[j] = net->b_ih[j] + net->b_hh[j];
	for (size_t row = 1; row < pk->tokens; row++)
		memcpy(cache->z + row * ng, cache->z, ng * sizeof *cache->z);
	gemm(cache->z, ng, cache->x, ne, 1, wt_ih, ng, pk->tokens, ne, ng);
	memset(cache->hprev, 0, pk->batch[0] * nh * sizeof *cache->hprev);
	for (size_t t = 0; t < pk->steps; t++) {
		size_t nb = pk->batch[t], off = pk->offset[t];
		size_t next = t + 1 < pk->steps ? pk->batch[t + 1] : 0;
		float *z = cache->z + off * ng;

		if (t > 0)
			gemm(z, ng, cache->hprev + off * nh, nh, 1, wt_hh, ng,
			    nb, nh, ng);
		for (size_t r = 0; r < nb; r++) {
			/* h_t goes where step t+1 reads it, or is the last */
			float *h = r < next ?
			    cache->hprev + (pk->offset[t + 1] + r) * nh :
			    cache->hlast + r * nh;

			if (lstm)
				lstm_cell(z + r * ng, t > 0 ? cache->c +
				    (pk->offset[t - 1] + r) * nh : NULL,
				    cache->c + (off + r) * nh,
				    cache->tc + (off + r) * nh, h, nh);
			else
				rnn_cell(z + r * ng, h, nh);
		}
	}
}

/* From the last step down: dz_t row by row, then gh_{t-1} = dz_t W_hh for
 * the rows that go on, and the rows whose sentence ends at t-1 start. The
 * weight gradients and dx are products over all N rows at the end. */
static void
backward(float *dx, struct sentiment_net *grad, float *dz, float *gh,
    float *gc, const float *dhlast, const struct sentiment_cache *cache,
    const struct sentiment_net *net, const struct sentiment_pack *pk,
    const struct sentiment_dims *d)
{
	size_t nh = d->hidden, ng = d->gates, ne = d->embed, tokens = pk->tokens;
	size_t first = pk->steps > 0 ? pk->batch[0] : 0;
	int lstm = d->cell == SENTIMENT_LSTM;

	if (pk->steps == 0)
		return;
	start_rows(gh, gc, dhlast, 0, pk->batch[pk->steps - 1], nh);
	for (size_t t = pk->steps; t-- > 0;) {
		size_t nb = pk->batch[t], off = pk->offset[t];

		for (size_t r = 0; r < nb; r++) {
			size_t row = off + r;

			if (lstm)
				lstm_grad(dz + row * ng, gc + r * nh,
				    gh + r * nh, cache->z + row * ng,
				    cache->tc + row * nh, t > 0 ? cache->c +
				    (pk->offset[t - 1] + r) * nh : NULL, nh);
			else
				rnn_grad(dz + row * ng, gh + r * nh,
				    cache->z + row * ng, nh);
		}
		if (t == 0)
			break;
		/* gh_{t-1} = W_hh^T dz_t (no loss term: only last steps
		 * have one) */
		memset(gh, 0, nb * nh * sizeof *gh);
		gemm(gh, nh, dz + off * ng, ng, 1, net->w_hh, nh, nb, ng, nh);
		start_rows(gh, gc, dhlast, nb, pk->batch[t - 1], nh);
	}
	/* dW_ih += dZ^T X, dW_hh += dZ^T H_prev (steps 1.. only: h_{-1} = 0),
	 * db += column sums, dX = dZ W_ih */
	gemm(grad->w_ih, ne, dz, 1, ng, cache->x, ne, ng, tokens, ne);
	gemm(grad->w_hh, nh, dz + first * ng, 1, ng, cache->hprev + first * nh,
	    nh, ng, tokens - first, nh);
	colsum_acc(grad->b_ih, dz, tokens, ng);
	colsum_acc(grad->b_hh, dz, tokens, ng);
	memset(dx, 0, tokens * ne * sizeof *dx);
	gemm(dx, ne, dz, ng, 1, net->w_ih, ne, tokens, ng, ne);
}

/* Adam on n floats, adam_scalar() lane by lane. */
static void
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
		adam_scalar(p, m, v, g, k, b1, b2, eps, step_size, c2_sqrt);
}

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
#undef gemm
#undef colsum_acc
#undef lstm_cell
#undef lstm_grad
#undef rnn_cell
#undef rnn_grad
#undef forward
#undef backward
#undef vsqrt
#undef adam

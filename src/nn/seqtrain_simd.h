/* seqtrain_simd: the vector half of seqtrain_kernel.c, written once and
 * compiled once per vector width.
 *
 * Not a header for anyone else, and without an include guard on purpose:
 * seqtrain_kernel.c includes it once for 16-byte vectors and once, under an
 * AVX2 target pragma, for 32-byte vectors, each time with VBYTES and
 * SIMD_NAME(x) defined (see nn/sgemm_simd.h, included here for the vector
 * types, e^x, the activations and gemm). Each inclusion defines
 * SIMD_NAME(forward), SIMD_NAME(backward) and SIMD_NAME(weights) with the
 * contracts of seqtrain_kernel_forward, _backward and _weights. The lanes do exactly what the
 * scalar helpers of seqtrain_kernel.c do, operation for operation. */

#include "nn/sgemm_simd.h"
#include "nn/cell_simd.h"

#define rnn_cell	SIMD_NAME(rnn_cell)
#define rnn_grad	SIMD_NAME(rnn_grad)
#define forward		SIMD_NAME(forward)
#define backward	SIMD_NAME(backward)
#define weights		SIMD_NAME(weights)
#define proj		SIMD_NAME(proj)

/* h = act(z) for one rnn row, into z and out. */
NN_INLINE void
rnn_cell(float *z, float *out, size_t nh, int relu)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf zv = vload(z + j), hv;

		if (relu)
			hv = vselect(zv < 0.0f, (vf){0}, zv);
		else
			hv = vtanh(&zv);
		vstore(z + j, hv);
		vstore(out + j, hv);
	}
	for (; j < nh; j++)
		rnn_cell_scalar(z, out, j, relu);
}

/* da = gh act'(a) for one rnn row, from h = act(a). */
NN_INLINE void
rnn_grad(float *da, const float *gh, const float *h, size_t nh, int relu)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf hv = vload(h + j), g = vload(gh + j);

		if (relu)
			vstore(da + j, g * vselect(hv > 0.0f, (vf){0} + 1.0f,
			    (vf){0}));
		else
			vstore(da + j, g * (1.0f - hv * hv));
	}
	for (; j < nh; j++)
		rnn_grad_scalar(da, gh, h, j, relu);
}

/* C (m x n, rows n apart) = bias0 (+ bias1) + A1 B1 + A2 B2, A1 m x k1
 * and A2 m x k2 (rows k1 and k2 apart), B1 k1 x n and B2 k2 x n: a step's
 * pre-activations b + x W_ih^T + h W_hh^T in one pass, each entry's terms
 * in the order the separate products (the biases copied into C, then
 * gemm of the inputs, then gemm of h) add them, so the same bits, without
 * the copies and without C going to memory between the two products. A
 * tile of 4 rows by two vectors stays in registers, then 4 rows by one,
 * single rows and the columns past the last whole vector. A product with
 * no terms (k1 or k2 = 0: no input part, or h_{-1} = 0 at step 0) is
 * skipped, so its A and B may be NULL. */
static void
proj(float *c, const float *bias0, const float *bias1, const float *a1,
    size_t k1, const float *b1, const float *a2, size_t k2,
    const float *b2, size_t m, size_t n)
{
	size_t nv = n - n % VW, nv2 = n - n % (2 * VW), i = 0;

#define PROJ_BIAS(j) (bias1 != NULL ? vload(bias0 + (j)) + \
	vload(bias1 + (j)) : vload(bias0 + (j)))
#if VBYTES == 64
	/* with 32 vector registers: 8 rows by two vectors (gemm's tile),
	 * where pairs of vectors make up the whole row */
	for (; nv2 == n && i + 8 <= m; i += 8)
		for (size_t j = 0; j < nv2; j += 2 * VW) {
			vf c0 = PROJ_BIAS(j), d0 = PROJ_BIAS(j + VW);
			vf c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0,
			    c7 = c0;
			vf d1 = d0, d2 = d0, d3 = d0, d4 = d0, d5 = d0, d6 = d0,
			    d7 = d0;
			float *cj = c + i * n + j;

			for (int seg = 0; seg < 2; seg++) {
				size_t k = seg ? k2 : k1;
				if (k == 0)
					continue;	/* its A and B may be NULL */
				const float *a = (seg ? a2 : a1) + i * k;
				const float *b = (seg ? b2 : b1) + j;

				for (size_t p = 0; p < k; p++) {
					vf bv = vload(b + p * n);
					vf bw = vload(b + p * n + VW);
					float sv;

					sv = a[p];
					c0 += sv * bv;
					d0 += sv * bw;
					sv = a[k + p];
					c1 += sv * bv;
					d1 += sv * bw;
					sv = a[2 * k + p];
					c2 += sv * bv;
					d2 += sv * bw;
					sv = a[3 * k + p];
					c3 += sv * bv;
					d3 += sv * bw;
					sv = a[4 * k + p];
					c4 += sv * bv;
					d4 += sv * bw;
					sv = a[5 * k + p];
					c5 += sv * bv;
					d5 += sv * bw;
					sv = a[6 * k + p];
					c6 += sv * bv;
					d6 += sv * bw;
					sv = a[7 * k + p];
					c7 += sv * bv;
					d7 += sv * bw;
				}
			}
			vstore(cj, c0);
			vstore(cj + n, c1);
			vstore(cj + 2 * n, c2);
			vstore(cj + 3 * n, c3);
			vstore(cj + 4 * n, c4);
			vstore(cj + 5 * n, c5);
			vstore(cj + 6 * n, c6);
			vstore(cj + 7 * n, c7);
			vstore(cj + VW, d0);
			vstore(cj + n + VW, d1);
			vstore(cj + 2 * n + VW, d2);
			vstore(cj + 3 * n + VW, d3);
			vstore(cj + 4 * n + VW, d4);
			vstore(cj + 5 * n + VW, d5);
			vstore(cj + 6 * n + VW, d6);
			vstore(cj + 7 * n + VW, d7);
		}
#endif
	for (; i + 4 <= m; i += 4) {
		size_t j = 0;

		for (; j < nv2; j += 2 * VW) {
			vf c0 = PROJ_BIAS(j), d0 = PROJ_BIAS(j + VW);
			vf c1 = c0, c2 = c0, c3 = c0, d1 = d0, d2 = d0, d3 = d0;
			float *cj = c + i * n + j;

			for (int seg = 0; seg < 2; seg++) {
				size_t k = seg ? k2 : k1;
				if (k == 0)
					continue;	/* its A and B may be NULL */
				const float *a = (seg ? a2 : a1) + i * k;
				const float *b = (seg ? b2 : b1) + j;

				for (size_t p = 0; p < k; p++) {
					vf bv = vload(b + p * n);
					vf bw = vload(b + p * n + VW);
					float s0 = a[p], s1 = a[k + p],
					    s2 = a[2 * k + p], s3 = a[3 * k + p];

					c0 += s0 * bv;
					d0 += s0 * bw;
					c1 += s1 * bv;
					d1 += s1 * bw;
					c2 += s2 * bv;
					d2 += s2 * bw;
					c3 += s3 * bv;
					d3 += s3 * bw;
				}
			}
			vstore(cj, c0);
			vstore(cj + n, c1);
			vstore(cj + 2 * n, c2);
			vstore(cj + 3 * n, c3);
			vstore(cj + VW, d0);
			vstore(cj + n + VW, d1);
			vstore(cj + 2 * n + VW, d2);
			vstore(cj + 3 * n + VW, d3);
		}
		for (; j < nv; j += VW) {
			vf c0 = PROJ_BIAS(j), c1 = c0, c2 = c0, c3 = c0;
			float *cj = c + i * n + j;

			for (int seg = 0; seg < 2; seg++) {
				size_t k = seg ? k2 : k1;
				if (k == 0)
					continue;	/* its A and B may be NULL */
				const float *a = (seg ? a2 : a1) + i * k;
				const float *b = (seg ? b2 : b1) + j;

				for (size_t p = 0; p < k; p++) {
					vf bv = vload(b + p * n);

					c0 += a[p] * bv;
					c1 += a[k + p] * bv;
					c2 += a[2 * k + p] * bv;
					c3 += a[3 * k + p] * bv;
				}
			}
			vstore(cj, c0);
			vstore(cj + n, c1);
			vstore(cj + 2 * n, c2);
			vstore(cj + 3 * n, c3);
		}
	}
	for (; i < m; i++)
		for (size_t j = 0; j < nv; j += VW) {
			vf c0 = PROJ_BIAS(j);

			for (int seg = 0; seg < 2; seg++) {
				size_t k = seg ? k2 : k1;
				if (k == 0)
					continue;	/* its A and B may be NULL */
				const float *a = (seg ? a2 : a1) + i * k;
				const float *b = (seg ? b2 : b1) + j;

				for (size_t p = 0; p < k; p++)
					c0 += a[p] * vload(b + p * n);
			}
			vstore(c + i * n + j, c0);
		}
#undef PROJ_BIAS
	for (i = 0; nv < n && i < m; i++)
		for (size_t j = nv; j < n; j++) {
			float sum = bias1 != NULL ? bias0[j] + bias1[j] :
			    bias0[j];

			for (int seg = 0; seg < 2; seg++) {
				size_t k = seg ? k2 : k1;
				if (k == 0)
					continue;	/* its A and B may be NULL */
				const float *a = (seg ? a2 : a1) + i * k;
				const float *b = seg ? b2 : b1;

				for (size_t p = 0; p < k; p++)
					sum += a[p] * b[p * n + j];
			}
			c[i * n + j] = sum;
		}
}

/* Rows [q0, q1), step by step: z = biases + x W_ih^T + h_{t-1} W_hh^T
 * (gru: z = b_ih + x W_ih^T, zh = b_hh + h_{t-1} W_hh^T) in one pass, then
 * the cell, for the rows of each step in the range. */
static void
forward(struct seqtrain_cache *c, const struct seqtrain_net *net,
    const struct seqtrain_dims *d, const float *x, size_t n, size_t q0,
    size_t q1)
{
	size_t nh = d->hidden, ng = d->gates, ni = d->input;
	int relu = d->act == SEQTRAIN_RELU, gru = d->cell == SEQTRAIN_GRU;

	if (q1 <= q0 || n == 0)
		return;
	c->work += (uint64_t)(q1 - q0) * ng * (ni + SEQTRAIN_CELL_WORK);
	for (size_t t = q0 / n; t * n < q1; t++) {
		size_t ra = (q0 > t * n ? q0 : t * n) - t * n;
		size_t m = (q1 < (t + 1) * n ? q1 : (t + 1) * n) - t * n - ra;
		size_t q = t * n + ra, kh = t > 0 ? nh : 0;
		float *z = c->z + q * ng;
		float *hprev = c->hs + q * nh, *hout = hprev + n * nh;
		const float *xq = x + q * ni;

		if (t == 0)
			memset(hprev, 0, m * nh * sizeof *hprev);
		else
			c->work += (uint64_t)m * nh * ng;
		if (gru) {
			float *zh = c->zh + q * ng;

			proj(z, net->b_ih, NULL, xq, ni, c->wt_ih, NULL, 0,
			    NULL, m, ng);
			proj(zh, net->b_hh, NULL, NULL, 0, NULL, hprev, kh,
			    c->wt_hh, m, ng);
			for (size_t r = 0; r < m; r++)
				gru_cell(z + r * ng, zh + r * ng,
				    hprev + r * nh, hout + r * nh, nh);
			continue;
		}
		proj(z, net->b_ih, net->b_hh, xq, ni, c->wt_ih, hprev, kh,
		    c->wt_hh, m, ng);
		for (size_t r = 0; r < m; r++) {
			if (d->cell == SEQTRAIN_LSTM)
				lstm_cell(z + r * ng, t > 0 ? c->c +
				    (q + r - n) * nh : NULL, c->c + (q + r) * nh,
				    c->tc + (q + r) * nh, hout + r * nh, nh);
			else
				rnn_cell(z + r * ng, hout + r * nh, nh, relu);
		}
	}
}

/* Rows [q0, q1) from the highest down: dz_t row by row, then (above step
 * start) gh_{t-1} = dz_t W_hh (gru: z gh_t + dzh_t W_hh) for those rows.
 * A row's gh needs only its own row, and ||dL/dh_t|| is taken before any
 * row of step t changes, so the cut does not change a bit. */
static void
backward(double *reach, struct seqtrain_cache *c,
    const struct seqtrain_net *net, const struct seqtrain_dims *d, size_t n,
    size_t start, size_t q0, size_t q1)
{
	size_t nh = d->hidden, ng = d->gates, nt = d->steps;
	int relu = d->act == SEQTRAIN_RELU, gru = d->cell == SEQTRAIN_GRU;
	const float *dzw = gru ? c->dzh : c->dz;

	if (q1 <= q0 || n == 0)
		return;
	if (q1 == nt * n) {
		if (d->cell == SEQTRAIN_LSTM)
			memset(c->gc, 0, n * nh * sizeof *c->gc);
		for (size_t t = 0; t < start; t++)
			reach[t] = 0.0;
	}
	for (size_t t = (q1 - 1) / n;; t--) {
		size_t ra = (q0 > t * n ? q0 : t * n) - t * n;
		size_t rb = (q1 < (t + 1) * n ? q1 : (t + 1) * n) - t * n;
		size_t m = rb - ra;
		float *dz = c->dz + t * n * ng;
		const float *z = c->z + t * n * ng, *hprev = c->hs + t * n * nh;

		if (rb == n) {
			reach[t] = norm_of(c->gh, n * nh);
			c->work += (uint64_t)n * nh;
		}
		for (size_t r = ra; r < rb; r++) {
			if (gru)
				gru_grad(dz + r * ng, c->dzh + (t * n + r) * ng,
				    c->gskip + r * nh, c->gh + r * nh,
				    z + r * ng, c->zh + (t * n + r) * ng,
				    hprev + r * nh, nh);
			else if (d->cell == SEQTRAIN_LSTM)
				lstm_grad(dz + r * ng, c->gc + r * nh,
				    c->gh + r * nh, z + r * ng,
				    c->tc + (t * n + r) * nh, t > 0 ? c->c +
				    ((t - 1) * n + r) * nh : NULL, nh);
			else
				rnn_grad(dz + r * ng, c->gh + r * nh,
				    z + r * ng, nh, relu);
		}
		c->work += (uint64_t)m * ng * SEQTRAIN_CELL_WORK;
		if (t == start)
			break;
		if (gru)
			memcpy(c->gh + ra * nh, c->gskip + ra * nh,
			    m * nh * sizeof *c->gh);
		else
			memset(c->gh + ra * nh, 0, m * nh * sizeof *c->gh);
		gemm(c->gh + ra * nh, nh, dzw + (t * n + ra) * ng, ng, 1,
		    net->w_hh, nh, m, ng, nh);
		c->work += (uint64_t)m * ng * nh;
		if (t * n <= q0)
			break;
	}
}

/* Rows [q0, q1) of the weight gradients: dW_ih^T += X^T dZ (vectors along
 * the G H gates, not the few inputs), dW_hh += dZ^T H_prev over steps
 * t >= max(start, 1) (h_{-1} = 0), the biases += the column sums. Each
 * product adds its terms in the order of the rows, chunk after chunk. */
static void
weights(struct seqtrain_net *grad, struct seqtrain_cache *c,
    const struct seqtrain_dims *d, size_t n, size_t start, size_t q0,
    size_t q1)
{
	size_t nh = d->hidden, ng = d->gates, ni = d->input, nt = d->steps;
	size_t k = q1 - q0, a = (start > 0 ? start : 1) * n;
	const float *dzw = d->cell == SEQTRAIN_GRU ? c->dzh : c->dz;

	if (n == 0)
		return;
	if (q0 == start * n) {
		memset(c->dwt_ih, 0, ni * ng * sizeof *c->dwt_ih);
		c->work += (uint64_t)ni * ng;
	}
	if (q1 > q0) {
		gemm(c->dwt_ih, ng, c->x + q0 * ni, 1, ni, c->dz + q0 * ng,
		    ng, ni, k, ng);
		if (a < q0)
			a = q0;
		if (q1 > a)
			gemm(grad->w_hh, nh, dzw + a * ng, 1, ng,
			    c->hs + a * nh, nh, ng, q1 - a, nh);
		colsum_acc(grad->b_ih, c->dz + q0 * ng, k, ng);
		if (dzw != c->dz)
			colsum_acc(grad->b_hh, dzw + q0 * ng, k, ng);
		c->work += (uint64_t)k * ng * (ni + nh + 2);
	}
	if (q1 == nt * n) {
		/* rnn, lstm: both biases sum the same dz from the same zero */
		if (dzw == c->dz)
			memcpy(grad->b_hh, grad->b_ih, ng * sizeof *grad->b_hh);
		for (size_t g = 0; g < ng; g++)
			for (size_t i = 0; i < ni; i++)
				grad->w_ih[g * ni + i] += c->dwt_ih[i * ng + g];
		c->work += (uint64_t)ni * ng;
	}
}

#undef rnn_cell
#undef rnn_grad
#undef forward
#undef backward
#undef weights
#undef proj
#define NN_CELL_SIMD_UNDEF
#include "nn/cell_simd.h"
#undef NN_CELL_SIMD_UNDEF
#define NN_SGEMM_SIMD_UNDEF
#include "nn/sgemm_simd.h"
#undef NN_SGEMM_SIMD_UNDEF

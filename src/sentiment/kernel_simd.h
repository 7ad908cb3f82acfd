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
 * and it provides the scalar helpers (lstm_cell_scalar, lstm_grad_scalar,
 * gru_cell_scalar, gru_grad_scalar, start_rows) that handle the units past the last whole vector; the vector
 * types, e^x, the activations and gemm come from nn/sgemm_simd.h, included
 * here. Each inclusion defines SIMD_NAME(forward) and SIMD_NAME(backward)
 * with the contracts of sentiment_kernel_forward and _backward; every name
 * below is #undef'd at the end.
 *
 * The lanes of a vector do exactly what the scalar helpers do, operation
 * for operation, so both widths (and the tails) give the same bits. */

#include "nn/sgemm_simd.h"
#include "nn/cell_simd.h"

#define rnn_cell	SIMD_NAME(rnn_cell)
#define rnn_grad	SIMD_NAME(rnn_grad)
#define forward		SIMD_NAME(forward)
#define backward	SIMD_NAME(backward)

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
		out[j] = z[j] = nn_stanh(z[j]);
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

/* z rows = b_ih + b_hh (GRU: b_ih), then += X W_ih^T over all N rows;
 * then step by step += h_{t-1} W_hh^T (GRU: into zh, from b_hh) and the
 * cell. */
static void
forward(struct sentiment_cache *cache, const struct sentiment_net *net,
    const float *wt_ih, const float *wt_hh, const struct sentiment_pack *pk,
    const struct sentiment_dims *d)
{
	size_t nh = d->hidden, ng = d->gates, ne = d->embed;
	int lstm = d->cell == SENTIMENT_LSTM, gru = d->cell == SENTIMENT_GRU;

	if (pk->tokens == 0)
		return;
	for (size_t j = 0; j < ng; j++)
		cache->z[j] = gru ? net->b_ih[j] : net->b_ih[j] + net->b_hh[j];
	for (size_t row = 1; row < pk->tokens; row++)
		memcpy(cache->z + row * ng, cache->z, ng * sizeof *cache->z);
	gemm(cache->z, ng, cache->x, ne, 1, wt_ih, ng, pk->tokens, ne, ng);
	memset(cache->hprev, 0, pk->batch[0] * nh * sizeof *cache->hprev);
	for (size_t t = 0; t < pk->steps; t++) {
		size_t nb = pk->batch[t], off = pk->offset[t];
		size_t next = t + 1 < pk->steps ? pk->batch[t + 1] : 0;
		/* zh exists for the GRU only: no offset on a null pointer */
		float *z = cache->z + off * ng;
		float *zh = gru ? cache->zh + off * ng : NULL;

		if (gru) {
			for (size_t r = 0; r < nb; r++)
				memcpy(zh + r * ng, net->b_hh,
				    ng * sizeof *zh);
			if (t > 0)
				gemm(zh, ng, cache->hprev + off * nh, nh, 1,
				    wt_hh, ng, nb, nh, ng);
		} else if (t > 0) {
			gemm(z, ng, cache->hprev + off * nh, nh, 1, wt_hh, ng,
			    nb, nh, ng);
		}
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
			else if (gru)
				gru_cell(z + r * ng, zh + r * ng,
				    cache->hprev + (off + r) * nh, h, nh);
			else
				rnn_cell(z + r * ng, h, nh);
		}
	}
}

/* From the last step down: dz_t row by row, then gh_{t-1} = dz_t W_hh
 * (GRU: z_t gh_t + dzh_t W_hh) for the rows that go on, and the rows whose
 * sentence ends at t-1 start. The weight gradients and dx are products over
 * all N rows at the end. For the GRU, gc holds gskip = z_t gh_t. */
static void
backward(float *dx, struct sentiment_net *grad, float *dz, float *dzh,
    float *gh, float *gc, const float *dhlast,
    const struct sentiment_cache *cache, const struct sentiment_net *net,
    const struct sentiment_pack *pk, const struct sentiment_dims *d)
{
	size_t nh = d->hidden, ng = d->gates, ne = d->embed, tokens = pk->tokens;
	size_t first = pk->steps > 0 ? pk->batch[0] : 0;
	int lstm = d->cell == SENTIMENT_LSTM, gru = d->cell == SENTIMENT_GRU;
	const float *dzw = gru ? dzh : dz;	/* dL/d(W_hh h_{t-1} + b_hh) */

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
			else if (gru)
				gru_grad(dz + row * ng, dzh + row * ng,
				    gc + r * nh, gh + r * nh,
				    cache->z + row * ng, cache->zh + row * ng,
				    cache->hprev + row * nh, nh);
			else
				rnn_grad(dz + row * ng, gh + r * nh,
				    cache->z + row * ng, nh);
		}
		if (t == 0)
			break;
		/* gh_{t-1} = W_hh^T dz_t (no loss term: only last steps
		 * have one); the GRU adds its direct path z_t gh_t */
		if (gru)
			memcpy(gh, gc, nb * nh * sizeof *gh);
		else
			memset(gh, 0, nb * nh * sizeof *gh);
		gemm(gh, nh, dzw + off * ng, ng, 1, net->w_hh, nh, nb, ng, nh);
		start_rows(gh, gc, dhlast, nb, pk->batch[t - 1], nh);
	}
	/* dW_ih += dZ^T X, dW_hh += dZ^T H_prev (steps 1.. only: h_{-1} = 0),
	 * db += column sums, dX = dZ W_ih (GRU: dZh for the W_hh side) */
	gemm(grad->w_ih, ne, dz, 1, ng, cache->x, ne, ng, tokens, ne);
	gemm(grad->w_hh, nh, dzw + first * ng, 1, ng,
	    cache->hprev + first * nh, nh, ng, tokens - first, nh);
	colsum_acc(grad->b_ih, dz, tokens, ng);
	colsum_acc(grad->b_hh, dzw, tokens, ng);
	memset(dx, 0, tokens * ne * sizeof *dx);
	gemm(dx, ne, dz, ng, 1, net->w_ih, ne, tokens, ng, ne);
}

#undef rnn_cell
#undef rnn_grad
#undef forward
#undef backward
#define NN_CELL_SIMD_UNDEF
#include "nn/cell_simd.h"
#undef NN_CELL_SIMD_UNDEF
#define NN_SGEMM_SIMD_UNDEF
#include "nn/sgemm_simd.h"
#undef NN_SGEMM_SIMD_UNDEF

/* cell_simd: one row of the LSTM and GRU cells on vectors of floats,
 * forward and backward, written once for the sequence trainer
 * (nn/seqtrain_simd.h) and the sentiment pipeline (sentiment/kernel_simd.h).
 *
 * Not a header for anyone else, and without an include guard on purpose:
 * those templates include it, after nn/sgemm_simd.h, once per vector width
 * with VBYTES and SIMD_NAME(x) defined, and once more at their end with
 * NN_CELL_SIMD_UNDEF defined, which #undefs its names for the next width.
 * The lanes do exactly what nn/cell_scalar.h's helpers do, which handle the
 * units past the last whole vector: every width gives the same bits. */

#if !defined(NN_CELL_SIMD_UNDEF)

#define lstm_cell	SIMD_NAME(lstm_cell)
#define lstm_grad	SIMD_NAME(lstm_grad)
#define gru_cell	SIMD_NAME(gru_cell)
#define gru_grad	SIMD_NAME(gru_grad)

/* One LSTM step for one row (lstm_cell_scalar lane by lane). */
NN_INLINE void
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

/* dL/dz of one LSTM row (lstm_grad_scalar lane by lane). */
NN_INLINE void
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

/* One GRU step for one row (gru_cell_scalar lane by lane). */
NN_INLINE void
gru_cell(float *zx, const float *zh, const float *hprev, float *h, size_t nh)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf ar = vload(zx + j) + vload(zh + j);
		vf au = vload(zx + nh + j) + vload(zh + nh + j);
		vf r = vsigmoid(&ar), u = vsigmoid(&au);
		vf an = vload(zx + 2 * nh + j) + r * vload(zh + 2 * nh + j);
		vf nv = vtanh(&an);

		vstore(zx + j, r);
		vstore(zx + nh + j, u);
		vstore(zx + 2 * nh + j, nv);
		vstore(h + j, nv + u * (vload(hprev + j) - nv));
	}
	for (; j < nh; j++)
		gru_cell_scalar(zx, zh, hprev, h, nh, j);
}

/* The gradients of one GRU row (gru_grad_scalar lane by lane). */
NN_INLINE void
gru_grad(float *dzx, float *dzh, float *gskip, const float *gh,
    const float *zx, const float *zh, const float *hprev, size_t nh)
{
	size_t j = 0;

	for (; j + VW <= nh; j += VW) {
		vf r = vload(zx + j), u = vload(zx + nh + j),
		    nv = vload(zx + 2 * nh + j), g = vload(gh + j);
		vf dan = g * (1.0f - u) * (1.0f - nv * nv);
		vf dau = g * (vload(hprev + j) - nv) * u * (1.0f - u);
		vf dar = dan * vload(zh + 2 * nh + j) * r * (1.0f - r);

		vstore(dzx + j, dar);
		vstore(dzx + nh + j, dau);
		vstore(dzx + 2 * nh + j, dan);
		vstore(dzh + j, dar);
		vstore(dzh + nh + j, dau);
		vstore(dzh + 2 * nh + j, dan * r);
		vstore(gskip + j, g * u);
	}
	for (; j < nh; j++)
		gru_grad_scalar(dzx, dzh, gskip, gh, zx, zh, hprev, nh, j);
}

#else	/* NN_CELL_SIMD_UNDEF: forget every name for the next width */

#undef lstm_cell
#undef lstm_grad
#undef gru_cell
#undef gru_grad

#endif

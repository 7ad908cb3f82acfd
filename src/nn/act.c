#include "config.h"

#include "nn/act.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "nn/linalg.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* Cephes tanh, |x| < 0.625: tanh x = x + x s P(s) / Q(s), s = x^2. */
#define TP0 -9.64399179425052238628e-1
#define TP1 -9.92877231001918586564e1
#define TP2 -1.61468768441708447952e3
#define TQ0 1.12811678491632931402e2
#define TQ1 2.23548839060100448583e3
#define TQ2 4.84406305325125486048e3
/* fdlibm exp: ln 2 split so that k ln2_hi is exact, and the polynomial. */
#define LN2_HI 6.93147180369123816490e-01
#define LN2_LO 1.90821492927058770002e-10
#define INV_LN2 1.44269504088896338700e+00
#define EP1 1.66666666666666019037e-01
#define EP2 -2.77777777770155933842e-03
#define EP3 6.61375632143793436117e-05
#define EP4 -1.65339022054652515390e-06
#define EP5 4.13813679705723846039e-08
/* Adding 1.5 * 2^52 rounds to an integer, which the low bits then hold. */
#define SHIFTER 0x1.8p52
#define SMALL 0.625		/* below: the rational form */
#define BIG 22.0		/* above: 1 - 2 / (exp(44) + 1) is 1.0 */

/* The bits of a double, and back. */
static uint64_t
bits_of(double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof u);
	return u;
}

/* The double with these bits. */
static double
double_of(uint64_t u)
{
	double v;

	memcpy(&v, &u, sizeof v);
	return v;
}

/* tanh(x) for one x; act_tanh4 does the same operations lane by lane.
 *   |x| < 0.625:  x + x s P(s) / Q(s)
 *   else:         z = min(|x|, 22), k = round(2z / ln 2), r = 2z - k ln 2,
 *                 exp(2z) = 2^k (1 - ((lo - r c / (2 - c)) - hi)) (fdlibm),
 *                 tanh = +-(1 - 2 / (exp(2z) + 1)) */
double
act_tanh(double x)
{
	double z, zc, y2, t, kd, hi, lo, r, rr, c, e, s;
	uint64_t k;

	if (x != x || x == 0.0)
		return x;		/* NaN, and the sign of zero */
	z = fabs(x);
	if (z < SMALL) {
		s = x * x;
		return x + x * s * (((TP0 * s + TP1) * s + TP2) /
		    (((s + TQ0) * s + TQ1) * s + TQ2));
	}
	zc = z > BIG ? BIG : z;
	y2 = 2.0 * zc;
	t = y2 * INV_LN2 + SHIFTER;
	kd = t - SHIFTER;
	hi = y2 - kd * LN2_HI;
	lo = kd * LN2_LO;
	r = hi - lo;
	rr = r * r;
	c = r - rr * (EP1 + rr * (EP2 + rr * (EP3 + rr * (EP4 + rr * EP5))));
	e = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
	k = bits_of(t) - bits_of(SHIFTER);	/* 2 <= k <= 64 */
	e = double_of(bits_of(e) + (k << 52));	/* e * 2^k, exactly */
	s = 1.0 - 2.0 / (e + 1.0);
	return x < 0.0 ? -s : s;
}

#if defined(__GNUC__)
typedef double v4 __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));

#define V4(c) ((v4){ (c), (c), (c), (c) })
#define V4I(c) ((v4i){ (c), (c), (c), (c) })
/* mask ? a : b, lane by lane (mask lanes are all ones or all zeros) */
#define SELECT(mask, a, b) \
	((v4)(((mask) & (v4i)(a)) | (~(mask) & (v4i)(b))))

/* act_tanh of x[0..3] into y[0..3], both branches computed and each lane
 * taking its own: the same operations, in the same order, as act_tanh. */
static inline __attribute__((always_inline)) void
act_tanh4(double *y, const double *x)
{
	v4 xv, z, s, rat, zc, y2, t, kd, hi, lo, r, rr, c, e, res;
	v4i sign, k;

	memcpy(&xv, x, sizeof xv);
	sign = (v4i)xv & V4I(INT64_MIN);
	z = (v4)((v4i)xv & ~V4I(INT64_MIN));
	s = xv * xv;
	rat = xv + xv * s * (((V4(TP0) * s + V4(TP1)) * s + V4(TP2)) /
	    (((s + V4(TQ0)) * s + V4(TQ1)) * s + V4(TQ2)));
	zc = SELECT(z > V4(BIG), V4(BIG), z);
	y2 = V4(2.0) * zc;
	t = y2 * V4(INV_LN2) + V4(SHIFTER);
	kd = t - V4(SHIFTER);
	hi = y2 - kd * V4(LN2_HI);
	lo = kd * V4(LN2_LO);
	r = hi - lo;
	rr = r * r;
	c = r - rr * (V4(EP1) + rr * (V4(EP2) + rr * (V4(EP3) +
	    rr * (V4(EP4) + rr * V4(EP5)))));
	e = V4(1.0) - ((lo - (r * c) / (V4(2.0) - c)) - hi);
	k = (v4i)t - (v4i)V4(SHIFTER);
	e = (v4)((v4i)e + (k << 52));
	res = V4(1.0) - V4(2.0) / (e + V4(1.0));
	res = (v4)((v4i)res | sign);
	res = SELECT(z < V4(SMALL), rat, res);
	res = SELECT((xv != xv) | (xv == V4(0.0)), xv, res);
	memcpy(y, &res, sizeof res);
}

/* Four at a time, for the default target (SSE2 on x86-64). */
static void
tanh_array_v4(double *y, const double *x, size_t n)
{
	size_t i = 0;

	for (; i + 4 <= n; i += 4)
		act_tanh4(y + i, x + i);
	for (; i < n; i++)
		y[i] = act_tanh(x[i]);
}

#if defined(__x86_64__) || defined(__i386__)
/* Four at a time in one 256-bit register. */
__attribute__((target("avx2"))) static void
tanh_array_avx2(double *y, const double *x, size_t n)
{
	size_t i = 0;

	for (; i + 4 <= n; i += 4)
		act_tanh4(y + i, x + i);
	for (; i < n; i++)
		y[i] = act_tanh(x[i]);
}
#endif
#endif

/* The widest version this processor runs. */
void
act_tanh_array(double *y, const double *x, size_t n)
{
#if defined(__GNUC__)
#if defined(__x86_64__) || defined(__i386__)
	if (linalg_avx2()) {
		tanh_array_avx2(y, x, n);
		return;
	}
#endif
	tanh_array_v4(y, x, n);
#else
	for (size_t i = 0; i < n; i++)
		y[i] = act_tanh(x[i]);
#endif
}

/* 1 / (1 + exp(-x)) with libm's exp (the LSTM's gates, not the hot path). */
double
act_sigmoid(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

#include "config.h"

#include "nn/rng.h"

#include <math.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* splitmix64 (Steele, Lea and Flood 2014): one step of the seeding stream. */
static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Rotate x left by k bits (0 < k < 64). */
static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* Fill the four state words from splitmix64(seed); never all zero. */
void
rng_seed(struct rng *rng, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		rng->s[i] = splitmix64(&x);
	rng->spare = 0.0;
	rng->has_spare = 0;
}

/* xoshiro256**: the next 64 bits. */
uint64_t
rng_next(struct rng *rng)
{
	uint64_t *s = rng->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Rejection sampling: draws below 2^64 mod n would favour small results. */
uint64_t
rng_below(struct rng *rng, uint64_t n)
{
	uint64_t threshold, r;

	if (n == 0)
		return 0;
	threshold = (0 - n) % n;	/* 2^64 mod n */
	do
		r = rng_next(rng);
	while (r < threshold);
	return r % n;
}

/* The top 53 bits as a double in [0, 1); every value is exact. */
double
rng_uniform(struct rng *rng)
{
	return (double)(rng_next(rng) >> 11) * 0x1.0p-53;
}

/* lo + (hi - lo) * U. */
double
rng_uniform_range(struct rng *rng, double lo, double hi)
{
	return lo + (hi - lo) * rng_uniform(rng);
}

/* log(x) = e ln2 + 2 atanh(s) for x = m 2^e with m in [1/sqrt2, sqrt2) and
 * s = (m-1)/(m+1).
 * |s| <= 0.1716, so the odd series s + s^3/3 + s^5/5 + ... reaches double
 * precision in 12 terms. ln2 is split (fdlibm's ln2_hi has 21 trailing zero
 * bits) so e*ln2_hi is exact. */
double
rng_portable_log(double x)
{
	static const double ln2_hi = 6.93147180369123816490e-01;
	static const double ln2_lo = 1.90821492927058770002e-10;
	double m, s, s2, term, sum;
	int e;

	if (!(x > 0.0) || isinf(x))
		return x == 0.0 ? -HUGE_VAL : x > 0.0 ? x : NAN;
	m = frexp(x, &e);		/* exact: x = m * 2^e, m in [0.5, 1) */
	if (m < 0.70710678118654752440) {
		m *= 2.0;		/* exact */
		e--;
	}
	s = (m - 1.0) / (m + 1.0);
	s2 = s * s;
	term = s;
	sum = 0.0;
	/* Add the small terms first: sum_{k=11..0} s^(2k+1) / (2k+1). */
	{
		double terms[12];

		for (int k = 0; k < 12; k++) {
			terms[k] = term / (double)(2 * k + 1);
			term *= s2;
		}
		for (int k = 11; k >= 0; k--)
			sum += terms[k];
	}
	return (double)e * ln2_hi + (2.0 * sum + (double)e * ln2_lo);
}

/* Marsaglia's polar method: a point uniform in the unit disc gives two
 * independent normals u f and v f, f = sqrt(-2 log(s) / s), s = u^2 + v^2. */
double
rng_normal(struct rng *rng)
{
	double u, v, s, f;

	if (rng->has_spare) {
		rng->has_spare = 0;
		return rng->spare;
	}
	do {
		u = 2.0 * rng_uniform(rng) - 1.0;
		v = 2.0 * rng_uniform(rng) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	f = sqrt(-2.0 * rng_portable_log(s) / s);
	rng->spare = v * f;
	rng->has_spare = 1;
	return u * f;
}

/* v[k] = U(lo, hi) for k = 0..n-1, in order. */
void
rng_fill_uniform(double *v, struct rng *rng, size_t n, double lo, double hi)
{
	for (size_t k = 0; k < n; k++)
		v[k] = rng_uniform_range(rng, lo, hi);
}

/* v[k] = sd * N(0, 1) for k = 0..n-1, in order. */
void
rng_fill_normal(double *v, struct rng *rng, size_t n, double sd)
{
	for (size_t k = 0; k < n; k++)
		v[k] = sd * rng_normal(rng);
}

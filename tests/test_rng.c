/* Tests of sim/rng: the stream is the published xoshiro256** seeded by
 * splitmix64 (values from an independent implementation), uniform and
 * normal draws have the right range and moments, and the portable log
 * agrees with libm's. */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "nn/rng.h"
#include "tests.h"

/* The first outputs for seeds 0, 1 and 42, computed by a separate Python
 * implementation of splitmix64 + xoshiro256**. */
static void
test_rng_stream_matches_reference(void)
{
	static const struct {
		uint64_t seed;
		uint64_t v[3];
	} cases[] = {
		{ 0, { UINT64_C(0x99ec5f36cb75f2b4), UINT64_C(0xbf6e1f784956452a),
		    UINT64_C(0x1a5f849d4933e6e0) } },
		{ 1, { UINT64_C(0xb3f2af6d0fc710c5), UINT64_C(0x853b559647364cea),
		    UINT64_C(0x92f89756082a4514) } },
		{ 42, { UINT64_C(0x15780b2e0c2ec716), UINT64_C(0x6104d9866d113a7e),
		    UINT64_C(0xae17533239e499a1) } },
	};

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct rng rng;

		rng_seed(&rng, cases[c].seed);
		for (int i = 0; i < 3; i++)
			CU_ASSERT_EQUAL(rng_next(&rng), cases[c].v[i]);
	}
}

/* Top 53 bits of the first draw for seed 1, times 2^-53. */
static void
test_rng_uniform_is_top_53_bits(void)
{
	struct rng rng;
	double u;

	rng_seed(&rng, 1);
	u = rng_uniform(&rng);
	CU_ASSERT_EQUAL(u, (double)(UINT64_C(0xb3f2af6d0fc710c5) >> 11) *
	    0x1.0p-53);
	CU_ASSERT_DOUBLE_EQUAL(u, 0.7029218331588505, 1e-16);
}

/* Same seed, same stream; another seed, another stream. */
static void
test_rng_same_seed_same_numbers(void)
{
	struct rng a, b, c;
	int differ = 0;

	rng_seed(&a, 7);
	rng_seed(&b, 7);
	rng_seed(&c, 8);
	for (int i = 0; i < 1000; i++) {
		double x = rng_normal(&a), y = rng_normal(&b);

		CU_ASSERT_EQUAL(x, y);
		differ += rng_normal(&c) != x;
	}
	CU_ASSERT(differ > 990);
}

/* Uniform draws stay in [lo, hi) and rng_below in [0, n). */
static void
test_rng_ranges_hold(void)
{
	struct rng rng;
	int below_ok = 1, uniform_ok = 1, seen[7] = { 0 };

	rng_seed(&rng, 3);
	for (int i = 0; i < 20000; i++) {
		double u = rng_uniform_range(&rng, -0.25, 0.5);
		uint64_t k = rng_below(&rng, 7);

		uniform_ok &= u >= -0.25 && u < 0.5;
		below_ok &= k < 7;
		if (k < 7)
			seen[k]++;
	}
	CU_ASSERT(uniform_ok);
	CU_ASSERT(below_ok);
	for (int k = 0; k < 7; k++)
		CU_ASSERT(seen[k] > 2500 && seen[k] < 3200);
	CU_ASSERT_EQUAL(rng_below(&rng, 0), 0);
	CU_ASSERT_EQUAL(rng_below(&rng, 1), 0);
}

/* Mean 0, variance 1 and a symmetric tail, to sampling accuracy. */
static void
test_rng_normal_moments(void)
{
	struct rng rng;
	double s = 0.0, s2 = 0.0, beyond2 = 0.0;
	const int n = 200000;

	rng_seed(&rng, 11);
	for (int i = 0; i < n; i++) {
		double z = rng_normal(&rng);

		s += z;
		s2 += z * z;
		beyond2 += fabs(z) > 2.0;
	}
	CU_ASSERT_DOUBLE_EQUAL(s / n, 0.0, 0.01);
	CU_ASSERT_DOUBLE_EQUAL(s2 / n, 1.0, 0.01);
	CU_ASSERT_DOUBLE_EQUAL(beyond2 / n, 0.0455, 0.002);	/* P(|Z| > 2) */
}

/* Within 2 ulp of libm's log from 1e-300 to 1e300, exact at 1. */
static void
test_rng_portable_log_matches_libm(void)
{
	double worst = 0.0;

	for (double x = 1e-300; x < 1e300; x *= 1.0137) {
		double a = rng_portable_log(x), b = log(x);
		double ulp = nextafter(fabs(b), INFINITY) - fabs(b);

		if (b != 0.0 && fabs(a - b) / ulp > worst)
			worst = fabs(a - b) / ulp;
	}
	for (double x = 0.5; x < 2.0; x += 0.000731) {
		double a = rng_portable_log(x), b = log(x);

		if (b != 0.0) {
			double ulp = nextafter(fabs(b), INFINITY) - fabs(b);

			if (fabs(a - b) / ulp > worst)
				worst = fabs(a - b) / ulp;
		}
	}
	CU_ASSERT(worst <= 2.0);
	CU_ASSERT_EQUAL(rng_portable_log(1.0), 0.0);
	CU_ASSERT(isinf(rng_portable_log(0.0)) && rng_portable_log(0.0) < 0);
	CU_ASSERT(isnan(rng_portable_log(-1.0)));
}


/* Register the "rng" suite. */
void
test_rng_register(void)
{
	CU_pSuite s = CU_add_suite("rng", NULL, NULL);

	CU_add_test(s, "stream matches reference", test_rng_stream_matches_reference);
	CU_add_test(s, "uniform is top 53 bits", test_rng_uniform_is_top_53_bits);
	CU_add_test(s, "same seed same numbers", test_rng_same_seed_same_numbers);
	CU_add_test(s, "ranges hold", test_rng_ranges_hold);
	CU_add_test(s, "normal moments", test_rng_normal_moments);
	CU_add_test(s, "portable log matches libm", test_rng_portable_log_matches_libm);
}

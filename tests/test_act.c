/* Tests of sim/act: tanh within 2 ulp of libm's, its special values, the
 * array version giving the same bits as the scalar one (with and without
 * AVX2), and the sigmoid. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn/act.h"
#include "nn/linalg.h"
#include "nn/rng.h"
#include "tests.h"

/* |a - b| in units of b's last place. */
static double
ulps(double a, double b)
{
	return fabs(a - b) / (nextafter(fabs(b), INFINITY) - fabs(b));
}

/* Within 2 ulp of libm's tanh on a fine grid over [-30, 30], near the
 * branch point 0.625, and on a logarithmic grid down to 1e-300; odd. */
static void
test_act_tanh_matches_libm(void)
{
	double worst = 0.0;
	int odd = 1;

	for (double x = -30.0; x <= 30.0; x += 0.000917) {
		double a = act_tanh(x);

		if (tanh(x) != 0.0)
			worst = fmax(worst, ulps(a, tanh(x)));
		odd &= act_tanh(-x) == -a;
	}
	for (double x = 0.62; x < 0.63; x += 1e-7)
		worst = fmax(worst, ulps(act_tanh(x), tanh(x)));
	for (double x = 1e-300; x < 1.0; x *= 1.07)
		worst = fmax(worst, ulps(act_tanh(x), tanh(x)));
	CU_ASSERT(worst <= 2.0);
	CU_ASSERT(odd);
}

/* -0 keeps its sign; +-1 beyond 22 and at infinity; NaN stays NaN. */
static void
test_act_tanh_special_values(void)
{
	CU_ASSERT(signbit(act_tanh(-0.0)) && act_tanh(-0.0) == 0.0);
	CU_ASSERT(!signbit(act_tanh(0.0)));
	CU_ASSERT_EQUAL(act_tanh(22.5), 1.0);
	CU_ASSERT_EQUAL(act_tanh(-800.0), -1.0);
	CU_ASSERT_EQUAL(act_tanh(INFINITY), 1.0);
	CU_ASSERT_EQUAL(act_tanh(-INFINITY), -1.0);
	CU_ASSERT(isnan(act_tanh(NAN)));
	CU_ASSERT_EQUAL(act_tanh(1e-300), 1e-300);
	CU_ASSERT_EQUAL(act_tanh(4.9e-324), 4.9e-324);
}

/* act_tanh_array == act_tanh bit for bit, for every length 0..37 (so every
 * tail), specials included, with the AVX2 path and without; in place too. */
static void
test_act_tanh_array_same_bits(void)
{
	double x[40], y[40], z[40];
	struct rng rng;
	int same = 1;

	rng_seed(&rng, 8);
	for (int simd = 0; simd <= 1; simd++) {
		linalg_simd(simd);
		for (size_t n = 0; n <= 37; n++) {
			rng_fill_normal(x, &rng, 40, n % 3 == 0 ? 0.3 : 4.0);
			x[n % 40] = n % 2 ? -0.0 : NAN;
			x[(n + 1) % 40] = n % 2 ? INFINITY : 0.625;
			x[(n + 2) % 40] = n % 2 ? -23.0 : 1e-310;
			act_tanh_array(y, x, n);
			for (size_t i = 0; i < n; i++) {
				z[i] = act_tanh(x[i]);
				same &= memcmp(&y[i], &z[i], sizeof z[i]) == 0;
			}
			act_tanh_array(x, x, n);
			same &= n == 0 || memcmp(x, y, n * sizeof *x) == 0;
		}
	}
	linalg_simd(1);
	CU_ASSERT(same);
}

/* sigmoid(0) = 1/2, sigmoid(-x) = 1 - sigmoid(x), saturation to 0 and 1. */
static void
test_act_sigmoid_values(void)
{
	CU_ASSERT_EQUAL(act_sigmoid(0.0), 0.5);
	CU_ASSERT_DOUBLE_EQUAL(act_sigmoid(-2.0), 1.0 - act_sigmoid(2.0),
	    1e-15);
	CU_ASSERT_DOUBLE_EQUAL(act_sigmoid(1.0), 0.7310585786300049, 1e-16);
	CU_ASSERT_EQUAL(act_sigmoid(-800.0), 0.0);
	CU_ASSERT_EQUAL(act_sigmoid(800.0), 1.0);
}


/* Register the "act" suite. */
void
test_act_register(void)
{
	CU_pSuite s = CU_add_suite("act", NULL, NULL);

	CU_add_test(s, "tanh matches libm", test_act_tanh_matches_libm);
	CU_add_test(s, "tanh special values", test_act_tanh_special_values);
	CU_add_test(s, "tanh array same bits", test_act_tanh_array_same_bits);
	CU_add_test(s, "sigmoid values", test_act_sigmoid_values);
}

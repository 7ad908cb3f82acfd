/* Tests of sim/optim: clipping by global norm (Pascanu et al. 2013) and
 * the optimizers. */
#include "config.h"

#include <math.h>

#include "nn/linalg.h"
#include "nn/optim.h"
#include "nn/rng.h"
#include "tests.h"

/* Above the threshold: the norm becomes the threshold and the direction
 * stays (every component scaled by one positive factor). */
static void
test_optim_clip_keeps_direction_and_sets_norm(void)
{
	double g[50], before[50], ratio;
	struct rng rng;
	double norm;

	rng_seed(&rng, 12);
	rng_fill_normal(g, &rng, 50, 10.0);
	linalg_copy(before, g, 50);
	norm = optim_clip_grad_norm(g, 50, 1.0);
	CU_ASSERT_DOUBLE_EQUAL(norm, linalg_norm2(before, 50), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(linalg_norm2(g, 50), 1.0, 1e-15);
	ratio = g[0] / before[0];
	CU_ASSERT(ratio > 0.0);
	for (size_t k = 0; k < 50; k++)
		CU_ASSERT_DOUBLE_EQUAL(g[k], ratio * before[k], 1e-15);
	/* cosine of the angle between before and after is 1 */
	CU_ASSERT_DOUBLE_EQUAL(linalg_dot(g, before, 50) /
	    (linalg_norm2(g, 50) * linalg_norm2(before, 50)), 1.0, 1e-15);
}

/* At or below the threshold, with 0 (off), and for a non-finite norm, the
 * gradient is left exactly as it was. */
static void
test_optim_clip_leaves_small_or_bad_gradients(void)
{
	double g[3] = { 3, 4, 0 }, bad[2] = { INFINITY, 1 };

	CU_ASSERT_EQUAL(optim_clip_grad_norm(g, 3, 5.0), 5.0);
	CU_ASSERT_EQUAL(g[0], 3.0);
	CU_ASSERT_EQUAL(optim_clip_grad_norm(g, 3, 100.0), 5.0);
	CU_ASSERT_EQUAL(g[1], 4.0);
	CU_ASSERT_EQUAL(optim_clip_grad_norm(g, 3, 0.0), 5.0);
	CU_ASSERT_EQUAL(g[1], 4.0);
	CU_ASSERT(isinf(optim_clip_grad_norm(bad, 2, 1.0)));
	CU_ASSERT_EQUAL(bad[1], 1.0);
}

/* SGD moves against the gradient by lr times it. */
static void
test_optim_sgd_steps_against_gradient(void)
{
	double p[2] = { 1, -1 }, g[2] = { 0.5, -2 };

	optim_sgd_step(p, g, 2, 0.1);
	CU_ASSERT_DOUBLE_EQUAL(p[0], 0.95, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(p[1], -0.8, 1e-15);
}

/* Adam's first step moves every parameter by about lr against the sign of
 * its gradient, whatever the gradient's size; both steps give the numbers
 * torch.optim.Adam([p], lr=0.01) gives in float64. */
static void
test_optim_adam_steps_match_pytorch(void)
{
	double p[3] = { 1.0, -2.0, 0.5 }, g[3] = { 0.3, -40.0, 1e-3 };
	double m[3], v[3];
	struct optim_adam adam;

	optim_adam_init(&adam, m, v, 3, 0.01);
	optim_adam_step(&adam, p, g);
	CU_ASSERT_DOUBLE_EQUAL(p[0], 0.99000000033333335, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(p[1], -1.9900000000025, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(p[2], 0.49000009999900002, 1e-15);
	optim_adam_step(&adam, p, g);
	CU_ASSERT_DOUBLE_EQUAL(p[0], 0.9800000006666667, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(p[1], -1.980000000005, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(p[2], 0.48000019999800009, 1e-15);
	CU_ASSERT_EQUAL(adam.t, 2);
}


/* Register the "optim" suite. */
void
test_optim_register(void)
{
	CU_pSuite s = CU_add_suite("optim", NULL, NULL);

	CU_add_test(s, "clip keeps direction and sets norm", test_optim_clip_keeps_direction_and_sets_norm);
	CU_add_test(s, "clip leaves small or bad gradients", test_optim_clip_leaves_small_or_bad_gradients);
	CU_add_test(s, "sgd steps against gradient", test_optim_sgd_steps_against_gradient);
	CU_add_test(s, "adam steps match pytorch", test_optim_adam_steps_match_pytorch);
}

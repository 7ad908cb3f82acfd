/* rng: the project's own seeded random number generator.
 *
 * xoshiro256** (Blackman and Vigna, 2018) seeded through splitmix64, so one
 * 64-bit seed gives the same stream on every platform, compiler and libc:
 * the generator uses only 64-bit integer arithmetic, uniform doubles take the
 * top 53 bits, and normal deviates use the Marsaglia polar method with a log
 * of our own (IEEE +, -, *, / and sqrt only, all correctly rounded), so not
 * even libm can change a single bit.
 *
 * The state is caller-owned storage (struct rng on the stack or in another
 * struct); nothing here allocates. */
#ifndef RNNTUTOR_NN_RNG_H
#define RNNTUTOR_NN_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
	double spare;		/* the second deviate of a polar pair */
	int has_spare;
};

/* Start the stream for seed (any value, 0 included). */
void rng_seed(struct rng *rng, uint64_t seed);
/* The next 64 random bits. */
uint64_t rng_next(struct rng *rng);
/* A uniform integer in [0, n), without modulo bias; 0 when n is 0. */
uint64_t rng_below(struct rng *rng, uint64_t n);
/* A uniform double in [0, 1): the top 53 bits times 2^-53. */
double rng_uniform(struct rng *rng);
/* A uniform double in [lo, hi). */
double rng_uniform_range(struct rng *rng, double lo, double hi);
/* A standard normal deviate (mean 0, variance 1). */
double rng_normal(struct rng *rng);
/* Fill v[0..n) with uniform doubles in [lo, hi). */
void rng_fill_uniform(double *v, struct rng *rng, size_t n, double lo,
    double hi);
/* Fill v[0..n) with normal deviates of mean 0 and standard deviation sd. */
void rng_fill_normal(double *v, struct rng *rng, size_t n, double sd);

/* Natural logarithm of x > 0 from IEEE arithmetic alone (within 1 ulp or
 * so), the same on every libc. Exposed for the tests. */
double rng_portable_log(double x);

#endif

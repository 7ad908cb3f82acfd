/* peak: the single-core single-precision peak this machine reaches with the
 * kind of code rnntutor's sentiment kernels are (GCC vector extension,
 * separate multiply and add, no fused multiply-add), and with fused
 * multiply-add where the processor has it, for bench/sentiment.sh.
 *
 * 16 independent chains a = a * m + c of 16-float vectors, long enough for
 * the timing to settle; the best of five runs. Prints
 *     peak_muladd_gflops=X peak_fma_gflops=Y
 * (Y is 0 without FMA).
 *
 *     gcc -std=c11 -O2 bench/peak.c -o bench/out/peak
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

typedef float vf __attribute__((vector_size(64)));

#define CHAINS 16	/* as many as EACH names */
#define ITERS 20000000L

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* 16 chains in named variables (an array would live in memory). */
#define EACH(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) \
	X(11) X(12) X(13) X(14) X(15)
#define DECL(k) vf a##k = (vf){0} + (float)(k);
#define SUM(k) s += a##k;

/* The chains' sum, so the compiler keeps the work. */
#define BODY(STEP)							\
	vf m = (vf){0} + 0.999999f, c = (vf){0} + 1e-6f, s = (vf){0};	\
	EACH(DECL)							\
	for (long i = 0; i < iters; i++) {				\
		EACH(STEP)						\
	}								\
	EACH(SUM)							\
	return s[0] + s[15];

#define MULADD(k) a##k = a##k * m + c;
#define FMA(k) a##k = __builtin_ia32_vfmaddps512_mask(a##k, m, c, -1, 4);

/* mul then add (ISO C mode: GCC contracts nothing) */
/* The chains as separate multiply and add, for each instruction set. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static float
muladd(long iters)
{
	BODY(MULADD)
}

#if defined(__x86_64__)
/* The chains as AVX-512 fused multiply-adds. */
__attribute__((target("avx512f,fma")))
static float
fma512(long iters)
{
	BODY(FMA)
}
#endif

/* Best GFLOP/s of five runs of f. */
static double
best(float (*f)(long))
{
	double top = 0.0;
	volatile float sink;

	for (int r = 0; r < 5; r++) {
		double t0 = now(), dt;

		sink = f(ITERS);
		dt = now() - t0;
		if (2.0 * 16 * CHAINS * (double)ITERS / dt * 1e-9 > top)
			top = 2.0 * 16 * CHAINS * (double)ITERS / dt * 1e-9;
	}
	(void)sink;
	return top;
}

/* Both peaks on one line. */
int
main(void)
{
	double fma = 0.0;

#if defined(__x86_64__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
		fma = best(fma512);
#endif
	printf("peak_muladd_gflops=%.1f peak_fma_gflops=%.1f\n", best(muladd),
	    fma);
	return 0;
}

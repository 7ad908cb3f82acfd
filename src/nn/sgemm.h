/* sgemm: single-precision kernels for training fast on one core: a
 * transpose, e^x and Adam here, and the matrix products the recurrent
 * kernels compile from nn/sgemm_simd.h, on vectors of floats as wide as the
 * processor has (16 bytes everywhere, 32 with AVX2, 64 with AVX-512,
 * chosen at run time).
 *
 * Every result is the same bits whatever the vector width: each output's sum
 * runs over its terms in a fixed order, lanes never exchange values, e^x is
 * our own polynomial and no multiply-add is fused. The sentiment pipeline and
 * the sequence trainer (seqtrain.h) build their recurrent kernels on the
 * same pieces (nn/sgemm_scalar.h, nn/sgemm_simd.h).
 *
 * Nothing here allocates; every array is caller-owned. */
#ifndef RNNTUTOR_NN_SGEMM_H
#define RNNTUTOR_NN_SGEMM_H

#include <stddef.h>

/* Which kernels run: the generic 16-byte ones, the 32-byte AVX2 ones or
 * (for the matrix products, Adam and the sequence trainer) the 64-byte
 * AVX-512 ones, each only where the processor has it. All give the same
 * bits. */
enum nn_isa {
	NN_ISA_GENERIC,
	NN_ISA_AVX2,
	NN_ISA_AVX512
};

/* The kernels in use (the best the processor allows, unless set). */
enum nn_isa nn_isa(void);
/* Use at most the kernels want (the best the processor has when it has
 * less); returns the choice before. For the tests and benchmarks. */
enum nn_isa nn_isa_set(enum nn_isa want);

/* AT (n x m) = A^T, A m x n. */
void nn_stranspose(float *at, const float *a, size_t m, size_t n);
/* e^x within 2 ulp or so, clamped to [e^-87, e^88] (no 0 and no inf). */
float nn_expf(float x);

/* Adam on n floats (torch.optim.Adam's order of operations), with
 * step_size = lr / (1 - b1^t) and c2_sqrt = sqrt(1 - b2^t) from the caller:
 *   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,
 *   p -= step_size * m / (sqrt(v) / c2_sqrt + eps) */
void nn_sadam(float *p, float *m, float *v, const float *g, size_t n,
    float b1, float b2, float eps, float step_size, float c2_sqrt);

#endif

/* optim: gradient clipping and the optimizers that apply gradients.
 *
 * Everything works on flat arrays (the llm.c layout of rnn.h and lstm.h: all
 * parameters of a model in one array, all gradients in another of the same
 * size), so one call covers a whole model. Nothing here allocates: Adam's
 * moment arrays are caller-owned storage, set up with optim_adam_init(). */
#ifndef RNNTUTOR_NN_OPTIM_H
#define RNNTUTOR_NN_OPTIM_H

#include <stddef.h>

/* Gradient clipping by global norm (Pascanu, Mikolov and Bengio 2013,
 * algorithm 1): if ||g|| > max_norm then g <- (max_norm / ||g||) g, which
 * keeps the direction and leaves the norm at max_norm. max_norm <= 0 turns
 * clipping off. A gradient whose norm is not finite is left alone (scaling
 * an infinity gives NaN, not a direction). Returns ||g|| before clipping. */
double optim_clip_grad_norm(double *g, size_t n, double max_norm);

/* Plain gradient descent: p -= lr * g. */
void optim_sgd_step(double *p, const double *g, size_t n, double lr);

/* Adam (Kingma and Ba 2015) with PyTorch's defaults and equations:
 *   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,
 *   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * (in the order torch.optim.Adam computes it) */
struct optim_adam {
	double lr;		/* 1e-3 */
	double beta1;		/* 0.9 */
	double beta2;		/* 0.999 */
	double eps;		/* 1e-8 */
	double *m, *v;		/* n doubles each, caller-owned */
	size_t n;
	unsigned long t;	/* steps taken */
};

/* PyTorch's defaults with learning rate lr; m and v (n doubles each,
 * caller-owned) are zeroed. */
void optim_adam_init(struct optim_adam *adam, double *m, double *v, size_t n,
    double lr);
/* One step: update the moments from g and move p. */
void optim_adam_step(struct optim_adam *adam, double *p, const double *g);

#endif

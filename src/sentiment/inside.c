/* inside: what a trained model does word by word, for the reader to look
 * at: the mean of its gates after each word and how much the output
 * depends on each word's embedding (saliency, one backward pass). */
#include "config.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "nn/seqinside.h"
#include "sentiment/sentiment_int.h"

/* The sequence network of nn/seqinside.h that a sentiment model is. */
static struct seqinside_dims
dims_of(const struct sentiment_model *model)
{
	const struct sentiment_dims *d = &model->dims;

	return (struct seqinside_dims){
		.cell = d->cell == SENTIMENT_LSTM ? SEQTRAIN_LSTM :
		    d->cell == SENTIMENT_GRU ? SEQTRAIN_GRU : SEQTRAIN_RNN,
		.act = SEQTRAIN_TANH,
		.input = d->embed,
		.hidden = d->hidden,
	};
}

/* See sentiment_int.h: nn/seqinside.h's pass on the model's cell and
 * output layer, one sentence, h_0 = c_0 = 0; dz/dx_t from one backward
 * pass with no weight gradient. */
double
sentiment_logit_x(double *dx, double *keep, double *write,
    const struct sentiment_model *model, const double *x, size_t steps)
{
	struct seqinside_dims sd = dims_of(model);

	return seqinside_xgrad(dx, keep, write, model->param,
	    model->net.head_w, model->net.head_b, &sd, x, steps);
}

/* See sentiment_int.h. */
void
sentiment_inside(double *keep, double *write, double *saliency,
    const struct sentiment_model *model, const int32_t *ids, size_t steps)
{
	size_t ne = model->dims.embed;
	double *x = xcalloc(steps * ne + 1, sizeof *x);
	double *dx = xcalloc(steps * ne + 1, sizeof *dx);

	for (size_t t = 0; t < steps; t++)
		for (size_t e = 0; e < ne; e++)
			x[t * ne + e] = model->net.emb[(size_t)ids[t] * ne + e];
	sentiment_logit_x(dx, keep, write, model, x, steps);
	seqinside_norms(saliency, dx, steps, ne);
	free(x);
	free(dx);
}

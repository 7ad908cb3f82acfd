/* sims_adding_inside: the adding simulation's trained model, looked at on
 * one held-out sequence with its two markers where the reader puts them.
 *
 * The reader types two steps ("5 25"); the sequence has T values drawn
 * from U(0, 1) by a generator of its own (the same values for every
 * model of length T, never a training or test sequence of any seed), the
 * markers at those steps. The answer is a strip of rows over t = 1..T:
 * the markers, the cell's mean gates (LSTM input and forget, GRU update),
 * ||dy/dx_t|| (nn/seqinside.h), and a second model's ||dy/dx_t|| beside it
 * when there is one; the first note says the prediction and the sum. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "nn/rng.h"
#include "nn/seqinside.h"
#include "sim/sim.h"
#include "sim/sims.h"

/* The generator of the values of the sequence looked at. */
#define INSIDE_SEED 0x1A5EEDu
/* Inputs per step: the value and the marker. */
#define INPUT 2
/* The log rows of ||dy/dx_t|| show at most this many decades below the
 * largest (a plain RNN's gradient can fall below 1e-30). */
#define SALIENCY_DECADES 12

/* A trained network and the length it trained on. */
struct adding_model {
	struct seqinside_dims dims;
	size_t steps;
	float *param;		/* seqinside_param_count(&dims) */
};

/* See sims.h. */
void *
sim_adding_model_create(const struct seqinside_dims *d, size_t steps,
    const float *param)
{
	struct adding_model *m = xmalloc(sizeof *m);
	size_t n = seqinside_param_count(d);

	m->dims = *d;
	m->steps = steps;
	m->param = xmalloc(n * sizeof *m->param);
	memcpy(m->param, param, n * sizeof *m->param);
	return m;
}

/* See sims.h. */
void
sim_adding_model_destroy(void *model)
{
	struct adding_model *m = model;

	if (m == NULL)
		return;
	free(m->param);
	free(m);
}

/* See sims.h. */
void *
sim_adding_model_copy(const void *model)
{
	const struct adding_model *m = model;

	return sim_adding_model_create(&m->dims, m->steps, m->param);
}

/* See sims.h. */
const char *
sim_adding_model_kind(const void *model)
{
	const struct adding_model *m = model;

	return m->dims.cell == SEQTRAIN_LSTM ? "LSTM" :
	    m->dims.cell == SEQTRAIN_GRU ? "GRU" : "RNN";
}

/* The two marker steps in text[0..len): two whole numbers from 1 to
 * steps, different, separated by spaces or a comma, into *a < *b.
 * Returns 0, or -1 when text is not that. */
static int
parse_markers(size_t *a, size_t *b, const char *text, size_t len,
    size_t steps)
{
	char buf[64], *p, *end;
	long v[2];

	if (len >= sizeof buf)
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	p = buf;
	for (int i = 0; i < 2; i++) {
		p += strspn(p, " \t,");
		if (*p < '0' || *p > '9')
			return -1;
		errno = 0;
		v[i] = strtol(p, &end, 10);
		if (errno != 0 || v[i] < 1 || (unsigned long)v[i] > steps)
			return -1;
		p = end;
		if (i == 0 && *p != ' ' && *p != '\t' && *p != ',')
			return -1;
	}
	if (p[strspn(p, " \t")] != '\0' || v[0] == v[1])
		return -1;
	*a = (size_t)(v[0] < v[1] ? v[0] : v[1]);
	*b = (size_t)(v[0] < v[1] ? v[1] : v[0]);
	return 0;
}

/* Add a row series of the strip (the answer takes v). */
static struct sim_series *
add_row(struct sim_result *answer, const char *name, const char *label,
    double *v, size_t n, enum sim_row row)
{
	struct sim_series *s = sim_result_add_series(answer, name, label, v, n);

	s->row = row;
	return s;
}

/* Put the log rows of ||dy/dx_t|| s[0..k) on one shared range: from the
 * largest value down to the smallest positive one, at most
 * SALIENCY_DECADES decades. No positive value: left on their own. */
static void
share_range(struct sim_series **s, size_t k)
{
	double lo = INFINITY, hi = 0.0;

	for (size_t i = 0; i < k; i++)
		for (size_t t = 0; t < s[i]->n; t++) {
			double v = s[i]->v[t];

			if (isfinite(v) && v > 0.0) {
				lo = fmin(lo, v);
				hi = fmax(hi, v);
			}
		}
	if (!(hi > 0.0))
		return;
	lo = fmax(lo, hi * pow(10.0, -SALIENCY_DECADES));
	if (lo >= hi)
		lo = hi / 10.0;
	for (size_t i = 0; i < k; i++) {
		s[i]->has_range = 1;
		s[i]->lo = lo;
		s[i]->hi = hi;
	}
}

/* See sims.h. */
void
sim_adding_model_ask(struct sim_result *answer, const void *model,
    const void *other, const char *text, size_t len)
{
	const struct adding_model *m = model, *o = other;
	size_t steps = m->steps, a, b;
	double *x, *mark, *keep, *write, *sal, *osal = NULL, y, oy = NAN;
	struct sim_series *rows[2];
	char name[32];
	struct rng rng;

	answer->step_name = xstrdup("t");
	answer->step_first = 1;
	if (parse_markers(&a, &b, text, len, steps) < 0) {
		sim_result_add_note(answer, "Type the two marked steps, two "
		    "different whole numbers from 1 to %zu (the length the "
		    "model trained on), such as \"%zu %zu\".", steps,
		    steps / 4 + 1, steps - steps / 4);
		return;
	}
	x = xmalloc(steps * INPUT * sizeof *x);
	mark = xmalloc(steps * sizeof *mark);
	keep = xmalloc(steps * sizeof *keep);
	write = xmalloc(steps * sizeof *write);
	sal = xmalloc(steps * sizeof *sal);
	rng_seed(&rng, INSIDE_SEED);
	for (size_t t = 0; t < steps; t++) {
		x[t * INPUT] = rng_uniform(&rng);
		mark[t] = t + 1 == a || t + 1 == b ? 1.0 : 0.0;
		x[t * INPUT + 1] = mark[t];
	}
	y = seqinside_run(keep, write, sal, m->param, &m->dims, x, steps);
	if (o != NULL) {
		osal = xmalloc(steps * sizeof *osal);
		oy = seqinside_run(NULL, NULL, osal, o->param, &o->dims, x,
		    steps);
	}
	/* short enough for the status line at 80 columns */
	sim_result_add_note(answer, "t = %zu and %zu marked: %.3f + %.3f = "
	    "%.3f; the %s answers %.3f.", a, b, x[(a - 1) * INPUT],
	    x[(b - 1) * INPUT], x[(a - 1) * INPUT] + x[(b - 1) * INPUT],
	    sim_adding_model_kind(m), y);
	sim_result_add_scalar(answer, "prediction", "the model's answer y",
	    y);
	sim_result_add_scalar(answer, "sum", "the sum of the two marked "
	    "values", x[(a - 1) * INPUT] + x[(b - 1) * INPUT]);
	add_row(answer, "marker", "1 at the two marked steps", mark, steps,
	    SIM_ROW_LINEAR)->has_range = 1;
	answer->series[answer->nseries - 1].hi = 1.0;
	/* the gates on their own ranges: a mean over the units moves a
	 * little, and where it moves is the point */
	if (m->dims.cell == SEQTRAIN_LSTM) {
		add_row(answer, "input", "mean input gate i_t", write, steps,
		    SIM_ROW_LINEAR);
		add_row(answer, "forget", "mean forget gate f_t", keep, steps,
		    SIM_ROW_LINEAR);
	} else if (m->dims.cell == SEQTRAIN_GRU) {
		add_row(answer, "update", "mean update gate z_t", keep, steps,
		    SIM_ROW_LINEAR);
		free(write);
	} else {
		free(keep);
		free(write);
	}
	snprintf(name, sizeof name, "%s dy/dx", sim_adding_model_kind(m));
	rows[0] = add_row(answer, name, "||dy/dx_t||", sal, steps,
	    SIM_ROW_LOG);
	if (o != NULL) {
		snprintf(name, sizeof name, "%s dy/dx",
		    sim_adding_model_kind(o));
		add_row(answer, name, "||dy/dx_t|| of the other model", osal,
		    steps, SIM_ROW_LOG);
		rows[0] = &answer->series[answer->nseries - 2];
		rows[1] = &answer->series[answer->nseries - 1];
		sim_result_add_scalar(answer, "beside_prediction", "the other "
		    "model's answer", oy);
	}
	share_range(rows, o != NULL ? 2 : 1);
	sim_result_add_note(answer, "marker is 1 at the two marked steps. "
	    "dy/dx is ||dy/dx_t||, how far the answer y moves as step t's "
	    "input (value, marker) moves: how much the answer still depends "
	    "on that step, on a log scale.");
	if (m->dims.cell == SEQTRAIN_LSTM)
		sim_result_add_note(answer, "input and forget are the means "
		    "of the LSTM's gates i_t and f_t over its units at each "
		    "step, each row from its lowest to its highest: where input is high the step is "
		    "written into the cell, where forget is near 1 the cell "
		    "keeps what it holds.");
	else if (m->dims.cell == SEQTRAIN_GRU)
		sim_result_add_note(answer, "update is the mean of the GRU's "
		    "update gate z_t over its units at each step, the row "
		    "from its lowest to its highest: near 1, h_t keeps "
		    "h_{t-1}.");
	if (o != NULL)
		sim_result_add_note(answer, "The %s beside it answers %.3f.",
		    sim_adding_model_kind(o), oy);
	else
		sim_result_add_note(answer, "Train a %s in this lesson too "
		    "and its dy/dx shows on the same scale.",
		    m->dims.cell == SEQTRAIN_RNN ? "gated cell (LSTM or "
		    "GRU)" : "plain RNN");
	free(x);
}

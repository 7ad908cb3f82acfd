/* knob: turning a focused simulation's knobs within their ranges. */
#include "config.h"

#include "view/knob.h"
#include "doc/simblock.h"

#include <math.h>
#include <string.h>

/* See knob.h. */
int
view_knob_args(struct sim_args *args, const struct lesson *lesson,
    const struct lesson_block *b, struct diag_list *diags)
{
	if (args->spec != NULL)
		return 0;
	if (doc_sim_args(args, lesson, b, diags) < 0) {
		/* doc_sim_args initialised args only for a known simulation */
		if (sim_find(b->sim.name) != NULL)
			sim_args_free(args);
		memset(args, 0, sizeof *args);
		return -1;
	}
	return 0;
}

/* See knob.h. */
enum view_knob_turn
view_knob_turn(struct sim_args *args, const struct lesson_knob *knob, int dir,
    size_t *index)
{
	const struct sim_param_spec *p;
	double lo, hi, step, value;

	if (knob->name == NULL || args->spec == NULL)
		return VIEW_KNOB_NOT_PARAM;
	p = sim_param_find(args->spec, knob->name, index);
	if (p == NULL || p->type == SIM_TEXT)
		return VIEW_KNOB_NOT_PARAM;
	lo = knob->has_min && knob->min > p->min ? knob->min : p->min;
	hi = knob->has_max && knob->max < p->max ? knob->max : p->max;
	step = p->type == SIM_CHOICE ? 1 : (knob->has_step ? knob->step :
	    p->step);
	if (!(step > 0))
		step = 1;
	value = args->num[*index] + dir * step;
	value = lo + round((value - lo) / step) * step;	/* stay on the grid */
	if (p->type == SIM_INT || p->type == SIM_CHOICE)
		value = round(value);
	if (value < lo)
		value = lo;
	if (value > hi)
		value = hi;
	if (value == args->num[*index])
		return VIEW_KNOB_AT_END;
	/* 0.1 - 0.1 on the grid is 1e-17, not 0: show it as 0 */
	args->num[*index] = fabs(value) < 1e-12 * step ? 0 : value;
	return VIEW_KNOB_TURNED;
}

/* See knob.h. */
void
view_knob_reset(struct sim_args *args)
{
	if (args->spec != NULL)
		sim_args_free(args);
	memset(args, 0, sizeof *args);
}

/* See knob.h. */
int
view_knob_choose(int knob, size_t nknobs, int dir)
{
	int n = (int)nknobs;

	if (n <= 0)
		return 0;
	return ((knob + dir) % n + n) % n;
}

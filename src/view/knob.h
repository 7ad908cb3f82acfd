/* knob: turning the knobs of a focused simulation block.
 *
 * A knob's range is the registry's (sim/sim.h) narrowed by the lesson's
 * min, max and step; values stay on the step's grid and stop at the ends
 * (choice parameters step one word at a time and do not wrap).
 *
 * Ownership: the caller owns the struct sim_args of a block. It starts
 * zeroed (spec NULL: the block runs with the lesson's values);
 * view_knob_args() fills it on the first turn, view_knob_reset() frees it
 * and zeroes it again. */
#ifndef RNNTUTOR_VIEW_KNOB_H
#define RNNTUTOR_VIEW_KNOB_H

#include <stddef.h>

#include "core/diag.h"
#include "lesson/lesson.h"
#include "sim/sim.h"

/* What a turn did. */
enum view_knob_turn {
	VIEW_KNOB_TURNED,	/* the value changed */
	VIEW_KNOB_AT_END,	/* it was at its smallest or largest already */
	VIEW_KNOB_NOT_PARAM	/* the knob names no number of the simulation */
};

/* Make sure args holds block b's values: if args->spec is NULL, fill it
 * from the registry's defaults and the lesson's params. Returns 0, or -1
 * with the reason in diags (args is left zeroed). */
int view_knob_args(struct sim_args *args, const struct lesson *lesson,
    const struct lesson_block *b, struct diag_list *diags);

/* Turn knob one step up (dir 1) or down (dir -1) in args (filled by
 * view_knob_args); *index gets the parameter's index in args->spec. */
enum view_knob_turn view_knob_turn(struct sim_args *args,
    const struct lesson_knob *knob, int dir, size_t *index);

/* Forget the reader's values: the block runs with the lesson's again. */
void view_knob_reset(struct sim_args *args);

/* The knob selected after moving dir (1 down, -1 up) from knob among
 * nknobs; the selection wraps around. */
int view_knob_choose(int knob, size_t nknobs, int dir);

#endif

/* focus: which blocks take the focus, and where Tab moves it. */
#include "config.h"

#include "view/focus.h"

#include "sim/sim.h"

/* Does simulation block b train a network at its lesson parameters (so
 * that its page says "Tab to it, then press Enter")? */
static int
trains(const struct lesson_block *b)
{
	const struct sim_spec *spec = sim_find(b->sim.name);
	struct sim_args args;
	struct diag_list d;
	int ok = 1;

	if (spec == NULL || spec->trains == NULL)
		return 0;
	sim_args_init(&args, spec);
	diag_list_init(&d);
	for (size_t i = 0; i < b->sim.nparams; i++)
		if (sim_args_set(&args, b->sim.params[i].name,
		    b->sim.params[i].value, &d, NULL, 0, 0) < 0)
			ok = 0;
	ok = ok && sim_pace(&args) == SIM_PACE_TRAINS;
	sim_args_free(&args);
	diag_list_free(&d);
	return ok;
}

/* See focus.h. A simulation that trains takes the focus without knobs. */
int
view_focus_takes(const struct lesson_block *b)
{
	if (b->kind == LESSON_QUIZ)
		return 1;
	if (b->kind != LESSON_SIM)
		return 0;
	return b->sim.nknobs > 0 || b->sim.predict.ask != NULL || trains(b);
}

/* See focus.h. */
enum view_focus
view_focus_kind(const struct lesson_block *b, int slow)
{
	if (b->kind == LESSON_SIM)
		return slow ? VIEW_FOCUS_SLOW_SIM : VIEW_FOCUS_SIM;
	if (b->kind == LESSON_QUIZ)
		return b->quiz.choices != NULL ? VIEW_FOCUS_CHOICE_QUIZ :
		    VIEW_FOCUS_NUMBER_QUIZ;
	return VIEW_FOCUS_NONE;
}

/* See focus.h. */
enum view_focus
view_focus_kind_predict(const struct lesson_block *b, int slow, int committed)
{
	if (b->kind == LESSON_SIM && b->sim.predict.ask != NULL && !committed)
		return b->sim.predict.choices != NULL ?
		    VIEW_FOCUS_PREDICT_CHOICE : VIEW_FOCUS_PREDICT_NUMBER;
	return view_focus_kind(b, slow);
}

/* Does block i show on a screen of rows lines from top: going down, does it
 * end below top; going up, does it start above the bottom? */
static int
shows(const struct doc_page *page, long i, size_t top, size_t rows, int dir)
{
	const struct doc_extent *e = &page->blocks[i];

	return dir > 0 ? e->last > top : e->first < top + rows;
}

/* See focus.h. */
long
view_focus_next(const struct lesson *lesson, const struct doc_page *page,
    long focus, size_t top, size_t rows, int dir)
{
	long n = (long)lesson->nblocks, i;

	if (focus < 0) {
		for (i = dir > 0 ? 0 : n - 1; i >= 0 && i < n; i += dir)
			if (view_focus_takes(&lesson->blocks[i]) &&
			    (size_t)i < page->nblocks &&
			    shows(page, i, top, rows, dir))
				return i;
		return -1;
	}
	for (i = focus + dir; i >= 0 && i < n; i += dir)
		if (view_focus_takes(&lesson->blocks[i]))
			return i;
	return -1;
}

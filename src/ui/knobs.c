#include "config.h"

#include "ui/ui.h"
#include "doc/simblock.h"

#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Can a block take focus: a quiz, or a simulation with knobs? */
static int
interactive(const struct lesson_block *b)
{
	return b->kind == LESSON_QUIZ ||
	    (b->kind == LESSON_SIM && b->sim.nknobs > 0);
}

/* Move the focus to the next (dir 1) or previous (dir -1) interactive block:
 * after the focused one, or from the top of the screen when none is. */
void
ui_focus_next(struct ui *ui, int dir)
{
	struct ui_view *v = &ui->view;
	const struct doc_page *page = v->page;
	long n = (long)v->lesson->nblocks, i = v->focus;
	size_t rows = (size_t)ui_page_rows();

	if (i < 0) {
		/* the first interactive block on or after the screen's top */
		for (i = dir > 0 ? 0 : n - 1; i >= 0 && i < n; i += dir)
			if (interactive(&v->lesson->blocks[i]) && (dir > 0 ?
			    page->blocks[i].last > v->top :
			    page->blocks[i].first < v->top + rows))
				break;
	} else {
		for (i += dir; i >= 0 && i < n; i += dir)
			if (interactive(&v->lesson->blocks[i]))
				break;
	}
	if (i < 0 || i >= n) {
		ui_message(ui, dir > 0 ? "No more quizzes or simulations below." :
		    "No more quizzes or simulations above.");
		return;
	}
	v->focus = i;
	v->states[i].knob = 0;
	ui_pager_relayout(ui);
	if (page != v->page)
		page = v->page;
	if (page->blocks[i].first < v->top ||
	    page->blocks[i].last > v->top + rows)
		ui_pager_show_line(ui, page->blocks[i].first);
}

/* The focused block's knob values, set up from the lesson on first use. */
static struct sim_args *
knob_args(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	const struct lesson_block *b = &v->lesson->blocks[v->focus];
	struct sim_args *args = &v->knobs[v->focus];
	struct diag_list diags;

	if (args->spec != NULL)
		return args;
	diag_list_init(&diags);
	if (doc_sim_args(args, v->lesson, b, &diags) < 0) {
		ui_message(ui, "This simulation cannot run: %s",
		    diags.n > 0 ? diags.v[0].msg : "unknown error");
		if (sim_find(b->sim.name) != NULL)
			sim_args_free(args);
		memset(args, 0, sizeof *args);
		diag_list_free(&diags);
		return NULL;
	}
	diag_list_free(&diags);
	return args;
}

/* Turn knob k of the focused block by dir steps, within its range. */
static void
turn(struct ui *ui, int dir)
{
	struct ui_view *v = &ui->view;
	const struct lesson_block *b = &v->lesson->blocks[v->focus];
	const struct lesson_knob *k = &b->sim.knobs[v->states[v->focus].knob];
	struct sim_args *args = knob_args(ui);
	const struct sim_param_spec *p;
	double lo, hi, step, value;
	size_t index;
	char *shown;

	if (args == NULL || k->name == NULL)
		return;
	p = sim_param_find(args->spec, k->name, &index);
	if (p == NULL || p->type == SIM_TEXT) {
		ui_message(ui, "Knob '%s' is not a parameter of %s.", k->name,
		    args->spec->name);
		return;
	}
	lo = k->has_min && k->min > p->min ? k->min : p->min;
	hi = k->has_max && k->max < p->max ? k->max : p->max;
	step = p->type == SIM_CHOICE ? 1 : (k->has_step ? k->step : p->step);
	if (!(step > 0))
		step = 1;
	value = args->num[index] + dir * step;
	value = lo + round((value - lo) / step) * step;	/* stay on the grid */
	if (p->type == SIM_INT || p->type == SIM_CHOICE)
		value = round(value);
	if (value < lo)
		value = lo;
	if (value > hi)
		value = hi;
	if (value == args->num[index]) {
		ui_message(ui, "%s is at its %s.", k->name, dir > 0 ? "largest" :
		    "smallest");
		return;
	}
	args->num[index] = fabs(value) < 1e-12 * step ? 0 : value;
	/* whatever the new pace: a run of the old settings must stop */
	ui_train_invalidate(ui, (size_t)v->focus);
	ui_pager_relayout(ui);
	shown = sim_args_format(args, index);
	ui_message(ui, "%s = %s", k->name, shown);
	free(shown);
}

/* Keys of a focused simulation (and Esc for any focused block). Returns 1
 * when the key was taken. */
int
ui_focus_key(struct ui *ui, int key)
{
	struct ui_view *v = &ui->view;
	const struct lesson_block *b = &v->lesson->blocks[v->focus];
	int *knob = &v->states[v->focus].knob;

	if (key == 27) {
		v->focus = -1;
		ui_pager_relayout(ui);
		return 1;
	}
	if (b->kind != LESSON_SIM)
		return 0;
	switch (key) {
	case KEY_LEFT: case 'h': case '-':
		turn(ui, -1);
		return 1;
	case KEY_RIGHT: case 'l': case '+': case '=':
		turn(ui, 1);
		return 1;
	case KEY_UP:
		*knob = (*knob + (int)b->sim.nknobs - 1) % (int)b->sim.nknobs;
		ui_pager_relayout(ui);
		return 1;
	case KEY_DOWN:
		*knob = (*knob + 1) % (int)b->sim.nknobs;
		ui_pager_relayout(ui);
		return 1;
	case '0':
		ui_train_invalidate(ui, (size_t)v->focus);
		if (v->knobs[v->focus].spec != NULL) {
			sim_args_free(&v->knobs[v->focus]);
			memset(&v->knobs[v->focus], 0, sizeof v->knobs[0]);
		}
		ui_pager_relayout(ui);
		ui_message(ui, "Back to the lesson's values.");
		return 1;
	default:
		return 0;
	}
}

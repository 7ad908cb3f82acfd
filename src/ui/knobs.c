#include "config.h"

#include "ui/ui.h"
#include "view/focus.h"
#include "view/knob.h"

#include <stdlib.h>

/* Move the focus to the next (dir 1) or previous (dir -1) interactive block:
 * after the focused one, or from the top of the screen when none is. */
void
ui_focus_next(struct ui *ui, int dir)
{
	struct ui_view *v = &ui->view;
	long i = view_focus_next(v->lesson, v->page, v->focus, v->top,
	    (size_t)ui_page_rows(), dir);

	if (i < 0) {
		ui_message(ui, dir > 0 ? "No more quizzes or simulations below." :
		    "No more quizzes or simulations above.");
		return;
	}
	v->focus = i;
	v->states[i].knob = 0;
	v->reveal = i;		/* on the page laid out with the focus */
	ui_pager_invalidate(ui);
}

/* Keep before (taken) as the focused block's settings before its last
 * change: the layout draws their result under the new one. */
static void
remember(struct ui *ui, struct sim_args *before)
{
	struct sim_args *prev = &ui->view.prev[ui->view.focus];

	if (prev->spec != NULL)
		sim_args_free(prev);
	*prev = *before;
}

/* Turn the selected knob of the focused block by dir steps and say so. */
static void
turn(struct ui *ui, int dir)
{
	struct ui_view *v = &ui->view;
	const struct lesson_block *b = &v->lesson->blocks[v->focus];
	const struct lesson_knob *k = &b->sim.knobs[v->states[v->focus].knob];
	struct sim_args *args = &v->knobs[v->focus];
	struct sim_args before;
	enum view_knob_turn turned;
	struct diag_list diags;
	size_t index;
	char *shown;

	diag_list_init(&diags);
	if (view_knob_args(args, v->lesson, b, &diags) < 0) {
		ui_message(ui, "This simulation cannot run: %s",
		    diags.n > 0 ? diags.v[0].msg : "unknown error");
		diag_list_free(&diags);
		return;
	}
	diag_list_free(&diags);
	if (k->name == NULL)
		return;
	sim_args_copy(&before, args);
	turned = view_knob_turn(args, k, dir, &index);
	if (turned == VIEW_KNOB_TURNED)
		remember(ui, &before);
	else
		sim_args_free(&before);
	switch (turned) {
	case VIEW_KNOB_NOT_PARAM:
		ui_message(ui, "Knob '%s' is not a parameter of %s.", k->name,
		    args->spec->name);
		break;
	case VIEW_KNOB_AT_END:
		ui_message(ui, "%s is at its %s.", k->name, dir > 0 ? "largest" :
		    "smallest");
		break;
	case VIEW_KNOB_TURNED:
		/* whatever the new pace: a run of the old settings must stop */
		ui_train_invalidate(ui, (size_t)v->focus);
		ui_pager_invalidate(ui);
		shown = sim_args_format(args, index);
		ui_message(ui, "%s = %s", k->name, shown);
		free(shown);
		break;
	}
}

/* See ui.h. */
void
ui_knob_act(struct ui *ui, enum view_act act)
{
	struct ui_view *v = &ui->view;
	const struct lesson_block *b = &v->lesson->blocks[v->focus];
	int *knob = &v->states[v->focus].knob;

	/* focused for its prediction, its training or its command line */
	if (b->sim.nknobs == 0 && act != VIEW_ACT_SIM_COMMAND) {
		ui_message(ui, "This simulation has no knobs.");
		return;
	}
	switch (act) {
	case VIEW_ACT_KNOB_DOWN:
		turn(ui, -1);
		break;
	case VIEW_ACT_KNOB_UP:
		turn(ui, 1);
		break;
	case VIEW_ACT_KNOB_PREV:
		*knob = view_knob_choose(*knob, b->sim.nknobs, -1);
		ui_pager_invalidate(ui);
		break;
	case VIEW_ACT_KNOB_NEXT:
		*knob = view_knob_choose(*knob, b->sim.nknobs, 1);
		ui_pager_invalidate(ui);
		break;
	case VIEW_ACT_SIM_COMMAND:
		/* a line in the block, to copy; the status line says it too */
		v->states[v->focus].command = !v->states[v->focus].command;
		ui_pager_invalidate(ui);
		v->reveal = v->focus;
		ui_message(ui, v->states[v->focus].command ? "The line under "
		    "the knobs runs this simulation headless: copy it." :
		    "Command line hidden.");
		break;
	case VIEW_ACT_KNOB_RESET:
		ui_train_invalidate(ui, (size_t)v->focus);
		if (v->knobs[v->focus].spec != NULL) {
			struct sim_args before;

			sim_args_copy(&before, &v->knobs[v->focus]);
			remember(ui, &before);
		}
		view_knob_reset(&v->knobs[v->focus]);
		ui_pager_invalidate(ui);
		ui_message(ui, "Back to the lesson's values.");
		break;
	default:
		break;
	}
}

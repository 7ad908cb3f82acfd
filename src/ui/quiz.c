#include "config.h"

#include "ui/ui.h"
#include "core/num.h"
#include "view/quiz.h"

/* Record an answer in the view and the progress file's records. */
static void
answer(struct ui *ui, size_t block, int correct)
{
	struct ui_view *v = &ui->view;

	view_quiz_record(&v->states[block].quiz, correct);
	progress_quiz_answer(progress_lesson(&ui->progress, v->lesson->id, true),
	    block, correct != 0);
	ui_pager_invalidate(ui);
	ui_message(ui, correct ? "Right!" : v->lesson->blocks[block].quiz.retry ?
	    "Not quite. Try again." : "Not quite.");
}

/* May the focused quiz still be answered? Says why not. */
static int
may_answer(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	switch (view_quiz_may_answer(&v->lesson->blocks[v->focus].quiz,
	    &v->states[v->focus].quiz)) {
	case VIEW_QUIZ_DONE:
		ui_message(ui, "Already answered. Tab goes to the next one.");
		return 0;
	case VIEW_QUIZ_ONE_TRY:
		ui_message(ui, "This quiz takes one answer.");
		return 0;
	case VIEW_QUIZ_OPEN:
		break;
	}
	return 1;
}

/* See ui.h. */
void
ui_quiz_choose(struct ui *ui, size_t choice)
{
	struct ui_view *v = &ui->view;

	if (!may_answer(ui))
		return;
	v->states[v->focus].quiz.choice = choice;
	answer(ui, (size_t)v->focus,
	    choice == v->lesson->blocks[v->focus].quiz.answer);
}

/* See ui.h. */
void
ui_quiz_ask(struct ui *ui)
{
	if (may_answer(ui))
		ui_prompt_start(ui, "Your answer: ", ui_quiz_number);
}

/* The number typed for a numeric quiz. */
void
ui_quiz_number(struct ui *ui, const char *text)
{
	struct ui_view *v = &ui->view;
	double value;

	if (v->focus < 0)
		return;
	if (num_parse_double(text, &value) < 0) {
		ui_message(ui, "Type a number such as 0.35 or 2.5e-3.");
		return;
	}
	v->states[v->focus].quiz.value = value;
	answer(ui, (size_t)v->focus, view_quiz_number_right(
	    &v->lesson->blocks[v->focus].quiz, value));
}

/* Show earlier answers from the progress records. */
void
ui_quiz_restore(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	view_quiz_restore(v->states, v->lesson, progress_lesson(&ui->progress,
	    v->lesson->id, false));
}

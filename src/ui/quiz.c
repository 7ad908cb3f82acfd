#include "config.h"

#include "ui/ui.h"
#include "view/quiz.h"

#include <curses.h>
#include <stdio.h>

#include <string.h>

/* Record an answer in the view and the progress file's records. */
static void
answer(struct ui *ui, size_t block, int correct)
{
	struct ui_view *v = &ui->view;

	view_quiz_record(&v->states[block].quiz, correct);
	v->show_end = (long)block;	/* the verdict comes into sight */
	progress_quiz_answer(progress_lesson(&ui->progress, v->lesson->id, true),
	    block, correct != 0);
	ui_pager_invalidate(ui);
	if (correct) {
		ui_message(ui, "Right!");
	} else if (doc_quiz_shown(&v->lesson->blocks[block].quiz,
	    &v->states[block].quiz)) {
		/* shown before it was known: kept as revealed */
		progress_quiz_revealed(progress_lesson(&ui->progress,
		    v->lesson->id, true), block);
		ui_message(ui, "Not quite. The answer is shown below.");
	} else {
		ui_message(ui, "Not quite. Try again.");
	}
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
	case VIEW_QUIZ_SHOWN:
		ui_message(ui, "The answer is shown; v in the lesson list asks "
		    "it again later.");
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
	char msg[256];

	if (v->focus < 0)
		return;
	if (view_quiz_read_number(&v->lesson->blocks[v->focus].quiz, text,
	    &value, msg, sizeof msg) < 0) {
		ui_message(ui, "%s", msg);
		return;
	}
	v->states[v->focus].quiz.value = value;
	answer(ui, (size_t)v->focus, view_quiz_number_right(
	    &v->lesson->blocks[v->focus].quiz, value));
}

/* See ui.h. */
void
ui_quiz_reveal(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	struct doc_quiz_state *st = &v->states[v->focus].quiz;
	const struct lesson_quiz *q = &v->lesson->blocks[v->focus].quiz;

	if (doc_quiz_shown(q, st)) {
		ui_message(ui, "The answer is already shown.");
		return;
	}
	if (view_quiz_reveal(q, st) < 0) {
		ui_message(ui, "This quiz does not show its answer: it is "
		    "graded.");
		return;
	}
	v->show_end = v->focus;	/* the answer comes into sight */
	/* a revealed answer was not known: it counts as a wrong try, and
	 * is shown revealed after a restart */
	progress_quiz_answer(progress_lesson(&ui->progress, v->lesson->id,
	    true), (size_t)v->focus, false);
	progress_quiz_revealed(progress_lesson(&ui->progress, v->lesson->id,
	    true), (size_t)v->focus);
	ui_pager_invalidate(ui);
	ui_message(ui, "The answer is shown below.");
}

/* Show earlier answers from the progress records. */
void
ui_quiz_restore(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	view_quiz_restore(v->states, v->lesson, progress_lesson(&ui->progress,
	    v->lesson->id, false));
}

/* Commit the focused block's prediction: its result shows from now on. */
static void
predict_commit(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	const struct doc_predict_state *st = &v->states[v->focus].predict;

	v->states[v->focus].predict.committed = 1;
	/* kept in the progress file: not asked again after a restart */
	progress_predict_commit(progress_lesson(&ui->progress, v->lesson->id,
	    true), (size_t)v->focus,
	    v->lesson->blocks[v->focus].sim.predict.choices != NULL,
	    st->choice, st->value);
	ui_pager_invalidate(ui);
	ui_message(ui, "Noted. The result is shown with your guess beside it.");
}

/* See ui.h. */
void
ui_predict_choose(struct ui *ui, size_t choice)
{
	struct ui_view *v = &ui->view;

	if (v->focus < 0 || v->states[v->focus].predict.committed)
		return;
	v->states[v->focus].predict.choice = choice;
	predict_commit(ui);
}

/* See ui.h. */
void
ui_predict_number(struct ui *ui, const char *text)
{
	struct ui_view *v = &ui->view;
	const struct lesson_predict *p;
	struct lesson_quiz as_quiz;
	double value;
	char msg[256];

	if (v->focus < 0 || v->states[v->focus].predict.committed)
		return;
	p = &v->lesson->blocks[v->focus].sim.predict;
	memset(&as_quiz, 0, sizeof as_quiz);
	as_quiz.fraction = p->fraction;
	if (view_quiz_read_number(&as_quiz, text, &value, msg, sizeof msg) < 0) {
		ui_message(ui, "%s", msg);
		return;
	}
	v->states[v->focus].predict.value = value;
	predict_commit(ui);
}

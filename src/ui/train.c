#include "config.h"

#include "ui/ui.h"
#include "doc/simblock.h"
#include "core/xalloc.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLICE_SECONDS 0.03	/* work between two looks at the keyboard */
#define BAR 20			/* columns of the progress bar */

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Is block i a simulation that runs only when asked (training), with the
 * reader's knob values or else the lesson's? */
int
ui_train_is_slow(const struct ui *ui, size_t i)
{
	const struct lesson_block *b = &ui->view.lesson->blocks[i];
	const struct sim_spec *spec;
	struct sim_args args;
	struct diag_list diags;
	int slow;

	if (b->kind != LESSON_SIM)
		return 0;
	spec = sim_find(b->sim.name);
	if (spec == NULL || spec->slow == NULL)
		return 0;
	if (ui->view.knobs[i].spec != NULL)
		return spec->slow(&ui->view.knobs[i]);
	diag_list_init(&diags);
	slow = doc_sim_args(&args, ui->view.lesson, b, &diags) == 0 &&
	    spec->slow(&args);
	sim_args_free(&args);
	diag_list_free(&diags);
	return slow;
}

/* Forget a slow block's result (its settings changed). */
void
ui_train_invalidate(struct ui *ui, size_t i)
{
	struct ui_slow *s = &ui->view.slow[i];

	if (s->result != NULL) {
		sim_result_free(s->result);
		free(s->result);
		s->result = NULL;
		snprintf(s->note, sizeof s->note, "The settings changed: press "
		    "Enter to train again.");
	}
	sentiment_model_destroy(s->model);
	s->model = NULL;
	if (s->has_pred)
		sentiment_prediction_free(&s->pred);
	s->has_pred = 0;
}

/* Free the slow blocks' results, models and predictions of the view. */
void
ui_train_free_view(struct ui *ui)
{
	if (ui->job.run != NULL && ui->job.block >= 0)
		ui_train_cancel(ui, 0);
	for (size_t i = 0; ui->view.slow != NULL && i < ui->view.lesson->nblocks;
	    i++)
		ui_train_invalidate(ui, i);
	free(ui->view.slow);
	ui->view.slow = NULL;
}

/* Point the layout states of slow blocks at their note, partial or final
 * result and prediction. */
void
ui_train_states(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	for (size_t i = 0; i < v->lesson->nblocks; i++) {
		struct doc_block_state *st = &v->states[i];
		struct ui_slow *s = &v->slow[i];

		st->note = NULL;
		st->result = NULL;
		st->prediction = NULL;
		if (!ui_train_is_slow(ui, i))
			continue;
		if (ui->job.run != NULL && ui->job.block == (long)i) {
			st->note = ui->job.note;
			st->result = &ui->job.partial;
		} else if (s->result != NULL) {
			st->result = s->result;
			st->prediction = s->has_pred ? &s->pred : NULL;
		} else {
			if (s->note[0] == '\0' || strncmp(s->note, "This ", 5) == 0)
				snprintf(s->note, sizeof s->note, v->focus == (long)i ?
				    "This simulation trains a network: press Enter "
				    "to train it (Esc stops)." : "This simulation "
				    "trains a network: Tab to it, then press Enter.");
			st->note = s->note;
		}
	}
}

/* The progress line: epoch, a bar, and the time left. */
static void
progress_note(struct ui *ui)
{
	struct sentiment_progress pg;
	char bar[BAR + 1];
	double spent = now() - ui->job.started, left;
	int fill;

	sentiment_run_progress(ui->job.run, &pg);
	fill = (int)(pg.fraction * BAR);
	for (int i = 0; i < BAR; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR] = '\0';
	left = pg.fraction > 0.02 ? spent / pg.fraction * (1 - pg.fraction) : NAN;
	if (isnan(left))
		snprintf(ui->job.note, sizeof ui->job.note, "Training: epoch %zu "
		    "of %zu [%s] %3.0f%%  (Esc stops)", pg.epoch + (pg.done ? 0 :
		    1), pg.epochs, bar, 100 * pg.fraction);
	else
		snprintf(ui->job.note, sizeof ui->job.note, "Training: epoch %zu "
		    "of %zu [%s] %3.0f%%, about %.0f s left  (Esc stops)",
		    pg.epoch + (pg.done ? 0 : 1), pg.epochs, bar,
		    100 * pg.fraction, ceil(left));
}

/* Start training the focused block with its current settings. */
static void
start(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	size_t i = (size_t)v->focus;
	struct sim_args args;
	struct diag_list diags;
	const struct sim_args *use;

	diag_list_init(&diags);
	if (v->knobs[i].spec != NULL) {
		use = &v->knobs[i];
	} else if (doc_sim_args(&args, v->lesson, &v->lesson->blocks[i],
	    &diags) == 0) {
		use = &args;
	} else {
		ui_message(ui, "Cannot train: %s", diags.n > 0 ? diags.v[0].msg :
		    "bad settings");
		diag_list_free(&diags);
		return;
	}
	ui_train_invalidate(ui, i);
	if (sentiment_run_create(&ui->job.run, use, &diags) != SIM_OK) {
		ui_message(ui, "Cannot train: %s", diags.n > 0 ?
		    diags.v[diags.n - 1].msg : "unknown error");
		ui->job.run = NULL;
	} else {
		ui->job.block = (long)i;
		ui->job.started = now();
		sim_result_init(&ui->job.partial);
		progress_note(ui);
	}
	if (use == &args)
		sim_args_free(&args);
	diag_list_free(&diags);
	ui_pager_invalidate(ui);
}

/* Stop the running job; keep is 1 when it finished (its result stays). */
void
ui_train_cancel(struct ui *ui, int keep)
{
	struct ui_job *job = &ui->job;
	struct ui_slow *s;

	if (job->run == NULL)
		return;
	s = &ui->view.slow[job->block];
	if (keep) {
		s->result = xcalloc(1, sizeof *s->result);
		sim_result_init(s->result);
		sentiment_run_result(job->run, s->result);
		s->model = sentiment_model_copy(sentiment_run_model(job->run));
	} else {
		snprintf(s->note, sizeof s->note, "Training stopped: press Enter "
		    "to train again.");
	}
	sim_result_free(&job->partial);
	sentiment_run_destroy(job->run);
	job->run = NULL;
	job->block = -1;
}

/* Train for a slice of time, then show where training is. */
void
ui_train_tick(struct ui *ui)
{
	struct diag_list diags;
	double until = now() + SLICE_SECONDS;
	int rc = 1;

	diag_list_init(&diags);
	while (rc == 1 && now() < until)
		rc = sentiment_run_step(ui->job.run, 1, &diags);
	if (rc < 0) {
		ui_message(ui, "Training stopped: %s", diags.n > 0 ?
		    diags.v[diags.n - 1].msg : "error");
		ui_train_cancel(ui, 0);
	} else if (rc == 0) {
		struct sentiment_progress pg;

		sentiment_run_progress(ui->job.run, &pg);
		ui_message(ui, "Trained %zu epochs in %.1f s. Press t to try "
		    "your own sentence.", pg.epochs, now() - ui->job.started);
		ui_train_cancel(ui, 1);
	} else {
		sim_result_free(&ui->job.partial);
		sim_result_init(&ui->job.partial);
		sentiment_run_result(ui->job.run, &ui->job.partial);
		progress_note(ui);
	}
	diag_list_free(&diags);
	ui_pager_invalidate(ui);
}

/* The reader's sentence for the trained model of the focused block. */
void
ui_train_sentence(struct ui *ui, const char *text)
{
	struct ui_slow *s;

	if (ui->view.focus < 0)
		return;
	s = &ui->view.slow[ui->view.focus];
	if (s->model == NULL)
		return;
	if (!s->has_pred)
		sentiment_prediction_init(&s->pred);
	s->has_pred = 1;
	sentiment_predict(&s->pred, s->model, text, strlen(text));
	ui_pager_layout_now(ui);
	/* the answer is at the end of the block: bring it on screen */
	{
		const struct doc_extent *e = &ui->view.page->blocks[ui->view.focus];
		size_t rows = (size_t)ui_page_rows();

		if (e->last > ui->view.top + rows)
			ui->view.top = e->last - rows;
	}
	ui_message(ui, "P(positive) = %.3f", s->pred.p);
}

/* Keys of a focused slow simulation: Enter trains, Esc stops, t asks for
 * a sentence. Returns 1 when the key was taken. */
int
ui_train_key(struct ui *ui, int key)
{
	struct ui_view *v = &ui->view;

	if (v->focus < 0 || !ui_train_is_slow(ui, (size_t)v->focus))
		return 0;
	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		if (ui->job.run != NULL)
			ui_message(ui, "Training is running: Esc stops it.");
		else
			start(ui);
		return 1;
	case 27:
		if (ui->job.run == NULL)
			return 0;
		ui_train_cancel(ui, 0);
		ui_message(ui, "Training stopped.");
		ui_pager_invalidate(ui);
		return 1;
	case 't':
		if (v->slow[v->focus].model == NULL)
			ui_message(ui, "Train first (Enter), then try a sentence.");
		else
			ui_prompt_start(ui, "Your sentence: ", ui_train_sentence);
		return 1;
	default:
		return 0;
	}
}

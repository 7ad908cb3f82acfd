/* train: slow simulations in slices between key reads.
 *
 * One run at a time, through the registry's stepping face (sim_job): the
 * training the reader asked for (Enter on a block that trains), or else a
 * heavy block on the screen, computed on sight. A finished run's result
 * goes into ui->cache under the settings it ran with, where the layout
 * finds it; a training run also leaves its model for the reader's text.
 * While a run goes on, the page shows its progress a few times a second,
 * not after every slice: a relayout costs, and the eye needs no more. */
#include "config.h"

#include "ui/ui.h"
#include "doc/simblock.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLICE_SECONDS 0.03	/* work between two looks at the keyboard */
#define SHOW_SECONDS 0.25	/* progress on the page at most this often */
#define BAR 20			/* columns of the progress bar */

/* The current settings of block i: the reader's knobs, or the lesson's.
 * Returns 0 with *args set (args_own filled when they are the lesson's,
 * to be freed), or -1 with messages in diags. */
static int
block_args(const struct ui *ui, size_t i, const struct sim_args **args,
    struct sim_args *args_own, struct diag_list *diags)
{
	const struct lesson_block *b = &ui->view.lesson->blocks[i];

	args_own->spec = NULL;
	if (ui->view.knobs[i].spec != NULL) {
		*args = &ui->view.knobs[i];
		return 0;
	}
	if (doc_sim_args(args_own, ui->view.lesson, b, diags) == 0) {
		*args = args_own;
		return 0;
	}
	if (args_own->spec != NULL)
		sim_args_free(args_own);
	args_own->spec = NULL;
	return -1;
}

/* See ui.h. */
int
ui_train_is_slow(const struct ui *ui, size_t i)
{
	const struct lesson_block *b = &ui->view.lesson->blocks[i];
	const struct sim_args *args;
	struct sim_args own;
	struct diag_list diags;
	int slow;

	if (b->kind != LESSON_SIM || sim_find(b->sim.name) == NULL)
		return 0;
	diag_list_init(&diags);
	slow = block_args(ui, i, &args, &own, &diags) == 0 &&
	    sim_pace(args) == SIM_PACE_TRAINS;
	if (own.spec != NULL)
		sim_args_free(&own);
	diag_list_free(&diags);
	return slow;
}

/* Let go of a block's model (ui->keep keeps it), answer and the curves
 * of a run that ended early. */
static void
forget_model(struct ui_slow *s)
{
	s->model = NULL;
	if (s->has_answer)
		sim_result_free(&s->answer);
	s->has_answer = 0;
	sim_result_free(&s->partial);
	s->state = UI_SLOW_WAITING;
}

/* A training run ended early (Esc, or it failed): keep its curves so far
 * and say on the block why they stop, with the way to train again. */
static void
keep_partial(struct ui *ui, enum ui_slow_state state, const char *why)
{
	struct ui_slow *s = &ui->view.slow[ui->job.block];
	struct sim_progress pg;

	sim_result_free(&s->partial);
	sim_job_result(ui->job.run, &s->partial);
	sim_job_progress(ui->job.run, &pg);
	s->state = state;
	if (state == UI_SLOW_STOPPED)
		snprintf(s->note, sizeof s->note, "Training stopped after %zu of "
		    "%zu %ss: press Enter to train again.", pg.stage, pg.stages,
		    pg.stage_name);
	else
		snprintf(s->note, sizeof s->note, "Training stopped: %s. Press "
		    "Enter to train again.", why);
}

/* The model trained earlier this session for block i with args, or NULL. */
static const struct sim_model *
kept_model(const struct ui *ui, size_t i, const struct sim_args *args)
{
	return view_keep_model(ui->keep, ui->view.lesson->id, i, args);
}

/* What block i's model says about text, with a model of another kind
 * beside it when one has been trained in this lesson (an RNN beside a
 * gated cell, or the LSTM beside the RNN). No relayout. */
static void
ask_model(struct ui *ui, size_t i, const char *text)
{
	struct ui_slow *s = &ui->view.slow[i];
	const struct sim_model *other;

	if (s->has_answer)
		sim_result_free(&s->answer);
	sim_result_init(&s->answer);
	s->has_answer = 1;
	other = view_keep_beside(ui->keep, ui->view.lesson->id, s->model,
	    strcmp(sim_model_kind(s->model), "RNN") == 0 ? "LSTM" : "RNN");
	sim_model_ask_beside(&s->answer, s->model, other, text, strlen(text));
}

/* Block i waits with no model: bring back the one trained earlier with
 * its current settings, and the answer to the last text typed there. */
static void
restore_model(struct ui *ui, size_t i)
{
	struct ui_slow *s = &ui->view.slow[i];
	const struct sim_args *args;
	struct sim_args own;
	struct diag_list diags;
	const char *text;

	if (s->model != NULL || s->state != UI_SLOW_WAITING ||
	    ui->view.lesson->blocks[i].kind != LESSON_SIM ||
	    (ui->job.run != NULL && ui->job.block == (long)i))
		return;
	diag_list_init(&diags);
	if (block_args(ui, i, &args, &own, &diags) == 0 &&
	    sim_has_model(args->spec))
		s->model = kept_model(ui, i, args);
	if (own.spec != NULL)
		sim_args_free(&own);
	diag_list_free(&diags);
	text = view_keep_text(ui->keep, ui->view.lesson->id, i);
	if (s->model != NULL && text != NULL)
		ask_model(ui, i, text);
}

/* See ui.h. */
void
ui_train_invalidate(struct ui *ui, size_t i)
{
	if (ui->job.run != NULL && ui->job.block == (long)i)
		ui_train_cancel(ui);
	forget_model(&ui->view.slow[i]);
}

/* See ui.h. */
void
ui_train_free_view(struct ui *ui)
{
	if (ui->job.run != NULL)
		ui_train_cancel(ui);
	for (size_t i = 0; ui->view.slow != NULL && i < ui->view.lesson->nblocks;
	    i++)
		forget_model(&ui->view.slow[i]);
	free(ui->view.slow);
	ui->view.slow = NULL;
}

/* See ui.h. */
void
ui_train_states(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	for (size_t i = 0; i < v->lesson->nblocks; i++) {
		struct doc_block_state *st = &v->states[i];
		struct ui_slow *s = &v->slow[i];

		restore_model(ui, i);
		st->note = NULL;
		st->result = NULL;
		st->answer = s->has_answer ? &s->answer : NULL;
		if (ui->job.run != NULL && ui->job.block == (long)i) {
			st->note = ui->job.note;
			st->result = &ui->job.partial;
		} else if (s->state != UI_SLOW_WAITING) {
			st->note = s->note;
			st->result = &s->partial;
		}
	}
}

/* The progress line: stage, a bar, and the time left. */
static void
progress_note(struct ui *ui)
{
	struct sim_progress pg;
	char bar[BAR + 1], left_text[40] = "";
	double spent = clock_now() - ui->job.started, left;
	int fill;

	sim_job_progress(ui->job.run, &pg);
	fill = (int)(pg.fraction * BAR);
	for (int i = 0; i < BAR; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR] = '\0';
	left = pg.fraction > 0.02 ? spent / pg.fraction * (1 - pg.fraction) : NAN;
	if (!isnan(left))
		snprintf(left_text, sizeof left_text, ", about %.0f s left",
		    ceil(left));
	snprintf(ui->job.note, sizeof ui->job.note, "%s: %s %zu of %zu [%s] "
	    "%3.0f%%%s%s", ui->job.asked ? "Training" : "Computing",
	    pg.stage_name, pg.stage + (pg.done || pg.stage >= pg.stages ? 0 : 1),
	    pg.stages, bar, 100 * pg.fraction, left_text,
	    ui->job.asked ? "  (Esc stops)" : "");
}

/* path in full, or when short_form is set its last name after an
 * ellipsis (".../tiny.tsv"); a heap string. */
static char *
shown_path(const struct ui *ui, const char *path, int short_form)
{
	const char *slash = strrchr(path, '/');

	if (!short_form || slash == NULL)
		return xstrdup(path);
	return xasprintf("%s%s", ui->opts->ascii ? "..." : "\xE2\x80\xA6",
	    slash);
}

/* Say why block i cannot train. A message about another file than the
 * lesson (a data file missing or unreadable) names that file and the
 * lesson's line that names it, "(lesson FILE:LINE)", the paths cut to
 * their last names when the whole does not fit the status line, and the
 * reason itself cut last; the page shows the full path. */
static void
say_cannot_train(struct ui *ui, size_t i, const struct diag *d)
{
	const struct lesson *l = ui->view.lesson;
	struct lesson_pos at;
	char line[24] = "";

	if (d == NULL) {
		ui_message(ui, "Cannot train: unknown error");
		return;
	}
	if (d->file == NULL || l->file == NULL) {
		ui_message(ui, "Cannot train: %s", d->msg);
		return;
	}
	if (strcmp(d->file, l->file) == 0) {
		if (d->line > 0)
			ui_message(ui, "Cannot train: %s (lesson %s:%d)", d->msg,
			    l->file, d->line);
		else
			ui_message(ui, "Cannot train: %s", d->msg);
		return;
	}
	at = doc_sim_file_pos(&l->blocks[i].sim, d->file);
	if (d->line > 0)
		snprintf(line, sizeof line, ":%d", d->line);
	for (int short_form = 0; short_form <= 2; short_form++) {
		char *data = shown_path(ui, d->file, short_form > 0);
		char *lesson = shown_path(ui, l->file, short_form > 0);
		char *text = short_form < 2 ?
		    xasprintf("Cannot train: %s%s: %s (lesson %s:%d)", data, line,
		    d->msg, lesson, at.line) :
		    /* the names first: the status line cuts the reason */
		    xasprintf("Cannot train: %s%s (lesson %s:%d): %s", data, line,
		    lesson, at.line, d->msg);
		int fits = (int)utf8_width(text, strlen(text)) <= COLS - 2;

		if (fits || short_form == 2)
			ui_message(ui, "%s", text);
		free(data);
		free(lesson);
		free(text);
		if (fits)
			break;
	}
}

/* Start a run of block i with args; asked: the reader's training. */
static void
start(struct ui *ui, size_t i, const struct sim_args *args, int asked)
{
	struct diag_list diags;

	diag_list_init(&diags);
	if (sim_job_create(&ui->job.run, args, NULL, &diags) != SIM_OK) {
		/* the page shows the failure in full, the status line why */
		if (asked)
			say_cannot_train(ui, i, diags.n > 0 ?
			    &diags.v[diags.n - 1] : NULL);
		sim_cache_put_failure(ui->cache, args, &diags);
		ui->job.run = NULL;
	} else {
		ui->job.block = (long)i;
		ui->job.asked = asked;
		ui->job.started = clock_now();
		ui->job.shown = ui->job.started;
		sim_result_init(&ui->job.partial);
		progress_note(ui);
	}
	diag_list_free(&diags);
	ui_pager_invalidate(ui);
}

/* Train the focused block with its current settings. */
static void
start_training(struct ui *ui)
{
	size_t i = (size_t)ui->view.focus;
	const struct sim_args *args;
	struct sim_args own;
	struct diag_list diags;

	diag_list_init(&diags);
	if (block_args(ui, i, &args, &own, &diags) < 0) {
		say_cannot_train(ui, i, diags.n > 0 ? &diags.v[0] : NULL);
	} else {
		if (ui->job.run != NULL)	/* a block computed on sight */
			ui_train_cancel(ui);
		forget_model(&ui->view.slow[i]);
		start(ui, i, args, 1);
	}
	if (own.spec != NULL)
		sim_args_free(&own);
	diag_list_free(&diags);
}

/* See ui.h. */
void
ui_train_cancel(struct ui *ui)
{
	struct ui_job *job = &ui->job;

	if (job->run == NULL)
		return;
	if (job->asked && kept_model(ui, (size_t)job->block,
	    sim_job_args(job->run)) == NULL)
		keep_partial(ui, UI_SLOW_STOPPED, NULL);
	sim_result_free(&job->partial);
	sim_job_destroy(job->run);
	job->run = NULL;
	job->block = -1;
}

/* See ui.h: a model trained before with the same settings is kept, and
 * the message says so. */
void
ui_train_stop(struct ui *ui)
{
	int had;

	if (ui->job.run == NULL)
		return;
	had = ui->job.asked && kept_model(ui, (size_t)ui->job.block,
	    sim_job_args(ui->job.run)) != NULL;
	ui_train_cancel(ui);
	ui_message(ui, "%s", had ? "Training stopped: the model trained "
	    "before with these settings is back." : "Training stopped.");
	ui_pager_invalidate(ui);
}

/* The run is over: keep its result (or its failure) in the cache under
 * the settings it ran with, and a training run's model. */
static void
finish(struct ui *ui, int rc, struct diag_list *diags)
{
	struct ui_job *job = &ui->job;
	const struct sim_args *args = sim_job_args(job->run);
	struct ui_slow *s = &ui->view.slow[job->block];
	struct sim_progress pg;
	struct sim_result res;

	sim_job_progress(job->run, &pg);
	if (rc == 0) {
		sim_result_init(&res);
		sim_job_result(job->run, &res);
		sim_cache_put(ui->cache, args, &res);
		if (job->asked && pg.ended != NULL) {
			ui_message(ui, "Training stopped: %s.", pg.ended);
		} else if (job->asked) {
			struct sim_model *model = sim_job_model(job->run);

			if (model != NULL) {
				view_keep_put_model(ui->keep,
				    ui->view.lesson->id, (size_t)job->block,
				    args, model);
				s->model = model;
				if (view_keep_text(ui->keep, ui->view.lesson->id,
				    (size_t)job->block) != NULL)
					ask_model(ui, (size_t)job->block,
					    view_keep_text(ui->keep,
					    ui->view.lesson->id,
					    (size_t)job->block));
			}
			if (s->model != NULL)
				ui_message(ui, "Trained %zu %s%s in %.1f s. Press t to "
				    "try your own %s.", pg.stages, pg.stage_name,
				    pg.stages == 1 ? "" : "s", clock_now() - job->started,
				    sim_model_noun(s->model));
			else
				ui_message(ui, "Trained %zu %s%s in %.1f s.",
				    pg.stages, pg.stage_name, pg.stages == 1 ?
				    "" : "s", clock_now() - job->started);
		}
	} else {
		const char *why = diags->n > 0 ? diags->v[diags->n - 1].msg :
		    "it failed";

		sim_cache_put_failure(ui->cache, args, diags);
		if (job->asked) {
			ui_message(ui, "Training stopped: %s", why);
			keep_partial(ui, UI_SLOW_FAILED, why);
		}
	}
	sim_result_free(&job->partial);
	sim_job_destroy(job->run);
	job->run = NULL;
	job->block = -1;
	ui_pager_invalidate(ui);
}

/* See ui.h. */
void
ui_train_tick(struct ui *ui)
{
	struct diag_list diags;
	double until = clock_now() + SLICE_SECONDS;
	int rc = 1;

	diag_list_init(&diags);
	while (rc == 1 && clock_now() < until)
		rc = sim_job_step(ui->job.run, 1, &diags);
	if (rc != 1) {
		finish(ui, rc, &diags);
	} else if (clock_now() - ui->job.shown >= SHOW_SECONDS) {
		ui->job.shown = clock_now();
		sim_result_free(&ui->job.partial);
		sim_result_init(&ui->job.partial);
		sim_job_result(ui->job.run, &ui->job.partial);
		progress_note(ui);
		ui_pager_invalidate(ui);
	}
	diag_list_free(&diags);
}

/* See ui.h: the first block on the screen whose layout waits for a heavy
 * run. Off-screen blocks wait until the reader gets there, so an idle
 * program computes nothing the reader has not come to. */
void
ui_train_schedule(struct ui *ui)
{
	const struct ui_view *v = &ui->view;
	const struct doc_page *page = v->page;
	size_t bottom, rows = (size_t)ui_page_rows();

	if (ui->job.run != NULL || v->lesson == NULL || page == NULL ||
	    ui->screen != UI_PAGER)
		return;
	bottom = v->top + rows < page->nlines ? v->top + rows : page->nlines;
	for (size_t i = 0; i < page->nblocks; i++) {
		const struct doc_extent *e = &page->blocks[i];
		const struct sim_args *args;
		struct sim_args own;
		struct diag_list diags;

		if (e->wait != DOC_WAIT_HEAVY || e->last <= v->top ||
		    e->first >= bottom)
			continue;
		diag_list_init(&diags);
		if (block_args(ui, i, &args, &own, &diags) == 0)
			start(ui, i, args, 0);
		if (own.spec != NULL)
			sim_args_free(&own);
		diag_list_free(&diags);
		return;
	}
}

/* See ui.h. */
void
ui_train_ask(struct ui *ui, const char *text)
{
	struct ui_slow *s;

	if (ui->view.focus < 0)
		return;
	s = &ui->view.slow[ui->view.focus];
	if (s->model == NULL)
		return;
	view_keep_put_text(ui->keep, ui->view.lesson->id,
	    (size_t)ui->view.focus, text);
	ask_model(ui, (size_t)ui->view.focus, text);
	ui_pager_layout_now(ui);
	/* the answer is at the end of the block: bring it on screen */
	{
		const struct doc_extent *e = &ui->view.page->blocks[ui->view.focus];
		size_t rows = (size_t)ui_page_rows();

		if (e->last > ui->view.top + rows)
			ui->view.top = e->last - rows;
	}
	if (s->answer.nnotes > 0)
		ui_message(ui, "%s", s->answer.notes[0]);
}

/* Keys of a focused training simulation: Enter trains, Esc stops, t asks
 * the trained model. Returns 1 when the key was taken. */
int
ui_train_key(struct ui *ui, int key)
{
	struct ui_view *v = &ui->view;
	char label[32];

	if (v->focus < 0 || !ui_train_is_slow(ui, (size_t)v->focus))
		return 0;
	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		if (ui->job.run != NULL && ui->job.asked)
			ui_message(ui, "Training is running: Esc stops it.");
		else
			start_training(ui);
		return 1;
	case 27:
		if (ui->job.run == NULL || !ui->job.asked)
			return 0;
		ui_train_stop(ui);
		return 1;
	case 't':
		if (v->slow[v->focus].model == NULL) {
			ui_message(ui, "Train first (Enter), then press t.");
		} else {
			snprintf(label, sizeof label, "Your %s: ",
			    sim_model_noun(v->slow[v->focus].model));
			ui_prompt_start(ui, label, ui_train_ask);
		}
		return 1;
	default:
		return 0;
	}
}

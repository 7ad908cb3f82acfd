/* ui: state shared by the screens of the TUI (internal to src/ui).
 *
 * Every screen exports the same small face: ui_NAME_draw(ui) paints it and
 * ui_NAME_key(ui, key) handles one key. tui.c owns the loop and dispatches
 * on ui->screen. The lesson on screen is a struct ui_view: its page at the
 * current width, and the reader's live state of its blocks (knob values,
 * quiz answers, the focused block). */
#ifndef RNNTUTOR_UI_H
#define RNNTUTOR_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/layout.h"
#include "doc/search.h"
#include "lesson/course.h"
#include "progress/progress.h"
#include "ui/tui.h"
#include "view/edit.h"
#include "view/keep.h"
#include "view/keys.h"
#include "view/place.h"
#include "view/review.h"

enum ui_screen {
	UI_MENU,
	UI_PAGER,
	UI_HELP,
	UI_OUTLINE,
	UI_RESULTS,	/* search across lessons */
	UI_ERRORS,	/* lesson errors after a reload */
	UI_REVIEW	/* the review of missed quizzes ('v') */
};

struct ui;

/* What the opener of the prompt does with the text the reader submitted;
 * the struct ui is its context. */
typedef void ui_prompt_fn(struct ui *ui, const char *text);

/* A one-line editor at the bottom of the screen. */
struct ui_prompt {
	ui_prompt_fn *submit;	/* NULL: the prompt is closed */
	char label[32];
	struct view_edit text;
	int full;		/* the last byte typed did not fit: say so */
};

/* Why a training block shows no result, beyond what the layout says. */
enum ui_slow_state {
	UI_SLOW_WAITING = 0,	/* the layout's own words ("press Enter") */
	UI_SLOW_STOPPED,	/* the reader stopped it (Esc) */
	UI_SLOW_FAILED		/* the run failed (it diverged, say) */
};

/* What a training simulation of the view has left; its result itself is
 * in ui->cache, under the settings it ran with. */
struct ui_slow {
	const struct sim_model *model;	/* the trained model (owned by
					 * ui->keep), or NULL */
	struct sim_result answer;	/* what it said of the reader's text */
	int has_answer;
	enum ui_slow_state state;
	struct sim_result partial;	/* STOPPED, FAILED: the curves so far */
	char note[160];			/* STOPPED, FAILED: what the block says */
};

/* The one run in progress, in slices between key reads: training the
 * reader asked for, or a heavy block on the screen computed on sight. */
struct ui_job {
	struct sim_job *run;		/* NULL: nothing runs */
	long block;
	int asked;			/* 1: training (Enter); 0: on sight */
	double started;
	double shown;			/* when the page last showed progress */
	struct sim_result partial;	/* the curves so far */
	char note[160];			/* progress bar line */
};

/* The lesson on screen. */
struct ui_view {
	const struct lesson *lesson;
	size_t index;			/* in the course */
	struct doc_page *page;
	struct doc_block_state *states;	/* one per block */
	struct sim_args *knobs;		/* one per block; spec NULL: lesson's */
	struct sim_args *prev;		/* one per block: the settings before
					 * the last knob turn; spec NULL: none */
	struct ui_slow *slow;		/* one per block */
	long focus;			/* focused block, or -1 */
	size_t top;			/* first page line on the screen */
	int dirty;			/* page out of date: lay out before drawing */
	long reveal;			/* block to keep on screen after that, or -1 */
	long show_end;			/* block whose end (a verdict) comes on
					 * the screen after that, or -1 */
	struct view_place noted;	/* the place the progress record holds */
};

/* Watch mode: the lesson directories (-L, $RNNTUTOR_PATH, XDG) watched
 * for changed lesson files, with inotify where the kernel has it, else by
 * a stamp of their files compared at the next key or resize. */
struct ui_watch {
	int on;
	int fd;				/* inotify descriptor, or -1 */
	unsigned long long stamp;	/* without inotify: of the files */
	char **dirs;			/* course_dirs(), owned */
	size_t ndirs;
	int pending;			/* a change came while a reload had to
					 * wait (a prompt, a review) */
};

/* The review on screen (UI_REVIEW): its questions and how far it is. */
struct ui_review {
	struct review_plan plan;
	struct view_review_session s;
	size_t top;		/* first page line on the screen */
	size_t shown;		/* question (or DONE) the top was set for */
	int phase_shown;	/* and its phase: a new one scrolls */
};

/* A line found by the search across lessons. */
struct ui_hit {
	size_t lesson;
	size_t line;
	struct view_place place;	/* of line, kept across layouts */
	char *text;
};

struct ui {
	struct course **course;
	const struct ui_opts *opts;
	enum ui_screen screen;
	enum ui_screen back;		/* where help, outline, errors return */
	int quit;
	size_t menu_sel;
	struct ui_view view;		/* valid when view.lesson != NULL */
	char query[VIEW_EDIT_MAX];	/* the last search */
	long match_line;		/* page line of the match shown, or -1 */
	struct ui_prompt prompt;
	struct ui_hit *hits;
	size_t nhits;
	size_t list_sel;		/* selection in outline, results, errors */
	char **errors;			/* formatted lesson errors after a reload */
	size_t nerrors;
	int errors_warn;		/* errors holds warnings only */
	struct diag_list warnings;	/* of the course's lessons (opts->lint) */
	struct ui_job job;
	struct sim_cache *cache;	/* every result computed this session */
	struct view_keep *keep;		/* knobs, models, texts of the session */
	struct progress progress;
	char *progress_path;		/* NULL: progress is not kept */
	char message[512];		/* status-line message until the next key */
	size_t help_top;		/* first line of a scrolled help */
	struct ui_watch watch;
	struct ui_review review;	/* valid when screen is UI_REVIEW */
	char *reload_id;		/* the lesson a failed reload lost, to
					 * open again once it loads */
};

/* tui.c */
int ui_page_rows(void);
/* Rows and columns below which the screen only says it is too small. */
#define UI_MIN_COLS 30
#define UI_MIN_ROWS 8
void ui_message(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Draw the status line: left text, right text, in the status attribute. */
void ui_status_line(struct ui *ui, const char *left, const char *right);
/* Remember where the reader is in the view's lesson (in memory). */
void ui_progress_note(struct ui *ui);
/* Write the progress file now; says "saved" or why not. */
void ui_progress_save(struct ui *ui, int quiet);
/* Reload every lesson from disk, keeping the reader's place. */
void ui_reload(struct ui *ui);
/* Show the warnings of the course's lessons (W), or say there are none. */
void ui_warnings_open(struct ui *ui);

/* watch.c */
/* Turn watch mode on or off (the fd is opened or closed); says so. */
void ui_watch_set(struct ui *ui, int on);
/* Close what watch mode holds (at the end). */
void ui_watch_free(struct ui *ui);
/* Sleep until a key, a signal or, in watch mode, a change to a watched
 * file: 1 a key may be read, 0 interrupted, 2 files changed, -1 the
 * terminal is gone. Never returns without one of those. */
int ui_watch_wait(struct ui *ui);
/* Without inotify: have the watched files changed since the last look? */
int ui_watch_changed(struct ui *ui);

/* menu.c */
/* Cut line (NUL-terminated, room for 4 more bytes) to cols display
 * columns, ending in an ellipsis ("..." in ASCII) when it was longer. */
void ui_cut_line(char *line, int cols, int ascii);
void ui_menu_draw(struct ui *ui);
void ui_menu_key(struct ui *ui, int key);

/* keys.c */
/* The view's code (view/keys.h) for a key read from curses. */
int ui_key_view(int key);
/* What a key read from curses means in state. */
struct view_action ui_key_action(const struct view_state *state, int key);

/* pager.c */
void ui_pager_open(struct ui *ui, size_t i);
void ui_pager_close(struct ui *ui);
/* The view's page is out of date (new width, new knob value, quiz answer,
 * training tick): the loop lays it out again before it draws, once. */
void ui_pager_invalidate(struct ui *ui);
/* Lay the view out now, keeping the reading position, for code that needs
 * the new page at once. */
void ui_pager_layout_now(struct ui *ui);
void ui_pager_draw(struct ui *ui);
void ui_pager_key(struct ui *ui, int key);
/* Scroll so page line `line` is on the screen (near the top). */
void ui_pager_show_line(struct ui *ui, size_t line);
/* Search the view for ui->query from the top line in direction dir. */
void ui_pager_search(struct ui *ui, int dir, int include_top);

/* knobs.c: focus moves between interactive blocks; sim blocks' knobs */
void ui_focus_next(struct ui *ui, int dir);
/* A VIEW_ACT_KNOB_* action on the focused simulation. */
void ui_knob_act(struct ui *ui, enum view_act act);
/* quiz.c */
/* Answer the focused multiple-choice quiz with choice. */
void ui_quiz_choose(struct ui *ui, size_t choice);
/* Ask for the focused numeric quiz's answer. */
void ui_quiz_ask(struct ui *ui);
/* '!' on a focused quiz: show its answer (counted as not known). */
void ui_quiz_reveal(struct ui *ui);
/* A sim block's prediction: a guessed choice, or a typed number. */
void ui_predict_choose(struct ui *ui, size_t choice);
void ui_predict_number(struct ui *ui, const char *text);
void ui_quiz_number(struct ui *ui, const char *text);
/* Restore the quiz states of the view from the progress records. */
void ui_quiz_restore(struct ui *ui);

/* train.c: slow simulations (training, heavy blocks) run in slices
 * between key reads, through the registry's stepping face (sim_job) */
/* Does block i train a network with its current settings? */
int ui_train_is_slow(const struct ui *ui, size_t block);
/* Point the layout states of the blocks at the live run and answers. */
void ui_train_states(struct ui *ui);
int ui_train_key(struct ui *ui, int key);
/* Start computing a heavy block on the screen if nothing runs. */
void ui_train_schedule(struct ui *ui);
/* Run the job for a slice of time; show its progress now and then. */
void ui_train_tick(struct ui *ui);
/* Stop the running job (its partial result is dropped). */
void ui_train_cancel(struct ui *ui);
/* The reader's Esc on a run: cancel it and say so (and that the model
 * trained before with the same settings is back, when there is one). */
void ui_train_stop(struct ui *ui);
/* Block i's settings changed: stop its run, forget its model. */
void ui_train_invalidate(struct ui *ui, size_t block);
void ui_train_free_view(struct ui *ui);
/* The reader's text for the trained model of the focused block. */
void ui_train_ask(struct ui *ui, const char *text);

/* prompt.c */
/* Open the prompt; submit gets the text when the reader presses Enter. */
void ui_prompt_start(struct ui *ui, const char *label, ui_prompt_fn *submit);
/* A key while the prompt is open; returns 1 when it took the key. */
int ui_prompt_key(struct ui *ui, int key);
void ui_prompt_draw(struct ui *ui);

/* lists.c: outline, search results across lessons, errors */
void ui_outline_open(struct ui *ui);
void ui_results_open(struct ui *ui, const char *query);
void ui_errors_open(struct ui *ui, const struct diag_list *diags);
void ui_lists_free(struct ui *ui);
void ui_list_draw(struct ui *ui);
void ui_list_key(struct ui *ui, int key);

/* review.c: the review screen ('v' in the lesson list) */
/* Plan a review and show its first question, or say why there is none. */
void ui_review(struct ui *ui);
void ui_review_draw(struct ui *ui);
void ui_review_key(struct ui *ui, int key);
/* Leave the review (at the end of the program too): the plan is freed. */
void ui_review_close(struct ui *ui);

/* help.c */
void ui_help_draw(struct ui *ui);
/* A key on the help screen: on a screen too small for the whole of it,
 * j k Space b and the arrows scroll; any other key closes it. */
void ui_help_key(struct ui *ui, int key);

#endif

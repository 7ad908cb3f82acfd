/* tui: the course in the terminal (the only place that includes curses).
 *
 * ui_tui_run() owns the terminal from initscr to endwin: the lesson menu,
 * the pager, help; resize, signals and fatal errors all restore the
 * terminal. It may replace *course (reloading lessons from disk). */
#ifndef RNNTUTOR_TUI_H
#define RNNTUTOR_TUI_H

#include "lesson/course.h"

struct ui_opts {
	const struct course_opts *course_opts;	/* for reloading */
	int ascii;		/* ASCII-only output */
	long start;		/* lesson to open first, or -1 for the menu */
	const struct diag_list *startup;	/* lesson errors to show first */
	int watch;		/* reload when a lesson file changes (-L,
				 * $RNNTUTOR_PATH, XDG directories) */
	/* the warnings of a course's lessons (--check's, without running
	 * anything), added to diags; returns how many; NULL: none */
	size_t (*lint)(const struct course *course, struct diag_list *diags);
};

/* Run the TUI until the reader quits (or the terminal goes away, which
 * counts as a hangup). Returns 0; 1 when the progress could not be saved
 * at the end (said on stderr); -1 when no terminal could be set up (a
 * message was printed to stderr). */
int ui_tui_run(struct course **course, const struct ui_opts *opts);

#endif

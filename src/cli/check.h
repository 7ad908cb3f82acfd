/* check: lint lesson files for authors (--check).
 *
 * Loads every file, then checks what loading alone cannot: each simulation
 * runs with the lesson's parameters, knobs name real parameters within the
 * registry's ranges, charts name real series, output templates fill, and
 * text fits 80 columns. Messages go to diags in FILE:LINE:COL form.
 *
 * Fast simulations always run; heavy and training ones (sim_pace) run
 * while their estimated seconds (sim_cost) fit in *budget, which each run
 * lowers; a block over it gets a warning that its charts and output were
 * not checked. budget NULL: no limit. */
#ifndef RNNTUTOR_CHECK_H
#define RNNTUTOR_CHECK_H

#include <stddef.h>

#include "core/diag.h"
#include "lesson/course.h"
#include "lesson/lesson.h"

/* Lint one loaded lesson; adds errors and warnings to diags. */
#define CLI_CHECK_BUDGET 10.0	/* estimated seconds, --check's default */

void cli_check_lesson(const struct lesson *lesson, double *budget,
    struct diag_list *diags);

/* The warnings a course's lessons on disk earn without running anything
 * (what a reader of them sees differs from what the author meant): a
 * lesson that replaces a built-in one or shares a number, a file or
 * directory others can write, text that turns verbatim or into a numbered
 * list, code too wide. The built-in lessons earn none. Adds them to
 * diags; returns how many. */
size_t cli_check_course(const struct course *course, struct diag_list *diags);

/* Load and lint files; returns the number of errors. */
size_t cli_check_files(const char *const *files, size_t n, double *budget,
    struct diag_list *diags);

#endif

/* print: lessons as plain text on a stream (--print, and the TUI's fallback
 * when stdout is not a terminal). The page is the TUI's page without
 * colours: the same layout, the same widths. */
#ifndef RNNTUTOR_PRINT_H
#define RNNTUTOR_PRINT_H

#include <stdio.h>

#include "lesson/course.h"

#define CLI_PRINT_BUDGET 30.0	/* estimated seconds, --print's default */

struct cli_print_opts {
	int width;	/* columns */
	int ascii;	/* bytes < 0x80 only */
	int reveal;	/* show quiz answers */
	double budget;	/* estimated seconds (sim_cost) of heavy and training
			 * simulations to run; the rest say how to run them */
};

/* Print lesson index of the course, or every lesson when index < 0.
 * Returns 0, or -1 when writing failed (a closed pipe, a full disk). */
int cli_print(FILE *out, const struct course *course, long index,
    const struct cli_print_opts *opts);

/* Write a laid-out page as plain text, one line per page line. */
struct doc_page;
void cli_print_page(FILE *out, const struct doc_page *page);

#endif

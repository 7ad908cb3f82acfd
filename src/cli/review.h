/* review: `rnntutor review`, a line-by-line dialogue on any stream.
 *
 *   rnntutor review [-L DIR] [--seed N] [--count N]
 *
 * Asks the questions view/review.c chooses, one at a time: a line of input
 * answers (a choice letter or a number), "q" or the end of input stops.
 * Each answer is kept in the progress file's review records. Lesson text
 * is shown sanitised. Works on a terminal and in a pipe alike. */
#ifndef RNNTUTOR_CLI_REVIEW_H
#define RNNTUTOR_CLI_REVIEW_H

#include <stdint.h>
#include <stdio.h>

#include "progress/progress.h"
#include "view/review.h"

/* Ask plan's questions on in/out, recording each answer in p at now.
 * ascii: only ASCII output. Returns how many were answered right. */
size_t cli_review_run(FILE *in, FILE *out, const struct review_plan *plan,
    struct progress *p, int64_t now, int ascii);

/* argv[0] is "review". Loads the course and the progress file, asks, saves.
 * Returns the exit status: 0 done, 1 the progress could not be loaded or
 * saved, 2 bad usage. */
int cli_review_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

#endif

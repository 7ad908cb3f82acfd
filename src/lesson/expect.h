/* expect: what a lesson says a simulation's result must be.
 *
 * A sim block's `expect:` maps a result name (a scalar, or series[i]) to
 * an assertion about its value at the block's own parameters, checked by
 * --check so that the numbers the prose quotes cannot drift from the
 * engine:
 *
 *     44            equal once rounded to the digits written (43.5..44.5;
 *                   0.51 accepts 0.505..0.515): what the prose would print
 *     < 0.6         also <=, >, >= (and the signs ≤ ≥)
 *     0.51 ± 0.01   within a tolerance: |value - 0.51| <= 0.01; "+-" for
 *                   ±, and a leading "≈" or "~" may be written
 *     0.94 to 0.99  from the one to the other, both included
 *
 * Ownership: lesson_expect_parse() fills caller storage whose strings
 * lesson_expect_free() releases. */
#ifndef RNNTUTOR_EXPECT_H
#define RNNTUTOR_EXPECT_H

#include <stdbool.h>

#include "lesson/lesson.h"

/* Parse text (an assertion, as above) into e's op, value and tolerance.
 * Returns 0, or -1 with a message (a heap string the caller frees) in
 * *cause. */
int lesson_expect_parse(struct lesson_expect *e, const char *text,
    char **cause);
/* Does value satisfy e? NaN satisfies nothing. */
bool lesson_expect_holds(const struct lesson_expect *e, double value);
void lesson_expect_free(struct lesson_expect *e);

#endif

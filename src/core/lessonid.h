/* lessonid: what a lesson id is, the one rule for every place that takes
 * one (lesson files, the progress file, --new-lesson, --reset-progress). */
#ifndef RNNTUTOR_LESSONID_H
#define RNNTUTOR_LESSONID_H

#include <stdbool.h>
#include <stddef.h>

#include "core/num.h"

#define LESSONID_MAX 40		/* bytes */

/* The rule in words, for messages: "an id is " LESSONID_RULE. */
#define LESSONID_RULE "1 to " NUM_STR(LESSONID_MAX) " lower-case letters, digits and dashes, " \
	"starting with a letter or digit and not all digits (like " \
	"vanishing-gradients)"

/* True when s[0..len) is a lesson id: 1 to LESSONID_MAX bytes of a-z, 0-9
 * and '-', not starting with '-', not all digits (those are lesson
 * numbers). A NUL inside the len bytes makes it no id. */
bool lessonid_valid(const char *s, size_t len);

#endif

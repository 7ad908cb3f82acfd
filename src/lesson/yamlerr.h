/* yamlerr: libyaml's syntax errors said in a lesson author's words.
 *
 * libyaml knows where it stopped and what it expected; an author wants to
 * know what they wrote wrong. For the common slips (a ': ' inside an
 * unquoted value, a key indented differently from its neighbours, a value
 * that starts with '|' or '>', an apostrophe inside single quotes, a quote
 * never closed, a tab in the indentation) the message says so, points at
 * the place to change and gives the fix in a help line; anything else keeps
 * libyaml's own wording. Reads the source text to tell the cases apart. */
#ifndef RNNTUTOR_YAMLERR_H
#define RNNTUTOR_YAMLERR_H

#include <stddef.h>

#include "core/diag.h"

/* libyaml's report, positions 1-based (context NULL when it gave none). */
struct lesson_yaml_problem {
	const char *problem;
	const char *context;
	int line, col;
	int context_line, context_col;
};

/* Add one error (and its help) for p to diags. */
void lesson_yaml_error(struct diag_list *diags, const char *file,
    const struct lesson_yaml_problem *p, const char *buf, size_t len);

#endif

/* template: fill an output template with a simulation's results.
 *
 * "{EXPR}" or "{EXPR:FMT}" is a number: EXPR is a result scalar ("{memory}"),
 * one value of a series ("{norm[5]}", i from 0; negative counts from the
 * end), a parameter of the run ("{clip}"), a decimal number, or arithmetic
 * on these with + - * / and parentheses ("{clip / grad_norm:.4f}"); a
 * result hides a parameter of the same name. FMT is ".Nf", ".Ne" or ".Ng"
 * with N from 0 to 17; the default is ".4g". A parameter that is a word
 * (model) is shown as the word, "{model}", without FMT or arithmetic.
 * "{{" and "}}" are literal braces. */
#ifndef RNNTUTOR_TEMPLATE_H
#define RNNTUTOR_TEMPLATE_H

#include <stddef.h>

#include "core/strbuf.h"
#include "sim/sim.h"

/* Append the filled template to out; args (may be NULL: no parameters)
 * gives the parameter values. Returns 0, or -1 with a message (a heap
 * string the caller frees) in *cause and in *where the byte offset in
 * tmpl of what it is about; out then holds the text filled up to the
 * problem. */
int doc_template_fill(struct strbuf *out, const char *tmpl,
    const struct sim_result *res, const struct sim_args *args, char **cause,
    size_t *where);

/* The value of a result name: a scalar, or "series[i]". Returns 0, or -1
 * with a message (a heap string the caller frees) in *cause. */
int doc_template_value(const struct sim_result *res, const char *name,
    double *out, char **cause);

#endif

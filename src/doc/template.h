/* template: fill an output template with a simulation's results.
 *
 * "{name}" or "{name:FMT}" is a result scalar; "{series[i]}" or
 * "{series[i]:FMT}" one value of a series (i from 0; negative counts from
 * the end). FMT is ".Nf", ".Ne" or ".Ng" with N from 0 to 17; the default is
 * ".4g". "{{" and "}}" are literal braces. */
#ifndef RNNTUTOR_TEMPLATE_H
#define RNNTUTOR_TEMPLATE_H

#include "core/strbuf.h"
#include "sim/sim.h"

/* Append the filled template to out. Returns 0, or -1 with a message (a
 * heap string the caller frees) in *cause; out then holds the text filled
 * up to the problem. */
int doc_template_fill(struct strbuf *out, const char *tmpl,
    const struct sim_result *res, char **cause);

#endif

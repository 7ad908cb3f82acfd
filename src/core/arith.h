/* arith: a small arithmetic reader for answers typed by people.
 *
 * Reads numbers ("0.35", "1,408", "2e-3"), the operators + - * / and ^
 * (also written **), parentheses and, when allowed, a percent sign that
 * divides by 100 ("51.75%" is 0.5175). Nothing is evaluated but this
 * grammar: no names, no functions. Powers bind tighter than a leading
 * minus (-2^2 is -4) and group to the right (2^3^2 is 2^9).
 * Nothing is allocated. */
#ifndef RNNTUTOR_ARITH_H
#define RNNTUTOR_ARITH_H

#include <stddef.h>

enum arith_status {
	ARITH_OK = 0,
	ARITH_ESYNTAX = -1,	/* not an expression of the accepted forms */
	ARITH_EPERCENT = -2,	/* a % where the answer is not a fraction */
	ARITH_ERANGE = -3	/* no finite value (1/0, 10^999) */
};

/* Evaluate s into *out. percent: a trailing % on a number divides it by
 * 100; otherwise % is refused. Returns ARITH_OK or a negative status, with
 * *col the 1-based column (byte) where reading stopped. *out is set only
 * on ARITH_OK. */
int arith_eval(const char *s, int percent, double *out, size_t *col);

/* A message for a status, naming the forms accepted: "cannot read
 * '1..2' at column 3; type a number such as ..." into buf. */
void arith_message(char *buf, size_t size, const char *s, int status,
    size_t col, int percent);

#endif

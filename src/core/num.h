/* num: strict parsing of numbers written by people (lesson files, sim
 * parameters, the command line). Plain decimal only: no hex, no "inf" or
 * "nan", no junk, no overflow. The same text means the same number under
 * every LC_NUMERIC.
 *
 * One whitespace rule for every caller: spaces, tabs, CRs and newlines
 * around the number are trimmed (a lesson's `scale: " 0.9"` is 0.9, as is
 * `scale= 0.9` on the command line); whitespace inside it is refused. */
#ifndef RNNTUTOR_NUM_H
#define RNNTUTOR_NUM_H

/* The decimal text of a numeric limit macro (a plain literal), for a
 * message: "1 to " NUM_STR(LESSON_MAX_SERIES) is "1 to 8". */
#define NUM_STR_(x) #x
#define NUM_STR(x) NUM_STR_(x)

/* The whitespace trimmed around a number. */
#define NUM_SPACE " \t\r\n"

enum num_status {
	NUM_OK = 0,
	NUM_ESYNTAX = -1,	/* not a number of the wanted form */
	NUM_ERANGE = -2		/* a number, but out of range */
};

/* Parse a finite decimal real such as "0.9", "-1e-3", "+2.", ".5" into
 * *out ("-0" and underflows give +0). Returns NUM_OK, NUM_ESYNTAX, or
 * NUM_ERANGE when its magnitude is beyond double's; *out is set only on
 * NUM_OK. */
int num_parse_double(const char *s, double *out);
/* Parse a decimal integer such as "42", "-7", "007" within [min, max].
 * Returns NUM_OK, NUM_ESYNTAX when s is not an integer, or NUM_ERANGE when
 * it is outside [min, max]; *out is set only on NUM_OK. */
int num_parse_long(const char *s, long long min, long long max,
    long long *out);
/* True when s holds nothing but NUM_SPACE. */
int num_is_blank(const char *s);

#endif

/* num: strict parsing of numbers written by people (lesson files, the
 * command line). Plain decimal only: no hex, no "inf" or "nan", no leading
 * or trailing junk, no overflow. Leading and trailing spaces are allowed. */
#ifndef RNNTUTOR_NUM_H
#define RNNTUTOR_NUM_H

/* Parse a finite decimal real such as "0.9", "-1e-3", "+2.", ".5".
 * Returns 0, or -1 when s is not such a number or is out of double's range. */
int num_parse_double(const char *s, double *out);
/* Parse a decimal integer such as "42", "-7", "007" within [min, max].
 * Returns 0, -1 when s is not an integer, -2 when it is out of range. */
int num_parse_long(const char *s, long long min, long long max,
    long long *out);
/* Edit distance (Levenshtein) between two short strings; larger strings
 * (over 64 bytes) count as far apart. Used to suggest the nearest name. */
int num_edit_distance(const char *a, const char *b);

#endif

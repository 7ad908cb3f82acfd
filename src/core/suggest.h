/* suggest: the "did you mean ...?" of every message that names a word it
 * does not know (a lesson key, a simulation, a parameter, a choice). */
#ifndef RNNTUTOR_SUGGEST_H
#define RNNTUTOR_SUGGEST_H

#include <stddef.h>

/* Longer words are never near any name. */
#define SUGGEST_NAME_MAX 64

/* Edit distance between a and b: insertions, deletions, substitutions and
 * swaps of neighbours each cost 1 (optimal string alignment), ASCII case
 * ignored; SIZE_MAX when either is longer than SUGGEST_NAME_MAX bytes. */
size_t suggest_distance(const char *a, const char *b);

/* The name nearest to word, borrowed from names, or NULL. Near means the
 * smallest distance d with 3d <= len(word) + 3 and d < len(name) (a typo,
 * not another word); failing that, the first name that word of two or more
 * characters begins ("lstm" -> "lstm-gates"). */
const char *suggest_nearest(const char *word, const char *const *names,
    size_t n);

#endif

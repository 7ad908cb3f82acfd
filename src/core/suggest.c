#include "config.h"

#include "core/suggest.h"

#include <stdint.h>
#include <string.h>

/* ASCII lower case, so that "Scale" is near "scale". */
static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Optimal string alignment with three rows: prev2 (i - 2), prev (i - 1)
 * and cur (i). */
size_t
suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][SUGGEST_NAME_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > SUGGEST_NAME_MAX || lb > SUGGEST_NAME_MAX)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *t;

		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] +
			    (lower(a[i - 1]) != lower(b[j - 1]));

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* See suggest.h. */
const char *
suggest_nearest(const char *word, const char *const *names, size_t n)
{
	size_t len = strlen(word), best_d = SIZE_MAX;
	const char *best = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, names[i]);

		if (d != SIZE_MAX && d < best_d && 3 * d <= len + 3 &&
		    d < strlen(names[i])) {
			best_d = d;
			best = names[i];
		}
	}
	if (best != NULL || len < 2)
		return best;
	for (size_t i = 0; i < n; i++)
		if (strncmp(names[i], word, len) == 0)
			return names[i];
	return NULL;
}

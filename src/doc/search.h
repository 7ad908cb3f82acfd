/* search: find text in a laid-out page (the TUI's / n N, and the search
 * across lessons). Matching is case-insensitive for ASCII letters and folds
 * the mathematical characters the lessons use to their ASCII stand-ins
 * (σ as "sigma", U+2212 as "-", ₜ as "_t"), in the text and in the query,
 * so "sigma_max" finds σ_max and "T-k" finds T−k; positions are in display
 * columns so the TUI can highlight them without knowing about UTF-8. */
#ifndef RNNTUTOR_SEARCH_H
#define RNNTUTOR_SEARCH_H

#include <stddef.h>

#include "doc/page.h"

struct doc_match {
	size_t line;	/* page line */
	int col;	/* display column where the match starts */
	int width;	/* display columns it covers */
};

/* The first match of query in line i's text at or after display column
 * from_col; returns 1 and fills m, or 0. */
int doc_search_line(const struct doc_page *page, size_t i, const char *query,
    int from_col, struct doc_match *m);
/* The next line after `from` (dir 1) or before it (dir -1) with a match,
 * wrapping around the page; returns 1 and fills m, or 0 when nothing
 * matches anywhere. With include_from set, line `from` itself is tried
 * first. */
int doc_search(const struct doc_page *page, const char *query, size_t from,
    int dir, int include_from, struct doc_match *m);

#endif

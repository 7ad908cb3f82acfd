#include "config.h"

#include "doc/search.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <ctype.h>
#include <string.h>

/* ASCII case-insensitive prefix match of query at s. */
static int
match_at(const char *s, const char *query)
{
	for (; *query != '\0'; s++, query++)
		if (*s == '\0' || tolower((unsigned char)*s) !=
		    tolower((unsigned char)*query))
			return 0;
	return 1;
}

/* See search.h. */
int
doc_search_line(const struct doc_page *page, size_t i, const char *query,
    int from_col, struct doc_match *m)
{
	struct strbuf sb;
	size_t at = 0;
	int col = 0, found = 0;

	if (i >= page->nlines || query[0] == '\0')
		return 0;
	strbuf_init(&sb);
	doc_line_text(&page->lines[i], &sb);
	while (at < sb.len) {
		uint32_t cp;
		size_t n;

		if (col >= from_col && match_at(sb.s + at, query)) {
			m->line = i;
			m->col = col;
			m->width = (int)utf8_width(sb.s + at, strlen(query));
			found = 1;
			break;
		}
		n = utf8_decode(sb.s + at, sb.len - at, &cp);
		col += (int)utf8_width(sb.s + at, n);
		at += n;
	}
	strbuf_free(&sb);
	return found;
}

/* See search.h. */
int
doc_search(const struct doc_page *page, const char *query, size_t from,
    int dir, int include_from, struct doc_match *m)
{
	size_t n = page->nlines;

	if (n == 0 || query[0] == '\0')
		return 0;
	if (from >= n)
		from = n - 1;
	for (size_t k = include_from ? 0 : 1; k <= n; k++) {
		size_t i = dir > 0 ? (from + k) % n : (from + n - k % n) % n;

		if (doc_search_line(page, i, query, 0, m))
			return 1;
	}
	return 0;
}

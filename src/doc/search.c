#include "config.h"

#include "doc/search.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Text folded for matching: every character as its ASCII stand-in
 * (σ -> "sigma", U+2212 -> "-", ₜ -> "_t"), letters in lower case, and
 * for every folded byte the display column and width of the character it
 * came from. */
struct folded {
	struct strbuf text;
	int *col, *width;
	unsigned char *first;	/* the byte starts a character's fold */
	size_t cap;
};

/* Fold s (len bytes) into f, columns counted from 0. */
static void
fold(struct folded *f, const char *s, size_t len)
{
	size_t at = 0;
	int col = 0;

	strbuf_init(&f->text);
	f->cap = 4 * len + 16;
	f->col = xcalloc(f->cap, sizeof *f->col);
	f->width = xcalloc(f->cap, sizeof *f->width);
	f->first = xcalloc(f->cap, 1);
	while (at < len) {
		char buf[16];
		uint32_t cp;
		size_t n = utf8_decode(s + at, len - at, &cp);
		int w = (int)utf8_width(s + at, n);

		if (cp < 0x80) {
			buf[0] = (char)tolower((int)cp);
			buf[1] = '\0';
		} else {
			utf8_visible(cp, 1, buf);
		}
		for (size_t k = 0; buf[k] != '\0'; k++) {
			if (f->text.len + 1 >= f->cap) {
				f->cap *= 2;
				f->col = xreallocarray(f->col, f->cap,
				    sizeof *f->col);
				f->width = xreallocarray(f->width, f->cap,
				    sizeof *f->width);
				f->first = xreallocarray(f->first, f->cap, 1);
			}
			f->first[f->text.len] = k == 0;
			f->col[f->text.len] = col;
			f->width[f->text.len] = w;
			strbuf_addn(&f->text, (char)tolower((unsigned char)buf[k]),
			    1);
		}
		col += w;
		at += n;
	}
	if (f->text.s == NULL)
		strbuf_adds(&f->text, "");
}

/* Free what fold() made. */
static void
folded_free(struct folded *f)
{
	strbuf_free(&f->text);
	free(f->col);
	free(f->width);
	free(f->first);
}

/* See search.h. */
int
doc_search_line(const struct doc_page *page, size_t i, const char *query,
    int from_col, struct doc_match *m)
{
	struct strbuf sb;
	struct folded text, q;
	int found = 0;

	if (i >= page->nlines || query[0] == '\0')
		return 0;
	strbuf_init(&sb);
	doc_line_text(&page->lines[i], &sb);
	fold(&text, sb.s != NULL ? sb.s : "", sb.len);
	fold(&q, query, strlen(query));
	for (size_t at = 0; q.text.len > 0 && at + q.text.len <= text.text.len;
	    at++) {
		size_t end = at + q.text.len - 1;

		if (text.col[at] < from_col || !text.first[at])
			continue;	/* not at the start of a character */
		if (memcmp(text.text.s + at, q.text.s, q.text.len) != 0)
			continue;
		m->line = i;
		m->col = text.col[at];
		m->width = text.col[end] + text.width[end] - text.col[at];
		found = 1;
		break;
	}
	folded_free(&text);
	folded_free(&q);
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

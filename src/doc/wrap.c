#include "config.h"

#include "doc/wrap.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* One visible unit: a character with its combining marks, or a control
 * character's visible form. */
struct cell {
	char text[48];
	size_t len;
	int width;
	enum doc_style style;
	int space;	/* a break opportunity, not shown at line ends */
};

struct cells {
	struct cell *v;
	size_t n, cap;
};

/* Append a cell, or merge a zero-width character into the previous one. */
static void
push_cell(struct cells *cs, const char *text, size_t len, int width,
    enum doc_style style, int space)
{
	struct cell *c;

	if (width == 0 && style != DOC_CONTROL && cs->n > 0 &&
	    !cs->v[cs->n - 1].space &&
	    cs->v[cs->n - 1].len + len < sizeof cs->v[0].text) {
		c = &cs->v[cs->n - 1];
		memcpy(c->text + c->len, text, len);
		c->len += len;
		return;
	}
	if (width == 0 && style != DOC_CONTROL)
		return;		/* a stray combining mark with nothing to sit on */
	if (cs->n == cs->cap) {
		cs->cap = cs->cap != 0 ? cs->cap * 2 : 64;
		cs->v = xreallocarray(cs->v, cs->cap, sizeof *cs->v);
	}
	c = &cs->v[cs->n++];
	memcpy(c->text, text, len);
	c->len = len;
	c->width = width;
	c->style = style;
	c->space = space;
}

/* Split text into cells. */
static void
make_cells(struct cells *cs, const char *text, size_t len,
    enum doc_style style, int ascii)
{
	size_t i = 0;

	while (i < len) {
		char buf[16];
		uint32_t cp;
		size_t blen;

		i += utf8_decode(text + i, len - i, &cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			push_cell(cs, " ", 1, 1, style, 1);
			continue;
		}
		if (utf8_visible(cp, ascii, buf) == UTF8_CONTROL) {
			blen = strlen(buf);
			push_cell(cs, buf, blen, (int)blen, DOC_CONTROL, 0);
			continue;
		}
		blen = strlen(buf);
		push_cell(cs, buf, blen, (int)utf8_width(buf, blen), style, 0);
	}
}

/* Start a wrapped line: indentation, and the marker on the first line. */
static struct doc_line *
start_line(struct doc_page *page, const struct doc_wrap *w, int first,
    int *col)
{
	struct doc_line *line = doc_page_line(page, w->block);

	if (first && w->marker != NULL) {
		doc_line_pad(line, w->marker_indent);
		doc_line_add_text(line, w->marker_style, w->marker,
		    strlen(w->marker), w->ascii);
		doc_line_pad(line, w->indent - line->width);
	} else {
		doc_line_pad(line, w->indent);
	}
	*col = line->width;
	return line;
}

/* Greedy fill of the cells into lines. */
void
doc_wrap(struct doc_page *page, const char *text, size_t len,
    const struct doc_wrap *w)
{
	struct cells cs = {0};
	struct doc_line *line;
	size_t i = 0;
	int col, has_word = 0;

	make_cells(&cs, text, len, w->style, w->ascii);
	line = start_line(page, w, 1, &col);
	while (i < cs.n) {
		size_t end;
		int wordw = 0;

		if (cs.v[i].space) {
			i++;
			continue;
		}
		for (end = i; end < cs.n && !cs.v[end].space; end++)
			wordw += cs.v[end].width;
		if (has_word && col + 1 + wordw > w->width) {
			line = start_line(page, w, 0, &col);
			has_word = 0;
		}
		if (has_word) {
			doc_line_add(line, w->style, " ", 1, 1);
			col++;
		}
		/* A word wider than a line is broken between its cells. */
		for (; i < end; i++) {
			if (col + cs.v[i].width > w->width && col > w->indent) {
				line = start_line(page, w, 0, &col);
			}
			doc_line_add(line, cs.v[i].style, cs.v[i].text,
			    cs.v[i].len, cs.v[i].width);
			col += cs.v[i].width;
		}
		has_word = 1;
	}
	free(cs.v);
}

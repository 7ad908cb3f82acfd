#include "config.h"

#include "doc/page.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* An empty page of a width, with room for the extents of nblocks blocks. */
struct doc_page *
doc_page_create(int width, size_t nblocks)
{
	struct doc_page *page = xcalloc(1, sizeof *page);

	page->width = width;
	page->blocks = xcalloc(nblocks + 1, sizeof *page->blocks);
	page->nblocks = nblocks;
	return page;
}

/* Free a page with its lines, spans and anchors. */
void
doc_page_destroy(struct doc_page *page)
{
	if (page == NULL)
		return;
	for (size_t i = 0; i < page->nlines; i++) {
		for (size_t j = 0; j < page->lines[i].nspans; j++)
			free(page->lines[i].spans[j].text);
		free(page->lines[i].spans);
	}
	for (size_t i = 0; i < page->nanchors; i++)
		free(page->anchors[i].text);
	free(page->anchors);
	free(page->lines);
	free(page->blocks);
	free(page);
}

/* Append a new empty line. */
struct doc_line *
doc_page_line(struct doc_page *page, int block)
{
	struct doc_line *line;

	if (page->nlines == page->cap) {
		page->cap = page->cap != 0 ? page->cap * 2 : 64;
		page->lines = xreallocarray(page->lines, page->cap,
		    sizeof *page->lines);
	}
	line = &page->lines[page->nlines++];
	memset(line, 0, sizeof *line);
	line->block = block;
	return line;
}

/* Append text to the last span if it has the same style, else a new span. */
void
doc_line_add(struct doc_line *line, enum doc_style style, const char *text,
    size_t len, int width)
{
	struct doc_span *span;

	if (len == 0)
		return;
	if (line->nspans > 0 && line->spans[line->nspans - 1].style == style) {
		span = &line->spans[line->nspans - 1];
		span->text = xreallocarray(span->text, span->len + len + 1, 1);
	} else {
		if (line->nspans == line->cap) {
			line->cap = line->cap != 0 ? line->cap * 2 : 4;
			line->spans = xreallocarray(line->spans, line->cap,
			    sizeof *line->spans);
		}
		span = &line->spans[line->nspans++];
		span->style = style;
		span->text = xmalloc(len + 1);
		span->len = 0;
		span->width = 0;
	}
	memcpy(span->text + span->len, text, len);
	span->len += len;
	span->text[span->len] = '\0';
	span->width += width;
	line->width += width;
}

/* Append untrusted text, making every unsafe character visible. */
void
doc_line_add_text(struct doc_line *line, enum doc_style style,
    const char *text, size_t len, int ascii)
{
	size_t i = 0;

	while (i < len) {
		char buf[16];
		uint32_t cp;
		enum utf8_class class;
		size_t blen;

		i += utf8_decode(text + i, len - i, &cp);
		class = utf8_visible(cp, ascii, buf);
		blen = strlen(buf);
		if (class == UTF8_CONTROL)
			doc_line_add(line, DOC_CONTROL, buf, blen, (int)blen);
		else
			doc_line_add(line, style, buf, blen,
			    (int)utf8_width(buf, blen));
	}
}

/* Append spaces. */
void
doc_line_pad(struct doc_line *line, int n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		int k = n < 32 ? n : 32;

		doc_line_add(line, DOC_PLAIN, spaces, (size_t)k, k);
		n -= k;
	}
}

/* Concatenate a line's spans. */
void
doc_line_text(const struct doc_line *line, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < line->nspans; i++)
		strbuf_add(sb, line->spans[i].text, line->spans[i].len);
}

/* See page.h. */
void
doc_page_mark_gutter(struct doc_page *page, size_t first, size_t last,
    int ascii)
{
	/* a left half block; in ASCII a bar, since ">" also marks a note
	 * ("> Training: ...") and the two read "> > Training" */
	const char *mark = ascii ? "|" : "\xE2\x96\x8C";

	for (size_t i = first; i < last; i++) {
		struct doc_line *line = &page->lines[i];
		struct doc_span *span = line->nspans > 0 ? &line->spans[0] : NULL;
		size_t mlen = strlen(mark);

		if (span == NULL) {
			doc_line_add(line, DOC_KNOB_SELECTED, mark, mlen, 1);
			continue;
		}
		if (span->style != DOC_PLAIN || span->len == 0 ||
		    span->text[0] != ' ')
			continue;
		/* replace the first gutter space by the mark, in its own span */
		if (line->nspans == line->cap) {
			line->cap = line->cap * 2 + 1;
			line->spans = xreallocarray(line->spans, line->cap,
			    sizeof *line->spans);
			span = &line->spans[0];
		}
		memmove(line->spans + 1, line->spans,
		    line->nspans * sizeof *line->spans);
		line->nspans++;
		span = &line->spans[1];
		memmove(span->text, span->text + 1, span->len);
		span->len--;
		span->width--;
		if (span->len == 0) {
			free(span->text);
			memmove(line->spans + 1, line->spans + 2,
			    (line->nspans - 2) * sizeof *line->spans);
			line->nspans--;
		}
		line->spans[0].style = DOC_KNOB_SELECTED;
		line->spans[0].text = xstrdup(mark);
		line->spans[0].len = mlen;
		line->spans[0].width = 1;
	}
}

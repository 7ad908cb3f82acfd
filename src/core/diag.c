#include "config.h"

#include "core/diag.h"
#include "core/file.h"
#include "core/utf8.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An empty list that owns nothing yet. */
void
diag_list_init(struct diag_list *list)
{
	list->v = NULL;
	list->n = list->cap = list->nerrors = 0;
}

/* Free the strings of every record but keep the array. */
void
diag_list_clear(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->v[i].file);
		free(list->v[i].msg);
		free(list->v[i].help);
		free(list->v[i].source);
	}
	list->n = list->nerrors = 0;
}

/* Free everything the list owns. */
void
diag_list_free(struct diag_list *list)
{
	diag_list_clear(list);
	free(list->v);
	diag_list_init(list);
}

/* Append one record, growing the array. */
static void
diag_push(struct diag_list *list, struct diag d)
{
	if (list->n == list->cap) {
		list->cap = list->cap != 0 ? list->cap * 2 : 8;
		list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
	}
	list->v[list->n++] = d;
	if (d.level == DIAG_ERROR)
		list->nerrors++;
}

/* A formatted heap string: into a small buffer first, measured with it. */
__attribute__((format(printf, 1, 0)))
static char *
vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	char first[256];
	char *s;
	int len;

	va_copy(ap2, ap);
	len = vsnprintf(first, sizeof first, fmt, ap);
	if (len < 0)
		len = 0;
	s = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof first)
		memcpy(s, first, (size_t)len + 1);
	else
		vsnprintf(s, (size_t)len + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

/* Format a message and record it with its position. */
void
diag_add(struct diag_list *list, enum diag_level level, const char *file,
    int line, int col, const char *fmt, ...)
{
	struct diag d = { .help = NULL, .source = NULL };
	va_list ap;

	va_start(ap, fmt);
	d.msg = vformat(fmt, ap);
	va_end(ap);
	d.level = level;
	d.file = file != NULL ? xstrdup(file) : NULL;
	d.line = line;
	d.col = col;
	diag_push(list, d);
}

/* See diag.h. */
void
diag_help(struct diag_list *list, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	if (list->n == 0)
		return;
	d = &list->v[list->n - 1];
	free(d->help);
	va_start(ap, fmt);
	d->help = vformat(fmt, ap);
	va_end(ap);
}

/* Bytes of a line break at p (LF, CR LF, a lone CR, or UTF-8 NEL, LS, PS:
 * what libyaml counts), or 0. */
static size_t
break_at(const char *p, const char *end)
{
	size_t left = (size_t)(end - p);

	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return left > 1 && p[1] == '\n' ? 2 : 1;
	if (left > 1 && (unsigned char)p[0] == 0xC2 &&
	    (unsigned char)p[1] == 0x85)
		return 2;
	if (left > 2 && (unsigned char)p[0] == 0xE2 &&
	    (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9))
		return 3;
	return 0;
}

/* See diag.h. */
const char *
diag_source_line(const char *buf, size_t len, int line, size_t *linelen)
{
	const char *p = buf, *end = buf + len, *q;
	size_t nb = 0;

	if (buf == NULL || line < 1)
		return NULL;
	for (int i = 1; i < line; i++) {
		for (q = p; q < end && (nb = break_at(q, end)) == 0; q++)
			;
		if (q == end)
			return NULL;
		p = q + nb;
	}
	for (q = p; q < end && break_at(q, end) == 0; q++)
		;
	*linelen = (size_t)(q - p);
	return p;
}

/* See diag.h. */
void
diag_attach_source(struct diag_list *list, size_t from, const char *file,
    const char *buf, size_t len)
{
	for (size_t i = from; i < list->n; i++) {
		struct diag *d = &list->v[i];
		const char *text;
		size_t n = 0;

		if (d->file == NULL || d->line <= 0 || d->source != NULL ||
		    strcmp(d->file, file) != 0)
			continue;
		text = diag_source_line(buf, len, d->line, &n);
		if (text != NULL)
			d->source = xstrndup(text, n);
	}
}

/* See diag.h. */
void
diag_attach_file(struct diag_list *list, size_t from, const char *path)
{
	char *buf;
	size_t len;

	if (file_read_regular(path, 1024 * 1024, &buf, &len) != 0)
		return;
	diag_attach_source(list, from, path, buf, len);
	free(buf);
}

/* Hand every record of src over to dst. */
void
diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		diag_push(dst, src->v[i]);
	free(src->v);
	diag_list_init(src);
}

/* The one-line form editors and people read. */
char *
diag_format(const struct diag *d)
{
	const char *level = d->level == DIAG_ERROR ? "error" : "warning";

	if (d->file == NULL)
		return xasprintf("%s: %s", level, d->msg);
	if (d->line <= 0)
		return xasprintf("%s: %s: %s", d->file, level, d->msg);
	if (d->col <= 0)
		return xasprintf("%s:%d: %s: %s", d->file, d->line, level, d->msg);
	return xasprintf("%s:%d:%d: %s: %s", d->file, d->line, d->col, level,
	    d->msg);
}

/* How much of a long source line is shown: a window of SHOW_WIDTH
 * columns that keeps the caret SHOW_BEFORE columns from its left end. */
#define SHOW_WIDTH 100
#define SHOW_BEFORE 60

/* The visible form of a source line from display column lo to hi into sb
 * (tabs to 8-column stops); returns the display column (0-based) where
 * character number col (1-based) starts, or the line's width past its end. */
static int
show_source(struct strbuf *sb, const char *s, int col, int ascii, int lo,
    int hi)
{
	size_t len = strlen(s), i = 0;
	int width = 0, chars = 1, caret = -1;

	while (i < len) {
		uint32_t cp;
		size_t used = utf8_decode(s + i, len - i, &cp);
		char buf[16];
		int w;

		if (chars == col)
			caret = width;
		if (cp == '\t') {
			w = 8 - width % 8;	/* to the next tab stop */
			memset(buf, ' ', (size_t)w);
			buf[w] = '\0';
		} else {
			utf8_visible(cp, ascii, buf);
			w = (int)utf8_width(buf, strlen(buf));
		}
		if (sb != NULL && width >= lo && width + w <= hi)
			strbuf_adds(sb, buf);
		width += w;
		i += used;
		chars++;
	}
	return caret >= 0 ? caret : width;	/* past the end: a missing value */
}

/* The source line with a caret under column col: "  12 | text" and
 * "     |   ^"; a line too long for a terminal shows the caret's part. */
static void
show_caret(struct strbuf *sb, const struct diag *d, int gutter, int ascii)
{
	int col = d->col > 0 ? d->col : 1;
	int caret = show_source(NULL, d->source, col, ascii, 0, 0);
	int width = show_source(NULL, d->source, -1, ascii, 0, 0);
	int lo = 0, hi = width;

	if (width > SHOW_WIDTH) {
		lo = caret > SHOW_BEFORE ? caret - SHOW_BEFORE : 0;
		hi = lo + SHOW_WIDTH;
	}
	strbuf_addf(sb, " %*d | %s", gutter, d->line, lo > 0 ? "..." : "");
	show_source(sb, d->source, col, ascii, lo, hi);
	strbuf_addf(sb, "%s\n %*s | ", hi < width ? "..." : "", gutter, "");
	if (d->col > 0) {
		strbuf_addn(sb, ' ', (size_t)(caret - lo + (lo > 0 ? 3 : 0)));
		strbuf_addc(sb, '^');
	}
	strbuf_addc(sb, '\n');
}

/* See diag.h. */
char *
diag_render(const struct diag *d, int ascii)
{
	struct strbuf sb;
	char *first = diag_format(d), *shown;
	char num[16];
	int gutter;

	strbuf_init(&sb);
	shown = utf8_sanitize(first, strlen(first), ascii);
	strbuf_addf(&sb, "%s\n", shown);
	free(shown);
	free(first);
	gutter = snprintf(num, sizeof num, "%d", d->line > 0 ? d->line : 0);
	if (gutter < 4)
		gutter = 4;
	if (d->source != NULL && d->line > 0)
		show_caret(&sb, d, gutter, ascii);
	if (d->help != NULL) {
		shown = utf8_sanitize(d->help, strlen(d->help), ascii);
		if (d->source != NULL && d->line > 0)
			strbuf_addf(&sb, " %*s = help: %s\n", gutter, "", shown);
		else
			strbuf_addf(&sb, "  help: %s\n", shown);
		free(shown);
	}
	return strbuf_detach(&sb);
}

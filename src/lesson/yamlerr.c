#include "config.h"

#include "lesson/yamlerr.h"
#include "core/diag.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One line of the source, without its line break. */
struct line {
	const char *s;
	size_t len;
};

/* Line n (1-based) of buf, as libyaml counts lines; false when the buffer
 * is shorter. */
static int
get_line(const char *buf, size_t len, int n, struct line *out)
{
	out->s = diag_source_line(buf, len, n, &out->len);
	return out->s != NULL;
}

/* The byte offset of character col (1-based, libyaml counts characters)
 * in a line; the line's length when it is shorter. */
static size_t
byte_of(const struct line *l, int col)
{
	size_t i = 0;

	for (int c = 1; c < col && i < l->len; c++) {
		uint32_t cp;

		i += utf8_decode(l->s + i, l->len - i, &cp);
	}
	return i;
}

/* The character column (1-based) of byte offset off in a line. */
static int
col_of(const struct line *l, size_t off)
{
	int c = 1;

	for (size_t i = 0; i < off && i < l->len; c++) {
		uint32_t cp;

		i += utf8_decode(l->s + i, l->len - i, &cp);
	}
	return c;
}

/* Where a line's key starts: past the indentation and any "- ". */
static size_t
key_start(const struct line *l)
{
	size_t i = 0;

	for (;;) {
		while (i < l->len && l->s[i] == ' ')
			i++;
		if (i + 1 < l->len && l->s[i] == '-' && l->s[i + 1] == ' ')
			i += 2;
		else
			return i;
	}
}

/* The offset of the first ": " (or a ':' ending the line) at or after
 * from and before limit, outside quotes at the start of a value; or -1. */
static long
find_colon(const struct line *l, size_t from, size_t limit)
{
	for (size_t i = from; i < limit && i < l->len; i++)
		if (l->s[i] == ':' && (i + 1 == l->len || l->s[i + 1] == ' '))
			return (long)i;
	return -1;
}

/* Is the line blank or only a comment? */
static int
is_blank(const struct line *l)
{
	size_t i = 0;

	while (i < l->len && l->s[i] == ' ')
		i++;
	return i == l->len || l->s[i] == '#';
}

/* "column 5 (line 6)" for the keys of up to three lines above line n that
 * start at different columns, nearest first: where a key may line up. */
static void
columns_above(struct strbuf *sb, const char *buf, size_t len, int n)
{
	int seen[3], nseen = 0;

	for (int k = n - 1; k >= 1 && nseen < 3; k--) {
		struct line l;
		size_t key;
		int col, dup = 0;

		if (!get_line(buf, len, k, &l) || is_blank(&l))
			continue;
		key = key_start(&l);
		if (find_colon(&l, key, l.len) < 0)
			continue;
		col = col_of(&l, key);
		for (int i = 0; i < nseen; i++)
			dup |= seen[i] == col;
		if (dup)
			continue;
		strbuf_addf(sb, "%scolumn %d (line %d)", nseen > 0 ? ", " : "",
		    col, k);
		seen[nseen++] = col;
		if (col == 1)
			break;	/* nothing lies left of the top level */
	}
}

/* A value written again in double quotes (with \ and " escaped). */
static void
add_quoted(struct strbuf *sb, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	strbuf_addc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			strbuf_addc(sb, '\\');
		strbuf_addc(sb, s[i]);
	}
	strbuf_addc(sb, '"');
}

/* The help for a key that lines up with nothing above it. */
static void
indent_help(struct diag_list *diags, const char *buf, size_t len, int n)
{
	struct strbuf cols;

	strbuf_init(&cols);
	columns_above(&cols, buf, len, n);
	if (cols.len > 0)
		diag_help(diags, "indent each key as far as the other keys of "
		    "its mapping (spaces, not tabs); keys above start at %s",
		    cols.s);
	else
		diag_help(diags, "indent each key as far as the other keys of "
		    "its mapping (spaces, not tabs)");
	strbuf_free(&cols);
}

/* "mapping values are not allowed in this context" at a ':' of line n:
 * a second ': ' on a line that has a key is inside the value; a key alone
 * on its line is indented so that it continues the value above. */
static void
colon_error(struct diag_list *diags, const char *file,
    const struct lesson_yaml_problem *p, const char *buf, size_t len)
{
	struct line l;
	size_t key, at;
	long colon;

	if (!get_line(buf, len, p->line, &l))
		goto plain;
	key = key_start(&l);
	at = byte_of(&l, p->col);
	colon = find_colon(&l, key, at);
	if (colon >= 0) {
		struct strbuf fix;
		size_t v = (size_t)colon + 1;

		while (v < l.len && l.s[v] == ' ')
			v++;
		diag_add(diags, DIAG_ERROR, file, p->line, p->col, "YAML syntax: "
		    "a ': ' inside an unquoted value reads as the start of "
		    "another key");
		strbuf_init(&fix);
		strbuf_add(&fix, l.s + key, (size_t)colon - key);
		strbuf_adds(&fix, ": ");
		add_quoted(&fix, l.s + v, l.len - v);
		diag_help(diags, "quote the value: %s", fix.s);
		strbuf_free(&fix);
		return;
	}
	diag_add(diags, DIAG_ERROR, file, p->line, col_of(&l, key),
	    "YAML syntax: this key's indentation does not match the keys "
	    "above it, so it reads as part of the value before it");
	indent_help(diags, buf, len, p->line);
	return;
plain:
	diag_add(diags, DIAG_ERROR, file, p->line, p->col, "YAML syntax: %s",
	    p->problem);
}

/* A value that starts with '|' or '>' is a block scalar's indicator, and
 * text after it on the same line is an error. */
static void
block_indicator_error(struct diag_list *diags, const char *file,
    const struct lesson_yaml_problem *p, const char *buf, size_t len)
{
	struct line l;
	size_t at, key, end;
	long colon;
	char ind;
	struct strbuf fix;

	if (!get_line(buf, len, p->context_line, &l)) {
		diag_add(diags, DIAG_ERROR, file, p->line, p->col, "YAML "
		    "syntax: %s (%s at line %d)", p->problem, p->context,
		    p->context_line);
		return;
	}
	at = byte_of(&l, p->context_col);
	ind = at < l.len ? l.s[at] : '|';
	diag_add(diags, DIAG_ERROR, file, p->context_line, p->context_col,
	    "YAML syntax: a value that starts with '%c' is a block of text "
	    "('%c' alone at the end of the line, the text on the lines "
	    "below), so nothing may follow it here", ind, ind);
	key = key_start(&l);
	colon = find_colon(&l, key, at);
	end = l.len;
	for (size_t i = at; i + 1 < l.len; i++)
		if (l.s[i] == ' ' && l.s[i + 1] == '#') {
			end = i;	/* a comment is not part of the value */
			break;
		}
	strbuf_init(&fix);
	if (colon >= 0) {
		strbuf_add(&fix, l.s + key, (size_t)colon - key);
		strbuf_adds(&fix, ": ");
	}
	add_quoted(&fix, l.s + at, end - at);
	if (at + 1 < l.len && l.s[at] == '|' && l.s[at + 1] == '|')
		diag_help(diags, "quote the value: %s (or write the norm bars "
		    "as \xe2\x80\x96, which needs no quotes)", fix.s);
	else
		diag_help(diags, "quote the value: %s", fix.s);
	strbuf_free(&fix);
}

/* libyaml stopped right after a quote that closed a quoted value too
 * early (an apostrophe in 'it's'): say so, or return 0. */
static int
quote_inside_error(struct diag_list *diags, const char *file,
    const struct lesson_yaml_problem *p, const char *buf, size_t len)
{
	struct line l;
	size_t at, open, key;
	long colon;
	char q;
	struct strbuf fix;

	if (!get_line(buf, len, p->line, &l))
		return 0;
	at = byte_of(&l, p->col);
	if (at == 0 || at >= l.len || l.s[at] == ' ' || l.s[at] == '#')
		return 0;
	q = l.s[at - 1];
	if (q != '\'' && q != '"')
		return 0;
	/* the opening quote: the first q where a value starts */
	key = key_start(&l);
	colon = find_colon(&l, key, at - 1);
	open = colon >= 0 ? (size_t)colon + 1 : key;
	while (open < l.len && l.s[open] == ' ')
		open++;
	if (open >= at - 1 || l.s[open] != q)
		return 0;
	diag_add(diags, DIAG_ERROR, file, p->line, col_of(&l, at - 1),
	    "YAML syntax: this %s ends the %s-quoted value that starts at "
	    "column %d, and the rest of the line cannot follow it",
	    q == '\'' ? "apostrophe" : "quote", q == '\'' ? "single" :
	    "double", col_of(&l, open));
	strbuf_init(&fix);
	{
		size_t end = l.len;

		while (end > open + 1 && l.s[end - 1] != q)
			end--;
		for (size_t i = open + 1; i + 1 < end; i++) {
			if (l.s[i] == q)
				strbuf_addc(&fix, q == '\'' ? '\'' : '\\');
			strbuf_addc(&fix, l.s[i]);
		}
		if (q == '\'')
			diag_help(diags, "inside single quotes write an "
			    "apostrophe twice: '%s'", fix.s);
		else
			diag_help(diags, "inside double quotes write \\\" for a "
			    "quote: \"%s\"", fix.s);
	}
	strbuf_free(&fix);
	return 1;
}

/* See yamlerr.h. */
void
lesson_yaml_error(struct diag_list *diags, const char *file,
    const struct lesson_yaml_problem *p, const char *buf, size_t len)
{
	const char *problem = p->problem != NULL ? p->problem :
	    "unreadable input";
	const char *context = p->context != NULL ? p->context : "";

	if (strstr(problem, "end of stream") != NULL &&
	    strstr(context, "quoted scalar") != NULL) {
		diag_add(diags, DIAG_ERROR, file, p->context_line,
		    p->context_col, "YAML syntax: this quote is never closed "
		    "(the file ends inside the quoted value)");
		diag_help(diags, "end the value with the same quote; inside "
		    "single quotes an apostrophe is written twice ('it''s')");
		return;
	}
	if (strstr(context, "block scalar") != NULL &&
	    strstr(problem, "comment or line break") != NULL) {
		block_indicator_error(diags, file, p, buf, len);
		return;
	}
	if (strstr(context, "flow") != NULL && p->line != p->context_line) {
		int seq = strstr(context, "sequence") != NULL;

		diag_add(diags, DIAG_ERROR, file, p->context_line,
		    p->context_col, "YAML syntax: this '%c' is not closed: "
		    "libyaml looked for '%c' until line %d", seq ? '[' : '{',
		    seq ? ']' : '}', p->line);
		diag_help(diags, "close it with '%c' on the same line, or write "
		    "the %s as an indented block without brackets", seq ? ']' :
		    '}', seq ? "list" : "mapping");
		return;
	}
	if (strstr(problem, "mapping values are not allowed") != NULL) {
		colon_error(diags, file, p, buf, len);
		return;
	}
	if (strstr(problem, "did not find expected") != NULL &&
	    quote_inside_error(diags, file, p, buf, len))
		return;
	if (strstr(problem, "tab character") != NULL) {
		diag_add(diags, DIAG_ERROR, file, p->line, p->col, "YAML "
		    "syntax: a tab in the indentation");
		diag_help(diags, "YAML indents with spaces: replace the tab with "
		    "spaces");
		return;
	}
	if (strcmp(problem, "did not find expected key") == 0 ||
	    strcmp(problem, "did not find expected '-' indicator") == 0 ||
	    strstr(problem, "block sequence entries are not allowed") != NULL) {
		diag_add(diags, DIAG_ERROR, file, p->line, p->col, "YAML syntax: "
		    "this line's indentation does not match the lines above it "
		    "(%s)", problem);
		indent_help(diags, buf, len, p->line);
		return;
	}
	if (p->context != NULL)
		diag_add(diags, DIAG_ERROR, file, p->line, p->col,
		    "YAML syntax: %s (%s at line %d)", problem, p->context,
		    p->context_line);
	else
		diag_add(diags, DIAG_ERROR, file, p->line, p->col,
		    "YAML syntax: %s", problem);
}

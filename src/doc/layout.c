#include "config.h"

#include "doc/layout.h"
#include "doc/simblock.h"
#include "doc/wrap.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_INDENT 4
#define TAB_STOP 4

/* An empty line, the page's paragraph separator. */
static void
blank(struct doc_page *page, int block)
{
	if (page->nlines > 0 && page->lines[page->nlines - 1].nspans == 0)
		return;		/* never two blank lines in a row */
	doc_page_line(page, block);
}

/* Remember a heading for the outline. */
static void
add_anchor(struct doc_page *page, int level, const char *text)
{
	struct doc_anchor *a;

	page->anchors = xreallocarray(page->anchors, page->nanchors + 1,
	    sizeof *page->anchors);
	a = &page->anchors[page->nanchors++];
	a->line = page->nlines;
	a->level = level;
	a->text = xstrdup(text);
}

/* Remember a quiz or simulation for the outline (level 3), at its first
 * line: "Quiz 3: What is ...", "Simulation rnn-unroll: One pulse ...". */
static void
block_anchor(struct doc_page *page, const struct lesson_block *b, int quiz,
    size_t line, int ascii)
{
	char *text, *shown;

	if (b->kind == LESSON_QUIZ)
		text = xasprintf("Quiz %d: %s", quiz, b->quiz.question);
	else if (b->sim.caption != NULL)
		text = xasprintf("Simulation %s: %s", b->sim.name, b->sim.caption);
	else
		text = xasprintf("Simulation %s", b->sim.name);
	/* one line of the outline: the first line of a long question */
	text[strcspn(text, "\n")] = '\0';
	/* lesson text is untrusted: shown as the page shows it */
	shown = utf8_sanitize(text, strlen(text), ascii);
	add_anchor(page, 3, shown);
	page->anchors[page->nanchors - 1].line = line;
	free(shown);
	free(text);
}

/* A full-width rule under a title or heading. */
static void
rule(struct doc_page *page, int block, int width, const char *glyph)
{
	struct doc_line *line = doc_page_line(page, block);

	for (int i = 0; i < width; i++)
		doc_line_add(line, DOC_RULE, glyph, 1, 1);
}

/* "Lesson 2: Title", a rule, and the goal. */
static void
layout_title(struct doc_page *page, const struct lesson *l,
    const struct doc_opts *o)
{
	char *title = xasprintf("Lesson %d: %s", l->number, l->title);
	struct doc_wrap w = {
		.width = o->width, .style = DOC_TITLE, .block = -1,
		.ascii = o->ascii,
	};
	size_t first = page->nlines;
	int widest = 0;

	add_anchor(page, 0, title);
	doc_wrap(page, title, strlen(title), &w);
	for (size_t i = first; i < page->nlines; i++)
		if (page->lines[i].width > widest)
			widest = page->lines[i].width;
	rule(page, -1, widest, "=");
	blank(page, -1);
	w.style = DOC_GOAL;
	w.marker = "Goal: ";
	w.marker_style = DOC_GOAL;
	w.indent = 6;
	doc_wrap(page, l->goal, strlen(l->goal), &w);
	free(title);
}

/* A section (level 1, numbered, ruled) or subsection heading. */
static void
layout_heading(struct doc_page *page, const struct lesson_block *b, int block,
    int section, const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .marker_style = DOC_HEADING,
		.style = DOC_HEADING, .block = block, .ascii = o->ascii,
	};
	char number[16];
	char *anchor;
	size_t first;
	int widest = 0;

	blank(page, block);
	if (b->level == 1) {
		snprintf(number, sizeof number, "%d. ", section);
		w.marker = number;
		w.indent = (int)strlen(number);
		anchor = xasprintf("%s%s", number, b->text);
	} else {
		w.style = DOC_SUBHEADING;
		anchor = xstrdup(b->text);
	}
	add_anchor(page, b->level, anchor);
	free(anchor);
	first = page->nlines;
	doc_wrap(page, b->text, strlen(b->text), &w);
	for (size_t i = first; i < page->nlines; i++)
		if (page->lines[i].width > widest)
			widest = page->lines[i].width;
	if (b->level == 1)
		rule(page, block, widest, "-");
}

static void code_line(struct doc_page *page, const char *s, size_t len,
    int block, enum doc_style style, const struct doc_opts *o);

/* Is this line of a text block the start of a list item? Sets the marker. */
static int
list_item(const char *line, size_t len, char marker[16], size_t *skip)
{
	size_t i = 0;

	while (i < len && line[i] == ' ')
		i++;
	if (i + 1 < len && (line[i] == '-' || line[i] == '*') &&
	    line[i + 1] == ' ') {
		strcpy(marker, "\xE2\x80\xA2");	/* a bullet */
		*skip = i + 2;
		return 1;
	}
	if (i < len && line[i] >= '0' && line[i] <= '9') {
		size_t j = i;

		while (j < len && j - i < 3 && line[j] >= '0' && line[j] <= '9')
			j++;
		if (j + 1 < len && line[j] == '.' && line[j + 1] == ' ') {
			snprintf(marker, 16, "%.*s.", (int)(j - i), line + i);
			*skip = j + 2;
			return 1;
		}
	}
	return 0;
}

/* Flush a gathered paragraph or list item. */
static void
flush_para(struct doc_page *page, struct strbuf *para, const char *marker,
    int block, const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .marker_style = DOC_BULLET, .block = block,
		.ascii = o->ascii,
	};

	if (para->len == 0)
		return;
	if (marker != NULL) {
		w.marker = marker;
		w.marker_indent = 2;
		w.indent = 2 + (int)utf8_width(marker, strlen(marker)) + 1;
	}
	doc_wrap(page, para->s, para->len, &w);
	strbuf_reset(para);
}

/* Paragraphs separated by blank lines, and "- " or "1. " list items. */
static void
layout_text(struct doc_page *page, const char *text, int block,
    const struct doc_opts *o)
{
	struct strbuf para;
	char marker[16] = "";
	int in_item = 0;
	const char *p = text;

	strbuf_init(&para);
	blank(page, block);
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		size_t skip = 0;
		char m[16];

		if (strspn(p, " \t\r") >= len) {	/* a blank line */
			flush_para(page, &para, in_item ? marker : NULL, block, o);
			blank(page, block);
			in_item = 0;
		} else if (!in_item && len > 4 && strncmp(p, "    ", 4) == 0) {
			/* an indented line (a formula, a diagram): verbatim */
			flush_para(page, &para, NULL, block, o);
			code_line(page, p + 4, len - 4, block, DOC_PLAIN, o);
		} else if (list_item(p, len, m, &skip)) {
			flush_para(page, &para, in_item ? marker : NULL, block, o);
			if (!in_item)
				blank(page, block);
			in_item = 1;
			strcpy(marker, m);
			strbuf_add(&para, p + skip, len - skip);
		} else {
			if (para.len > 0)
				strbuf_addc(&para, ' ');
			strbuf_add(&para, p, len);
		}
		p += len + (nl != NULL);
	}
	flush_para(page, &para, in_item ? marker : NULL, block, o);
	strbuf_free(&para);
}

/* Expand tabs of one code line to TAB_STOP columns. */
static void
expand_tabs(struct strbuf *out, const char *s, size_t len)
{
	size_t col = 0;

	strbuf_reset(out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\t') {
			size_t n = TAB_STOP - col % TAB_STOP;

			strbuf_addn(out, ' ', n);
			col += n;
		} else if (s[i] != '\r' || i + 1 != len) {
			strbuf_addc(out, s[i]);
			col++;
		}
	}
}

/* Does the word at s (up to a space) not fit the room left on a line, yet
 * fit a whole continuation line (room full)? */
static int
breaks_word(const char *s, size_t len, int ascii, int left, int full)
{
	size_t n = strcspn(s, " ");
	int w = 0;

	if (n > len)
		n = len;
	for (size_t i = 0; i < n;) {
		char buf[16];
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		utf8_visible(cp, ascii, buf);
		w += (int)utf8_width(buf, strlen(buf));
	}
	return w > left && w <= full;
}

/* One code line: verbatim, continued on further lines (marked with a
 * backslash at the edge) when wider than the page. */
static void
code_line(struct doc_page *page, const char *s, size_t len, int block,
    enum doc_style style, const struct doc_opts *o)
{
	struct doc_line *line = doc_page_line(page, block);
	int avail = o->width - CODE_INDENT;
	size_t i = 0;

	doc_line_pad(line, CODE_INDENT);
	while (i < len) {
		char buf[16];
		uint32_t cp;
		size_t used = utf8_decode(s + i, len - i, &cp);
		enum utf8_class class = utf8_visible(cp, o->ascii, buf);
		size_t blen = strlen(buf);
		int w = class == UTF8_CONTROL ? (int)blen :
		    (int)utf8_width(buf, blen);

		/* keep one column for the mark unless this is the last char;
		 * program output breaks before a word (a number) that would
		 * not fit whole, where code keeps every column */
		if (line->width - CODE_INDENT + w > avail - (i + used < len) ||
		    (style == DOC_OUTPUT && i > 0 && s[i - 1] == ' ' &&
		    s[i] != ' ' && breaks_word(s + i, len - i, o->ascii,
		    avail - 1 - (line->width - CODE_INDENT), avail - 1))) {
			doc_line_pad(line, o->width - 1 - line->width);
			doc_line_add(line, DOC_MARK, "\\", 1, 1);
			line = doc_page_line(page, block);
			doc_line_pad(line, CODE_INDENT);
		}
		doc_line_add(line, class == UTF8_CONTROL ? DOC_CONTROL : style,
		    buf, blen, w);
		i += used;
	}
}

/* Verbatim lines of code or program output. */
void
doc_layout_verbatim(struct doc_page *page, const char *text, int block,
    enum doc_style style, const struct doc_opts *o)
{
	struct strbuf line;
	const char *p = text;

	strbuf_init(&line);
	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		expand_tabs(&line, p, len);
		code_line(page, line.s, line.len, block, style, o);
		p += len + (p[len] == '\n');
	}
	strbuf_free(&line);
}

/* A caption line above code or a simulation. */
void
doc_layout_caption(struct doc_page *page, const char *caption, int block,
    const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = 2, .style = DOC_CAPTION,
		.block = block, .ascii = o->ascii,
	};

	doc_wrap(page, caption, strlen(caption), &w);
}

/* A code block with its optional caption. */
static void
layout_code(struct doc_page *page, const struct lesson_block *b, int block,
    const struct doc_opts *o)
{
	blank(page, block);
	if (b->caption != NULL)
		doc_layout_caption(page, b->caption, block, o);
	doc_layout_verbatim(page, b->text, block, DOC_CODE, o);
}

/* See layout.h. */
int
doc_quiz_wrong(const struct doc_quiz_state *st)
{
	if (st == NULL || !st->answered)
		return 0;
	return st->attempts - (st->correct ? 1 : 0);
}

/* See layout.h. */
int
doc_quiz_shown(const struct lesson_quiz *q, const struct doc_quiz_state *st)
{
	if (st == NULL)
		return 0;
	if (st->revealed || (st->answered && st->correct) ||
	    (st->answered && !q->retry))
		return 1;
	return q->reveal_after > 0 && doc_quiz_wrong(st) >= q->reveal_after;
}

/* One wrapped line of quiz feedback in a style, with an optional marker. */
static void
feedback_line(struct doc_page *page, const char *text, const char *marker,
    enum doc_style style, int block, const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = 4, .marker = marker,
		.marker_style = style, .marker_indent = 2, .style = style,
		.block = block, .ascii = o->ascii,
	};

	doc_wrap(page, text, strlen(text), &w);
}

/* Why the chosen choice is wrong, and the hints earned so far (one per
 * wrong try, in order; print mode shows them all). */
static void
quiz_teach(struct doc_page *page, const struct lesson_quiz *q, int block,
    const struct doc_quiz_state *st, const struct doc_opts *o)
{
	size_t nhints = st == NULL ? q->nhints : (size_t)doc_quiz_wrong(st);
	char *msg;

	if (st != NULL && st->answered && !st->correct && q->why != NULL &&
	    st->choice < q->nchoices && q->why[st->choice] != NULL) {
		msg = xasprintf("You chose %c): %s", (char)('a' + st->choice),
		    q->why[st->choice]);
		feedback_line(page, msg, NULL, DOC_PLAIN, block, o);
		free(msg);
	}
	if (nhints > q->nhints)
		nhints = q->nhints;
	for (size_t i = 0; i < nhints; i++) {
		msg = q->nhints > 1 ? xasprintf("Hint %zu: %s", i + 1,
		    q->hints[i]) : xasprintf("Hint: %s", q->hints[i]);
		feedback_line(page, msg, NULL, DOC_PLAIN, block, o);
		free(msg);
	}
}

/* Print mode: why each wrong choice is wrong, after the explanation. */
static void
quiz_whys(struct doc_page *page, const struct lesson_quiz *q, int block,
    const struct doc_opts *o)
{
	for (size_t i = 0; q->why != NULL && i < q->nchoices; i++) {
		char *msg;

		if (q->why[i] == NULL || i == q->answer)
			continue;
		msg = xasprintf("Not %c): %s", (char)('a' + i), q->why[i]);
		feedback_line(page, msg, NULL, DOC_PLAIN, block, o);
		free(msg);
	}
}

/* Feedback for an answered quiz: why the choice was wrong, the hints
 * earned, and the answer once it shows; print mode shows it all. */
static void
quiz_feedback(struct doc_page *page, const struct lesson_quiz *q, int block,
    const struct doc_quiz_state *st, const struct doc_opts *o)
{
	int shown = o->reveal || doc_quiz_shown(q, st);
	int right = st != NULL && st->answered && st->correct;
	int wrong = st != NULL && st->answered && !st->correct;
	int one_try = wrong && !q->retry && !st->revealed;
	char *answer, *msg;

	if (q->choices != NULL)
		answer = xasprintf("%c) %s", (char)('a' + q->answer),
		    q->choices[q->answer]);
	else
		answer = xasprintf("%.10g (within %.3g)", q->value, q->tolerance);
	if (wrong) {
		if (one_try)
			msg = xasprintf("Not quite. The answer is %s.", answer);
		else if (shown)
			msg = xstrdup("Not quite.");
		else
			msg = xstrdup(q->reveal_after > 0 ? "Not quite: try "
			    "again (! shows the answer)." : "Not quite: try "
			    "again.");
		/* a ballot x; in ASCII "x" */
		feedback_line(page, msg, o->ascii ? "x " : "\xE2\x9C\x97 ",
		    DOC_WRONG, block, o);
		free(msg);
	}
	if (st == NULL || wrong)
		quiz_teach(page, q, block, st, o);
	if (shown && !one_try) {
		msg = xasprintf("%s %s", right ? "Right:" : "Answer:", answer);
		/* a check mark; in ASCII "*", since "v" reads as a letter */
		feedback_line(page, msg, !right ? "> " : o->ascii ? "* " :
		    "\xE2\x9C\x93 ", DOC_ANSWER, block, o);
		free(msg);
	}
	free(answer);
	if (shown && q->explain != NULL)
		feedback_line(page, q->explain, NULL, DOC_PLAIN, block, o);
	if (st == NULL)
		quiz_whys(page, q, block, o);
}

/* A quiz: the question, its choices or a numeric prompt, and feedback. */
static void
layout_quiz(struct doc_page *page, const struct lesson_block *b, int block,
    int number, const struct doc_opts *o)
{
	const struct lesson_quiz *q = &b->quiz;
	const struct doc_quiz_state *st = o->state != NULL ?
	    &o->state[block].quiz : NULL;
	struct doc_wrap w = {
		.width = o->width, .indent = 2, .marker_style = DOC_QUIZ,
		.style = DOC_QUIZ, .block = block, .ascii = o->ascii,
	};
	char *head = xasprintf("Quiz %d: %s", number, q->question);

	blank(page, block);
	doc_wrap(page, head, strlen(head), &w);
	free(head);
	for (size_t i = 0; i < q->nchoices; i++) {
		char marker[8];
		int chosen = st != NULL && st->answered && st->choice == i;
		int shown = o->reveal || (st != NULL && st->answered &&
		    (st->correct || !q->retry));
		const char *arrow = o->ascii ? " <- " : " \xE2\x86\x90 ";
		char *text;

		snprintf(marker, sizeof marker, "%c)", (char)('a' + i));
		w.marker = marker;
		/* the right answer is told in words as well as in colour, so
		 * that it reads without colour (NO_COLOR) and in ASCII */
		if (shown && i == q->answer) {
			w.marker_style = DOC_ANSWER;
			text = xasprintf("%s%sright", q->choices[i], arrow);
		} else if (chosen && !st->correct) {
			w.marker_style = DOC_WRONG;
			text = xasprintf("%s%syour answer", q->choices[i], arrow);
		} else {
			w.marker_style = DOC_BULLET;
			text = xstrdup(q->choices[i]);
		}
		w.marker_indent = 2;
		w.indent = 5;
		w.style = DOC_CHOICE;
		doc_wrap(page, text, strlen(text), &w);
		free(text);
	}
	if (q->choices == NULL) {
		/* Wrapped, so that it fits a 20-column page */
		struct doc_wrap pw = {
			.width = o->width, .indent = 2,
			.marker_style = DOC_CHOICE, .style = DOC_CHOICE,
			.block = block, .ascii = o->ascii,
		};
		char *prompt = st != NULL && st->answered && !isnan(st->value) ?
		    xasprintf("Your answer: %.10g", st->value) :
		    xstrdup("Answer with a number.");

		doc_wrap(page, prompt, strlen(prompt), &pw);
		free(prompt);
	}
	if (o->reveal || (st != NULL && (st->answered || st->revealed)))
		quiz_feedback(page, q, block, st, o);
}

/* See layout.h. */
struct doc_page *
doc_layout(const struct lesson *l, const struct doc_opts *opts)
{
	struct doc_opts o = *opts;
	struct doc_page *page;
	int section = 0, quiz = 0;

	if (o.width < DOC_MIN_WIDTH)
		o.width = DOC_MIN_WIDTH;
	if (o.width > DOC_MAX_WIDTH)
		o.width = DOC_MAX_WIDTH;
	page = doc_page_create(o.width, l->nblocks);
	layout_title(page, l, &o);
	for (size_t i = 0; i < l->nblocks; i++) {
		const struct lesson_block *b = &l->blocks[i];

		page->blocks[i].first = page->nlines;
		switch (b->kind) {
		case LESSON_HEADING:
			layout_heading(page, b, (int)i,
			    b->level == 1 ? ++section : section, &o);
			break;
		case LESSON_TEXT:
			layout_text(page, b->text, (int)i, &o);
			break;
		case LESSON_CODE:
			layout_code(page, b, (int)i, &o);
			break;
		case LESSON_QUIZ:
			layout_quiz(page, b, (int)i, ++quiz, &o);
			break;
		case LESSON_SIM:
			doc_layout_sim(page, l, b, (int)i, &o);
			break;
		}
		/* a block starts at its first non-blank line */
		while (page->blocks[i].first < page->nlines &&
		    page->lines[page->blocks[i].first].nspans == 0)
			page->blocks[i].first++;
		page->blocks[i].last = page->nlines;
		if (b->kind == LESSON_QUIZ || b->kind == LESSON_SIM)
			block_anchor(page, b, quiz, page->blocks[i].first,
			    o.ascii);
		if (o.focus == (long)i)
			doc_page_mark_gutter(page, page->blocks[i].first,
			    page->blocks[i].last, o.ascii);
	}
	blank(page, -1);
	if (o.next != 0) {
		struct doc_wrap w = {
			.width = o.width, .style = DOC_TRY, .block = -1,
			.ascii = o.ascii,
		};
		char *text = o.next > 0 ? xasprintf("Next: press ] for lesson "
		    "%d.", o.next) : xstrdup("This was the last lesson: q goes "
		    "back to the list.");

		doc_wrap(page, text, strlen(text), &w);
		free(text);
		blank(page, -1);
	}
	return page;
}

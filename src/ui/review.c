/* review: the review screen, one question at a time ('v' in the lesson
 * list). The questions, their judging and recording are view/review.c's;
 * this file draws its page and reads the keys. */
#include "config.h"

#include "ui/ui.h"
#include "ui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

/* The review's page width: the pager's margin, no auto-wrap column. */
static int
review_width(void)
{
	int w = COLS - 2;

	if (w > DOC_READABLE_WIDTH)
		w = DOC_READABLE_WIDTH;
	return w < 1 ? 1 : w;
}

/* The rows above the status line. */
static size_t
review_rows(void)
{
	return LINES > 1 ? (size_t)LINES - 1 : 1;
}

/* Is the question asked a numeric one (answered in the prompt)? */
static int
asks_number(const struct ui_review *r)
{
	const struct review_item *it;

	if (r->s.phase != VIEW_REVIEW_ASKING)
		return 0;
	it = &r->plan.items[r->s.i];
	return it->quiz == NULL || it->quiz->choices == NULL;
}

static void number_typed(struct ui *ui, const char *text);

/* Open the prompt for a numeric question's answer. */
static void
ask_number(struct ui *ui)
{
	ui_prompt_start(ui, "Your answer: ", number_typed);
}

/* An answer given: judged and recorded, and the progress file written
 * (the CLI's records, kept at once). */
static void
submit(struct ui *ui, const char *text)
{
	struct ui_review *r = &ui->review;

	if (view_review_submit(&r->s, &ui->progress, text, progress_now()) < 0)
		return;		/* the page says what is accepted */
	ui_progress_save(ui, 1);
}

/* The number typed for a numeric question; asked again when unreadable. */
static void
number_typed(struct ui *ui, const char *text)
{
	submit(ui, text);
	if (asks_number(&ui->review))
		ask_number(ui);
}

/* See ui.h. */
void
ui_review(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	struct diag_list diags;

	diag_list_init(&diags);
	if (view_review_plan(&r->plan, *ui->course, &ui->progress,
	    (uint64_t)progress_now(), VIEW_REVIEW_DEFAULT, progress_now(),
	    &diags) < 0) {
		ui_message(ui, "No review: %s", diags.n > 0 ? diags.v[0].msg :
		    "unknown error");
		diag_list_free(&diags);
		return;
	}
	diag_list_free(&diags);
	view_review_start(&r->s, &r->plan);
	r->top = 0;
	r->shown = 0;
	r->phase_shown = (int)r->s.phase;
	ui->screen = UI_REVIEW;
	if (asks_number(r))
		ask_number(ui);
}

/* See ui.h. */
void
ui_review_close(struct ui *ui)
{
	view_review_plan_free(&ui->review.plan);
	memset(&ui->review.s, 0, sizeof ui->review.s);
}

/* Back to the lesson list, saying how it went. */
static void
leave(struct ui *ui)
{
	size_t right = ui->review.s.right, asked = ui->review.s.asked;

	ui_review_close(ui);
	ui->screen = UI_MENU;
	ui_progress_save(ui, 1);
	if (ui->message[0] == '\0')	/* not "Progress not saved: ..." */
		ui_message(ui, "Review: %zu of %zu right; kept in your "
		    "progress.", right, asked);
}

/* The status line's hint for the phase. */
static const char *
hint(const struct ui_review *r, char *buf, size_t size)
{
	const struct review_item *it;

	switch (r->s.phase) {
	case VIEW_REVIEW_ASKING:
		it = &r->plan.items[r->s.i];
		if (asks_number(r))
			return " Enter: answer  q: leave";
		snprintf(buf, size, " a-%c: answer  q: leave",
		    (char)('a' + it->quiz->nchoices - 1));
		return buf;
	case VIEW_REVIEW_VERDICT:
		return r->s.i + 1 < r->plan.n ? " Space: next  q: leave" :
		    " Space: summary  q: leave";
	case VIEW_REVIEW_DONE:
	default:
		return " Any key: back";
	}
}

/* See ui.h. */
void
ui_review_draw(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	size_t rows = review_rows(), verdict, max_top;
	struct doc_page *page = view_review_page(&r->s, review_width(),
	    ui->opts->ascii, &verdict);
	char buf[64];

	max_top = page->nlines > rows ? page->nlines - rows : 0;
	if (r->shown != r->s.i || r->phase_shown != (int)r->s.phase) {
		/* a new question from its top; a verdict into sight */
		r->top = 0;
		if (r->s.phase == VIEW_REVIEW_VERDICT && verdict >= rows)
			r->top = verdict < max_top ? verdict : max_top;
		r->shown = r->s.i;
		r->phase_shown = (int)r->s.phase;
	}
	if (r->top > max_top)
		r->top = max_top;	/* a larger screen after a resize */
	for (size_t i = 0; i < rows && r->top + i < page->nlines; i++) {
		const struct doc_line *line = &page->lines[r->top + i];

		move((int)i, 1);
		for (size_t k = 0; k < line->nspans; k++) {
			attr_t a = (attr_t)ui_theme_attr(line->spans[k].style);

			attron(a);
			addnstr(line->spans[k].text, (int)line->spans[k].len);
			attroff(a);
		}
	}
	ui_status_line(ui, hint(r, buf, sizeof buf), r->top < max_top ?
	    "Down: more " : r->top > 0 ? "Up: back " : "");
	doc_page_destroy(page);
}

/* Scroll by n rows (negative: up); the draw keeps it in the page. */
static void
scroll_by(struct ui_review *r, long n)
{
	if (n < 0 && (size_t)-n > r->top)
		r->top = 0;
	else
		r->top = (size_t)((long)r->top + n);
}

/* See ui.h. */
void
ui_review_key(struct ui *ui, int key)
{
	struct ui_review *r = &ui->review;
	int k = ui_key_view(key);
	long page = (long)review_rows() - 1;

	if (r->s.phase == VIEW_REVIEW_ASKING && !asks_number(r)) {
		size_t n = r->plan.items[r->s.i].quiz->nchoices;
		int c = k >= 'A' && k <= 'Z' ? k - 'A' + 'a' : k;

		if (c >= 'a' && c < 'a' + (int)n) {
			char text[2] = { (char)c, '\0' };

			submit(ui, text);
			return;
		}
	}
	switch (k) {
	case VIEW_KEY_DOWN: case 'j':
		scroll_by(r, 1);
		return;
	case VIEW_KEY_UP: case 'k':
		scroll_by(r, -1);
		return;
	case VIEW_KEY_PAGE_DOWN: case 'f':
		scroll_by(r, page > 1 ? page : 1);
		return;
	case VIEW_KEY_PAGE_UP: case 'b':
		scroll_by(r, page > 1 ? -page : -1);
		return;
	default:
		break;
	}
	if (k == 'Q') {
		ui->quit = 1;	/* as everywhere; the answers are kept */
		return;
	}
	switch (r->s.phase) {
	case VIEW_REVIEW_ASKING:
		if (k == 'q' || k == VIEW_KEY_ESC) {
			view_review_stop(&r->s);
			leave(ui);
		} else if (asks_number(r) && (k == '\r' || k == '\n' ||
		    k == VIEW_KEY_ENTER)) {
			ask_number(ui);
		}
		break;
	case VIEW_REVIEW_VERDICT:
		if (k == 'q' || k == VIEW_KEY_ESC) {
			view_review_stop(&r->s);
			leave(ui);
		} else if (k == ' ' || k == '\r' || k == '\n' ||
		    k == VIEW_KEY_ENTER || k == 'n' || k == VIEW_KEY_RIGHT) {
			view_review_next(&r->s);
			if (asks_number(r))
				ask_number(ui);
		}
		break;
	case VIEW_REVIEW_DONE:
	default:
		leave(ui);
		break;
	}
}

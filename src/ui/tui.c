#include "config.h"

#include "ui/tui.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "view/place.h"

#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;
static int curses_up;
/* The last save failed: the program exits 1 (see tui.h). */
static int progress_unsaved;
/* Resize storms. A terminal resized while we compute (say to 1x1
 * and back) may lose what was drawn, and curses, seeing the same size as
 * before, reports nothing; so every SIGWINCH forces a full repaint. */
static volatile sig_atomic_t got_winch;
static struct sigaction curses_winch;	/* the SIGWINCH handler of curses */

/* SIGINT, SIGTERM, SIGHUP, SIGQUIT: leave the loop, save, restore the
 * terminal. */
static void
on_signal(int sig)
{
	got_signal = sig;
}

/* Give the terminal back (the fatal() hook, and the normal exit). */
static void
restore_terminal(void)
{
	if (curses_up) {
		endwin();
		curses_up = 0;
	}
}

/* SIGWINCH: note it for draw(), then pass it on to curses. */
static void
on_winch(int sig)
{
	got_winch = 1;
	if (curses_winch.sa_flags & SA_SIGINFO) {
		if (curses_winch.sa_sigaction != NULL)
			curses_winch.sa_sigaction(sig, NULL, NULL);
	} else if (curses_winch.sa_handler != SIG_DFL &&
	    curses_winch.sa_handler != SIG_IGN) {
		curses_winch.sa_handler(sig);
	}
}

/* Install the handlers without SA_RESTART so a blocked getch returns. */
static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	/* after newterm(), which installed the handler of curses (without
	 * one, curses would not see resizes: leave it alone then) */
	if (sigaction(SIGWINCH, NULL, &curses_winch) == 0 &&
	    ((curses_winch.sa_flags & SA_SIGINFO) ||
	    (curses_winch.sa_handler != SIG_DFL &&
	    curses_winch.sa_handler != SIG_IGN))) {
		sa.sa_handler = on_winch;
		sa.sa_flags = curses_winch.sa_flags & ~SA_SIGINFO;
		sigaction(SIGWINCH, &sa, NULL);
	}
}

/* Rows for the page: all but the status line. */
int
ui_page_rows(void)
{
	return LINES > 1 ? LINES - 1 : 1;
}

/* s with every control, bidirectional and invisible formatting character
 * in its visible form, cut to fit size bytes on a character boundary. */
static void
sanitize_into(const struct ui *ui, char *out, size_t size, const char *s)
{
	char *shown = utf8_sanitize(s, strlen(s), ui->opts != NULL &&
	    ui->opts->ascii);
	size_t n = strlen(shown);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && (shown[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, shown, n);
	out[n] = '\0';
	free(shown);
}

/* Show a message in the status line until the next key. Names from
 * lessons and typed text reach it: it is sanitised. */
void
ui_message(struct ui *ui, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	sanitize_into(ui, ui->message, sizeof ui->message, raw);
}

/* The bottom line: a message if there is one, else left; right at the end.
 * Everything shown is sanitised. */
void
ui_status_line(struct ui *ui, const char *left_raw, const char *right_raw)
{
	char left[512], right[256];
	int rw;

	sanitize_into(ui, left, sizeof left, left_raw);
	sanitize_into(ui, right, sizeof right, right_raw);
	rw = (int)strlen(right);

	attron((attr_t)ui_theme_status());
	move(LINES - 1, 0);
	hline(' ', COLS);
	if (ui->message[0] != '\0') {
		/* cut by columns, not bytes: an ellipsis or a name in UTF-8
		 * must not end the line early */
		char shown[sizeof ui->message + 4];

		memcpy(shown, ui->message, sizeof ui->message);
		ui_cut_line(shown, COLS - 2, ui->opts->ascii);
		mvaddstr(LINES - 1, 1, shown);
	} else {
		mvaddnstr(LINES - 1, 0, left, COLS - rw - 1 > 0 ? COLS - rw - 1 :
		    0);
	}
	if (ui->message[0] == '\0' && COLS > rw)
		mvaddnstr(LINES - 1, COLS - rw, right, rw);
	attroff((attr_t)ui_theme_status());
}

/* Say how large the terminal must be, in whatever room there is. */
static void
draw_too_small(void)
{
	char text[96];
	int len, row = 0;

	snprintf(text, sizeof text, "Terminal too small: rnntutor needs %dx%d, "
	    "this one is %dx%d.", UI_MIN_COLS, UI_MIN_ROWS, COLS, LINES);
	len = (int)strlen(text);
	for (int at = 0; at < len && row < LINES && COLS > 0; row++) {
		int n = len - at < COLS ? len - at : COLS;

		mvaddnstr(row, 0, text + at, n);
		at += n;
	}
}

/* Paint the current screen. */
static void
draw(struct ui *ui)
{
	if (got_winch) {
		got_winch = 0;
		clearok(curscr, TRUE);	/* repaint all: see got_winch */
	}
	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		draw_too_small();
		refresh();
		return;
	}
	switch (ui->screen) {
	case UI_MENU:
		ui_menu_draw(ui);
		break;
	case UI_PAGER:
		ui_pager_draw(ui);
		break;
	case UI_HELP:
		if (ui->back == UI_PAGER)
			ui_pager_draw(ui);
		else
			ui_menu_draw(ui);
		ui_help_draw(ui);
		break;
	case UI_OUTLINE:
	case UI_RESULTS:
	case UI_ERRORS:
		ui_list_draw(ui);
		break;
	case UI_REVIEW:
		ui_review_draw(ui);
		break;
	}
	if (ui->prompt.submit != NULL)
		ui_prompt_draw(ui);
	refresh();
}

/* One key for the current screen. */
static void
dispatch(struct ui *ui, int key)
{
	if (key == KEY_RESIZE) {
		got_winch = 1;	/* the next draw repaints everything */
		if (ui->view.lesson != NULL)
			ui_pager_invalidate(ui);
		return;
	}
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		const struct view_state small = { .where = VIEW_IN_TOO_SMALL };

		if (ui_key_action(&small, key).act == VIEW_ACT_QUIT)
			ui->quit = 1;
		return;
	}
	if (ui->prompt.submit != NULL && ui_prompt_key(ui, key))
		return;
	switch (ui->screen) {
	case UI_MENU:
		ui_menu_key(ui, key);
		break;
	case UI_PAGER:
		ui_pager_key(ui, key);
		break;
	case UI_HELP:
		ui_help_key(ui, key);
		break;
	case UI_OUTLINE:
	case UI_RESULTS:
	case UI_ERRORS:
		ui_list_key(ui, key);
		break;
	case UI_REVIEW:
		ui_review_key(ui, key);
		break;
	}
}

/* Remember the reading position and how far the reader has come. */
void
ui_progress_note(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	struct progress_lesson *rec;
	struct view_place here;
	size_t rows = (size_t)ui_page_rows();
	int percent;

	if (v->lesson == NULL || v->page == NULL || v->page->nlines == 0)
		return;
	rec = progress_lesson(&ui->progress, v->lesson->id, true);
	percent = view_place_percent(v->top, rows, v->page->nlines);
	/* only a move changes the place kept (which another session may have
	 * saved since this one opened the lesson); the title is block 0 at
	 * a negative offset, apart from block 0's first line */
	here = view_place_kept(v->page, v->top);
	if (here.block != v->noted.block || here.offset != v->noted.offset) {
		progress_move_to(rec, (size_t)(here.block < 0 ? 0 :
		    here.block), here.block < 0 ? 0 : here.offset);
		v->noted = here;
	}
	if (percent > rec->seen)
		rec->seen = percent;
	/* finished means the end was on the screen once, whatever the page
	 * grows to afterwards (answers, training) */
	if (v->top >= view_place_max_top(v->page, rows) && !rec->finished) {
		rec->finished = true;
		rec->seen = 100;
	}
	progress_set_last(&ui->progress, v->lesson->id);
}

/* Save the progress file; quiet: only errors are said. */
void
ui_progress_save(struct ui *ui, int quiet)
{
	struct diag_list diags;

	if (ui->progress_path == NULL)
		return;
	ui_progress_note(ui);
	diag_list_init(&diags);
	progress_unsaved = progress_save(&ui->progress, ui->progress_path,
	    &diags) < 0;
	if (progress_unsaved)
		ui_message(ui, "Progress not saved: %s", diags.n > 0 ?
		    diags.v[0].msg : "unknown error");
	else if (!quiet)
		ui_message(ui, "Progress saved.");
	diag_list_free(&diags);
}

/* Add a copy of every message of src to dst. */
static void
copy_diags(struct diag_list *dst, const struct diag_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct diag *d = &src->v[i];

		diag_add(dst, d->level, d->file, d->line, d->col, "%s", d->msg);
		if (d->help != NULL)
			diag_help(dst, "%s", d->help);
	}
}

/* Find the warnings of the course's lessons again (ui->warnings). */
static void
lint_course(struct ui *ui)
{
	diag_list_clear(&ui->warnings);
	if (ui->opts->lint != NULL)
		ui->opts->lint(*ui->course, &ui->warnings);
}

/* Say text, then "2 warnings: W shows them" when there are any. */
static void
say_warnings(struct ui *ui, const char *text)
{
	size_t n = ui->warnings.n;

	if (n == 0 && text[0] != '\0')
		ui_message(ui, "%s", text);
	else if (n > 0)
		ui_message(ui, "%s%s%zu warning%s%s: W shows %s (or rnntutor "
		    "--check)", text, text[0] != '\0' ? " " : "", n,
		    n == 1 ? "" : "s", text[0] != '\0' ? "" : " in the lessons",
		    n == 1 ? "it" : "them");
}

/* See ui.h. */
void
ui_warnings_open(struct ui *ui)
{
	if (ui->warnings.n == 0) {
		ui_message(ui, "No warnings in the lessons.");
		return;
	}
	ui->back = ui->screen;
	ui_errors_open(ui, &ui->warnings);
}

/* See ui.h. */
void
ui_reload(struct ui *ui)
{
	struct diag_list diags;
	struct course *fresh;
	enum ui_screen was = ui->screen;
	/* the lesson on screen was lost by a broken reload: once it loads
	 * again the reader is back in it */
	int lost = ui->reload_id != NULL && ui->view.lesson == NULL;
	long index;
	ui->watch.pending = 0;	/* this reload covers a held-back one */

	if (ui->view.lesson != NULL) {
		/* the place goes into the progress record, where opening the
		 * lesson again finds it */
		ui_progress_note(ui);
		free(ui->reload_id);
		ui->reload_id = xstrdup(ui->view.lesson->id);
		ui_pager_close(ui);
	}
	diag_list_init(&diags);
	sim_cache_clear(ui->cache);	/* lesson data files may have changed */
	fresh = course_load(ui->opts->course_opts, &diags);
	course_destroy(*ui->course);
	*ui->course = fresh;
	lint_course(ui);
	index = ui->reload_id != NULL ? course_find(fresh, ui->reload_id) : -1;
	if (index >= 0) {
		ui_pager_open(ui, (size_t)index);
		free(ui->reload_id);
		ui->reload_id = NULL;
		if (was != UI_PAGER && !lost)
			ui->screen = was == UI_HELP && ui->back == UI_PAGER ?
			    UI_PAGER : UI_MENU;	/* the list stays the list */
	} else {
		ui->screen = UI_MENU;
	}
	if (ui->menu_sel >= course_count(fresh))
		ui->menu_sel = 0;
	if (diags.n > 0) {
		copy_diags(&diags, &ui->warnings);	/* below the errors */
		ui->back = ui->screen;
		ui_errors_open(ui, &diags);
	} else {
		char text[64];

		snprintf(text, sizeof text, "Reloaded %zu lessons%s",
		    course_count(fresh), ui->warnings.n > 0 ? ";" : ".");
		say_warnings(ui, text);
	}
	diag_list_free(&diags);
}

/* A watched file changed: reload where the reader is, unless a prompt is
 * open (its text would be lost) or a review is asked (its questions are
 * the lessons' quizzes): then the reload waits until they close. */
static void
watch_reload(struct ui *ui)
{
	if (ui->prompt.submit != NULL || ui->screen == UI_REVIEW) {
		ui->watch.pending = 1;
		return;
	}
	ui->watch.pending = 0;
	ui->message[0] = '\0';	/* the last message is about the old files */
	ui_reload(ui);
}

/* Set up curses; -1 (with a message) when the terminal cannot be used. */
static int
start_curses(void)
{
	const char *term = getenv("TERM");
	SCREEN *screen;

	if (term == NULL || term[0] == '\0') {
		fprintf(stderr, "rnntutor: TERM is not set; printing the course "
		    "instead\n");
		return -1;
	}
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "rnntutor: standard input is not a terminal; "
		    "printing the course instead\n");
		return -1;
	}
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		fprintf(stderr, "rnntutor: terminal type '%s' is unknown; "
		    "printing the course instead\n", term);
		return -1;
	}
	set_term(screen);
	/* A terminal that cannot move the cursor (TERM=dumb, an
	 * editor's shell buffer) showed only a status line: print instead */
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(screen);
		fprintf(stderr, "rnntutor: terminal type '%s' cannot move the "
		    "cursor; printing the course instead\n", term);
		return -1;
	}
	curses_up = 1;
	fatal_set_hook(restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	leaveok(stdscr, TRUE);	/* no cursor moves after an update */
	curs_set(0);
	set_escdelay(25);
	/* Home and End as tmux and screen send them (ESC[1~, ESC[4~) and as
	 * rxvt does (ESC[7~, ESC[8~), whatever TERM's entry says: unknown,
	 * they arrived as Esc (back to the list) then "[" and a digit, which
	 * opened lesson 1 or 4 */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[8~", KEY_END);
	/* the same for keys a plain vt100 entry lacks: Shift-Tab, Page Up
	 * and Down, Delete, and xterm's Home and End, which left the lesson
	 * as Esc too */
	define_key("\033[Z", KEY_BTAB);
	define_key("\033[5~", KEY_PPAGE);
	define_key("\033[6~", KEY_NPAGE);
	define_key("\033[3~", KEY_DC);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	define_key("\033OH", KEY_HOME);
	define_key("\033OF", KEY_END);
	ui_theme_init();
	return 0;
}

/* Load the progress file; problems become a status-line message. */
static void
load_progress(struct ui *ui)
{
	struct diag_list diags;

	progress_init(&ui->progress);
	ui->progress_path = progress_default_path();
	if (ui->progress_path == NULL) {
		ui_message(ui, "No HOME or XDG_STATE_HOME: progress is not kept.");
		return;
	}
	diag_list_init(&diags);
	progress_load(&ui->progress, ui->progress_path, &diags);
	if (diags.n > 0)
		ui_message(ui, "%s", diags.v[diags.n - 1].msg);
	diag_list_free(&diags);
}

/* Open the lesson to start with: the one asked for, or where the reader
 * left off last time. */
static void
resume(struct ui *ui)
{
	long index = ui->opts->start;

	if (index < 0 && ui->progress.last != NULL)
		index = course_find(*ui->course, ui->progress.last);
	if (index >= 0)
		ui_pager_open(ui, (size_t)index);	/* at the place kept */
}

/* getch() gave ERR: is the terminal gone (EOF, EIO; a hangup that sent
 * no SIGHUP, as under setsid)? Then no key will ever come. A blocking
 * getch that keeps failing counts as gone too. */
static int
terminal_gone(int blocking, int *errors)
{
	struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};

	if (poll(&pfd, 1, 0) > 0 &&
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0)
		return 1;
	return blocking && ++*errors >= 100;
}

/* See tui.h. */
int
ui_tui_run(struct course **course, const struct ui_opts *opts)
{
	struct ui ui;

	memset(&ui, 0, sizeof ui);
	ui.course = course;
	ui.opts = opts;
	ui.screen = UI_MENU;
	ui.view.focus = -1;
	ui.view.reveal = -1;
	ui.view.show_end = -1;
	if (start_curses() < 0)
		return -1;
	ui.cache = sim_cache_create();
	ui.keep = view_keep_create();
	catch_signals();
	load_progress(&ui);
	resume(&ui);
	diag_list_init(&ui.warnings);
	lint_course(&ui);
	ui.job.block = -1;
	ui.watch.fd = -1;
	if (opts->watch)
		ui_watch_set(&ui, 1);
	if (opts->startup != NULL && opts->startup->n > 0) {
		/* the errors, then the warnings, on one screen */
		struct diag_list all;

		diag_list_init(&all);
		copy_diags(&all, opts->startup);
		copy_diags(&all, &ui.warnings);
		ui.back = ui.screen;
		ui_errors_open(&ui, &all);
		diag_list_free(&all);
	} else {
		say_warnings(&ui, "");	/* over watch mode's word */
	}
	progress_unsaved = 0;
	for (int errors = 0; !ui.quit && !got_signal;) {
		int key;

		if (ui.view.lesson != NULL && ui.view.dirty)
			ui_pager_layout_now(&ui);	/* once per turn */
		ui_train_schedule(&ui);
		draw(&ui);
		/* asleep in getch unless a run wants the time; in watch mode
		 * asleep in poll on the terminal and the watched files */
		timeout(ui.job.run != NULL || ui.watch.on ? 0 : -1);
		key = getch();
		if (key == ERR && ui.watch.on && ui.job.run == NULL) {
			int w = ui_watch_wait(&ui);

			if (w < 0)
				got_signal = SIGHUP;	/* the terminal went */
			else if (w == 2)
				watch_reload(&ui);
			continue;	/* draw, then read the key */
		}
		if (key != ERR) {
			errors = 0;
			ui.message[0] = '\0';
			dispatch(&ui, key);
			if (ui_watch_changed(&ui) ||	/* without inotify */
			    ui.watch.pending)		/* held back before */
				watch_reload(&ui);
			ui_progress_note(&ui);	/* how far, while it shows */
		} else if (!got_signal && terminal_gone(ui.job.run == NULL,
		    &errors)) {
			got_signal = SIGHUP;	/* as if the hangup had said so */
		}
		if (ui.job.run != NULL && ui.view.lesson != NULL)
			ui_train_tick(&ui);
	}
	ui_progress_save(&ui, 1);
	ui_watch_free(&ui);
	ui_pager_close(&ui);
	ui_lists_free(&ui);
	ui_review_close(&ui);
	restore_terminal();
	fatal_set_hook(NULL);
	if (progress_unsaved)
		fprintf(stderr, "rnntutor: %s\n", ui.message);
	progress_free(&ui.progress);
	free(ui.progress_path);
	free(ui.reload_id);
	sim_cache_destroy(ui.cache);
	view_keep_destroy(ui.keep);
	diag_list_free(&ui.warnings);
	if (got_signal != 0) {
		if (got_signal == SIGQUIT) {
			/* the status of SIGQUIT, without a core file */
			struct rlimit none = {.rlim_cur = 0, .rlim_max = 0};

			setrlimit(RLIMIT_CORE, &none);
		}
		signal(got_signal, SIG_DFL);
		raise(got_signal);	/* the conventional exit status */
	}
	return progress_unsaved ? 1 : 0;
}

/* rnntutor: a terminal course on recurrent neural networks.
 * main.c parses the command line and picks a mode; nothing else. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/check.h"
#include "cli/print.h"
#include "cli/review.h"
#include "cli/simcmd.h"
#include "cli/skeleton.h"
#include "core/diag.h"
#include "core/lessonid.h"
#include "core/num.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "doc/layout.h"
#include "lesson/course.h"
#include "progress/progress.h"
#include "ui/tui.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/rnntutor"
#endif

enum mode {
	MODE_TUI,
	MODE_PRINT,
	MODE_LIST,
	MODE_CHECK
};

enum {
	OPT_ASCII = 256,
	OPT_UTF8,
	OPT_WIDTH,
	OPT_NO_BUILTIN,
	OPT_NEW_LESSON,
	OPT_RESET_PROGRESS,
	OPT_BUDGET,
	OPT_NO_ANSWERS,
	OPT_WATCH
};

static const struct option long_options[] = {
	{"lessons", required_argument, NULL, 'L'},
	{"list", no_argument, NULL, 'l'},
	{"print", no_argument, NULL, 'p'},
	{"check", no_argument, NULL, 'c'},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"ascii", no_argument, NULL, OPT_ASCII},
	{"utf8", no_argument, NULL, OPT_UTF8},
	{"no-builtin", no_argument, NULL, OPT_NO_BUILTIN},
	{"new-lesson", required_argument, NULL, OPT_NEW_LESSON},
	{"reset-progress", required_argument, NULL, OPT_RESET_PROGRESS},
	{"budget", required_argument, NULL, OPT_BUDGET},
	{"no-answers", no_argument, NULL, OPT_NO_ANSWERS},
	{"watch", no_argument, NULL, OPT_WATCH},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0}
};

/* The --help text. */
static void
usage(FILE *out)
{
	fputs(
"usage: rnntutor [OPTION]... [LESSON]\n"
"       rnntutor --print [OPTION]... [LESSON]\n"
"       rnntutor --check FILE...\n"
"       rnntutor --new-lesson ID > FILE.yaml\n"
"       rnntutor --reset-progress ID|all\n"
"       rnntutor sim --list | sim NAME [PARAM=VALUE]... [--format=text|tsv|csv]\n"
"       rnntutor review [-L DIR] [--seed N] [--count N]\n"
"\n"
"A terminal course on recurrent neural networks. With no option it starts the\n"
"course in the terminal (LESSON is a number or an id); when standard output is\n"
"not a terminal it prints instead.\n"
"\n"
"Modes:\n"
"  -l, --list          list the lessons: number, id, title\n"
"  -p, --print         print LESSON (or every lesson) as plain text\n"
"  -c, --check FILE... check lesson files; errors as FILE:LINE:COL on stderr\n"
"  sim ...             run a simulation headless ('rnntutor sim --help')\n"
"  review ...          ask again the quizzes you missed, and fresh numeric\n"
"                      questions the simulations answer ('rnntutor review\n"
"                      --help'); v in the lesson list does the same\n"
"      --new-lesson ID print a commented lesson skeleton that uses every\n"
"                      block kind, ready to edit\n"
"      --reset-progress ID|all\n"
"                      forget the progress of one lesson, or of all\n"
"\n"
"Options:\n"
"  -L, --lessons DIR   also load lessons from DIR (may be repeated; a lesson\n"
"                      there replaces a built-in one with the same id)\n"
"      --width N       page width for --print (default 80; "
    NUM_STR(DOC_MIN_WIDTH) " to " NUM_STR(DOC_MAX_WIDTH) ")\n"
"      --ascii         only ASCII output (charts and text)\n"
"      --utf8          UTF-8 output even if the locale does not say so\n"
"      --no-builtin    leave out the built-in course\n"
"      --no-answers    --print: a handout for students, without the quiz\n"
"                      answers and explanations (default: with them)\n"
"      --watch         reload by itself, keeping the place, when a file of a\n"
"                      lesson directory (-L, $RNNTUTOR_PATH, $XDG_DATA_HOME)\n"
"                      changes (key w turns it on and off;\n"
"                      RNNTUTOR_WATCH=stat: look at the files at each key)\n"
"      --budget SECONDS\n"
"                      --print and --check: run simulations that train or\n"
"                      take long only while their estimated time fits in\n"
"                      SECONDS (default 30 for --print, 10 for --check;\n"
"                      0: only the fast ones)\n"
"  -h, --help          show this help\n"
"  -V, --version       show the version\n"
"\n"
"Lessons are also read from $RNNTUTOR_PATH (colon-separated directories),\n"
"$XDG_DATA_HOME/rnntutor/lessons and " PKGDATADIR "/lessons.\n"
"Progress is kept in $XDG_STATE_HOME/rnntutor/progress (default\n"
"~/.local/state/rnntutor/progress).\n"
"Exit status: 0 ok; 1 lesson errors (a failed expect: too), a failed\n"
"simulation run, output not written or progress not saved; 2 usage errors;\n"
"3 fatal errors such as running out of memory.\n"
"See rnntutor(1) and rnntutor-lesson(5).\n", out);
}

/* Print every message of a list to stderr, each with its source line,
 * caret and help when known (diag_render makes them visible). */
static void
report(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *text = diag_render(&diags->v[i], !utf8_locale_is_utf8());

		fputs(text, stderr);
		free(text);
	}
}

/* --reset-progress ID|all: forget one lesson's progress, or all of it. */
static int
reset_progress(const char *what)
{
	struct progress p;
	struct diag_list diags;
	char *path = progress_default_path();
	int status = 0, rc;

	if (strcmp(what, "all") != 0 && !lessonid_valid(what, strlen(what))) {
		char *shown = utf8_sanitize(what, strlen(what), 0);

		fprintf(stderr, "rnntutor: --reset-progress: '%s' is neither a "
		    "lesson id nor all; an id is " LESSONID_RULE "\n", shown);
		free(shown);
		free(path);
		return 2;
	}
	if (path == NULL) {
		fprintf(stderr, "rnntutor: no HOME or XDG_STATE_HOME: there is no "
		    "progress file\n");
		return 1;
	}
	progress_init(&p);
	diag_list_init(&diags);
	rc = progress_load(&p, path, &diags);
	/* Say it when a broken file was set aside, not only errors */
	report(&diags);
	diag_list_clear(&diags);
	if (rc < 0) {
		status = 1;
	} else if (strcmp(what, "all") != 0 &&
	    progress_lesson(&p, what, false) == NULL &&
	    (p.last == NULL || strcmp(p.last, what) != 0)) {
		fprintf(stderr, "rnntutor: no progress kept for '%s' (give a "
		    "lesson id, or all)\n", what);
		status = 2;
	} else {
		progress_reset(&p, strcmp(what, "all") == 0 ? NULL : what);
		if (progress_save(&p, path, &diags) < 0) {
			report(&diags);
			status = 1;
		} else {
			printf("Progress of %s forgotten.\n", strcmp(what, "all") ==
			    0 ? "every lesson" : what);
		}
	}
	progress_free(&p);
	diag_list_free(&diags);
	free(path);
	return status;
}

/* The --list table. */
static int
list_lessons(const struct course *course)
{
	for (size_t i = 0; i < course_count(course); i++) {
		const struct lesson *l = course_lesson(course, i);
		char *title = utf8_sanitize(l->title, strlen(l->title),
		    !utf8_locale_is_utf8());

		printf("%2d  %-24s %s\n", l->number, l->id, title);
		free(title);
	}
	return fflush(stdout) != 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	enum mode mode = MODE_TUI;
	const char **dirs;
	size_t ndirs = 0;
	int width = 80, ascii = -1, builtin = 1, answers = 1, watch = 0, c;
	int status = 0;
	double budget = -1.0;	/* < 0: the mode's default */
	struct course_opts copts;
	struct diag_list diags;
	struct course *course;
	long index = -1;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");	/* "0.9" is a number in every locale */
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is a write error, not death */
	/* So is a file size limit (ulimit -f): the progress save
	 * fails with EFBIG and says so, instead of killing the program */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "sim") == 0)
		return cli_sim_main(argc - 1, argv + 1, stdout, stderr);
	if (argc > 1 && strcmp(argv[1], "review") == 0)
		return cli_review_main(argc - 1, argv + 1, stdin, stdout, stderr);

	dirs = xcalloc((size_t)argc, sizeof *dirs);
	while ((c = getopt_long(argc, argv, "L:lpchV", long_options,
	    NULL)) != -1) {
		long long w;

		switch (c) {
		case 'L':
			dirs[ndirs++] = optarg;
			break;
		case 'l':
			mode = MODE_LIST;
			break;
		case 'p':
			mode = MODE_PRINT;
			break;
		case 'c':
			mode = MODE_CHECK;
			break;
		case OPT_WIDTH:
			if (num_parse_long(optarg, DOC_MIN_WIDTH, DOC_MAX_WIDTH,
			    &w) < 0) {
				fprintf(stderr, "rnntutor: --width: expected a "
				    "number of columns from %d to %d\n",
				    DOC_MIN_WIDTH, DOC_MAX_WIDTH);
				free(dirs);
				return 2;
			}
			width = (int)w;
			break;
		case OPT_BUDGET:
			if (num_parse_double(optarg, &budget) < 0 ||
			    !(budget >= 0.0 && budget <= 1e9)) {
				fprintf(stderr, "rnntutor: --budget: expected a "
				    "number of seconds from 0 to 1e9\n");
				free(dirs);
				return 2;
			}
			break;
		case OPT_ASCII:
			ascii = 1;
			break;
		case OPT_UTF8:
			ascii = 0;
			break;
		case OPT_NO_BUILTIN:
			builtin = 0;
			break;
		case OPT_NO_ANSWERS:
			answers = 0;
			break;
		case OPT_WATCH:
			watch = 1;
			break;
		case OPT_NEW_LESSON:
			free(dirs);
			if (!lessonid_valid(optarg, strlen(optarg))) {
				fprintf(stderr, "rnntutor: --new-lesson: an id is "
				    LESSONID_RULE "\n");
				return 2;
			}
			cli_skeleton(stdout, optarg);
			return fflush(stdout) != 0 ? 1 : 0;
		case OPT_RESET_PROGRESS:
			free(dirs);
			return reset_progress(optarg);
		case 'h':
			usage(stdout);
			free(dirs);
			return 0;
		case 'V':
			printf("rnntutor %s\n", PACKAGE_VERSION);
			free(dirs);
			return 0;
		default:
			fprintf(stderr, "Try 'rnntutor --help'.\n");
			free(dirs);
			return 2;
		}
	}
	if (ascii < 0)
		ascii = !utf8_locale_is_utf8();

	diag_list_init(&diags);
	if (mode == MODE_CHECK) {
		if (optind >= argc) {
			fprintf(stderr, "rnntutor: --check needs lesson files\n");
			free(dirs);
			return 2;
		}
		if (budget < 0.0)
			budget = CLI_CHECK_BUDGET;
		cli_check_files((const char *const *)argv + optind,
		    (size_t)(argc - optind), &budget, &diags);
		report(&diags);
		status = diags.nerrors > 0 ? 1 : 0;
		diag_list_free(&diags);
		free(dirs);
		return status;
	}
	if (optind + 1 < argc) {
		fprintf(stderr, "rnntutor: one lesson at a time (got '%s' and "
		    "'%s'); try 'rnntutor --help'\n", argv[optind],
		    argv[optind + 1]);
		free(dirs);
		return 2;
	}

	copts.dirs = dirs;
	copts.ndirs = ndirs;
	copts.use_env = true;
	copts.use_installed = true;
	copts.use_builtin = builtin;
	course = course_load(&copts, &diags);
	if (diags.nerrors > 0)
		status = 1;
	if (mode == MODE_TUI && !isatty(STDOUT_FILENO))
		mode = MODE_PRINT;	/* like man: print into pipes and files */
	if (mode != MODE_TUI)
		report(&diags);		/* the TUI shows them on its own screen */
	if (optind < argc) {
		index = course_find(course, argv[optind]);
		if (index < 0) {
			fprintf(stderr, "rnntutor: no lesson '%s' (rnntutor --list "
			    "shows them)\n", argv[optind]);
			course_destroy(course);
			free(dirs);
			return 2;
		}
	}
	if (course_count(course) == 0 && mode != MODE_LIST) {
		fprintf(stderr, "rnntutor: no lessons to show\n");
		course_destroy(course);
		free(dirs);
		return 1;
	}
	if (mode == MODE_TUI) {
		struct ui_opts uopts = {
			.course_opts = &copts, .ascii = ascii, .start = index,
			.startup = &diags, .watch = watch,
			.lint = cli_check_course,
		};

		int rc = ui_tui_run(&course, &uopts);

		if (rc < 0) {
			mode = MODE_PRINT;	/* no usable terminal: said why */
			report(&diags);
		} else if (rc > 0) {
			status = 1;	/* progress not saved */
		}
	}
	if (mode == MODE_LIST) {
		if (list_lessons(course) != 0)
			status = 1;
	} else if (mode == MODE_PRINT) {
		struct cli_print_opts popts = {
			.width = width,
			.ascii = ascii,
			.reveal = answers,
			.budget = budget < 0.0 ? CLI_PRINT_BUDGET : budget,
		};

		if (cli_print(stdout, course, index, &popts) < 0)
			status = 1;
	}
	course_destroy(course);
	free(dirs);
	diag_list_free(&diags);
	return status;
}

/* review: the dialogue of `rnntutor review`. */
#include "config.h"

#include "cli/review.h"
#include "core/num.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "lesson/course.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Longest answer line read; the rest of a longer line is dropped. */
#define ANSWER_MAX 1024

/* Print lesson text made safe for the terminal, line by line, the first
 * line after prefix. */
static void
say(FILE *out, const char *prefix, const char *text, int ascii)
{
	fputs(prefix, out);
	for (const char *line = text;; line++) {
		size_t len = strcspn(line, "\n");
		char *shown = utf8_sanitize(line, len, ascii);

		fprintf(out, "%s\n", shown);
		free(shown);
		line += len;
		if (*line == '\0')
			break;
	}
}

/* Read one answer line into buf; 0 at the end of input. */
static int
read_answer(FILE *in, FILE *out, char *buf, size_t size)
{
	size_t len;

	fputs("> ", out);
	fflush(out);
	for (;;) {
		errno = 0;
		if (fgets(buf, (int)size, in) != NULL)
			break;
		if (errno != EINTR || feof(in))
			return 0;
		clearerr(in);	/* a signal (a resize) is not the end */
	}
	len = strlen(buf);
	if (len > 0 && buf[len - 1] != '\n') {
		int c;

		while ((c = fgetc(in)) != EOF && c != '\n')
			;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!isatty(fileno(in)))
		fprintf(out, "%s\n", buf);	/* a transcript shows the answer */
	return 1;
}

/* Ask the session's question until a readable answer comes, which the
 * session judges and records in p: 1 right, 0 wrong, -1 the reader
 * stopped. */
static int
ask(FILE *in, FILE *out, struct view_review_session *s, struct progress *p,
    int64_t now, int ascii)
{
	const struct review_item *it = &s->plan->items[s->i];
	char line[ANSWER_MAX], answer[512];
	const char *why, *explain;
	int verdict;

	fprintf(out, "\n%zu/%zu  %s\n", s->i + 1, s->plan->n, it->where);
	say(out, "", it->question, ascii);
	if (it->quiz != NULL)
		for (size_t c = 0; c < it->quiz->nchoices; c++) {
			char prefix[8];

			snprintf(prefix, sizeof prefix, "  %c) ", (char)('a' + c));
			say(out, prefix, it->quiz->choices[c], ascii);
		}
	for (;;) {
		if (!read_answer(in, out, line, sizeof line))
			return -1;
		if (strcmp(line, "q") == 0)
			return -1;
		verdict = view_review_submit(s, p, line, now);
		if (verdict >= 0)
			break;
		fprintf(out, "%s\n", s->msg);
	}
	view_review_answer(it, answer, sizeof answer);
	if (verdict)
		fputs("Right.\n", out);
	else
		say(out, "Not quite. The answer is ", answer, ascii);
	why = view_review_why(s);
	if (why != NULL)
		say(out, "You chose: ", why, ascii);
	explain = view_review_explain(it);
	if (explain != NULL)
		say(out, "", explain, ascii);
	return verdict;
}

/* See review.h. */
size_t
cli_review_run(FILE *in, FILE *out, const struct review_plan *plan,
    struct progress *p, int64_t now, int ascii)
{
	struct view_review_session s;

	fprintf(out, "Review: %zu question%s, %zu of them quizzes you missed or "
	    "needed several tries for.\nAnswer with a letter or a number "
	    "(1,408  1/8  0.8^10  2e-3); q stops.\n", plan->n,
	    plan->n == 1 ? "" : "s", plan->nquizzes);
	view_review_start(&s, plan);
	while (s.phase == VIEW_REVIEW_ASKING) {
		if (ask(in, out, &s, p, now, ascii) < 0)
			view_review_stop(&s);
		else
			view_review_next(&s);
	}
	fprintf(out, "\nReview done: %zu of %zu right.\n", s.right, s.asked);
	return s.right;
}

/* Options of `rnntutor review`. */
enum { OPT_SEED = 256, OPT_COUNT, OPT_HELP };

static const struct option review_options[] = {
	{"seed", required_argument, NULL, OPT_SEED},
	{"count", required_argument, NULL, OPT_COUNT},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0}
};

static const char review_usage[] =
    "usage: rnntutor review [-L DIR] [--seed N] [--count N]\n"
    "\n"
    "Ask again the quizzes you missed or needed several tries for, and fresh\n"
    "numeric questions whose answers the simulations compute (powers such as\n"
    "0.9^k, parameter counts of RNN, LSTM and GRU, forget gates held at\n"
    "sigma(b), clipping factors), the concepts due first. One line answers\n"
    "(a letter, or a number: 1,408  1/8  0.8^10  2e-3); q stops. Results are\n"
    "kept in the progress file.\n"
    "  -L DIR     also read the lessons in DIR\n"
    "  --seed N   the numbers of the fresh questions (default: the time)\n"
    "  --count N  questions to ask, 1 to " NUM_STR(VIEW_REVIEW_MAX)
    " (default " NUM_STR(VIEW_REVIEW_DEFAULT) ")\n";

/* Print diagnostics on err. */
static void
report(FILE *err, const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *line = diag_format(&diags->v[i]);

		fprintf(err, "%s\n", line);
		free(line);
	}
}

/* See review.h. */
int
cli_review_main(int argc, char **argv, FILE *in, FILE *out, FILE *err)
{
	const char **dirs = xcalloc((size_t)argc + 1, sizeof *dirs);
	struct course_opts copts = { .ndirs = 0 };
	struct diag_list diags;
	struct course *course = NULL;
	struct progress p;
	struct review_plan plan;
	uint64_t seed = (uint64_t)progress_now();
	long long v;
	size_t count = VIEW_REVIEW_DEFAULT;
	char *path = NULL;
	int c, status = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "L:", review_options, NULL)) != -1)
		switch (c) {
		case 'L':
			dirs[copts.ndirs++] = optarg;
			break;
		case OPT_SEED:
			if (num_parse_long(optarg, 0, (long long)1 << 62, &v) < 0) {
				fprintf(err, "rnntutor review: --seed: expected a "
				    "whole number of at least 0, not '%s'\n",
				    optarg);
				free(dirs);
				return 2;
			}
			seed = (uint64_t)v;
			break;
		case OPT_COUNT:
			if (num_parse_long(optarg, 1, VIEW_REVIEW_MAX, &v) < 0) {
				fprintf(err, "rnntutor review: --count: expected "
				    "a whole number from 1 to %d, not '%s'\n",
				    VIEW_REVIEW_MAX, optarg);
				free(dirs);
				return 2;
			}
			count = (size_t)v;
			break;
		case OPT_HELP:
			fputs(review_usage, out);
			free(dirs);
			return 0;
		default:
			fputs(review_usage, err);
			free(dirs);
			return 2;
		}
	if (optind < argc) {
		fprintf(err, "rnntutor review: unexpected '%s'\n%s", argv[optind],
		    review_usage);
		free(dirs);
		return 2;
	}
	copts.dirs = dirs;
	copts.use_env = true;
	copts.use_installed = true;
	copts.use_builtin = true;
	diag_list_init(&diags);
	progress_init(&p);
	course = course_load(&copts, &diags);
	report(err, &diags);
	diag_list_clear(&diags);
	path = progress_default_path();
	if (path == NULL) {
		fprintf(err, "rnntutor review: no HOME or XDG_STATE_HOME: there "
		    "is no progress file\n");
		status = 1;
		goto done;
	}
	if (progress_load(&p, path, &diags) < 0) {
		report(err, &diags);
		status = 1;
		goto done;
	}
	report(err, &diags);	/* a broken file set aside says so */
	diag_list_clear(&diags);
	if (view_review_plan(&plan, course, &p, seed, count, progress_now(),
	    &diags) < 0) {
		report(err, &diags);
		status = 1;
		goto done;
	}
	cli_review_run(in, out, &plan, &p, progress_now(),
	    !utf8_locale_is_utf8());
	view_review_plan_free(&plan);
	if (progress_save(&p, path, &diags) < 0) {
		report(err, &diags);
		status = 1;
	}
done:
	progress_free(&p);
	course_destroy(course);
	diag_list_free(&diags);
	free(path);
	free(dirs);
	return status;
}

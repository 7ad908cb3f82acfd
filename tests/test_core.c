/* Tests of the shared pieces of src/core: one number parser, one "did you
 * mean", one lesson-id rule, one file reader, one clock; and that the
 * loader, the sim registry and the progress file all follow them. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/arith.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/file.h"
#include "core/lessonid.h"
#include "core/num.h"
#include "core/suggest.h"
#include "doc/simblock.h"
#include "lesson/lesson.h"
#include "progress/progress.h"
#include "sim/sim.h"
#include "tests.h"

/* True when some record's message contains text. */
static int
has_message(const struct diag_list *d, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, text) != NULL)
			return 1;
	return 0;
}

/* Strict reals: no hex, inf, nan, junk or overflow; "-0" is +0. */
static void
test_num_parse_double_strict(void)
{
	double d;

	CU_ASSERT_EQUAL(num_parse_double("0.9", &d), NUM_OK);
	CU_ASSERT_DOUBLE_EQUAL(d, 0.9, 0);
	CU_ASSERT_EQUAL(num_parse_double("+2.", &d), NUM_OK);
	CU_ASSERT_DOUBLE_EQUAL(d, 2.0, 0);
	CU_ASSERT_EQUAL(num_parse_double(".5e1", &d), NUM_OK);
	CU_ASSERT_DOUBLE_EQUAL(d, 5.0, 0);
	CU_ASSERT_EQUAL(num_parse_double("-0", &d), NUM_OK);
	CU_ASSERT_FALSE(signbit(d));
	CU_ASSERT_EQUAL(num_parse_double("1e-400", &d), NUM_OK);	/* underflow */
	CU_ASSERT_DOUBLE_EQUAL(d, 0.0, 0);
	d = 42.0;
	CU_ASSERT_EQUAL(num_parse_double("1e309", &d), NUM_ERANGE);
	CU_ASSERT_EQUAL(num_parse_double("-1e309", &d), NUM_ERANGE);
	CU_ASSERT_DOUBLE_EQUAL(d, 42.0, 0);	/* untouched on error */
	CU_ASSERT_EQUAL(num_parse_double("0x10", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("inf", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("nan", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double(".", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("1e", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("1.5x", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("1,5", &d), NUM_ESYNTAX);
}

/* The one whitespace rule: trimmed around the number, refused inside it. */
static void
test_num_whitespace_trimmed_around_refused_inside(void)
{
	double d;
	long long v;

	CU_ASSERT_EQUAL(num_parse_double(" 0.9", &d), NUM_OK);
	CU_ASSERT_DOUBLE_EQUAL(d, 0.9, 0);
	CU_ASSERT_EQUAL(num_parse_double("\t-1e-3 \r\n", &d), NUM_OK);
	CU_ASSERT_DOUBLE_EQUAL(d, -1e-3, 0);
	CU_ASSERT_EQUAL(num_parse_double("0. 9", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("- 1", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double("1 2", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_double(" \t\n", &d), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_long(" 42\n", 0, 100, &v), NUM_OK);
	CU_ASSERT_EQUAL(v, 42);
	CU_ASSERT_EQUAL(num_parse_long("4 2", 0, 100, &v), NUM_ESYNTAX);
	CU_ASSERT_TRUE(num_is_blank(" \t\r\n"));
	CU_ASSERT_TRUE(num_is_blank(""));
	CU_ASSERT_FALSE(num_is_blank(" 0 "));
}

/* Strict integers: leading zeros are decimal, a range is enforced, any
 * number of digits is "out of range", not a crash or a wrap. */
static void
test_num_parse_long_range(void)
{
	long long v = 5;

	CU_ASSERT_EQUAL(num_parse_long("007", 0, 10, &v), NUM_OK);
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_EQUAL(num_parse_long("-0", -1, 1, &v), NUM_OK);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(num_parse_long("000000000000000000000000000000000000000"
	    "00000000000000000000000000000000000000000000009", 0, 10, &v), NUM_OK);
	CU_ASSERT_EQUAL(v, 9);
	CU_ASSERT_EQUAL(num_parse_long("9223372036854775807", 0, LLONG_MAX, &v),
	    NUM_OK);
	CU_ASSERT_EQUAL(v, LLONG_MAX);
	v = 5;
	CU_ASSERT_EQUAL(num_parse_long("9223372036854775808", 0, LLONG_MAX, &v),
	    NUM_ERANGE);
	CU_ASSERT_EQUAL(num_parse_long("1000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000", 0, 10, &v),
	    NUM_ERANGE);
	CU_ASSERT_EQUAL(num_parse_long("11", 0, 10, &v), NUM_ERANGE);
	CU_ASSERT_EQUAL(num_parse_long("-1", 0, 10, &v), NUM_ERANGE);
	CU_ASSERT_EQUAL(v, 5);
	CU_ASSERT_EQUAL(num_parse_long("1.0", 0, 10, &v), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_long("1e3", 0, 10000, &v), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_long("+", 0, 10, &v), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_long("", 0, 10, &v), NUM_ESYNTAX);
	CU_ASSERT_EQUAL(num_parse_long("0x1", 0, 10, &v), NUM_ESYNTAX);
}

/* A lesson whose knob min and sim param are written with a space before
 * the number, as YAML authors do by accident; then one with a space
 * inside. */
static const char spaced_lesson[] =
"id: spaced\n"
"number: 1\n"
"title: Spaces\n"
"goal: A goal.\n"
"blocks:\n"
"  - sim: linear-bptt\n"
"    params:\n"
"      scale: \" 0.9\"\n"
"      steps: \" 20 \"\n"
"    knobs:\n"
"      - name: scale\n"
"        min: \" 0.5\"\n";
static const char inner_space_lesson[] =
"id: spaced\n"
"number: 1\n"
"title: Spaces\n"
"goal: A goal.\n"
"blocks:\n"
"  - sim: linear-bptt\n"
"    params:\n"
"      scale: \"0. 9\"\n"
"    knobs:\n"
"      - name: scale\n"
"        min: \"0. 5\"\n";

/* The lesson loader and the sim registry (sim_args_set, through
 * doc_sim_args) apply the same rule to the same text. */
static void
test_num_loader_and_sim_args_agree(void)
{
	const struct sim_spec *spec = sim_find("linear-bptt");
	struct diag_list d;
	struct sim_args args;
	struct lesson *l;
	size_t scale, steps;

	CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim_param_find(spec, "scale", &scale));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim_param_find(spec, "steps", &steps));
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(lesson_load_buffer(&l, "spaced.yaml", spaced_lesson,
	    strlen(spaced_lesson), &d), 0);
	CU_ASSERT_TRUE(l->blocks[0].sim.knobs[0].has_min);
	CU_ASSERT_DOUBLE_EQUAL(l->blocks[0].sim.knobs[0].min, 0.5, 0);
	CU_ASSERT_EQUAL(doc_sim_args(&args, l, &l->blocks[0], &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_DOUBLE_EQUAL(args.num[scale], 0.9, 0);
	CU_ASSERT_DOUBLE_EQUAL(args.num[steps], 20, 0);
	sim_args_free(&args);
	lesson_destroy(l);

	/* the command line's NAME=VALUE goes through the same parser */
	sim_args_init(&args, spec);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "scale= 1.25", &d), SIM_OK);
	CU_ASSERT_DOUBLE_EQUAL(args.num[scale], 1.25, 0);
	CU_ASSERT_EQUAL(sim_args_set(&args, "scale", "1. 25", &d, NULL, 0, 0),
	    SIM_EVALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].msg, "'1. 25' is not a number"));
	CU_ASSERT_EQUAL(sim_args_set(&args, "scale", "  ", &d, NULL, 0, 0),
	    SIM_EVALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[1].msg, "no value given"));
	CU_ASSERT_EQUAL(sim_args_set(&args, "steps", "1e999", &d, NULL, 0, 0),
	    SIM_EVALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[2].msg, "is not a whole number"));
	CU_ASSERT_EQUAL(sim_args_set(&args, "scale", "1e999", &d, NULL, 0, 0),
	    SIM_EVALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[3].msg, "out of range"));
	sim_args_free(&args);
	diag_list_clear(&d);

	/* a space inside the number: refused by both, at its line */
	CU_ASSERT_EQUAL(lesson_load_buffer(&l, "inner.yaml", inner_space_lesson,
	    strlen(inner_space_lesson), &d), -1);
	CU_ASSERT_PTR_NULL(l);
	CU_ASSERT_EQUAL(d.nerrors, 1);
	CU_ASSERT_EQUAL(d.v[0].line, 11);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].msg,
	    "'min': expected a decimal number, found '0. 5'"));
	diag_list_clear(&d);
	sim_args_init(&args, spec);
	CU_ASSERT_EQUAL(sim_args_set(&args, "scale", "0. 9", &d, "inner.yaml",
	    8, 14), SIM_EVALUE);
	CU_ASSERT_EQUAL(d.v[0].line, 8);
	sim_args_free(&args);
	diag_list_free(&d);
}

/* Distance: swaps of neighbours cost one, case is ignored, and words
 * longer than SUGGEST_NAME_MAX are never near. */
static void
test_suggest_distance(void)
{
	char longword[SUGGEST_NAME_MAX + 2];

	CU_ASSERT_EQUAL(suggest_distance("choises", "choices"), 1);
	CU_ASSERT_EQUAL(suggest_distance("ansewr", "answer"), 1);	/* swap */
	CU_ASSERT_EQUAL(suggest_distance("Scale", "scale"), 0);
	CU_ASSERT_EQUAL(suggest_distance("", "abc"), 3);
	CU_ASSERT_EQUAL(suggest_distance("kitten", "sitting"), 3);
	memset(longword, 'a', sizeof longword - 1);
	longword[sizeof longword - 1] = '\0';
	CU_ASSERT_EQUAL(suggest_distance(longword, "a"), SIZE_MAX);
}

/* Nearest: a typo is near, another word is not, a prefix of two or more
 * characters names the word it begins. */
static void
test_suggest_nearest_threshold_and_prefix(void)
{
	static const char *const keys[] = {"quiz", "choices", "answer",
	    "tolerance", "explain", "retry"};
	static const char *const sims[] = {"matrix-power", "lstm-gates",
	    "lstm-vs-rnn"};
	static const char *const kinds[] = {"heading", "text", "code", "quiz",
	    "sim"};

	CU_ASSERT_STRING_EQUAL(suggest_nearest("choises", keys, 6), "choices");
	CU_ASSERT_STRING_EQUAL(suggest_nearest("Answer", keys, 6), "answer");
	CU_ASSERT_STRING_EQUAL(suggest_nearest("txt", kinds, 5), "text");
	CU_ASSERT_STRING_EQUAL(suggest_nearest("lstm", sims, 3), "lstm-gates");
	CU_ASSERT_PTR_NULL(suggest_nearest("zzzz", keys, 6));
	CU_ASSERT_PTR_NULL(suggest_nearest("color", keys, 6));
	CU_ASSERT_PTR_NULL(suggest_nearest("", kinds, 5));
	CU_ASSERT_PTR_NULL(suggest_nearest("x", kinds, 0));
}

/* A lesson with a misspelt key: the loader's message uses the shared
 * matcher (a swap and a case slip are both one edit). */
static void
test_suggest_loader_unknown_key(void)
{
	static const char lesson[] =
	"id: typo\n"
	"number: 1\n"
	"Title: Typo\n"
	"goal: A goal.\n"
	"blocks:\n"
	"  - quiz: Which?\n"
	"    ansewr: 0.5\n";
	struct diag_list d;
	struct lesson *l;

	diag_list_init(&d);
	CU_ASSERT_EQUAL(lesson_load_buffer(&l, "typo.yaml", lesson,
	    strlen(lesson), &d), -1);
	CU_ASSERT_TRUE(has_message(&d, "unknown key 'Title' in the "
	    "lesson (did you mean 'title'?)"));
	CU_ASSERT_TRUE(has_message(&d, "unknown key 'ansewr' in a "
	    "quiz block (did you mean 'answer'?)"));
	diag_list_free(&d);
}

/* The one id rule: what the loader refuses, everything refuses. */
static void
test_lessonid_rule(void)
{
	char longid[LESSONID_MAX + 2];

	CU_ASSERT_TRUE(lessonid_valid("vanishing-gradients", 19));
	CU_ASSERT_TRUE(lessonid_valid("a", 1));
	CU_ASSERT_TRUE(lessonid_valid("2d-rnn", 6));
	CU_ASSERT_TRUE(lessonid_valid("x-", 2));
	CU_ASSERT_FALSE(lessonid_valid("", 0));
	CU_ASSERT_FALSE(lessonid_valid("-abc", 4));
	CU_ASSERT_FALSE(lessonid_valid("123", 3));	/* a lesson number */
	CU_ASSERT_FALSE(lessonid_valid("Bad-Id", 6));
	CU_ASSERT_FALSE(lessonid_valid("my lesson", 9));
	CU_ASSERT_FALSE(lessonid_valid("caf\xC3\xA9", 5));
	CU_ASSERT_FALSE(lessonid_valid("ab\0cd", 5));	/* a NUL inside */
	memset(longid, 'a', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	CU_ASSERT_TRUE(lessonid_valid(longid, LESSONID_MAX));
	CU_ASSERT_FALSE(lessonid_valid(longid, LESSONID_MAX + 1));
}

/* An id the loader refuses is refused by the progress file too (it used
 * to accept ids starting with a dash, or all digits). */
static void
test_lessonid_progress_refuses_what_loader_refuses(void)
{
	static const char *const bad[] = {"-abc", "123", "Upper"};
	struct diag_list d;
	struct progress p;
	struct lesson *l;

	diag_list_init(&d);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char yaml[256], text[128];

		snprintf(yaml, sizeof yaml, "id: \"%s\"\nnumber: 1\ntitle: T\n"
		    "goal: G.\nblocks:\n  - text: Hello.\n", bad[i]);
		CU_ASSERT_EQUAL(lesson_load_buffer(&l, "id.yaml", yaml,
		    strlen(yaml), &d), -1);
		CU_ASSERT_TRUE(has_message(&d, "'id': expected 1 to 40 "
		    "lower-case letters"));
		snprintf(text, sizeof text, "version 1\nlesson %s\n  seen 50\n",
		    bad[i]);
		progress_init(&p);
		CU_ASSERT_EQUAL(progress_parse(&p, "progress", text, strlen(text),
		    &d), -1);
		CU_ASSERT_EQUAL(p.n, 0);
		progress_free(&p);
		snprintf(text, sizeof text, "version 1\nlast %s\n", bad[i]);
		progress_init(&p);
		CU_ASSERT_EQUAL(progress_parse(&p, "progress", text, strlen(text),
		    &d), -1);
		CU_ASSERT_PTR_NULL(p.last);
		progress_free(&p);
		diag_list_clear(&d);
	}
	progress_init(&p);
	CU_ASSERT_EQUAL(progress_parse(&p, "progress", "version 1\nlast ok-1\n"
	    "lesson ok-1\n  seen 50\n", 42, &d), 0);
	CU_ASSERT_EQUAL(p.n, 1);
	CU_ASSERT_STRING_EQUAL(p.last, "ok-1");
	progress_free(&p);
	diag_list_free(&d);
}

/* A fresh temporary directory for one test (static buffer). */
static const char *
temp_dir(void)
{
	static char dir[64];

	snprintf(dir, sizeof dir, "/tmp/rnntutor-core.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	return dir;
}

/* The reader: a regular file whole, a size limit, and what is not a
 * regular file refused or (with FILE_READ_STREAMS) read to its end. */
static void
test_file_read_kinds_and_limit(void)
{
	const char *dir = temp_dir();
	char path[128], fifo[128], *buf;
	size_t len;
	FILE *f;

	snprintf(path, sizeof path, "%s/ten", dir);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("0123456789", f);
	fclose(f);
	CU_ASSERT_EQUAL(file_read_regular(path, 10, &buf, &len), 0);
	CU_ASSERT_EQUAL(len, 10);
	CU_ASSERT_STRING_EQUAL(buf, "0123456789");
	free(buf);
	CU_ASSERT_EQUAL(file_read(path, 9, FILE_READ_STREAMS, &buf, &len), EFBIG);
	CU_ASSERT_PTR_NULL(buf);
	CU_ASSERT_EQUAL(len, 10);
	CU_ASSERT_EQUAL(file_read_regular(dir, 100, &buf, &len), EISDIR);
	CU_ASSERT_EQUAL(file_read(dir, 100, FILE_READ_STREAMS, &buf, &len),
	    EISDIR);
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
	/* neither call may hang: no one ever writes to this FIFO */
	CU_ASSERT_EQUAL(file_read_regular(fifo, 100, &buf, &len), EINVAL);
	CU_ASSERT_PTR_NULL(buf);
	CU_ASSERT_EQUAL(file_read(fifo, 100, FILE_READ_STREAMS, &buf, &len), 0);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	free(buf);
	snprintf(path, sizeof path, "%s/none", dir);
	CU_ASSERT_EQUAL(file_read_regular(path, 100, &buf, &len), ENOENT);
	remove(fifo);
	snprintf(path, sizeof path, "%s/ten", dir);
	remove(path);
	rmdir(dir);
}

/* The clock never goes back, and a sleep of 20 ms shows as at least that
 * (a busy machine can only make it longer). */
static void
test_clock_now_monotonic(void)
{
	struct timespec pause = { .tv_sec = 0, .tv_nsec = 20000000 };
	double t0 = clock_now(), t1 = clock_now(), t2;

	CU_ASSERT_TRUE(t0 > 0.0);
	CU_ASSERT_TRUE(t1 >= t0);
	while (nanosleep(&pause, &pause) != 0 && errno == EINTR)
		;
	t2 = clock_now();
	CU_ASSERT_TRUE(t2 - t1 >= 0.019);
}

/* A message shows its source line and a caret under the column, past a
 * tab (to the next 8-column stop) and a wide character (two columns),
 * then the help: the form gcc and rustc use. */
static void
test_diag_render_caret_under_column(void)
{
	struct diag_list d;
	const char *src = "id: x\n\t\xe6\xbc\xa2: x\r\nlast";
	char *text;

	diag_list_init(&d);
	diag_add(&d, DIAG_ERROR, "f.yaml", 2, 3, "bad %s", "colon");
	diag_help(&d, "quote the %s", "value");
	diag_add(&d, DIAG_WARNING, "other.yaml", 2, 1, "not this file");
	diag_attach_source(&d, 0, "f.yaml", src, strlen(src));
	CU_ASSERT_PTR_NULL(d.v[1].source);	/* another file's record */
	text = diag_render(&d.v[0], 0);
	CU_ASSERT_STRING_EQUAL(text,
	    "f.yaml:2:3: error: bad colon\n"
	    "    2 |         \xe6\xbc\xa2: x\n"
	    "      |           ^\n"
	    "      = help: quote the value\n");
	free(text);
	text = diag_render(&d.v[0], 1);	/* ASCII: the wide character's stand-in */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    2 |         "));
	CU_ASSERT_PTR_NULL(strchr(text, '\xe6'));
	free(text);
	/* the line after the last line break, and a column past the end */
	diag_add(&d, DIAG_ERROR, "f.yaml", 3, 9, "end");
	diag_attach_source(&d, 2, "f.yaml", src, strlen(src));
	text = diag_render(&d.v[2], 0);
	CU_ASSERT_STRING_EQUAL(text, "f.yaml:3:9: error: end\n"
	    "    3 | last\n      |     ^\n");
	free(text);
	diag_list_free(&d);
}

/* Control characters in a source line are shown, never sent; a record
 * without a source is its one line; a very long line is cut around the
 * caret. */
static void
test_diag_render_hostile_source(void)
{
	struct diag_list d;
	char *long_line = malloc(5002), *text;

	diag_list_init(&d);
	diag_add(&d, DIAG_ERROR, "f.yaml", 1, 2, "m");
	diag_attach_source(&d, 0, "f.yaml", "a\x1b[31mb", 7);
	text = diag_render(&d.v[0], 0);
	CU_ASSERT_PTR_NULL(strchr(text, '\x1b'));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "a^[[31mb"));
	free(text);
	diag_add(&d, DIAG_ERROR, NULL, 0, 0, "no file");
	text = diag_render(&d.v[1], 0);
	CU_ASSERT_STRING_EQUAL(text, "error: no file\n");
	free(text);
	memset(long_line, 'x', 5000);
	long_line[2500] = 'Y';
	long_line[5000] = '\0';
	diag_add(&d, DIAG_ERROR, "g.yaml", 1, 2501, "m");
	diag_attach_source(&d, 2, "g.yaml", long_line, 5000);
	text = diag_render(&d.v[2], 0);
	CU_ASSERT(strlen(text) < 400);
	/* the caret stands under the Y */
	{
		char *l1 = strchr(text, '\n') + 1, *l2 = strchr(l1, '\n') + 1;

		CU_ASSERT_EQUAL(strchr(l1, 'Y') - l1, strchr(l2, '^') - l2);
	}
	free(text);
	free(long_line);
	diag_list_free(&d);
}

/* The arithmetic reader: each accepted form gives the value a person means. */
static void
test_arith_accepted_forms(void)
{
	static const struct {
		const char *text;
		int percent;
		double want;
	} ok[] = {
		{"1408", 0, 1408}, {"1,408", 0, 1408},
		{"12,345,678", 0, 12345678}, {" 0.35 ", 0, 0.35},
		{".5", 0, 0.5}, {"2e-3", 0, 2e-3}, {"2E+3", 0, 2000},
		{"1/8", 0, 0.125}, {"0.8^10", 0, 0.1073741824},
		{"0.8**10", 0, 0.1073741824}, {"51.75%", 1, 0.5175},
		{"(1+2)*3", 0, 9}, {"1+2*3", 0, 7}, {"-2^2", 0, -4},
		{"2^3^2", 0, 512}, {"2^-1", 0, 0.5}, {"10 - 4 - 3", 0, 3},
		{"12/4/3", 0, 1}, {"32*10 + 32*32 + 2*32", 0, 1408},
		{"4*(32*10+32*32+2*32)", 0, 5632}, {"--3", 0, 3},
		{"50%/2", 1, 0.25}, {"-0", 0, 0},
	};

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		double v = -999;
		size_t col = 0;
		int rc = arith_eval(ok[i].text, ok[i].percent, &v, &col);

		CU_ASSERT_EQUAL(rc, ARITH_OK);
		CU_ASSERT_DOUBLE_EQUAL(v, ok[i].want, 1e-9 * fabs(ok[i].want) +
		    1e-12);
		if (rc != ARITH_OK || fabs(v - ok[i].want) >
		    1e-9 * fabs(ok[i].want) + 1e-12)
			fprintf(stderr, "arith '%s' gave rc %d value %.17g\n",
			    ok[i].text, rc, v);
	}
}

/* What the reader refuses, where it stops, and what it then says. */
static void
test_arith_refused_forms(void)
{
	static const struct {
		const char *text;
		int percent;
		int want;
		size_t col;
	} bad[] = {
		{"", 0, ARITH_ESYNTAX, 1}, {"abc", 0, ARITH_ESYNTAX, 1},
		{"1,40", 0, ARITH_ESYNTAX, 2}, {"1,4080", 0, ARITH_ESYNTAX, 2},
		{"1234,567", 0, ARITH_ESYNTAX, 0}, {"1,5", 0, ARITH_ESYNTAX, 2},
		{"51.75%", 0, ARITH_EPERCENT, 6}, {"1/0", 0, ARITH_ERANGE, 0},
		{"10^999", 0, ARITH_ERANGE, 0}, {"(1+2", 0, ARITH_ESYNTAX, 5},
		{"1+", 0, ARITH_ESYNTAX, 3}, {"2 3", 0, ARITH_ESYNTAX, 3},
		{"exp(1)", 0, ARITH_ESYNTAX, 1}, {"0x10", 0, ARITH_ESYNTAX, 2},
		{"inf", 0, ARITH_ESYNTAX, 1}, {"nan", 0, ARITH_ESYNTAX, 1},
		{"2e", 0, ARITH_ESYNTAX, 2}, {"1e999", 0, ARITH_ERANGE, 0},
	};
	char deep[300], nines[301];
	char msg[512];
	double v = 42;
	size_t col;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = arith_eval(bad[i].text, bad[i].percent, &v, &col);

		CU_ASSERT_EQUAL(rc, bad[i].want);
		if (bad[i].col != 0)
			CU_ASSERT_EQUAL(col, bad[i].col);
		if (rc != bad[i].want || (bad[i].col != 0 && col != bad[i].col))
			fprintf(stderr, "arith '%s' gave rc %d col %zu\n",
			    bad[i].text, rc, col);
	}
	CU_ASSERT_DOUBLE_EQUAL(v, 42, 0);	/* never set on failure */
	/* a long number is read whole, not cut (300 nines are 1e300) */
	memset(nines, '9', 300);
	nines[300] = '\0';
	CU_ASSERT_EQUAL(arith_eval(nines, 0, &v, &col), ARITH_OK);
	CU_ASSERT_DOUBLE_EQUAL(v, 1e300, 1e286);
	/* nesting is bounded: no stack overflow on hostile input */
	memset(deep, '(', sizeof deep - 1);
	deep[sizeof deep - 1] = '\0';
	CU_ASSERT_EQUAL(arith_eval(deep, 0, &v, &col), ARITH_ESYNTAX);
	memset(deep, '-', sizeof deep - 2);
	deep[sizeof deep - 2] = '1';
	CU_ASSERT_EQUAL(arith_eval(deep, 0, &v, &col), ARITH_ESYNTAX);

	arith_eval("1,5", 0, &v, &col);
	arith_message(msg, sizeof msg, "1,5", ARITH_ESYNTAX, col, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "column 2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "1,408"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "1/8"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "0.8^10"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "2e-3"));
	CU_ASSERT_PTR_NULL(strstr(msg, "%"));
	arith_message(msg, sizeof msg, "5%", ARITH_EPERCENT, 2, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "not a fraction"));
	arith_message(msg, sizeof msg, "x", ARITH_ESYNTAX, 1, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "51.75%"));
}

void
test_core_register(void)
{
	CU_pSuite s = CU_add_suite("core", NULL, NULL);

	CU_add_test(s, "arith accepted forms", test_arith_accepted_forms);
	CU_add_test(s, "arith refused forms", test_arith_refused_forms);

	CU_add_test(s, "num parse double strict", test_num_parse_double_strict);
	CU_add_test(s, "num whitespace trimmed around refused inside",
	    test_num_whitespace_trimmed_around_refused_inside);
	CU_add_test(s, "num parse long range", test_num_parse_long_range);
	CU_add_test(s, "num loader and sim args agree",
	    test_num_loader_and_sim_args_agree);
	CU_add_test(s, "suggest distance", test_suggest_distance);
	CU_add_test(s, "suggest nearest threshold and prefix",
	    test_suggest_nearest_threshold_and_prefix);
	CU_add_test(s, "suggest loader unknown key",
	    test_suggest_loader_unknown_key);
	CU_add_test(s, "lessonid rule", test_lessonid_rule);
	CU_add_test(s, "lessonid progress refuses what loader refuses",
	    test_lessonid_progress_refuses_what_loader_refuses);
	CU_add_test(s, "file read kinds and limit",
	    test_file_read_kinds_and_limit);
	CU_add_test(s, "clock now monotonic", test_clock_now_monotonic);
	CU_add_test(s, "diag render caret under column",
	    test_diag_render_caret_under_column);
	CU_add_test(s, "diag render hostile source",
	    test_diag_render_hostile_source);
}

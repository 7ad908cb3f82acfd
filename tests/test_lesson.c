/* Tests of src/lesson: the loader on good and bad fixtures, and the course. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "lesson/course.h"
#include "lesson/expect.h"
#include "lesson/lesson.h"
#include "tests.h"

/* The full fixture loads with every block kind and optional key. */
static void
test_lesson_full_fixture_loads(void)
{
	struct diag_list d;
	struct lesson *l;
	const struct lesson_block *b;

	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(lesson_load_file(&l, test_data_path("good/full.yaml"),
	    &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_STRING_EQUAL(l->id, "full-lesson");
	CU_ASSERT_EQUAL(l->number, 8);		/* "08": no octal guessing */
	CU_ASSERT_EQUAL(l->nblocks, 7);
	CU_ASSERT_EQUAL(l->blocks[1].level, 2);
	CU_ASSERT_EQUAL(lesson_count(l, LESSON_QUIZ), 2);
	b = &l->blocks[4];
	CU_ASSERT_EQUAL(b->quiz.nchoices, 3);
	CU_ASSERT_EQUAL(b->quiz.answer, 1);
	CU_ASSERT_FALSE(b->quiz.retry);
	b = &l->blocks[5];
	CU_ASSERT_PTR_NULL(b->quiz.choices);
	CU_ASSERT_DOUBLE_EQUAL(b->quiz.value, 0.3487, 0);
	CU_ASSERT_DOUBLE_EQUAL(b->quiz.tolerance, 0.0005, 0);
	b = &l->blocks[6];
	CU_ASSERT_STRING_EQUAL(b->sim.name, "linear-bptt");
	CU_ASSERT_EQUAL(b->sim.nparams, 3);
	CU_ASSERT_STRING_EQUAL(b->sim.params[1].value, "0.9");
	CU_ASSERT_EQUAL(b->sim.params[1].pos.line, 45);
	CU_ASSERT_EQUAL(b->sim.nknobs, 2);
	CU_ASSERT_TRUE(b->sim.knobs[1].has_max);
	CU_ASSERT_DOUBLE_EQUAL(b->sim.knobs[1].max, 100, 0);
	CU_ASSERT_EQUAL(b->sim.charts[0].height, 2);
	CU_ASSERT_EQUAL(b->sim.charts[0].scale, LESSON_SCALE_LOG);
	CU_ASSERT_TRUE(b->sim.charts[0].has_range);
	CU_ASSERT_STRING_EQUAL(b->sim.try_text,
	    "Turn scale to 1.1 and watch the line climb.");
	CU_ASSERT_PTR_NOT_NULL(strstr(b->sim.output, "{norm[-1]:.4f}"));
	CU_ASSERT_EQUAL_FATAL(b->sim.nexpects, 3);
	CU_ASSERT_STRING_EQUAL(b->sim.expects[2].name, "norm[20]");
	CU_ASSERT_STRING_EQUAL(b->sim.expects[2].text, "< 0.4");
	CU_ASSERT_EQUAL(b->sim.expects[2].op, LESSON_EXPECT_LT);
	CU_ASSERT_EQUAL(b->sim.expects[0].pos.line, 60);
	CU_ASSERT_EQUAL(b->sim.expects[0].pos.col, 14);
	/* the template's own first line and column, for its messages */
	CU_ASSERT_EQUAL(b->sim.output_body.line, 64);
	CU_ASSERT_EQUAL(b->sim.output_body.col, 7);
	CU_ASSERT_EQUAL(b->sim.output_indent, 7);
	lesson_destroy(l);
	diag_list_free(&d);
}

/* Does text, as an expect: assertion, accept value? -1: it does not parse. */
static int
expect_accepts(const char *text, double value)
{
	struct lesson_expect e = {0};
	char *cause;
	int rc;

	if (lesson_expect_parse(&e, text, &cause) < 0) {
		CU_ASSERT_PTR_NOT_NULL(cause);
		free(cause);
		return -1;
	}
	rc = lesson_expect_holds(&e, value);
	lesson_expect_free(&e);
	return rc;
}

/* Every form of an expectation, at and just past its edges. */
static void
test_lesson_expect_forms(void)
{
	/* a bare number: equal once rounded to the digits written */
	CU_ASSERT_EQUAL(expect_accepts("44", 44), 1);
	CU_ASSERT_EQUAL(expect_accepts("44", 44.4), 1);
	CU_ASSERT_EQUAL(expect_accepts("44", 45), 0);
	CU_ASSERT_EQUAL(expect_accepts("44", 43.4), 0);
	CU_ASSERT_EQUAL(expect_accepts("0.51", 0.514), 1);
	CU_ASSERT_EQUAL(expect_accepts("0.51", 0.516), 0);
	CU_ASSERT_EQUAL(expect_accepts("2.7e-5", 2.74e-5), 1);
	CU_ASSERT_EQUAL(expect_accepts("2.7e-5", 2.76e-5), 0);
	CU_ASSERT_EQUAL(expect_accepts("\xE2\x89\x88 0.51", 0.51), 1);
	/* comparisons */
	CU_ASSERT_EQUAL(expect_accepts("< 0.6", 0.59), 1);
	CU_ASSERT_EQUAL(expect_accepts("< 0.6", 0.6), 0);
	CU_ASSERT_EQUAL(expect_accepts("<= 0.6", 0.6), 1);
	CU_ASSERT_EQUAL(expect_accepts(">10", 10), 0);
	CU_ASSERT_EQUAL(expect_accepts(">= 10", 10), 1);
	CU_ASSERT_EQUAL(expect_accepts("\xE2\x89\xA4 1", 1), 1);
	CU_ASSERT_EQUAL(expect_accepts("\xE2\x89\xA5 1", 0.9), 0);
	/* tolerances and ranges */
	CU_ASSERT_EQUAL(expect_accepts("0.51 \xC2\xB1 0.01", 0.5199), 1);
	CU_ASSERT_EQUAL(expect_accepts("0.51 +- 0.01", 0.521), 0);
	CU_ASSERT_EQUAL(expect_accepts("\xE2\x89\x88 0.51 \xC2\xB1 0.01", 0.5),
	    1);
	CU_ASSERT_EQUAL(expect_accepts("~0.51+-0.01", 0.49), 0);
	CU_ASSERT_EQUAL(expect_accepts("0.944 to 0.985", 0.944), 1);
	CU_ASSERT_EQUAL(expect_accepts("0.944 to 0.985", 0.985), 1);
	CU_ASSERT_EQUAL(expect_accepts("0.944 to 0.985", 0.9851), 0);
	/* NaN satisfies nothing */
	CU_ASSERT_EQUAL(expect_accepts("< 1", 0.0 / 0.0), 0);
	/* what does not parse */
	CU_ASSERT_EQUAL(expect_accepts("about 0.5", 0.5), -1);
	CU_ASSERT_EQUAL(expect_accepts("< 0.6 +- 0.1", 0.5), -1);
	CU_ASSERT_EQUAL(expect_accepts("0.5 +- -1", 0.5), -1);
	CU_ASSERT_EQUAL(expect_accepts("2 to 1", 1.5), -1);
	CU_ASSERT_EQUAL(expect_accepts("", 0), -1);
}

/* The default tolerance of a numeric quiz is 1% of the answer. */
static void
test_lesson_numeric_quiz_default_tolerance(void)
{
	static const char text[] = "id: q\nnumber: 1\ntitle: T\ngoal: G\n"
	    "blocks:\n  - quiz: How much?\n    answer: -2.5\n";
	struct diag_list d;
	struct lesson *l;

	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(lesson_load_buffer(&l, "q.yaml", text,
	    strlen(text), &d), 0);
	CU_ASSERT_DOUBLE_EQUAL(l->blocks[0].quiz.tolerance, 0.025, 1e-15);
	lesson_destroy(l);
	diag_list_free(&d);
}

/* The expected first error of a bad fixture: its "# expect:" line, or its
 * line in bad/expect.txt. */
static int
expected_error(const char *name, const char *text, char *out, size_t size)
{
	const char *tag = "# expect: ";
	size_t len;
	char *list;

	if (strncmp(text, tag, strlen(tag)) == 0) {
		len = strcspn(text + strlen(tag), "\n");
		snprintf(out, size, "%.*s", (int)len, text + strlen(tag));
		return 0;
	}
	list = test_read_file(test_data_path("bad/expect.txt"), &len);
	for (char *line = strtok(list, "\n"); line != NULL;
	    line = strtok(NULL, "\n")) {
		char *tab = strchr(line, '\t');

		if (tab != NULL && strncmp(line, name, (size_t)(tab - line)) == 0 &&
		    strlen(name) == (size_t)(tab - line)) {
			snprintf(out, size, "%s", tab + 1);
			free(list);
			return 0;
		}
	}
	free(list);
	return -1;
}

/* Every file in tests/data/bad fails with exactly its expected first error. */
static void
test_lesson_bad_fixtures_exact_errors(void)
{
	DIR *dir = opendir(test_data_path("bad"));
	struct dirent *e;
	int checked = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	while ((e = readdir(dir)) != NULL) {
		char path[4096], want[512], got[1024];
		struct diag_list d;
		struct lesson *l = NULL;
		size_t len;
		char *text;

		if (strstr(e->d_name, ".yaml") == NULL)
			continue;
		snprintf(path, sizeof path, "%s", test_data_path("bad"));
		snprintf(path + strlen(path), sizeof path - strlen(path), "/%s",
		    e->d_name);
		text = test_read_file(path, &len);
		if (expected_error(e->d_name, text, want, sizeof want) < 0) {
			fprintf(stderr, "\n%s: no expected error\n", e->d_name);
			CU_FAIL("bad fixture without an expected error");
			free(text);
			continue;
		}
		diag_list_init(&d);
		CU_ASSERT_EQUAL(lesson_load_file(&l, path, &d), -1);
		CU_ASSERT_PTR_NULL(l);
		CU_ASSERT_TRUE(d.nerrors > 0);
		if (d.n > 0) {
			snprintf(got, sizeof got, "%d:%d: %s", d.v[0].line,
			    d.v[0].col, d.v[0].msg);
			if (strcmp(got, want) != 0) {
				fprintf(stderr, "\n%s:\n  want %s\n  got  %s\n",
				    e->d_name, want, got);
				CU_FAIL("wrong error for a bad fixture");
			}
			CU_ASSERT_STRING_EQUAL(d.v[0].file, path);
		}
		checked++;
		lesson_destroy(l);
		diag_list_free(&d);
		free(text);
	}
	closedir(dir);
	CU_ASSERT_TRUE(checked >= 25);
}

/* Errors print as FILE:LINE:COL: error: MESSAGE. */
static void
test_lesson_diag_format(void)
{
	struct diag_list d;
	char *s;

	diag_list_init(&d);
	diag_add(&d, DIAG_ERROR, "a.yaml", 3, 7, "unknown key '%s'", "x");
	diag_add(&d, DIAG_WARNING, "a.yaml", 0, 0, "too wide");
	s = diag_format(&d.v[0]);
	CU_ASSERT_STRING_EQUAL(s, "a.yaml:3:7: error: unknown key 'x'");
	free(s);
	s = diag_format(&d.v[1]);
	CU_ASSERT_STRING_EQUAL(s, "a.yaml: warning: too wide");
	free(s);
	CU_ASSERT_EQUAL(d.nerrors, 1);
	diag_list_free(&d);
}

/* A file over 1 MiB is refused before parsing. */
static void
test_lesson_size_limit(void)
{
	size_t len = LESSON_MAX_FILE_SIZE + 1;
	char *big = malloc(len);
	struct diag_list d;
	struct lesson *l;

	memset(big, '#', len);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(lesson_load_buffer(&l, "big.yaml", big, len, &d), -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].msg, "at most 1 MiB"));
	diag_list_free(&d);
	free(big);
}

/* A scalar over 64 KiB is refused with its position. */
static void
test_lesson_scalar_limit(void)
{
	size_t n = LESSON_MAX_SCALAR + 10;
	char *text = malloc(n + 100);
	struct diag_list d;
	struct lesson *l;
	int len = sprintf(text, "id: x\ntitle: ");

	memset(text + len, 'a', n);
	strcpy(text + len + n, "\n");
	diag_list_init(&d);
	CU_ASSERT_EQUAL(lesson_load_buffer(&l, "s.yaml", text, strlen(text), &d),
	    -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_EQUAL(d.v[0].line, 2);
	CU_ASSERT_EQUAL(d.v[0].col, 8);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].msg, "too long"));
	diag_list_free(&d);
	free(text);
}

/* Two files with one id: the second is an error pointing at the first. */
static void
test_lesson_duplicate_id_across_files(void)
{
	char a[4096], b[4096];
	const char *files[2] = {a, b};
	struct diag_list d;

	snprintf(a, sizeof a, "%s", test_data_path("dup/a.yaml"));
	snprintf(b, sizeof b, "%s", test_data_path("dup/b.yaml"));
	diag_list_init(&d);
	CU_ASSERT_EQUAL(course_check_files(files, 2, &d, NULL), 1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_STRING_EQUAL(d.v[0].file, b);
	CU_ASSERT_EQUAL(d.v[0].line, 1);
	CU_ASSERT_EQUAL(d.v[0].col, 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].msg,
	    "duplicate lesson id 'same-id' (also used by"));
	diag_list_free(&d);
}

/* The built-in course loads cleanly and is in course order; a lesson on disk
 * with a built-in id replaces it. */
static void
test_lesson_course_builtin_and_override(void)
{
	struct course_opts o = {NULL, 0, false, false, true};
	const char *dirs[1];
	struct diag_list d;
	struct course *c;
	long i;

	diag_list_init(&d);
	c = course_load(&o, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_TRUE_FATAL(course_count(c) >= 1);
	for (size_t k = 1; k < course_count(c); k++)
		CU_ASSERT_TRUE(course_lesson(c, k - 1)->number <=
		    course_lesson(c, k)->number);
	i = course_find(c, "2");
	CU_ASSERT_TRUE_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(course_lesson(c, (size_t)i)->id,
	    "vanishing-gradients");
	CU_ASSERT_EQUAL(course_find(c, "vanishing-gradients"), i);
	CU_ASSERT_EQUAL(course_find(c, "no-such-lesson"), -1);
	/* a lesson number is read by core/num.c's rule, like every number */
	CU_ASSERT_EQUAL(course_find(c, " 2 "), i);
	CU_ASSERT_EQUAL(course_find(c, "002"), i);
	CU_ASSERT_EQUAL(course_find(c, "0"), -1);
	CU_ASSERT_EQUAL(course_find(c, "99999999999999999999999"), -1);
	CU_ASSERT_EQUAL(course_find(c, "2x"), -1);
	course_destroy(c);

	dirs[0] = test_data_path("override");
	o.dirs = dirs;
	o.ndirs = 1;
	c = course_load(&o, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	i = course_find(c, "vanishing-gradients");
	CU_ASSERT_TRUE_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(course_lesson(c, (size_t)i)->title,
	    "An instructor's own version");
	course_destroy(c);
	diag_list_free(&d);
}

/* A missing -L directory is an error; the built-in course still loads. */
static void
test_lesson_course_missing_dir(void)
{
	const char *dirs[1] = {"/nonexistent/rnntutor-lessons"};
	struct course_opts o = {dirs, 1, false, false, true};
	struct diag_list d;
	struct course *c;

	diag_list_init(&d);
	c = course_load(&o, &d);
	CU_ASSERT_EQUAL(d.nerrors, 1);
	CU_ASSERT_TRUE(course_count(c) >= 1);
	course_destroy(c);
	diag_list_free(&d);
}

/* The header every YAML case below starts with (five lines). */
#define HEAD "id: bad\nnumber: 1\ntitle: Bad\ngoal: A goal.\nblocks:\n"

/* Load text that is not valid YAML: exactly one error, at line:col, whose
 * message and help contain the words given, with the source line kept. */
static void
expect_yaml(const char *text, int line, int col, const char *msg,
    const char *help)
{
	struct diag_list d;
	struct lesson *l;

	diag_list_init(&d);
	CU_ASSERT_EQUAL(lesson_load_buffer(&l, "t.yaml", text, strlen(text),
	    &d), -1);
	CU_ASSERT_PTR_NULL(l);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_EQUAL(d.v[0].line, line);
	CU_ASSERT_EQUAL(d.v[0].col, col);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].msg, msg));
	CU_ASSERT_PTR_NOT_NULL_FATAL(d.v[0].help);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[0].help, help));
	CU_ASSERT_PTR_NOT_NULL(d.v[0].source);
	if (d.v[0].line != line || d.v[0].col != col ||
	    strstr(d.v[0].msg, msg) == NULL || strstr(d.v[0].help, help) == NULL)
		fprintf(stderr, "\n%d:%d: %s / help: %s\n", d.v[0].line,
		    d.v[0].col, d.v[0].msg, d.v[0].help);
	diag_list_free(&d);
}

/* A ': ' inside an unquoted value: quote the value (and the fix is the
 * line itself, quoted); a key alone on its line that does not line up
 * with the keys above: say indentation, at the key. */
static void
test_lesson_yaml_colon_in_value_or_indentation(void)
{
	expect_yaml(HEAD "  - text: Hello: world\n", 6, 16,
	    "a ': ' inside an unquoted value",
	    "quote the value: text: \"Hello: world\"");
	expect_yaml(HEAD "  - heading: Hi\n     level: 2\n", 7, 6,
	    "indentation does not match", "keys above start at column 5 "
	    "(line 6)");
	expect_yaml("id: bad\nnumber: 1\ntitle: Bad\ngoal: A goal.\n"
	    "  blocks:\n  - text: x\n", 5, 3, "indentation does not match",
	    "column 1 (line 4)");
}

/* A value that starts with '|' or '||' (the manual's old example): a
 * block scalar; quote it, or write the norm bars as U+2016. */
static void
test_lesson_yaml_value_starting_with_bar(void)
{
	expect_yaml(HEAD "  - code: x\n    caption: ||dL/dh_t|| from t=0\n", 7,
	    14, "a value that starts with '|' is a block of text",
	    "quote the value: caption: \"||dL/dh_t|| from t=0\" (or write the "
	    "norm bars as \xe2\x80\x96");
	expect_yaml(HEAD "  - code: x\n    caption: > 3 # note\n", 7, 14,
	    "starts with '>'", "quote the value: caption: \"> 3\"");
	/* lines that end in a lone CR, as libyaml counts them (the fuzzer
	 * found this one failing with no message at all) */
	expect_yaml("id: bad\rnumber: 1\rtitle: Bad\rgoal: A goal.\rblocks:\r"
	    "  - code: x\r    caption: > 3 # note\r", 7, 14, "starts with '>'",
	    "quote the value: caption: \"> 3\"");
}

/* An apostrophe inside single quotes (libyaml: "did not find expected
 * key" or "'-' indicator"), a quote inside double quotes. */
static void
test_lesson_yaml_quote_inside_quotes(void)
{
	expect_yaml(HEAD "  - text: 'it's here'\n", 6, 14,
	    "this apostrophe ends the single-quoted value",
	    "write an apostrophe twice: 'it''s here'");
	expect_yaml(HEAD "  - quiz: Q?\n    choices:\n      - 'it's'\n"
	    "      - two\n    answer: a\n", 8, 12, "this apostrophe ends",
	    "'it''s'");
	expect_yaml(HEAD "  - text: \"say \"hi\" now\"\n", 6, 16,
	    "this quote ends the double-quoted value",
	    "\"say \\\"hi\\\" now\"");
}

/* A quote or bracket never closed is reported at its opening, not at the
 * end of the file. */
static void
test_lesson_yaml_unclosed_points_at_opening(void)
{
	expect_yaml(HEAD "  - text: \"unterminated\n  - text: more\n"
	    "  - code: x\n", 6, 11, "this quote is never closed",
	    "end the value with the same quote");
	expect_yaml(HEAD "  - text: 'open\n", 6, 11, "never closed", "'it''s'");
	expect_yaml("id: bad\nnumber: 1\ntitle: Bad\ngoal: A goal.\n"
	    "blocks: [\n  {text: Hello.}\n", 5, 9, "this '[' is not closed",
	    "close it with ']'");
}

/* --check's load keeps a lesson whose YAML is fine but whose contents are
 * not, so the checks after loading still run; a YAML error keeps nothing. */
static void
test_lesson_partial_load_for_check(void)
{
	struct diag_list d;
	struct lesson *l;

	diag_list_init(&d);
	CU_ASSERT_EQUAL(lesson_load_file_partial(&l,
	    test_data_path("bad/unknown-key.yaml"), &d), -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_TRUE(d.nerrors >= 1);
	CU_ASSERT_EQUAL(l->nblocks, 1);
	CU_ASSERT_STRING_EQUAL(l->id, "bad");
	lesson_destroy(l);
	diag_list_clear(&d);
	CU_ASSERT_EQUAL(lesson_load_file(&l,
	    test_data_path("bad/unknown-key.yaml"), &d), -1);
	CU_ASSERT_PTR_NULL(l);
	diag_list_clear(&d);
	CU_ASSERT_EQUAL(lesson_load_file_partial(&l,
	    test_data_path("bad/syntax.yaml"), &d), -1);
	CU_ASSERT_PTR_NULL(l);
	diag_list_free(&d);
}

void
test_lesson_register(void)
{
	CU_pSuite s = CU_add_suite("lesson", NULL, NULL);

	CU_add_test(s, "full fixture loads", test_lesson_full_fixture_loads);
	CU_add_test(s, "expect forms", test_lesson_expect_forms);
	CU_add_test(s, "numeric quiz default tolerance", test_lesson_numeric_quiz_default_tolerance);
	CU_add_test(s, "bad fixtures exact errors", test_lesson_bad_fixtures_exact_errors);
	CU_add_test(s, "diag format", test_lesson_diag_format);
	CU_add_test(s, "size limit", test_lesson_size_limit);
	CU_add_test(s, "scalar limit", test_lesson_scalar_limit);
	CU_add_test(s, "duplicate id across files", test_lesson_duplicate_id_across_files);
	CU_add_test(s, "course builtin and override", test_lesson_course_builtin_and_override);
	CU_add_test(s, "course missing dir", test_lesson_course_missing_dir);
	CU_add_test(s, "yaml colon in value or indentation",
	    test_lesson_yaml_colon_in_value_or_indentation);
	CU_add_test(s, "yaml value starting with bar",
	    test_lesson_yaml_value_starting_with_bar);
	CU_add_test(s, "yaml quote inside quotes",
	    test_lesson_yaml_quote_inside_quotes);
	CU_add_test(s, "yaml unclosed points at opening",
	    test_lesson_yaml_unclosed_points_at_opening);
	CU_add_test(s, "partial load for check",
	    test_lesson_partial_load_for_check);
}

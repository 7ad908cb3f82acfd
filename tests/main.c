/* Runs every CUnit suite of rnntutor and prints "unit: N passed, N failed". */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* Where the fixtures are: $top_srcdir/tests/data, or ./tests/data. */
const char *
test_data_path(const char *name)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof path, "%s/tests/data/%s",
	    top != NULL && *top != '\0' ? top : ".", name);
	return path;
}

/* Slurp a file for a test; NULL (and a failed assertion) on error. */
char *
test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	*len = fread(buf, 1, (size_t)size, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

int
main(void)
{
	unsigned passed, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	test_core_register();
	test_utf8_register();
	test_rng_register();
	test_linalg_register();
	test_act_register();
	test_cells_register();
	test_optim_register();
	test_seqtrain_register();
	test_seqinside_register();
	test_sim_register();
	test_cellgrads_register();
	test_sentiment_register();
	test_job_register();
	test_chart_register();
	test_chart_change_register();
	test_search_register();
	test_lesson_register();
	test_layout_register();
	test_progress_register();
	test_course_register();
	test_lessons_adding_register();
	test_view_register();
	test_place_register();
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_tests_failed();
	passed = CU_get_number_of_tests_run() - failed;
	printf("\nunit: %u passed, %u failed\n", passed, failed);
	CU_cleanup_registry();
	return failed == 0 && CU_get_error() == CUE_SUCCESS ? 0 : 1;
}

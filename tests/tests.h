/* The unit test suites. Each tests/test_<module>.c defines one
 * test_<module>_register() that adds its CUnit suites; tests/main.c calls
 * them all. Fixtures are found through test_data_path(). */
#ifndef RNNTUTOR_TESTS_H
#define RNNTUTOR_TESTS_H

#include <CUnit/CUnit.h>

/* "$top_srcdir/tests/data/NAME" in a static buffer (valid until next call). */
const char *test_data_path(const char *name);
/* Read a whole file into a new heap buffer (NUL-terminated); *len gets the
 * size. Fails the current test and returns NULL when it cannot. */
char *test_read_file(const char *path, size_t *len);

void test_core_register(void);
void test_utf8_register(void);
void test_rng_register(void);
void test_linalg_register(void);
void test_act_register(void);
void test_cells_register(void);
void test_optim_register(void);
void test_seqtrain_register(void);
void test_seqinside_register(void);
void test_sim_register(void);
void test_cellgrads_register(void);
void test_sentiment_register(void);
void test_job_register(void);
void test_chart_register(void);
void test_chart_change_register(void);
void test_search_register(void);
void test_lesson_register(void);
void test_layout_register(void);
void test_progress_register(void);
void test_course_register(void);
void test_lessons_adding_register(void);
void test_view_register(void);
void test_place_register(void);

#endif

/* fuzz_lesson: bytes as a lesson file, through the program's own loader.
 *
 * The input goes to lesson_load_buffer() as the text of a file; every
 * message is formatted and sanitised the way main.c reports it. Besides
 * "no crash, no leak", it checks what the loader promises: a failure leaves
 * *out NULL with at least one error, a success has no errors, and every
 * string the page will show is NUL-terminated text. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/utf8.h"
#include "lesson/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch a string the way the layout will (a read of every byte). */
static size_t
touch(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags;
	struct lesson *lesson = NULL;
	int rc;

	diag_list_init(&diags);
	rc = lesson_load_buffer(&lesson, "fuzz.yaml", (const char *)data, size,
	    &diags);
	if (rc < 0 && (lesson != NULL || diags.nerrors == 0))
		abort();	/* a failure must say why and give nothing */
	if (rc == 0 && (lesson == NULL || diags.nerrors != 0))
		abort();
	for (size_t i = 0; i < diags.n; i++) {
		char *line = diag_format(&diags.v[i]);
		char *shown = utf8_sanitize(line, strlen(line), (int)(i & 1));

		/* what reaches stderr holds no raw ESC */
		if (strchr(shown, '\033') != NULL)
			abort();
		free(shown);
		free(line);
	}
	if (lesson != NULL) {
		size_t sum = touch(lesson->id) + touch(lesson->title) +
		    touch(lesson->goal);

		for (size_t i = 0; i < lesson->nblocks; i++) {
			const struct lesson_block *b = &lesson->blocks[i];

			sum += touch(b->text) + touch(b->lang) + touch(b->caption);
			for (size_t j = 0; j < b->quiz.nchoices; j++)
				sum += touch(b->quiz.choices[j]);
			if (b->kind == LESSON_QUIZ && b->quiz.choices != NULL &&
			    b->quiz.answer >= b->quiz.nchoices)
				abort();	/* the answer is one of the choices */
			for (size_t j = 0; j < b->sim.ncharts; j++)
				if (b->sim.charts[j].height < 1 ||
				    b->sim.charts[j].height > 8)
					abort();
		}
		(void)sum;
		(void)lesson_count(lesson, LESSON_SIM);
		lesson_destroy(lesson);
	}
	diag_list_free(&diags);
	return 0;
}

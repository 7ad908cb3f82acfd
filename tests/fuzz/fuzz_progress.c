/* fuzz_progress: bytes as a progress file, through progress_parse().
 *
 * A file that parses is formatted, parsed again and formatted again: the
 * two texts must be equal (nothing a student did is lost or changed by a
 * save and a load). A file that does not parse leaves the record empty
 * with an error. Quiz answers and resets run on what was read, as the TUI
 * would do them. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "progress/progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progress p, q;
	struct diag_list diags;
	char *first, *second;

	progress_init(&p);
	progress_init(&q);
	diag_list_init(&diags);
	if (progress_parse(&p, "fuzz.progress", (const char *)data, size,
	    &diags) < 0) {
		if (p.n != 0 || p.last != NULL || diags.nerrors == 0)
			abort();
		goto done;
	}
	first = progress_format(&p);
	if (progress_parse(&q, "again", first, strlen(first), &diags) < 0)
		abort();	/* what we write, we read */
	second = progress_format(&q);
	if (strcmp(first, second) != 0)
		abort();
	free(first);
	free(second);
	/* what a session does with it */
	for (size_t i = 0; i < p.n && i < 4; i++) {
		struct progress_lesson *l = &p.lessons[i];

		progress_quiz_answer(l, l->block, (i & 1) != 0);
		if (progress_quiz_find(l, l->block) == NULL)
			abort();
	}
	if (p.n > 0)
		progress_reset(&p, p.lessons[size % p.n].id);
	if (progress_lesson(&p, "fuzz-lesson", true) == NULL)
		abort();
	first = progress_format(&p);
	free(first);
	progress_reset(&p, NULL);
done:
	progress_free(&p);
	progress_free(&q);
	diag_list_free(&diags);
	return 0;
}

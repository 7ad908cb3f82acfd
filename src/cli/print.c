#include "config.h"

#include "cli/print.h"
#include "doc/layout.h"
#include "core/strbuf.h"

/* Write one page, each line without trailing spaces. */
void
cli_print_page(FILE *out, const struct doc_page *page)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < page->nlines; i++) {
		doc_line_text(&page->lines[i], &sb);
		while (sb.len > 0 && sb.s[sb.len - 1] == ' ')
			sb.len--;
		fwrite(sb.s != NULL ? sb.s : "", 1, sb.len, out);
		fputc('\n', out);
	}
	strbuf_free(&sb);
}

/* See print.h. */
int
cli_print(FILE *out, const struct course *course, long index,
    const struct cli_print_opts *opts)
{
	struct doc_opts o = {
		.width = opts->width, .ascii = opts->ascii,
		.reveal = opts->reveal, .focus = -1, .state = NULL,
	};
	size_t first = index < 0 ? 0 : (size_t)index;
	size_t last = index < 0 ? course_count(course) : first + 1;

	for (size_t i = first; i < last && !ferror(out); i++) {
		struct doc_page *page = doc_layout(course_lesson(course, i), &o);

		if (i > first)
			fputc('\n', out);
		cli_print_page(out, page);
		doc_page_destroy(page);
	}
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

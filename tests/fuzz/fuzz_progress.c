/* fuzz_progress: bytes as a progress file, through progress_parse().
 *
 * A file that parses is formatted, parsed again and formatted again: the
 * two texts must be equal (nothing a student did is lost or changed by a
 * save and a load). A file that does not parse leaves the record empty
 * with an error. Quiz answers and resets run on what was read, as the TUI
 * would do them, and a session's answers merged with the file keep every
 * right answer of both.
 *
 * libFuzzer's inputs stay small (4096 bytes unless told otherwise), while
 * the limits of a progress file are 4 MiB, 10000 lessons and 2000 quizzes
 * in a lesson. So an input that starts with the byte 0xFF is a template:
 * the next two bytes (little-endian) say how many times the rest is
 * repeated, each '#' in it replaced by the number of the repetition, and
 * the file is the text before the first '\n' of the rest followed by the
 * repetitions (so "\xFF\x10\x27version 1\nlesson l#\n" is 10000 lessons).
 * The file stops growing at 512 KiB, which is past the limits on lessons
 * and quizzes and keeps the fuzzer fast; a count of 0xFFFF goes on to just
 * past PROGRESS_MAX_FILE, for the size limit. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/strbuf.h"
#include "progress/progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file a template input stands for (see the top); NULL when the input
 * is no template. */
static char *
expand(const uint8_t *data, size_t size, size_t *len)
{
	struct strbuf sb;
	const char *body, *nl;
	size_t times, blen, most;

	if (size < 3 || data[0] != 0xFF)
		return NULL;
	times = (size_t)data[1] | (size_t)data[2] << 8;
	most = times == 0xFFFF ? PROGRESS_MAX_FILE : 512 * 1024;
	body = (const char *)data + 3;
	blen = size - 3;
	nl = memchr(body, '\n', blen);
	strbuf_init(&sb);
	if (nl != NULL) {	/* the head, once */
		strbuf_add(&sb, body, (size_t)(nl - body) + 1);
		blen -= (size_t)(nl - body) + 1;
		body = nl + 1;
	}
	for (size_t i = 0; i < times && sb.len <= most &&
	    blen > 0; i++) {
		for (size_t j = 0; j < blen; j++) {
			if (body[j] == '#')
				strbuf_addf(&sb, "%zu", i);
			else
				strbuf_addc(&sb, body[j]);
		}
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* Answers of a session on top of p, merged with p as the file: every right
 * answer of either must be right in what would be saved. */
static void
check_merge(const struct progress *p)
{
	struct progress mine, out;
	struct diag_list diags;
	char *text = progress_format(p);

	progress_init(&mine);
	progress_init(&out);
	diag_list_init(&diags);
	if (progress_parse(&mine, "mine", text, strlen(text), &diags) < 0)
		abort();
	for (size_t i = 0; i < mine.n && i < 8; i++)
		progress_quiz_answer(&mine.lessons[i], i, (i & 1) == 0);
	progress_merge(&out, &mine, p);
	for (size_t i = 0; i < mine.n; i++) {
		const struct progress_lesson *m = &mine.lessons[i];
		const struct progress_lesson *o = progress_lesson(&out, m->id,
		    false);

		for (size_t j = 0; j < m->nquizzes; j++) {
			const struct progress_quiz *q;

			if (!m->quizzes[j].right)
				continue;
			q = o != NULL ? progress_quiz_find(o,
			    m->quizzes[j].block) : NULL;
			if (q == NULL || !q->right ||
			    q->attempts < m->quizzes[j].attempts)
				abort();
		}
	}
	progress_free(&mine);
	progress_free(&out);
	diag_list_free(&diags);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progress p, q;
	struct diag_list diags;
	size_t len = size;
	char *big = expand(data, size, &len);
	const char *text = big != NULL ? big : (const char *)data;
	char *first, *second;

	progress_init(&p);
	progress_init(&q);
	diag_list_init(&diags);
	if (progress_parse(&p, "fuzz.progress", text, len, &diags) < 0) {
		if (p.n != 0 || p.last != NULL || diags.nerrors == 0)
			abort();
		goto done;
	}
	if (p.n > PROGRESS_MAX_LESSONS)
		abort();
	for (size_t i = 0; i < p.n; i++)
		if (p.lessons[i].nquizzes > PROGRESS_MAX_QUIZZES)
			abort();
	first = progress_format(&p);
	/* what we write, we read (when it is within the size limit) */
	if (strlen(first) <= PROGRESS_MAX_FILE) {
		if (progress_parse(&q, "again", first, strlen(first), &diags) < 0)
			abort();
		second = progress_format(&q);
		if (strcmp(first, second) != 0)
			abort();
		free(second);
	}
	free(first);
	check_merge(&p);
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
	free(big);
	return 0;
}

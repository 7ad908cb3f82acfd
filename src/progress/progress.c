/* progress records in memory: lookup by id, quiz records, changes with
 * their time stamps, and the merge of two sessions by fact. */
#include "config.h"

#include "progress/progress.h"
#include "progress/progress_int.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* An empty record set. */
void
progress_init(struct progress *p)
{
	memset(p, 0, sizeof *p);
}

/* Free a list of "#+ " lines and leave it empty. */
static void
extra_free(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

/* Free what a lesson record holds but its id, and leave it empty. */
static void
lesson_clear(struct progress_lesson *l)
{
	free(l->quizzes);
	l->quizzes = NULL;
	l->nquizzes = 0;
	free(l->predicts);
	l->predicts = NULL;
	l->npredicts = 0;
	extra_free(&l->extra, &l->nextra);
}

/* Free one lesson record's storage. */
static void
lesson_free(struct progress_lesson *l)
{
	free(l->id);
	lesson_clear(l);
}

/* Free everything p owns and leave it empty. */
void
progress_free(struct progress *p)
{
	for (size_t i = 0; i < p->n; i++)
		lesson_free(&p->lessons[i]);
	free(p->lessons);
	for (size_t i = 0; i < p->nreviews; i++)
		free(p->reviews[i].concept);
	free(p->reviews);
	extra_free(&p->extra, &p->nextra);
	free(p->last);
	free(p->base_last);
	free(p->index);
	progress_init(p);
}

/* See progress.h. */
int64_t
progress_now(void)
{
	static int64_t previous;
	struct timespec ts;
	int64_t now = 0;

	if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
		now = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	if (now <= previous)
		now = previous + 1;	/* two changes in one microsecond */
	previous = now;
	return now;
}

/* Room for one more element in an array of n: the capacity doubles at
 * each power of two, so adding n elements costs O(n) in all. */
static void *
grow(void *array, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(array, 1, size);
	if ((n & (n - 1)) != 0)
		return array;
	return xreallocarray(array, 2 * n, size);
}

/* FNV-1a of an id. */
static size_t
hash_id(const char *id)
{
	uint64_t h = 14695981039346656037ull;

	for (const unsigned char *s = (const unsigned char *)id; *s != '\0'; s++)
		h = (h ^ *s) * 1099511628211ull;
	return (size_t)h;
}

/* The slot of id in the index: where it is, or the empty slot it would
 * take. The index is never full (see grow_index). */
static size_t
find_slot(const struct progress *p, const char *id)
{
	size_t mask = p->index_size - 1;
	size_t i = hash_id(id) & mask;

	while (p->index[i] != 0 &&
	    strcmp(p->lessons[p->index[i] - 1].id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Keep the index at most half full, so lookups stay short. */
static void
grow_index(struct progress *p)
{
	size_t size = p->index_size != 0 ? p->index_size : 16;

	while (size < 2 * (p->n + 1))
		size *= 2;
	if (size == p->index_size)
		return;
	free(p->index);
	p->index = xcalloc(size, sizeof *p->index);
	p->index_size = size;
	for (size_t i = 0; i < p->n; i++)
		p->index[find_slot(p, p->lessons[i].id)] = i + 1;
}

/* Find or create a lesson's record. */
struct progress_lesson *
progress_lesson(struct progress *p, const char *id, bool create)
{
	struct progress_lesson *l;
	size_t slot;

	if (p->index_size != 0) {
		slot = find_slot(p, id);
		if (p->index[slot] != 0)
			return &p->lessons[p->index[slot] - 1];
	}
	if (!create)
		return NULL;
	grow_index(p);
	p->lessons = grow(p->lessons, p->n, sizeof *p->lessons);
	l = &p->lessons[p->n++];
	memset(l, 0, sizeof *l);
	l->id = xstrdup(id);
	p->index[find_slot(p, id)] = p->n;
	return l;
}

/* Where block is, or would go, in the sorted quiz records. */
static size_t
quiz_pos(const struct progress_lesson *l, size_t block)
{
	size_t lo = 0, hi = l->nquizzes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->quizzes[mid].block < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* See progress.h. */
bool
progress_concept_valid(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= PROGRESS_MAX_CONCEPT &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-:") == n;
}

/* The index of a concept's review record, or p->nreviews. */
static size_t
review_pos(const struct progress *p, const char *concept)
{
	size_t i;

	for (i = 0; i < p->nreviews; i++)
		if (strcmp(p->reviews[i].concept, concept) == 0)
			break;
	return i;
}

/* See progress.h. */
const struct progress_review *
progress_review_find(const struct progress *p, const char *concept)
{
	size_t i = review_pos(p, concept);

	return i < p->nreviews ? &p->reviews[i] : NULL;
}

/* The review record of a concept, added (never asked) when absent. */
struct progress_review *
progress_review_record(struct progress *p, const char *concept)
{
	size_t i = review_pos(p, concept);

	if (i == p->nreviews) {
		p->reviews = grow(p->reviews, p->nreviews, sizeof *p->reviews);
		p->reviews[i] = (struct progress_review){
			.concept = xstrdup(concept), .streak = 0, .asked = 0,
			.at = 0, .changed = false,
		};
		p->nreviews++;
	}
	return &p->reviews[i];
}

/* See progress.h. */
void
progress_review_answer(struct progress *p, const char *concept, bool right,
    int64_t now)
{
	struct progress_review *r = progress_review_record(p, concept);

	r->streak = right ? (r->streak < PROGRESS_MAX_ATTEMPTS ? r->streak + 1 :
	    r->streak) : 0;
	if (r->asked < PROGRESS_MAX_ATTEMPTS)
		r->asked++;
	r->at = now;
	r->changed = true;
}

/* See progress.h. */
void
progress_quiz_score(const struct progress_lesson *l, size_t *right,
    size_t *first_try)
{
	*right = 0;
	*first_try = 0;
	for (size_t i = 0; l != NULL && i < l->nquizzes; i++) {
		*right += l->quizzes[i].right;
		*first_try += l->quizzes[i].right &&
		    l->quizzes[i].attempts == 1 && !l->quizzes[i].revealed;
	}
}

/* The quiz record of a block. */
const struct progress_quiz *
progress_quiz_find(const struct progress_lesson *l, size_t block)
{
	size_t i = quiz_pos(l, block);

	return i < l->nquizzes && l->quizzes[i].block == block ?
	    &l->quizzes[i] : NULL;
}

/* See progress_int.h. */
struct progress_quiz *
progress_quiz_record(struct progress_lesson *l, size_t block)
{
	size_t i = quiz_pos(l, block);

	if (i < l->nquizzes && l->quizzes[i].block == block)
		return &l->quizzes[i];
	l->quizzes = grow(l->quizzes, l->nquizzes, sizeof *l->quizzes);
	memmove(&l->quizzes[i + 1], &l->quizzes[i],
	    (l->nquizzes - i) * sizeof *l->quizzes);
	l->nquizzes++;
	memset(&l->quizzes[i], 0, sizeof l->quizzes[i]);
	l->quizzes[i].block = block;
	return &l->quizzes[i];
}

/* Record an answer. */
void
progress_quiz_answer(struct progress_lesson *l, size_t block, bool right)
{
	struct progress_quiz *q = progress_quiz_record(l, block);

	q->right = q->right || right;
	if (q->attempts < PROGRESS_MAX_ATTEMPTS)
		q->attempts++;
}

/* See progress.h. */
void
progress_quiz_revealed(struct progress_lesson *l, size_t block)
{
	progress_quiz_record(l, block)->revealed = true;
}

/* Where block is, or would go, in the sorted prediction records. */
static size_t
predict_pos(const struct progress_lesson *l, size_t block)
{
	size_t lo = 0, hi = l->npredicts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->predicts[mid].block < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* See progress.h. */
const struct progress_predict *
progress_predict_find(const struct progress_lesson *l, size_t block)
{
	size_t i = predict_pos(l, block);

	return i < l->npredicts && l->predicts[i].block == block ?
	    &l->predicts[i] : NULL;
}

/* See progress_int.h. */
struct progress_predict *
progress_predict_add(struct progress_lesson *l, size_t block)
{
	size_t i = predict_pos(l, block);

	if (i < l->npredicts && l->predicts[i].block == block)
		return NULL;
	l->predicts = grow(l->predicts, l->npredicts, sizeof *l->predicts);
	memmove(&l->predicts[i + 1], &l->predicts[i],
	    (l->npredicts - i) * sizeof *l->predicts);
	l->npredicts++;
	memset(&l->predicts[i], 0, sizeof l->predicts[i]);
	l->predicts[i].block = block;
	return &l->predicts[i];
}

/* See progress.h. */
void
progress_predict_commit(struct progress_lesson *l, size_t block,
    bool is_choice, size_t choice, double value)
{
	struct progress_predict *pr;

	if (is_choice ? choice >= 26 : !isfinite(value))
		return;		/* not a guess the file can hold */
	pr = progress_predict_add(l, block);
	if (pr == NULL)
		return;		/* the first prediction stands */
	pr->is_choice = is_choice;
	pr->choice = is_choice ? choice : 0;
	pr->value = is_choice ? 0 : value;
}

/* See progress_int.h. */
void
progress_extra_add(char ***v, size_t *n, const char *line)
{
	*v = grow(*v, *n, sizeof **v);
	(*v)[(*n)++] = xstrdup(line);
}

/* Move the reading position, stamped. */
void
progress_set_block(struct progress_lesson *l, size_t block)
{
	progress_set_place(l, block, 0);
}

/* Move the reading position to a line of a block, stamped. */
void
progress_set_place(struct progress_lesson *l, size_t block, long offset)
{
	if (l->block == block && l->offset == offset)
		return;
	l->block = block;
	l->offset = offset;
	l->block_at = progress_now();
}

/* The reader moved: as progress_set_place, but block 0 at offset 0 in a
 * record never placed (no stamp) is a move too. */
void
progress_move_to(struct progress_lesson *l, size_t block, long offset)
{
	if (block == 0 && offset == 0 && l->block == 0 && l->offset == 0 &&
	    l->block_at == 0) {
		l->block_at = progress_now();
		return;
	}
	progress_set_place(l, block, offset);
}

/* Are two optional ids the same? */
static bool
same_id(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Set the lesson read last, stamped. */
void
progress_set_last(struct progress *p, const char *id)
{
	if (same_id(p->last, id))
		return;
	free(p->last);
	p->last = id != NULL ? xstrdup(id) : NULL;
	p->last_at = progress_now();
}

/* Empty a lesson's record and mark it forgotten. */
static void
forget(struct progress_lesson *l)
{
	lesson_clear(l);
	l->block = 0;
	l->offset = 0;
	l->block_at = progress_now();
	l->seen = 0;
	l->finished = false;
	l->reset = true;
}

/* Forget one lesson or all. */
void
progress_reset(struct progress *p, const char *id)
{
	if (id == NULL) {
		for (size_t i = 0; i < p->n; i++)
			forget(&p->lessons[i]);
		for (size_t i = 0; i < p->nreviews; i++)
			free(p->reviews[i].concept);
		free(p->reviews);
		p->reviews = NULL;
		p->nreviews = 0;
		extra_free(&p->extra, &p->nextra);
		p->reset_all = true;
	} else {
		forget(progress_lesson(p, id, true));
	}
	if (id == NULL || same_id(p->last, id))
		progress_set_last(p, NULL);
}

/* Did this session change a quiz's record? */
static bool
quiz_changed(const struct progress_quiz *q)
{
	return q->right != q->base_right || q->attempts != q->base_attempts ||
	    q->revealed != q->base_revealed;
}

/* Did this session move the reading position? A block set without
 * progress_set_block() counts too. */
static bool
block_changed(const struct progress_lesson *l)
{
	return l->block != l->base_block || l->offset != l->base_offset ||
	    l->block_at > l->base_block_at;
}

/* See progress.h. */
bool
progress_lesson_changed(const struct progress_lesson *l)
{
	if (l->reset || block_changed(l) || l->seen != l->base_seen ||
	    l->finished != l->base_finished)
		return true;
	for (size_t i = 0; i < l->nquizzes; i++)
		if (quiz_changed(&l->quizzes[i]))
			return true;
	for (size_t i = 0; i < l->npredicts; i++)
		if (!l->predicts[i].base)
			return true;
	return false;
}

/* Copy a lesson's facts (not its id) into an empty record of out. */
static void
copy_facts(struct progress_lesson *to, const struct progress_lesson *from)
{
	to->block = from->block;
	to->offset = from->offset;
	to->block_at = from->block_at;
	to->seen = from->seen;
	to->finished = from->finished;
	for (size_t i = 0; i < from->nquizzes; i++) {
		struct progress_quiz *q = progress_quiz_record(to,
		    from->quizzes[i].block);

		q->right = from->quizzes[i].right;
		q->attempts = from->quizzes[i].attempts;
		q->revealed = from->quizzes[i].revealed;
	}
	for (size_t i = 0; i < from->npredicts; i++) {
		struct progress_predict *pr = progress_predict_add(to,
		    from->predicts[i].block);

		if (pr != NULL)
			*pr = from->predicts[i];
	}
	for (size_t i = 0; i < from->nextra; i++)
		progress_extra_add(&to->extra, &to->nextra, from->extra[i]);
}

/* When mine's position was changed: its stamp, or now when it was set
 * without one. */
static int64_t
block_stamp(const struct progress_lesson *l)
{
	return l->block_at > l->base_block_at ? l->block_at : progress_now();
}

/* Combine what mine changed in a lesson with the file's record of it
 * (disk may be NULL) into to, which holds disk's facts already. */
static void
combine(struct progress_lesson *to, const struct progress_lesson *mine)
{
	if (block_changed(mine)) {
		int64_t at = block_stamp(mine);

		if (at >= to->block_at) {
			to->block = mine->block;
			to->offset = mine->offset;
			to->block_at = at;
		}
	}
	if (mine->seen != mine->base_seen && mine->seen > to->seen)
		to->seen = mine->seen;
	if (mine->finished && !mine->base_finished)
		to->finished = true;
	for (size_t i = 0; i < mine->nquizzes; i++) {
		const struct progress_quiz *m = &mine->quizzes[i];
		struct progress_quiz *q;
		long long attempts;

		if (!quiz_changed(m))
			continue;
		q = progress_quiz_record(to, m->block);
		q->right = q->right || m->right;
		q->revealed = q->revealed || m->revealed;
		attempts = (long long)q->attempts + m->attempts -
		    m->base_attempts;
		q->attempts = attempts < 0 ? 0 : attempts >
		    PROGRESS_MAX_ATTEMPTS ? PROGRESS_MAX_ATTEMPTS : (int)attempts;
	}
	/* a prediction made here goes in unless the file holds one */
	for (size_t i = 0; i < mine->npredicts; i++) {
		const struct progress_predict *m = &mine->predicts[i];
		struct progress_predict *pr;

		if (!m->base && (pr = progress_predict_add(to, m->block)) != NULL)
			*pr = *m;
	}
}

/* Make every fact of p its base: nothing counts as changed. */
static void
settle(struct progress *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct progress_lesson *l = &p->lessons[i];

		l->base_block = l->block;
		l->base_offset = l->offset;
		l->base_block_at = l->block_at;
		l->base_seen = l->seen;
		l->base_finished = l->finished;
		l->reset = false;
		for (size_t j = 0; j < l->nquizzes; j++) {
			l->quizzes[j].base_right = l->quizzes[j].right;
			l->quizzes[j].base_attempts = l->quizzes[j].attempts;
			l->quizzes[j].base_revealed = l->quizzes[j].revealed;
		}
		for (size_t j = 0; j < l->npredicts; j++)
			l->predicts[j].base = true;
	}
	for (size_t i = 0; i < p->nreviews; i++)
		p->reviews[i].changed = false;
	free(p->base_last);
	p->base_last = p->last != NULL ? xstrdup(p->last) : NULL;
	p->base_last_at = p->last_at;
	p->reset_all = false;
}

/* Reviews: the file's, and each one this session asked unless the file
 * holds a later asking of the same concept. */
static void
merge_reviews(struct progress *out, const struct progress *mine,
    const struct progress *disk)
{
	for (size_t i = 0; !mine->reset_all && i < disk->nreviews; i++) {
		const struct progress_review *d = &disk->reviews[i];
		struct progress_review *to = progress_review_record(out,
		    d->concept);

		to->streak = d->streak;
		to->asked = d->asked;
		to->at = d->at;
	}
	for (size_t i = 0; i < mine->nreviews; i++) {
		const struct progress_review *r = &mine->reviews[i];
		struct progress_review *to;

		if (!r->changed && !mine->reset_all)
			continue;
		to = progress_review_record(out, r->concept);
		if (to->at > r->at)
			continue;	/* asked again elsewhere, later */
		to->streak = r->streak;
		to->asked = r->asked;
		to->at = r->at;
	}
}

/* The last lesson: the one changed most recently. */
static void
merge_last(struct progress *out, const struct progress *mine,
    const struct progress *disk)
{
	const char *last = mine->reset_all ? NULL : disk->last;
	int64_t at = mine->reset_all ? 0 : disk->last_at;

	if (!same_id(mine->last, mine->base_last) ||
	    mine->last_at > mine->base_last_at || mine->reset_all) {
		int64_t mine_at = mine->last_at > mine->base_last_at ?
		    mine->last_at : progress_now();

		if (mine_at >= at) {
			last = mine->last;
			at = mine_at;
		}
	}
	out->last = last != NULL ? xstrdup(last) : NULL;
	out->last_at = at;
}

/* See progress.h. */
void
progress_merge(struct progress *out, const struct progress *mine,
    const struct progress *disk)
{
	if (!mine->reset_all)
		for (size_t i = 0; i < disk->n; i++)
			copy_facts(progress_lesson(out, disk->lessons[i].id, true),
			    &disk->lessons[i]);
	for (size_t i = 0; i < mine->n; i++) {
		const struct progress_lesson *l = &mine->lessons[i];
		struct progress_lesson *to;

		if (!progress_lesson_changed(l))
			continue;	/* nothing of ours: the file's stands */
		to = progress_lesson(out, l->id, true);
		if (l->reset) {
			lesson_clear(to);
			copy_facts(to, l);
			to->block_at = block_stamp(l);
		} else {
			combine(to, l);
		}
	}
	/* "#+ " lines of unknown kinds: this session never changes them */
	for (size_t i = 0; !mine->reset_all && i < disk->nextra; i++)
		progress_extra_add(&out->extra, &out->nextra, disk->extra[i]);
	merge_last(out, mine, disk);
	merge_reviews(out, mine, disk);
	settle(out);
}

/* See progress_int.h. */
void
progress_settle(struct progress *p)
{
	settle(p);
}

#include "config.h"

#include "lesson/lesson.h"
#include "lesson/tree.h"
#include "lesson/expect.h"
#include "core/file.h"
#include "core/lessonid.h"
#include "core/num.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A mapping may have at most this many distinct keys checked. */
#define MAP_KEYS_MAX 32

/* What a key's value must be. */
enum shape {
	SCALAR = 1,
	SEQ = 2,
	MAP = 4
};

struct key_spec {
	const char *name;
	unsigned shapes;	/* bitwise or of enum shape */
	int required;
	const char *what;	/* for messages: "the lesson title" */
};

/* Loader state for one file. */
struct loader {
	const char *file;
	const char *buf;	/* the file's text, for where a scalar's text starts */
	size_t len;
	struct diag_list *diags;
	int failed;
};

/* Record an error at a node's position. */
__attribute__((format(printf, 3, 4)))
static void
error_at(struct loader *ld, const struct lesson_node *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(ld->diags, DIAG_ERROR, ld->file, at != NULL ? at->pos.line : 0,
	    at != NULL ? at->pos.col : 0, "%s", msg);
	ld->failed = 1;
}

/* How a message names a wanted shape. */
static const char *
shape_words(unsigned shapes)
{
	switch (shapes) {
	case SCALAR:
		return "text";
	case SEQ:
		return "a YAML sequence";
	case MAP:
		return "a YAML mapping";
	case SCALAR | SEQ:
		return "text or a YAML sequence";
	case SCALAR | MAP:
		return "text or a YAML mapping";
	default:
		return "a value";
	}
}

/* The shape bit of a node. */
static unsigned
shape_of(const struct lesson_node *node)
{
	switch (node->kind) {
	case LESSON_NODE_SCALAR:
		return SCALAR;
	case LESSON_NODE_SEQ:
		return SEQ;
	case LESSON_NODE_MAP:
		return MAP;
	}
	return 0;
}

/* Suggest the valid key nearest to a misspelt one, or NULL. */
static const char *
nearest_key(const char *key, const struct key_spec *specs, size_t n)
{
	const char *names[MAP_KEYS_MAX];

	for (size_t i = 0; i < n && i < MAP_KEYS_MAX; i++)
		names[i] = specs[i].name;
	return suggest_nearest(key, names, n < MAP_KEYS_MAX ? n : MAP_KEYS_MAX);
}

/* The list "a, b, c" of valid keys for a message. */
static void
key_list(char *out, size_t size, const struct key_spec *specs, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		    i == 0 ? "" : ", ", specs[i].name);
}

/* Match a mapping's keys against specs: values[i] gets the value node of
 * specs[i] (or NULL). Reports unknown, duplicate, mistyped and missing keys.
 * context names the mapping in messages ("a quiz block"). */
static void
match_keys(struct loader *ld, const struct lesson_node *map,
    const struct key_spec *specs, size_t n, const struct lesson_node **values,
    const char *context)
{
	const struct lesson_node *keys[MAP_KEYS_MAX] = {0};

	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	for (size_t k = 0; k + 1 < map->n; k += 2) {
		const struct lesson_node *key = map->kids[k];
		const struct lesson_node *value = map->kids[k + 1];
		size_t i;

		if (key->kind != LESSON_NODE_SCALAR) {
			error_at(ld, key, "keys must be plain words, found %s",
			    lesson_node_what(key));
			continue;
		}
		for (i = 0; i < n; i++)
			if (strcmp(key->str, specs[i].name) == 0)
				break;
		if (i == n) {
			const char *near = nearest_key(key->str, specs, n);
			char valid[512];
			char *shown = utf8_sanitize(key->str, key->len, 0);

			if (near != NULL) {
				error_at(ld, key, "unknown key '%s' in %s (did you "
				    "mean '%s'?)", shown, context, near);
			} else {
				key_list(valid, sizeof valid, specs, n);
				error_at(ld, key, "unknown key '%s' in %s (valid "
				    "keys: %s)", shown, context, valid);
			}
			free(shown);
			continue;
		}
		if (keys[i] != NULL) {
			error_at(ld, key, "duplicate key '%s' (first given at "
			    "line %d, column %d)", specs[i].name, keys[i]->pos.line,
			    keys[i]->pos.col);
			continue;
		}
		keys[i] = key;
		if ((shape_of(value) & specs[i].shapes) == 0) {
			error_at(ld, value, "'%s': expected %s (%s), found %s",
			    specs[i].name, specs[i].what,
			    shape_words(specs[i].shapes), lesson_node_what(value));
			continue;
		}
		values[i] = value;
	}
	for (size_t i = 0; i < n; i++)
		if (specs[i].required && keys[i] == NULL)
			error_at(ld, map, "missing required key '%s' (%s) in %s",
			    specs[i].name, specs[i].what, context);
}

/* A copy of a scalar with trailing newlines and spaces removed. */
static char *
text_of(const struct lesson_node *node)
{
	size_t len = node->len;

	while (len > 0 && (node->str[len - 1] == '\n' ||
	    node->str[len - 1] == ' ' || node->str[len - 1] == '\r'))
		len--;
	return xstrndup(node->str, len);
}

/* Non-empty text, or an error naming what was expected. */
static char *
required_text(struct loader *ld, const struct lesson_node *node,
    const char *what)
{
	char *s = text_of(node);

	if (s[strspn(s, " \t\n")] == '\0') {
		error_at(ld, node, "expected %s, found an empty value", what);
		free(s);
		return NULL;
	}
	if (memchr(node->str, '\0', node->len) != NULL) {
		error_at(ld, node, "%s contains a NUL byte", what);
		free(s);
		return NULL;
	}
	return s;
}

/* Optional text: NULL when the node is absent. */
static char *
optional_text(struct loader *ld, const struct lesson_node *node,
    const char *what)
{
	return node != NULL ? required_text(ld, node, what) : NULL;
}

/* A one-line text of at most max display columns. */
static char *
one_line(struct loader *ld, const struct lesson_node *node, const char *what,
    size_t max)
{
	char *s = required_text(ld, node, what);

	if (s == NULL)
		return NULL;
	if (strchr(s, '\n') != NULL) {
		error_at(ld, node, "%s must be one line", what);
		free(s);
		return NULL;
	}
	if (utf8_width(s, strlen(s)) > max) {
		error_at(ld, node, "%s is longer than %zu columns", what, max);
		free(s);
		return NULL;
	}
	return s;
}

/* Parse an integer value within [min, max]. */
static int
int_value(struct loader *ld, const struct lesson_node *node, const char *key,
    long long min, long long max, int *out)
{
	long long v;
	int rc = num_parse_long(node->str, min, max, &v);

	if (rc == NUM_ESYNTAX) {
		char *shown = utf8_sanitize(node->str, node->len, 0);

		error_at(ld, node, "'%s': expected a whole number from %lld to "
		    "%lld, found '%s'", key, min, max, shown);
		free(shown);
		return -1;
	}
	if (rc == NUM_ERANGE) {
		char *shown = utf8_sanitize(node->str, node->len, 0);

		error_at(ld, node, "'%s': %s is out of range (%lld to %lld)",
		    key, shown, min, max);
		free(shown);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* Parse a finite decimal number. */
static int
real_value(struct loader *ld, const struct lesson_node *node, const char *key,
    double *out)
{
	int rc = num_parse_double(node->str, out);
	char *shown;

	if (rc == NUM_OK)
		return 0;
	shown = utf8_sanitize(node->str, node->len, 0);
	if (rc == NUM_ERANGE)
		error_at(ld, node, "'%s': %s is too large for a number", key,
		    shown);
	else
		error_at(ld, node, "'%s': expected a decimal number, found '%s'",
		    key, shown);
	free(shown);
	return -1;
}

/* Parse true/false (yes/no also read as people mean them). */
static int
bool_value(struct loader *ld, const struct lesson_node *node, const char *key,
    bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"};
	static const char *const no[] = {"false", "no", "off"};

	for (size_t i = 0; i < 3; i++) {
		if (strcmp(node->str, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(node->str, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	error_at(ld, node, "'%s': expected true or false, found '%.40s'", key,
	    node->str);
	return -1;
}

/* Each table of keys has an enum of named indices: match_keys() puts the
 * value of table[K] in v[K], and the loaders read v[K] by those names. */
#define KEY(n, s, r, w) { .name = (n), .shapes = (s), .required = (r), \
	.what = (w) }

/* The keys of the top-level mapping. */
enum { LK_ID, LK_NUMBER, LK_TITLE, LK_GOAL, LK_BLOCKS, LK_COUNT };
static const struct key_spec lesson_keys[LK_COUNT] = {
	[LK_ID] = KEY("id", SCALAR, 1,
	    "the lesson id (like vanishing-gradients)"),
	[LK_NUMBER] = KEY("number", SCALAR, 1,
	    "the lesson's position in the course (1 to "
	    NUM_STR(LESSON_MAX_NUMBER) ")"),
	[LK_TITLE] = KEY("title", SCALAR, 1, "the lesson title"),
	[LK_GOAL] = KEY("goal", SCALAR, 1, "a one-paragraph goal"),
	[LK_BLOCKS] = KEY("blocks", SEQ, 1, "a list of blocks"),
};

/* Block kinds and the keys each allows; the kind key comes first. */
enum { HK_HEADING, HK_LEVEL, HK_COUNT };
static const struct key_spec heading_keys[HK_COUNT] = {
	[HK_HEADING] = KEY("heading", SCALAR, 1, "the heading text"),
	[HK_LEVEL] = KEY("level", SCALAR, 0, "a heading level (1 or 2)"),
};
enum { TK_TEXT, TK_COUNT };
static const struct key_spec text_keys[TK_COUNT] = {
	[TK_TEXT] = KEY("text", SCALAR, 1, "paragraphs of text"),
};
enum { CK_CODE, CK_LANG, CK_CAPTION, CK_COUNT };
static const struct key_spec code_keys[CK_COUNT] = {
	[CK_CODE] = KEY("code", SCALAR, 1, "the code"),
	[CK_LANG] = KEY("lang", SCALAR, 0, "the language name"),
	[CK_CAPTION] = KEY("caption", SCALAR, 0, "a one-line caption"),
};
enum { QK_QUIZ, QK_CHOICES, QK_ANSWER, QK_TOLERANCE, QK_EXPLAIN, QK_RETRY,
	QK_HINT, QK_REVEAL, QK_FRACTION, QK_COUNT };
static const struct key_spec quiz_keys[QK_COUNT] = {
	[QK_QUIZ] = KEY("quiz", SCALAR, 1, "the question"),
	[QK_CHOICES] = KEY("choices", SEQ, 0, "a list of choices"),
	[QK_ANSWER] = KEY("answer", SCALAR, 1,
	    "the answer: a choice letter or a number"),
	[QK_TOLERANCE] = KEY("tolerance", SCALAR, 0,
	    "the accepted error of a numeric answer"),
	[QK_EXPLAIN] = KEY("explain", SCALAR, 0, "an explanation"),
	[QK_RETRY] = KEY("retry", SCALAR, 0, "true or false"),
	[QK_HINT] = KEY("hint", SCALAR | SEQ, 0,
	    "a hint or a list of hints"),
	[QK_REVEAL] = KEY("reveal", SCALAR, 0,
	    "false, or the wrong tries before the answer shows"),
	[QK_FRACTION] = KEY("fraction", SCALAR, 0, "true or false"),
};
/* A choice written as a mapping rather than plain text. */
enum { CHK_TEXT, CHK_WHY, CHK_COUNT };
static const struct key_spec choice_keys[CHK_COUNT] = {
	[CHK_TEXT] = KEY("text", SCALAR, 1, "the choice"),
	[CHK_WHY] = KEY("why", SCALAR, 0,
	    "why a reader who picks it is wrong (or right)"),
};
enum { SK_SIM, SK_CAPTION, SK_PARAMS, SK_KNOBS, SK_CHARTS, SK_OUTPUT, SK_TRY,
	SK_PREDICT, SK_EXPECT, SK_COUNT };
static const struct key_spec sim_keys[SK_COUNT] = {
	[SK_SIM] = KEY("sim", SCALAR, 1, "a simulation name"),
	[SK_CAPTION] = KEY("caption", SCALAR, 0, "a one-line caption"),
	[SK_PARAMS] = KEY("params", MAP, 0, "parameter values (name: value)"),
	[SK_KNOBS] = KEY("knobs", SEQ, 0, "a list of knobs"),
	[SK_CHARTS] = KEY("charts", SEQ, 0, "a list of charts"),
	[SK_OUTPUT] = KEY("output", SCALAR, 0, "an output template"),
	[SK_TRY] = KEY("try", SCALAR, 0, "a 'try this' prompt"),
	[SK_EXPECT] = KEY("expect", MAP, 0,
	    "result assertions (name: \"< 0.6\")"),
	[SK_PREDICT] = KEY("predict", MAP, 0,
	    "a prediction asked before the result shows"),
};
enum { PK_ASK, PK_CHOICES, PK_ANSWER, PK_SCALAR, PK_TOLERANCE, PK_DECADES,
	PK_FRACTION, PK_COUNT };
static const struct key_spec predict_keys[PK_COUNT] = {
	[PK_ASK] = KEY("ask", SCALAR, 1, "the question"),
	[PK_CHOICES] = KEY("choices", SEQ, 0, "a list of choices"),
	[PK_ANSWER] = KEY("answer", SCALAR, 0,
	    "the letter of the right choice"),
	[PK_SCALAR] = KEY("scalar", SCALAR, 0,
	    "the result scalar a numeric guess is compared with"),
	[PK_TOLERANCE] = KEY("tolerance", SCALAR, 0,
	    "the accepted error of a numeric guess"),
	[PK_DECADES] = KEY("decades", SCALAR, 0,
	    "the accepted error in orders of magnitude"),
	[PK_FRACTION] = KEY("fraction", SCALAR, 0, "true or false"),
};
enum { KK_NAME, KK_MIN, KK_MAX, KK_STEP, KK_COUNT };
static const struct key_spec knob_keys[KK_COUNT] = {
	[KK_NAME] = KEY("name", SCALAR, 1, "a parameter name"),
	[KK_MIN] = KEY("min", SCALAR, 0, "the smallest value"),
	[KK_MAX] = KEY("max", SCALAR, 0, "the largest value"),
	[KK_STEP] = KEY("step", SCALAR, 0, "the step of one key press"),
};
enum { GK_SERIES, GK_HEIGHT, GK_SCALE, GK_RANGE, GK_CAPTION, GK_COUNT };
static const struct key_spec chart_keys[GK_COUNT] = {
	[GK_SERIES] = KEY("series", SCALAR | SEQ, 1,
	    "a series name or a list of them"),
	[GK_HEIGHT] = KEY("height", SCALAR, 0, "a height in rows (1 to "
	    NUM_STR(LESSON_MAX_CHART_HEIGHT) ")"),
	[GK_SCALE] = KEY("scale", SCALAR, 0, "linear, log or auto"),
	[GK_RANGE] = KEY("range", SEQ, 0, "a [low, high] pair"),
	[GK_CAPTION] = KEY("caption", SCALAR, 0, "a one-line caption"),
};

/* Every block kind's table starts with its kind key (HK_HEADING, TK_TEXT,
 * CK_CODE, QK_QUIZ, SK_SIM are all this index). */
#define KIND_KEY 0
/* The most keys a block kind has: the size of load_block's v[]. */
#define BLOCK_KEYS_MAX ((int)QK_COUNT)
_Static_assert(HK_HEADING == KIND_KEY && TK_TEXT == KIND_KEY &&
    CK_CODE == KIND_KEY && QK_QUIZ == KIND_KEY && SK_SIM == KIND_KEY,
    "the kind key comes first");
_Static_assert((int)HK_COUNT <= BLOCK_KEYS_MAX &&
    (int)TK_COUNT <= BLOCK_KEYS_MAX && (int)CK_COUNT <= BLOCK_KEYS_MAX &&
    (int)SK_COUNT <= BLOCK_KEYS_MAX,
    "load_block's v[] holds every block kind's keys");
_Static_assert((int)LK_COUNT <= MAP_KEYS_MAX && BLOCK_KEYS_MAX <= MAP_KEYS_MAX,
    "match_keys tracks at most MAP_KEYS_MAX keys");

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

struct block_kind {
	const char *name;
	enum lesson_block_kind kind;
	const struct key_spec *keys;
	size_t nkeys;
};

#define BLOCK_KIND(n, k, table) { .name = (n), .kind = (k), \
	.keys = (table), .nkeys = NKEYS(table) }

static const struct block_kind block_kinds[] = {
	BLOCK_KIND("heading", LESSON_HEADING, heading_keys),
	BLOCK_KIND("text", LESSON_TEXT, text_keys),
	BLOCK_KIND("code", LESSON_CODE, code_keys),
	BLOCK_KIND("quiz", LESSON_QUIZ, quiz_keys),
	BLOCK_KIND("sim", LESSON_SIM, sim_keys),
};

/* A heading block. */
static void
load_heading(struct loader *ld, struct lesson_block *b,
    const struct lesson_node **v)
{
	b->text = one_line(ld, v[HK_HEADING], "a heading", LESSON_LINE_WIDTH);
	b->level = 1;
	if (v[HK_LEVEL] != NULL)
		int_value(ld, v[HK_LEVEL], "level", 1, 2, &b->level);
}

/* A code block: kept verbatim but for trailing blank lines. */
static void
load_code(struct loader *ld, struct lesson_block *b,
    const struct lesson_node **v)
{
	b->text = required_text(ld, v[CK_CODE], "code");
	b->text_pos = v[CK_CODE]->pos;
	b->lang = v[CK_LANG] != NULL ? one_line(ld, v[CK_LANG],
	    "a language name", LESSON_MAX_LANG_WIDTH) : xstrdup("python");
	b->caption = v[CK_CAPTION] != NULL ? one_line(ld, v[CK_CAPTION],
	    "a caption", LESSON_LINE_WIDTH) : NULL;
}

/* A multiple-choice answer letter, a to the number of choices. */
static void
load_choice_answer(struct loader *ld, struct lesson_quiz *q,
    const struct lesson_node *answer)
{
	const char *s = answer->str;

	if (strlen(s) == 1 && s[0] >= 'a' && s[0] < 'a' + (int)q->nchoices) {
		q->answer = (size_t)(s[0] - 'a');
		return;
	}
	error_at(ld, answer, "'answer': expected a choice letter from a to %c, "
	    "found '%.40s'", (char)('a' + q->nchoices - 1), s);
	if (strlen(s) == 1 && s[0] >= 'A' && s[0] < 'A' + (int)q->nchoices)
		diag_help(ld->diags, "choice letters are lower case: answer: %c",
		    s[0] - 'A' + 'a');
}

/* One choice: plain text, or a mapping {text:, why:}. */
static void
load_choice(struct loader *ld, struct lesson_quiz *q, size_t i,
    const struct lesson_node *node)
{
	const struct lesson_node *v[CHK_COUNT];

	if (node->kind == LESSON_NODE_SCALAR) {
		q->choices[i] = required_text(ld, node, "a choice");
		return;
	}
	if (node->kind != LESSON_NODE_MAP) {
		error_at(ld, node, "a choice is text or a mapping with text "
		    "and why; found %s", lesson_node_what(node));
		return;
	}
	match_keys(ld, node, choice_keys, NKEYS(choice_keys), v, "a choice");
	if (v[CHK_TEXT] != NULL)
		q->choices[i] = required_text(ld, v[CHK_TEXT], "a choice");
	if (v[CHK_WHY] != NULL)
		q->why[i] = required_text(ld, v[CHK_WHY], "a reason (why)");
}

/* 'hint': one text, or a list of texts shown one by one. */
static void
load_hints(struct loader *ld, struct lesson_quiz *q,
    const struct lesson_node *node)
{
	size_t n = node->kind == LESSON_NODE_SEQ ? node->n : 1;

	if (n == 0 || n > LESSON_MAX_HINTS) {
		error_at(ld, node, "'hint': expected 1 to %d hints, found %zu",
		    LESSON_MAX_HINTS, n);
		return;
	}
	q->hints = xcalloc(n, sizeof *q->hints);
	q->nhints = n;
	if (node->kind == LESSON_NODE_SCALAR) {
		q->hints[0] = required_text(ld, node, "a hint");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (node->kids[i]->kind != LESSON_NODE_SCALAR)
			error_at(ld, node->kids[i], "a hint must be text, found "
			    "%s", lesson_node_what(node->kids[i]));
		else
			q->hints[i] = required_text(ld, node->kids[i], "a hint");
	}
}

/* 'reveal': true (after LESSON_REVEAL_AFTER wrong tries), false (never),
 * or the number of wrong tries. */
static void
load_reveal(struct loader *ld, struct lesson_quiz *q,
    const struct lesson_node *node)
{
	static const char *const words[] = {"true", "yes", "on", "false",
		"no", "off"};
	long long tries;
	bool on;

	for (size_t i = 0; i < NKEYS(words); i++)
		if (strcmp(node->str, words[i]) == 0) {
			bool_value(ld, node, "reveal", &on);
			q->reveal_after = on ? LESSON_REVEAL_AFTER : 0;
			return;
		}
	if (num_parse_long(node->str, 1, 100, &tries) != NUM_OK) {
		error_at(ld, node, "'reveal': expected true, false or the number "
		    "of wrong tries (1 to 100) before the answer shows, found "
		    "'%.40s'", node->str);
		return;
	}
	int_value(ld, node, "reveal", 1, 100, &q->reveal_after);
}

/* A quiz block: multiple choice when it has choices, numeric otherwise. */
static void
load_quiz(struct loader *ld, struct lesson_block *b,
    const struct lesson_node **v)
{
	struct lesson_quiz *q = &b->quiz;
	const struct lesson_node *choices = v[QK_CHOICES];
	const struct lesson_node *answer = v[QK_ANSWER];
	const struct lesson_node *tolerance = v[QK_TOLERANCE];

	q->question = required_text(ld, v[QK_QUIZ], "a question");
	q->explain = optional_text(ld, v[QK_EXPLAIN], "an explanation");
	q->retry = true;
	if (v[QK_RETRY] != NULL)
		bool_value(ld, v[QK_RETRY], "retry", &q->retry);
	if (v[QK_HINT] != NULL)
		load_hints(ld, q, v[QK_HINT]);
	q->reveal_after = LESSON_REVEAL_AFTER;
	if (v[QK_REVEAL] != NULL)
		load_reveal(ld, q, v[QK_REVEAL]);
	if (v[QK_FRACTION] != NULL) {
		bool_value(ld, v[QK_FRACTION], "fraction", &q->fraction);
		if (choices != NULL)
			error_at(ld, v[QK_FRACTION], "'fraction' is for numeric "
			    "quizzes: it lets a reader type 51.75%% for 0.5175");
	}
	if (choices != NULL) {
		if (choices->n < 2 || choices->n > LESSON_MAX_CHOICES) {
			error_at(ld, choices, "'choices': expected 2 to %d choices, "
			    "found %zu", LESSON_MAX_CHOICES, choices->n);
			return;
		}
		q->choices = xcalloc(choices->n, sizeof *q->choices);
		q->why = xcalloc(choices->n, sizeof *q->why);
		q->nchoices = choices->n;
		for (size_t i = 0; i < choices->n; i++)
			load_choice(ld, q, i, choices->kids[i]);
		if (tolerance != NULL)
			error_at(ld, tolerance, "'tolerance' is for numeric quizzes; "
			    "a quiz with choices has an answer letter");
		if (answer != NULL)
			load_choice_answer(ld, q, answer);
		return;
	}
	if (answer != NULL && real_value(ld, answer, "answer", &q->value) == 0) {
		q->tolerance = q->value != 0 ? 0.01 * (q->value < 0 ? -q->value :
		    q->value) : 1e-9;
		if (tolerance != NULL && real_value(ld, tolerance, "tolerance",
		    &q->tolerance) == 0 && q->tolerance < 0)
			error_at(ld, tolerance, "'tolerance' must not be negative");
	}
}

/* A sim block's 'predict': a choice list with its answer, or a scalar of
 * the result with a tolerance (absolute, or in decades). */
static void
load_predict(struct loader *ld, struct lesson_predict *p,
    const struct lesson_node *node)
{
	const struct lesson_node *v[PK_COUNT];
	const struct lesson_node *choices;

	match_keys(ld, node, predict_keys, NKEYS(predict_keys), v,
	    "a prediction");
	if (v[PK_ASK] == NULL)
		return;
	p->ask = required_text(ld, v[PK_ASK], "a question");
	p->tolerance = -1;
	choices = v[PK_CHOICES];
	if ((choices == NULL) == (v[PK_SCALAR] == NULL)) {
		error_at(ld, node, "a prediction has either choices (with an "
		    "answer letter) or a scalar of the result to compare a "
		    "number with");
		return;
	}
	if (choices != NULL) {
		struct lesson_quiz q = { .nchoices = 0 };

		if (choices->n < 2 || choices->n > LESSON_MAX_CHOICES) {
			error_at(ld, choices, "'choices': expected 2 to %d choices, "
			    "found %zu", LESSON_MAX_CHOICES, choices->n);
			return;
		}
		p->choices = xcalloc(choices->n, sizeof *p->choices);
		p->nchoices = choices->n;
		for (size_t i = 0; i < choices->n; i++) {
			if (choices->kids[i]->kind != LESSON_NODE_SCALAR)
				error_at(ld, choices->kids[i], "a choice must be "
				    "text, found %s",
				    lesson_node_what(choices->kids[i]));
			else
				p->choices[i] = required_text(ld,
				    choices->kids[i], "a choice");
		}
		if (v[PK_ANSWER] == NULL) {
			error_at(ld, node, "missing required key 'answer' (the "
			    "letter of the right choice) in a prediction with "
			    "choices");
			return;
		}
		q.nchoices = p->nchoices;
		load_choice_answer(ld, &q, v[PK_ANSWER]);
		p->answer = q.answer;
		for (int k = PK_TOLERANCE; k <= PK_FRACTION; k++)
			if (v[k] != NULL)
				error_at(ld, v[k], "'%s' is for a numeric "
				    "prediction (with 'scalar')",
				    predict_keys[k].name);
		return;
	}
	if (v[PK_ANSWER] != NULL)
		error_at(ld, v[PK_ANSWER], "'answer' is for a prediction with "
		    "choices; a numeric one is checked against its scalar, "
		    "which the simulation computes");
	p->scalar = required_text(ld, v[PK_SCALAR], "a scalar name");
	p->scalar_pos = v[PK_SCALAR]->pos;
	if (v[PK_TOLERANCE] != NULL && v[PK_DECADES] != NULL)
		error_at(ld, v[PK_DECADES], "give 'tolerance' or 'decades', "
		    "not both");
	if (v[PK_TOLERANCE] != NULL && real_value(ld, v[PK_TOLERANCE],
	    "tolerance", &p->tolerance) == 0 && p->tolerance < 0)
		error_at(ld, v[PK_TOLERANCE], "'tolerance' must not be negative");
	if (v[PK_DECADES] != NULL && real_value(ld, v[PK_DECADES], "decades",
	    &p->decades) == 0 && p->decades <= 0)
		error_at(ld, v[PK_DECADES], "'decades' must be above 0");
	if (v[PK_FRACTION] != NULL)
		bool_value(ld, v[PK_FRACTION], "fraction", &p->fraction);
}

/* Sim parameters: a mapping of names to scalar values. */
static void
load_params(struct loader *ld, struct lesson_sim *s,
    const struct lesson_node *map)
{
	s->params = xcalloc(map->n / 2 + 1, sizeof *s->params);
	for (size_t k = 0; k + 1 < map->n; k += 2) {
		const struct lesson_node *key = map->kids[k];
		const struct lesson_node *value = map->kids[k + 1];
		struct lesson_param *p;

		if (key->kind != LESSON_NODE_SCALAR ||
		    value->kind != LESSON_NODE_SCALAR) {
			error_at(ld, value, "'params': expected name: value pairs, "
			    "found %s", lesson_node_what(value));
			continue;
		}
		for (size_t j = 0; j < s->nparams; j++)
			if (strcmp(s->params[j].name, key->str) == 0)
				error_at(ld, key, "duplicate parameter '%s'",
				    key->str);
		p = &s->params[s->nparams++];
		p->name = xstrdup(key->str);
		p->value = text_of(value);
		p->pos = value->pos;
	}
}

/* Expectations: a mapping of result names to assertions (lesson/expect.h). */
static void
load_expects(struct loader *ld, struct lesson_sim *s,
    const struct lesson_node *map)
{
	s->expects = xcalloc(map->n / 2 + 1, sizeof *s->expects);
	for (size_t k = 0; k + 1 < map->n; k += 2) {
		const struct lesson_node *key = map->kids[k];
		const struct lesson_node *value = map->kids[k + 1];
		struct lesson_expect *e;
		char *cause;

		if (key->kind != LESSON_NODE_SCALAR ||
		    value->kind != LESSON_NODE_SCALAR) {
			error_at(ld, value, "'expect': expected name: assertion "
			    "pairs, found %s", lesson_node_what(value));
			continue;
		}
		for (size_t j = 0; j < s->nexpects; j++)
			if (strcmp(s->expects[j].name, key->str) == 0)
				error_at(ld, key, "'expect': %s is expected "
				    "twice (line %d)", key->str,
				    s->expects[j].pos.line);
		e = &s->expects[s->nexpects];
		if (lesson_expect_parse(e, value->str, &cause) < 0) {
			error_at(ld, value, "'expect': %s: %s", key->str, cause);
			free(cause);
			continue;
		}
		e->name = xstrdup(key->str);
		e->text = text_of(value);
		e->pos = value->pos;
		s->nexpects++;
	}
}

/* One knob: a parameter name, or a mapping with a narrower range. */
static void
load_knob(struct loader *ld, struct lesson_knob *k,
    const struct lesson_node *node)
{
	const struct lesson_node *v[KK_COUNT];

	k->pos = k->min_pos = k->max_pos = node->pos;
	if (node->kind == LESSON_NODE_SCALAR) {
		k->name = required_text(ld, node, "a parameter name");
		return;
	}
	if (node->kind != LESSON_NODE_MAP) {
		error_at(ld, node, "a knob is a parameter name or a mapping "
		    "with name, min, max and step; found %s",
		    lesson_node_what(node));
		return;
	}
	match_keys(ld, node, knob_keys, NKEYS(knob_keys), v, "a knob");
	if (v[KK_NAME] != NULL) {
		k->pos = v[KK_NAME]->pos;
		k->name = required_text(ld, v[KK_NAME], "a parameter name");
	}
	k->min_pos = v[KK_MIN] != NULL ? v[KK_MIN]->pos : k->pos;
	k->max_pos = v[KK_MAX] != NULL ? v[KK_MAX]->pos : k->pos;
	k->has_min = v[KK_MIN] != NULL &&
	    real_value(ld, v[KK_MIN], "min", &k->min) == 0;
	k->has_max = v[KK_MAX] != NULL &&
	    real_value(ld, v[KK_MAX], "max", &k->max) == 0;
	k->has_step = v[KK_STEP] != NULL &&
	    real_value(ld, v[KK_STEP], "step", &k->step) == 0;
	if (k->has_min && k->has_max && k->min > k->max)
		error_at(ld, v[KK_MIN], "knob '%s': min is larger than max",
		    k->name != NULL ? k->name : "?");
	if (k->has_step && !(k->step > 0))
		error_at(ld, v[KK_STEP], "'step' must be larger than 0");
}

/* The y-scale of a chart. */
static void
load_scale(struct loader *ld, struct lesson_chart *c,
    const struct lesson_node *node)
{
	if (strcmp(node->str, "auto") == 0)
		c->scale = LESSON_SCALE_AUTO;
	else if (strcmp(node->str, "linear") == 0)
		c->scale = LESSON_SCALE_LINEAR;
	else if (strcmp(node->str, "log") == 0)
		c->scale = LESSON_SCALE_LOG;
	else
		error_at(ld, node, "'scale': expected linear, log or auto, found "
		    "'%.40s'", node->str);
}

/* A chart's fixed y-range: [low, high]. */
static void
load_range(struct loader *ld, struct lesson_chart *c,
    const struct lesson_node *node)
{
	if (node->n != 2 || node->kids[0]->kind != LESSON_NODE_SCALAR ||
	    node->kids[1]->kind != LESSON_NODE_SCALAR) {
		error_at(ld, node, "'range': expected two numbers [low, high]");
		return;
	}
	if (real_value(ld, node->kids[0], "range", &c->lo) < 0 ||
	    real_value(ld, node->kids[1], "range", &c->hi) < 0)
		return;
	if (!(c->lo < c->hi)) {
		error_at(ld, node, "'range': low must be smaller than high");
		return;
	}
	c->has_range = true;
}

/* One chart of a sim block. */
static void
load_chart(struct loader *ld, struct lesson_chart *c,
    const struct lesson_node *node)
{
	const struct lesson_node *v[GK_COUNT];
	const struct lesson_node *series;

	c->pos = node->pos;
	c->height = 1;
	if (node->kind != LESSON_NODE_MAP) {
		error_at(ld, node, "a chart is a mapping with at least 'series', "
		    "found %s", lesson_node_what(node));
		return;
	}
	match_keys(ld, node, chart_keys, NKEYS(chart_keys), v, "a chart");
	series = v[GK_SERIES];
	if (series != NULL && series->kind == LESSON_NODE_SCALAR) {
		c->series = xcalloc(1, sizeof *c->series);
		c->series_pos = xcalloc(1, sizeof *c->series_pos);
		c->series[0] = required_text(ld, series, "a series name");
		c->series_pos[0] = series->pos;
		c->nseries = 1;
	} else if (series != NULL) {
		if (series->n == 0 || series->n > LESSON_MAX_SERIES)
			error_at(ld, series, "'series': expected 1 to %d names, "
			    "found %zu", LESSON_MAX_SERIES, series->n);
		c->series = xcalloc(series->n + 1, sizeof *c->series);
		c->series_pos = xcalloc(series->n + 1, sizeof *c->series_pos);
		for (size_t i = 0; i < series->n && i < LESSON_MAX_SERIES; i++) {
			if (series->kids[i]->kind != LESSON_NODE_SCALAR) {
				error_at(ld, series->kids[i], "a series name must "
				    "be text");
				continue;
			}
			c->series_pos[c->nseries] = series->kids[i]->pos;
			c->series[c->nseries++] = required_text(ld,
			    series->kids[i], "a series name");
		}
	}
	if (v[GK_HEIGHT] != NULL)
		int_value(ld, v[GK_HEIGHT], "height", 1, LESSON_MAX_CHART_HEIGHT,
		    &c->height);
	if (v[GK_SCALE] != NULL)
		load_scale(ld, c, v[GK_SCALE]);
	if (v[GK_RANGE] != NULL)
		load_range(ld, c, v[GK_RANGE]);
	if (v[GK_CAPTION] != NULL)
		c->caption = one_line(ld, v[GK_CAPTION], "a caption",
		    LESSON_LINE_WIDTH);
	if (c->has_range && c->scale == LESSON_SCALE_LOG && !(c->lo > 0))
		error_at(ld, v[GK_RANGE], "'range': a log scale needs a low end "
		    "above 0");
}

/* Where the text of a template scalar starts in the file, and the column
 * of its later lines: a literal block (|) keeps one source line per line;
 * a one-line scalar starts after its quote, if any. Other scalars' lines
 * cannot be told apart in the source: indent 0, and -1 for a folded block
 * (>), whose first line is not where the scalar starts either. */
static void
template_body(const struct loader *ld, const struct lesson_node *node,
    struct lesson_pos *body, int *indent)
{
	size_t off = 0;
	int line = 1, spaces = 0;

	*body = node->pos;
	*indent = 0;
	while (off < ld->len && line < node->pos.line)
		line += ld->buf[off++] == '\n';
	for (int col = 1; off < ld->len && col < node->pos.col; col++)
		while (++off < ld->len &&
		    ((unsigned char)ld->buf[off] & 0xC0) == 0x80)
			;	/* one character: its lead and continuation bytes */
	if (off >= ld->len)
		return;
	if (ld->buf[off] == '|') {
		/* the first line with text after the header sets the indent */
		while (off < ld->len && ld->buf[off] != '\n')
			off++;
		while (++off < ld->len) {
			for (spaces = 0; off < ld->len && ld->buf[off] == ' ';
			    off++)
				spaces++;
			if (off >= ld->len || ld->buf[off] != '\n')
				break;
		}
		*body = (struct lesson_pos){ .line = node->pos.line + 1,
		    .col = spaces + 1 };
		*indent = spaces + 1;
	} else if (ld->buf[off] == '>') {
		*indent = -1;	/* folded: no character is where it was */
	} else if (memchr(node->str, '\n', node->len) == NULL) {
		body->col += ld->buf[off] == '"' || ld->buf[off] == '\'';
	}
}

/* A sim block: what to run, what the reader may turn, what to show. */
static void
load_sim(struct loader *ld, struct lesson_block *b,
    const struct lesson_node **v)
{
	struct lesson_sim *s = &b->sim;

	const struct lesson_node *knobs = v[SK_KNOBS], *charts = v[SK_CHARTS];

	s->name = required_text(ld, v[SK_SIM], "a simulation name");
	s->name_pos = v[SK_SIM]->pos;
	if (v[SK_CAPTION] != NULL)
		s->caption = one_line(ld, v[SK_CAPTION], "a caption",
		    LESSON_LINE_WIDTH);
	if (v[SK_PARAMS] != NULL)
		load_params(ld, s, v[SK_PARAMS]);
	if (knobs != NULL) {
		s->knobs = xcalloc(knobs->n + 1, sizeof *s->knobs);
		s->nknobs = knobs->n;
		for (size_t i = 0; i < knobs->n; i++)
			load_knob(ld, &s->knobs[i], knobs->kids[i]);
	}
	if (charts != NULL) {
		s->charts = xcalloc(charts->n + 1, sizeof *s->charts);
		s->ncharts = charts->n;
		for (size_t i = 0; i < charts->n; i++)
			load_chart(ld, &s->charts[i], charts->kids[i]);
	}
	if (v[SK_OUTPUT] != NULL) {
		s->output = required_text(ld, v[SK_OUTPUT], "an output template");
		s->output_pos = v[SK_OUTPUT]->pos;
		template_body(ld, v[SK_OUTPUT], &s->output_body,
		    &s->output_indent);
	}
	s->try_text = optional_text(ld, v[SK_TRY], "a 'try this' prompt");
	if (v[SK_PREDICT] != NULL)
		load_predict(ld, &s->predict, v[SK_PREDICT]);
	if (v[SK_EXPECT] != NULL)
		load_expects(ld, s, v[SK_EXPECT]);
}

/* The kind of a block: the one kind key it has. */
static const struct block_kind *
block_kind_of(struct loader *ld, const struct lesson_node *map)
{
	const struct block_kind *found = NULL;
	const struct lesson_node *found_key = NULL;

	for (size_t k = 0; k + 1 < map->n; k += 2) {
		const struct lesson_node *key = map->kids[k];

		if (key->kind != LESSON_NODE_SCALAR)
			continue;
		for (size_t i = 0; i < NKEYS(block_kinds); i++) {
			if (strcmp(key->str, block_kinds[i].name) != 0)
				continue;
			if (found != NULL && found != &block_kinds[i]) {
				error_at(ld, key, "a block has one kind, but this "
				    "one has both '%s' (line %d) and '%s': split "
				    "it into two blocks", found->name,
				    found_key->pos.line, key->str);
				return NULL;
			}
			found = &block_kinds[i];
			found_key = key;
		}
	}
	if (found == NULL) {
		const char *names[NKEYS(block_kinds)], *near = NULL;

		for (size_t i = 0; i < NKEYS(block_kinds); i++)
			names[i] = block_kinds[i].name;
		for (size_t k = 0; k + 1 < map->n && near == NULL; k += 2)
			if (map->kids[k]->kind == LESSON_NODE_SCALAR)
				near = suggest_nearest(map->kids[k]->str, names,
				    NKEYS(block_kinds));
		if (near != NULL)
			error_at(ld, map, "a block needs one of the keys heading, "
			    "text, code, quiz or sim (did you mean '%s'?)", near);
		else
			error_at(ld, map, "a block needs one of the keys heading, "
			    "text, code, quiz or sim");
	}
	return found;
}

/* One element of 'blocks'. */
static void
load_block(struct loader *ld, struct lesson_block *b,
    const struct lesson_node *node)
{
	const struct lesson_node *v[BLOCK_KEYS_MAX];
	const struct block_kind *kind;
	char context[32];

	b->pos = node->pos;
	if (node->kind != LESSON_NODE_MAP) {
		error_at(ld, node, "a block is a mapping like 'text: ...', found "
		    "%s", lesson_node_what(node));
		b->kind = LESSON_TEXT;
		return;
	}
	kind = block_kind_of(ld, node);
	if (kind == NULL) {
		b->kind = LESSON_TEXT;
		return;
	}
	b->kind = kind->kind;
	snprintf(context, sizeof context, "a %s block", kind->name);
	match_keys(ld, node, kind->keys, kind->nkeys, v, context);
	if (v[KIND_KEY] == NULL)
		return;		/* the kind key had the wrong type: reported */
	switch (kind->kind) {
	case LESSON_HEADING:
		load_heading(ld, b, v);
		break;
	case LESSON_TEXT:
		b->text = required_text(ld, v[TK_TEXT], "text");
		b->text_pos = v[TK_TEXT]->pos;
		break;
	case LESSON_CODE:
		load_code(ld, b, v);
		break;
	case LESSON_QUIZ:
		load_quiz(ld, b, v);
		break;
	case LESSON_SIM:
		load_sim(ld, b, v);
		break;
	}
}

/* A lesson id, by the rule of core/lessonid.h. */
static void
load_id(struct loader *ld, struct lesson *l, const struct lesson_node *node)
{
	l->id_pos = node->pos;
	if (!lessonid_valid(node->str, node->len)) {
		char *shown = utf8_sanitize(node->str, node->len, 0);

		error_at(ld, node, "'id': expected " LESSONID_RULE ", found '%s'",
		    shown);
		free(shown);
		return;
	}
	l->id = xstrndup(node->str, node->len);
}

/* Convert the document tree by the schema. */
static void
load_lesson(struct loader *ld, struct lesson *l, const struct lesson_node *root)
{
	const struct lesson_node *v[LK_COUNT];

	if (root == NULL || root->kind != LESSON_NODE_MAP) {
		error_at(ld, root, "a lesson is a YAML mapping with the keys id, "
		    "number, title, goal and blocks; found %s",
		    lesson_node_what(root));
		return;
	}
	match_keys(ld, root, lesson_keys, NKEYS(lesson_keys), v, "the lesson");
	if (v[LK_ID] != NULL)
		load_id(ld, l, v[LK_ID]);
	if (v[LK_NUMBER] != NULL) {
		l->number_pos = v[LK_NUMBER]->pos;
		int_value(ld, v[LK_NUMBER], "number", 1, LESSON_MAX_NUMBER,
		    &l->number);
	}
	if (v[LK_TITLE] != NULL)
		l->title = one_line(ld, v[LK_TITLE], "the title",
		    LESSON_MAX_TITLE_WIDTH);
	if (v[LK_GOAL] != NULL)
		l->goal = required_text(ld, v[LK_GOAL], "the goal");
	if (v[LK_BLOCKS] != NULL) {
		const struct lesson_node *blocks = v[LK_BLOCKS];

		if (blocks->n == 0 || blocks->n > LESSON_MAX_BLOCKS) {
			error_at(ld, blocks, "'blocks': expected 1 to %d blocks, "
			    "found %zu", LESSON_MAX_BLOCKS, blocks->n);
			return;
		}
		l->blocks = xcalloc(blocks->n, sizeof *l->blocks);
		l->nblocks = blocks->n;
		for (size_t i = 0; i < blocks->n; i++)
			load_block(ld, &l->blocks[i], blocks->kids[i]);
	}
}

/* Parse and convert a lesson held in memory. keep: on schema errors, hand
 * back the lesson as far as it loaded (for --check) instead of NULL. */
static int
load_buffer(struct lesson **out, const char *name, const char *buf,
    size_t len, int keep, struct diag_list *diags)
{
	struct loader ld = { .file = name, .buf = buf, .len = len,
	    .diags = diags, .failed = 0 };
	struct lesson_node *root;
	struct lesson *l;
	size_t first = diags->n, errors = diags->nerrors;

	*out = NULL;
	if (len > LESSON_MAX_FILE_SIZE) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "file is too large (%zu "
		    "bytes; a lesson may have at most %d MiB)", len,
		    LESSON_MAX_FILE_SIZE >> 20);
		return -1;
	}
	if (lesson_tree_parse(&root, name, buf, len, diags) < 0) {
		if (diags->nerrors == errors)	/* never a silent failure */
			diag_add(diags, DIAG_ERROR, name, 0, 0, "YAML syntax: the "
			    "file cannot be read as YAML");
		diag_attach_source(diags, first, name, buf, len);
		return -1;
	}
	if (root == NULL) {
		diag_add(diags, DIAG_ERROR, name, 1, 1, "the file is empty: a "
		    "lesson is a YAML mapping with the keys id, number, title, "
		    "goal and blocks");
		return -1;
	}
	l = xcalloc(1, sizeof *l);
	l->file = xstrdup(name);
	load_lesson(&ld, l, root);
	lesson_tree_free(root);
	diag_attach_source(diags, first, name, buf, len);
	if (ld.failed && !keep) {
		lesson_destroy(l);
		return -1;
	}
	*out = l;
	return ld.failed ? -1 : 0;
}

/* Parse and convert a lesson held in memory; see lesson.h. */
int
lesson_load_buffer(struct lesson **out, const char *name, const char *buf,
    size_t len, struct diag_list *diags)
{
	return load_buffer(out, name, buf, len, 0, diags);
}

/* Read a lesson file (regular, at most the size limit) into a heap buffer;
 * NULL with the reason in diags. */
static char *
read_lesson_file(const char *path, size_t *len, struct diag_list *diags)
{
	char *buf;
	int err = file_read_regular(path, LESSON_MAX_FILE_SIZE, &buf, len);

	if (err == EISDIR)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "not a regular file (a "
		    "directory: use -L DIR for a directory of lessons)");
	else if (err == EINVAL)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "not a regular file");
	else if (err == EFBIG)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file is too large (%zu "
		    "bytes; a lesson may have at most %d MiB)", *len,
		    LESSON_MAX_FILE_SIZE >> 20);
	else if (err != 0)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    strerror(err));
	return err == 0 ? buf : NULL;
}

/* Read and load a lesson file, keeping a broken one when keep is set. */
static int
load_file(struct lesson **out, const char *path, int keep,
    struct diag_list *diags)
{
	size_t len;
	char *buf;
	int rc;

	*out = NULL;
	buf = read_lesson_file(path, &len, diags);
	if (buf == NULL)
		return -1;
	rc = load_buffer(out, path, buf, len, keep, diags);
	free(buf);
	return rc;
}

/* Load a lesson file; see lesson.h. */
int
lesson_load_file(struct lesson **out, const char *path,
    struct diag_list *diags)
{
	return load_file(out, path, 0, diags);
}

/* Load a lesson file for --check; see lesson.h. */
int
lesson_load_file_partial(struct lesson **out, const char *path,
    struct diag_list *diags)
{
	return load_file(out, path, 1, diags);
}

/* Free one block's strings and arrays. */
static void
block_free(struct lesson_block *b)
{
	struct lesson_sim *s = &b->sim;

	free(b->text);
	free(b->lang);
	free(b->caption);
	free(b->quiz.question);
	for (size_t i = 0; i < b->quiz.nchoices; i++)
		free(b->quiz.choices[i]);
	free(b->quiz.choices);
	if (b->quiz.why != NULL)
		for (size_t i = 0; i < b->quiz.nchoices; i++)
			free(b->quiz.why[i]);
	free(b->quiz.why);
	for (size_t i = 0; i < b->quiz.nhints; i++)
		free(b->quiz.hints[i]);
	free(b->quiz.hints);
	free(b->quiz.explain);
	free(s->name);
	for (size_t i = 0; i < s->nparams; i++) {
		free(s->params[i].name);
		free(s->params[i].value);
	}
	free(s->params);
	for (size_t i = 0; i < s->nknobs; i++)
		free(s->knobs[i].name);
	free(s->knobs);
	for (size_t i = 0; i < s->ncharts; i++) {
		for (size_t j = 0; j < s->charts[i].nseries; j++)
			free(s->charts[i].series[j]);
		free(s->charts[i].series);
		free(s->charts[i].series_pos);
		free(s->charts[i].caption);
	}
	free(s->charts);
	free(s->output);
	for (size_t i = 0; i < s->nexpects; i++)
		lesson_expect_free(&s->expects[i]);
	free(s->expects);
	free(s->try_text);
	free(s->caption);
	free(s->predict.ask);
	for (size_t i = 0; i < s->predict.nchoices; i++)
		free(s->predict.choices[i]);
	free(s->predict.choices);
	free(s->predict.scalar);
}

/* Free a lesson and everything it owns. */
void
lesson_destroy(struct lesson *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nblocks; i++)
		block_free(&l->blocks[i]);
	free(l->blocks);
	free(l->file);
	free(l->id);
	free(l->title);
	free(l->goal);
	free(l);
}

/* How many blocks of a kind a lesson has. */
size_t
lesson_count(const struct lesson *l, enum lesson_block_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nblocks; i++)
		n += l->blocks[i].kind == kind;
	return n;
}

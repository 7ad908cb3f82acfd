/* Tests of src/doc: wrapping, widths, sanitising and code blocks. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/utf8.h"
#include "doc/layout.h"
#include "doc/simblock.h"
#include "lesson/lesson.h"
#include "view/quiz.h"
#include "tests.h"

/* A lesson with one block given as YAML lines under "blocks:". */
static struct lesson *
lesson_with(const char *blocks)
{
	struct strbuf sb;
	struct diag_list d;
	struct lesson *l = NULL;

	strbuf_init(&sb);
	strbuf_addf(&sb, "id: t\nnumber: 1\ntitle: T\ngoal: G\nblocks:\n%s",
	    blocks);
	diag_list_init(&d);
	if (lesson_load_buffer(&l, "t.yaml", sb.s, sb.len, &d) < 0)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "\n%d:%d: %s\n", d.v[i].line, d.v[i].col,
			    d.v[i].msg);
	diag_list_free(&d);
	strbuf_free(&sb);
	return l;
}

/* Lay out at width, ASCII or not. */
static struct doc_page *
page_of(const struct lesson *l, int width, int ascii)
{
	struct doc_opts o = {
		.width = width,
		.ascii = ascii,
		.reveal = 1,
		.focus = -1,
	};

	return doc_layout(l, &o);
}

/* The text of line i of a page (static buffer). */
static const char *
line_text(const struct doc_page *p, size_t i)
{
	static struct strbuf sb;

	doc_line_text(&p->lines[i], &sb);
	return sb.s != NULL ? sb.s : "";
}

/* Every line is at most the width, and its recorded width is its real one. */
static void
assert_widths(const struct doc_page *p, int width)
{
	for (size_t i = 0; i < p->nlines; i++) {
		const char *t = line_text(p, i);
		size_t w = utf8_width(t, strlen(t));

		CU_ASSERT_TRUE(w <= (size_t)width);
		CU_ASSERT_EQUAL(w, (size_t)p->lines[i].width);
	}
}

/* The index of the first line containing s, or -1. */
static long
find_line(const struct doc_page *p, const char *s)
{
	for (size_t i = 0; i < p->nlines; i++)
		if (strstr(line_text(p, i), s) != NULL)
			return (long)i;
	return -1;
}

static const char paragraph[] =
    "  - text: |\n"
    "      The hidden state carries what the network has seen so far, and\n"
    "      the same weights are used at every step of the sequence.\n"
    "\n"
    "      - a bullet long enough that it must wrap under its own text\n"
    "        with a hanging indent\n";

/* Paragraphs fill greedily at 20, 40 and 80 columns and keep every word. */
static void
test_layout_wraps_at_several_widths(void)
{
	struct lesson *l = lesson_with(paragraph);
	static const int widths[] = {20, 33, 40, 80};

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	for (size_t k = 0; k < 4; k++) {
		struct doc_page *p = page_of(l, widths[k], 0);
		struct strbuf all;
		long first;

		assert_widths(p, widths[k]);
		strbuf_init(&all);
		for (size_t i = 0; i < p->nlines; i++) {
			strbuf_adds(&all, line_text(p, i));
			strbuf_addc(&all, ' ');
		}
		CU_ASSERT_PTR_NOT_NULL(strstr(all.s, "sequence."));
		CU_ASSERT_PTR_NOT_NULL(strstr(all.s, "indent"));
		first = find_line(p, "The hidden");
		CU_ASSERT_TRUE(first >= 0);
		/* greedy: the next word would not have fitted on the line */
		if (first >= 0 && widths[k] == 40) {
			CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)first),
			    "The hidden state carries what the");
			CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)first + 1),
			    "network has seen so far, and the same");
		}
		strbuf_free(&all);
		doc_page_destroy(p);
	}
	lesson_destroy(l);
}

/* A bullet's continuation lines hang under its text, not its marker. */
static void
test_layout_bullet_hanging_indent(void)
{
	struct lesson *l = lesson_with(paragraph);
	struct doc_page *p;
	long i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 30, 1);
	i = find_line(p, "* a bullet");
	CU_ASSERT_TRUE_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i), "  * a bullet long enough that");
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i + 1), "    it must wrap under its own");
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* Wide characters count two columns and combining marks stay with their
 * letter, so no line exceeds the width and no character is split. */
static void
test_layout_wide_and_combining(void)
{
	struct lesson *l = lesson_with(
	    "  - text: \xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC"
	    "\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97"
	    "\xE6\xBC\xA2\xE5\xAD\x97 cafe\xCC\x81 cafe\xCC\x81 cafe\xCC\x81\n");
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 21, 0);
	assert_widths(p, 21);
	for (size_t i = 0; i < p->nlines; i++) {
		const char *t = line_text(p, i);
		size_t len = strlen(t), at = 0;

		/* every line is valid UTF-8 on its own */
		while (at < len) {
			uint32_t cp;

			at += utf8_decode(t + at, len - at, &cp);
			CU_ASSERT_NOT_EQUAL(cp, UTF8_INVALID);
		}
		/* a combining acute never starts a line */
		CU_ASSERT_NOT_EQUAL(strncmp(t, "\xCC\x81", 2), 0);
	}
	CU_ASSERT_TRUE(find_line(p, "cafe\xCC\x81 cafe\xCC\x81") >= 0);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* Escape sequences in text and code are shown as ^[ and never raw. */
static void
test_layout_sanitises_controls(void)
{
	struct lesson *l = lesson_with(
	    "  - text: \"red \\e[31m alert \\x9b2J and \\u202e\"\n"
	    "  - code: \"print('\\e]0;pwned\\a')\"\n");
	struct doc_page *p;
	int controls = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 80, 0);
	for (size_t i = 0; i < p->nlines; i++) {
		const char *t = line_text(p, i);

		for (const char *c = t; *c != '\0'; c++)
			CU_ASSERT((unsigned char)*c >= 0x20);
		for (size_t j = 0; j < p->lines[i].nspans; j++)
			controls += p->lines[i].spans[j].style == DOC_CONTROL;
	}
	CU_ASSERT_TRUE(find_line(p, "red ^[[31m alert <U+009B>2J and <U+202E>") >= 0);
	CU_ASSERT_TRUE(find_line(p, "print('^[]0;pwned^G')") >= 0);
	CU_ASSERT_EQUAL(controls, 5);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* A code line wider than the page continues on the next line with a mark. */
static void
test_layout_code_wider_than_page(void)
{
	struct lesson *l = lesson_with(
	    "  - code: |\n"
	    "      x = torch.randn(16, 50, 10)  # batch, sequence, features\n"
	    "      y = 1\n");
	struct doc_page *p;
	long i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 30, 1);
	assert_widths(p, 30);
	i = find_line(p, "x = torch");
	CU_ASSERT_TRUE_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i),
	    "    x = torch.randn(16, 50, 1\\");
	CU_ASSERT_EQUAL(p->lines[i].spans[p->lines[i].nspans - 1].style,
	    DOC_MARK);
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i + 1),
	    "    0)  # batch, sequence, fe\\");
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i + 2), "    atures");
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i + 3), "    y = 1");
	/* at 80 columns the same code is untouched */
	doc_page_destroy(p);
	p = page_of(l, 80, 1);
	CU_ASSERT_TRUE(find_line(p,
	    "    x = torch.randn(16, 50, 10)  # batch, sequence, features") >= 0);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* Non-ASCII text gets ASCII stand-ins when asked. */
static void
test_layout_ascii_standins(void)
{
	struct lesson *l = lesson_with(
	    "  - text: \"\xE2\x80\x96W\xE2\x80\x96 \xE2\x89\xA4 \xCF\x83 "
	    "\xE2\x86\x92 0 \xE2\x80\x94 done \xE6\xBC\xA2\"\n");
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 80, 1);
	CU_ASSERT_TRUE(find_line(p, "||W|| <= sigma -> 0 -- done ?") >= 0);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* Headings are numbered, ruled and recorded for the outline; quizzes show
 * their choices and, when revealing, the answer. */
static void
test_layout_headings_and_quiz(void)
{
	struct lesson *l = lesson_with(
	    "  - heading: First\n"
	    "  - heading: Inner\n"
	    "    level: 2\n"
	    "  - heading: Second\n"
	    "  - quiz: Pick one\n"
	    "    choices: [yes, no]\n"
	    "    answer: b\n"
	    "    explain: Because.\n");
	struct doc_page *p;
	long i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 40, 1);
	/* the title, three headings and the quiz (the outline lists it) */
	CU_ASSERT_EQUAL(p->nanchors, 5);
	CU_ASSERT_STRING_EQUAL(p->anchors[4].text, "Quiz 1: Pick one");
	CU_ASSERT_EQUAL(p->anchors[4].level, 3);
	CU_ASSERT_STRING_EQUAL(p->anchors[1].text, "1. First");
	CU_ASSERT_STRING_EQUAL(p->anchors[2].text, "Inner");
	CU_ASSERT_STRING_EQUAL(p->anchors[3].text, "2. Second");
	i = find_line(p, "2. Second");
	CU_ASSERT_TRUE_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)i + 1), "---------");
	CU_ASSERT_TRUE(find_line(p, "Quiz 1: Pick one") >= 0);
	CU_ASSERT_TRUE(find_line(p, "  b) no") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Answer: b) no") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Because.") >= 0);
	CU_ASSERT_EQUAL(p->lines[p->blocks[3].first].block, 3);
	doc_page_destroy(p);
	lesson_destroy(l);
}

static const char teaching_quiz[] =
    "  - quiz: How many W_hh matrices does an RNN unrolled over 50 steps "
    "learn?\n"
    "    choices:\n"
    "      - text: 50\n"
    "        why: Unrolling copies the drawing, not the weights.\n"
    "      - one\n"
    "      - {text: 49, why: There are 49 transitions but one matrix.}\n"
    "    answer: b\n"
    "    hint:\n"
    "      - Look at the loop body.\n"
    "      - Which weights does step 2 use?\n"
    "    explain: Every step uses the same W_hh.\n";

/* The quiz page as the TUI shows it for a reader's state. */
static struct doc_page *
quiz_page(const struct lesson *l, struct doc_block_state *st)
{
	struct doc_opts o = {
		.width = 80, .ascii = 1, .reveal = 0, .focus = -1, .state = st,
	};

	return doc_layout(l, &o);
}

/* A wrong choice says why it is wrong and earns one hint per wrong try, in
 * order; the answer shows after three wrong tries, not before. */
static void
test_layout_quiz_hints_and_why(void)
{
	struct lesson *l = lesson_with(teaching_quiz);
	struct doc_block_state st[1];
	struct doc_quiz_state *q;
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(st, 0, sizeof st);
	q = &st[0].quiz;
	p = quiz_page(l, st);
	CU_ASSERT_EQUAL(find_line(p, "Hint"), -1);
	CU_ASSERT_EQUAL(find_line(p, "Answer:"), -1);
	doc_page_destroy(p);

	q->choice = 0;
	view_quiz_record(q, 0);
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "Not quite: try again (! shows the answer)")
	    >= 0);
	CU_ASSERT_TRUE(find_line(p, "You chose a): Unrolling copies the "
	    "drawing, not the weights.") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Hint 1: Look at the loop body.") >= 0);
	CU_ASSERT_EQUAL(find_line(p, "Hint 2"), -1);
	CU_ASSERT_EQUAL(find_line(p, "Answer:"), -1);
	CU_ASSERT_EQUAL(find_line(p, "Every step uses"), -1);
	CU_ASSERT_EQUAL(view_quiz_may_answer(&l->blocks[0].quiz, q),
	    VIEW_QUIZ_OPEN);
	doc_page_destroy(p);

	q->choice = 2;
	view_quiz_record(q, 0);
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "You chose c): There are 49 transitions") >=
	    0);
	CU_ASSERT_EQUAL(find_line(p, "You chose a)"), -1);
	CU_ASSERT_TRUE(find_line(p, "Hint 1: Look at the loop body.") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Hint 2: Which weights does step 2 use?") >=
	    find_line(p, "Hint 1"));
	CU_ASSERT_EQUAL(find_line(p, "Answer:"), -1);
	doc_page_destroy(p);

	q->choice = 0;
	view_quiz_record(q, 0);
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "Answer: b) one") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Every step uses the same W_hh.") >= 0);
	CU_ASSERT_EQUAL(view_quiz_may_answer(&l->blocks[0].quiz, q),
	    VIEW_QUIZ_SHOWN);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* '!' shows the answer before any try, unless the lesson says reveal:
 * false; then not even many wrong tries show it. */
static void
test_layout_quiz_reveal(void)
{
	struct lesson *l = lesson_with(teaching_quiz);
	struct lesson *graded = lesson_with(
	    "  - quiz: Pick one\n"
	    "    choices: [yes, no]\n"
	    "    answer: b\n"
	    "    reveal: false\n");
	struct lesson *two = lesson_with(
	    "  - quiz: Pick one\n"
	    "    choices: [yes, no, maybe]\n"
	    "    answer: b\n"
	    "    reveal: 2\n");
	struct doc_block_state st[1];
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(graded);
	CU_ASSERT_PTR_NOT_NULL_FATAL(two);
	CU_ASSERT_EQUAL(l->blocks[0].quiz.reveal_after, LESSON_REVEAL_AFTER);
	CU_ASSERT_EQUAL(graded->blocks[0].quiz.reveal_after, 0);
	CU_ASSERT_EQUAL(two->blocks[0].quiz.reveal_after, 2);

	memset(st, 0, sizeof st);
	CU_ASSERT_EQUAL(view_quiz_reveal(&l->blocks[0].quiz, &st[0].quiz), 0);
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "> Answer: b) one") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Every step uses the same W_hh.") >= 0);
	CU_ASSERT_EQUAL(view_quiz_may_answer(&l->blocks[0].quiz, &st[0].quiz),
	    VIEW_QUIZ_SHOWN);
	doc_page_destroy(p);

	memset(st, 0, sizeof st);
	CU_ASSERT_EQUAL(view_quiz_reveal(&graded->blocks[0].quiz, &st[0].quiz),
	    -1);
	for (int i = 0; i < 10; i++) {
		st[0].quiz.choice = 0;
		view_quiz_record(&st[0].quiz, 0);
	}
	p = quiz_page(graded, st);
	CU_ASSERT_TRUE(find_line(p, "Not quite: try again.") >= 0);
	CU_ASSERT_EQUAL(find_line(p, "! shows"), -1);
	CU_ASSERT_EQUAL(find_line(p, "Answer:"), -1);
	CU_ASSERT_EQUAL(view_quiz_may_answer(&graded->blocks[0].quiz,
	    &st[0].quiz), VIEW_QUIZ_OPEN);
	doc_page_destroy(p);

	memset(st, 0, sizeof st);
	view_quiz_record(&st[0].quiz, 0);
	p = quiz_page(two, st);
	CU_ASSERT_EQUAL(find_line(p, "Answer:"), -1);
	doc_page_destroy(p);
	view_quiz_record(&st[0].quiz, 0);
	p = quiz_page(two, st);
	CU_ASSERT_TRUE(find_line(p, "Answer: b) no") >= 0);
	doc_page_destroy(p);
	lesson_destroy(l);
	lesson_destroy(graded);
	lesson_destroy(two);
}

/* --print shows every hint, the answer and why each wrong choice is wrong. */
static void
test_layout_quiz_print_teaches(void)
{
	struct lesson *l = lesson_with(teaching_quiz);
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 80, 1);
	CU_ASSERT_TRUE(find_line(p, "Hint 1: Look at the loop body.") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Hint 2: Which weights") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Answer: b) one") > find_line(p, "Hint 2"));
	CU_ASSERT_TRUE(find_line(p, "Not a): Unrolling copies") >
	    find_line(p, "Every step uses"));
	CU_ASSERT_TRUE(find_line(p, "Not c): There are 49") >= 0);
	CU_ASSERT_EQUAL(find_line(p, "Not b)"), -1);
	CU_ASSERT_TRUE(find_line(p, "  c) 49") >= 0);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* A typed number goes through the arithmetic reader; % only where the
 * quiz's answer is a fraction. */
static void
test_layout_quiz_typed_numbers(void)
{
	struct lesson *l = lesson_with(
	    "  - quiz: Parameters of nn.RNN(10, 32)?\n"
	    "    answer: 1408\n"
	    "    tolerance: 0.5\n"
	    "  - quiz: What share of the gradient is gone after 20 steps at "
	    "0.9?\n"
	    "    answer: 0.8784\n"
	    "    tolerance: 0.001\n"
	    "    fraction: true\n");
	const struct lesson_quiz *count, *share;
	char msg[256];
	double v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	count = &l->blocks[0].quiz;
	share = &l->blocks[1].quiz;
	CU_ASSERT_EQUAL(view_quiz_read_number(count, "1,408", &v, msg,
	    sizeof msg), 0);
	CU_ASSERT_TRUE(view_quiz_number_right(count, v));
	CU_ASSERT_EQUAL(view_quiz_read_number(count, "32*10+32*32+2*32", &v,
	    msg, sizeof msg), 0);
	CU_ASSERT_TRUE(view_quiz_number_right(count, v));
	CU_ASSERT_EQUAL(view_quiz_read_number(share, "87.84%", &v, msg,
	    sizeof msg), 0);
	CU_ASSERT_TRUE(view_quiz_number_right(share, v));
	CU_ASSERT_EQUAL(view_quiz_read_number(share, "1 - 0.9^20", &v, msg,
	    sizeof msg), 0);
	CU_ASSERT_TRUE(view_quiz_number_right(share, v));
	CU_ASSERT_EQUAL(view_quiz_read_number(count, "14%", &v, msg,
	    sizeof msg), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "not a fraction"));
	CU_ASSERT_EQUAL(view_quiz_read_number(count, "about 1400", &v, msg,
	    sizeof msg), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "0.8^10"));
	lesson_destroy(l);
}

/* Does the page hold s, with its lines joined by single spaces (so a
 * sentence wrapped anywhere is found)? */
static int
page_says(const struct doc_page *p, const char *s)
{
	struct strbuf sb;
	int found;

	strbuf_init(&sb);
	for (size_t i = 0; i < p->nlines; i++) {
		const char *t = line_text(p, i);

		t += strspn(t, " ");
		strbuf_addf(&sb, "%s ", t);
	}
	found = sb.s != NULL && strstr(sb.s, s) != NULL;
	strbuf_free(&sb);
	return found;
}

static const char predict_block[] =
    "  - sim: linear-bptt\n"
    "    params: {n: 8, scale: 0.9, steps: 50}\n"
    "    knobs: [scale]\n"
    "    predict:\n"
    "      ask: What fraction of the norm arrives after 50 steps?\n"
    "      scalar: ratio\n"
    "      decades: 0.5\n"
    "    charts:\n"
    "      - series: norm\n"
    "    output: |\n"
    "      ratio {ratio:.4g}\n";

/* A sim block with a prediction hides its knobs, chart and output until
 * the reader commits; then it shows the guess beside what the engine
 * computed, judged in orders of magnitude. */
static void
test_layout_predict_hides_until_committed(void)
{
	struct lesson *l = lesson_with(predict_block);
	struct doc_block_state st[1];
	struct doc_page *p;
	double ratio = pow(0.9, 50);

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(st, 0, sizeof st);
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "Predict: What fraction of the norm") >= 0);
	CU_ASSERT_TRUE(find_line(p, "Guess first: press Enter") >= 0);
	CU_ASSERT_EQUAL(find_line(p, "knobs:"), -1);
	CU_ASSERT_EQUAL(find_line(p, "ratio 0.005"), -1);
	CU_ASSERT_EQUAL(find_line(p, "falls from"), -1);
	doc_page_destroy(p);

	st[0].predict.committed = 1;
	st[0].predict.value = 0.5;
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "knobs:") >= 0);
	CU_ASSERT_TRUE(find_line(p, "ratio 0.005154") >= 0);
	CU_ASSERT_TRUE(page_says(p, "You predicted 0.5; the simulation gives "
	    "ratio = 0.005154: not close (2.0 orders of magnitude apart)."));
	CU_ASSERT_EQUAL(find_line(p, "Guess first"), -1);
	doc_page_destroy(p);

	st[0].predict.value = 0.01;
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(page_says(p, "You predicted 0.01; the simulation gives "
	    "ratio = 0.005154: close (0.3 orders of magnitude apart)."));
	doc_page_destroy(p);

	/* print: the question, then the result and the engine's answer */
	p = page_of(l, 80, 1);
	CU_ASSERT_TRUE(find_line(p, "Predict: What fraction") >= 0);
	CU_ASSERT_TRUE(find_line(p, "ratio 0.005154") >
	    find_line(p, "Predict: What fraction"));
	CU_ASSERT_TRUE(find_line(p, "> The simulation gives ratio = 0.005154.") >
	    find_line(p, "ratio 0.005154"));
	CU_ASSERT_EQUAL(find_line(p, "Guess first"), -1);
	doc_page_destroy(p);

	CU_ASSERT_TRUE(doc_predict_close(&l->blocks[0].sim.predict, 0.01, ratio));
	CU_ASSERT_FALSE(doc_predict_close(&l->blocks[0].sim.predict, 0.02,
	    ratio));
	CU_ASSERT_FALSE(doc_predict_close(&l->blocks[0].sim.predict, -1, ratio));
	lesson_destroy(l);
}

/* Choice predictions, and the tolerance rules of numeric ones. */
static void
test_layout_predict_choice_and_tolerance(void)
{
	struct lesson *l = lesson_with(
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 1.1, steps: 20}\n"
	    "    predict:\n"
	    "      ask: Does the norm grow or shrink?\n"
	    "      choices: [it shrinks, it grows, it stays]\n"
	    "      answer: b\n"
	    "    output: \"last {last:.4g}\"\n"
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 0.9, steps: 20}\n"
	    "    predict: {ask: Ratio?, scalar: ratio}\n"
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 0.9, steps: 20}\n"
	    "    predict: {ask: Ratio?, scalar: ratio, tolerance: 0.001}\n");
	struct doc_block_state st[3];
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(st, 0, sizeof st);
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "Guess first: press a letter") >= 0);
	CU_ASSERT_TRUE(find_line(p, "b) it grows") >= 0);
	CU_ASSERT_EQUAL(find_line(p, "last "), -1);
	doc_page_destroy(p);
	st[0].predict.committed = 1;
	st[0].predict.choice = 0;
	p = quiz_page(l, st);
	CU_ASSERT_TRUE(find_line(p, "last 13.45") >= 0);
	CU_ASSERT_TRUE(find_line(p, "You predicted a); the result says b) it "
	    "grows.") >= 0);
	doc_page_destroy(p);
	/* default: within 10% of the value; or the lesson's tolerance */
	CU_ASSERT_TRUE(doc_predict_close(&l->blocks[1].sim.predict, 0.13,
	    0.1216));
	CU_ASSERT_FALSE(doc_predict_close(&l->blocks[1].sim.predict, 0.14,
	    0.1216));
	CU_ASSERT_FALSE(doc_predict_close(&l->blocks[2].sim.predict, 0.13,
	    0.1216));
	CU_ASSERT_TRUE(doc_predict_close(&l->blocks[2].sim.predict, 0.1223,
	    0.1216));
	lesson_destroy(l);
}

/* Does some line of the page read exactly want? */
static int
page_has(const struct doc_page *p, const char *want)
{
	for (size_t i = 0; i < p->nlines; i++)
		if (strcmp(line_text(p, i), want) == 0)
			return 1;
	return 0;
}

/* Output templates show parameters and arithmetic on results and
 * parameters; a word parameter shows its word. */
static void
test_layout_template_arithmetic(void)
{
	struct lesson *l = lesson_with(
	    "  - sim: linear-bptt\n"
	    "    params: {scale: 0.9, steps: 20}\n"
	    "    output: |\n"
	    "      {scale}^{steps} = {norm[-1] / norm[0]:.4f}\n"
	    "      {(1 + 2) * -3 - 4 / 2 + 1e1:.1f} {{braces}}\n"
	    "  - sim: bptt-norms\n"
	    "    params: {steps: 10, hidden: 4, activation: linear}\n"
	    "    output: \"{activation} at rho {rho}\"\n");
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_of(l, 80, 1);
	CU_ASSERT_TRUE(page_has(p, "    0.9^20 = 0.1216"));
	CU_ASSERT_TRUE(page_has(p, "    -1.0 {braces}"));
	CU_ASSERT_TRUE(page_has(p, "    linear at rho 0.9"));
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* A heap copy of v[0..n), for sim_result_add_series. */
static double *
copy_of(const double *v, size_t n)
{
	double *c = malloc(n * sizeof *c);

	memcpy(c, v, n * sizeof *c);
	return c;
}

/* An answer with row series: one line a row, the glyphs of every row
 * and the step axis in the same columns, each row on its own range ("LO
 * glyphs to HI"), within the width; narrow, the rows keep their glyphs
 * and drop the labels. */
static void
test_layout_answer_strip_shares_the_axis(void)
{
	static const int widths[] = { 80, 30 };
	double mark[12] = { 0 }, gate[12], sal[12];
	struct sim_result ans;
	struct sim_series *s;

	sim_result_init(&ans);
	ans.step_name = malloc(2);
	memcpy(ans.step_name, "t", 2);
	ans.step_first = 1;
	mark[1] = mark[8] = 1.0;
	for (size_t t = 0; t < 12; t++) {
		gate[t] = 0.5 + 0.01 * (double)t;
		sal[t] = pow(10.0, (double)t - 11.0);
	}
	sim_result_add_note(&ans, "Markers at t = 2 and 9.");
	s = sim_result_add_series(&ans, "marker", "", copy_of(mark, 12),
	    12);
	s->row = SIM_ROW_LINEAR;
	s->has_range = 1;
	s->hi = 1.0;
	s = sim_result_add_series(&ans, "input", "", copy_of(gate, 12),
	    12);
	s->row = SIM_ROW_LINEAR;
	s = sim_result_add_series(&ans, "LSTM dy/dx", "",
	    copy_of(sal, 12), 12);
	s->row = SIM_ROW_LOG;
	for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
		struct doc_opts o = { .width = widths[k], .ascii = 1,
			.focus = -1 };
		struct doc_page *p = doc_layout_answer(&ans, &o);
		long m = find_line(p, "marker"), in = find_line(p, "input");
		long dy = find_line(p, "LSTM dy/dx"), ax = find_line(p, "t=1");
		char mt[256];
		size_t at;

		CU_ASSERT_FATAL(m >= 0 && in == m + 1 && dy == m + 2 &&
		    ax == m + 3);
		snprintf(mt, sizeof mt, "%s", line_text(p, (size_t)m));
		at = strcspn(mt, "_|");	/* the first glyph's column */
		if (widths[k] == 80) {
			/* 12 steps in 36 columns: three a step */
			CU_ASSERT_STRING_EQUAL(mt, "    marker            0 "
			    "___|||__________________|||_________ to 1");
			/* a rise from 0.5 to 0.61 over the four ASCII levels */
			CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)in),
			    "    input           0.5 _________.........::::::::"
			    ":||||||||| to 0.61");
			/* ten decades, evenly on the log row */
			CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)dy),
			    "    LSTM dy/dx    1e-11 _________.........::::::::"
			    ":||||||||| to 1");
		} else {
			CU_ASSERT_STRING_EQUAL(mt, "    marker     _|______|___");
			CU_ASSERT_STRING_EQUAL(line_text(p, (size_t)dy),
			    "    LSTM dy/dx ___...:::|||");
		}
		/* the axis: t=1 under the first glyph, 12 under the last */
		CU_ASSERT_EQUAL(strstr(line_text(p, (size_t)ax), "t=1") -
		    line_text(p, (size_t)ax), (long)at);
		CU_ASSERT_EQUAL(strlen(line_text(p, (size_t)ax)),
		    at + strspn(mt + at, "_|"));
		assert_widths(p, widths[k]);
		doc_page_destroy(p);
	}
	sim_result_free(&ans);
}

void
test_layout_register(void)
{
	CU_pSuite s = CU_add_suite("layout", NULL, NULL);

	CU_add_test(s, "template arithmetic", test_layout_template_arithmetic);
	CU_add_test(s, "answer strip shares the axis",
	    test_layout_answer_strip_shares_the_axis);

	CU_add_test(s, "wraps at several widths", test_layout_wraps_at_several_widths);
	CU_add_test(s, "bullet hanging indent", test_layout_bullet_hanging_indent);
	CU_add_test(s, "wide and combining", test_layout_wide_and_combining);
	CU_add_test(s, "sanitises controls", test_layout_sanitises_controls);
	CU_add_test(s, "code wider than page", test_layout_code_wider_than_page);
	CU_add_test(s, "ascii standins", test_layout_ascii_standins);
	CU_add_test(s, "headings and quiz", test_layout_headings_and_quiz);
	CU_add_test(s, "quiz hints and why", test_layout_quiz_hints_and_why);
	CU_add_test(s, "quiz reveal", test_layout_quiz_reveal);
	CU_add_test(s, "quiz print teaches", test_layout_quiz_print_teaches);
	CU_add_test(s, "quiz typed numbers", test_layout_quiz_typed_numbers);
	CU_add_test(s, "predict hides until committed",
	    test_layout_predict_hides_until_committed);
	CU_add_test(s, "predict choice and tolerance",
	    test_layout_predict_choice_and_tolerance);
}

/* keys: what a key means in each state of the reader's screen. */
#include "config.h"

#include "view/keys.h"

#define ACT(a) ((struct view_action){ .act = (a), .arg = 0 })

/* Is key Return or the keypad's Enter? */
static int
is_enter(int key)
{
	return key == '\n' || key == '\r' || key == VIEW_KEY_ENTER;
}

/* Keys of the one-line editor: bytes go into the text. */
static struct view_action
prompt_key(int key)
{
	if (is_enter(key))
		return ACT(VIEW_ACT_ACCEPT);
	if (key == VIEW_KEY_ESC || key == VIEW_KEY_CTRL('C') ||
	    key == VIEW_KEY_CTRL('G'))
		return ACT(VIEW_ACT_CANCEL);
	if (key == VIEW_KEY_BACKSPACE || key == 127 || key == VIEW_KEY_CTRL('H'))
		return ACT(VIEW_ACT_ERASE);
	if (key == VIEW_KEY_DELETE || key == VIEW_KEY_CTRL('D'))
		return ACT(VIEW_ACT_DELETE);
	if (key == VIEW_KEY_CTRL('U'))
		return ACT(VIEW_ACT_KILL_LINE);
	if (key == VIEW_KEY_CTRL('W'))
		return ACT(VIEW_ACT_ERASE_WORD);
	if (key == VIEW_KEY_LEFT || key == VIEW_KEY_CTRL('B'))
		return ACT(VIEW_ACT_CURSOR_LEFT);
	if (key == VIEW_KEY_RIGHT || key == VIEW_KEY_CTRL('F'))
		return ACT(VIEW_ACT_CURSOR_RIGHT);
	if (key == VIEW_KEY_HOME || key == VIEW_KEY_CTRL('A'))
		return ACT(VIEW_ACT_CURSOR_HOME);
	if (key == VIEW_KEY_END || key == VIEW_KEY_CTRL('E'))
		return ACT(VIEW_ACT_CURSOR_END);
	if (key >= 0x20 && key < 0x100 && key != 0x7F)
		return (struct view_action){ .act = VIEW_ACT_INSERT, .arg = key };
	return ACT(VIEW_ACT_NONE);
}

/* Moving the selection of the menu or a list: j k g G and the arrows,
 * Home, End; VIEW_ACT_NONE for any other key. */
static struct view_action
select_key(int key)
{
	switch (key) {
	case 'j': case VIEW_KEY_DOWN:
		return ACT(VIEW_ACT_SELECT_NEXT);
	case 'k': case VIEW_KEY_UP:
		return ACT(VIEW_ACT_SELECT_PREV);
	case 'g': case VIEW_KEY_HOME:
		return ACT(VIEW_ACT_SELECT_FIRST);
	case 'G': case VIEW_KEY_END:
		return ACT(VIEW_ACT_SELECT_LAST);
	default:
		return ACT(VIEW_ACT_NONE);
	}
}

/* Keys of the lesson menu. */
static struct view_action
menu_key(int key)
{
	struct view_action a = select_key(key);

	if (a.act != VIEW_ACT_NONE)
		return a;
	switch (key) {
	case '\n': case '\r': case VIEW_KEY_ENTER: case 'l': case VIEW_KEY_RIGHT:
		return ACT(VIEW_ACT_OPEN);
	case '/':
		return ACT(VIEW_ACT_SEARCH_ALL);
	case 'v':
		return ACT(VIEW_ACT_REVIEW);
	case 'r':
		return ACT(VIEW_ACT_RELOAD);
	case 'w':
		return ACT(VIEW_ACT_WATCH);
	case 'W':
		return ACT(VIEW_ACT_WARNINGS);
	case '?':
		return ACT(VIEW_ACT_HELP);
	case 'q': case 'Q':
		return ACT(VIEW_ACT_QUIT);
	default:
		if (key >= '1' && key <= '9')
			return (struct view_action){ .act = VIEW_ACT_OPEN_NUMBER,
			    .arg = key - '0' };
		return ACT(VIEW_ACT_NONE);
	}
}

/* Keys of the outline, the search results and the lesson errors. */
static struct view_action
list_key(int key)
{
	struct view_action a = select_key(key);

	if (a.act != VIEW_ACT_NONE)
		return a;
	switch (key) {
	case '\n': case '\r': case VIEW_KEY_ENTER:
		return ACT(VIEW_ACT_OPEN);
	case 'q': case VIEW_KEY_ESC: case 'h': case VIEW_KEY_LEFT:
		return ACT(VIEW_ACT_BACK);
	case '?':
		return ACT(VIEW_ACT_HELP);
	default:
		return ACT(VIEW_ACT_NONE);
	}
}

/* Keys of a focused simulation: knobs (a slow one also trains). */
static struct view_action
sim_key(const struct view_state *s, int key)
{
	if (s->focus == VIEW_FOCUS_SLOW_SIM) {
		if (is_enter(key))
			return ACT(s->training ? VIEW_ACT_TRAIN_BUSY :
			    VIEW_ACT_TRAIN);
		if (key == 't')
			return ACT(VIEW_ACT_SENTENCE);
	}
	switch (key) {
	case VIEW_KEY_LEFT: case 'h': case '-':
		return ACT(VIEW_ACT_KNOB_DOWN);
	case VIEW_KEY_RIGHT: case 'l': case '+': case '=':
		return ACT(VIEW_ACT_KNOB_UP);
	case VIEW_KEY_UP:
		return ACT(VIEW_ACT_KNOB_PREV);
	case VIEW_KEY_DOWN:
		return ACT(VIEW_ACT_KNOB_NEXT);
	case '0':
		return ACT(VIEW_ACT_KNOB_RESET);
	case 'c':
		return ACT(VIEW_ACT_SIM_COMMAND);
	default:
		return ACT(VIEW_ACT_NONE);
	}
}

/* Keys of a focused quiz: a letter answers, Enter asks for a number, !
 * shows the answer. */
static struct view_action
quiz_key(const struct view_state *s, int key)
{
	if (s->focus == VIEW_FOCUS_CHOICE_QUIZ && key >= 'a' &&
	    key < 'a' + (int)s->nchoices)
		return (struct view_action){ .act = VIEW_ACT_ANSWER,
		    .arg = key - 'a' };
	if (s->focus == VIEW_FOCUS_NUMBER_QUIZ && (is_enter(key) || key == '='))
		return ACT(VIEW_ACT_ASK_NUMBER);
	if (key == '!')
		return ACT(VIEW_ACT_REVEAL);
	return ACT(VIEW_ACT_NONE);
}

/* Keys of a sim block waiting for a prediction: a letter or a number. */
static struct view_action
predict_key(const struct view_state *s, int key)
{
	if (s->focus == VIEW_FOCUS_PREDICT_CHOICE && key >= 'a' &&
	    key < 'a' + (int)s->nchoices)
		return (struct view_action){ .act = VIEW_ACT_PREDICT,
		    .arg = key - 'a' };
	if (s->focus == VIEW_FOCUS_PREDICT_NUMBER &&
	    (is_enter(key) || key == '='))
		return ACT(VIEW_ACT_ASK_PREDICT);
	return ACT(VIEW_ACT_NONE);
}

/* The pager's own keys, as less and vi readers expect them. */
static struct view_action
page_key(int key)
{
	switch (key) {
	case 'j': case 'e': case VIEW_KEY_DOWN: case '\n': case '\r':
	case VIEW_KEY_ENTER: case VIEW_KEY_CTRL('N'): case VIEW_KEY_CTRL('E'):
		return ACT(VIEW_ACT_LINE_DOWN);
	case 'k': case 'y': case VIEW_KEY_UP: case VIEW_KEY_CTRL('P'):
	case VIEW_KEY_CTRL('Y'):
		return ACT(VIEW_ACT_LINE_UP);
	case ' ': case 'f': case VIEW_KEY_PAGE_DOWN: case VIEW_KEY_CTRL('F'):
		return ACT(VIEW_ACT_PAGE_DOWN);
	case 'b': case VIEW_KEY_PAGE_UP: case VIEW_KEY_CTRL('B'):
		return ACT(VIEW_ACT_PAGE_UP);
	case 'd': case VIEW_KEY_CTRL('D'):
		return ACT(VIEW_ACT_HALF_DOWN);
	case 'u': case VIEW_KEY_CTRL('U'):
		return ACT(VIEW_ACT_HALF_UP);
	case 'g': case '<': case VIEW_KEY_HOME:
		return ACT(VIEW_ACT_TOP);
	case 'G': case '>': case VIEW_KEY_END:
		return ACT(VIEW_ACT_BOTTOM);
	case '\t':
		return ACT(VIEW_ACT_FOCUS_NEXT);
	case VIEW_KEY_BACKTAB:
		return ACT(VIEW_ACT_FOCUS_PREV);
	case '/':
		return ACT(VIEW_ACT_SEARCH);
	case 'n':
		return ACT(VIEW_ACT_SEARCH_NEXT);
	case 'N':
		return ACT(VIEW_ACT_SEARCH_PREV);
	case 'o':
		return ACT(VIEW_ACT_OUTLINE);
	case ']':
		return ACT(VIEW_ACT_NEXT_LESSON);
	case '[':
		return ACT(VIEW_ACT_PREV_LESSON);
	case 'r':
		return ACT(VIEW_ACT_RELOAD);
	case 'w':
		return ACT(VIEW_ACT_WATCH);
	case 'W':
		return ACT(VIEW_ACT_WARNINGS);
	case 's':
		return ACT(VIEW_ACT_SAVE);
	case '?':
		return ACT(VIEW_ACT_HELP);
	case 'q': case 'h': case VIEW_KEY_LEFT: case VIEW_KEY_ESC:
		return ACT(VIEW_ACT_BACK);
	case 'Q':
		return ACT(VIEW_ACT_QUIT);
	default:
		return ACT(VIEW_ACT_NONE);
	}
}

/* Keys of the pager: Esc stops training first, then a focused block takes
 * its keys, and what it does not take moves the page. */
static struct view_action
pager_key(const struct view_state *s, int key)
{
	struct view_action a = ACT(VIEW_ACT_NONE);

	if (key == VIEW_KEY_ESC && s->training)
		return ACT(VIEW_ACT_STOP_TRAINING);
	if (s->focus != VIEW_FOCUS_NONE && key == VIEW_KEY_ESC)
		return ACT(VIEW_ACT_UNFOCUS);
	switch (s->focus) {
	case VIEW_FOCUS_SIM: case VIEW_FOCUS_SLOW_SIM:
		a = sim_key(s, key);
		break;
	case VIEW_FOCUS_CHOICE_QUIZ: case VIEW_FOCUS_NUMBER_QUIZ:
		a = quiz_key(s, key);
		break;
	case VIEW_FOCUS_PREDICT_CHOICE: case VIEW_FOCUS_PREDICT_NUMBER:
		a = predict_key(s, key);
		break;
	case VIEW_FOCUS_NONE:
		break;
	}
	return a.act != VIEW_ACT_NONE ? a : page_key(key);
}

/* See keys.h. */
struct view_action
view_key_action(const struct view_state *state, int key)
{
	switch (state->where) {
	case VIEW_IN_PROMPT:
		return prompt_key(key);
	case VIEW_IN_MENU:
		return menu_key(key);
	case VIEW_IN_PAGER:
		return pager_key(state, key);
	case VIEW_IN_LIST:
		return list_key(key);
	case VIEW_IN_HELP:
		return ACT(VIEW_ACT_BACK);	/* any key closes help */
	case VIEW_IN_TOO_SMALL:
		return ACT(key == 'q' || key == 'Q' ? VIEW_ACT_QUIT :
		    VIEW_ACT_NONE);
	}
	return ACT(VIEW_ACT_NONE);
}

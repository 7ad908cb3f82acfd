/* keys: what a key means in a state of the reader's screen.
 *
 * src/ui reads a key from curses, turns curses' key codes into the
 * VIEW_KEY_* codes below (bytes stay bytes), describes the state it is in
 * (screen, focused block, training) and performs the action this module
 * names. So which key does what is decided here, state by state, and the
 * tests can ask it without a terminal. Nothing is allocated. */
#ifndef RNNTUTOR_VIEW_KEYS_H
#define RNNTUTOR_VIEW_KEYS_H

#include <stddef.h>

#include "view/focus.h"

/* Keys that are not bytes; bytes (0..255) stand for themselves. */
enum view_key {
	VIEW_KEY_NONE = 0x1000,	/* a key no state knows */
	VIEW_KEY_UP,
	VIEW_KEY_DOWN,
	VIEW_KEY_LEFT,
	VIEW_KEY_RIGHT,
	VIEW_KEY_PAGE_UP,
	VIEW_KEY_PAGE_DOWN,
	VIEW_KEY_HOME,
	VIEW_KEY_END,
	VIEW_KEY_ENTER,		/* the keypad's Enter; Return is '\r' */
	VIEW_KEY_BACKSPACE,
	VIEW_KEY_BACKTAB,	/* Shift-Tab */
	VIEW_KEY_DELETE		/* Delete (forward) */
};

#define VIEW_KEY_ESC 27
#define VIEW_KEY_CTRL(c) ((c) & 0x1f)

/* Where the reader is. */
enum view_where {
	VIEW_IN_MENU,
	VIEW_IN_PAGER,
	VIEW_IN_LIST,		/* outline, search results, lesson errors */
	VIEW_IN_HELP,
	VIEW_IN_PROMPT,		/* the one-line editor is open */
	VIEW_IN_TOO_SMALL	/* the terminal is below the minimum size */
};

struct view_state {
	enum view_where where;
	enum view_focus focus;	/* VIEW_IN_PAGER: the focused block */
	size_t nchoices;	/* VIEW_FOCUS_CHOICE_QUIZ, _PREDICT_CHOICE: its
				 * choices */
	int training;		/* a training run is going on */
};

enum view_act {
	VIEW_ACT_NONE,
	/* moving in the page */
	VIEW_ACT_LINE_DOWN,
	VIEW_ACT_LINE_UP,
	VIEW_ACT_PAGE_DOWN,
	VIEW_ACT_PAGE_UP,
	VIEW_ACT_HALF_DOWN,
	VIEW_ACT_HALF_UP,
	VIEW_ACT_TOP,
	VIEW_ACT_BOTTOM,
	/* the pager's other keys */
	VIEW_ACT_FOCUS_NEXT,
	VIEW_ACT_FOCUS_PREV,
	VIEW_ACT_SEARCH,	/* ask for a word to find in the lesson */
	VIEW_ACT_SEARCH_NEXT,
	VIEW_ACT_SEARCH_PREV,
	VIEW_ACT_OUTLINE,
	VIEW_ACT_NEXT_LESSON,
	VIEW_ACT_PREV_LESSON,
	VIEW_ACT_SAVE,
	/* a focused block */
	VIEW_ACT_UNFOCUS,
	VIEW_ACT_KNOB_DOWN,	/* turn the selected knob one step down */
	VIEW_ACT_KNOB_UP,
	VIEW_ACT_KNOB_PREV,	/* select the knob above */
	VIEW_ACT_KNOB_NEXT,
	VIEW_ACT_KNOB_RESET,	/* back to the lesson's values */
	VIEW_ACT_SIM_COMMAND,	/* show, hide its "rnntutor sim" line */
	VIEW_ACT_TRAIN,		/* start training the focused block */
	VIEW_ACT_TRAIN_BUSY,	/* asked to train while training runs */
	VIEW_ACT_STOP_TRAINING,
	VIEW_ACT_SENTENCE,	/* ask for a sentence for the trained model */
	VIEW_ACT_ANSWER,	/* arg: the index of the choice */
	VIEW_ACT_ASK_NUMBER,	/* ask for a numeric quiz's answer */
	VIEW_ACT_REVEAL,	/* show a quiz's answer ('!') */
	VIEW_ACT_PREDICT,	/* arg: the index of the choice guessed */
	VIEW_ACT_ASK_PREDICT,	/* ask for a guessed number */
	/* the lesson menu and the lists */
	VIEW_ACT_SELECT_NEXT,
	VIEW_ACT_SELECT_PREV,
	VIEW_ACT_SELECT_FIRST,
	VIEW_ACT_SELECT_LAST,
	VIEW_ACT_OPEN,		/* the selected lesson or list row */
	VIEW_ACT_OPEN_NUMBER,	/* arg: the lesson number, 1 to 9 */
	VIEW_ACT_SEARCH_ALL,	/* ask for a word to find in every lesson */
	VIEW_ACT_REVIEW,	/* review what was missed ('v') */
	/* on every screen */
	VIEW_ACT_RELOAD,
	VIEW_ACT_WATCH,		/* reload by itself when a lesson file changes */
	VIEW_ACT_WARNINGS,	/* show the lessons' warnings ('W') */
	VIEW_ACT_HELP,
	VIEW_ACT_BACK,		/* leave this screen (or close help) */
	VIEW_ACT_QUIT,
	/* the one-line editor */
	VIEW_ACT_ACCEPT,
	VIEW_ACT_CANCEL,
	VIEW_ACT_ERASE,		/* the last character; cancels when empty */
	VIEW_ACT_KILL_LINE,
	VIEW_ACT_INSERT,	/* arg: the byte */
	VIEW_ACT_CURSOR_LEFT,	/* Left, Ctrl-B */
	VIEW_ACT_CURSOR_RIGHT,	/* Right, Ctrl-F */
	VIEW_ACT_CURSOR_HOME,	/* Home, Ctrl-A */
	VIEW_ACT_CURSOR_END,	/* End, Ctrl-E */
	VIEW_ACT_ERASE_WORD,	/* Ctrl-W: the word before the cursor */
	VIEW_ACT_DELETE		/* Delete, Ctrl-D: the character under it */
};

struct view_action {
	enum view_act act;
	int arg;
};

/* What key (a byte or a VIEW_KEY_*) means in state. VIEW_ACT_NONE: nothing;
 * the screen ignores it. */
struct view_action view_key_action(const struct view_state *state, int key);

#endif

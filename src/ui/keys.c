/* keys: curses' key codes in the view's terms (view/keys.h). */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>

/* See ui.h. */
int
ui_key_view(int key)
{
	switch (key) {
	case KEY_UP: return VIEW_KEY_UP;
	case KEY_DOWN: return VIEW_KEY_DOWN;
	case KEY_LEFT: return VIEW_KEY_LEFT;
	case KEY_RIGHT: return VIEW_KEY_RIGHT;
	case KEY_PPAGE: return VIEW_KEY_PAGE_UP;
	case KEY_NPAGE: return VIEW_KEY_PAGE_DOWN;
	case KEY_HOME: return VIEW_KEY_HOME;
	case KEY_END: return VIEW_KEY_END;
	case KEY_ENTER: return VIEW_KEY_ENTER;
	case KEY_BACKSPACE: return VIEW_KEY_BACKSPACE;
	case KEY_BTAB: return VIEW_KEY_BACKTAB;
	case KEY_DC: return VIEW_KEY_DELETE;
	default:
		return key >= 0 && key < 0x100 ? key : VIEW_KEY_NONE;
	}
}

/* See ui.h. */
struct view_action
ui_key_action(const struct view_state *state, int key)
{
	return view_key_action(state, ui_key_view(key));
}

/* list: the selection in a list and the rows that show. */
#include "config.h"

#include "view/list.h"

/* See list.h. */
size_t
view_list_move(size_t sel, size_t n, enum view_act act)
{
	switch (act) {
	case VIEW_ACT_SELECT_NEXT:
		return sel + 1 < n ? sel + 1 : sel;
	case VIEW_ACT_SELECT_PREV:
		return sel > 0 ? sel - 1 : sel;
	case VIEW_ACT_SELECT_FIRST:
		return 0;
	case VIEW_ACT_SELECT_LAST:
		return n > 0 ? n - 1 : 0;
	default:
		return sel;
	}
}

/* See list.h. */
size_t
view_list_first(size_t sel, size_t visible)
{
	return visible > 0 && sel >= visible ? sel - visible + 1 : 0;
}
